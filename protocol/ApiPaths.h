// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QPair>
#include <QString>

// The endpoints of the appliance API v1 (docs/api.md), as the appliance
// routes them and the console asks for them. {id} stands for one path
// segment.
namespace mamori::protocol::path {

inline constexpr char kSession[] = "/api/v1/session";
inline constexpr char kAppliance[] = "/api/v1/appliance";
inline constexpr char kVms[] = "/api/v1/vms";
inline constexpr char kVm[] = "/api/v1/vms/{id}";
inline constexpr char kEvents[] = "/api/v1/events";
inline constexpr char kAudit[] = "/api/v1/audit";
inline constexpr char kPolicy[] = "/api/v1/policy";
inline constexpr char kScans[] = "/api/v1/scans";
inline constexpr char kScan[] = "/api/v1/scans/{id}";
inline constexpr char kScanRunNow[] = "/api/v1/scans/{id}/run-now";
inline constexpr char kPatterns[] = "/api/v1/patterns";
inline constexpr char kPatternUpdate[] = "/api/v1/patterns/update";
inline constexpr char kPatternRollback[] = "/api/v1/patterns/rollback";
inline constexpr char kPatternCheck[] = "/api/v1/patterns/check";
inline constexpr char kPatternAllowAgain[] = "/api/v1/patterns/allow-again";
inline constexpr char kIncidents[] = "/api/v1/incidents";
inline constexpr char kIncident[] = "/api/v1/incidents/{id}";
inline constexpr char kIncidentActions[] = "/api/v1/incidents/{id}/actions";
inline constexpr char kMetrics[] = "/api/v1/metrics";
inline constexpr char kBaseline[] = "/api/v1/baseline";

using Query = QList<QPair<QString, QString>>;

// `pattern` with {id} replaced by `id` (percent-encoded, so that an id can
// never reach another endpoint) and `query` appended (encoded too).
QString make(const char *pattern, const QString &id = {}, const Query &query = {});
inline QString make(const char *pattern, const Query &query)
{
    return make(pattern, QString(), query);
}

} // namespace mamori::protocol::path
