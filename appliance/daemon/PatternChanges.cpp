// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/PatternChanges.h"

#include "appliance/audit/AuditLog.h"
#include "appliance/audit/RecordedChange.h"
#include "appliance/events/EventLog.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace mamori::appliance {
namespace {

// Never a null QString: that binds as SQL NULL (the first import has no
// previous version).
QString versionText(qint64 version)
{
    return version > 0 ? QString::number(version) : QStringLiteral("");
}

} // namespace

PatternChanges::PatternChanges(QSqlDatabase db, AuditLog *audit, EventLog *events, QString dataDir)
    : m_db(std::move(db)), m_audit(audit), m_events(events), m_dataDir(std::move(dataDir))
{ }

QList<const char *> PatternChanges::schemaSteps()
{
    return {R"(CREATE TABLE pattern_intents (id INTEGER PRIMARY KEY AUTOINCREMENT,
                 how TEXT NOT NULL, from_version TEXT NOT NULL, to_version TEXT NOT NULL,
                 created TEXT NOT NULL);)"};
}

bool PatternChanges::begin(
    qint64 from, qint64 to, const QString &how, QString *code, QString *message)
{
    // A switch whose record could not be written then (a full disk) is
    // still open: settle it against what is active now, before the next.
    recover(versionText(from));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO pattern_intents(how, from_version, to_version, created) "
                             "VALUES(?, ?, ?, ?)"));
    q.addBindValue(how);
    q.addBindValue(versionText(from));
    q.addBindValue(versionText(to));
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (q.exec())
        return true;
    const StorageFault fault =
        storageFaultOfSqlite(q.lastError().nativeErrorCode().toInt(), m_dataDir);
    *code = protocol::errorCodeName(errorCodeFor(fault));
    const QString what = QStringLiteral("version %1 was not made active: its change could not "
                                        "be recorded (%2)")
                             .arg(to)
                             .arg(q.lastError().text());
    *message = fault == StorageFault::None ? what : describeStorageFault(fault, m_dataDir, what);
    return false;
}

bool PatternChanges::finish(
    const QString &version, const QString &previous, const QString &how, const QString &note)
{
    RecordedChange change(m_db, m_audit, m_events, m_dataDir);
    change.event(QStringLiteral("pattern.changed"),
        {{QStringLiteral("version"), version}, {QStringLiteral("previous"), previous},
            {QStringLiteral("how"), how}});
    QString detail = QStringLiteral("previous %1").arg(previous);
    if (!note.isEmpty())
        detail += QStringLiteral("; ") + note;
    change.audit(AuditRecord::byAppliance(
        QStringLiteral("pattern.") + how, version, QStringLiteral("success"), detail));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM pattern_intents WHERE to_version = ?"));
    q.addBindValue(version);
    if (!q.exec())
        change.fail(q.lastError(), QStringLiteral("the change's intent could not be closed"));
    if (change.commit())
        return true;
    // The intent stays: the next start (or the next finish) completes it.
    qWarning("the switch to pattern %s is not recorded yet: %s", qPrintable(version),
        qPrintable(change.message()));
    return false;
}

void PatternChanges::recover(const QString &active)
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT id, how, from_version, to_version FROM pattern_intents "
                          "ORDER BY id"));
    struct Intent
    {
        qint64 id;
        QString how, from, to;
    };
    QList<Intent> intents;
    while (q.next())
        intents.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString()});
    for (const Intent &i : std::as_const(intents)) {
        if (i.to == active) {
            qWarning("pattern %s was made active before a crash; its record is completed now",
                qPrintable(i.to));
            finish(i.to, i.from, i.how, QStringLiteral("recorded at start after an interruption"));
            continue;
        }
        // The switch never reached the state file: nothing changed.
        RecordedChange change(m_db, m_audit, m_events, m_dataDir);
        change.audit(AuditRecord::byAppliance(QStringLiteral("pattern.") + i.how, i.to,
            QStringLiteral("failure"),
            QStringLiteral("interrupted before it took effect; version %1 stays active")
                .arg(active.isEmpty() ? QStringLiteral("(none)") : active)));
        QSqlQuery del(m_db);
        del.prepare(QStringLiteral("DELETE FROM pattern_intents WHERE id = ?"));
        del.addBindValue(i.id);
        if (!del.exec())
            change.fail(del.lastError(), QStringLiteral("the change's intent could not be closed"));
        if (!change.commit())
            qWarning("interrupted pattern change not closed: %s", qPrintable(change.message()));
    }
}

int PatternChanges::open() const
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT COUNT(*) FROM pattern_intents"));
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace mamori::appliance
