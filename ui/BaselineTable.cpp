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
    horizontalHeader()->setStretchLastSection(true);
    auto *sparkline = new SparklineDelegate(this);
    for (int c = 1; c <= protocol::kMetricCount; ++c)
        setItemDelegateForColumn(c, sparkline);
}

void BaselineTable::setRow(int row, const QString &name, const MetricHistory &history,
    const Values &now, const Values &baseline)
{
    auto *nameItem = new QTableWidgetItem(name);
    setItem(row, 0, nameItem);
    for (int i = 0; i < protocol::kMetricCount; ++i) {
        const auto metric = MetricChart::Metric(i);
        const auto percent = now[size_t(i)]
            ? MetricChart::percentOf(metric, *now[size_t(i)], baseline[size_t(i)])
            : std::nullopt;
        auto *cell = new QTableWidgetItem(
            percent ? MetricChart::formatPercentOfBaseline(*percent) : tr("no baseline yet"));
        if (now[size_t(i)]) {
            cell->setToolTip(baseline[size_t(i)]
                    ? tr("%1 now, baseline %2")
                          .arg(MetricChart::formatValue(metric, *now[size_t(i)]),
                              MetricChart::formatValue(metric, *baseline[size_t(i)]))
                    : tr("%1 now").arg(MetricChart::formatValue(metric, *now[size_t(i)])));
        }
        cell->setData(
            SparklineDelegate::PointsRole, QVariant::fromValue(history.values[size_t(i)]));
        if (baseline[size_t(i)])
            cell->setData(SparklineDelegate::BaselineRole, *baseline[size_t(i)]);
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
