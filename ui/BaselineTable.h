// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/MetricSeries.h"
#include "protocol/Metric.h"

#include <QTableWidget>

#include <array>
#include <optional>

namespace mamori::ui {

// The recent values of the four metrics of one scope, oldest first, at
// most kPoints each: what a sparkline draws.
struct MetricHistory
{
    static constexpr int kPoints = 60;
    std::array<QList<double>, protocol::kMetricCount> values;

    void add(const QList<console::MetricPoint> &points);
};

// One row per scope (a host, a VM): its name, then per metric a sparkline
// against the baseline and the ratio in words, "94% of baseline" (never a
// bare percentage that reads as CPU load); the values now and the baseline
// in the cell's tooltip.
class BaselineTable : public QTableWidget
{
    Q_OBJECT

public:
    using Values = std::array<std::optional<double>, protocol::kMetricCount>;

    explicit BaselineTable(QWidget *parent = nullptr);

    void setRow(int row, const QString &name, const MetricHistory &history, const Values &now,
        const Values &baseline);
    // The metrics' names as column titles (call on a language change).
    void retranslate(const QString &firstColumn);
};

} // namespace mamori::ui
