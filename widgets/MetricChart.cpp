// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricChart.h"

#include "app/models/StatusText.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsRectItem>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace mamori::widgets {

namespace {

constexpr qint64 SecondsFormatUpTo = 10 * 60 * 1000;
// Between the plot-area background (z 0) and QtCharts' grid (z 2) and
// series (z 4+), so that bands sit behind the lines and never hide them.
constexpr qreal BandZ = 0.5;

bool earlier(const QPointF &a, const QPointF &b)
{
    return a.x() < b.x();
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

MetricChart::MetricChart(QWidget *parent)
    : QWidget(parent), m_chart(new QChart), m_valueSeries(new QLineSeries),
      m_baselineSeries(new QLineSeries), m_scanLegend(new QAreaSeries(new QLineSeries(m_chart))),
      m_timeAxis(new QDateTimeAxis), m_valueAxis(new QCategoryAxis)
{
    // Live data moves every second: animating each step would only blur it.
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignBottom);

    m_chart->addSeries(m_valueSeries);
    m_chart->addSeries(m_baselineSeries);
    // Never given points: only its legend marker, which names the bands.
    m_chart->addSeries(m_scanLegend);
    m_timeAxis->setTickCount(6);
    m_valueAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (auto *series : m_chart->series()) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }
    m_baselineSeries->setVisible(false);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumSize(240, 160);
    m_readout = new QLabel(this);
    m_readout->setObjectName(QStringLiteral("readout"));
    m_readout->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_readout);
    layout->addWidget(m_view, 1);

    connect(m_valueSeries, &QLineSeries::hovered, this, &MetricChart::showHover);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        updateScanBands();
        // A wider plot may draw more of the points, a narrower one fewer.
        if (m_shown.size() > 256)
            updateLine();
    });

    applyColours();
    setWindow(m_buffer.window());
    retranslate();
}

MetricChart::~MetricChart()
{
    // The chart must go while this object is whole: tearing down its scene
    // can still emit plotAreaChanged and hovered into our slots.
    delete m_view;
}

void MetricChart::setMetric(Metric metric)
{
    m_metric = metric;
    retranslate();
}

void MetricChart::setTitle(const QString &title)
{
    m_customTitle = title;
    m_chart->setTitle(this->title());
}

QString MetricChart::title() const
{
    return m_customTitle.isEmpty() ? metricName(m_metric) : m_customTitle;
}

void MetricChart::setWindow(qint64 ms)
{
    m_buffer.setWindow(ms);
    m_timeAxis->setFormat(m_buffer.window() <= SecondsFormatUpTo ? QStringLiteral("HH:mm:ss")
                                                                 : QStringLiteral("HH:mm"));
    refreshView();
}

void MetricChart::setSamples(const QList<QPointF> &points)
{
    m_buffer.replace(points);
    if (!m_paused)
        refreshView();
}

void MetricChart::appendSample(qint64 t, double v)
{
    m_buffer.append(t, v);
    if (!m_paused)
        refreshView();
}

void MetricChart::setBaseline(std::optional<double> baseline)
{
    m_baseline = baseline;
    refreshView();
}

void MetricChart::setScanSpans(const QList<QPair<qint64, qint64>> &spans)
{
    m_spans = spans;
    updateScanBands();
}

void MetricChart::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused) {
        m_frozen = m_shown;
        m_frozenEnd = m_viewEnd;
    } else {
        m_frozen.clear();
    }
    refreshView();
}

std::optional<double> MetricChart::currentValue() const
{
    if (m_shown.isEmpty())
        return std::nullopt;
    return m_shown.constLast().y();
}

std::optional<double> MetricChart::percentOfBaseline() const
{
    const auto value = currentValue();
    return value ? percentOf(m_metric, *value, m_baseline) : std::nullopt;
}

QString MetricChart::readoutText() const
{
    return m_readout->text();
}

QList<QRectF> MetricChart::scanBandRects() const
{
    QList<QRectF> rects;
    for (const auto *band : m_bands) {
        if (band->isVisible())
            rects.append(band->rect());
    }
    return rects;
}

qint64 MetricChart::viewEnd() const
{
    if (m_paused)
        return m_frozenEnd;
    if (!m_buffer.isEmpty())
        return m_buffer.newest();
    // Nothing yet: show the window up to now so the axis is not 1970.
    return m_viewEnd > 0 ? m_viewEnd : QDateTime::currentMSecsSinceEpoch();
}

void MetricChart::refreshView()
{
    const qint64 end = viewEnd();
    const qint64 start = end - m_buffer.window();
    if (m_paused) {
        // The frozen view can shrink with the window but never scrolls.
        const auto from = std::lower_bound(
            m_frozen.cbegin(), m_frozen.cend(), QPointF(double(start), 0), earlier);
        m_shown = m_frozen.mid(from - m_frozen.cbegin());
    } else {
        m_shown = m_buffer.points();
    }
    // QtCharts rebuilds a line's whole geometry (path and hover stroke) on
    // every range change as well as on replace(); emptied first, the line
    // is rebuilt once per tick, by the one replace() at the end.
    if (m_valueSeries->count() > 0)
        m_valueSeries->clear();
    if (start != m_viewStart || end != m_viewEnd) {
        m_viewStart = start;
        m_viewEnd = end;
        m_timeAxis->setRange(
            QDateTime::fromMSecsSinceEpoch(start), QDateTime::fromMSecsSinceEpoch(end));
    }
    if (m_baseline) {
        m_baselineSeries->replace(
            {QPointF(double(start), *m_baseline), QPointF(double(end), *m_baseline)});
    } else {
        m_baselineSeries->clear();
    }
    m_baselineSeries->setVisible(m_baseline.has_value());
    updateValueAxis();
    updateLine();
    updateScanBands();
    updateReadout();
}

void MetricChart::updateLine()
{
    const double width = m_chart->plotArea().width();
    const qsizetype budget = width >= 1
        ? std::clamp<qsizetype>(qsizetype(2 * width), 256, MaxDrawnPoints)
        : MaxDrawnPoints;
    if (m_shown.size() <= budget) {
        setLine(m_shown, 3000);
        return;
    }
    // Two points (min and max) per bucket; room for the two ends and for
    // one more bucket, as the epoch-aligned buckets rarely fit the window.
    const qint64 bucketMs = (2 * (m_viewEnd - m_viewStart) + budget - 5) / (budget - 4);
    // A gap is then at least three empty buckets.
    setLine(MetricSeriesBuffer::decimate(m_shown, bucketMs), 3 * bucketMs);
}

// One series per run between gaps: QtCharts draws a series as one path.
void MetricChart::setLine(const QList<QPointF> &points, qint64 minGapMs)
{
    const QList<QList<QPointF>> runs = MetricSeriesBuffer::splitAtGaps(points, minGapMs);
    while (m_olderRuns.size() < runs.size() - 1) {
        auto *run = new QLineSeries;
        m_chart->addSeries(run);
        run->attachAxis(m_timeAxis);
        run->attachAxis(m_valueAxis);
        run->setPen(m_valueSeries->pen());
        for (auto *marker : m_chart->legend()->markers(run))
            marker->setVisible(false);
        connect(run, &QLineSeries::hovered, this, &MetricChart::showHover);
        m_olderRuns.append(run);
    }
    for (qsizetype i = 0; i < m_olderRuns.size(); ++i) {
        QLineSeries *run = m_olderRuns[i];
        if (i < runs.size() - 1) {
            run->replace(runs[i]);
            run->setVisible(true);
        } else if (run->isVisible()) {
            run->clear();
            run->setVisible(false);
        }
    }
    m_valueSeries->replace(runs.constLast());
}

QList<const QLineSeries *> MetricChart::olderRuns() const
{
    QList<const QLineSeries *> shown;
    for (const QLineSeries *run : m_olderRuns) {
        if (run->isVisible())
            shown.append(run);
    }
    return shown;
}

void MetricChart::updateValueAxis()
{
    double maximum = m_baseline.value_or(0.0);
    for (const auto &p : std::as_const(m_shown))
        maximum = std::max(maximum, p.y());
    const auto scale = axisScale(m_metric, maximum * 1.05, locale());
    // Rebuilding the labels costs a layout pass, so only when they change.
    if (scale.ticks.constLast() == m_axisMax)
        return;
    m_axisMax = scale.ticks.constLast();
    for (const auto &label : m_valueAxis->categoriesLabels())
        m_valueAxis->remove(label);
    m_valueAxis->setStartValue(0);
    for (qsizetype i = 0; i < scale.ticks.size(); ++i)
        m_valueAxis->append(scale.labels[i], scale.ticks[i]);
    m_valueAxis->setRange(0, m_axisMax);
}

void MetricChart::updateScanBands()
{
    const QRectF plot = m_chart->plotArea();
    const double span = double(m_viewEnd - m_viewStart);
    qsizetype used = 0;
    for (const auto &[from, to] : std::as_const(m_spans)) {
        const qint64 left = std::max(from, m_viewStart);
        const qint64 right = std::min(to, m_viewEnd);
        if (right <= left || span <= 0 || plot.isEmpty())
            continue;
        if (used == m_bands.size()) {
            auto *band = new QGraphicsRectItem(m_chart);
            band->setZValue(BandZ);
            band->setPen(Qt::NoPen);
            band->setBrush(m_scanLegend->brush());
            m_bands.append(band);
        }
        const double x0 = plot.left() + double(left - m_viewStart) / span * plot.width();
        const double x1 = plot.left() + double(right - m_viewStart) / span * plot.width();
        auto *band = m_bands[used++];
        // At least a pixel wide, so a short scan in a 24 h window still shows.
        const double right1 = std::min(std::max(x1, x0 + 1), plot.right());
        band->setRect(
            QRectF(QPointF(std::min(x0, right1 - 1), plot.top()), QPointF(right1, plot.bottom())));
        band->setVisible(true);
    }
    for (qsizetype i = used; i < m_bands.size(); ++i)
        m_bands[i]->setVisible(false);
    // The legend names the bands only when this chart has had any.
    for (auto *marker : m_chart->legend()->markers(m_scanLegend)) {
        if (marker->isVisible() != !m_spans.isEmpty())
            marker->setVisible(!m_spans.isEmpty());
    }
}

void MetricChart::updateReadout()
{
    const auto value = currentValue();
    QString text = value ? formatValue(m_metric, *value, locale()) : tr("No data");
    if (const auto percent = percentOfBaseline()) {
        text = tr("%1 · %2", "current value · percent of baseline")
                   .arg(text, formatPercentOfBaseline(*percent, locale()));
    }
    if (m_paused)
        text = tr("%1 (paused)").arg(text);
    m_readout->setText(text);
    setAccessibleName(title());
    setAccessibleDescription(text);
}

void MetricChart::applyColours()
{
    // Chosen from the widget's palette so the chart follows a light or dark
    // desktop; blue against orange stays apart for colour-blind readers,
    // and the baseline differs by dash as well as colour.
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    const QColor text = pal.color(QPalette::WindowText);
    const QColor grid = pal.color(QPalette::Mid);
    m_chart->setBackgroundBrush(pal.base());
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    for (auto *axis : m_chart->axes()) {
        axis->setLabelsColor(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    m_valueSeries->setPen(QPen(dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0), 2));
    for (QLineSeries *run : std::as_const(m_olderRuns))
        run->setPen(m_valueSeries->pen());
    QPen baselinePen(dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x42, 0x42, 0x42), 1.5, Qt::DashLine);
    m_baselineSeries->setPen(baselinePen);
    QColor band = dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xef, 0x8f, 0x00);
    band.setAlpha(dark ? 70 : 60);
    m_scanLegend->setBrush(band);
    m_scanLegend->setPen(Qt::NoPen);
    for (auto *item : std::as_const(m_bands))
        item->setBrush(band);
}

void MetricChart::retranslate()
{
    m_chart->setTitle(title());
    m_valueSeries->setName(metricName(m_metric));
    m_baselineSeries->setName(tr("Baseline"));
    m_scanLegend->setName(tr("Scan running"));
    m_axisMax = -1;
    updateValueAxis();
    updateReadout();
}

void MetricChart::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        break;
    case QEvent::PaletteChange:
        applyColours();
        break;
    case QEvent::LocaleChange:
        m_axisMax = -1;
        updateValueAxis();
        updateReadout();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

void MetricChart::showHover(const QPointF &point, bool state)
{
    if (!state || m_shown.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    auto it = std::lower_bound(m_shown.cbegin(), m_shown.cend(), point, earlier);
    if (it == m_shown.cend()
        || (it != m_shown.cbegin() && point.x() - (it - 1)->x() < it->x() - point.x()))
        --it;
    const auto when = QDateTime::fromMSecsSinceEpoch(qint64(it->x()));
    QStringList lines;
    lines << console::StatusText::time(when, true)
          << tr("%1: %2").arg(metricName(m_metric), formatValue(m_metric, it->y(), locale()));
    if (const auto percent = percentOf(m_metric, it->y(), m_baseline))
        lines << formatPercentOfBaseline(*percent, locale());
    QToolTip::showText(QCursor::pos(), lines.join(u'\n'), m_view);
}

} // namespace mamori::widgets
