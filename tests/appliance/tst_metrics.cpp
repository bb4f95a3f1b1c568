// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/metrics/Baseline.h"
#include "appliance/metrics/MetricsHistory.h"
#include "appliance/metrics/MetricsSampler.h"
#include "appliance/metrics/MetricsService.h"
#include "appliance/metrics/MetricsStore.h"
#include "appliance/metrics/ProcFs.h"
#include "appliance/metrics/ScanGovernor.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstring>
#include <vector>

using namespace mamori::appliance;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
// A whole minute, so that minute boundaries fall where the tests expect.
constexpr qint64 kT0 = 1'700'000'040'000;

// Child mode: holds `mib` MiB of touched memory until stdin closes.
int holdMemory(int mib)
{
    std::vector<char> block(size_t(mib) * size_t(kMiB));
    std::memset(block.data(), 0x5a, block.size());
    std::puts("ready");
    std::fflush(stdout);
    char buffer[64];
    while (std::fread(buffer, 1, sizeof buffer, stdin) > 0) { }
    return block[block.size() / 2] == 0x5a ? 0 : 1;
}

MetricSample sampleAt(qint64 t, double cpu, qint64 mem = 0, double read = 0, double write = 0)
{
    return MetricSample {t, cpu, mem, read, write};
}

// Runs the metrics schema on a SQLite file, as Database::migrateModule does.
QSqlDatabase openDb(const QString &path, const QString &connection)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    if (!db.open())
        return db;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS done(v INTEGER)"));
    q.exec(QStringLiteral("SELECT count(*) FROM done"));
    if (q.next() && q.value(0).toInt() > 0)
        return db;
    for (const char *step : MetricsStore::schemaSteps()) {
        for (const QString &sql : QString::fromUtf8(step).split(QLatin1Char(';'))) {
            if (!sql.trimmed().isEmpty() && !q.exec(sql))
                qWarning() << "schema:" << q.lastError().text();
        }
    }
    q.exec(QStringLiteral("INSERT INTO done VALUES(1)"));
    return db;
}

void closeDb(const QString &connection)
{
    QSqlDatabase::database(connection, false).close();
    QSqlDatabase::removeDatabase(connection);
}

QString scratchRoot()
{
    // write_bytes counts nothing on tmpfs; the build tree is on a disk.
    const QByteArray build = qgetenv("MAMORI_BINARY_DIR");
    return build.isEmpty() ? QDir::tempPath() : QString::fromLocal8Bit(build);
}

// Collects every sample of every scope the sampler gives.
struct Recorder
{
    QHash<QString, QList<MetricSample>> samples;
    int ticks = 0;

    void attach(MetricsSampler &sampler)
    {
        QObject::connect(&sampler, &MetricsSampler::sampled, &sampler, [this, &sampler] {
            ++ticks;
            for (auto it = sampler.latest().cbegin(); it != sampler.latest().cend(); ++it)
                samples[it.key()].append(it.value());
        });
    }
    double maxCpu(const QString &scope) const
    {
        double best = -1;
        for (const MetricSample &s : samples.value(scope))
            best = qMax(best, s.cpuPercent);
        return best;
    }
    double writtenBytes(const QString &scope, int intervalMs) const
    {
        double bytes = 0;
        const QList<MetricSample> list = samples.value(scope);
        for (qsizetype i = 0; i < list.size(); ++i) {
            const qint64 dt = i == 0 ? intervalMs : list[i].t - list[i - 1].t;
            bytes += list[i].writeBps * double(dt) / 1000.0;
        }
        return bytes;
    }
};

struct ChildProcess
{
    QProcess process;
    ~ChildProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    bool start(const QString &program, const QStringList &args)
    {
        process.start(program, args);
        return process.waitForStarted(10000);
    }
};

// A shell looping forever. At nice -20 (when allowed) so that other builds
// on the same CPUs do not starve it: its load is then known, one full core.
bool startBusy(ChildProcess &child)
{
    return child.start(QStringLiteral("nice"),
        {QStringLiteral("-n"), QStringLiteral("-20"), QStringLiteral("/bin/sh"),
            QStringLiteral("-c"), QStringLiteral("while :; do :; done")});
}

QString cgroup2Mount()
{
    QFile mounts(QStringLiteral("/proc/mounts"));
    if (!mounts.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : mounts.readAll().split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() > 2 && f[2] == "cgroup2")
            return QString::fromLocal8Bit(f[1]);
    }
    return {};
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size() && f.flush();
}

} // namespace

class TstMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsers();
    void hostAndAppliance();
    void busyAndIdleChildren();
    void writerChild();
    void memoryOfChild();
    void cgroupV2Source();
    void cgroupV1Source();
    void vanishedSources();
    void historySecondsAndMinutes();
    void historyRing();
    void minutesSurviveReopen();
    void minutesPruned();
    void baselineAutomaticOnlyWithoutScans();
    void baselineCapture();
    void percentOf();
    void governorPausesAndResumes();
    void governorIgnoresOwnLoad();
    void metricsJson();
    void serviceWiring();

private:
    void busyCgroupTest(const QString &dir, const VmSource &source);
};

void TstMetrics::parsers()
{
    const auto stat = procfs::parseProcStat("cpu  100 5 50 800 20 3 2 10 7 0\n"
                                            "cpu0 50 2 25 400 10 1 1 5 3 0\n"
                                            "cpu1 50 3 25 400 10 2 1 5 4 0\nintr 1\n");
    QVERIFY(stat);
    QCOMPARE(stat->cpus, 2);
    QCOMPARE(stat->busy, quint64(100 + 5 + 50 + 3 + 2 + 10));
    QCOMPARE(stat->total, stat->busy + 800 + 20);

    const auto mem =
        procfs::parseMeminfo("MemTotal: 1000 kB\nMemFree: 10 kB\nMemAvailable: 400 kB\n");
    QVERIFY(mem);
    QCOMPARE(mem->usedBytes, qint64(600 * 1024));

    const auto disks = procfs::parseDiskstats(
        " 8 0 sda 10 0 200 0 5 0 100 0 0 0 0\n 8 1 sda1 1 0 20 0 1 0 10 0 0 0 0\n"
        " 7 0 loop0 1 0 8 0 0 0 0 0 0 0 0\n",
        {"sda"});
    QCOMPARE(disks.size(), 1);
    QCOMPARE(disks.value("sda").readSectors, quint64(200));
    QCOMPARE(disks.value("sda").writtenSectors, quint64(100));

    const auto pid = procfs::parsePidStat(
        "42 (odd ) name) S 7 42 42 0 -1 4194560 1 0 0 0 11 22 33 44 20 0 1 0 555 0 0");
    QVERIFY(pid);
    QCOMPARE(pid->ppid, qint64(7));
    QCOMPARE(pid->cpuTicks, quint64(11 + 22 + 33 + 44));
    QCOMPARE(pid->startTime, quint64(555));

    const auto io = procfs::parsePidIo("rchar: 9\nwchar: 8\nsyscr: 1\nsyscw: 1\nread_bytes: 7\n"
                                       "write_bytes: 6\ncancelled_write_bytes: 0\n");
    QVERIFY(io);
    QCOMPARE(io->writeBytes, quint64(6));
    QCOMPARE(io->wchar, quint64(8));

    const auto v2 = procfs::parseIoStat("8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n"
                                        "8:16 rbytes=1 wbytes=2 rios=1 wios=1 dbytes=0 dios=0\n");
    QCOMPARE(v2.readBytes, quint64(101));
    QCOMPARE(v2.writeBytes, quint64(202));
    const auto v1 = procfs::parseBlkioServiceBytes(
        "8:0 Read 10\n8:0 Write 20\n8:0 Sync 5\n8:0 Total 30\nTotal 30\n");
    QCOMPARE(v1.readBytes, quint64(10));
    QCOMPARE(v1.writeBytes, quint64(20));
    QCOMPARE(procfs::parseKeyedValue("usage_usec 1234\nuser_usec 1000\n", "usage_usec"),
        std::optional<quint64>(1234));
    QCOMPARE(procfs::parsePidList("12\n34\n"), (QList<qint64> {12, 34}));
}

void TstMetrics::hostAndAppliance()
{
    MetricsSampler sampler;
    sampler.setIntervalMs(200);
    QSignalSpy spy(&sampler, &MetricsSampler::sampled);
    sampler.start();
    QVERIFY(spy.wait(5000));
    const auto host = sampler.latest(scope::host());
    QVERIFY(host);
    QVERIFY(host->cpuPercent >= 0 && host->cpuPercent <= 100);
    QVERIFY(host->memoryBytes > 0);
    QVERIFY(host->readBps >= 0 && host->writeBps >= 0);
    QVERIFY(sampler.cpuCount() >= 1);
    QVERIFY(sampler.memoryTotalBytes() >= host->memoryBytes);
    const auto self = sampler.latest(scope::appliance());
    QVERIFY(self);
    QVERIFY(self->memoryBytes > kMiB);
    QVERIFY(self->cpuPercent >= 0);
}

void TstMetrics::busyAndIdleChildren()
{
    ChildProcess busy, idle;
    QVERIFY(startBusy(busy));
    QVERIFY(idle.start(QStringLiteral("sleep"), {QStringLiteral("1000")}));
    MetricsSampler sampler;
    sampler.setIntervalMs(250);
    sampler.setVmSources({{QStringLiteral("busy"), VmSource::processes({busy.process.processId()})},
        {QStringLiteral("idle"), VmSource::processTree(idle.process.processId())}});
    Recorder rec;
    rec.attach(sampler);
    sampler.start();
    const QString busyScope = scope::vm(QStringLiteral("busy"));
    const QString idleScope = scope::vm(QStringLiteral("idle"));
    // cpuPercent is of the whole machine; x cpus gives percent of one core.
    // Any 250 ms window may still be starved: the loop must reach half a
    // core in at least one of them.
    QTRY_VERIFY_WITH_TIMEOUT(rec.maxCpu(busyScope) * sampler.cpuCount() > 50.0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(rec.samples.value(idleScope).size() >= 4, 10000);
    QVERIFY2(rec.maxCpu(idleScope) * sampler.cpuCount() < 3.0,
        qPrintable(QString::number(rec.maxCpu(idleScope))));
    QVERIFY(rec.samples.value(idleScope).last().memoryBytes > 0);
}

void TstMetrics::writerChild()
{
    QTemporaryDir dir(scratchRoot() + QStringLiteral("/tst_metrics-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("data"));
    ChildProcess writer;
    // The shell waits for a line so that the sampler has read it before dd
    // runs; dd is its child, reaped by it, and exec keeps the PID alive.
    QVERIFY(writer.start(QStringLiteral("/bin/sh"),
        {QStringLiteral("-c"),
            QStringLiteral("read x; dd if=/dev/zero of='%1' bs=1M count=64 "
                           "conv=fsync 2>/dev/null; exec sleep 1000")
                .arg(file)}));
    MetricsSampler sampler;
    sampler.setIntervalMs(250);
    sampler.setVmSources(
        {{QStringLiteral("w"), VmSource::processTree(writer.process.processId())}});
    Recorder rec;
    rec.attach(sampler);
    sampler.start();
    const QString w = scope::vm(QStringLiteral("w"));
    QTRY_VERIFY_WITH_TIMEOUT(!rec.samples.value(w).isEmpty(), 10000);
    writer.process.write("go\n");
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() == 64 * kMiB, 60000);
    const int ticksThen = rec.ticks;
    QTRY_VERIFY_WITH_TIMEOUT(rec.ticks >= ticksThen + 4, 10000);
    const double written = rec.writtenBytes(w, 250);
    QVERIFY2(written > 60.0 * kMiB && written < 80.0 * kMiB,
        qPrintable(QStringLiteral("%1 MiB").arg(written / kMiB)));
}

void TstMetrics::memoryOfChild()
{
    ChildProcess holder;
    QVERIFY(holder.start(QCoreApplication::applicationFilePath(),
        {QStringLiteral("--hold-mib"), QStringLiteral("96")}));
    QVERIFY(holder.process.waitForReadyRead(20000));
    QCOMPARE(holder.process.readLine().trimmed(), QByteArray("ready"));
    MetricsSampler sampler;
    sampler.setIntervalMs(100);
    sampler.setVmSources(
        {{QStringLiteral("m"), VmSource::processes({holder.process.processId()})}});
    QSignalSpy spy(&sampler, &MetricsSampler::sampled);
    sampler.start();
    QVERIFY(spy.wait(5000));
    const auto m = sampler.latest(scope::vm(QStringLiteral("m")));
    QVERIFY(m);
    // The block plus the program and its libraries.
    QVERIFY2(m->memoryBytes >= 96 * kMiB && m->memoryBytes < 160 * kMiB,
        qPrintable(QString::number(m->memoryBytes / kMiB)));
    holder.process.closeWriteChannel();
    QVERIFY(holder.process.waitForFinished(10000));
}

void TstMetrics::busyCgroupTest(const QString &dir, const VmSource &source)
{
    // Declared before the child so that it runs after the child is killed,
    // also when a check fails: a cgroup with no process left can go.
    struct RemoveDir
    {
        QString dir;
        ~RemoveDir()
        {
            const QDeadlineTimer deadline(5000);
            while (QFileInfo::exists(dir) && !QDir().rmdir(dir) && !deadline.hasExpired()) { }
        }
    } removeDir {dir};
    ChildProcess busy;
    QVERIFY(startBusy(busy));
    if (!writeText(
            dir + QStringLiteral("/cgroup.procs"), QByteArray::number(busy.process.processId())))
        QSKIP("cannot move a process into the new cgroup");
    MetricsSampler sampler;
    sampler.setIntervalMs(250);
    sampler.setVmSources({{QStringLiteral("cg"), source}});
    Recorder rec;
    rec.attach(sampler);
    sampler.start();
    const QString cg = scope::vm(QStringLiteral("cg"));
    QTRY_VERIFY_WITH_TIMEOUT(rec.maxCpu(cg) * sampler.cpuCount() > 50.0, 30000);
    QVERIFY(rec.samples.value(cg).last().memoryBytes > 0);
    busy.process.kill();
    QVERIFY(busy.process.waitForFinished(5000));
    // QTRY_* evaluates its condition once more on success: remember it.
    bool removed = false;
    QTRY_VERIFY_WITH_TIMEOUT(removed || (removed = QDir().rmdir(dir)), 10000);
    sampler.sampleNow();
    QVERIFY(!sampler.latest(cg));
}

void TstMetrics::cgroupV2Source()
{
    const QString mount = cgroup2Mount();
    if (mount.isEmpty())
        QSKIP("no cgroup2 file system mounted");
    const QString dir =
        mount + QStringLiteral("/mamori-tst-metrics-%1").arg(QCoreApplication::applicationPid());
    if (!QDir().mkdir(dir))
        QSKIP(qPrintable(
            QStringLiteral("%1 is not writable (not root, or delegated elsewhere)").arg(mount)));
    busyCgroupTest(dir, VmSource::cgroupV2(dir));
}

void TstMetrics::cgroupV1Source()
{
    const QString root = QStringLiteral("/sys/fs/cgroup");
    QString controller = root + QStringLiteral("/cpuacct");
    if (!QFile::exists(controller + QStringLiteral("/cpuacct.usage")))
        controller = root + QStringLiteral("/cpu,cpuacct");
    if (!QFile::exists(controller + QStringLiteral("/cpuacct.usage")))
        QSKIP("no cgroup v1 cpuacct hierarchy (a pure cgroup v2 host)");
    const QString name =
        QStringLiteral("mamori-tst-metrics-v1-%1").arg(QCoreApplication::applicationPid());
    const QString dir = controller + QLatin1Char('/') + name;
    if (!QDir().mkdir(dir))
        QSKIP("the cgroup v1 cpuacct hierarchy is not writable");
    busyCgroupTest(dir, VmSource::cgroupV1(name, root));
}

void TstMetrics::vanishedSources()
{
    QProcess gone;
    gone.start(QStringLiteral("true"), {});
    QVERIFY(gone.waitForStarted(5000));
    const qint64 pid = gone.processId();
    QVERIFY(gone.waitForFinished(5000));
    ChildProcess idle;
    QVERIFY(idle.start(QStringLiteral("sleep"), {QStringLiteral("1000")}));
    MetricsSampler sampler;
    sampler.setVmSources({{QStringLiteral("gone"), VmSource::processes({pid})},
        {QStringLiteral("tree"), VmSource::processTree(pid)},
        {QStringLiteral("v2"), VmSource::cgroupV2(QStringLiteral("/nonexistent/cg"))},
        {QStringLiteral("v1"), VmSource::cgroupV1(QStringLiteral("nonexistent"))},
        {QStringLiteral("idle"), VmSource::processes({idle.process.processId()})}});
    sampler.sampleNow();
    sampler.sampleNow();
    QVERIFY(sampler.latest(scope::host()));
    QVERIFY(sampler.latest(scope::vm(QStringLiteral("idle"))));
    for (const char *id : {"gone", "tree", "v2", "v1"})
        QVERIFY2(!sampler.latest(scope::vm(QString::fromLatin1(id))), id);
    // The idle VM stops: its next tick has no sample, the others go on.
    idle.process.kill();
    QVERIFY(idle.process.waitForFinished(5000));
    sampler.sampleNow();
    QVERIFY(!sampler.latest(scope::vm(QStringLiteral("idle"))));
    QVERIFY(sampler.latest(scope::host()));
}

void TstMetrics::historySecondsAndMinutes()
{
    MetricsHistory history;
    // Three minutes at 1 s: minute k has cpu k+1 and write (k+1) KiB/s.
    for (int i = 0; i < 180; ++i) {
        const int k = i / 60;
        history.add(
            scope::host(), sampleAt(kT0 + i * 1000, k + 1, (k + 1) * kMiB, 0, (k + 1) * 1024));
    }
    QCOMPARE(history.latestTime(), kT0 + 179'000);
    QCOMPARE(history.samplesSince(scope::host(), kT0 + 169'000).size(), 10);
    QCOMPARE(history.samplesSince(scope::host(), kT0 - 1).size(), 180);
    // Two minutes are finished; the third is in progress.
    const QList<MetricSample> minutes = history.minutesSince(scope::host(), kT0 - 1);
    QCOMPARE(minutes.size(), 2);
    QCOMPARE(minutes[0].t, kT0);
    QCOMPARE(minutes[1].t, kT0 + 60'000);
    QCOMPARE(minutes[1].cpuPercent, 2.0);
    QCOMPARE(minutes[1].memoryBytes, 2 * kMiB);
    QCOMPARE(minutes[1].writeBps, 2048.0);
    // A VM that stops giving samples still gets its minute finished.
    history.add(scope::vm(QStringLiteral("a")), sampleAt(kT0 + 179'500, 50));
    history.add(scope::host(), sampleAt(kT0 + 181'000, 3));
    QCOMPARE(history.minutesSince(scope::vm(QStringLiteral("a")), 0).size(), 1);
    QCOMPARE(history.minutesSince(scope::host(), 0).size(), 3);
    QCOMPARE(history.scopes(), (QStringList {scope::host(), scope::vm(QStringLiteral("a"))}));
    // A sample older than the newest of its scope is dropped.
    history.add(scope::host(), sampleAt(kT0 + 100'000, 99));
    QCOMPARE(history.samplesSince(scope::host(), kT0 + 180'000).size(), 1);
}

void TstMetrics::historyRing()
{
    MetricsHistory history;
    for (int i = 0; i < 4000; ++i)
        history.add(scope::host(), sampleAt(kT0 + i * 1000, i % 100));
    const QList<MetricSample> hour =
        history.samplesSince(scope::host(), kT0 + 3999'000 - MetricsHistory::kHourMs);
    QCOMPARE(hour.size(), 3600);
    QCOMPARE(hour.first().t, kT0 + 400'000);
    QCOMPARE(hour.last().t, kT0 + 3999'000);
    // Older than the hour: minute averages.
    const QList<MetricSample> old = history.samplesSince(scope::host(), kT0 - 1);
    QCOMPARE(old.size(), 66);
    QCOMPARE(old.first().t, kT0);
}

void TstMetrics::minutesSurviveReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.sqlite"));
    {
        MetricsHistory history(openDb(path, QStringLiteral("h1")));
        for (int i = 0; i < 150; ++i)
            history.add(scope::host(), sampleAt(kT0 + i * 1000, i < 60 ? 10 : 20));
        QVERIFY(history.lastError().isEmpty());
        // The half-done third minute is written at shutdown.
        QVERIFY(history.flush());
    }
    closeDb(QStringLiteral("h1"));
    {
        MetricsHistory history(openDb(path, QStringLiteral("h2")));
        QVERIFY(history.load(nullptr, kT0 + 200'000));
        const QList<MetricSample> minutes = history.minutesSince(scope::host(), 0);
        QCOMPARE(minutes.size(), 3);
        QCOMPARE(minutes[0].cpuPercent, 10.0);
        QCOMPARE(minutes[1].cpuPercent, 20.0);
        QCOMPARE(minutes[2].t, kT0 + 120'000);
        // Restarted within that minute: the rest of it merges, weighted.
        for (int i = 150; i < 181; ++i)
            history.add(scope::host(), sampleAt(kT0 + i * 1000, i < 180 ? 50 : 0));
        const QList<MetricSample> again = history.minutesSince(scope::host(), 0);
        QCOMPARE(again.size(), 3);
        QCOMPARE(again[2].cpuPercent, (30 * 20.0 + 30 * 50.0) / 60.0);
    }
    closeDb(QStringLiteral("h2"));
    {
        QSqlDatabase db = openDb(path, QStringLiteral("h3"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT samples, cpu_percent FROM metrics_minutes "
                                      "WHERE minute = %1")
                           .arg(kT0 + 120'000)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 60);
        QCOMPARE(q.value(1).toDouble(), 35.0);
    }
    closeDb(QStringLiteral("h3"));
}

void TstMetrics::minutesPruned()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.sqlite"));
    {
        MetricsHistory history(openDb(path, QStringLiteral("p1")));
        history.add(scope::vm(QStringLiteral("old")), sampleAt(kT0, 1));
        history.add(scope::host(), sampleAt(kT0, 1));
        history.add(scope::host(), sampleAt(kT0 + 60'000, 1));
        const qint64 later = kT0 + MetricsHistory::kDayMs + 120'000;
        history.add(scope::host(), sampleAt(later, 2));
        history.add(scope::host(), sampleAt(later + 60'000, 2));
        QCOMPARE(history.minutesSince(scope::host(), 0).size(), 1);
        QVERIFY(!history.scopes().contains(scope::vm(QStringLiteral("old"))));
    }
    closeDb(QStringLiteral("p1"));
    {
        QSqlQuery q(openDb(path, QStringLiteral("p2")));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM metrics_minutes")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
    closeDb(QStringLiteral("p2"));
}

void TstMetrics::baselineAutomaticOnlyWithoutScans()
{
    Baseline b;
    const QString h = scope::host();
    qint64 t = kT0;
    for (int i = 0; i < 100; ++i)
        b.add(h, sampleAt(t += 1000, 90), true);
    QVERIFY(!b.value(h, Metric::Cpu));
    for (int i = 0; i < 59; ++i)
        b.add(h, sampleAt(t += 1000, 10, 100, 0, 4096), false);
    QVERIFY(!b.value(h, Metric::Cpu));
    QCOMPARE(
        b.toJson()[QStringLiteral("scopes")][h][QStringLiteral("cpu")][QStringLiteral("source")]
            .toString(),
        QStringLiteral("none"));
    b.add(h, sampleAt(t += 1000, 10, 100, 0, 4096), false);
    QCOMPARE(b.value(h, Metric::Cpu)->value, 10.0);
    QCOMPARE(b.value(h, Metric::Cpu)->samples, 60);
    QCOMPARE(b.value(h, Metric::Write)->value, 4096.0);
    // Scans running again change nothing.
    for (int i = 0; i < 300; ++i)
        b.add(h, sampleAt(t += 1000, 95), true);
    QCOMPARE(b.value(h, Metric::Cpu)->value, 10.0);
    // The window holds the last 600 samples without scans.
    for (int i = 0; i < 700; ++i)
        b.add(h, sampleAt(t += 1000, 20), false);
    QCOMPARE(b.value(h, Metric::Cpu)->value, 20.0);
    QCOMPARE(b.value(h, Metric::Cpu)->samples, Baseline::kWindowSamples);
    const QJsonObject cpu =
        b.toJson()[QStringLiteral("scopes")][h][QStringLiteral("cpu")].toObject();
    QCOMPARE(cpu[QStringLiteral("source")].toString(), QStringLiteral("automatic"));
    QCOMPARE(cpu[QStringLiteral("window_end")].toInteger(), t);
    QCOMPARE(cpu[QStringLiteral("window_start")].toInteger(), t - 599'000);
}

void TstMetrics::baselineCapture()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("b.sqlite"));
    const QString h = scope::host();
    {
        Baseline b(openDb(path, QStringLiteral("b1")));
        QSignalSpy done(&b, &Baseline::captureFinished);
        QVERIFY(!b.capture(0));
        QVERIFY(b.capture(2));
        QVERIFY(!b.capture(2));
        QVERIFY(b.toJson()[QStringLiteral("capturing")].isObject());
        b.add(h, sampleAt(kT0, 30, 1000), false);
        b.add(h, sampleAt(kT0 + 1000, 50, 3000), true);
        const QJsonObject progress = b.toJson()[QStringLiteral("capturing")].toObject();
        QCOMPARE(progress[QStringLiteral("started")].toInteger(), kT0);
        QCOMPARE(progress[QStringLiteral("progress")].toDouble(), 0.5);
        QCOMPARE(done.size(), 0);
        b.add(h, sampleAt(kT0 + 2000, 99, 9999), false);
        QCOMPARE(done.size(), 1);
        QVERIFY(!b.isCapturing());
        const auto v = b.value(h, Metric::Cpu);
        QVERIFY(v);
        QCOMPARE(v->value, 40.0);
        QCOMPARE(v->source, QStringLiteral("captured"));
        QCOMPARE(v->samples, 2);
        QCOMPARE(v->scanningSamples, 1);
        QCOMPARE(b.value(h, Metric::Memory)->value, 2000.0);
        const QJsonObject json = b.toJson();
        QVERIFY(json[QStringLiteral("capturing")].isNull());
        const QJsonObject cpu = json[QStringLiteral("scopes")][h][QStringLiteral("cpu")].toObject();
        QCOMPARE(cpu[QStringLiteral("source")].toString(), QStringLiteral("captured"));
        QCOMPARE(cpu[QStringLiteral("start")].toInteger(), kT0);
        QCOMPARE(cpu[QStringLiteral("duration_s")].toInt(), 2);
        QCOMPARE(cpu[QStringLiteral("scanning_samples")].toInt(), 1);
        // Fixed: later samples do not move it.
        for (int i = 0; i < 100; ++i)
            b.add(h, sampleAt(kT0 + 3000 + i * 1000, 5), false);
        QCOMPARE(b.value(h, Metric::Cpu)->value, 40.0);
    }
    closeDb(QStringLiteral("b1"));
    {
        Baseline b(openDb(path, QStringLiteral("b2")));
        QVERIFY(b.load());
        QCOMPARE(b.value(h, Metric::Cpu)->value, 40.0);
        QCOMPARE(b.value(h, Metric::Cpu)->source, QStringLiteral("captured"));
        b.resetToAutomatic();
        // The automatic value saved before the restart stands in.
        const auto automatic = b.value(h, Metric::Cpu);
        QVERIFY(automatic);
        QCOMPARE(automatic->source, QStringLiteral("automatic"));
    }
    closeDb(QStringLiteral("b2"));
    {
        Baseline b(openDb(path, QStringLiteral("b3")));
        QVERIFY(b.load());
        QCOMPARE(b.value(h, Metric::Cpu)->source, QStringLiteral("automatic"));
    }
    closeDb(QStringLiteral("b3"));
}

void TstMetrics::percentOf()
{
    Baseline b;
    const QString h = scope::host();
    QVERIFY(!b.percentOf(h, Metric::Cpu, 10));
    for (int i = 0; i < 60; ++i)
        b.add(h, sampleAt(kT0 + i * 1000, 10, 1000 * kMiB, 0, 1e6), false);
    QCOMPARE(*b.percentOf(h, Metric::Cpu, 15), 150.0);
    QCOMPARE(*b.percentOf(h, Metric::Memory, 500 * kMiB), 50.0);
    QCOMPARE(*b.percentOf(h, Metric::Write, 2e6), 200.0);
    // Read baseline is 0: the 4 KiB/s floor is the denominator.
    QCOMPARE(*b.percentOf(h, Metric::Read, 8192), 200.0);
    QVERIFY(!b.percentOf(scope::vm(QStringLiteral("x")), Metric::Cpu, 1));

    Baseline idle;
    for (int i = 0; i < 60; ++i)
        idle.add(h, sampleAt(kT0 + i * 1000, 0.1), false);
    QCOMPARE(*idle.percentOf(h, Metric::Cpu, 0.5), 50.0);
}

void TstMetrics::governorPausesAndResumes()
{
    ScanGovernor g;
    QSignalSpy paused(&g, &ScanGovernor::pauseRequested);
    QSignalSpy resumed(&g, &ScanGovernor::resumeRequested);
    const double cpuBase = 20; // threshold 30 %, resume below 27 %
    const double ioBase = 2.0 * kMiB; // threshold 4 MiB/s
    qint64 t = kT0;
    const auto feed = [&](double cpu, double io, int seconds) {
        for (int i = 0; i < seconds; ++i)
            g.evaluate(sampleAt(t += 1000, cpu, 0, io / 2, io / 2), std::nullopt, cpuBase, ioBase);
    };
    feed(40, 0, 4);
    feed(10, 0, 1);
    feed(40, 0, 4);
    QCOMPARE(paused.size(), 0);
    feed(40, 0, 1);
    QCOMPARE(paused.size(), 1);
    QVERIFY(g.isPaused());
    const QString reason = paused.first().first().toString();
    QVERIFY2(reason.contains(QStringLiteral("CPU")) && reason.contains(QStringLiteral("40.0"))
            && reason.contains(QStringLiteral("30.0")),
        qPrintable(reason));
    // The same in figures, for the scan jobs' held_back.
    const QJsonObject hold = g.hold();
    QCOMPARE(hold[QStringLiteral("code")].toString(), QStringLiteral("host_busy"));
    QCOMPARE(hold[QStringLiteral("cpu")][QStringLiteral("value")].toDouble(), 40.0);
    QCOMPARE(hold[QStringLiteral("cpu")][QStringLiteral("threshold")].toDouble(), 30.0);
    QVERIFY(!hold.contains(QStringLiteral("io")));
    // Between the resume level and the threshold: stays paused.
    feed(28, 0, 30);
    QCOMPARE(resumed.size(), 0);
    feed(20, 0, 9);
    feed(40, 0, 1);
    feed(20, 0, 9);
    QCOMPARE(resumed.size(), 0);
    feed(20, 0, 1);
    QCOMPARE(resumed.size(), 1);
    QVERIFY(!g.isPaused());
    QVERIFY(g.hold().isEmpty());
    // Disk I/O alone.
    feed(5, 10.0 * kMiB, 5);
    QCOMPARE(paused.size(), 2);
    QVERIFY(g.hold().contains(QStringLiteral("io")));
    QVERIFY(!g.hold().contains(QStringLiteral("cpu")));
    QVERIFY(paused.last().first().toString().contains(QStringLiteral("disk I/O")));
    QCOMPARE(g.toJson()[QStringLiteral("paused")].toBool(), true);
    // A gap in the samples does not count as a calm stretch.
    feed(5, 0, 5);
    t += 60'000;
    feed(5, 0, 5);
    QVERIFY(g.isPaused());
    feed(5, 0, 5);
    QVERIFY(!g.isPaused());
    // Without a baseline nothing pauses.
    ScanGovernor blind;
    QSignalSpy blindPaused(&blind, &ScanGovernor::pauseRequested);
    for (int i = 0; i < 30; ++i)
        blind.evaluate(
            sampleAt(kT0 + i * 1000, 100, 0, 1e9, 1e9), std::nullopt, std::nullopt, std::nullopt);
    QCOMPARE(blindPaused.size(), 0);
}

void TstMetrics::governorIgnoresOwnLoad()
{
    ScanGovernor g;
    QSignalSpy paused(&g, &ScanGovernor::pauseRequested);
    Baseline b;
    for (int i = 0; i < 60; ++i)
        b.add(scope::host(), sampleAt(kT0 + i * 1000, 20, 0, 1.0 * kMiB, 1.0 * kMiB), false);
    qint64 t = kT0 + 100'000;
    // The host is busy, but it is the scan: others use what they always do.
    for (int i = 0; i < 30; ++i) {
        const MetricSample host = sampleAt(t += 1000, 70, 0, 40.0 * kMiB, 2.0 * kMiB);
        const MetricSample self = sampleAt(t, 50, 0, 39.0 * kMiB, 1.0 * kMiB);
        g.evaluate(host, self, b);
    }
    QCOMPARE(paused.size(), 0);
    QCOMPARE(g.toJson()[QStringLiteral("cpu")][QStringLiteral("value")].toDouble(), 20.0);
    // Now the others are busy too.
    for (int i = 0; i < 5; ++i) {
        const MetricSample host = sampleAt(t += 1000, 90, 0, 40.0 * kMiB, 2.0 * kMiB);
        const MetricSample self = sampleAt(t, 50, 0, 39.0 * kMiB, 1.0 * kMiB);
        g.evaluate(host, self, b);
    }
    QCOMPARE(paused.size(), 1);
}

void TstMetrics::metricsJson()
{
    MetricsHistory history;
    for (int i = 1; i <= 10; ++i) {
        history.addAll({{scope::host(), sampleAt(kT0 + i * 1000, 12.3456, 1000 + i, 1.6, 2.4)},
            {scope::vm(QStringLiteral("a")), sampleAt(kT0 + i * 1000, 1, 2, 3, 4)}});
    }
    history.add(scope::appliance(), sampleAt(kT0 + 10'000, 0.5));
    const QJsonObject all = history.toJson(kT0 + 7000);
    QCOMPARE(all[QStringLiteral("now")].toInteger(), kT0 + 10'000);
    QCOMPARE(all[QStringLiteral("since")].toInteger(), kT0 + 7000);
    QCOMPARE(all[QStringLiteral("interval_ms")].toInt(), 1000);
    const QJsonObject scopes = all[QStringLiteral("scopes")].toObject();
    QCOMPARE(scopes.keys(),
        (QStringList {scope::appliance(), scope::host(), scope::vm(QStringLiteral("a"))}));
    const QJsonObject host = scopes[scope::host()].toObject();
    QCOMPARE(host.keys(),
        (QStringList {QStringLiteral("cpu"), QStringLiteral("mem"), QStringLiteral("read"),
            QStringLiteral("t"), QStringLiteral("write")}));
    for (const QString &key : host.keys())
        QCOMPARE(host[key].toArray().size(), 3);
    QCOMPARE(host[QStringLiteral("t")].toArray().first().toInteger(), kT0 + 8000);
    QCOMPARE(host[QStringLiteral("cpu")].toArray().first().toDouble(), 12.35);
    QCOMPARE(host[QStringLiteral("mem")].toArray().first().toInteger(), 1008);
    QCOMPARE(host[QStringLiteral("read")].toArray().first().toInteger(), 2);
    QCOMPARE(host[QStringLiteral("write")].toArray().first().toInteger(), 2);

    const QJsonObject filtered =
        history.toJson(kT0 + 9000, {scope::vm(QStringLiteral("a")), QStringLiteral("vm:nope")});
    QCOMPARE(filtered[QStringLiteral("scopes")].toObject().keys(),
        QStringList {scope::vm(QStringLiteral("a"))});
    QCOMPARE(filtered[QStringLiteral("scopes")][scope::vm(QStringLiteral("a"))][QStringLiteral("t")]
                 .toArray()
                 .size(),
        1);
    // Nothing new since "now".
    QCOMPARE(
        history.toJson(kT0 + 10'000)[QStringLiteral("scopes")][scope::host()][QStringLiteral("t")]
            .toArray()
            .size(),
        0);
    // Longer ago than an hour: minute averages.
    QCOMPARE(
        history.toJson(kT0 + 10'000 - 2 * MetricsHistory::kHourMs)[QStringLiteral("interval_ms")]
            .toInt(),
        60000);
}

void TstMetrics::serviceWiring()
{
    QTemporaryDir dir;
    {
        MetricsService service(
            openDb(dir.filePath(QStringLiteral("s.sqlite")), QStringLiteral("s1")));
        QString err;
        QVERIFY2(service.load(&err), qPrintable(err));
        service.sampler().setIntervalMs(100);
        service.setScanning(true);
        QSignalSpy spy(&service.sampler(), &MetricsSampler::sampled);
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 3, 10000);
        QVERIFY(service.sampler().lastSampleScanning());
        QVERIFY(service.history().scopes().contains(scope::host()));
        QVERIFY(service.history().scopes().contains(scope::appliance()));
        const QJsonObject m = service.metricsJson(-1, {});
        QVERIFY(m[QStringLiteral("cpus")].toInt() >= 1);
        QVERIFY(m[QStringLiteral("memory_total")].toInteger() > 0);
        QCOMPARE(m[QStringLiteral("interval_ms")].toInt(), 100);
        QVERIFY(
            m[QStringLiteral("scopes")][scope::host()][QStringLiteral("t")].toArray().size() >= 3);
        const QJsonObject b = service.baselineJson();
        QVERIFY(b[QStringLiteral("governor")].isObject());
        // Scanning: nothing enters the automatic baseline.
        QCOMPARE(b[QStringLiteral("scopes")][scope::host()][QStringLiteral("cpu")]
                  [QStringLiteral("samples")]
                      .toInt(),
            0);
        service.stop();
        QVERIFY(service.flush());
    }
    closeDb(QStringLiteral("s1"));
}

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--hold-mib") == 0)
        return holdMemory(std::atoi(argv[2]));
    QCoreApplication app(argc, argv);
    TstMetrics test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_metrics.moc"
