// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApplianceClient.h"

#include "ApplianceTransfer.h"
#include "CurlMulti.h"
#include "app/records/ApplianceInfo.h"
#include "protocol/ApiPaths.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUrl>

namespace mamori::console {

struct ApplianceClient::Call
{
    QByteArray method;
    QString path;
    QByteArray body;
    bool hasBody = false;
    bool authenticated = true; // sends the token
    bool autoSignIn = true; // may ask the PasswordProvider for a session
    bool probe = false;
    RequestOptions options;
    int tries = 0;
    bool reauthenticated = false;
    QByteArray sentToken;
    std::function<void(ApiResult)> done;
    std::function<void(CertificateInfo, ApiError)> probeDone;
    std::unique_ptr<ApplianceTransfer> transfer;

    ~Call() { body.fill('\0'); }
};

namespace {

ApiError makeError(
    ApiError::Kind kind, const QString &code, const QString &message, const QString &address)
{
    ApiError e;
    e.kind = kind;
    e.code = code;
    e.message = message;
    e.address = address;
    return e;
}

ApiResult resultOf(const ApiError &error)
{
    ApiResult r;
    r.error = error;
    r.httpStatus = error.httpStatus;
    return r;
}

} // namespace

ApplianceClient::ApplianceClient(
    CurlMulti *multi, const QString &baseUrl, const QString &user, QObject *parent)
    : QObject(parent), m_multi(multi), m_baseUrl(baseUrl), m_user(user)
{
    while (m_baseUrl.endsWith(QLatin1Char('/')))
        m_baseUrl.chop(1);
    const QUrl url(m_baseUrl);
    m_address =
        url.port() >= 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    if (m_address.isEmpty())
        m_address = m_baseUrl;
}

ApplianceClient::~ApplianceClient()
{
    cancelAll();
    m_token.fill('\0');
}

void ApplianceClient::setUser(const QString &user)
{
    if (user == m_user)
        return;
    clearSession();
    m_autoSignInRefused = {};
    m_user = user;
}

void ApplianceClient::setPin(const QString &fingerprint, const QByteArray &spkiSha256Base64)
{
    // A token belongs to the identity that issued it; never show it to another.
    if (!m_pinKey.isEmpty() && spkiSha256Base64 != m_pinKey)
        clearSession();
    m_pinFingerprint = fingerprint.toUpper();
    m_pinKey = spkiSha256Base64;
    m_blocked = false;
}

void ApplianceClient::setPin(const CertificateInfo &certificate)
{
    setPin(certificate.fingerprint, certificate.spkiSha256Base64);
}

void ApplianceClient::setPasswordProvider(PasswordProvider provider)
{
    m_passwordProvider = std::move(provider);
    m_autoSignInRefused = {};
}

std::optional<protocol::Role> ApplianceClient::role() const
{
    return protocol::roleFromName(m_roleName);
}

void ApplianceClient::probeCertificate(std::function<void(CertificateInfo, ApiError)> done)
{
    auto call = std::make_shared<Call>();
    call->method = "GET";
    call->path = QLatin1String(protocol::path::kAppliance);
    call->authenticated = false;
    call->autoSignIn = false;
    call->probe = true;
    call->options.maxTries = 1;
    call->probeDone = std::move(done);
    enqueue(std::move(call));
}

void ApplianceClient::login(const QString &password, std::function<void(ApiResult)> done)
{
    auto call = std::make_shared<Call>();
    call->method = "POST";
    call->path = QLatin1String(protocol::path::kSession);
    call->body = QJsonDocument(
        QJsonObject {{QStringLiteral("user"), m_user}, {QStringLiteral("password"), password}})
                     .toJson(QJsonDocument::Compact);
    call->hasBody = true;
    call->authenticated = false;
    call->autoSignIn = false;
    call->done = [this, done = std::move(done)](ApiResult r) {
        if (r.ok()) {
            const QString problem = acceptSession(r.json);
            if (!problem.isEmpty())
                r.error = makeError(ApiError::Kind::Protocol, {},
                    QStringLiteral("the session answer: ") + problem, m_address);
        }
        if (done)
            done(r);
    };
    enqueue(std::move(call));
}

void ApplianceClient::logout(std::function<void(ApiResult)> done)
{
    auto call = std::make_shared<Call>();
    call->method = "DELETE";
    call->path = QLatin1String(protocol::path::kSession);
    call->autoSignIn = false;
    call->done = [this, done = std::move(done)](const ApiResult &r) {
        // Signed out locally whatever the appliance says: the token is gone.
        clearSession();
        if (done)
            done(r);
    };
    if (m_token.isEmpty()) {
        QTimer::singleShot(0, this, [done = std::move(call->done)] { done(ApiResult {}); });
        return;
    }
    enqueue(std::move(call));
}

ApplianceClient::RequestId ApplianceClient::request(const QByteArray &method, const QString &path,
    const QJsonObject &body, std::function<void(ApiResult)> done, RequestOptions options)
{
    auto call = std::make_shared<Call>();
    call->method = method.toUpper();
    call->path = path;
    call->hasBody = !body.isEmpty() || call->method == "POST" || call->method == "PUT"
        || call->method == "PATCH";
    if (call->hasBody)
        call->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    call->options = options;
    call->done = std::move(done);
    return enqueue(std::move(call));
}

ApplianceClient::RequestId ApplianceClient::enqueue(std::shared_ptr<Call> call)
{
    const RequestId id = m_nextId++;
    m_calls.emplace(id, std::move(call));
    QTimer::singleShot(0, this, [this, id] { dispatch(id); });
    return id;
}

void ApplianceClient::cancel(RequestId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    const std::shared_ptr<Call> call = it->second;
    m_calls.erase(it);
    if (call->transfer && m_multi)
        m_multi->cancel(call->transfer->easy());
}

void ApplianceClient::cancelAll()
{
    while (!m_calls.empty())
        cancel(m_calls.begin()->first);
}

void ApplianceClient::dispatch(RequestId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    Call &call = *it->second;
    if (!call.probe && !isPinned()) {
        finish(id,
            resultOf(makeError(ApiError::Kind::Tls, QStringLiteral("not_trusted"),
                QStringLiteral("no pinned certificate: probe and trust "
                               "the appliance first"),
                m_address)));
        return;
    }
    if (!call.probe && m_blocked) {
        finish(id,
            resultOf(makeError(ApiError::Kind::PinMismatch, {},
                QStringLiteral("blocked after a pin mismatch until the "
                               "appliance is trusted again"),
                m_address)));
        return;
    }
    if (call.authenticated && call.autoSignIn && m_token.isEmpty() && m_passwordProvider) {
        ensureSession([this, id](const ApiError &error) {
            const auto found = m_calls.find(id);
            if (found == m_calls.end())
                return;
            if (!error.ok())
                finish(id, resultOf(error));
            else
                send(id, *found->second);
        });
        return;
    }
    send(id, call);
}

void ApplianceClient::send(RequestId id, Call &call)
{
    if (!m_multi) {
        finish(id,
            resultOf(makeError(ApiError::Kind::Cancelled, {},
                QStringLiteral("the network client is gone"), m_address)));
        return;
    }
    ++call.tries;
    ApplianceTransfer::Setup s;
    s.url = m_baseUrl + call.path;
    s.method = call.method;
    s.body = call.body;
    s.hasBody = call.hasBody;
    s.token = call.authenticated ? m_token : QByteArray();
    if (call.probe) {
        s.freshConnection = true;
    } else {
        s.pinnedKey = m_pinKey;
        s.pinnedFingerprint = m_pinFingerprint;
    }
    s.timeoutMs = call.options.timeoutMs > 0 ? call.options.timeoutMs : m_timeoutMs;
    s.maxResponseSize = m_maxResponseSize;
    s.stallSeconds = call.options.stallSeconds >= 0 ? call.options.stallSeconds
        : call.method == "GET"                      ? m_stallSeconds
                                                    : 0;
    call.sentToken = s.token;
    call.transfer = std::make_unique<ApplianceTransfer>(std::move(s));
    m_multi->start(call.transfer->easy(), [this, id](CURLcode code) { finished(id, code); });
}

void ApplianceClient::finished(RequestId id, int curlCode)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    const std::shared_ptr<Call> call = it->second;
    const ApiResult r = call->transfer->result(CURLcode(curlCode), m_address);
    const CertificateInfo peer = call->transfer->peerCertificate();
    const QString presented = call->transfer->presentedFingerprint().isEmpty()
        ? peer.fingerprint
        : call->transfer->presentedFingerprint();
    call->transfer.reset();

    if (call->probe) {
        m_calls.erase(id);
        // Any answer over TLS will do: what we came for is the certificate.
        ApiError error = r.error;
        if (!peer.isNull())
            error = {};
        else if (error.ok())
            error = makeError(ApiError::Kind::Tls, {},
                QStringLiteral("the appliance presented no certificate"), m_address);
        if (call->probeDone)
            call->probeDone(peer, error);
        return;
    }
    if (r.error.kind == ApiError::Kind::PinMismatch) {
        const bool wasBlocked = m_blocked;
        m_blocked = true;
        const QPointer<ApplianceClient> alive(this);
        if (!wasBlocked)
            emit pinMismatch(presented, peer.fingerprint == presented ? peer : CertificateInfo());
        if (alive)
            finish(id, r);
        return;
    }

    const bool transient = r.error.kind == ApiError::Kind::Refused
        || r.error.kind == ApiError::Kind::Timeout
        || (r.error.kind == ApiError::Kind::Http && r.error.httpStatus >= 500);
    const int maxTries = call->options.maxTries > 0 ? call->options.maxTries : 3;
    if (transient && call->method == "GET" && call->tries < maxTries) {
        const int delay = m_retryDelayMs * (1 << std::min(call->tries - 1, 10));
        QTimer::singleShot(delay, this, [this, id] { dispatch(id); });
        return;
    }

    const bool tokenRefused = r.error.kind == ApiError::Kind::Http && r.error.httpStatus == 401
        && !call->sentToken.isEmpty()
        && (r.error.code == QLatin1String("token_expired")
            || r.error.code == QLatin1String("unauthenticated"));
    if (tokenRefused) {
        if (m_token == call->sentToken)
            clearSession();
        if (call->autoSignIn && !call->reauthenticated && m_passwordProvider) {
            call->reauthenticated = true;
            call->tries = 0;
            dispatch(id); // signs in first, then sends again
            return;
        }
    }
    finish(id, r);
}

void ApplianceClient::finish(RequestId id, const ApiResult &result)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    const std::shared_ptr<Call> call = it->second;
    m_calls.erase(it);
    if (call->done)
        call->done(result);
}

void ApplianceClient::ensureSession(std::function<void(ApiError)> ready)
{
    if (!m_token.isEmpty() || !m_autoSignInRefused.ok()) {
        ready(m_autoSignInRefused);
        return;
    }
    m_sessionWaiters.push_back(std::move(ready));
    if (m_signingIn)
        return;
    m_signingIn = true;
    const QPointer<ApplianceClient> self(this);
    auto answered = std::make_shared<bool>(false);
    m_passwordProvider(m_user, [self, answered](std::optional<QString> password) {
        if (*answered || !self)
            return;
        *answered = true;
        if (!password) {
            self->sessionAttemptDone(
                makeError(ApiError::Kind::Cancelled, QStringLiteral("no_password"),
                    QStringLiteral("no password to sign in with"), self->m_address));
            return;
        }
        self->login(*password, [self](const ApiResult &r) {
            if (self)
                self->sessionAttemptDone(r.error);
        });
    });
}

void ApplianceClient::sessionAttemptDone(const ApiError &error)
{
    m_signingIn = false;
    // Trying a wrong password again by itself would only lock the user out.
    if (error.code == QLatin1String("bad_credentials") || error.code == QLatin1String("locked_out"))
        m_autoSignInRefused = error;
    const auto waiters = std::exchange(m_sessionWaiters, {});
    const QPointer<ApplianceClient> alive(this);
    for (const auto &ready : waiters) {
        ready(error);
        if (!alive)
            return;
    }
}

QString ApplianceClient::acceptSession(const QJsonObject &json)
{
    Parsed<Session> session = parseSession(json);
    if (!session)
        return session.error();
    Session s = std::move(*session);
    m_autoSignInRefused = {};
    m_token = s.token.toUtf8();
    s.token.fill(QLatin1Char('\0'));
    m_signedInUser = s.user;
    m_roleName = protocol::roleName(s.role);
    m_expires = s.expires;
    emit signedIn(m_signedInUser, m_roleName);
    return {};
}

void ApplianceClient::clearSession()
{
    if (m_token.isEmpty())
        return;
    m_token.fill('\0');
    m_token.clear();
    m_signedInUser.clear();
    m_roleName.clear();
    m_expires = {};
    emit signedOut();
}

} // namespace mamori::console
