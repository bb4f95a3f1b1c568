// SPDX-License-Identifier: GPL-2.0-or-later
//
// Writes a console data folder the way Mamori 0.1.0 (commit 98cf32a) does.
// Built by tests/upgrade/make-fixture against THAT commit's sources only, not
// by the project's CMake build: its ConsoleStore and MetricsArchive calls
// are those of the old release.
//
// write_console_fixture CONSOLE_DIR URL CERT_PEM APPLIANCE_ID LAST_SEQ METRICS_JSON
#include "app/client/CertificateInfo.h"
#include "app/metrics/MetricsArchive.h"
#include "app/store/ConsoleStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace mamori::console;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "write_console_fixture: %s\n", qPrintable(message));
    return 1;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// GET /api/v1/metrics's answer → the archive, as MetricsFeed stores it.
QHash<QString, QList<MetricPoint>> metricPoints(const QJsonObject &answer)
{
    QHash<QString, QList<MetricPoint>> byScope;
    const QJsonObject scopes = answer.value(QStringLiteral("scopes")).toObject();
    for (auto it = scopes.begin(); it != scopes.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        const QJsonArray t = s.value(QStringLiteral("t")).toArray();
        QList<MetricPoint> points;
        for (qsizetype i = 0; i < t.size(); ++i) {
            MetricPoint p;
            p.t = qint64(t.at(i).toDouble());
            p.cpu = s.value(QStringLiteral("cpu")).toArray().at(i).toDouble();
            p.mem = s.value(QStringLiteral("mem")).toArray().at(i).toDouble();
            p.read = s.value(QStringLiteral("read")).toArray().at(i).toDouble();
            p.write = s.value(QStringLiteral("write")).toArray().at(i).toDouble();
            points << p;
        }
        byScope.insert(it.key(), points);
    }
    return byScope;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 7)
        return fail(
            QStringLiteral("usage: CONSOLE_DIR URL CERT_PEM APPLIANCE_ID LAST_SEQ METRICS_JSON"));
    const QString dir = args.at(1);

    const CertificateInfo cert = CertificateInfo::fromPem(readAll(args.at(3)));
    if (cert.isNull())
        return fail(QStringLiteral("no certificate in %1").arg(args.at(3)));

    ConsoleStore store;
    QString error;
    if (!store.open(dir, &error))
        return fail(error);
    ApplianceEntry entry;
    entry.displayName = QStringLiteral("kvm-01 (fixture)");
    entry.url = args.at(2);
    entry.userName = QStringLiteral("alice");
    const int id = store.addAppliance(entry);
    ApplianceEntry second;
    second.displayName = QStringLiteral("kvm-02 (never reached)");
    second.url = QStringLiteral("https://192.0.2.10:8443");
    second.userName = QStringLiteral("alice");
    const int neverReached = store.addAppliance(second);
    if (id == 0 || neverReached == 0
        || !store.setPin(id, cert.fingerprint, QString::fromLatin1(cert.spkiSha256Base64))
        || !store.setApplianceUuid(id, QUuid::fromString(args.at(4)))
        || !store.setLastSeq(id, args.at(5).toLongLong())
        || !store.setLastContact(id, QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC))
        || !store.setSortOrder({neverReached, id})
        || !store.setSetting(QStringLiteral("language"), QStringLiteral("ja"))
        || !store.setSetting(QStringLiteral("metrics_retention_hours"), 12)
        || !store.logAction(id, QStringLiteral("incident.quarantine"), QStringLiteral("inc-000001"),
            QStringLiteral("ok"), QDateTime::fromMSecsSinceEpoch(1767225601000, Qt::UTC))
        || !store.logAction(0, QStringLiteral("appliance.add"), entry.url, QStringLiteral("ok"),
            QDateTime::fromMSecsSinceEpoch(1767225500000, Qt::UTC)))
        return fail(store.lastError());

    const QJsonObject metrics = QJsonDocument::fromJson(readAll(args.at(6))).object();
    MetricsArchive archive;
    if (!archive.open(dir, &error) || !archive.store(id, metricPoints(metrics)))
        return fail(error.isEmpty() ? archive.lastError() : error);
    std::printf("console fixture: appliance %d, %lld metric samples\n", id, archive.count());
    return 0;
}
