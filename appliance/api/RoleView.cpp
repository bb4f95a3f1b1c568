// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/RoleView.h"

#include "appliance/api/AccessPolicy.h"

#include <QHash>
#include <QSet>

namespace mamori::appliance {

using protocol::Role;

namespace {

constexpr char kVm[] = "/api/v1/vms/{id}";
constexpr char kIncident[] = "/api/v1/incidents/{id}";
constexpr char kJob[] = "/api/v1/scans/{id}";

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
        {"appliance.started", "GET", "/api/v1/appliance"},
        {"appliance.trouble", "GET", "/api/v1/appliance"},
        {"vm.added",          "GET", kVm},
        {"vm.removed",        "GET", kVm},
        {"vm.power",          "GET", kVm},
        {"vm.changed",        "GET", kVm},
        {"vm.isolation",      "GET", kVm},
        {"scan.queued",       "GET", kJob},
        {"scan.started",      "GET", kJob},
        {"scan.progress",     "GET", kJob},
        {"scan.paused",       "GET", kJob},
        {"scan.resumed",      "GET", kJob},
        {"scan.finished",     "GET", kJob},
        {"scan.cancelled",    "GET", kJob},
        {"scan.failed",       "GET", kJob},
        // A file that could not be scanned whole: file-level, like a detection.
        {"scan.incomplete",   "GET", kIncident},
        {"scan.governor",     "GET", "/api/v1/baseline"},
        {"incident.opened",   "GET", kIncident},
        {"incident.changed",  "GET", kIncident},
        {"pattern.changed",   "GET", "/api/v1/patterns"},
        {"pattern.refused",   "GET", "/api/v1/patterns"},
        {"pattern.stale",     "GET", "/api/v1/patterns"},
        {"policy.changed",    "GET", "/api/v1/policy"},
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
    static const EventKind unknown {"", "GET", kIncident};
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
    if (pattern == kVm)
        return vmForRole(data, role);
    if (pattern == kIncident)
        return incidentForRole(data, role);
    if (pattern == kJob)
        return jobForRole(data, role);
    return data;
}

} // namespace mamori::appliance
