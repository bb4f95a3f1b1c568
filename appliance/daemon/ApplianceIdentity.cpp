// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/ApplianceIdentity.h"

#include "appliance/store/Database.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace mamori::appliance::ApplianceIdentity {
namespace {

QString wayOut(const QString &dataDir)
{
    return QStringLiteral(
        "The appliance does not make up a new identity by itself: every console pinned the old "
        "one. Way out: put back %1/tls/key.pem and cert.pem from a backup of the data folder, "
        "or run 'mamori-appliance identity renew --data %1' and have every console accept the "
        "new fingerprint (mamori-appliance(8), \"Identity\").")
        .arg(dataDir);
}

} // namespace

QString recordedFingerprint(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'tls_fingerprint'"));
    return q.next() ? q.value(0).toString() : QString();
}

bool recordFingerprint(QSqlDatabase db, const QString &fingerprint, QString *error)
{
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO settings(key, value) VALUES('tls_fingerprint', ?)"));
    q.addBindValue(fingerprint);
    if (q.exec())
        return true;
    *error = QStringLiteral("cannot record the TLS fingerprint: %1").arg(q.lastError().text());
    return false;
}

std::optional<TlsIdentity> loadForStart(const QString &dataDir, QSqlDatabase db, QString *error)
{
    const QString recorded = recordedFingerprint(db);
    if (!TlsIdentity::present(dataDir) && recorded.isEmpty()) {
        auto created = TlsIdentity::create(dataDir, error); // first start
        if (!created || !recordFingerprint(db, created->fingerprint(), error))
            return std::nullopt;
        return created;
    }
    QString problem;
    auto loaded = TlsIdentity::load(dataDir, &problem);
    if (!loaded) {
        *error = QStringLiteral("identity missing or damaged: %1%2. %3")
                     .arg(problem,
                         recorded.isEmpty()
                             ? QString()
                             : QStringLiteral(" (the appliance's fingerprint is %1)").arg(recorded),
                         wayOut(dataDir));
        return std::nullopt;
    }
    if (recorded.isEmpty()) {
        // A data folder from before fingerprints were recorded.
        if (!recordFingerprint(db, loaded->fingerprint(), error))
            return std::nullopt;
    } else if (recorded != loaded->fingerprint()) {
        *error = QStringLiteral("identity replaced: %1/tls holds the certificate %2, but the "
                                "appliance's is %3. %4")
                     .arg(dataDir, loaded->fingerprint(), recorded, wayOut(dataDir));
        return std::nullopt;
    }
    return loaded;
}

std::optional<Renewal> renew(const QString &dataDir, QSqlDatabase db, QString *error)
{
    Renewal renewal;
    if (const auto old = TlsIdentity::load(dataDir, &renewal.oldProblem))
        renewal.oldFingerprint = old->fingerprint();
    const QDir tls(QDir(dataDir).filePath(QStringLiteral("tls")));
    const QStringList names = {QStringLiteral("key.pem"), QStringLiteral("cert.pem")};
    // One suffix for the pair; a second renewal within the same second
    // must not find the first one's files in its way.
    QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QString second = stamp;
    const auto taken = [&] {
        return std::any_of(names.cbegin(), names.cend(), [&](const QString &name) {
            return QFile::exists(tls.filePath(name + QStringLiteral(".retired-") + stamp));
        });
    };
    for (int n = 2; taken(); ++n)
        stamp = second + u'-' + QString::number(n);
    for (const QString &name : names) {
        const QString path = tls.filePath(name);
        if (!QFile::exists(path))
            continue;
        const QString retired = path + QStringLiteral(".retired-") + stamp;
        if (!QFile::rename(path, retired)) {
            *error = QStringLiteral("cannot move %1 aside").arg(path);
            return std::nullopt;
        }
        renewal.retired << retired;
    }
    const auto created = TlsIdentity::create(dataDir, error);
    if (!created || !recordFingerprint(db, created->fingerprint(), error))
        return std::nullopt;
    renewal.newFingerprint = created->fingerprint();
    return renewal;
}

} // namespace mamori::appliance::ApplianceIdentity
