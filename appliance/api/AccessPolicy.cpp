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
        {"GET",    path::kPatterns,        true,  false, true,  true,  true},
        {"POST",   path::kPatternUpdate,   true,  true,  true,  false, false},
        {"POST",   path::kPatternRollback, true,  true,  true,  false, false},
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
            match = RouteMatch{};
        match->allowedMethods.append(QLatin1String(e.method));
        if (method == e.method) {
            match->endpoint = &e;
            match->parameters = params;
        }
    }
    return match;
}

} // namespace mamori::appliance
