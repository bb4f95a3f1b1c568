// SPDX-License-Identifier: GPL-2.0-or-later
// The console at fleet scale (docs/benchmarks.md): 200 appliances with 50 VMs
// each, generated as the appliances' answers (bytes), read by the records'
// parsers and fed through the FleetUpdater the connections feed, into the
// real fleet page (ui::FleetPage: its sort/filter proxy and an expanded
// tree view), offscreen; plus the metric samples of all 200 appliances
// going into the MetricsArchive every second, and a page of four
// MetricCharts. Every figure is wall time of the GUI thread and, in
// brackets, its CPU time (the machine is shared).
#include "app/client/SecretStore.h"
#include "app/fleet/Fleet.h"
#include "app/fleet/FleetUpdater.h"
#include "app/metrics/MetricsArchive.h"
#include "app/models/FleetFilterModel.h"
#include "app/models/FleetModel.h"
#include "app/records/Vm.h"
#include "app/store/ConsoleStore.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"
#include "widgets/MetricChart.h"
#include "widgets/StatusIcon.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace mamori::console;
using mamori::protocol::ProtectionStatus;
using mamori::widgets::MetricChart;

namespace {

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

const int kHosts = envInt("MAMORI_BENCH_HOSTS", 200);
const int kVmsPerHost = envInt("MAMORI_BENCH_VMS", 50);
constexpr int kChangedPerBatch = 5; // VMs whose state an event batch changes
constexpr int kRounds = 20; // measured rounds of each scenario

qint64 rssBytes()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Wall and GUI-thread CPU time of one piece of work, in ms.
struct Took
{
    double wallMs = 0;
    double cpuMs = 0;
};

template<typename Work> Took measure(Work work)
{
    QElapsedTimer wall;
    const qint64 cpu = threadCpuNs();
    wall.start();
    work();
    return {double(wall.nsecsElapsed()) / 1e6, double(threadCpuNs() - cpu) / 1e6};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// As random as libvirt's, and the same in every run.
QString vmUuid(int host, int vm)
{
    static const QUuid ns =
        QUuid::fromString(QStringLiteral("6f1d0a3e-1c2b-4d5e-9f80-112233445566"));
    return QUuid::createUuidV5(ns, QStringLiteral("%1/%2").arg(host).arg(vm))
        .toString(QUuid::WithoutBraces);
}

const char *const kStatuses[] = {
    "protected", "protected", "protected", "at-risk", "scanning", "infected", "unprotected"};
const char *const kReasons[] = {
    "ok", "ok", "ok", "scan_overdue", "scanning", "open_incident", "realtime_off"};

// One appliance's VMs, as GET /api/v1/vms answers them.
class HostState
{
public:
    HostState(int id, QRandomGenerator &rng) : m_id(id)
    {
        for (int v = 0; v < kVmsPerHost; ++v) {
            QJsonObject vm {{QStringLiteral("id"), vmUuid(id, v)},
                {QStringLiteral("name"),
                    QStringLiteral("desk-%1").arg(v + 1, 3, 10, QLatin1Char('0'))},
                {QStringLiteral("power"),
                    v % 17 == 0 ? QStringLiteral("shut-off") : QStringLiteral("running")},
                {QStringLiteral("realtime"), QStringLiteral("on")},
                {QStringLiteral("last_full_scan"), QStringLiteral("2026-11-20T01:00:00Z")},
                {QStringLiteral("isolated"), false},
                {QStringLiteral("root"),
                    QStringLiteral("/srv/vms/host-%1/desk-%2").arg(id).arg(v + 1)}};
            setState(vm, int(rng.bounded(3)), rng);
            m_vms.append(vm);
        }
    }

    int id() const { return m_id; }
    QString name() const { return QStringLiteral("kvm-%1").arg(m_id, 3, 10, QLatin1Char('0')); }
    // The answer's bytes, as libcurl hands them over.
    QByteArray answer() const
    {
        return QJsonDocument(QJsonObject {{QStringLiteral("vms"), m_vms}})
            .toJson(QJsonDocument::Compact);
    }

    // What an event batch does: a few VMs change status, scan or incidents;
    // each comes back as GET /api/v1/vms/{id} answers it.
    QList<QByteArray> change(QRandomGenerator &rng)
    {
        QList<QByteArray> changed;
        for (int i = 0; i < kChangedPerBatch; ++i) {
            const int v = int(rng.bounded(kVmsPerHost));
            QJsonObject vm = m_vms.at(v).toObject();
            setState(vm, int(rng.bounded(int(std::size(kStatuses)))), rng);
            m_vms.replace(v, vm);
            changed.append(QJsonDocument(vm).toJson(QJsonDocument::Compact));
        }
        return changed;
    }

private:
    static void setState(QJsonObject &vm, int s, QRandomGenerator &rng)
    {
        vm[QStringLiteral("protection")] =
            QJsonObject {{QStringLiteral("status"), QLatin1String(kStatuses[s])},
                {QStringLiteral("reason"), QLatin1String(kReasons[s])}};
        vm[QStringLiteral("open_incidents")] = s == 5 ? 1 + int(rng.bounded(3)) : 0;
        vm[QStringLiteral("last_scan")] = QDateTime(QDate(2026, 11, 25), QTime(0, 0), Qt::UTC)
                                              .addSecs(qint64(rng.bounded(86400)))
                                              .toString(Qt::ISODate);
    }

    int m_id;
    QJsonArray m_vms;
};

// Counts the frames a widget paints.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(int *frames) : m_frames(frames) { }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++*m_frames;
        return false;
    }

private:
    int *m_frames;
};

void printMemory(const char *what)
{
    std::printf("MEMORY %-44s RSS %.1f MiB\n", what, double(rssBytes()) / 1048576.0);
    std::fflush(stdout);
}

void printTook(const char *what, const Took &t)
{
    std::printf("RESULT %-60s %9.2f ms  (CPU %8.2f ms)\n", what, t.wallMs, t.cpuMs);
    std::fflush(stdout);
}

void printMedian(const char *what, const std::vector<Took> &runs)
{
    std::vector<double> wall, cpu;
    for (const Took &t : runs) {
        wall.push_back(t.wallMs);
        cpu.push_back(t.cpuMs);
    }
    printTook(what, {median(wall), median(cpu)});
}

} // namespace

class ConsoleScale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadFleet();
    void updateBatchOneHost();
    void updateBatchFleetOneFrame();
    void updateBatchFleetOneSecond();
    void resortAfterFleetBatch();
    void refreshFleetUnchanged();
    void paintFleetView();
    void updateAndPaintFleetView();
    void archiveSamplesOfFleet();
    void chartsTickAndRender();
    void cleanupTestCase();

private:
    // One appliance's changes, parsed and handed to the updater as its
    // connection would.
    void queueChanges(HostState &host);
    void settle();
    void paintView();

    QRandomGenerator m_rng {20261125};
    std::vector<HostState> m_hosts;
    QTemporaryDir m_dir;
    ConsoleStore m_store;
    MemorySecretStore m_secrets;
    std::unique_ptr<Fleet> m_fleet; // its models and updater; no connections
    std::unique_ptr<mamori::ui::FleetSelection> m_selection;
    std::unique_ptr<mamori::ui::FleetPage> m_page;
    QImage m_frame;
    int m_next = 0;
    MetricsArchive m_archive;
    qint64 m_tick = 1'795'000'000'000;
};

void ConsoleScale::initTestCase()
{
    printMemory("start");
    for (int h = 1; h <= kHosts; ++h)
        m_hosts.emplace_back(h, m_rng);
    printMemory("generated VM lists (JSON)");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("console"))));
    m_fleet = std::make_unique<Fleet>(&m_store, &m_secrets);
    m_fleet->model()->setStatusIcons(mamori::widgets::StatusIcon::all());
    for (const HostState &h : m_hosts) {
        m_fleet->model()->setHost(h.id(), h.name());
        m_fleet->model()->setHostReachable(h.id(), true, QDateTime::currentDateTime());
        m_fleet->model()->setHostPatternVersion(h.id(), QStringLiteral("2026112501"));
    }
    m_selection = std::make_unique<mamori::ui::FleetSelection>();
    m_page = std::make_unique<mamori::ui::FleetPage>(m_fleet.get(), m_selection.get());
    // Sorted by protection (the worst first), as an admin watching trouble would.
    m_page->view()->sortByColumn(FleetModel::ProtectionColumn, Qt::DescendingOrder);
    m_page->resize(1280, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_frame = QImage(m_page->size(), QImage::Format_ARGB32_Premultiplied);
    QVERIFY(m_archive.open(m_dir.filePath(QStringLiteral("metrics"))));
    std::printf("CONFIG %d appliances x %d VMs, %d VMs changed per appliance's batch, fleet "
                "page %dx%d, platform %s\n",
        kHosts, kVmsPerHost, kChangedPerBatch, m_page->width(), m_page->height(),
        qPrintable(QGuiApplication::platformName()));
}

void ConsoleScale::queueChanges(HostState &host)
{
    for (const QByteArray &answer : host.change(m_rng)) {
        const Parsed<Vm> vm = parseVm(answer);
        QVERIFY2(vm.ok(), qPrintable(vm.error()));
        m_fleet->updater()->vm(host.id(), *vm);
    }
}

// What the event loop does after a model change: the proxy's and the
// view's deferred work (layout, sizing columns, painting what changed).
void ConsoleScale::settle()
{
    QCoreApplication::processEvents();
}

// The console starting up: every appliance's first VM list arrives, is
// read and applied (all in one frame: the worst case).
void ConsoleScale::loadFleet()
{
    QList<QByteArray> answers;
    for (const HostState &h : m_hosts)
        answers.append(h.answer());
    Took parse;
    QList<QList<Vm>> lists;
    parse = measure([&] {
        for (const QByteArray &a : std::as_const(answers)) {
            Parsed<QList<Vm>> vms = parseVmList(a);
            lists.append(*vms);
        }
    });
    const Took apply = measure([&] {
        for (int i = 0; i < int(m_hosts.size()); ++i)
            m_fleet->updater()->vmList(m_hosts[size_t(i)].id(), lists[i]);
        m_fleet->updater()->flush();
        settle();
    });
    QCOMPARE(m_fleet->model()->vmCount(), kHosts * kVmsPerHost);
    printTook("first load: read 200 answers (bytes -> records)", parse);
    printTook("first load: apply (model + proxy + expanded view)", apply);
    printTook("first load: in all", {parse.wallMs + apply.wallMs, parse.cpuMs + apply.cpuMs});
    settle();
    printMemory("fleet loaded, tree expanded");
}

// One appliance's event batch: 5 VMs changed, read and applied.
void ConsoleScale::updateBatchOneHost()
{
    std::vector<Took> runs;
    for (int r = 0; r < kRounds * 5; ++r) {
        HostState &h = m_hosts[size_t(m_next++ % kHosts)];
        runs.push_back(measure([&] {
            queueChanges(h);
            m_fleet->updater()->flush();
            settle();
        }));
    }
    printMedian("one appliance's batch (5 VMs), median", runs);
}

// Every appliance reports a batch in the same frame (a fleet-wide pattern
// update): the worst case, one flush.
void ConsoleScale::updateBatchFleetOneFrame()
{
    std::vector<Took> runs;
    for (int r = 0; r < 5; ++r) {
        runs.push_back(measure([&] {
            for (HostState &h : m_hosts)
                queueChanges(h);
            m_fleet->updater()->flush();
            settle();
        }));
    }
    printMedian("every appliance's batch in one frame (200 x 5 VMs), median", runs);
}

// The re-sort that follows changes (FleetModel::kResortMs later): every
// appliance's batch moved rows.
void ConsoleScale::resortAfterFleetBatch()
{
    std::vector<Took> runs;
    for (int r = 0; r < 3; ++r) {
        for (HostState &h : m_hosts)
            queueChanges(h);
        m_fleet->updater()->flush();
        settle();
        runs.push_back(measure([&] {
            m_fleet->model()->resortNow();
            settle();
        }));
    }
    printMedian("re-sort after every appliance's batch, median", runs);
    std::vector<Took> one;
    for (int r = 0; r < kRounds; ++r) {
        queueChanges(m_hosts[size_t(m_next++ % kHosts)]);
        m_fleet->updater()->flush();
        settle();
        one.push_back(measure([&] {
            m_fleet->model()->resortNow();
            settle();
        }));
    }
    printMedian("re-sort after one appliance's batch, median", one);
}

// Every appliance reports within one second, arrivals spread evenly: the
// frame timer gathers them; the longest stall of the GUI thread counts.
void ConsoleScale::updateBatchFleetOneSecond()
{
    // A stall: how late a 5 ms timer fires (on a shared machine this also
    // counts time the thread waited for a CPU).
    double longestStall = 0;
    QElapsedTimer sinceTick;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(5);
    connect(&tick, &QTimer::timeout, this, [&] {
        longestStall = std::max(longestStall, double(sinceTick.nsecsElapsed()) / 1e6 - 5);
        sinceTick.start();
    });
    int frames = 0;
    PaintCounter counter(&frames);
    m_page->view()->viewport()->installEventFilter(&counter);
    QEventLoop loop;
    QElapsedTimer wall;
    wall.start();
    const qint64 cpu = threadCpuNs();
    for (int i = 0; i < kHosts; ++i)
        QTimer::singleShot(
            i * 1000 / kHosts, this, [this, i] { queueChanges(m_hosts[size_t(i)]); });
    QTimer done;
    connect(&done, &QTimer::timeout, &loop, [&] {
        if (wall.elapsed() > 1000 && !m_fleet->updater()->isPending()
            && !m_fleet->model()->isResortPending())
            loop.quit();
    });
    done.start(100);
    sinceTick.start();
    tick.start();
    loop.exec();
    const double cpuMs = double(threadCpuNs() - cpu) / 1e6;
    m_page->view()->viewport()->removeEventFilter(&counter);
    std::printf("RESULT %-60s CPU %8.2f ms in %.0f ms; %d frames painted; longest stall %.2f ms\n",
        "200 appliances' batches spread over one second", cpuMs, double(wall.nsecsElapsed()) / 1e6,
        frames, longestStall);
    std::fflush(stdout);
}

// Every appliance's whole list again with nothing changed (a reconnect of
// every appliance): the cost of finding out that nothing changed.
void ConsoleScale::refreshFleetUnchanged()
{
    QList<QList<Vm>> lists;
    for (const HostState &h : m_hosts)
        lists.append(*parseVmList(h.answer()));
    const Took t = measure([&] {
        for (int i = 0; i < int(m_hosts.size()); ++i)
            m_fleet->updater()->vmList(m_hosts[size_t(i)].id(), lists[i]);
        m_fleet->updater()->flush();
        settle();
    });
    printTook("every appliance re-listed, nothing changed", t);
}

void ConsoleScale::paintView()
{
    settle();
    QPainter painter(&m_frame);
    m_page->render(&painter);
}

// One frame of the fleet page (the visible rows of 10,000), nothing changed.
void ConsoleScale::paintFleetView()
{
    paintView();
    std::vector<Took> runs;
    for (int r = 0; r < kRounds; ++r)
        runs.push_back(measure([&] { paintView(); }));
    printMedian("one frame of the fleet page, median", runs);
}

// One appliance's batch and the frame after it: what the user waits for.
void ConsoleScale::updateAndPaintFleetView()
{
    std::vector<Took> runs;
    for (int r = 0; r < kRounds; ++r) {
        HostState &h = m_hosts[size_t(m_next++ % kHosts)];
        runs.push_back(measure([&] {
            queueChanges(h);
            m_fleet->updater()->flush();
            paintView();
        }));
    }
    printMedian("one appliance's batch + the next frame, median", runs);
    if (!m_frame.save(QStringLiteral("/var/tmp/mamori-bench/console-scale-fleet.png")))
        qInfo("fleet frame not saved (no /var/tmp/mamori-bench?)");
    printMemory("after the updates");
}

// One second of metrics of the whole fleet into the console's archive: the
// host, the appliance and 50 VMs of each of 200 appliances (MetricsFeed
// stores each appliance's answer in one transaction).
void ConsoleScale::archiveSamplesOfFleet()
{
    QStringList scopes {QStringLiteral("host"), QStringLiteral("appliance")};
    for (int v = 0; v < kVmsPerHost; ++v)
        scopes.append(QStringLiteral("vm:") + vmUuid(0, v));
    std::vector<Took> runs;
    for (int r = 0; r < 5; ++r) {
        runs.push_back(measure([&] {
            m_tick += 1000;
            for (int h = 1; h <= kHosts; ++h) {
                QHash<QString, QList<MetricPoint>> answer;
                for (const QString &scope : std::as_const(scopes)) {
                    const double x = double((m_tick / 1000 + h) % 97);
                    answer.insert(
                        scope, {MetricPoint {m_tick, x / 2, 1e9 + x * 1e6, x * 1e4, x * 2e3}});
                }
                m_archive.store(h, answer);
            }
        }));
    }
    printMedian("one second of the fleet's metrics into the archive, median", runs);
    printMemory("after archiving");
}

// The performance page (four charts, 5-minute live window) while all this
// goes on: one tick of new samples and a repaint.
void ConsoleScale::chartsTickAndRender()
{
    QWidget page;
    auto *grid = new QGridLayout(&page);
    QList<MetricChart *> charts;
    const qint64 start = 1'795'000'000'000;
    for (int i = 0; i < 4; ++i) {
        auto *chart = new MetricChart(&page);
        chart->setMetric(MetricChart::Metric(i));
        chart->setWindow(300'000);
        QList<QPointF> history;
        for (int s = 0; s < 300; ++s)
            history.append(QPointF(double(start + s * 1000), 10 + 5 * std::sin(s / 20.0)));
        chart->setSamples(history);
        grid->addWidget(chart, i / 2, i % 2);
        charts.append(chart);
    }
    page.resize(1280, 720);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QImage image(page.size(), QImage::Format_ARGB32_Premultiplied);
    qint64 t = start + 300'000;
    std::vector<Took> runs;
    for (int r = 0; r < kRounds; ++r) {
        runs.push_back(measure([&] {
            t += 1000;
            for (MetricChart *c : std::as_const(charts))
                c->appendSample(t, 10 + 5 * std::sin(double(t) / 20000.0));
            QCoreApplication::sendPostedEvents();
            QPainter painter(&image);
            page.render(&painter);
        }));
    }
    printMedian("four charts: one tick + render, median", runs);
}

void ConsoleScale::cleanupTestCase()
{
    printMemory("end");
}

QTEST_MAIN(ConsoleScale)
#include "bench_console_scale.moc"
