// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "MetricSeriesBuffer.h"

#include <QList>
#include <QLocale>
#include <QPair>
#include <QPointF>
#include <QStringList>
#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QCategoryAxis;
class QChart;
class QChartView;
class QDateTimeAxis;
class QGraphicsRectItem;
class QIODevice;
class QLabel;
class QLineSeries;
QT_END_NAMESPACE

namespace mamori::widgets {

// One metric of one machine (host, VM or the appliance) over time, drawn
// against its no-scan baseline, with the time spans in which scans ran
// shaded. Live data arrives one sample per tick through appendSample();
// history (1 h, 24 h) through setSamples().
class MetricChart : public QWidget
{
    Q_OBJECT

public:
    enum class Metric { Cpu, Memory, DiskRead, DiskWrite };
    Q_ENUM(Metric)

    // The line is drawn with at most about two points per pixel column of
    // the plot (min/max per time bucket), and never more than this; the
    // data, read-outs and CSV keep every sample. QtCharts rebuilds a line's
    // whole geometry on every change, so points nobody can see cost each
    // tick (docs/benchmarks.md).
    static constexpr qsizetype MaxDrawnPoints = 4096;

    explicit MetricChart(QWidget *parent = nullptr);
    ~MetricChart() override;

    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }
    // Empty restores the metric's own (translated) title.
    void setTitle(const QString &title);
    QString title() const;

    // Width of the visible time range in ms (5 min live, 1 h, 24 h, ...).
    void setWindow(qint64 ms);
    qint64 window() const { return m_buffer.window(); }

    // x = ms since epoch, y = value in the metric's unit (CPU %, bytes,
    // bytes/s). Replaces all samples; keeps only the window.
    void setSamples(const QList<QPointF> &points);
    void appendSample(qint64 t, double v);
    void setBaseline(std::optional<double> baseline);
    std::optional<double> baseline() const { return m_baseline; }
    // Pairs of [start, end] in ms since epoch.
    void setScanSpans(const QList<QPair<qint64, qint64>> &spans);
    QList<QPair<qint64, qint64>> scanSpans() const { return m_spans; }

    // While paused, samples keep arriving into the buffer but the view
    // stays still so that it can be read; resuming jumps to the present.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    // These describe what is shown: while paused, the frozen view.
    std::optional<double> currentValue() const;
    std::optional<double> percentOfBaseline() const;
    QList<QPointF> shownSamples() const { return m_shown; }
    QString readoutText() const;
    // The runs of the line before gaps in the data (valueSeries() is the
    // newest run); empty series are not shown.
    QList<const QLineSeries *> olderRuns() const;
    // Scan bands as drawn, in the chart's coordinates (as QChart::plotArea()).
    QList<QRectF> scanBandRects() const;

    // CSV of the shown samples: time (ISO 8601, local with offset), value,
    // baseline, percent of baseline. Header names are fixed, not translated.
    bool exportCsv(QIODevice *device) const;
    bool grabPng(const QString &path);

    const QLineSeries *valueSeries() const { return m_valueSeries; }
    const QLineSeries *baselineSeries() const { return m_baselineSeries; }
    const QChart *chart() const { return m_chart; }

    // Unit formatting shared with pages that show the same numbers in text.
    static QString metricName(Metric metric);
    static QString formatValue(Metric metric, double value, const QLocale &locale = QLocale());
    static QString formatPercent(double percent, const QLocale &locale = QLocale());
    // "150% of baseline" (ja: ベースライン比 150%).
    static QString formatPercentOfBaseline(double percent, const QLocale &locale = QLocale());
    // Below this a baseline is treated as "nothing measured" and no ratio is
    // given: CPU 1 %, memory 1 MiB, disk I/O 4 KiB/s.
    static double baselineFloor(Metric metric);
    static std::optional<double> percentOf(
        Metric metric, double value, std::optional<double> baseline);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshView();
    void updateLine();
    void setLine(const QList<QPointF> &points, qint64 minGapMs);
    void updateValueAxis();
    void updateScanBands();
    void updateReadout();
    void applyColours();
    void retranslate();
    void showHover(const QPointF &point, bool state);
    qint64 viewEnd() const;
    struct AxisScale
    {
        QList<double> ticks;
        QStringList labels;
    };
    static AxisScale axisScale(Metric metric, double maximum, const QLocale &locale);

    Metric m_metric = Metric::Cpu;
    QString m_customTitle;
    MetricSeriesBuffer m_buffer;
    QList<QPointF> m_shown;
    QList<QPointF> m_frozen;
    qint64 m_frozenEnd = 0;
    qint64 m_viewStart = 0;
    qint64 m_viewEnd = 0;
    double m_axisMax = -1;
    std::optional<double> m_baseline;
    QList<QPair<qint64, qint64>> m_spans;
    bool m_paused = false;

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QLabel *m_readout = nullptr;
    QLineSeries *m_valueSeries = nullptr; // the newest run of the line
    QList<QLineSeries *> m_olderRuns; // the runs before gaps, oldest first
    QLineSeries *m_baselineSeries = nullptr;
    QAreaSeries *m_scanLegend = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QCategoryAxis *m_valueAxis = nullptr;
    QList<QGraphicsRectItem *> m_bands;
};

} // namespace mamori::widgets
