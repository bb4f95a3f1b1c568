// SPDX-License-Identifier: GPL-2.0-or-later
// How long one live tick costs a page with four MetricCharts (CPU, memory,
// disk read, disk write), each holding a full window: appending one sample
// to each, and appending plus painting the page. Run it with
// QT_QPA_PLATFORM=offscreen to measure our work rather than the X server's.
#include "BenchSupport.h"
#include "widgets/MetricChart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using mamori::bench::percentile;
using mamori::widgets::MetricChart;

namespace {

constexpr qint64 Second = 1000;

struct Result
{
    double median = 0;
    double p95 = 0;
    double cpuMedian = 0;
};

// Process CPU time as well as wall time: on a machine shared with builds the
// wall clock also counts the time other processes held the cores.
double cpuMs()
{
    return mamori::bench::selfCpuSeconds() * 1e3;
}

double valueAt(MetricChart::Metric metric, qint64 i)
{
    // Wavy, with a spike now and then, so the value axis sometimes rescales.
    const double wave = 0.5 + 0.4 * std::sin(double(i) / 37.0) + (i % 97 == 0 ? 0.3 : 0.0);
    switch (metric) {
    case MetricChart::Metric::Cpu:
        return 40 * wave;
    case MetricChart::Metric::Memory:
        return (6.0 + wave) * 1024 * 1024 * 1024;
    case MetricChart::Metric::DiskRead:
    case MetricChart::Metric::DiskWrite:
        return 1.7 * 1024 * 1024 * wave;
    }
    return 0;
}

class Page
{
public:
    Page(qsizetype points, qint64 start)
    {
        auto *grid = new QGridLayout(&m_widget);
        const MetricChart::Metric metrics[] = {MetricChart::Metric::Cpu,
            MetricChart::Metric::Memory, MetricChart::Metric::DiskRead,
            MetricChart::Metric::DiskWrite};
        for (int c = 0; c < 4; ++c) {
            auto *chart = new MetricChart(&m_widget);
            chart->setMetric(metrics[c]);
            chart->setWindow((points - 1) * Second);
            QList<QPointF> history;
            history.reserve(points);
            for (qsizetype i = 0; i < points; ++i)
                history.append(QPointF(double(start + i * Second), valueAt(metrics[c], i)));
            chart->setSamples(history);
            chart->setBaseline(valueAt(metrics[c], 0) * 0.8);
            const qint64 end = start + (points - 1) * Second;
            chart->setScanSpans({{end - (points / 2) * Second, end - (points / 3) * Second},
                {end - 30 * Second, end + 3600 * Second}});
            grid->addWidget(chart, c / 2, c % 2);
            m_charts.append(chart);
        }
        m_next = points;
        m_start = start;
        m_widget.resize(1280, 720);
        m_widget.show();
        if (!QTest::qWaitForWindowExposed(&m_widget))
            qWarning("page not exposed; painting may be skipped");
        m_image = QImage(m_widget.size(), QImage::Format_ARGB32_Premultiplied);
    }

    void tick()
    {
        for (auto *chart : std::as_const(m_charts))
            chart->appendSample(m_start + m_next * Second, valueAt(chart->metric(), m_next));
        ++m_next;
    }

    void paint()
    {
        // The chart lays itself out through posted events, as on screen.
        QCoreApplication::sendPostedEvents();
        QPainter painter(&m_image);
        m_widget.render(&painter);
    }

    bool save(const QString &path) const { return m_image.save(path); }

private:
    QWidget m_widget;
    QList<MetricChart *> m_charts;
    QImage m_image;
    qint64 m_start = 0;
    qint64 m_next = 0;
};

Result run(qsizetype points, int ticks, bool render, const QString &png)
{
    Page page(points, 1'700'000'000'000);
    QList<double> ms;
    QList<double> cpu;
    QElapsedTimer timer;
    for (int i = 0; i < ticks + 20; ++i) {
        const double cpuStart = cpuMs();
        timer.start();
        page.tick();
        if (render)
            page.paint();
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        const double cpuElapsed = cpuMs() - cpuStart;
        if (!render)
            QCoreApplication::sendPostedEvents(); // outside the timing
        if (i >= 20) { // warm-up: first layouts, glyph caches
            ms.append(elapsed);
            cpu.append(cpuElapsed);
        }
    }
    if (render && !png.isEmpty() && !page.save(png))
        qWarning("could not write %s", qPrintable(png));
    const auto q = [](const QList<double> &l, double at) {
        return percentile(std::vector<double>(l.cbegin(), l.cend()), at);
    };
    return {q(ms, 0.5), q(ms, 0.95), q(cpu, 0.5)};
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // bench_console_charts [ticks] [page.png]: the PNG shows the last
    // rendered 3,600-point page, to check by eye what was measured.
    const int ticks = argc > 1 ? std::max(10, QByteArray(argv[1]).toInt()) : 300;
    const QString png = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    std::printf("4 MetricCharts, 1280x720 page, %d ticks (+20 warm-up), platform %s\n", ticks,
        qPrintable(QGuiApplication::platformName()));
    std::printf("%-44s %10s %10s %12s\n", "scenario", "median ms", "p95 ms", "cpu med ms");
    struct Case
    {
        const char *name;
        qsizetype points;
        bool render;
    };
    const Case cases[] = {{"4 x 300 pts (5 min live), update only", 300, false},
        {"4 x 300 pts (5 min live), update + render", 300, true},
        {"4 x 3,600 pts, update only", 3600, false}, {"4 x 3,600 pts, update + render", 3600, true},
        {"4 x 86,400 pts (24 h), update only", 86400, false},
        {"4 x 86,400 pts (24 h), update + render", 86400, true}};
    for (const auto &c : cases) {
        const Result r = run(c.points, ticks, c.render, c.points == 3600 ? png : QString());
        std::printf("%-44s %10.2f %10.2f %12.2f\n", c.name, r.median, r.p95, r.cpuMedian);
        std::fflush(stdout);
    }
    return 0;
}
