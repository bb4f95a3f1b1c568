// SPDX-License-Identifier: GPL-2.0-or-later
// The console at fleet scale (docs/benchmarks.md): 200 appliances with 50 VMs
// each, generated, fed through the same public entry points Fleet::syncModel
// uses when an ApplianceConnection reports a refreshed VM list (setHost,
// setHostReachable, setHostPatternVersion, applyVmList, setVmOpenIncidents,
// setVmLastScan), with the fleet page's FleetFilterModel (sorting, a status
// filter) and a QTreeView attached; plus the metric samples of all 200
// appliances going into the MetricsArchive every second, and a page of four
// MetricCharts. QBENCHMARK; run with QT_QPA_PLATFORM=offscreen.
#include "app/fleet/FleetFilterModel.h"
#include "app/fleet/FleetModel.h"
#include "app/metrics/MetricsArchive.h"
#include "widgets/MetricChart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <cmath>
#include <cstdio>

using mamori::console::FleetFilterModel;
using mamori::console::FleetModel;
using mamori::console::MetricPoint;
using mamori::console::MetricsArchive;
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

QString vmUuid(int host, int vm)
{
    return QStringLiteral("00000000-0000-4000-8000-%1%2")
        .arg(host, 6, 10, QLatin1Char('0'))
        .arg(vm, 6, 10, QLatin1Char('0'));
}

const char *const kStatuses[] = {
    "protected", "protected", "protected", "at-risk", "scanning", "infected", "unprotected"};
const char *const kReasons[] = {
    "ok", "ok", "ok", "scan_overdue", "scanning", "open_incident", "realtime_off"};

// One appliance's GET /api/v1/vms, as the console receives it.
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
    const QJsonArray &vms() const { return m_vms; }

    // What an event batch does: a few VMs change status, scan or incidents.
    void change(QRandomGenerator &rng)
    {
        for (int i = 0; i < kChangedPerBatch; ++i) {
            const int v = int(rng.bounded(kVmsPerHost));
            QJsonObject vm = m_vms.at(v).toObject();
            setState(vm, int(rng.bounded(int(std::size(kStatuses)))), rng);
            m_vms.replace(v, vm);
        }
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

// What Fleet::syncModel does for one connection (app/fleet/Fleet.cpp).
void syncHost(FleetModel &model, const HostState &host)
{
    const int id = host.id();
    model.setHost(id, QStringLiteral("kvm-%1").arg(id, 3, 10, QLatin1Char('0')));
    model.setHostReachable(id, true, QDateTime::currentDateTime());
    model.setHostPatternVersion(id, QStringLiteral("2026112501"));
    const QJsonArray &vms = host.vms();
    model.applyVmList(id, vms);
    for (const QJsonValue &v : vms) {
        const QUuid vm = QUuid::fromString(v[QStringLiteral("id")].toString());
        model.setVmOpenIncidents(id, vm, v[QStringLiteral("open_incidents")].toInt());
        const QDateTime last =
            QDateTime::fromString(v[QStringLiteral("last_scan")].toString(), Qt::ISODate);
        if (last.isValid())
            model.setVmLastScan(vm, last.toLocalTime());
    }
}

void printMemory(const char *what)
{
    std::printf("MEMORY %-44s RSS %.1f MiB\n", what, double(rssBytes()) / 1048576.0);
    std::fflush(stdout);
}

} // namespace

class ConsoleScale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelAlone();
    void loadFleet();
    void updateBatchOneHost();
    void updateBatchFleet();
    void refreshFleetUnchanged();
    void paintFleetView();
    void updateAndPaintFleetView();
    void archiveSamplesOfFleet();
    void chartsTickAndRender();
    void cleanupTestCase();

private:
    void loadAll();
    void paintView();

    QRandomGenerator m_rng {20261125};
    std::vector<HostState> m_hosts;
    std::unique_ptr<FleetModel> m_model;
    std::unique_ptr<FleetModel> m_bare; // no proxy, no view
    std::unique_ptr<FleetFilterModel> m_filter;
    std::unique_ptr<QTreeView> m_view;
    QImage m_frame;
    int m_next = 0;
    QTemporaryDir m_dir;
    MetricsArchive m_archive;
    qint64 m_tick = 1'795'000'000'000;
};

void ConsoleScale::initTestCase()
{
    printMemory("start");
    for (int h = 1; h <= kHosts; ++h)
        m_hosts.emplace_back(h, m_rng);
    printMemory("generated VM lists (JSON)");
    m_model = std::make_unique<FleetModel>();
    m_filter = std::make_unique<FleetFilterModel>();
    m_filter->setSourceModel(m_model.get());
    m_filter->setDynamicSortFilter(true);
    m_filter->sort(FleetModel::ProtectionColumn, Qt::DescendingOrder);
    m_view = std::make_unique<QTreeView>();
    m_view->setModel(m_filter.get());
    m_view->setUniformRowHeights(true);
    m_view->resize(1280, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_frame = QImage(m_view->size(), QImage::Format_ARGB32_Premultiplied);
    QVERIFY(m_dir.isValid());
    QVERIFY(m_archive.open(m_dir.path()));
    std::printf(
        "CONFIG %d appliances x %d VMs, %d VMs changed per event batch, view %dx%d, platform %s\n",
        kHosts, kVmsPerHost, kChangedPerBatch, m_view->width(), m_view->height(),
        qPrintable(QGuiApplication::platformName()));
}

// The same batches on a FleetModel with no proxy and no view attached: how
// much of the cost is the model's own.
void ConsoleScale::modelAlone()
{
    // Loaded and updated once here: QtTest runs a benchmark function again
    // until it has measured long enough, and this would take seconds each time.
    if (!m_bare) {
        m_bare = std::make_unique<FleetModel>();
        QElapsedTimer timer;
        timer.start();
        for (const HostState &h : m_hosts)
            syncHost(*m_bare, h);
        const double loadMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        for (HostState &h : m_hosts) {
            h.change(m_rng);
            syncHost(*m_bare, h);
        }
        const double fleetMs = double(timer.nsecsElapsed()) / 1e6;
        std::printf(
            "MODEL-ALONE load %.1f ms, one batch per host for all %d hosts %.1f ms (%.2f ms "
            "per host)\n",
            loadMs, kHosts, fleetMs, fleetMs / kHosts);
        std::fflush(stdout);
    }
    QBENCHMARK
    {
        HostState &h = m_hosts[size_t(m_next++ % kHosts)];
        h.change(m_rng);
        syncHost(*m_bare, h);
    }
}

void ConsoleScale::loadAll()
{
    for (const HostState &h : m_hosts)
        syncHost(*m_model, h);
}

// The console starting up: every appliance's first VM list arrives.
void ConsoleScale::loadFleet()
{
    // From empty every time (-median N runs this function N times).
    QBENCHMARK_ONCE
    {
        m_model->clear();
        loadAll();
    }
    QCOMPARE(m_model->vmCount(), kHosts * kVmsPerHost);
    m_view->expandAll();
    QCoreApplication::processEvents();
    printMemory("fleet loaded, tree expanded");
}

// One appliance's event batch: its refreshed VM list, a few VMs changed.
void ConsoleScale::updateBatchOneHost()
{
    QBENCHMARK
    {
        HostState &h = m_hosts[size_t(m_next++ % kHosts)];
        h.change(m_rng);
        syncHost(*m_model, h);
    }
}

// Every appliance reports a batch in the same second (e.g. a fleet-wide
// pattern update): the worst second.
void ConsoleScale::updateBatchFleet()
{
    QBENCHMARK
    {
        for (HostState &h : m_hosts) {
            h.change(m_rng);
            syncHost(*m_model, h);
        }
    }
}

// Every appliance re-fetched with nothing changed (reconnects, coalesced
// events that cancel out): the cost of finding out that nothing changed.
void ConsoleScale::refreshFleetUnchanged()
{
    QBENCHMARK
    {
        loadAll();
    }
}

void ConsoleScale::paintView()
{
    QCoreApplication::sendPostedEvents(); // layouts and the proxy's re-sort
    QPainter painter(&m_frame);
    m_view->render(&painter);
}

// One frame of the fleet view (the visible rows of 10,000), nothing changed.
void ConsoleScale::paintFleetView()
{
    paintView();
    QBENCHMARK
    {
        paintView();
    }
}

// One appliance's batch and the frame after it: what the user waits for.
void ConsoleScale::updateAndPaintFleetView()
{
    QBENCHMARK
    {
        HostState &h = m_hosts[size_t(m_next++ % kHosts)];
        h.change(m_rng);
        syncHost(*m_model, h);
        paintView();
    }
    if (!m_frame.save(QStringLiteral("/var/tmp/mamori-bench/console-scale-fleet.png")))
        qInfo("fleet frame not saved (no /var/tmp/mamori-bench?)");
}

// One second of metrics of the whole fleet into the console's archive: the
// host, the appliance and 50 VMs of each of 200 appliances (MetricsFeed
// stores each appliance's poll in one transaction).
void ConsoleScale::archiveSamplesOfFleet()
{
    QStringList scopes {QStringLiteral("host"), QStringLiteral("appliance")};
    for (int v = 0; v < kVmsPerHost; ++v)
        scopes.append(QStringLiteral("vm:") + vmUuid(0, v));
    QBENCHMARK
    {
        m_tick += 1000;
        // As MetricsFeed stores an answer: every scope of a host at once.
        for (int h = 1; h <= kHosts; ++h) {
            QHash<QString, QList<MetricPoint>> answer;
            for (const QString &scope : std::as_const(scopes)) {
                const double x = double((m_tick / 1000 + h) % 97);
                answer.insert(
                    scope, {MetricPoint {m_tick, x / 2, 1e9 + x * 1e6, x * 1e4, x * 2e3}});
            }
            m_archive.store(h, answer);
        }
    }
    std::printf("ARCHIVE %lld samples stored\n", static_cast<long long>(m_archive.count()));
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
    QBENCHMARK
    {
        t += 1000;
        for (MetricChart *c : std::as_const(charts))
            c->appendSample(t, 10 + 5 * std::sin(double(t) / 20000.0));
        QCoreApplication::sendPostedEvents();
        QPainter painter(&image);
        page.render(&painter);
    }
}

void ConsoleScale::cleanupTestCase()
{
    m_bare.reset();
    printMemory("end");
}

QTEST_MAIN(ConsoleScale)
#include "bench_console_scale.moc"
