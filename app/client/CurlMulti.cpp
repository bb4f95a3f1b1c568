// SPDX-License-Identifier: GPL-2.0-or-later
#include "CurlMulti.h"

#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <mutex>

namespace mamori::console {

struct CurlMulti::Socket
{
    QSocketNotifier *read = nullptr;
    QSocketNotifier *write = nullptr;
};

namespace {

// The appliance allows 32 connections per client address; staying well below
// leaves room for other consoles behind the same NAT.
constexpr long kMaxConnectionsPerHost = 8;

void retire(QSocketNotifier *&notifier)
{
    if (!notifier)
        return;
    // Disabled at once so that a closed (and maybe reused) descriptor is never
    // polled again; deleted later because we may be inside its own signal.
    notifier->setEnabled(false);
    notifier->deleteLater();
    notifier = nullptr;
}

} // namespace

CurlMulti::CurlMulti(QObject *parent) : QObject(parent)
{
    static std::once_flag globalInit;
    std::call_once(globalInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { action(CURL_SOCKET_TIMEOUT, 0); });

    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, kMaxConnectionsPerHost);
}

CurlMulti::~CurlMulti()
{
    const auto handles = m_done.keys();
    m_done.clear();
    for (CURL *easy : handles)
        curl_multi_remove_handle(m_multi, easy);
    // Cleanup closes pooled connections; their notifiers go with us, so
    // libcurl must not report them back into a half-destroyed object.
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, nullptr);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, nullptr);
    curl_multi_cleanup(m_multi);
    for (Socket *socket : std::as_const(m_sockets)) {
        delete socket->read;
        delete socket->write;
        delete socket;
    }
}

void CurlMulti::start(CURL *easy, std::function<void(CURLcode)> done)
{
    if (m_done.contains(easy))
        cancel(easy);
    const CURLMcode rc = curl_multi_add_handle(m_multi, easy);
    if (rc != CURLM_OK) {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(CURLE_FAILED_INIT); });
        return;
    }
    m_done.insert(easy, std::move(done));
}

void CurlMulti::cancel(CURL *easy)
{
    if (m_done.remove(easy))
        curl_multi_remove_handle(m_multi, easy);
}

int CurlMulti::onSocket(CURL *, curl_socket_t fd, int what, void *self, void *socketp)
{
    static_cast<CurlMulti *>(self)->watch(fd, what, static_cast<Socket *>(socketp));
    return 0;
}

int CurlMulti::onTimer(CURLM *, long timeoutMs, void *self)
{
    // libcurl forbids calling socket_action from here: the timer fires it
    // from the event loop instead, even for a zero timeout.
    QTimer *timer = static_cast<CurlMulti *>(self)->m_timer;
    if (timeoutMs < 0)
        timer->stop();
    else
        timer->start(int(std::min<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

void CurlMulti::watch(curl_socket_t fd, int what, Socket *socket)
{
    if (what == CURL_POLL_REMOVE) {
        if (socket) {
            retire(socket->read);
            retire(socket->write);
            if (m_sockets.value(fd) == socket)
                m_sockets.remove(fd);
            delete socket;
        }
        curl_multi_assign(m_multi, fd, nullptr);
        return;
    }
    if (!socket) {
        if (Socket *stale = m_sockets.take(fd)) {
            retire(stale->read);
            retire(stale->write);
            delete stale;
        }
        socket = new Socket;
        m_sockets.insert(fd, socket);
        curl_multi_assign(m_multi, fd, socket);
    }
    const auto want = [this, fd](
                          QSocketNotifier *&notifier, QSocketNotifier::Type type, bool wanted) {
        if (notifier) {
            notifier->setEnabled(wanted);
            return;
        }
        if (!wanted)
            return;
        notifier = new QSocketNotifier(qintptr(fd), type, this);
        const int event = type == QSocketNotifier::Read ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
        connect(
            notifier, &QSocketNotifier::activated, this, [this, fd, event] { action(fd, event); });
    };
    want(socket->read, QSocketNotifier::Read, what == CURL_POLL_IN || what == CURL_POLL_INOUT);
    want(socket->write, QSocketNotifier::Write, what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
}

void CurlMulti::action(curl_socket_t fd, int events)
{
    int running = 0;
    curl_multi_socket_action(m_multi, fd, events, &running);
    completeFinished();
}

void CurlMulti::completeFinished()
{
    // Completion callbacks run here, after socket_action has returned, so they
    // may start and cancel transfers or even destroy this object.
    const QPointer<CurlMulti> alive(this);
    int left = 0;
    while (CURLMsg *msg = curl_multi_info_read(m_multi, &left)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        const CURLcode result = msg->data.result;
        curl_multi_remove_handle(m_multi, easy);
        const auto done = m_done.take(easy);
        if (done)
            done(result);
        if (!alive)
            return;
    }
}

} // namespace mamori::console
