// SPDX-License-Identifier: GPL-2.0-or-later
// POST and DELETE /api/v1/session.
#include "appliance/api/ApiService.h"
#include "appliance/auth/LoginThrottle.h"
#include "appliance/auth/PasswordHasher.h"
#include "appliance/auth/UserStore.h"
#include "protocol/ApiPaths.h"
#include "protocol/JsonReader.h"

#include <QPointer>
#include <QThreadPool>
#include <QTimer>

namespace mamori::appliance {

namespace path = protocol::path;

using protocol::ErrorCode;

namespace {

// Argon2id costs ~0.1 s of CPU and 64 MiB: verify on a small pool of its
// own so that logins never stall the thread that answers everything else.
class HashPool : public QObject
{
public:
    explicit HashPool(QObject *parent) : QObject(parent) { m_pool.setMaxThreadCount(2); }
    ~HashPool() override { m_pool.waitForDone(); }
    QThreadPool &pool() { return m_pool; }

private:
    QThreadPool m_pool;
};

void finishLogin(ApiService &api, const ApiCall &call, const QString &user, bool passwordOk)
{
    const ApplianceServices &s = api.services();
    const auto account = passwordOk ? s.users->find(user) : std::nullopt;
    if (!account) {
        const bool locked = s.throttle->recordFailure(user, call.request.peerAddress);
        api.audit(call, QStringLiteral("session.login"), {}, QStringLiteral("failure"),
                  QStringLiteral("wrong user or password"), user);
        if (locked)
            api.audit(call, QStringLiteral("session.lockout"), user, QStringLiteral("success"),
                      QStringLiteral("too many failed logins"), user);
        call.fail(ErrorCode::BadCredentials, QStringLiteral("wrong user or password"));
        return;
    }
    s.throttle->recordSuccess(user);
    Session session;
    const QString token =
        s.sessions->create(account->name, account->role, call.request.peerAddress, &session);
    if (token.isEmpty()) {
        call.fail(ErrorCode::Internal, QStringLiteral("could not store the session"));
        return;
    }
    s.sessions->purge();
    api.audit(call, QStringLiteral("session.login"), {}, QStringLiteral("success"), {},
              account->name, protocol::roleName(account->role));
    call.ok({{QStringLiteral("token"), token},
             {QStringLiteral("user"), account->name},
             {QStringLiteral("role"), protocol::roleName(account->role)},
             {QStringLiteral("expires"), isoUtc(session.expires)}});
}

void login(ApiService &api, HashPool *hashes, const ApiCall &call)
{
    const ApplianceServices &s = api.services();
    auto reader = protocol::JsonReader::parse(call.request.body);
    const QString user = reader.string(QStringLiteral("user"));
    const QString password = reader.string(QStringLiteral("password"));
    if (!reader.ok()) {
        call.fail(ErrorCode::BadRequest, reader.error());
        return;
    }
    const auto verdict = s.throttle->check(user, call.request.peerAddress);
    if (verdict.lockedForSeconds > 0) {
        api.audit(call, QStringLiteral("session.login"), {}, QStringLiteral("failure"),
                  QStringLiteral("locked out: %1").arg(verdict.lockedSubject), user);
        call.fail(ErrorCode::LockedOut,
                  QStringLiteral("too many failed logins for %1; try again in %2 seconds")
                      .arg(verdict.lockedSubject)
                      .arg(verdict.lockedForSeconds),
                  {{"Retry-After", QByteArray::number(verdict.lockedForSeconds)}});
        return;
    }
    const auto account = s.users->find(user);
    const QString hash = account ? account->passwordHash : QString();
    const QByteArray secret = password.toUtf8();
    const int delayMs = verdict.delaySeconds * 1000;
    QPointer<ApiService> self(&api);
    hashes->pool().start([self, call, user, hash, secret, delayMs] {
        const bool passwordOk = hash.isEmpty() ? (PasswordHasher::verifyDummy(secret), false)
                                               : PasswordHasher::verify(hash, secret);
        QMetaObject::invokeMethod(
            self,
            [self, call, user, passwordOk, delayMs] {
                // The delay holds no thread: the answer simply goes out later.
                QTimer::singleShot(delayMs, self, [self, call, user, passwordOk] {
                    finishLogin(*self, call, user, passwordOk);
                });
            },
            Qt::QueuedConnection);
    });
}

} // namespace

void registerSessionApi(ApiService &api)
{
    auto *hashes = new HashPool(&api);
    api.route("POST", path::kSession,
              [&api, hashes](const ApiCall &call) { login(api, hashes, call); });
    api.route("DELETE", path::kSession, [&api](const ApiCall &call) {
        api.services().sessions->revoke(call.token);
        api.audit(call, QStringLiteral("session.logout"), {}, QStringLiteral("success"));
        call.ok({});
    });
}

} // namespace mamori::appliance
