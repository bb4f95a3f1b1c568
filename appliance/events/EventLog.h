// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSqlDatabase>

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

    qint64 append(const QString &type, const QJsonObject &data);
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
};

} // namespace mamori::appliance
