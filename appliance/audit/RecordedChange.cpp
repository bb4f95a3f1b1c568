// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/audit/RecordedChange.h"

#include "appliance/audit/AuditLog.h"
#include "appliance/events/EventLog.h"

namespace mamori::appliance {

RecordedChange::RecordedChange(QSqlDatabase db, AuditLog *audit, EventLog *events, QString dataDir)
    : m_tx(std::move(db)), m_audit(audit), m_events(events), m_dataDir(std::move(dataDir))
{
    if (m_audit)
        m_audit->holdMirror();
    if (m_events)
        m_events->hold();
    if (!m_tx.ok())
        fail(m_tx.error(), QStringLiteral("the change could not begin"));
}

RecordedChange::~RecordedChange()
{
    rollback();
}

void RecordedChange::fail(const QSqlError &error, const QString &what)
{
    if (m_failed)
        return;
    m_failed = true;
    m_fault = storageFaultOfSqlite(error.nativeErrorCode().toInt(), m_dataDir);
    m_message = m_fault == StorageFault::None
        ? QStringLiteral("%1: %2").arg(what, error.text())
        : describeStorageFault(
            m_fault, m_dataDir, QStringLiteral("%1 (%2)").arg(what, error.text()));
}

bool RecordedChange::audit(const AuditRecord &record)
{
    if (m_failed)
        return false;
    QString error;
    if (!m_audit->append(record, &error)) {
        fail(m_audit->lastError(), QStringLiteral("the audit record could not be written"));
        return false;
    }
    return true;
}

bool RecordedChange::event(const QString &type, const QJsonObject &data)
{
    if (m_failed)
        return false;
    if (m_events->append(type, data) == 0) {
        fail(m_events->lastError(), QStringLiteral("the event could not be written"));
        return false;
    }
    return true;
}

bool RecordedChange::commit()
{
    if (m_finished)
        return !m_failed;
    // An event a part appended in reaction to a signal may have failed too.
    if (!m_failed && m_events && m_events->holdFailed())
        fail(m_events->lastError(), QStringLiteral("an event could not be written"));
    if (m_failed) {
        rollback();
        return false;
    }
    if (!m_tx.commit()) {
        fail(m_tx.error(), QStringLiteral("the change could not be committed"));
        finish(false);
        return false;
    }
    finish(true);
    return true;
}

void RecordedChange::rollback()
{
    if (m_finished)
        return;
    m_tx.rollback();
    finish(false);
}

void RecordedChange::finish(bool committed)
{
    m_finished = true;
    if (m_events)
        m_events->release(committed);
    if (m_audit)
        m_audit->releaseMirror(committed);
}

} // namespace mamori::appliance
