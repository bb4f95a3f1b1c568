// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <array>
#include <optional>

namespace mamori::protocol {

// The four metrics of every scope (docs/api.md, Metrics), in this order
// wherever they are listed.
enum class Metric { Cpu, Memory, Read, Write };
inline constexpr int kMetricCount = 4;
inline constexpr std::array<Metric, kMetricCount> kAllMetrics {
    Metric::Cpu, Metric::Memory, Metric::Read, Metric::Write};

// "cpu", "mem", "read", "write": the keys in the API's JSON.
QString metricKey(Metric metric);
std::optional<Metric> metricFromKey(const QString &key);

// The scopes of GET /api/v1/metrics: the host, the appliance itself, a VM.
QString hostScope();
QString applianceScope();
QString vmScope(const QString &vmId);
// The VM id of a "vm:<id>" scope; empty for the others.
QString vmOfScope(const QString &scope);
bool isScope(const QString &scope);

} // namespace mamori::protocol
