// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Event.h"
#include "app/client/ApiError.h"

#include <optional>

namespace mamori::console {

// An event the administrator should hear of: trouble of an appliance, a
// refused or stale pattern, a file that could not be fully scanned, a VM
// isolated or released, a new incident.
struct Alert
{
    int applianceId = 0; // the console's id of the appliance that sent it
    qint64 seq = 0;
    QDateTime time;
    QString type;
    QUuid vm;
    QString vmName; // when the event names it
    QString path; // inside the VM: the guest's text
    QString threat; // the guest's text too
    QString reason;
    QString what;
    QString message; // the appliance's own words, in English
    QString version;
    QString newest;
    qint64 availableSeconds = 0;
    bool isolated = false;
    ApiError failure; // a console alert about a read: why it failed
};

// Alerts the console raises itself, not events of the appliance: a read of
// an appliance that answers its event stream failed (`what` names the read,
// `failure` why), and every read succeeds again.
inline constexpr char kReadFailedAlert[] = "console.read_failed";
inline constexpr char kReadsRestoredAlert[] = "console.reads_restored";
// The console lost contact with an appliance it was following (`time` is
// the last contact), and reached it again.
inline constexpr char kUnreachableAlert[] = "console.unreachable";
inline constexpr char kReachableAgainAlert[] = "console.reachable_again";

bool isAlertType(const QString &eventType);
// The alert an event is, if it is one.
std::optional<Alert> alertOf(const Event &event, int applianceId);

} // namespace mamori::console
