// SPDX-License-Identifier: GPL-2.0-or-later
// GET /api/v1/events (long poll) and GET /api/v1/audit.
#include "appliance/Config.h"
#include "appliance/api/ApiService.h"
#include "appliance/api/JsonPage.h"
#include "appliance/api/RoleView.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/events/EventLog.h"
#include "protocol/ApiPaths.h"

#include <QTimer>

#include <list>

namespace mamori::appliance {

namespace path = protocol::path;
namespace {

constexpr int kMaxEvents = 1000;
constexpr int kMaxWaitSeconds = 60;

// Long polls waiting for an event: each holds only its responder, no thread.
class EventWaiters : public QObject
{
public:
    EventWaiters(EventLog *log, qsizetype pageBytes, QObject *parent)
        : QObject(parent), m_log(log), m_pageBytes(pageBytes)
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
        // One more than asked for, to know whether more are waiting.
        const QList<Event> events = m_log->after(after, limit + 1);
        JsonPage page(m_pageBytes, limit);
        qint64 last = after;
        for (Event e : events) {
            e.data = eventDataForRole(e.type, e.data, role);
            if (!page.add(e.toJson()))
                break;
            last = e.seq;
        }
        // A client that was away too long learns that events it missed
        // were trimmed, and fetches the state afresh.
        const bool gap = !events.isEmpty() && events.first().seq > after + 1;
        ApiCall reply;
        reply.responder = responder;
        reply.okJson(page.body("events",
            {{QStringLiteral("last_seq"), m_log->lastSeq()}, {QStringLiteral("next_after"), last},
                {QStringLiteral("gap"), gap}}));
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
    qsizetype m_pageBytes;
    std::list<Waiter> m_waiting;
    quint64 m_nextId = 1;
};

} // namespace

void registerEventApi(ApiService &api)
{
    const qsizetype pageBytes = api.services().config->listPageBytes;
    auto *waiters = new EventWaiters(api.services().events, pageBytes, &api);
    api.route("GET", path::kEvents, [waiters](const ApiCall &call) { waiters->handle(call); });
    api.route("GET", path::kAudit, [&api, pageBytes](const ApiCall &call) {
        qint64 after = 0;
        qint64 limit = 1000;
        if (!call.queryInteger(
                QStringLiteral("after"), 0, std::numeric_limits<qint64>::max(), &after)
            || !call.queryInteger(QStringLiteral("limit"), 1, 1000, &limit))
            return;
        const AuditLog *audit = api.services().audit;
        JsonPage page(pageBytes, int(limit));
        qint64 last = after;
        for (const AuditRecord &r : audit->list(after, int(limit) + 1)) {
            if (!page.add(r.toJson()))
                break;
            last = r.seq;
        }
        // The head lets a client notice that records it once verified are
        // gone (docs/api.md, Audit log); the anchor is what the oldest
        // record kept follows.
        call.okJson(page.body("records",
            {{QStringLiteral("next_after"), last}, {QStringLiteral("head"), audit->head().toJson()},
                {QStringLiteral("anchor"), audit->anchor().toJson()}}));
    });
}

} // namespace mamori::appliance
