// SPDX-License-Identifier: GPL-2.0-or-later
// Units, ratios and axis ticks of MetricChart: kept apart from the widget so
// that pages can format the same numbers the same way.
#include "MetricChart.h"

#include <algorithm>
#include <cmath>

namespace mamori::widgets {

namespace {

constexpr double KiB = 1024.0;
constexpr double MiB = 1024.0 * 1024.0;

bool isBytes(MetricChart::Metric metric)
{
    return metric != MetricChart::Metric::Cpu;
}

// The largest binary unit not above v, so that a tick on a whole number of
// KiB/MiB/GiB is printed without decimals.
double binaryUnit(double v)
{
    double unit = 1;
    while (unit * 1024 <= v && unit < 1024.0 * 1024 * 1024 * 1024 * 1024)
        unit *= 1024;
    return unit;
}

QString formatBytes(double bytes, const QLocale &locale, int precision)
{
    return locale.formattedDataSize(
        qint64(std::llround(std::max(bytes, 0.0))), precision, QLocale::DataSizeIecFormat);
}

} // namespace

QString MetricChart::metricName(Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return tr("CPU");
    case Metric::Memory:
        return tr("Memory");
    case Metric::DiskRead:
        return tr("Disk read");
    case Metric::DiskWrite:
        return tr("Disk write");
    }
    return {};
}

QString MetricChart::formatPercent(double percent, const QLocale &locale)
{
    return tr("%1%", "percent").arg(locale.toString(percent, 'f', 0));
}

QString MetricChart::formatPercentOfBaseline(double percent, const QLocale &locale)
{
    return tr("%1% of baseline").arg(locale.toString(percent, 'f', 0));
}

QString MetricChart::formatValue(Metric metric, double value, const QLocale &locale)
{
    switch (metric) {
    case Metric::Cpu:
        return tr("%1%", "percent").arg(locale.toString(value, 'f', std::abs(value) < 10 ? 1 : 0));
    case Metric::Memory:
        return formatBytes(value, locale, 1);
    case Metric::DiskRead:
    case Metric::DiskWrite:
        return tr("%1/s", "bytes per second").arg(formatBytes(value, locale, 1));
    }
    return {};
}

double MetricChart::baselineFloor(Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return 1.0;
    case Metric::Memory:
        return MiB;
    case Metric::DiskRead:
    case Metric::DiskWrite:
        return 4 * KiB;
    }
    return 1.0;
}

std::optional<double> MetricChart::percentOf(
    Metric metric, double value, std::optional<double> baseline)
{
    // A near-zero baseline (an idle disk) would turn noise into thousands of
    // percent; below the floor the ratio says nothing, so none is given.
    if (!baseline || !std::isfinite(*baseline) || *baseline < baselineFloor(metric))
        return std::nullopt;
    return value / *baseline * 100.0;
}

MetricChart::AxisScale MetricChart::axisScale(Metric metric, double maximum, const QLocale &locale)
{
    constexpr int intervals = 5;
    const double top = std::max(maximum, baselineFloor(metric));
    // Byte axes count in one binary unit chosen by the top, so that every
    // label reads "0.5 GiB, 1 GiB, 1.5 GiB" rather than mixing units.
    const double unit = isBytes(metric) ? binaryUnit(top) : 1.0;
    const double raw = top / unit / intervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double r = raw / magnitude;
    const double step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
    const int decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
    const int n = std::max(1, int(std::ceil(top / unit / step - 1e-9)));

    QString pattern;
    QString one;
    if (isBytes(metric)) {
        // Qt's own unit words for this locale, taken from "1 <unit>".
        pattern = locale.formattedDataSize(qint64(unit), 0, QLocale::DataSizeIecFormat);
        one = locale.toString(1);
    }
    AxisScale scale;
    for (int i = 0; i <= n; ++i) {
        const QString number = locale.toString(i * step, 'f', decimals);
        QString label;
        if (metric == Metric::Cpu) {
            label = tr("%1%", "percent").arg(number);
        } else {
            label = pattern;
            const auto at = label.indexOf(one);
            label = at < 0 ? number : label.replace(at, one.size(), number);
            if (metric != Metric::Memory)
                label = tr("%1/s", "bytes per second").arg(label);
        }
        scale.ticks.append(i * step * unit);
        scale.labels.append(label);
    }
    return scale;
}

} // namespace mamori::widgets
