// SPDX-License-Identifier: GPL-2.0-or-later
// GET /api/v1/events (long poll) and GET /api/v1/audit.
#include "appliance/api/ApiService.h"
#include "appliance/api/RoleView.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/events/EventLog.h"

#include <QTimer>

#include <list>

namespace mamori::appliance {
namespace {

constexpr int kMaxEvents = 1000;
constexpr int kMaxWaitSeconds = 60;

// Long polls waiting for an event: each holds only its responder, no thread.
class EventWaiters : public QObject
{
public:
    EventWaiters(EventLog *log, QObject *parent) : QObject(parent), m_log(log)
    {
        connect(log, &EventLog::appended, this, &EventWaiters::onEvent);
    }

    void handle(const ApiCall &call)
    {
        qint64 after = 0;
        qint64 wait = 0;
        qint64 limit = kMaxEvents;
        if (!call.queryInteger(
                QStringLiteral("after"), 0, std::numeric_limits<qint64>::max(), &after)
            || !call.queryInteger(QStringLiteral("wait"), 0, kMaxWaitSeconds, &wait)
            || !call.queryInteger(QStringLiteral("limit"), 1, kMaxEvents, &limit))
            return;
        const protocol::Role role = call.session.role;
        if (wait == 0 || m_log->lastSeq() > after) {
            answer(call.responder, role, after, int(limit));
            return;
        }
        const quint64 id = m_nextId++;
        m_waiting.push_back({id, call.responder, role, after, int(limit)});
        QTimer::singleShot(int(wait * 1000), this, [this, id] {
            for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
                if (it->id == id) {
                    answer(it->responder, it->role, it->after, it->limit);
                    m_waiting.erase(it);
                    return;
                }
            }
        });
    }

private:
    struct Waiter
    {
        quint64 id;
        HttpResponder responder;
        protocol::Role role;
        qint64 after;
        int limit;
    };

    void answer(const HttpResponder &responder, protocol::Role role, qint64 after, int limit) const
    {
        QJsonArray list;
        const QList<Event> events = m_log->after(after, limit);
        for (Event e : events) {
            e.data = eventDataForRole(e.type, e.data, role);
            list.append(e.toJson());
        }
        // first_seq lets a client that was away too long notice that old
        // events were trimmed and fetch the state afresh.
        const qint64 first = events.isEmpty() ? m_log->lastSeq() + 1 : events.first().seq;
        ApiCall reply;
        reply.responder = responder;
        reply.ok({{QStringLiteral("events"), list}, {QStringLiteral("last_seq"), m_log->lastSeq()},
            {QStringLiteral("gap"), first > after + 1 && !events.isEmpty()}});
    }

    void onEvent(const Event &event)
    {
        for (auto it = m_waiting.begin(); it != m_waiting.end();) {
            if (event.seq > it->after) {
                answer(it->responder, it->role, it->after, it->limit);
                it = m_waiting.erase(it);
            } else {
                ++it;
            }
        }
    }

    EventLog *m_log;
    std::list<Waiter> m_waiting;
    quint64 m_nextId = 1;
};

} // namespace

void registerEventApi(ApiService &api)
{
    auto *waiters = new EventWaiters(api.services().events, &api);
    api.route("GET", "/api/v1/events", [waiters](const ApiCall &call) { waiters->handle(call); });
    api.route("GET", "/api/v1/audit", [&api](const ApiCall &call) {
        qint64 after = 0;
        qint64 limit = 1000;
        if (!call.queryInteger(
                QStringLiteral("after"), 0, std::numeric_limits<qint64>::max(), &after)
            || !call.queryInteger(QStringLiteral("limit"), 1, 1000, &limit))
            return;
        const AuditLog *audit = api.services().audit;
        QJsonArray records;
        for (const AuditRecord &r : audit->list(after, int(limit)))
            records.append(r.toJson());
        // The head lets a client notice that records it once verified are
        // gone (docs/api.md, Audit log); the anchor is what the oldest
        // record kept follows.
        call.ok(
            {{QStringLiteral("records"), records}, {QStringLiteral("head"), audit->head().toJson()},
                {QStringLiteral("anchor"), audit->anchor().toJson()}});
    });
}

} // namespace mamori::appliance
