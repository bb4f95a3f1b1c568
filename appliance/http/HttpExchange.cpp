// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpExchange_p.h"
#include "appliance/http/HttpServer.h"

#include <QDebug>

#include <microhttpd.h>

namespace mamori::appliance {
namespace detail {

bool Exchange::answer(HttpResponse r)
{
    {
        std::lock_guard lock(mutex);
        if (answered)
            return false;
        answered = true;
        response = std::move(r);
        // Resuming under the lock: the MHD thread reads `response` under it too.
        if (connection) {
            MHD_resume_connection(connection);
            connection = nullptr;
        }
    }
    leavePending();
    return true;
}

void Exchange::close()
{
    {
        std::lock_guard lock(mutex);
        answered = true;
        connection = nullptr;
    }
    leavePending();
}

bool Exchange::isAnswered()
{
    std::lock_guard lock(mutex);
    return answered;
}

void Exchange::leavePending()
{
    if (const auto c = core.lock()) {
        std::lock_guard lock(c->mutex);
        c->pending.erase(this);
    }
}

ResponderTicket::~ResponderTicket()
{
    if (exchange
        && exchange->answer(jsonError(
            mamori::protocol::ErrorCode::Internal, QStringLiteral("the request was not answered"))))
        qWarning("mamori-http: a handler dropped a request without answering it");
}

} // namespace detail

HttpResponder::HttpResponder(std::shared_ptr<detail::ResponderTicket> ticket)
    : m_ticket(std::move(ticket))
{ }

void HttpResponder::respond(HttpResponse r) const
{
    if (m_ticket)
        m_ticket->exchange->answer(std::move(r));
}

bool HttpResponder::answered() const
{
    return !m_ticket || m_ticket->exchange->isAnswered();
}

} // namespace mamori::appliance
