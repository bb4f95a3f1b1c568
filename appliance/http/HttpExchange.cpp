// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpExchange_p.h"
#include "appliance/http/HttpServer.h"

#include <QDebug>

#include <cstdint>
#include <unistd.h>

namespace mamori::appliance {
namespace detail {

bool Exchange::answer(HttpResponse r)
{
    quint64 id = 0;
    {
        std::lock_guard lock(mutex);
        if (answered)
            return false;
        answered = true;
        id = connection;
    }
    if (const auto c = core.lock())
        c->post(id, std::move(r));
    leavePending();
    return true;
}

void Exchange::close()
{
    {
        std::lock_guard lock(mutex);
        answered = true;
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

ServerCore::~ServerCore()
{
    if (wakeFd >= 0)
        ::close(wakeFd);
}

void ServerCore::post(quint64 connection, HttpResponse r)
{
    {
        std::lock_guard lock(mutex);
        answers.emplace_back(connection, std::move(r));
    }
    wake();
}

void ServerCore::wake() const
{
    const uint64_t one = 1;
    if (wakeFd >= 0 && ::write(wakeFd, &one, sizeof one) < 0) {
        // The counter is full only if the I/O thread is far behind; it will
        // still wake for what is already counted.
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
