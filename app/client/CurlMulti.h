// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <curl/curl.h>
#include <functional>

class QSocketNotifier;
class QTimer;

namespace mamori::console {

// One libcurl multi handle for every appliance, driven by the Qt event loop
// (docs/architecture.md, Threads): libcurl tells us which sockets to watch
// and when to wake up, we never call anything that blocks.
class CurlMulti : public QObject
{
    Q_OBJECT

public:
    explicit CurlMulti(QObject *parent = nullptr);
    ~CurlMulti() override;

    // Runs `easy` until it completes; `done` gets libcurl's result, always
    // from the event loop and never from inside start(). The caller keeps
    // ownership of `easy` and may clean it up inside `done`.
    void start(CURL *easy, std::function<void(CURLcode)> done);
    // Stops `easy` without calling its `done`. Safe from any callback.
    void cancel(CURL *easy);
    bool isRunning(CURL *easy) const { return m_done.contains(easy); }
    int runningCount() const { return int(m_done.size()); }

private:
    struct Socket;

    static int onSocket(CURL *easy, curl_socket_t fd, int what, void *self, void *socketp);
    static int onTimer(CURLM *multi, long timeoutMs, void *self);
    void watch(curl_socket_t fd, int what, Socket *socket);
    void action(curl_socket_t fd, int events);
    void completeFinished();

    CURLM *m_multi = nullptr;
    QTimer *m_timer = nullptr;
    QHash<curl_socket_t, Socket *> m_sockets;
    QHash<CURL *, std::function<void(CURLcode)>> m_done;
    bool m_completing = false;
};

} // namespace mamori::console
