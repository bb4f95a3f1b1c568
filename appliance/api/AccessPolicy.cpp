// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/AccessPolicy.h"

#include "protocol/ApiPaths.h"

namespace mamori::appliance {

namespace path = protocol::path;

using protocol::Role;

bool Endpoint::allows(Role role) const
{
    switch (role) {
    case Role::SecurityAdmin:
        return securityAdmin;
    case Role::VirtualizationAdmin:
        return virtualizationAdmin;
    case Role::Auditor:
        return auditor;
    }
    return false;
}

const QList<Endpoint> &endpoints()
{
    // clang-format off
    //       method    pattern                  auth   audit  sec    virt   audit.
    static const QList<Endpoint> table{
        {"POST",   path::kSession,         false, true,  true,  true,  true},
        {"DELETE", path::kSession,         true,  true,  true,  true,  true},
        {"GET",    path::kAppliance,       true,  false, true,  true,  true},
        {"GET",    path::kVms,             true,  false, true,  true,  true},
        {"GET",    path::kVm,              true,  false, true,  true,  true},
        {"GET",    path::kEvents,          true,  false, true,  true,  true},
        {"GET",    path::kAudit,           true,  false, true,  false, true},
        {"GET",    path::kPolicy,          true,  false, true,  true,  true},
        {"PUT",    path::kPolicy,          true,  true,  true,  false, false},
        {"GET",    path::kScans,           true,  false, true,  true,  true},
        {"POST",   path::kScans,           true,  true,  true,  false, false},
        {"GET",    path::kScan,            true,  false, true,  true,  true},
        {"DELETE", path::kScan,            true,  true,  true,  false, false},
        {"POST",   path::kScanRunNow,      true,  true,  true,  false, false},
        {"GET",    path::kPatterns,        true,  false, true,  true,  true},
        {"POST",   path::kPatternUpdate,   true,  true,  true,  false, false},
        {"POST",   path::kPatternRollback, true,  true,  true,  false, false},
        {"POST",   path::kPatternCheck,    true,  false, true,  false, false},
        {"POST",   path::kPatternAllowAgain, true, true, true,  false, false},
        {"GET",    path::kIncidents,       true,  false, true,  false, true},
        {"GET",    path::kIncident,        true,  false, true,  false, true},
        {"POST",   path::kIncidentActions, true,  true,  true,  false, false},
        {"GET",    path::kMetrics,         true,  false, true,  true,  true},
        {"GET",    path::kBaseline,        true,  false, true,  true,  true},
        {"PUT",    path::kBaseline,        true,  true,  true,  true,  false},
    };
    // clang-format on
    return table;
}

namespace {

bool matchPattern(const QString &pattern, const QString &path, QStringList *params)
{
    const QStringList want = pattern.split(QLatin1Char('/'));
    const QStringList have = path.split(QLatin1Char('/'));
    if (want.size() != have.size())
        return false;
    QStringList found;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want[i].startsWith(QLatin1Char('{'))) {
            if (have[i].isEmpty())
                return false;
            found.append(have[i]);
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    *params = found;
    return true;
}

} // namespace

std::optional<RouteMatch> matchRoute(const QByteArray &method, const QString &path)
{
    std::optional<RouteMatch> match;
    for (const Endpoint &e : endpoints()) {
        QStringList params;
        if (!matchPattern(QLatin1String(e.pattern), path, &params))
            continue;
        if (!match)
            match = RouteMatch {};
        match->allowedMethods.append(QLatin1String(e.method));
        if (method == e.method) {
            match->endpoint = &e;
            match->parameters = params;
        }
    }
    return match;
}

RouteDecision routeRequest(const HttpRequest &request)
{
    using protocol::ErrorCode;
    RouteDecision d;
    const auto fail = [&d](ErrorCode code, const QString &message) {
        d.error = code;
        d.message = message;
        return d;
    };
    const auto match = matchRoute(request.method, request.path);
    if (!match)
        return fail(ErrorCode::NotFound, QStringLiteral("no resource at %1").arg(request.path));
    if (!match->endpoint) {
        d.headers.append({"Allow", match->allowedMethods.join(QLatin1String(", ")).toLatin1()});
        return fail(ErrorCode::MethodNotAllowed,
            QStringLiteral("%1 does not take %2")
                .arg(request.path, QString::fromLatin1(request.method)));
    }
    if (match->endpoint->authenticated) {
        const QByteArray auth = request.headers.value("authorization");
        if (!auth.startsWith("Bearer ")) {
            return fail(ErrorCode::Unauthenticated,
                QStringLiteral("this request needs 'Authorization: Bearer TOKEN'; log in "
                               "with POST /api/v1/session"));
        }
        d.token = QString::fromLatin1(auth.mid(7).trimmed());
    }
    d.endpoint = match->endpoint;
    d.parameters = match->parameters;
    return d;
}

bool acceptsBody(const HttpRequest &request)
{
    return request.body.isEmpty()
        || request.headers.value("content-type").startsWith("application/json");
}

} // namespace mamori::appliance
