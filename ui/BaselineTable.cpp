// SPDX-License-Identifier: GPL-2.0-or-later
#include "BaselineTable.h"

#include "widgets/MetricChart.h"
#include "widgets/SparklineDelegate.h"

#include <QHeaderView>

namespace mamori::ui {

using widgets::MetricChart;
using widgets::SparklineDelegate;

void MetricHistory::add(const QList<console::MetricPoint> &points)
{
    for (const console::MetricPoint &p : points) {
        for (int i = 0; i < protocol::kMetricCount; ++i) {
            QList<double> &line = values[size_t(i)];
            line.append(p.value(protocol::Metric(i)));
            if (line.size() > kPoints)
                line.removeFirst();
        }
    }
}

BaselineTable::BaselineTable(QWidget *parent) : QTableWidget(0, 1 + protocol::kMetricCount, parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Nothing clipped: a narrow window scrolls.
    horizontalHeader()->setStretchLastSection(false);
    auto *sparkline = new SparklineDelegate(this);
    for (int c = 1; c <= protocol::kMetricCount; ++c)
        setItemDelegateForColumn(c, sparkline);
}

void BaselineTable::setRow(int row, const QString &name, const MetricHistory &history,
    const Values &now, const Values &baseline)
{
    setItem(row, 0, new QTableWidgetItem(name));
    for (int i = 0; i < protocol::kMetricCount; ++i) {
        const auto metric = MetricChart::Metric(i);
        const auto &value = now[size_t(i)];
        const auto &base = baseline[size_t(i)];
        const auto percent = value ? MetricChart::percentOf(metric, *value, base) : std::nullopt;
        const QString values = value && base ? tr("%1 now, baseline %2")
                                                   .arg(MetricChart::formatValue(metric, *value),
                                                       MetricChart::formatValue(metric, *base))
            : value ? tr("%1 now").arg(MetricChart::formatValue(metric, *value))
                    : QString();
        // A baseline too small for a ratio (an idle VM's CPU) shows as
        // values, never as "no baseline".
        auto *cell = new QTableWidgetItem(percent ? MetricChart::formatPercentOfBaseline(*percent)
                : base                            ? values
                                                  : tr("no baseline yet"));
        cell->setToolTip(values);
        cell->setData(
            SparklineDelegate::PointsRole, QVariant::fromValue(history.values[size_t(i)]));
        if (base)
            cell->setData(SparklineDelegate::BaselineRole, *base);
        setItem(row, i + 1, cell);
    }
}

void BaselineTable::retranslate(const QString &firstColumn)
{
    QStringList titles {firstColumn};
    for (int i = 0; i < protocol::kMetricCount; ++i)
        titles.append(MetricChart::metricName(MetricChart::Metric(i)));
    setHorizontalHeaderLabels(titles);
}

} // namespace mamori::ui
