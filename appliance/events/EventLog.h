// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlError>

namespace mamori::appliance {

struct Event
{
    qint64 seq = 0;
    QString time;
    QString type;
    QJsonObject data;

    QJsonObject toJson() const;
};

// Every change on the appliance, as an ordered event with a sequence number
// that survives restarts, so that a console that reconnects loses nothing.
class EventLog : public QObject
{
    Q_OBJECT

public:
    explicit EventLog(QSqlDatabase db, QObject *parent = nullptr);

    // The event's seq, or 0 when it could not be stored (lastError()).
    qint64 append(const QString &type, const QJsonObject &data);
    const QSqlError &lastError() const { return m_lastError; }
    // While held (calls nest), appended events are in the enclosing
    // transaction and announced only when it commits: release(true). After
    // release(false) they are forgotten (the transaction rolled back).
    // Returns false when an append failed while held.
    void hold();
    bool release(bool committed);
    bool holdFailed() const { return m_heldFailed; }
    QList<Event> after(qint64 seq, int limit) const;
    qint64 lastSeq() const { return m_lastSeq; }
    // Removes the events beyond the newest `keep` or older than
    // `maxAgeSeconds` (0: any age), never the newest one (its seq carries
    // on). Returns how many went; *lastRemoved is the newest of them.
    qint64 trim(qint64 keep, qint64 maxAgeSeconds, qint64 *lastRemoved = nullptr);

Q_SIGNALS:
    void appended(const mamori::appliance::Event &event);

private:
    QSqlDatabase m_db;
    qint64 m_lastSeq = 0;
    QSqlError m_lastError;
    int m_held = 0;
    qint64 m_seqBeforeHold = 0;
    bool m_heldFailed = false;
    QList<Event> m_heldEvents;
};

} // namespace mamori::appliance
