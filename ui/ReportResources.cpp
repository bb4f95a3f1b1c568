// SPDX-License-Identifier: GPL-2.0-or-later
// The resource section of the report: each host's CPU, memory and disk I/O
// in the period against its no-scan baseline, as a table and a chart.
#include "ReportWriter.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/metrics/MetricsArchive.h"
#include "widgets/MetricChart.h"

#include <QLocale>
#include <QPainter>

#include <array>
#include <optional>

namespace mamori::ui {

using widgets::MetricChart;

namespace {

struct HostUse
{
    QString host;
    qsizetype samples = 0;
    std::array<double, 4> average {};
    std::array<double, 4> peak {};
    std::array<std::optional<double>, 4> baseline;
    std::array<std::optional<double>, 4> percent; // average as % of baseline
};

// An invalid end of the period means "open": everything the archive holds.
QList<HostUse> hostUse(const console::Fleet *fleet, const ReportWriter::Resources &resources,
    const QDateTime &from, const QDateTime &to)
{
    QList<HostUse> hosts;
    if (!fleet)
        return hosts;
    const qint64 fromMs = from.isValid() ? from.toMSecsSinceEpoch() : 0;
    const qint64 toMs =
        to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max() / 2;
    for (const console::ApplianceConnection *c : fleet->connections()) {
        HostUse use;
        use.host = c->displayName();
        const QList<console::MetricPoint> points = resources.archive
            ? resources.archive->samples(c->id(), protocol::hostScope(), fromMs, toMs)
            : QList<console::MetricPoint> {};
        use.samples = points.size();
        for (int m = 0; m < 4; ++m) {
            double sum = 0;
            for (const console::MetricPoint &p : points) {
                sum += p.value(protocol::Metric(m));
                use.peak[m] = std::max(use.peak[m], p.value(protocol::Metric(m)));
            }
            use.average[m] = points.isEmpty() ? 0 : sum / double(points.size());
            use.baseline[m] = resources.baselines.value(c->id()).value(
                protocol::hostScope(), protocol::Metric(m));
            if (!points.isEmpty())
                use.percent[m] =
                    MetricChart::percentOf(MetricChart::Metric(m), use.average[m], use.baseline[m]);
        }
        hosts.append(use);
    }
    return hosts;
}

} // namespace

QList<QStringList> ReportWriter::resourceRows(const console::Fleet *fleet,
    const Resources &resources, const QDateTime &from, const QDateTime &to)
{
    const QLocale locale;
    QList<QStringList> rows {{tr("Host"), tr("Metric"), tr("Average"), tr("Peak"), tr("Baseline"),
        tr("Average (% of baseline)"), tr("Samples")}};
    for (const HostUse &use : hostUse(fleet, resources, from, to)) {
        for (int m = 0; m < 4; ++m) {
            const auto metric = MetricChart::Metric(m);
            if (use.samples == 0) {
                rows.append({use.host, MetricChart::metricName(metric), tr("no samples"), {}, {},
                    {}, locale.toString(0)});
                continue;
            }
            rows.append({use.host, MetricChart::metricName(metric),
                MetricChart::formatValue(metric, use.average[m], locale),
                MetricChart::formatValue(metric, use.peak[m], locale),
                use.baseline[m] ? MetricChart::formatValue(metric, *use.baseline[m], locale)
                                : tr("no baseline yet"),
                use.percent[m] ? MetricChart::formatPercent(*use.percent[m], locale) : QString(),
                locale.toString(use.samples)});
        }
    }
    return rows;
}

QImage ReportWriter::resourceChart(const console::Fleet *fleet, const Resources &resources,
    const QDateTime &from, const QDateTime &to, const QSize &size)
{
    const QList<HostUse> hosts = hostUse(fleet, resources, from, to);
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(std::max(12, size.height() / 30));
    p.setFont(font);
    const QFontMetrics fm(font);
    const QColor colours[] = {QColor(0x15, 0x65, 0xc0), QColor(0x2e, 0x7d, 0x32),
        QColor(0xef, 0x8f, 0x00), QColor(0x6a, 0x1b, 0x9a)};

    double top = 200;
    for (const HostUse &use : hosts) {
        for (const auto &percent : use.percent)
            top = std::max(top, percent.value_or(0) * 1.1);
    }
    const QRectF plot(fm.horizontalAdvance(QStringLiteral("00000 %")) + 16, fm.height() * 2.5,
        size.width() - fm.horizontalAdvance(QStringLiteral("00000 %")) - 32,
        size.height() - fm.height() * 5.5);
    const auto yOf = [&](double percent) { return plot.bottom() - percent / top * plot.height(); };

    // Legend above the plot.
    double x = plot.left();
    for (int m = 0; m < 4; ++m) {
        const QString name = MetricChart::metricName(MetricChart::Metric(m));
        p.fillRect(QRectF(x, fm.height() * 0.5, fm.height(), fm.height()), colours[m]);
        p.setPen(Qt::black);
        p.drawText(QPointF(x + fm.height() * 1.4, fm.height() * 1.4), name);
        x += fm.height() * 2.5 + fm.horizontalAdvance(name);
    }
    // Axis with a label every 50 %, and the baseline at 100 %.
    const QLocale locale;
    const double step = top > 600 ? 200 : top > 300 ? 100 : 50;
    p.setPen(QColor(0xcc, 0xcc, 0xcc));
    for (double v = 0; v <= top; v += step) {
        p.drawLine(QPointF(plot.left(), yOf(v)), QPointF(plot.right(), yOf(v)));
        const QString label = MetricChart::formatPercent(v, locale);
        p.save();
        p.setPen(Qt::black);
        p.drawText(QPointF(plot.left() - 8 - fm.horizontalAdvance(label), yOf(v) + fm.ascent() / 2),
            label);
        p.restore();
    }
    if (hosts.isEmpty()) {
        p.setPen(Qt::black);
        p.drawText(plot, Qt::AlignCenter, tr("No appliances in the fleet."));
        return image;
    }
    const double group = plot.width() / double(hosts.size());
    const double bar = std::min(group * 0.8 / 4, double(size.width()) / 20);
    for (int h = 0; h < hosts.size(); ++h) {
        const double left = plot.left() + h * group + (group - bar * 4) / 2;
        for (int m = 0; m < 4; ++m) {
            if (!hosts[h].percent[m])
                continue;
            const QRectF rect(QPointF(left + m * bar, yOf(*hosts[h].percent[m])),
                QPointF(left + (m + 1) * bar - 2, plot.bottom()));
            p.fillRect(rect, colours[m]);
        }
        p.setPen(Qt::black);
        const QString name = fm.elidedText(hosts[h].host, Qt::ElideRight, int(group) - 4);
        p.drawText(QPointF(plot.left() + h * group + (group - fm.horizontalAdvance(name)) / 2,
                       plot.bottom() + fm.height() * 1.2),
            name);
    }
    QPen baseline(Qt::black, 2, Qt::DashLine);
    p.setPen(baseline);
    p.drawLine(QPointF(plot.left(), yOf(100)), QPointF(plot.right(), yOf(100)));
    p.drawText(
        QPointF(plot.right() - fm.horizontalAdvance(tr("Baseline")), yOf(100) - 4), tr("Baseline"));
    p.setPen(Qt::black);
    p.drawText(QRectF(0, size.height() - fm.height() * 1.6, size.width(), fm.height() * 1.5),
        Qt::AlignCenter, tr("Average use in the period as % of the no-scan baseline"));
    return image;
}

} // namespace mamori::ui
