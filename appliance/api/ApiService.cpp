// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/ApiService.h"

#include "appliance/Config.h"
#include "appliance/audit/AuditLog.h"

namespace mamori::appliance {

using protocol::ErrorCode;

namespace {

QString routeKey(const QByteArray &method, const QString &pattern)
{
    return QString::fromLatin1(method) + QLatin1Char(' ') + pattern;
}

} // namespace

ApiService::ApiService(ApplianceServices services, QObject *parent)
    : QObject(parent), m_services(std::move(services))
{ }

ApiService::~ApiService() = default;

void ApiService::route(const char *method, const char *pattern, Handler handler)
{
    m_handlers.insert(routeKey(method, QLatin1String(pattern)), std::move(handler));
}

QStringList ApiService::unserved() const
{
    QStringList out;
    for (const Endpoint &e : endpoints()) {
        if (!m_handlers.contains(routeKey(e.method, QLatin1String(e.pattern))))
            out << routeKey(e.method, QLatin1String(e.pattern));
    }
    return out;
}

AuditRecord ApiService::auditRecord(const ApiCall &call, const QString &action,
    const QString &target, const QString &outcome, const QString &detail) const
{
    AuditRecord record;
    record.user = call.session.user;
    record.role = call.session.user.isEmpty() ? QString() : protocol::roleName(call.session.role);
    record.source = call.request.peerAddress;
    record.action = action;
    record.target = target;
    record.outcome = outcome;
    record.detail = detail;
    return record;
}

void ApiService::audit(const ApiCall &call, const QString &action, const QString &target,
    const QString &outcome, const QString &detail, const QString &user, const QString &role) const
{
    AuditRecord record = auditRecord(call, action, target, outcome, detail);
    if (!user.isEmpty())
        record.user = user;
    if (!role.isEmpty())
        record.role = role;
    QString error;
    if (!m_services.audit->append(record, &error))
        qWarning("audit record for %s not written: %s", qPrintable(action), qPrintable(error));
}

RecordedChange ApiService::change() const
{
    return RecordedChange(m_services.db, m_services.audit, m_services.events,
        m_services.config ? m_services.config->dataDir : QString());
}

void ApiService::refuseChange(const ApiCall &call, const RecordedChange &change,
    const QString &action, const QString &target) const
{
    qWarning("%s refused: %s", qPrintable(action), qPrintable(change.message()));
    audit(call, action, target, QStringLiteral("failure"), change.message());
    call.fail(change.errorCode(), change.message());
}

void ApiService::handle(const HttpRequest &request, HttpResponder responder)
{
    ApiCall call {request, responder, nullptr, {}, {}, {}};
    const RouteDecision route = routeRequest(request);
    if (route.error) {
        call.fail(*route.error, route.message, route.headers);
        return;
    }
    call.endpoint = route.endpoint;
    call.parameters = route.parameters;
    call.token = route.token;

    if (call.endpoint->authenticated) {
        switch (m_services.sessions->lookup(call.token, &call.session)) {
        case SessionStore::Lookup::Unknown:
            call.fail(ErrorCode::Unauthenticated,
                QStringLiteral("the token is not valid (logged out or never issued)"));
            return;
        case SessionStore::Lookup::Expired:
            call.fail(ErrorCode::TokenExpired, QStringLiteral("the session expired; log in again"));
            return;
        case SessionStore::Lookup::Valid:
            break;
        }
        if (!call.endpoint->allows(call.session.role)) {
            if (call.endpoint->audited)
                audit(call, routeKey(request.method, request.path), {}, QStringLiteral("denied"));
            call.fail(ErrorCode::Forbidden,
                QStringLiteral("the role %1 may not %2 %3")
                    .arg(protocol::roleName(call.session.role), QString::fromLatin1(request.method),
                        request.path));
            return;
        }
    }
    if (!acceptsBody(request)) {
        call.fail(ErrorCode::UnsupportedMediaType,
            QStringLiteral("send the body as Content-Type: application/json"));
        return;
    }
    const auto handler = m_handlers.constFind(
        routeKey(call.endpoint->method, QLatin1String(call.endpoint->pattern)));
    if (handler == m_handlers.constEnd()) {
        call.fail(ErrorCode::Unavailable,
            QStringLiteral("%1 is not served by this appliance").arg(request.path));
        return;
    }
    (*handler)(call);
}

} // namespace mamori::appliance
