// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/RoleView.h"

#include "appliance/api/AccessPolicy.h"

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

QJsonObject eventDataForRole(const QString &type, const QJsonObject &data, Role role)
{
    static const EventKind unknown {"", "GET", kIncident};
    const EventKind *kind = &unknown;
    for (const EventKind &k : eventKinds()) {
        if (type == QLatin1String(k.type)) {
            kind = &k;
            break;
        }
    }
    if (kind == &unknown) {
        static QSet<QString> warned;
        if (!warned.contains(type)) {
            warned.insert(type);
            qWarning("event type %s has no entry in eventKinds(); shown like an incident",
                qPrintable(type));
        }
    }
    if (!mayRead(kind->method, kind->pattern, role)) {
        QJsonObject reduced;
        if (data.contains(QStringLiteral("vm")))
            reduced.insert(QStringLiteral("vm"), data.value(QStringLiteral("vm")));
        return reduced;
    }
    if (qstrcmp(kind->pattern, kVm) == 0)
        return vmForRole(data, role);
    if (qstrcmp(kind->pattern, kIncident) == 0)
        return incidentForRole(data, role);
    if (qstrcmp(kind->pattern, kJob) == 0)
        return jobForRole(data, role);
    return data;
}

} // namespace mamori::appliance
