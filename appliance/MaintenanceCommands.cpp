// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/MaintenanceCommands.h"

#include "appliance/CommandLineSupport.h"
#include "appliance/ExitCodes.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/daemon/ApplianceIdentity.h"
#include "appliance/daemon/PatternChanges.h"
#include "appliance/events/EventLog.h"
#include "appliance/store/DataFolderLock.h"
#include "appliance/store/Database.h"
#include "appliance/store/DatabaseBackup.h"
#include "appliance/store/SqliteFile.h"

#include <QFile>

#include <cstdio>
#include <pwd.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

// Who ran the command, for the audit record: the local account.
AuditRecord commandRecord(const QString &action, const QString &target, const QString &detail)
{
    AuditRecord record;
    const passwd *pw = ::getpwuid(::geteuid());
    record.user = pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(::geteuid());
    record.source = QStringLiteral("local");
    record.action = action;
    record.target = target;
    record.outcome = QStringLiteral("success");
    record.detail = detail;
    return record;
}

// The parts PatternChanges needs, owned for the command's life.
class OfflinePatternRecorder : public PatternSwitchRecorder
{
public:
    explicit OfflinePatternRecorder(const QString &dataDir)
        : m_lock(dataDir), m_dataDir(dataDir) { }

    bool open(QString *error)
    {
        if (!m_db.open(m_dataDir, error)
            || !m_db.migrateModule(
                QStringLiteral("pattern_changes"), PatternChanges::schemaSteps(), error))
            return false;
        m_audit = std::make_unique<AuditLog>(m_db.db());
        m_events = std::make_unique<EventLog>(m_db.db());
        m_changes =
            std::make_unique<PatternChanges>(m_db.db(), m_audit.get(), m_events.get(), m_dataDir);
        return true;
    }
    const DataFolderLock &lock() const { return m_lock; }

    PatternStore::ActivationHook hook() override
    {
        return [this](qint64 from, qint64 to, const QString &how, QString *code, QString *message) {
            return m_changes->begin(from, to, how, code, message);
        };
    }
    void switched(qint64 version, qint64 previous, const QString &how) override
    {
        const AuditRecord by = commandRecord(how, {}, {});
        const QString note =
            QStringLiteral("by the pattern %1 command of local user %2, appliance stopped")
                .arg(how, by.user);
        // A failed commit leaves the intent: the next start records it.
        m_changes->finish(QString::number(version),
            previous > 0 ? QString::number(previous) : QString(), how, note);
    }

private:
    const DataFolderLock m_lock;
    const QString m_dataDir;
    Database m_db;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<EventLog> m_events;
    std::unique_ptr<PatternChanges> m_changes;
};

QString describe(const IntegrityReport &report)
{
    if (report.ok)
        return QStringLiteral("ok");
    return QStringLiteral("%1: %2").arg(
        report.damaged ? QStringLiteral("DAMAGED") : QStringLiteral("not checked"),
        report.problems.join(QLatin1String("; ")));
}

int check(const QString &dataDir)
{
    const QString path = Database::filePath(dataDir);
    if (!QFile::exists(path))
        return failure(QStringLiteral("no database at %1").arg(path));
    const IntegrityReport report = checkIntegrity(path, IntegrityDepth::Full);
    std::printf("database %s: %s\n", qPrintable(path), qPrintable(describe(report)));
    const QList<BackupInfo> backups = DatabaseBackup::list(dataDir);
    std::printf("backups in %s: %lld\n", qPrintable(DatabaseBackup::folder(dataDir)),
        qint64(backups.size()));
    for (const BackupInfo &b : backups) {
        const IntegrityReport backup = checkIntegrity(b.path, IntegrityDepth::Quick);
        std::printf("  %s\t%s\t%lld bytes\t%s\n", qPrintable(b.name),
            qPrintable(b.taken.toString(Qt::ISODate)), b.bytes, qPrintable(describe(backup)));
    }
    if (report.ok)
        return kExitOk;
    return report.damaged ? kExitDamagedStore : kExitFailure;
}

int restore(const QString &dataDir, const QString &name)
{
    const DataFolderLock lock(dataDir);
    if (!lock.held())
        return failure(lock.error(), lock.busy() ? kExitBusy : kExitFailure);
    QString error;
    const auto restored = DatabaseBackup::restore(dataDir, name, &error);
    if (!restored)
        return failure(QStringLiteral("restore refused: %1").arg(error));
    const QString taken = restored->backup.taken.toString(Qt::ISODate);
    std::printf("restored %s (taken %s); what was recorded after that is not in it\n",
        qPrintable(restored->backup.name), qPrintable(taken));
    if (!restored->damagedKeptAt.isEmpty())
        std::printf("the replaced database is kept as %s\n", qPrintable(restored->damagedKeptAt));

    Database db;
    if (!db.open(dataDir, &error))
        return databaseFailure(db, error);
    QStringList detail {QStringLiteral("backup %1 taken %2").arg(restored->backup.name, taken)};
    if (!restored->damagedKeptAt.isEmpty())
        detail << QStringLiteral("replaced file kept as %1").arg(restored->damagedKeptAt);
    // The identity files were not part of the backup: the restored database
    // learns the identity this folder has now, or the next start would see a
    // "replaced" identity that nobody replaced.
    QString identityProblem;
    if (const auto tls = TlsIdentity::load(dataDir, &identityProblem)) {
        if (ApplianceIdentity::recordedFingerprint(db.db()) != tls->fingerprint()
            && ApplianceIdentity::recordFingerprint(db.db(), tls->fingerprint(), &error))
            detail << QStringLiteral("TLS fingerprint recorded again: %1").arg(tls->fingerprint());
    }
    AuditLog audit(db.db());
    const AuditLog::Verification v = audit.verify();
    const QString chain = v.ok
        ? QStringLiteral("audit log intact: %1 records").arg(v.records)
        : QStringLiteral("audit log BROKEN at record %1: %2").arg(v.brokenAt).arg(v.reason);
    std::printf("%s\n", qPrintable(chain));
    detail << chain;
    if (!audit.append(commandRecord(QStringLiteral("database.restore"), restored->backup.name,
                          detail.join(QLatin1String("; "))),
            &error))
        return failure(
            QStringLiteral("restored, but the audit record was not written: %1").arg(error));
    return v.ok ? kExitOk : kExitFailure;
}

} // namespace

int runDbCommand(const QStringList &args)
{
    const QCommandLineOption backup(QStringLiteral("backup"), {}, QStringLiteral("NAME"));
    Parsed p;
    QString error;
    if (!parse(args, &p, &error, {backup}))
        return usageError(error);
    const QString verb = p.positional.value(1);
    if (verb == QLatin1String("check") && !p.parser.isSet(backup))
        return check(p.dataDir);
    if (verb == QLatin1String("restore"))
        return restore(p.dataDir, p.parser.value(backup));
    return usageError(QStringLiteral("db needs check or restore [--backup NAME]"));
}

std::unique_ptr<PatternSwitchRecorder> offlinePatternRecorder(
    const QString &dataDir, QString *error)
{
    auto recorder = std::make_unique<OfflinePatternRecorder>(dataDir);
    if (!recorder->lock().held()) {
        if (!recorder->lock().busy())
            *error = recorder->lock().error();
        return nullptr;
    }
    if (!recorder->open(error))
        return nullptr;
    return recorder;
}

int runIdentityCommand(const QStringList &args)
{
    Parsed p;
    QString error;
    if (!parse(args, &p, &error))
        return usageError(error);
    if (p.positional.value(1) != QLatin1String("renew"))
        return usageError(QStringLiteral("identity needs renew"));
    const DataFolderLock lock(p.dataDir);
    if (!lock.held())
        return failure(lock.error(), lock.busy() ? kExitBusy : kExitFailure);
    Database db;
    if (!db.open(p.dataDir, &error))
        return databaseFailure(db, error);
    const auto renewal = ApplianceIdentity::renew(p.dataDir, db.db(), &error);
    if (!renewal)
        return failure(QStringLiteral("identity not renewed: %1").arg(error));
    const QString old = renewal->oldFingerprint.isEmpty()
        ? QStringLiteral("none readable (%1)").arg(renewal->oldProblem)
        : renewal->oldFingerprint;
    std::printf("old fingerprint: %s\nnew fingerprint: %s\n", qPrintable(old),
        qPrintable(renewal->newFingerprint));
    for (const QString &file : renewal->retired)
        std::printf("kept: %s\n", qPrintable(file));
    std::printf("every console must now accept the new fingerprint\n");
    const QString detail =
        QStringLiteral("old fingerprint %1; new fingerprint %2").arg(old, renewal->newFingerprint);
    if (!AuditLog(db.db()).append(
            commandRecord(QStringLiteral("identity.renew"), QStringLiteral("tls"), detail), &error))
        return failure(
            QStringLiteral("renewed, but the audit record was not written: %1").arg(error));
    return kExitOk;
}

} // namespace mamori::appliance
