// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// The types of the appliance's events (docs/api.md, Events).
namespace mamori::protocol::event {

inline constexpr char kApplianceStarted[] = "appliance.started";
inline constexpr char kApplianceTrouble[] = "appliance.trouble";
inline constexpr char kVmAdded[] = "vm.added";
inline constexpr char kVmRemoved[] = "vm.removed";
inline constexpr char kVmPower[] = "vm.power";
inline constexpr char kVmChanged[] = "vm.changed";
inline constexpr char kVmIsolation[] = "vm.isolation";
inline constexpr char kScanQueued[] = "scan.queued";
inline constexpr char kScanStarted[] = "scan.started";
inline constexpr char kScanProgress[] = "scan.progress";
inline constexpr char kScanPaused[] = "scan.paused";
inline constexpr char kScanResumed[] = "scan.resumed";
inline constexpr char kScanFinished[] = "scan.finished";
inline constexpr char kScanCancelled[] = "scan.cancelled";
inline constexpr char kScanFailed[] = "scan.failed";
inline constexpr char kScanIncomplete[] = "scan.incomplete";
inline constexpr char kScanGovernor[] = "scan.governor";
inline constexpr char kIncidentOpened[] = "incident.opened";
inline constexpr char kIncidentChanged[] = "incident.changed";
inline constexpr char kIncidentReopened[] = "incident.reopened";
inline constexpr char kPatternChanged[] = "pattern.changed";
inline constexpr char kPatternRefused[] = "pattern.refused";
inline constexpr char kPatternStale[] = "pattern.stale";
inline constexpr char kPolicyChanged[] = "policy.changed";

} // namespace mamori::protocol::event
