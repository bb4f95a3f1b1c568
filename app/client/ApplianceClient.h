// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ApiError.h"
#include "CertificateInfo.h"
#include "protocol/Role.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace mamori::console {

class CurlMulti;

// Gives the client a password when it has to sign in by itself (session
// expired, appliance restarted). Call `reply` once, now or later, with
// std::nullopt when there is none (the user cancelled the prompt).
using PasswordReply = std::function<void(std::optional<QString> password)>;
using PasswordProvider = std::function<void(const QString &user, PasswordReply reply)>;

struct RequestOptions
{
    int timeoutMs = -1; // total time; -1: the client's default
    // Cut an answer that drips (ApplianceTransfer::kStallBytesPerSecond) for
    // this long; -1: the client's default for GET (none for other methods,
    // which the appliance may work on a while before it answers); 0: never.
    int stallSeconds = -1;
    int maxTries = -1; // -1: 3 for GET (on connection failures, timeouts, 5xx), else 1
};

// The console's connection to one appliance: trust by pinning, the session,
// requests. Everything is asynchronous; every callback runs later from the
// event loop, never inside the call that started it.
class ApplianceClient : public QObject
{
    Q_OBJECT

public:
    using RequestId = quint64;

    ApplianceClient(
        CurlMulti *multi, const QString &baseUrl, const QString &user, QObject *parent = nullptr);
    ~ApplianceClient() override;

    QString baseUrl() const { return m_baseUrl; }
    QString address() const { return m_address; } // "host:port"
    QString user() const { return m_user; }
    void setUser(const QString &user);

    // First contact: connects without verification and without credentials
    // and reports the certificate the appliance presents.
    void probeCertificate(std::function<void(CertificateInfo, ApiError)> done);
    // Trusts exactly this certificate and key; also lifts a pin-mismatch block.
    void setPin(const QString &fingerprint, const QByteArray &spkiSha256Base64);
    void setPin(const CertificateInfo &certificate);
    bool isPinned() const { return !m_pinKey.isEmpty(); }
    QString pinnedFingerprint() const { return m_pinFingerprint; }
    QByteArray pinnedKey() const { return m_pinKey; }
    // After a pin mismatch every request fails with PinMismatch until setPin.
    bool isBlocked() const { return m_blocked; }

    // After the provider's password is refused (bad_credentials, locked_out)
    // the client stops signing in by itself until login() succeeds or a
    // provider is set again; requests then fail with that error.
    void setPasswordProvider(PasswordProvider provider);
    void setDefaultTimeout(int ms) { m_timeoutMs = ms; }
    void setMaxResponseSize(qint64 bytes) { m_maxResponseSize = bytes; }
    void setStallSeconds(int seconds) { m_stallSeconds = seconds; }
    void setRetryDelay(int ms) { m_retryDelayMs = ms; } // first back-off; doubles

    void login(const QString &password, std::function<void(ApiResult)> done);
    void logout(std::function<void(ApiResult)> done);
    // `body` is sent for POST, PUT and PATCH (as {} when empty) and otherwise
    // only when not empty. Cancel with cancel(): `done` is then not called.
    RequestId request(const QByteArray &method, const QString &path, const QJsonObject &body,
        std::function<void(ApiResult)> done, RequestOptions options = {});
    void cancel(RequestId id);
    void cancelAll();

    bool isSignedIn() const { return !m_token.isEmpty(); }
    QString signedInUser() const { return m_signedInUser; }
    QString roleName() const { return m_roleName; }
    std::optional<protocol::Role> role() const;
    QDateTime sessionExpires() const { return m_expires; }

signals:
    void signedIn(const QString &user, const QString &role); // also after a silent re-login
    void signedOut();
    // `certificate` is the one presented, when the handshake showed it
    // (null otherwise): what the admin is shown and may decide to trust.
    void pinMismatch(
        const QString &presentedFingerprint, const mamori::console::CertificateInfo &certificate);

private:
    struct Call;

    RequestId enqueue(std::shared_ptr<Call> call);
    void dispatch(RequestId id);
    void send(RequestId id, Call &call);
    void finished(RequestId id, int curlCode);
    void finish(RequestId id, const ApiResult &result);
    void ensureSession(std::function<void(ApiError)> ready);
    void sessionAttemptDone(const ApiError &error);
    // Empty when the answer is a session; else what is wrong with it.
    QString acceptSession(const QJsonObject &json);
    void clearSession();

    QPointer<CurlMulti> m_multi;
    QString m_baseUrl;
    QString m_address;
    QString m_user;
    QString m_pinFingerprint;
    QByteArray m_pinKey;
    bool m_blocked = false;
    PasswordProvider m_passwordProvider;
    int m_timeoutMs = 30000;
    qint64 m_maxResponseSize = 16 * 1024 * 1024;
    int m_stallSeconds = 15;
    int m_retryDelayMs = 500;

    QByteArray m_token;
    QString m_signedInUser;
    QString m_roleName;
    QDateTime m_expires;
    bool m_signingIn = false;
    ApiError m_autoSignInRefused;
    std::vector<std::function<void(ApiError)>> m_sessionWaiters;

    RequestId m_nextId = 1;
    std::map<RequestId, std::shared_ptr<Call>> m_calls;
};

} // namespace mamori::console
