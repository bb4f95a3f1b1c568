// SPDX-License-Identifier: GPL-2.0-or-later
#include "Alert.h"

#include "protocol/EventType.h"

namespace mamori::console {

bool isAlertType(const QString &eventType)
{
    namespace type = protocol::event;
    for (const char *alert :
        {type::kApplianceTrouble, type::kPatternRefused, type::kPatternStale, type::kScanIncomplete,
            type::kVmIsolation, type::kIncidentOpened, type::kIncidentReopened}) {
        if (eventType == QLatin1String(alert))
            return true;
    }
    return false;
}

std::optional<Alert> alertOf(const Event &event, int applianceId)
{
    if (!isAlertType(event.type))
        return std::nullopt;
    Alert a;
    a.applianceId = applianceId;
    a.seq = event.seq;
    a.time = event.time;
    a.type = event.type;
    if (const auto *n = event.as<EventNotice>()) {
        a.vm = n->vm;
        a.path = n->path;
        a.reason = n->reason;
        a.what = n->what;
        a.message = n->message;
        a.version = n->version;
        a.newest = n->newest;
        a.availableSeconds = n->availableSeconds;
    } else if (const auto *v = event.as<VmChange>()) {
        a.vm = v->vm;
        a.isolated = v->isolated.value_or(false);
    } else if (const auto *i = event.as<Incident>()) {
        a.vm = i->vm;
        a.vmName = i->vmName;
        a.path = i->path;
        a.threat = i->threat;
    }
    return a;
}

} // namespace mamori::console
