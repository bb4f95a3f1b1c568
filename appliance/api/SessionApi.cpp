// SPDX-License-Identifier: GPL-2.0-or-later
// POST and DELETE /api/v1/session.
#include "appliance/Config.h"
#include "appliance/api/ApiService.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/auth/LoginThrottle.h"
#include "appliance/auth/PasswordHasher.h"
#include "appliance/auth/UserStore.h"
#include "protocol/ApiPaths.h"
#include "protocol/JsonReader.h"

#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <set>

namespace mamori::appliance {

namespace path = protocol::path;

using protocol::ErrorCode;

namespace {

// Argon2id costs ~0.1 s of CPU and 64 MiB: verify on a small pool of its
// own so that logins never stall the thread that answers everything else,
// and hold at most `limit` logins waiting for it, so that a flood is refused
// at once instead of queueing without end.
class HashPool : public QObject
{
public:
    HashPool(int limit, QObject *parent) : QObject(parent), m_limit(limit)
    {
        m_pool.setMaxThreadCount(2);
    }
    ~HashPool() override { m_pool.waitForDone(); }

    bool full() const { return m_queued >= m_limit; }
    // Seconds until a place is likely free: a check takes about 0.1 s per thread.
    int retryAfterSeconds() const { return 1 + m_queued / (10 * m_pool.maxThreadCount()); }
    void start(std::function<void()> job)
    {
        ++m_queued;
        m_pool.start(std::move(job));
    }
    void done() { --m_queued; }

private:
    QThreadPool m_pool;
    int m_limit;
    int m_queued = 0; // started and not done, on the owner thread's count
};

// Logins refused because of a lockout are not audited one by one (a flood
// would fill the log): each address gets one record per window that says
// how many were refused, written when the window ends or the appliance stops.
class RefusalTally : public QObject
{
public:
    static constexpr qint64 kWindowSeconds = 60;

    RefusalTally(AuditLog *audit, QObject *parent) : QObject(parent), m_audit(audit)
    {
        m_flush.setInterval(int(kWindowSeconds * 1000 / 4));
        connect(&m_flush, &QTimer::timeout, this, [this] { flush(false); });
        m_flush.start();
    }
    ~RefusalTally() override { flush(true); }

    void add(const QString &address, const QString &user, const QString &why)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto it = m_tallies.find(address);
        if (it != m_tallies.end() && it->first.secsTo(now) >= kWindowSeconds) {
            write(address, *it);
            m_tallies.erase(it);
            it = m_tallies.end();
        }
        if (it == m_tallies.end())
            it = m_tallies.insert(address, Tally {now, now, 0, {}, why});
        ++it->count;
        it->last = now;
        if (it->users.size() < 5)
            it->users.insert(user);
    }

private:
    struct Tally
    {
        QDateTime first, last;
        int count;
        std::set<QString> users;
        QString why;
    };

    void flush(bool all)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (auto it = m_tallies.begin(); it != m_tallies.end();) {
            if (all || it->first.secsTo(now) >= kWindowSeconds) {
                write(it.key(), *it);
                it = m_tallies.erase(it);
            } else {
                ++it;
            }
        }
    }

    void write(const QString &address, const Tally &t)
    {
        AuditRecord r;
        r.source = address;
        r.action = QStringLiteral("session.refused");
        r.outcome = QStringLiteral("denied");
        QStringList users(t.users.begin(), t.users.end());
        r.detail = QStringLiteral("%1 logins refused while locked out (%2), %3 to %4; users: %5")
                       .arg(t.count)
                       .arg(t.why, isoUtc(t.first), isoUtc(t.last), users.join(u", "));
        QString error;
        if (!m_audit->append(r, &error))
            qWarning("audit record of refused logins not written: %s", qPrintable(error));
    }

    AuditLog *m_audit;
    QTimer m_flush;
    QHash<QString, Tally> m_tallies; // by address
};

struct Login
{
    ApiService &api;
    HashPool *hashes;
    RefusalTally *refusals;

    void lockedOut(
        const ApiCall &call, const QString &user, const QString &subject, qint64 seconds) const
    {
        refusals->add(call.request.peerAddress, user, subject);
        call.fail(ErrorCode::LockedOut,
            QStringLiteral("too many failed logins for %1; try again in %2 seconds")
                .arg(subject)
                .arg(seconds),
            {{"Retry-After", QByteArray::number(seconds)}});
    }

    void finish(const ApiCall &call, const QString &user, bool passwordOk) const
    {
        const ApplianceServices &s = api.services();
        const auto account = passwordOk ? s.users->find(user) : std::nullopt;
        const auto outcome = s.throttle->finish(user, call.request.peerAddress, bool(account));
        if (outcome == LoginThrottle::Outcome::Locked) {
            const auto v = s.throttle->lockout(user, call.request.peerAddress);
            lockedOut(call, user, v.lockedSubject, std::max<qint64>(1, v.lockedForSeconds));
            return;
        }
        if (outcome != LoginThrottle::Outcome::Success) {
            api.audit(call, QStringLiteral("session.login"), {}, QStringLiteral("failure"),
                QStringLiteral("wrong user or password"), user);
            if (outcome == LoginThrottle::Outcome::FailureLockedOut)
                api.audit(call, QStringLiteral("session.lockout"), user, QStringLiteral("success"),
                    QStringLiteral("too many failed logins"), user);
            call.fail(ErrorCode::BadCredentials, QStringLiteral("wrong user or password"));
            return;
        }
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
        call.ok({{QStringLiteral("token"), token}, {QStringLiteral("user"), account->name},
            {QStringLiteral("role"), protocol::roleName(account->role)},
            {QStringLiteral("expires"), isoUtc(session.expires)}});
    }

    void start(const ApiCall &call) const
    {
        const ApplianceServices &s = api.services();
        auto reader = protocol::JsonReader::parse(call.request.body);
        const QString user = reader.string(QStringLiteral("user"));
        const QString password = reader.string(QStringLiteral("password"));
        if (!reader.ok()) {
            call.fail(ErrorCode::BadRequest, reader.error());
            return;
        }
        // No account can have such a name: refused before it costs a check,
        // counts against anyone or is written anywhere.
        if (!UserStore::isValidName(user)) {
            call.fail(ErrorCode::InvalidArgument, UserStore::nameRule());
            return;
        }
        if (hashes->full()) {
            const int seconds = hashes->retryAfterSeconds();
            call.fail(ErrorCode::RateLimited,
                QStringLiteral("too many logins are being checked; try again in %1 seconds")
                    .arg(seconds),
                {{"Retry-After", QByteArray::number(seconds)}});
            return;
        }
        const auto verdict = s.throttle->admit(user, call.request.peerAddress);
        if (verdict.lockedForSeconds > 0) {
            lockedOut(call, user, verdict.lockedSubject, verdict.lockedForSeconds);
            return;
        }
        const auto account = s.users->find(user);
        const QString hash = account ? account->passwordHash : QString();
        const QByteArray secret = password.toUtf8();
        const int delayMs = verdict.delaySeconds * 1000;
        QPointer<ApiService> self(&api);
        const Login login = *this;
        hashes->start([self, login, call, user, hash, secret, delayMs] {
            const bool passwordOk = hash.isEmpty() ? (PasswordHasher::verifyDummy(secret), false)
                                                   : PasswordHasher::verify(hash, secret);
            QMetaObject::invokeMethod(
                self,
                [self, login, call, user, passwordOk, delayMs] {
                    login.hashes->done();
                    // The delay holds no thread: the answer simply goes out later.
                    QTimer::singleShot(delayMs, self,
                        [login, call, user, passwordOk] { login.finish(call, user, passwordOk); });
                },
                Qt::QueuedConnection);
        });
    }
};

} // namespace

void registerSessionApi(ApiService &api)
{
    const Login login {api, new HashPool(api.services().config->loginHashQueue, &api),
        new RefusalTally(api.services().audit, &api)};
    api.services().throttle->purge();
    api.route("POST", path::kSession, [login](const ApiCall &call) { login.start(call); });
    api.route("DELETE", path::kSession, [&api](const ApiCall &call) {
        api.services().sessions->revoke(call.token);
        api.audit(call, QStringLiteral("session.logout"), {}, QStringLiteral("success"));
        call.ok({});
    });
}

} // namespace mamori::appliance
