// SPDX-License-Identifier: GPL-2.0-or-later
#include "widgets/MetricChart.h"
#include "widgets/MetricSeriesBuffer.h"

#include <QBuffer>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <algorithm>

using mamori::widgets::MetricChart;
using mamori::widgets::MetricSeriesBuffer;
using Metric = MetricChart::Metric;

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
// A fixed, whole-second time so that failures are reproducible.
constexpr qint64 T0 = 1'700'000'000'000;

// count samples one second apart ending at `end`, value from f(i).
template<typename F> QList<QPointF> samples(qint64 end, int count, F f)
{
    QList<QPointF> points;
    for (int i = 0; i < count; ++i)
        points.append(QPointF(double(end - (count - 1 - i) * Second), f(i)));
    return points;
}

// QtCharts' getters such as attachedAxes() are not const.
QList<QAbstractAxis *> axesOf(const MetricChart &chart)
{
    return const_cast<QLineSeries *>(chart.valueSeries())->attachedAxes();
}

const QDateTimeAxis *timeAxis(const MetricChart &chart)
{
    for (const auto *axis : axesOf(chart)) {
        if (const auto *t = qobject_cast<const QDateTimeAxis *>(axis))
            return t;
    }
    return nullptr;
}

qint64 firstX(const QLineSeries *s)
{
    return qint64(s->at(0).x());
}

qint64 lastX(const QLineSeries *s)
{
    return qint64(s->at(s->count() - 1).x());
}

} // namespace

class TestMetricChart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void baselineSpansTheWindow()
    {
        MetricChart chart;
        chart.setWindow(5 * Minute);
        chart.setSamples(samples(T0, 301, [](int) { return 10.0; }));
        QVERIFY(!chart.baselineSeries()->isVisible());
        chart.setBaseline(20.0);
        const auto *b = chart.baselineSeries();
        QVERIFY(b->isVisible());
        QCOMPARE(b->name(), QStringLiteral("Baseline"));
        QVERIFY(b->count() >= 2);
        for (const auto &p : b->points())
            QCOMPARE(p.y(), 20.0);
        QCOMPARE(firstX(b), T0 - 5 * Minute);
        QCOMPARE(lastX(b), T0);
        QCOMPARE(b->pen().style(), Qt::DashLine);
        chart.setBaseline(std::nullopt);
        QVERIFY(!chart.baselineSeries()->isVisible());
    }

    void percentOfBaselineAndReadout()
    {
        MetricChart chart;
        chart.setMetric(Metric::Cpu);
        chart.setSamples(samples(T0, 60, [](int i) { return i == 59 ? 30.0 : 5.0; }));
        QVERIFY(!chart.percentOfBaseline());
        chart.setBaseline(20.0);
        QCOMPARE(chart.currentValue(), std::optional<double>(30.0));
        QCOMPARE(chart.percentOfBaseline(), std::optional<double>(150.0));
        QVERIFY2(
            chart.readoutText().contains(QLatin1String("150%")), qPrintable(chart.readoutText()));
        QVERIFY(chart.readoutText().contains(QLatin1String("of baseline")));
        QVERIFY(chart.readoutText().contains(QLatin1String("30%")));
    }

    void noRatioBelowTheFloor()
    {
        QVERIFY(!MetricChart::percentOf(Metric::Cpu, 5, std::nullopt));
        QVERIFY(!MetricChart::percentOf(Metric::Cpu, 5, 0.5));
        QCOMPARE(*MetricChart::percentOf(Metric::Cpu, 5, 1.0), 500.0);
        QVERIFY(!MetricChart::percentOf(Metric::Memory, 5e6, 512.0 * 1024));
        QCOMPARE(*MetricChart::percentOf(Metric::Memory, 2.0 * 1024 * 1024, 1024.0 * 1024), 200.0);
        QVERIFY(!MetricChart::percentOf(Metric::DiskWrite, 8192, 100.0));
        QCOMPARE(*MetricChart::percentOf(Metric::DiskRead, 8192, 4096.0), 200.0);

        MetricChart chart;
        chart.setMetric(Metric::DiskRead);
        chart.setSamples(samples(T0, 10, [](int) { return 1e6; }));
        chart.setBaseline(0.0);
        QVERIFY(!chart.percentOfBaseline());
        QVERIFY(!chart.readoutText().contains(QLatin1String("of baseline")));
    }

    void unitsFollowTheMetric()
    {
        QCOMPARE(MetricChart::formatValue(Metric::Cpu, 42), QStringLiteral("42%"));
        QCOMPARE(MetricChart::formatValue(Metric::Memory, 3.0 * 1024 * 1024 * 1024),
            QStringLiteral("3.0 GiB"));
        QCOMPARE(MetricChart::formatValue(Metric::DiskWrite, 1536.0 * 1024),
            QStringLiteral("1.5 MiB/s"));

        MetricChart chart;
        chart.setMetric(Metric::Memory);
        QCOMPARE(chart.valueSeries()->name(), QStringLiteral("Memory"));
        chart.setSamples(samples(T0, 30, [](int i) { return (7.0 + i / 60.0) * (1 << 30); }));
        auto *axis = qobject_cast<QCategoryAxis *>(axesOf(chart).constLast());
        QVERIFY(axis);
        const QStringList labels = axis->categoriesLabels();
        QVERIFY(labels.size() >= 3);
        QVERIFY2(labels.constLast().endsWith(QLatin1String("GiB")), qPrintable(labels.join(u'|')));
        QVERIFY(axis->max() >= 7.5 * (1 << 30));
        chart.setTitle(QStringLiteral("esx-01"));
        QCOMPARE(chart.chart()->title(), QStringLiteral("esx-01"));
        chart.setTitle({});
        QCOMPARE(chart.chart()->title(), QStringLiteral("Memory"));
    }

    void windowSwitchTrimsAndKeeps()
    {
        MetricChart chart;
        chart.setWindow(Hour);
        chart.setSamples(samples(T0, 3601, [](int i) { return i % 100; }));
        QCOMPARE(chart.valueSeries()->count(), 3601);
        QCOMPARE(firstX(chart.valueSeries()), T0 - Hour);
        chart.setWindow(5 * Minute);
        QCOMPARE(chart.valueSeries()->count(), 301);
        QCOMPARE(firstX(chart.valueSeries()), T0 - 5 * Minute);
        QCOMPARE(lastX(chart.valueSeries()), T0);
        // Widening keeps what is there; the page reloads older history.
        chart.setWindow(Hour);
        QCOMPARE(chart.valueSeries()->count(), 301);
        QCOMPARE(lastX(chart.valueSeries()), T0);
    }

    void rollingBufferKeepsOnlyTheWindow()
    {
        MetricChart chart;
        chart.setWindow(Minute);
        QSignalSpy replaced(chart.valueSeries(), &QXYSeries::pointsReplaced);
        QSignalSpy added(chart.valueSeries(), &QXYSeries::pointAdded);
        QSignalSpy removed(chart.valueSeries(), &QXYSeries::pointRemoved);
        constexpr int ticks = 5000;
        for (int i = 0; i < ticks; ++i) {
            const qint64 t = T0 + i * Second;
            chart.appendSample(t, i);
            QVERIFY(firstX(chart.valueSeries()) >= t - Minute);
            QVERIFY(chart.valueSeries()->count() <= 61);
        }
        QCOMPARE(chart.valueSeries()->count(), 61);
        QCOMPARE(lastX(chart.valueSeries()), T0 + (ticks - 1) * Second);
        QCOMPARE(replaced.count(), ticks);
        QCOMPARE(added.count(), 0);
        QCOMPARE(removed.count(), 0);
    }

    void lateSamplesFallIntoPlace()
    {
        MetricChart chart;
        chart.setWindow(Minute);
        chart.appendSample(T0, 1);
        chart.appendSample(T0 + 2 * Second, 3);
        chart.appendSample(T0 + Second, 2);
        chart.appendSample(T0 + 2 * Second, 4);
        chart.appendSample(T0 - 2 * Minute, 9);
        const auto points = chart.valueSeries()->points();
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[1], QPointF(double(T0 + Second), 2));
        QCOMPARE(points[2].y(), 4.0);
    }

    void pauseBuffersAndResumeCatchesUp()
    {
        MetricChart chart;
        chart.setWindow(Minute);
        for (int i = 0; i < 60; ++i)
            chart.appendSample(T0 + i * Second, i);
        const qint64 frozenEnd = T0 + 59 * Second;
        chart.setPaused(true);
        QVERIFY(chart.isPaused());
        for (int i = 60; i < 150; ++i)
            chart.appendSample(T0 + i * Second, i);
        QCOMPARE(lastX(chart.valueSeries()), frozenEnd);
        QCOMPARE(timeAxis(chart)->max().toMSecsSinceEpoch(), frozenEnd);
        QCOMPARE(chart.currentValue(), std::optional<double>(59));
        QVERIFY(chart.readoutText().contains(QLatin1String("paused")));

        chart.setPaused(false);
        const qint64 newest = T0 + 149 * Second;
        QCOMPARE(lastX(chart.valueSeries()), newest);
        QCOMPARE(firstX(chart.valueSeries()), newest - Minute);
        QCOMPARE(chart.valueSeries()->count(), 61);
        QCOMPARE(timeAxis(chart)->max().toMSecsSinceEpoch(), newest);
        QCOMPARE(chart.currentValue(), std::optional<double>(149));
        QVERIFY(!chart.readoutText().contains(QLatin1String("paused")));
    }

    void timeAxisFollowsTheWindow_data()
    {
        QTest::addColumn<qint64>("window");
        QTest::addColumn<QString>("format");
        QTest::newRow("5 min") << 5 * Minute << QStringLiteral("HH:mm:ss");
        QTest::newRow("1 h") << Hour << QStringLiteral("HH:mm");
        QTest::newRow("24 h") << 24 * Hour << QStringLiteral("HH:mm");
    }

    void timeAxisFollowsTheWindow()
    {
        QFETCH(qint64, window);
        QFETCH(QString, format);
        MetricChart chart;
        chart.setWindow(window);
        chart.setSamples(samples(T0, 100, [](int) { return 1.0; }));
        const auto *axis = timeAxis(chart);
        QVERIFY(axis);
        QCOMPARE(axis->format(), format);
        QCOMPARE(axis->max().toMSecsSinceEpoch(), T0);
        QCOMPARE(axis->min().toMSecsSinceEpoch(), T0 - window);
        QCOMPARE(axis->max().timeSpec(), Qt::LocalTime);
        chart.appendSample(T0 + Second, 2.0);
        QCOMPARE(axis->max().toMSecsSinceEpoch(), T0 + Second);
        QCOMPARE(axis->min().toMSecsSinceEpoch(), T0 + Second - window);
    }

    void scanSpansAreShaded()
    {
        MetricChart chart;
        chart.resize(800, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setWindow(5 * Minute);
        chart.setSamples(samples(T0, 301, [](int) { return 10.0; }));
        const QList<QPair<qint64, qint64>> spans {{T0 - 4 * Minute, T0 - 3 * Minute}, // inside
            {T0 - 2 * Hour, T0 - Hour}, // before the window
            {T0 - Minute, T0 + Minute}}; // still running at the right edge
        chart.setScanSpans(spans);
        QCOMPARE(chart.scanSpans(), spans);
        QTRY_COMPARE(chart.scanBandRects().size(), 2);
        const QRectF plot = chart.chart()->plotArea();
        QVERIFY(!plot.isEmpty());
        const auto rects = chart.scanBandRects();
        for (const auto &r : rects) {
            QVERIFY(r.width() > 0);
            QVERIFY(plot.adjusted(-0.5, -0.5, 0.5, 0.5).contains(r));
        }
        QVERIFY(qAbs(rects[0].width() - plot.width() / 5) < 1.0);
        QVERIFY(qAbs(rects[1].right() - plot.right()) < 1.0);
        chart.setScanSpans({});
        QVERIFY(chart.scanBandRects().isEmpty());
    }

    void legendNamesWhatIsDrawn()
    {
        MetricChart chart;
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        auto *legend = const_cast<QChart *>(chart.chart())->legend();
        const auto visibleNames = [legend] {
            QStringList names;
            for (const auto *marker : legend->markers()) {
                if (marker->isVisible())
                    names << marker->label();
            }
            return names;
        };
        QCOMPARE(visibleNames(), QStringList {QStringLiteral("CPU")});
        chart.setBaseline(20.0);
        chart.setScanSpans({{T0 - Minute, T0}});
        QCOMPARE(visibleNames(),
            (QStringList {QStringLiteral("CPU"), QStringLiteral("Baseline"),
                QStringLiteral("Scan running")}));
    }

    void coloursFollowThePalette()
    {
        MetricChart chart;
        QPalette light;
        light.setColor(QPalette::Window, Qt::white);
        light.setColor(QPalette::WindowText, Qt::black);
        light.setColor(QPalette::Base, Qt::white);
        chart.setPalette(light);
        const QColor onLight = chart.valueSeries()->pen().color();
        QPalette dark = light;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, Qt::white);
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
        chart.setPalette(dark);
        const QColor onDark = chart.valueSeries()->pen().color();
        QVERIFY(onLight != onDark);
        QVERIFY(onDark.lightness() > onLight.lightness());
        QCOMPARE(chart.chart()->backgroundBrush().color(), QColor(0x18, 0x18, 0x18));
        QCOMPARE(chart.baselineSeries()->pen().style(), Qt::DashLine);
    }

    void csvHoldsTheShownData()
    {
        MetricChart chart;
        chart.setWindow(Minute);
        chart.setBaseline(20.0);
        chart.setSamples(samples(T0, 120, [](int i) { return double(i); }));
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(chart.exportCsv(&buffer));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.constFirst(), QByteArray("time,value,baseline,percent_of_baseline"));
        QCOMPARE(lines.size() - 1, chart.valueSeries()->count());
        QCOMPARE(lines.size() - 1, 61);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cells = lines[i].split(',');
            QCOMPARE(cells.size(), 4);
            const auto when = QDateTime::fromString(QString::fromUtf8(cells[0]), Qt::ISODateWithMs);
            QVERIFY2(when.isValid(), cells[0].constData());
            const QPointF p = chart.valueSeries()->at(int(i - 1));
            QCOMPARE(when.toMSecsSinceEpoch(), qint64(p.x()));
            QCOMPARE(cells[1].toDouble(), p.y());
            QCOMPARE(cells[2].toDouble(), 20.0);
            QCOMPARE(cells[3].toDouble(), p.y() / 20.0 * 100.0);
        }
        QBuffer readOnly;
        QVERIFY(readOnly.open(QIODevice::ReadOnly));
        QVERIFY(!chart.exportCsv(&readOnly));
        QVERIFY(!chart.exportCsv(nullptr));
    }

    void pngIsAValidImage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MetricChart chart;
        chart.resize(640, 360);
        chart.setBaseline(20.0);
        chart.setSamples(samples(T0, 301, [](int i) { return 10.0 + i % 30; }));
        chart.setScanSpans({{T0 - 2 * Minute, T0 - Minute}});
        const QString path = dir.filePath(QStringLiteral("cpu.png"));
        QVERIFY(chart.grabPng(path));
        QImage image;
        QVERIFY(image.load(path));
        QCOMPARE(image.size(), QSize(640, 360));
        QVERIFY(!chart.grabPng(dir.filePath(QStringLiteral("missing/dir/cpu.png"))));
    }

    void neverAnimates()
    {
        MetricChart chart;
        QCOMPARE(chart.chart()->animationOptions(), QChart::NoAnimation);
        chart.setMetric(Metric::DiskWrite);
        chart.setSamples(samples(T0, 10, [](int) { return 1.0; }));
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(&chart, &change);
        QCOMPARE(chart.chart()->animationOptions(), QChart::NoAnimation);
        QCOMPARE(chart.valueSeries()->name(), QStringLiteral("Disk write"));
        QCOMPARE(chart.baselineSeries()->name(), QStringLiteral("Baseline"));
    }

    void hugeWindowsAreDecimatedForDrawingOnly()
    {
        MetricChart chart;
        chart.setWindow(24 * Hour);
        chart.setBaseline(10.0);
        chart.setSamples(samples(T0, 86401, [](int i) { return i == 40000 ? 97.0 : 5.0 + i % 3; }));
        QCOMPARE(chart.shownSamples().size(), 86401);
        QVERIFY2(chart.valueSeries()->count() <= MetricChart::MaxDrawnPoints,
            qPrintable(QString::number(chart.valueSeries()->count())));
        const auto drawn = chart.valueSeries()->points();
        QVERIFY(std::any_of(
            drawn.cbegin(), drawn.cend(), [](const QPointF &p) { return p.y() == 97.0; }));
        QVERIFY(std::is_sorted(drawn.cbegin(), drawn.cend(),
            [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
        QCOMPARE(lastX(chart.valueSeries()), T0);
    }

    // About two drawn points per pixel column of the plot, whatever the
    // window holds; the data keeps every sample.
    void drawnPointsFollowThePlotWidth()
    {
        MetricChart chart;
        chart.resize(640, 360);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setWindow(Hour);
        chart.setSamples(samples(T0, 3601, [](int i) { return 5.0 + i % 7; }));
        QCOMPARE(chart.shownSamples().size(), 3601);
        const double width = chart.chart()->plotArea().width();
        QVERIFY(width > 100);
        QVERIFY2(chart.valueSeries()->count() <= qsizetype(2 * width) + 4,
            qPrintable(QStringLiteral("%1 points for %2 px")
                           .arg(chart.valueSeries()->count())
                           .arg(width)));
        QVERIFY(chart.valueSeries()->count() > qsizetype(width));
    }

    // Buckets are aligned to the clock: one more sample changes only the
    // newest bucket (and the dropped oldest), so the line does not shimmer.
    void decimationIsStableAsTheWindowSlides()
    {
        QList<QPointF> points;
        for (int i = 0; i < 5000; ++i)
            points.append(QPointF(double(T0 + i * Second), double((i * 7919) % 101)));
        const auto before = MetricSeriesBuffer::decimate(points.mid(0, 4000), 30 * Second);
        const auto after = MetricSeriesBuffer::decimate(points.mid(1, 4000), 30 * Second);
        QVERIFY(before.size() < 400);
        // Everything but the oldest and the newest bucket is the same.
        const auto inner = [](const QList<QPointF> &l) {
            QList<QPointF> kept;
            for (const QPointF &p : l) {
                if (p.x() > double(T0 + Minute) && p.x() < double(T0 + 3900 * Second))
                    kept.append(p);
            }
            return kept;
        };
        QVERIFY(inner(before).size() > 200);
        QCOMPARE(inner(after), inner(before));
        QCOMPARE(after.constLast(), points.at(4000));
        QCOMPARE(after.constFirst(), points.at(1));
    }

    // Two minutes without samples (the console was closed): the line stops
    // and starts again instead of joining the two sides with a straight
    // line nobody measured.
    void aGapInTheDataIsNotBridged()
    {
        MetricChart chart;
        chart.setWindow(5 * Minute);
        QList<QPointF> points = samples(T0, 60, [](int) { return 10.0; });
        points += samples(T0 + 180 * Second, 60, [](int) { return 80.0; });
        chart.setSamples(points);
        QCOMPARE(chart.shownSamples().size(), 120);
        QCOMPARE(chart.olderRuns().size(), 1);
        QCOMPARE(chart.olderRuns().first()->count(), 60);
        QCOMPARE(chart.valueSeries()->count(), 60);
        QCOMPARE(chart.valueSeries()->at(0).x(), double(T0 + 121 * Second));
        QCOMPARE(chart.olderRuns().first()->pen(), chart.valueSeries()->pen());
        // Data without gaps again: one run.
        chart.setSamples(samples(T0, 120, [](int) { return 5.0; }));
        QCOMPARE(chart.olderRuns().size(), 0);
        QCOMPARE(chart.valueSeries()->count(), 120);
        QCOMPARE(MetricSeriesBuffer::splitAtGaps(points).size(), 2);
        QCOMPARE(MetricSeriesBuffer::splitAtGaps(points.mid(0, 60)).size(), 1);
    }

    void hoverShowsTimeValueAndRatio()
    {
        MetricChart chart;
        chart.resize(640, 360);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setBaseline(20.0);
        chart.setSamples(samples(T0, 60, [](int i) { return i == 30 ? 30.0 : 10.0; }));
        auto *series = const_cast<QLineSeries *>(chart.valueSeries());
        emit series->hovered(QPointF(double(T0 - 29 * Second + 200), 29.0), true);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QLatin1String("30%")), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QLatin1String("150% of baseline")));
        emit series->hovered(QPointF(), false);
        QTRY_VERIFY(!QToolTip::isVisible());
    }
};

QTEST_MAIN(TestMetricChart)
#include "tst_metric_chart.moc"
