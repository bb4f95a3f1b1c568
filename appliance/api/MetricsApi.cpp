// SPDX-License-Identifier: GPL-2.0-or-later
// GET /api/v1/metrics, GET/PUT /api/v1/baseline.
#include "appliance/api/ApiService.h"
#include "appliance/metrics/MetricsService.h"
#include "protocol/ApiPaths.h"
#include "protocol/JsonReader.h"
#include "protocol/Metric.h"

namespace mamori::appliance {

namespace path = protocol::path;

using protocol::ErrorCode;

void registerMetricsApi(ApiService &api)
{
    MetricsService *metrics = api.services().metrics;
    api.route("GET", path::kMetrics, [metrics](const ApiCall &call) {
        qint64 since = -1;
        if (!call.queryInteger(QStringLiteral("since"), 0, std::numeric_limits<qint64>::max(), &since))
            return;
        // scope=host&scope=vm:ID… or none for every scope, so that one
        // request a second serves a whole host.
        const QStringList scopes = call.request.query.values(QStringLiteral("scope"));
        for (const QString &s : scopes) {
            if (!protocol::isScope(s))
                return call.fail(ErrorCode::InvalidArgument,
                                 QStringLiteral("scope must be host, appliance or vm:ID, not '%1'").arg(s));
        }
        call.ok(metrics->metricsJson(since, scopes));
    });
    api.route("GET", path::kBaseline,
              [metrics](const ApiCall &call) { call.ok(metrics->baselineJson()); });
    api.route("PUT", path::kBaseline, [&api, metrics](const ApiCall &call) {
        auto reader = protocol::JsonReader::parse(call.request.body);
        const qint64 duration = reader.integer(QStringLiteral("duration_seconds"), 10, 24 * 3600);
        if (!reader.ok())
            return call.fail(ErrorCode::BadRequest, reader.error());
        const bool started = metrics->baseline().capture(int(duration));
        api.audit(call, QStringLiteral("baseline.capture"), QString::number(duration),
                  started ? QStringLiteral("success") : QStringLiteral("failure"));
        if (!started)
            return call.fail(ErrorCode::Conflict, QStringLiteral("a baseline capture is already running"));
        call.ok(metrics->baselineJson());
    });
}

} // namespace mamori::appliance
