// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// Internal to mamori_appliance_http: the state the MHD thread, the owner
// thread and every HttpResponder copy share.

#include "appliance/http/HttpMessage.h"

#include <QObject>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

struct MHD_Connection;

namespace mamori::appliance::detail {

struct ServerCore;

// One request from the moment it is suspended until MHD is done with it.
struct Exchange
{
    std::mutex mutex;
    MHD_Connection *connection = nullptr; // non-null while suspended and not yet resumed
    bool answered = false;
    HttpResponse response;
    std::weak_ptr<ServerCore> core;

    // Stores the response and resumes the connection. False when it was
    // answered before: the first answer wins, later ones are dropped.
    bool answer(HttpResponse r);
    // MHD is done with the connection: nothing may resume it any more.
    void close();
    bool isAnswered();

private:
    void leavePending();
};

// Shared by all copies of one HttpResponder: when the last copy goes away
// without an answer, the client still gets one instead of waiting forever.
struct ResponderTicket
{
    std::shared_ptr<Exchange> exchange;
    ~ResponderTicket();
};

// What the MHD thread needs; owned by the HttpServer while its daemon runs.
struct ServerCore : std::enable_shared_from_this<ServerCore>
{
    QObject *owner = nullptr;
    std::function<void(const std::shared_ptr<Exchange> &, const HttpRequest &)> deliver;
    qint64 maxBodyBytes = 0;

    std::mutex mutex; // guards everything below
    std::condition_variable drained;
    bool stopping = false;
    std::unordered_map<Exchange *, std::shared_ptr<Exchange>> pending; // suspended, unanswered
    int inFlight = 0; // suspended once and not yet completed by MHD
};

} // namespace mamori::appliance::detail
