// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/events/EventLog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace mamori::appliance {

QJsonObject Event::toJson() const
{
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("time"), time},
        {QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
}

EventLog::EventLog(QSqlDatabase db, QObject *parent) : QObject(parent), m_db(std::move(db))
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT MAX(seq) FROM events"));
    if (q.next())
        m_lastSeq = q.value(0).toLongLong();
}

qint64 EventLog::append(const QString &type, const QJsonObject &data)
{
    Event e;
    e.seq = m_lastSeq + 1;
    e.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    e.type = type;
    e.data = data;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO events(seq, time, type, data) VALUES(?, ?, ?, ?)"));
    q.addBindValue(e.seq);
    q.addBindValue(e.time);
    q.addBindValue(e.type);
    q.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        m_lastError = q.lastError();
        if (m_held > 0)
            m_heldFailed = true;
        qWarning("event %s not recorded: %s", qPrintable(type), qPrintable(m_lastError.text()));
        return 0;
    }
    m_lastSeq = e.seq;
    if (m_held > 0)
        m_heldEvents.append(e);
    else
        Q_EMIT appended(e);
    return e.seq;
}

void EventLog::hold()
{
    if (m_held++ == 0) {
        m_seqBeforeHold = m_lastSeq;
        m_heldFailed = false;
    }
}

bool EventLog::release(bool committed)
{
    if (m_held == 0 || --m_held > 0)
        return !m_heldFailed;
    const bool failed = std::exchange(m_heldFailed, false);
    const QList<Event> events = std::exchange(m_heldEvents, {});
    if (!committed) {
        m_lastSeq = m_seqBeforeHold; // those rows were rolled back
        return !failed;
    }
    for (const Event &e : events)
        Q_EMIT appended(e);
    return !failed;
}

QList<Event> EventLog::after(qint64 seq, int limit) const
{
    QList<Event> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, time, type, data FROM events WHERE seq > ? "
                             "ORDER BY seq LIMIT ?"));
    q.addBindValue(seq);
    q.addBindValue(limit);
    q.exec();
    while (q.next()) {
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object()});
    }
    return out;
}

qint64 EventLog::trim(qint64 keep, qint64 maxAgeSeconds, qint64 *lastRemoved)
{
    qint64 cut = m_lastSeq - std::max<qint64>(keep, 1);
    if (maxAgeSeconds > 0) {
        QSqlQuery old(m_db);
        old.prepare(QStringLiteral("SELECT MAX(seq) FROM events WHERE time < ? AND seq < ?"));
        old.addBindValue(
            QDateTime::currentDateTimeUtc().addSecs(-maxAgeSeconds).toString(Qt::ISODateWithMs));
        old.addBindValue(m_lastSeq);
        if (old.exec() && old.next())
            cut = std::max(cut, old.value(0).toLongLong());
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM events WHERE seq <= ?"));
    q.addBindValue(cut);
    if (!q.exec())
        return 0;
    if (lastRemoved)
        *lastRemoved = cut;
    return q.numRowsAffected();
}

} // namespace mamori::appliance
