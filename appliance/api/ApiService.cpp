// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/ApiService.h"

#include "appliance/ProtectionEvaluator.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/auth/LoginThrottle.h"
#include "appliance/auth/PasswordHasher.h"
#include "appliance/auth/UserStore.h"
#include "appliance/events/EventLog.h"
#include "appliance/inventory/InventoryMonitor.h"
#include "mamori/Version.h"
#include "protocol/JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

namespace mamori::appliance {

using protocol::ErrorCode;
using protocol::Role;

namespace {

constexpr int kMaxEventsPerAnswer = 1000;
constexpr int kMaxWaitSeconds = 60;

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// Parses an optional non-negative integer query parameter.
bool queryInteger(const HttpRequest &request, const QString &name, qint64 min, qint64 max,
                  qint64 *value, QString *error)
{
    const QString text = request.query.value(name);
    if (text.isEmpty())
        return true;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("query parameter '%1' must be an integer from %2 to %3")
                     .arg(name)
                     .arg(min)
                     .arg(max);
        return false;
    }
    *value = v;
    return true;
}

} // namespace

ApiService::ApiService(ApiContext context, QObject *parent)
    : QObject(parent), m_ctx(std::move(context))
{
    m_hashPool.setMaxThreadCount(2);
    connect(m_ctx.events, &EventLog::appended, this, &ApiService::onEvent);
}

ApiService::~ApiService()
{
    m_hashPool.waitForDone();
}

void ApiService::ok(const HttpResponder &responder, const QJsonObject &body)
{
    HttpResponse r;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    responder.respond(r);
}

void ApiService::fail(const HttpResponder &responder, ErrorCode code, const QString &message,
                      QList<QPair<QByteArray, QByteArray>> headers)
{
    HttpResponse r = jsonError(code, message);
    r.headers.append(headers);
    responder.respond(r);
}

void ApiService::audit(const Call &call, const QString &action, const QString &target,
                       const QString &outcome, const QString &detail, const QString &user,
                       const QString &role)
{
    AuditRecord record;
    record.user = user.isEmpty() ? call.session.user : user;
    record.role = role.isEmpty() && !call.session.user.isEmpty()
                      ? protocol::roleName(call.session.role)
                      : role;
    record.source = call.request.peerAddress;
    record.action = action;
    record.target = target;
    record.outcome = outcome;
    record.detail = detail;
    QString error;
    if (!m_ctx.audit->append(record, &error))
        qWarning("audit record for %s not written: %s", qPrintable(action), qPrintable(error));
}

void ApiService::handle(const HttpRequest &request, HttpResponder responder)
{
    const auto match = matchRoute(request.method, request.path);
    if (!match) {
        fail(responder, ErrorCode::NotFound, QStringLiteral("no resource at %1").arg(request.path));
        return;
    }
    if (!match->endpoint) {
        fail(responder, ErrorCode::MethodNotAllowed,
             QStringLiteral("%1 does not take %2")
                 .arg(request.path, QString::fromLatin1(request.method)),
             {{"Allow", match->allowedMethods.join(QLatin1String(", ")).toLatin1()}});
        return;
    }
    Call call{request, responder, match->endpoint, match->parameters, {}, {}};

    if (call.endpoint->authenticated) {
        const QByteArray auth = request.headers.value("authorization");
        if (!auth.startsWith("Bearer ")) {
            fail(responder, ErrorCode::Unauthenticated,
                 QStringLiteral("this request needs 'Authorization: Bearer TOKEN'; log in with "
                                "POST /api/v1/session"));
            return;
        }
        call.token = QString::fromLatin1(auth.mid(7).trimmed());
        switch (m_ctx.sessions->lookup(call.token, &call.session)) {
        case SessionStore::Lookup::Unknown:
            fail(responder, ErrorCode::Unauthenticated,
                 QStringLiteral("the token is not valid (logged out or never issued)"));
            return;
        case SessionStore::Lookup::Expired:
            fail(responder, ErrorCode::TokenExpired,
                 QStringLiteral("the session expired; log in again"));
            return;
        case SessionStore::Lookup::Valid:
            break;
        }
        if (!call.endpoint->allows(call.session.role)) {
            if (call.endpoint->audited)
                audit(call, QString::fromLatin1(call.endpoint->method) + QLatin1Char(' ')
                                + request.path,
                      {}, QStringLiteral("denied"));
            fail(responder, ErrorCode::Forbidden,
                 QStringLiteral("the role %1 may not %2 %3")
                     .arg(protocol::roleName(call.session.role),
                          QString::fromLatin1(request.method), request.path));
            return;
        }
    }
    if (!request.body.isEmpty()
        && !request.headers.value("content-type").startsWith("application/json")) {
        fail(responder, ErrorCode::UnsupportedMediaType,
             QStringLiteral("send the body as Content-Type: application/json"));
        return;
    }
    dispatch(call);
}

void ApiService::dispatch(Call &call)
{
    const QByteArray method = call.endpoint->method;
    const QString pattern = QLatin1String(call.endpoint->pattern);
    if (pattern == QLatin1String("/api/v1/session"))
        return method == "POST" ? login(call) : logout(call);
    if (pattern == QLatin1String("/api/v1/appliance"))
        return applianceInfo(call);
    if (pattern == QLatin1String("/api/v1/vms"))
        return listVms(call);
    if (pattern == QLatin1String("/api/v1/vms/{id}"))
        return getVm(call);
    if (pattern == QLatin1String("/api/v1/events"))
        return events(call);
    if (pattern == QLatin1String("/api/v1/audit"))
        return auditRecords(call);
    fail(call.responder, ErrorCode::Internal, QStringLiteral("no handler for %1").arg(pattern));
}

void ApiService::login(const Call &call)
{
    auto reader = protocol::JsonReader::parse(call.request.body);
    const QString user = reader.string(QStringLiteral("user"));
    const QString password = reader.string(QStringLiteral("password"));
    if (!reader.ok()) {
        fail(call.responder, ErrorCode::BadRequest, reader.error());
        return;
    }
    const auto verdict = m_ctx.throttle->check(user, call.request.peerAddress);
    if (verdict.lockedForSeconds > 0) {
        audit(call, QStringLiteral("session.login"), {}, QStringLiteral("failure"),
              QStringLiteral("locked out: %1").arg(verdict.lockedSubject), user);
        fail(call.responder, ErrorCode::LockedOut,
             QStringLiteral("too many failed logins for %1; try again in %2 seconds")
                 .arg(verdict.lockedSubject)
                 .arg(verdict.lockedForSeconds),
             {{"Retry-After", QByteArray::number(verdict.lockedForSeconds)}});
        return;
    }
    const auto account = m_ctx.users->find(user);
    const QString hash = account ? account->passwordHash : QString();
    const QByteArray secret = password.toUtf8();
    QPointer<ApiService> self(this);
    const int delayMs = verdict.delaySeconds * 1000;
    // Argon2id costs ~0.1 s of CPU: verify on the pool, answer on this thread.
    m_hashPool.start([self, call, user, hash, secret, delayMs] {
        const bool passwordOk =
            hash.isEmpty() ? (PasswordHasher::verifyDummy(secret), false)
                           : PasswordHasher::verify(hash, secret);
        QMetaObject::invokeMethod(self, [self, call, user, passwordOk, delayMs] {
            if (!self)
                return;
            // The delay holds no thread: the answer simply goes out later.
            QTimer::singleShot(delayMs, self, [self, call, user, passwordOk] {
                self->finishLogin(call, user, passwordOk);
            });
        }, Qt::QueuedConnection);
    });
}

void ApiService::finishLogin(const Call &call, const QString &user, bool passwordOk)
{
    const auto account = passwordOk ? m_ctx.users->find(user) : std::nullopt;
    if (!account) {
        const bool locked = m_ctx.throttle->recordFailure(user, call.request.peerAddress);
        audit(call, QStringLiteral("session.login"), {}, QStringLiteral("failure"),
              QStringLiteral("wrong user or password"), user);
        if (locked)
            audit(call, QStringLiteral("session.lockout"), user, QStringLiteral("success"),
                  QStringLiteral("too many failed logins"), user);
        fail(call.responder, ErrorCode::BadCredentials, QStringLiteral("wrong user or password"));
        return;
    }
    m_ctx.throttle->recordSuccess(user);
    Session session;
    const QString token =
        m_ctx.sessions->create(account->name, account->role, call.request.peerAddress, &session);
    if (token.isEmpty()) {
        fail(call.responder, ErrorCode::Internal, QStringLiteral("could not store the session"));
        return;
    }
    m_ctx.sessions->purge();
    audit(call, QStringLiteral("session.login"), {}, QStringLiteral("success"), {},
          account->name, protocol::roleName(account->role));
    ok(call.responder, {{QStringLiteral("token"), token},
                        {QStringLiteral("user"), account->name},
                        {QStringLiteral("role"), protocol::roleName(account->role)},
                        {QStringLiteral("expires"), isoUtc(session.expires)}});
}

void ApiService::logout(const Call &call)
{
    m_ctx.sessions->revoke(call.token);
    audit(call, QStringLiteral("session.logout"), {}, QStringLiteral("success"));
    ok(call.responder, {});
}

void ApiService::applianceInfo(const Call &call)
{
    const QJsonObject versions{{QStringLiteral("appliance"), QLatin1String(kVersion)},
                               {QStringLiteral("engine"), QString()},
                               {QStringLiteral("pattern"), QString()}};
    ok(call.responder,
       {{QStringLiteral("id"), m_ctx.applianceId},
        {QStringLiteral("host_name"), m_ctx.config->effectiveHostName()},
        {QStringLiteral("versions"), versions},
        {QStringLiteral("uptime_seconds"), m_ctx.started.secsTo(QDateTime::currentDateTimeUtc())},
        {QStringLiteral("started"), isoUtc(m_ctx.started)},
        {QStringLiteral("policy"),
         QJsonObject{{QStringLiteral("max_concurrent_scans"), m_ctx.config->maxConcurrentScans}}},
        {QStringLiteral("user"), call.session.user},
        {QStringLiteral("role"), protocol::roleName(call.session.role)}});
}

static QJsonObject vmJson(const VmRecord &vm, Role role)
{
    QJsonObject o{{QStringLiteral("id"), vm.id.toString(QUuid::WithoutBraces)},
                  {QStringLiteral("name"), vm.name},
                  {QStringLiteral("power"), vm.power},
                  {QStringLiteral("protection"), evaluateProtection(vm, {}).toJson()}};
    // Where a VM's files live on the host is for the security side.
    if (role != Role::VirtualizationAdmin)
        o.insert(QStringLiteral("root"), vm.root);
    return o;
}

void ApiService::listVms(const Call &call)
{
    QJsonArray vms;
    for (const VmRecord &vm : m_ctx.inventory->vms())
        vms.append(vmJson(vm, call.session.role));
    ok(call.responder, {{QStringLiteral("vms"), vms}});
}

void ApiService::getVm(const Call &call)
{
    const QUuid id = QUuid::fromString(call.parameters.value(0));
    const auto vm = id.isNull() ? std::nullopt : m_ctx.inventory->vm(id);
    if (!vm) {
        fail(call.responder, ErrorCode::NotFound,
             QStringLiteral("no VM with id %1").arg(call.parameters.value(0)));
        return;
    }
    ok(call.responder, vmJson(*vm, call.session.role));
}

void ApiService::events(const Call &call)
{
    qint64 after = 0;
    qint64 wait = 0;
    qint64 limit = kMaxEventsPerAnswer;
    QString error;
    if (!queryInteger(call.request, QStringLiteral("after"), 0,
                      std::numeric_limits<qint64>::max(), &after, &error)
        || !queryInteger(call.request, QStringLiteral("wait"), 0, kMaxWaitSeconds, &wait, &error)
        || !queryInteger(call.request, QStringLiteral("limit"), 1, kMaxEventsPerAnswer, &limit,
                         &error)) {
        fail(call.responder, ErrorCode::InvalidArgument, error);
        return;
    }
    if (wait == 0 || m_ctx.events->lastSeq() > after) {
        answerEvents(call.responder, after, int(limit));
        return;
    }
    const quint64 id = m_nextWaiterId++;
    m_waiters.push_back({id, call.responder, after, int(limit)});
    QTimer::singleShot(int(wait * 1000), this, [this, id] {
        for (auto it = m_waiters.begin(); it != m_waiters.end(); ++it) {
            if (it->id == id) {
                answerEvents(it->responder, it->after, it->limit);
                m_waiters.erase(it);
                return;
            }
        }
    });
}

void ApiService::answerEvents(const HttpResponder &responder, qint64 after, int limit)
{
    QJsonArray list;
    for (const Event &e : m_ctx.events->after(after, limit))
        list.append(e.toJson());
    ok(responder, {{QStringLiteral("events"), list},
                   {QStringLiteral("last_seq"), m_ctx.events->lastSeq()}});
}

void ApiService::onEvent(const Event &event)
{
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if (event.seq > it->after) {
            answerEvents(it->responder, it->after, it->limit);
            it = m_waiters.erase(it);
        } else {
            ++it;
        }
    }
}

void ApiService::auditRecords(const Call &call)
{
    qint64 after = 0;
    qint64 limit = 1000;
    QString error;
    if (!queryInteger(call.request, QStringLiteral("after"), 0,
                      std::numeric_limits<qint64>::max(), &after, &error)
        || !queryInteger(call.request, QStringLiteral("limit"), 1, 1000, &limit, &error)) {
        fail(call.responder, ErrorCode::InvalidArgument, error);
        return;
    }
    QJsonArray records;
    for (const AuditRecord &r : m_ctx.audit->list(after, int(limit)))
        records.append(r.toJson());
    ok(call.responder, {{QStringLiteral("records"), records}});
}

} // namespace mamori::appliance
