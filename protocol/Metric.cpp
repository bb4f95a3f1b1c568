// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/Metric.h"

namespace mamori::protocol {
namespace {

constexpr std::array<const char *, kMetricCount> kKeys {"cpu", "mem", "read", "write"};
constexpr QLatin1String kVmPrefix("vm:");

} // namespace

QString metricKey(Metric metric)
{
    return QLatin1String(kKeys[size_t(metric)]);
}

std::optional<Metric> metricFromKey(const QString &key)
{
    for (Metric m : kAllMetrics) {
        if (key == QLatin1String(kKeys[size_t(m)]))
            return m;
    }
    return std::nullopt;
}

QString hostScope()
{
    return QStringLiteral("host");
}

QString applianceScope()
{
    return QStringLiteral("appliance");
}

QString vmScope(const QString &vmId)
{
    return kVmPrefix + vmId;
}

QString vmOfScope(const QString &scope)
{
    return scope.startsWith(kVmPrefix) ? scope.mid(kVmPrefix.size()) : QString();
}

bool isScope(const QString &scope)
{
    return scope == hostScope() || scope == applianceScope()
        || (scope.startsWith(kVmPrefix) && scope.size() > kVmPrefix.size());
}

} // namespace mamori::protocol
