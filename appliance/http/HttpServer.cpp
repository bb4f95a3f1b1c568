// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpServer.h"

#include "appliance/http/HttpExchange_p.h"
#include "appliance/http/ListenSocket_p.h"

#include <QDebug>
#include <QMetaObject>

#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <gnutls/gnutls.h>
#include <microhttpd.h>
#include <unistd.h>
#include <vector>

namespace mamori::appliance {
namespace {

using detail::Exchange;
using detail::ServerCore;
using mamori::protocol::ErrorCode;

constexpr char kTlsPriorities[] = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";
constexpr auto kDrainTime = std::chrono::seconds(2);

// MHD's state for one request (its con_cls), from the first header callback
// until MHD_OPTION_NOTIFY_COMPLETED.
struct RequestState
{
    QByteArray body;
    std::shared_ptr<Exchange> exchange; // set once handed to the owner thread
};

bool isOwnHeader(const QByteArray &name)
{
    return name.compare("cache-control", Qt::CaseInsensitive) == 0
        || name.compare("x-content-type-options", Qt::CaseInsensitive) == 0
        || name.compare("content-type", Qt::CaseInsensitive) == 0;
}

MHD_Result queueResponse(MHD_Connection *connection, const HttpResponse &r)
{
    MHD_Response *response = MHD_create_response_from_buffer(
        size_t(r.body.size()), const_cast<char *>(r.body.constData()), MHD_RESPMEM_MUST_COPY);
    if (!response)
        return MHD_NO;
    MHD_add_response_header(response, "Cache-Control", "no-store");
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    if (!r.contentType.isEmpty())
        MHD_add_response_header(response, "Content-Type", r.contentType.constData());
    for (const auto &[name, value] : r.headers) {
        // MHD refuses names and values with CR or LF, so no header injection.
        if (!isOwnHeader(name)
            && MHD_add_response_header(response, name.constData(), value.constData()) != MHD_YES)
            qWarning("mamori-http: response header '%s' refused", name.constData());
    }
    const MHD_Result result = MHD_queue_response(connection, unsigned(r.status), response);
    MHD_destroy_response(response);
    return result;
}

HttpResponse tooLarge(qint64 limit)
{
    HttpResponse r = jsonError(ErrorCode::PayloadTooLarge,
        QStringLiteral("the request body is larger than %1 bytes").arg(limit));
    r.headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
    return r;
}

MHD_Result collectHeader(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    addRequestHeader(*static_cast<HttpRequest *>(cls), key, value);
    return MHD_YES;
}

MHD_Result collectQuery(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    addRequestQuery(*static_cast<HttpRequest *>(cls), key, value);
    return MHD_YES;
}

HttpRequest buildRequest(
    MHD_Connection *connection, const char *url, const char *method, QByteArray body)
{
    HttpRequest request;
    request.method = method;
    request.path = QString::fromUtf8(url); // MHD has split off the query and unescaped the path
    request.body = std::move(body);
    MHD_get_connection_values(connection, MHD_HEADER_KIND, &collectHeader, &request);
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &collectQuery, &request);
    const MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    request.peerAddress = detail::addressText(info ? info->client_addr : nullptr);
    return request;
}

// Runs on the MHD thread.
MHD_Result onAccess(void *cls, MHD_Connection *connection, const char *url, const char *method,
    const char *, const char *uploadData, size_t *uploadSize, void **conCls)
{
    auto *core = static_cast<ServerCore *>(cls);
    auto *state = static_cast<RequestState *>(*conCls);
    if (!state) {
        // Headers only so far: refuse an announced oversize body before it comes.
        *conCls = state = new RequestState;
        const char *length = MHD_lookup_connection_value(
            connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && std::strtoull(length, nullptr, 10) > quint64(core->maxBodyBytes))
            return queueResponse(connection, tooLarge(core->maxBodyBytes));
        return MHD_YES;
    }
    if (state->exchange) {
        // Resumed by Exchange::answer().
        HttpResponse response;
        {
            std::lock_guard lock(state->exchange->mutex);
            response = std::move(state->exchange->response);
        }
        return queueResponse(connection, response);
    }
    if (*uploadSize != 0) {
        if (state->body.size() + qint64(*uploadSize) > core->maxBodyBytes) {
            // Only a chunked body gets here (a declared length was checked up
            // front). MHD 0.9.75 takes no response in the middle of a body, so
            // closing is the only way not to read the rest.
            qWarning("mamori-http: closing a connection whose body exceeds %lld bytes",
                static_cast<long long>(core->maxBodyBytes));
            return MHD_NO;
        }
        state->body.append(uploadData, qsizetype(*uploadSize));
        *uploadSize = 0;
        return MHD_YES;
    }

    HttpRequest request = buildRequest(connection, url, method, std::move(state->body));
    auto exchange = std::make_shared<Exchange>();
    {
        std::lock_guard lock(core->mutex);
        if (core->stopping) {
            return queueResponse(connection,
                jsonError(ErrorCode::Unavailable, QStringLiteral("the server is stopping")));
        }
        // Suspended before anyone can see the exchange: nobody resumes it early.
        exchange->connection = connection;
        exchange->core = core->weak_from_this();
        MHD_suspend_connection(connection);
        core->pending.emplace(exchange.get(), exchange);
        ++core->inFlight;
    }
    state->exchange = exchange;
    QMetaObject::invokeMethod(
        core->owner, [deliver = core->deliver, exchange, request] { deliver(exchange, request); },
        Qt::QueuedConnection);
    return MHD_YES;
}

// Runs on the MHD thread, also when the client went away.
void onCompleted(void *cls, MHD_Connection *, void **conCls, MHD_RequestTerminationCode)
{
    auto *core = static_cast<ServerCore *>(cls);
    auto *state = static_cast<RequestState *>(*conCls);
    *conCls = nullptr;
    if (!state)
        return;
    if (state->exchange) {
        state->exchange->close();
        std::lock_guard lock(core->mutex);
        --core->inFlight;
        core->drained.notify_all();
    }
    delete state;
}

__attribute__((format(printf, 2, 0))) void onLog(void *, const char *format, va_list args)
{
    char text[512];
    std::vsnprintf(text, sizeof text, format, args);
    QByteArray line(text);
    qWarning("mamori-http: %s", line.trimmed().constData());
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
    if (m_daemon) {
        *error = QStringLiteral("the server is already running");
        return false;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        *error = QStringLiteral("libmicrohttpd was built without TLS");
        return false;
    }
    // MHD would only fail to start; GnuTLS says what is wrong with the pair.
    gnutls_certificate_credentials_t credentials = nullptr;
    int rc = gnutls_certificate_allocate_credentials(&credentials);
    const gnutls_datum_t cert {
        reinterpret_cast<unsigned char *>(const_cast<char *>(o.certificatePem.constData())),
        unsigned(o.certificatePem.size())};
    const gnutls_datum_t key {
        reinterpret_cast<unsigned char *>(const_cast<char *>(o.privateKeyPem.constData())),
        unsigned(o.privateKeyPem.size())};
    if (rc == 0)
        rc = gnutls_certificate_set_x509_key_mem(credentials, &cert, &key, GNUTLS_X509_FMT_PEM);
    gnutls_certificate_free_credentials(credentials);
    if (rc < 0) {
        *error = QStringLiteral("TLS certificate or key not usable: %1")
                     .arg(QString::fromUtf8(gnutls_strerror(rc)));
        return false;
    }

    const detail::ListenSocket socket = detail::openListenSocket(o.address, o.port, error);
    if (socket.fd < 0)
        return false;

    auto core = std::make_shared<ServerCore>();
    core->owner = this;
    core->maxBodyBytes = o.maxBodyBytes;
    core->deliver = [this](const std::shared_ptr<Exchange> &exchange, const HttpRequest &request) {
        dispatch(exchange, request);
    };
    m_certificatePem = o.certificatePem;
    m_privateKeyPem = o.privateKeyPem;

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS | MHD_ALLOW_SUSPEND_RESUME
        | MHD_USE_ERROR_LOG;
    flags |= MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES ? MHD_USE_EPOLL : MHD_USE_POLL;
    if (socket.dualStack)
        flags |= MHD_USE_DUAL_STACK;
    else if (socket.ipv6)
        flags |= MHD_USE_IPv6;
    // The logger comes first so that MHD logs nothing to stderr on its own.
    m_daemon = MHD_start_daemon(flags, socket.port, nullptr, nullptr, &onAccess, core.get(),
        MHD_OPTION_EXTERNAL_LOGGER, &onLog, nullptr, MHD_OPTION_LISTEN_SOCKET,
        MHD_socket(socket.fd), MHD_OPTION_HTTPS_MEM_CERT, m_certificatePem.constData(),
        MHD_OPTION_HTTPS_MEM_KEY, m_privateKeyPem.constData(), MHD_OPTION_HTTPS_PRIORITIES,
        kTlsPriorities, MHD_OPTION_CONNECTION_LIMIT, unsigned(o.connectionLimit),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, unsigned(o.perAddressLimit),
        MHD_OPTION_CONNECTION_TIMEOUT, unsigned(o.idleTimeoutSeconds),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, size_t(o.connectionMemoryLimit),
        MHD_OPTION_NOTIFY_COMPLETED, &onCompleted, core.get(), MHD_OPTION_END);
    if (!m_daemon) {
        ::close(socket.fd);
        *error = QStringLiteral("libmicrohttpd could not start on port %1 (see the log)")
                     .arg(socket.port);
        return false;
    }
    m_core = std::move(core);
    m_port = socket.port;
    return true;
}

void HttpServer::stop()
{
    if (!m_daemon)
        return;
    // No new connections; the listening socket stays ours to close after MHD.
    const MHD_socket listening = MHD_quiesce_daemon(m_daemon);
    std::vector<std::shared_ptr<Exchange>> waiting;
    {
        std::lock_guard lock(m_core->mutex);
        m_core->stopping = true;
        for (const auto &entry : m_core->pending)
            waiting.push_back(entry.second);
    }
    for (const auto &exchange : waiting)
        exchange->answer(
            jsonError(ErrorCode::Unavailable, QStringLiteral("the server is stopping")));
    {
        // MHD_stop_daemon would cut the answers off; a slow client is not
        // worth more than a short wait at shutdown.
        std::unique_lock lock(m_core->mutex);
        m_core->drained.wait_for(lock, kDrainTime, [this] { return m_core->inFlight == 0; });
    }
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
    if (listening != MHD_INVALID_SOCKET)
        ::close(listening);
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
        return; // stop() answered it while it waited in the event queue
    // Not make_shared: clang before 16 cannot make an aggregate from parentheses.
    const HttpResponder responder(
        std::shared_ptr<detail::ResponderTicket>(new detail::ResponderTicket {exchange}));
    if (m_handler)
        m_handler(request, responder);
    else
        responder.respond(jsonError(ErrorCode::NotFound, QStringLiteral("no handler")));
}

} // namespace mamori::appliance
