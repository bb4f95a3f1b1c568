// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/store/SqlTransaction.h"
#include "appliance/fs/StorageFault.h"

#include <QJsonObject>

namespace mamori::appliance {

class AuditLog;
class EventLog;
struct AuditRecord;

// A state change, its audit record and its event as one unit: one SQLite
// transaction on the appliance database. While it is open, every write on
// that connection (the change itself, audit records, events, also those a
// part writes in reaction to a signal) belongs to it; events are announced
// and audit records copied to syslog only once it commits. Nothing of it is
// kept when any part fails or the commit does not reach the disk: then
// fault() and message() say why, and the change must be refused.
class RecordedChange
{
public:
    RecordedChange(QSqlDatabase db, AuditLog *audit, EventLog *events, QString dataDir);
    ~RecordedChange();
    RecordedChange(const RecordedChange &) = delete;
    RecordedChange &operator=(const RecordedChange &) = delete;

    bool ok() const { return !m_failed; }
    bool audit(const AuditRecord &record);
    bool event(const QString &type, const QJsonObject &data);
    // A part's own write failed: the unit is lost.
    void fail(const QSqlError &error, const QString &what);
    bool commit();
    void rollback();

    StorageFault fault() const { return m_fault; }
    protocol::ErrorCode errorCode() const { return errorCodeFor(m_fault); }
    QString message() const { return m_message; }

private:
    void finish(bool committed);

    SqlTransaction m_tx;
    AuditLog *m_audit;
    EventLog *m_events;
    QString m_dataDir;
    bool m_failed = false;
    bool m_finished = false;
    StorageFault m_fault = StorageFault::None;
    QString m_message;
};

} // namespace mamori::appliance
