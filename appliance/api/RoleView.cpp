// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/RoleView.h"

#include "appliance/api/AccessPolicy.h"
#include "protocol/ApiPaths.h"
#include "protocol/EventType.h"

#include <QHash>
#include <QSet>

namespace mamori::appliance {

using protocol::Role;
namespace event = protocol::event;
namespace path = protocol::path;

namespace {

bool mayRead(const char *method, const char *pattern, Role role)
{
    for (const Endpoint &e : endpoints()) {
        if (qstrcmp(e.method, method) == 0 && qstrcmp(e.pattern, pattern) == 0)
            return e.allows(role);
    }
    return false;
}

} // namespace

QJsonObject vmForRole(QJsonObject vm, Role role)
{
    // Where a VM's files live on the host is for the security side.
    if (role == Role::VirtualizationAdmin)
        vm.remove(QStringLiteral("root"));
    return vm;
}

QJsonObject incidentForRole(QJsonObject incident, Role role)
{
    Q_UNUSED(role); // every role that may read incidents sees all of them
    return incident;
}

QJsonObject jobForRole(QJsonObject job, Role role)
{
    Q_UNUSED(role); // every role sees scans whole
    return job;
}

const QList<EventKind> &eventKinds()
{
    // clang-format off
    static const QList<EventKind> kinds{
        {event::kApplianceStarted, "GET", path::kAppliance},
        {event::kApplianceTrouble, "GET", path::kAppliance},
        {event::kVmAdded,          "GET", path::kVm},
        {event::kVmRemoved,        "GET", path::kVm},
        {event::kVmPower,          "GET", path::kVm},
        {event::kVmChanged,        "GET", path::kVm},
        {event::kVmIsolation,      "GET", path::kVm},
        {event::kScanQueued,       "GET", path::kScan},
        {event::kScanStarted,      "GET", path::kScan},
        {event::kScanProgress,     "GET", path::kScan},
        {event::kScanPaused,       "GET", path::kScan},
        {event::kScanResumed,      "GET", path::kScan},
        {event::kScanFinished,     "GET", path::kScan},
        {event::kScanCancelled,    "GET", path::kScan},
        {event::kScanFailed,       "GET", path::kScan},
        // A file that could not be scanned whole: file-level, like a detection.
        {event::kScanIncomplete,   "GET", path::kIncident},
        {event::kScanGovernor,     "GET", path::kBaseline},
        {event::kIncidentOpened,   "GET", path::kIncident},
        {event::kIncidentChanged,  "GET", path::kIncident},
        {event::kIncidentReopened, "GET", path::kIncident},
        {event::kPatternChanged,   "GET", path::kPatterns},
        {event::kPatternRefused,   "GET", path::kPatterns},
        {event::kPatternStale,     "GET", path::kPatterns},
        {event::kPolicyChanged,    "GET", path::kPolicy},
    };
    // clang-format on
    return kinds;
}

namespace {

// What eventDataForRole needs of one type, worked out once: the catch-up
// poll shapes a thousand events per answer.
struct KindView
{
    const EventKind *kind;
    bool mayRead[3]; // by Role
};

const KindView &viewOf(const QString &type)
{
    static const EventKind unknown {"", "GET", path::kIncident};
    static const auto make = [](const EventKind *k) {
        return KindView {k,
            {mayRead(k->method, k->pattern, Role::SecurityAdmin),
                mayRead(k->method, k->pattern, Role::VirtualizationAdmin),
                mayRead(k->method, k->pattern, Role::Auditor)}};
    };
    static const QHash<QString, KindView> views = [] {
        QHash<QString, KindView> v;
        for (const EventKind &k : eventKinds())
            v.insert(QLatin1String(k.type), make(&k));
        return v;
    }();
    static const KindView fallback = make(&unknown);
    const auto it = views.constFind(type);
    if (it != views.constEnd())
        return *it;
    static QSet<QString> warned;
    if (!warned.contains(type)) {
        warned.insert(type);
        qWarning(
            "event type %s has no entry in eventKinds(); shown like an incident", qPrintable(type));
    }
    return fallback;
}

int roleIndex(Role role)
{
    switch (role) {
    case Role::SecurityAdmin:
        return 0;
    case Role::VirtualizationAdmin:
        return 1;
    case Role::Auditor:
        break;
    }
    return 2;
}

} // namespace

QJsonObject eventDataForRole(const QString &type, const QJsonObject &data, Role role)
{
    const KindView &view = viewOf(type);
    if (!view.mayRead[roleIndex(role)]) {
        QJsonObject reduced;
        if (data.contains(QStringLiteral("vm")))
            reduced.insert(QStringLiteral("vm"), data.value(QStringLiteral("vm")));
        return reduced;
    }
    const char *pattern = view.kind->pattern;
    if (pattern == path::kVm)
        return vmForRole(data, role);
    if (pattern == path::kIncident)
        return incidentForRole(data, role);
    if (pattern == path::kScan)
        return jobForRole(data, role);
    return data;
}

} // namespace mamori::appliance
