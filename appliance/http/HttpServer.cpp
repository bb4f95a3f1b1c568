// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpServer.h"

#include "appliance/http/HttpExchange_p.h"
#include "appliance/http/HttpLoop_p.h"
#include "appliance/http/ListenSocket_p.h"

#include <QDebug>

#include <chrono>
#include <cstring>
#include <sys/eventfd.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

using detail::Exchange;
using detail::ServerCore;
using mamori::protocol::ErrorCode;

constexpr char kTlsPriorities[] = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";
constexpr auto kDrainTime = std::chrono::seconds(2);

gnutls_datum_t datum(const QByteArray &bytes)
{
    return {reinterpret_cast<unsigned char *>(const_cast<char *>(bytes.constData())),
        unsigned(bytes.size())};
}

} // namespace

HttpServer::HttpServer(QObject *parent) : QObject(parent) { }

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::setHandler(Handler h)
{
    m_handler = std::move(h);
}

bool HttpServer::start(const Options &o, QString *error)
{
    QString scratch;
    if (!error)
        error = &scratch;
    if (m_loop) {
        *error = QStringLiteral("the server is already running");
        return false;
    }
    gnutls_certificate_credentials_t credentials = nullptr;
    gnutls_priority_t priorities = nullptr;
    const gnutls_datum_t cert = datum(o.certificatePem);
    const gnutls_datum_t key = datum(o.privateKeyPem);
    int rc = gnutls_certificate_allocate_credentials(&credentials);
    if (rc == 0)
        rc = gnutls_certificate_set_x509_key_mem(credentials, &cert, &key, GNUTLS_X509_FMT_PEM);
    if (rc >= 0)
        rc = gnutls_priority_init(&priorities, kTlsPriorities, nullptr);
    if (rc < 0) {
        if (credentials)
            gnutls_certificate_free_credentials(credentials);
        *error = QStringLiteral("TLS certificate or key not usable: %1")
                     .arg(QString::fromUtf8(gnutls_strerror(rc)));
        return false;
    }

    const detail::ListenSocket socket = detail::openListenSocket(o.address, o.port, error);
    if (socket.fd < 0) {
        gnutls_priority_deinit(priorities);
        gnutls_certificate_free_credentials(credentials);
        return false;
    }

    auto core = std::make_shared<ServerCore>();
    core->owner = this;
    core->deliver = [this](const std::shared_ptr<Exchange> &exchange, const HttpRequest &request) {
        dispatch(exchange, request);
    };
    core->wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

    detail::LoopSettings settings;
    settings.connectionLimit = o.connectionLimit;
    settings.perAddressLimit = o.perAddressLimit;
    settings.limits.http.maxBodyBytes = o.maxBodyBytes;
    settings.limits.http.maxHeadBytes = o.maxHeadBytes;
    settings.limits.requestTimeout = std::chrono::seconds(o.requestTimeoutSeconds);
    settings.limits.idleTimeout = std::chrono::seconds(o.idleTimeoutSeconds);
    // From here on the loop owns the socket and the TLS settings.
    auto loop =
        std::make_unique<detail::HttpLoop>(core, socket.fd, credentials, priorities, settings);
    if (core->wakeFd < 0 || !loop->start(error)) {
        if (error->isEmpty())
            *error = QStringLiteral("cannot create an eventfd: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_core = std::move(core);
    m_loop = std::move(loop);
    m_port = socket.port;
    return true;
}

void HttpServer::stop()
{
    if (!m_loop)
        return;
    std::vector<std::shared_ptr<Exchange>> waiting;
    {
        std::lock_guard lock(m_core->mutex);
        m_core->stopping = true; // the loop closes the listener and answers newcomers itself
        for (const auto &entry : m_core->pending)
            waiting.push_back(entry.second);
    }
    m_core->wake();
    for (const auto &exchange : waiting)
        exchange->answer(
            jsonError(ErrorCode::Unavailable, QStringLiteral("the server is stopping")));
    {
        // A slow client is not worth more than a short wait at shutdown.
        std::unique_lock lock(m_core->mutex);
        m_core->drained.wait_for(lock, kDrainTime, [this] { return m_core->busy == 0; });
        m_core->quit = true;
    }
    m_core->wake();
    m_loop.reset(); // joins the I/O thread, closes every connection
    m_core.reset();
    m_port = 0;
}

int HttpServer::pendingCount() const
{
    if (!m_core)
        return 0;
    std::lock_guard lock(m_core->mutex);
    return int(m_core->pending.size());
}

void HttpServer::dispatch(const std::shared_ptr<Exchange> &exchange, const HttpRequest &request)
{
    if (exchange->isAnswered())
        return; // stop() answered it, or its client left, while it waited in the event queue
    const HttpResponder responder(std::make_shared<detail::ResponderTicket>(exchange));
    if (m_handler)
        m_handler(request, responder);
    else
        responder.respond(jsonError(ErrorCode::NotFound, QStringLiteral("no handler")));
}

} // namespace mamori::appliance
