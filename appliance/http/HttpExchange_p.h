// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// Internal to mamori_appliance_http: the state the I/O thread, the owner
// thread and every HttpResponder copy share.

#include "appliance/http/HttpMessage.h"

#include <QObject>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace mamori::appliance::detail {

struct ServerCore;

// One request from the moment it is handed to the owner thread until it is
// answered or its connection is gone.
struct Exchange
{
    std::mutex mutex;
    quint64 connection = 0; // the connection that waits for the answer
    bool answered = false;
    std::weak_ptr<ServerCore> core;

    // Hands the response to the I/O thread. False when it was answered
    // before: the first answer wins, later ones are dropped.
    bool answer(HttpResponse r);
    // The connection is gone: nothing may answer any more.
    void close();
    bool isAnswered();

private:
    void leavePending();
};

// Shared by all copies of one HttpResponder: when the last copy goes away
// without an answer, the client still gets one instead of waiting forever.
struct ResponderTicket
{
    // Spelled out: clang 14 (the fuzz build) has no parenthesised aggregate
    // initialisation for make_shared.
    explicit ResponderTicket(std::shared_ptr<Exchange> e) : exchange(std::move(e)) { }
    std::shared_ptr<Exchange> exchange;
    ~ResponderTicket();
};

// What the I/O thread and the owner share; lives while either needs it.
struct ServerCore : std::enable_shared_from_this<ServerCore>
{
    QObject *owner = nullptr;
    std::function<void(const std::shared_ptr<Exchange> &, const HttpRequest &)> deliver;
    int wakeFd = -1; // eventfd the I/O thread waits on

    std::mutex mutex; // guards everything below
    std::condition_variable drained;
    bool stopping = false;
    bool quit = false;
    std::unordered_map<Exchange *, std::shared_ptr<Exchange>> pending; // handed over, unanswered
    int busy = 0; // connections whose request is with the handler or whose answer is being sent
    std::vector<std::pair<quint64, HttpResponse>> answers; // for the I/O thread to send

    ~ServerCore(); // closes wakeFd: it lives as long as anyone may still post an answer

    // Queues an answer for a connection and wakes the I/O thread.
    void post(quint64 connection, HttpResponse r);
    void wake() const;
};

} // namespace mamori::appliance::detail
