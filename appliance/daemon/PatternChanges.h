// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace mamori::appliance {

class AuditLog;
class EventLog;

// A pattern switch (update, import, rollback) and its audit record and
// pattern.changed event as one unit. The switch itself is a file (the
// pattern store's state.json), so an intent row goes into the database
// first (begin), then the file is switched, then the record, the event and
// the intent's removal commit in one transaction (finish). A crash between
// the steps leaves the intent; recover() at start looks at which version is
// active and finishes the change (record and event) or calls it off, and
// audits which it did. A switch whose intent cannot be written does not
// happen (the storage error is the answer).
class PatternChanges
{
public:
    PatternChanges(QSqlDatabase db, AuditLog *audit, EventLog *events, QString dataDir);
    static QList<const char *> schemaSteps();

    bool begin(qint64 from, qint64 to, const QString &how, QString *code, QString *message);
    // The switch to `version` happened: its record, event, and the intent's end.
    bool finish(const QString &version, const QString &previous, const QString &how,
        const QString &note = {});
    // At start (and before each switch), with `active` the version the
    // pattern store has active: finishes an open intent to it, calls off
    // the others.
    void recover(const QString &active);
    // Intents still open (a finish whose commit failed is tried again).
    int open() const;

private:
    QSqlDatabase m_db;
    AuditLog *m_audit;
    EventLog *m_events;
    QString m_dataDir;
};

} // namespace mamori::appliance
