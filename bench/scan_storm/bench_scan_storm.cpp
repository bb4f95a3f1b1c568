// SPDX-License-Identifier: GPL-2.0-or-later
// The scan storm, side by side on this machine (docs/benchmarks.md): 25 VM
// roots cloned from one lab master image, scanned with the same signature
// files three ways -
//   (a) agents: one `clamscan` per VM, all at once, as per-VM antivirus does;
//   (b) clamd:  one private `clamd`, 25 `clamdscan` clients at once;
//   (c) mamori: one `mamori-appliance serve`, a full scan of every VM
//       through its scheduler and scan cache -
// while 25 lab desk workloads play the VMs' own activity and a foreground
// task measures how much a latency-sensitive program slows down. Every
// number is measured from the processes themselves (rusage, /proc/PID/io of
// each exited process, PSS sampled over time) and, where this process may
// create cgroups, cross-checked against a cgroup of each method.
#include "BenchSupport.h"
#include "PeakMemory.h"
#include "PrivateCopy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPainter>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <curl/curl.h>
#include <fcntl.h>
#include <functional>
#include <map>
#include <netinet/in.h>
#include <set>
#include <string_view>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#ifndef MAMORI_APPLIANCE_PATH
#define MAMORI_APPLIANCE_PATH ""
#endif

namespace {

using namespace mamori::bench;

// ---------------------------------------------------------------- helpers

QString findProgram(const QString &name)
{
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return found;
}

// Reads each file whole, so that its pages are in the page cache.
void readIntoCache(const QStringList &files)
{
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (const QString &path : files) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            while (file.read(chunk.data(), chunk.size()) > 0) { }
        }
    }
}

// One field of a "key: value" /proc file (io, status).
qint64 procField(const QByteArray &text, const QByteArray &key)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct IoCounters
{
    qint64 rchar = 0;
    qint64 readBytes = 0;
    qint64 writeBytes = 0;
    qint64 cpuNs = 0; // only filled by cumulative /proc sampling
    IoCounters &operator+=(const IoCounters &o)
    {
        rchar += o.rchar;
        readBytes += o.readBytes;
        writeBytes += o.writeBytes;
        cpuNs += o.cpuNs;
        return *this;
    }
};

IoCounters ioOf(pid_t pid)
{
    const QByteArray io = readFile(QStringLiteral("/proc/%1/io").arg(pid));
    IoCounters c;
    c.rchar = std::max<qint64>(0, procField(io, "rchar"));
    c.readBytes = std::max<qint64>(0, procField(io, "read_bytes"));
    c.writeBytes = std::max<qint64>(0, procField(io, "write_bytes"));
    return c;
}

// ---------------------------------------------------------------- cgroups

// A cgroup per method, when this process may make one: v1 (cpuacct, memory,
// blkio) or v2 (cpu, memory, io). Its numbers cross-check the per-process
// ones; without it the per-process numbers stand alone and the output says so.
class Cgroup
{
public:
    static QString probe(QString *version)
    {
        if (QFile::exists(QStringLiteral("/sys/fs/cgroup/cgroup.controllers"))) {
            *version = QStringLiteral("v2");
            return {};
        }
        if (QFileInfo(QStringLiteral("/sys/fs/cgroup/memory")).isDir()) {
            *version = QStringLiteral("v1");
            return {};
        }
        *version = QStringLiteral("none");
        return QStringLiteral("no cgroup file system");
    }

    bool create(const QString &name, QString *problem)
    {
        QString version;
        probe(&version);
        m_v2 = version == QLatin1String("v2");
        if (m_v2) {
            m_dirs = {QStringLiteral("/sys/fs/cgroup/") + name};
            // Controllers must be enabled in each parent for the child's files.
            writeFile(QStringLiteral("/sys/fs/cgroup/cgroup.subtree_control"), "+cpu +memory +io");
            writeFile(QFileInfo(m_dirs[0]).path() + QStringLiteral("/cgroup.subtree_control"),
                "+cpu +memory +io");
        } else {
            for (const char *c : {"cpuacct", "memory", "blkio"})
                m_dirs.append(QStringLiteral("/sys/fs/cgroup/%1/%2").arg(QLatin1String(c), name));
        }
        for (const QString &d : std::as_const(m_dirs)) {
            if (::mkdir(QFile::encodeName(d).constData(), 0755) != 0 && errno != EEXIST) {
                *problem = QStringLiteral("cannot create %1: %2")
                               .arg(d, QString::fromLocal8Bit(strerror(errno)));
                remove();
                return false;
            }
        }
        m_ok = true;
        return true;
    }

    bool ok() const { return m_ok; }
    QStringList procsFiles() const
    {
        QStringList files;
        for (const QString &d : m_dirs)
            files.append(d + QStringLiteral("/cgroup.procs"));
        return files;
    }

    qint64 cpuNs() const
    {
        if (m_v2)
            return procField(readFile(m_dirs[0] + QStringLiteral("/cpu.stat")).replace(' ', ':'),
                       "usage_usec")
                * 1000;
        return readFile(m_dirs[0] + QStringLiteral("/cpuacct.usage")).trimmed().toLongLong();
    }
    // Peak memory of the group; v1 counts the page cache the group brought in.
    qint64 memoryPeak() const
    {
        if (m_v2) {
            const QByteArray peak = readFile(m_dirs[0] + QStringLiteral("/memory.peak"));
            return peak.isEmpty() ? -1 : peak.trimmed().toLongLong();
        }
        return readFile(m_dirs[1] + QStringLiteral("/memory.max_usage_in_bytes"))
            .trimmed()
            .toLongLong();
    }
    qint64 readBytes() const
    {
        qint64 total = 0;
        if (m_v2) {
            for (const QByteArray &line :
                readFile(m_dirs[0] + QStringLiteral("/io.stat")).split('\n')) {
                for (const QByteArray &kv : line.split(' ')) {
                    if (kv.startsWith("rbytes="))
                        total += kv.mid(7).toLongLong();
                }
            }
            return total;
        }
        for (const QByteArray &line :
            readFile(m_dirs[2] + QStringLiteral("/blkio.throttle.io_service_bytes")).split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 3 && f[1] == "Read")
                total += f[2].toLongLong();
        }
        return total;
    }

    void remove()
    {
        for (const QString &d : std::as_const(m_dirs))
            ::rmdir(QFile::encodeName(d).constData());
        m_ok = false;
    }

private:
    QStringList m_dirs;
    bool m_v2 = false;
    bool m_ok = false;
};

// ---------------------------------------------------------------- processes

struct Exited
{
    qint64 cpuNs = 0;
    IoCounters io;
    int status = 0;
};

// Children started with fork/exec, optionally inside a cgroup; reaped with
// their rusage and, read while they are zombies, their /proc/PID/io.
class Children
{
public:
    pid_t spawn(const QStringList &argv, const QString &logPath,
        const QStringList &cgroupProcs = {}, const QByteArray &stdinData = {})
    {
        int in[2] = {-1, -1};
        if (!stdinData.isNull() && ::pipe(in) != 0)
            return -1;
        std::vector<QByteArray> args;
        for (const QString &a : argv)
            args.push_back(QFile::encodeName(a));
        std::vector<char *> cargs;
        for (auto &a : args)
            cargs.push_back(a.data());
        cargs.push_back(nullptr);
        std::vector<QByteArray> procs;
        for (const QString &p : cgroupProcs)
            procs.push_back(QFile::encodeName(p));
        const QByteArray log = QFile::encodeName(logPath);
        const pid_t pid = ::fork();
        if (pid == 0) {
            for (const auto &p : procs) {
                const int fd = ::open(p.constData(), O_WRONLY);
                if (fd >= 0) {
                    (void)!::write(fd, "0", 1);
                    ::close(fd);
                }
            }
            const int out = ::open(log.constData(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (out >= 0) {
                ::dup2(out, 1);
                ::dup2(out, 2);
            }
            if (in[0] >= 0) {
                ::dup2(in[0], 0);
                ::close(in[1]);
            } else {
                const int null = ::open("/dev/null", O_RDONLY);
                ::dup2(null, 0);
            }
            ::execv(cargs[0], cargs.data());
            ::_exit(127);
        }
        if (in[0] >= 0) {
            ::close(in[0]);
            (void)!::write(in[1], stdinData.constData(), size_t(stdinData.size()));
            ::close(in[1]);
        }
        if (pid > 0)
            m_running.insert(pid);
        return pid;
    }

    // Reaps every child that has exited; true if any did.
    bool reap()
    {
        bool any = false;
        for (;;) {
            siginfo_t info {};
            if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0)
                return any;
            const pid_t pid = info.si_pid;
            Exited e;
            e.io = ioOf(pid); // still readable: a zombie keeps its accounting
            rusage ru {};
            int status = 0;
            if (::wait4(pid, &status, 0, &ru) != pid)
                return any;
            e.cpuNs = (qint64(ru.ru_utime.tv_sec) + qint64(ru.ru_stime.tv_sec)) * 1'000'000'000
                + (qint64(ru.ru_utime.tv_usec) + qint64(ru.ru_stime.tv_usec)) * 1000;
            e.status = status;
            m_running.erase(pid);
            m_exited[pid] = e;
            any = true;
        }
    }

    bool running(pid_t pid) const { return m_running.count(pid) != 0; }
    const Exited *exited(pid_t pid) const
    {
        const auto it = m_exited.find(pid);
        return it == m_exited.end() ? nullptr : &it->second;
    }

    // Ends a child: SIGTERM, then SIGKILL after `graceMs`.
    void stop(pid_t pid, int graceMs = 10000)
    {
        if (!running(pid))
            return;
        ::kill(pid, SIGTERM);
        QElapsedTimer t;
        t.start();
        while (running(pid)) {
            if (t.elapsed() > graceMs)
                ::kill(pid, SIGKILL);
            QThread::msleep(20);
            reap();
        }
    }

private:
    std::set<pid_t> m_running;
    std::map<pid_t, Exited> m_exited;
};

// ---------------------------------------------------------------- HTTP

struct HttpAnswer
{
    long status = 0;
    QByteArray body;
    QString error;
};

// A blocking HTTPS request to the appliance on loopback. The certificate is
// the appliance's fresh self-signed one, made by this run: not verified.
HttpAnswer http(
    const QString &method, const QString &url, const QByteArray &token, const QByteArray &body = {})
{
    HttpAnswer a;
    CURL *curl = curl_easy_init();
    const QByteArray u = url.toUtf8();
    const QByteArray m = method.toLatin1();
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    const QByteArray auth = "Authorization: Bearer " + token;
    if (!token.isEmpty())
        headers = curl_slist_append(headers, auth.constData());
    curl_easy_setopt(curl, CURLOPT_URL, u.constData());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, m.constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (!body.isNull()) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &appendToByteArray);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a.body);
    const CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        a.error = QString::fromLatin1(curl_easy_strerror(rc));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return a;
}

// ---------------------------------------------------------------- foreground task

// A latency-sensitive program: every `intervalMs`, read a 1 MiB file and
// hash it; each line of `out` is "start_ns job_ns late_ns".
int runForegroundTask(const QString &dataFile, const QString &out, int intervalMs)
{
    static volatile std::sig_atomic_t stop = 0;
    struct sigaction action
    {
    };
    action.sa_handler = [](int) { stop = 1; };
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    const int fd = ::open(QFile::encodeName(dataFile).constData(), O_RDONLY);
    FILE *log = std::fopen(QFile::encodeName(out).constData(), "w");
    if (fd < 0 || !log)
        return 1;
    std::vector<unsigned char> buffer(64 << 10);
    timespec next {};
    clock_gettime(CLOCK_MONOTONIC, &next);
    quint64 sink = 0;
    int lines = 0;
    while (!stop) {
        const qint64 planned = qint64(next.tv_sec) * 1'000'000'000 + next.tv_nsec;
        const qint64 start = monoNs();
        quint64 h = 1469598103934665603ull; // FNV-1a over the file, twice
        for (int pass = 0; pass < 2; ++pass) {
            for (off_t off = 0; off < (1 << 20); off += off_t(buffer.size())) {
                const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), off);
                for (ssize_t i = 0; i < n; ++i)
                    h = (h ^ buffer[size_t(i)]) * 1099511628211ull;
            }
        }
        sink += h;
        const qint64 end = monoNs();
        std::fprintf(log, "%lld %lld %lld\n", static_cast<long long>(start),
            static_cast<long long>(end - start), static_cast<long long>(start - planned));
        if (++lines % 100 == 0)
            std::fflush(log);
        next.tv_nsec += long(intervalMs) * 1'000'000;
        while (next.tv_nsec >= 1'000'000'000) {
            next.tv_nsec -= 1'000'000'000;
            ++next.tv_sec;
        }
        if (monoNs() > qint64(next.tv_sec) * 1'000'000'000 + next.tv_nsec) {
            clock_gettime(CLOCK_MONOTONIC, &next); // overran: no catch-up burst
        } else {
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
        }
    }
    std::fprintf(log, "# %llu\n", static_cast<unsigned long long>(sink & 1));
    std::fclose(log);
    return 0;
}

struct Foreground
{
    std::vector<double> jobMs;
    std::vector<double> lateMs;
    double p50 = 0, p99 = 0, lateP99 = 0;
};

Foreground foregroundBetween(const QString &log, qint64 t0, qint64 t1)
{
    Foreground f;
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly))
        return f;
    while (!file.atEnd()) {
        const QList<QByteArray> p = file.readLine().trimmed().split(' ');
        if (p.size() != 3)
            continue;
        const qint64 start = p[0].toLongLong();
        if (start < t0 || start > t1)
            continue;
        f.jobMs.push_back(double(p[1].toLongLong()) / 1e6);
        f.lateMs.push_back(double(p[2].toLongLong()) / 1e6);
    }
    f.p50 = percentile(f.jobMs, 0.5);
    f.p99 = percentile(f.jobMs, 0.99);
    f.lateP99 = percentile(f.lateMs, 0.99);
    return f;
}

// ---------------------------------------------------------------- the run

struct Options
{
    QString appliance;
    QString labDir;
    QString outDir;
    int vms = 25;
    quint64 seed = 1;
    int files = 2000;
    int imageMb = 48;
    int baselineSeconds = 10;
    int timeoutSeconds = 600;
    int intervalMs = 10;
    bool desks = true;
    bool dropCaches = true;
    // Each agent (clamscan, clamdscan) from its own private copy, as in its
    // own VM; false: all from the host's files, sharing their pages.
    bool privateAgents = true;
    QStringList methods;
    // Image mode: the same VMs also as qcow2 linked clones of one golden
    // image (lab --disks qcow2), scanned by methods i and r.
    bool image = false;
    QString diskFs = QStringLiteral("ext4");
};

struct Result
{
    static Result notRun(const QString &key, const QString &name, const QString &note)
    {
        Result r;
        r.key = key;
        r.name = name;
        r.note = note;
        return r;
    }

    QString key;
    QString name;
    bool measured = false;
    QString note;
    double wallS = 0;
    double cpuS = 0;
    qint64 peakMem = 0;
    bool pss = true;
    IoCounters io;
    Foreground fg;
    int processes = 0;
    int failures = 0;
    // cgroup cross-check (-1: none)
    double cgCpuS = -1;
    qint64 cgMemPeak = -1;
    qint64 cgReadBytes = -1;
    bool cachesDropped = false;
    QJsonObject extra;
};

class StormRun
{
public:
    explicit StormRun(const Options &o) : m_o(o) { }

    int run(const QString &self);

private:
    bool prepareLab();
    bool startBackground(const QString &self);
    void stopBackground();
    bool dropCaches();
    // The agents of one program: one command per VM, and the files they
    // run from (read back into the cache after each drop).
    struct Agents
    {
        std::vector<QStringList> commands;
        QStringList files;
    };
    std::optional<Agents> agents(const QString &program, QString *error) const;
    Result measure(const QString &key, const QString &name, const QStringList &programFiles,
        const std::function<bool(Result &, const QStringList &cg, std::vector<pid_t> &roots)>
            &start,
        const std::function<bool(Result &, std::vector<pid_t> &roots)> &done,
        const std::function<void(Result &, std::vector<pid_t> &roots)> &finish);
    Result runAgents();
    Result runClamd();
    // The appliance on a folder inventory (c), or on the lab's image VMs:
    // their first scan on a fresh data folder (i), or a rescan after a
    // restart on i's data folder (r).
    Result runMamori(const QString &key);
    QString writeImageDomains();
    void baseline();
    void report();
    void targets(QTextStream &t) const;
    void drawChart(const QString &path);

    Options m_o;
    QString m_work;
    QString m_logs;
    QString m_signatures;
    QString m_bundle;
    QStringList m_vmRoots;
    Children m_children;
    QString m_cgroupVersion;
    QString m_cgroupProblem;
    QString m_cgroupBase;
    bool m_cgroupsOk = false;
    std::vector<pid_t> m_desks;
    PeakMemory *m_memory = nullptr; // while a method is measured
    pid_t m_foreground = 0;
    QString m_fgLog;
    bool m_dropOk = false;
    QString m_dropProblem;
    // baseline
    double m_baseCpuRate = 0; // CPU seconds per second
    double m_baseMem = 0; // bytes
    double m_baseIoRate = 0; // bytes per second (read + write)
    Foreground m_baseFg;
    QJsonObject m_baseJson;
    std::vector<Result> m_results;
};

bool StormRun::prepareLab()
{
    say("scan-storm: preparing the lab in %s (generated once, then reused)",
        qPrintable(m_o.labDir));
    QStringList argv {m_o.appliance, QStringLiteral("lab"), QStringLiteral("--dir"), m_o.labDir,
        QStringLiteral("--vms"), QString::number(m_o.vms), QStringLiteral("--seed"),
        QString::number(m_o.seed), QStringLiteral("--files"), QString::number(m_o.files),
        QStringLiteral("--image-mb"), QString::number(m_o.imageMb),
        QStringLiteral("--prepare-only")};
    if (m_o.image)
        argv += QStringList {QStringLiteral("--disks"), QStringLiteral("qcow2"),
            QStringLiteral("--disk-fs"), m_o.diskFs, QStringLiteral("--disk-vms"),
            QString::number(m_o.vms)};
    QElapsedTimer t;
    t.start();
    const pid_t pid = m_children.spawn(argv, m_logs + QStringLiteral("/lab-prepare.log"));
    while (m_children.running(pid)) {
        QThread::msleep(100);
        m_children.reap();
    }
    const Exited *e = m_children.exited(pid);
    if (!e || !WIFEXITED(e->status) || WEXITSTATUS(e->status) != 0) {
        say("scan-storm: the lab could not be prepared; see %s/lab-prepare.log",
            qPrintable(m_logs));
        return false;
    }
    say("scan-storm: lab ready (%.1f s)", double(t.elapsed()) / 1000);
    m_signatures = m_o.labDir + QStringLiteral("/signatures/v1");
    const QStringList bundles =
        QDir(m_o.labDir).entryList({QStringLiteral("lab-*.mpb")}, QDir::Files, QDir::Name);
    if (bundles.isEmpty() || QDir(m_signatures).isEmpty()) {
        say("scan-storm: no lab pattern in %s", qPrintable(m_o.labDir));
        return false;
    }
    m_bundle = m_o.labDir + u'/' + bundles.first();
    const QString vmsDir = m_o.labDir + QStringLiteral("/vms");
    for (const QString &vm : QDir(vmsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        m_vmRoots.append(vmsDir + u'/' + vm);
    if (m_vmRoots.size() != m_o.vms) {
        say("scan-storm: %s has %lld VMs, expected %d (another --vms?)", qPrintable(vmsDir),
            static_cast<long long>(m_vmRoots.size()), m_o.vms);
        return false;
    }
    return true;
}

// An agent stands for software inside its VM, and VMs share no page with
// each other or with the host: from the host's files, the 25 agents would
// split their library pages 25 ways in PSS (libclamav alone is ~4 MiB of
// touched pages), a saving no fleet of VMs has. So each runs from a private
// copy of its own (the desks do too, for the same reason), unless
// --shared-agents.
std::optional<StormRun::Agents> StormRun::agents(const QString &program, QString *error) const
{
    const LinkedProgram linked = LinkedProgram::resolve(program, error);
    Agents out;
    if (!m_o.privateAgents) {
        out.commands.assign(size_t(m_vmRoots.size()), QStringList {program});
        out.files = linked.files();
        return out;
    }
    for (int i = 0; i < m_vmRoots.size(); ++i) {
        const QString dir = m_work
            + QStringLiteral("/private-agent-%1-%2")
                  .arg(QFileInfo(program).fileName())
                  .arg(i + 1, 2, 10, QLatin1Char('0'));
        const std::optional<LinkedProgram::Copy> copy = linked.copyTo(dir, error);
        if (!copy)
            return std::nullopt;
        out.commands.push_back(copy->command);
        out.files += copy->files;
    }
    return out;
}

bool StormRun::dropCaches()
{
    ::sync();
    if (writeFile(QStringLiteral("/proc/sys/vm/drop_caches"), "3\n"))
        return true;
    m_dropProblem = QStringLiteral("cannot write /proc/sys/vm/drop_caches (%1)")
                        .arg(QString::fromLocal8Bit(strerror(errno)));
    return false;
}

bool StormRun::startBackground(const QString &self)
{
    // The foreground task's file: 1 MiB, made once.
    const QString data = m_work + QStringLiteral("/foreground.bin");
    if (QFileInfo(data).size() != (1 << 20)) {
        QByteArray bytes(1 << 20, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        writeFile(data, bytes);
    }
    m_fgLog = m_work + QStringLiteral("/foreground.log");
    QFile::remove(m_fgLog);
    QStringList vmsGroup;
    if (m_cgroupsOk) {
        Cgroup g;
        QString problem;
        if (g.create(m_cgroupBase + QStringLiteral("/vms"), &problem))
            vmsGroup = g.procsFiles();
    }
    // The desks and the foreground task stand for the VMs: from private
    // copies, they share no page with the appliance or clamscan.
    QString copyError;
    const auto desk = LinkedProgram::resolve(m_o.appliance, &copyError)
                          .copyTo(m_work + QStringLiteral("/private-desk"), &copyError);
    const auto foreground = LinkedProgram::resolve(self, &copyError)
                                .copyTo(m_work + QStringLiteral("/private-foreground"), &copyError);
    if (!desk || !foreground) {
        say("scan-storm: %s", qPrintable(copyError));
        return false;
    }
    if (m_o.desks) {
        for (int i = 0; i < m_vmRoots.size(); ++i) {
            const pid_t pid = m_children.spawn(desk->command
                    + QStringList {QStringLiteral("lab-workload"), QStringLiteral("--root"),
                        m_vmRoots[i], QStringLiteral("--seed"),
                        QString::number(m_o.seed * 1000 + quint64(i))},
                m_logs + QStringLiteral("/desks.log"), vmsGroup);
            if (pid <= 0)
                return false;
            m_desks.push_back(pid);
        }
    }
    m_foreground = m_children.spawn(foreground->command
            + QStringList {QStringLiteral("--foreground-task"), data, QStringLiteral("--fg-log"),
                m_fgLog, QStringLiteral("--interval-ms"), QString::number(m_o.intervalMs)},
        m_logs + QStringLiteral("/foreground.stderr"), vmsGroup);
    return m_foreground > 0;
}

void StormRun::stopBackground()
{
    for (pid_t p : m_desks)
        ::kill(p, SIGTERM);
    for (pid_t p : m_desks)
        m_children.stop(p);
    m_children.stop(m_foreground);
    if (m_cgroupsOk) {
        Cgroup g;
        QString problem;
        if (g.create(m_cgroupBase + QStringLiteral("/vms"), &problem))
            g.remove();
    }
}

// The VMs' own activity (desks + foreground task) with no scan running: the
// denominators of "% of baseline", as the published comparison's baseline
// was its 25 VMs' own use of the host.
void StormRun::baseline()
{
    m_dropOk = m_o.dropCaches && dropCaches();
    QThread::sleep(2); // let the desks settle after the drop
    std::vector<pid_t> procs(m_desks);
    procs.push_back(m_foreground);
    auto cumulative = [&] {
        IoCounters c;
        for (pid_t p : procs) {
            IoCounters io = ioOf(p);
            io.cpuNs = cpuNsOf(p);
            c += io;
        }
        return c;
    };
    say("scan-storm: baseline, %d s: %lld desk workloads + the foreground task, no scan",
        m_o.baselineSeconds, static_cast<long long>(m_desks.size()));
    const IoCounters a = cumulative();
    const qint64 t0 = monoNs();
    double memSum = 0;
    int memSamples = 0;
    while (monoNs() - t0 < qint64(m_o.baselineSeconds) * 1'000'000'000) {
        bool pss = true;
        memSum += double(PeakMemory::sample(procs, &pss));
        ++memSamples;
        QThread::msleep(250);
        m_children.reap();
    }
    const qint64 t1 = monoNs();
    const IoCounters b = cumulative();
    const double seconds = double(t1 - t0) / 1e9;
    m_baseCpuRate = double(b.cpuNs - a.cpuNs) / 1e9 / seconds;
    m_baseMem = memSamples ? memSum / memSamples : 0;
    const double ioRate =
        double((b.readBytes - a.readBytes) + (b.writeBytes - a.writeBytes)) / seconds;
    // As the appliance's own baseline does (docs/api.md: floors), no
    // "% of baseline" against less than 4 KiB/s of disk I/O.
    m_baseIoRate = std::max(ioRate, 4096.0);
    m_baseFg = foregroundBetween(m_fgLog, t0, t1);
    m_baseJson = QJsonObject {{QStringLiteral("seconds"), seconds},
        {QStringLiteral("cpu_seconds_per_second"), m_baseCpuRate},
        {QStringLiteral("memory_bytes"), m_baseMem},
        {QStringLiteral("disk_io_bytes_per_second"), ioRate},
        {QStringLiteral("disk_io_floor_applied"), ioRate < 4096.0},
        {QStringLiteral("foreground_p50_ms"), m_baseFg.p50},
        {QStringLiteral("foreground_p99_ms"), m_baseFg.p99},
        {QStringLiteral("foreground_jobs"), qint64(m_baseFg.jobMs.size())},
        {QStringLiteral("desks"), qint64(m_desks.size())},
        {QStringLiteral("caches_dropped"), m_dropOk}};
    say("scan-storm: baseline CPU %.3f s/s, memory %.1f MiB, disk I/O %.1f KiB/s, foreground p50 "
        "%.2f ms p99 %.2f ms",
        m_baseCpuRate, m_baseMem / 1048576, ioRate / 1024, m_baseFg.p50, m_baseFg.p99);
}

Result StormRun::measure(const QString &key, const QString &name, const QStringList &programFiles,
    const std::function<bool(Result &, const QStringList &cg, std::vector<pid_t> &roots)> &start,
    const std::function<bool(Result &, std::vector<pid_t> &roots)> &done,
    const std::function<void(Result &, std::vector<pid_t> &roots)> &finish)
{
    Result r;
    r.key = key;
    r.name = name;
    r.cachesDropped = m_o.dropCaches && dropCaches();
    // The method's programs are read back into the page cache: its disk
    // read is then what its scans read. A scheduled scan finds its
    // scanner loaded (an agent's service in each VM, the appliance on the
    // host), so loading a program is not part of it, for either side.
    if (r.cachesDropped)
        readIntoCache(programFiles);
    // Every method maps libclamav; nothing else on this machine should.
    if (const std::vector<pid_t> strays = PeakMemory::processesMapping(
            "libclamav.so", QFile::encodeName(m_work + QStringLiteral("/private-")).toStdString());
        !strays.empty()) {
        r.note += QStringLiteral(" %1 other processes had libclamav mapped before the start "
                                 "(pid %2): pages shared with them count partly to them, so "
                                 "the peak reads low;")
                      .arg(strays.size())
                      .arg(strays.front());
        say("scan-storm: (%s) warning: %lld other processes map libclamav (pid %d first); "
            "stop them for a true peak",
            qPrintable(key), static_cast<long long>(strays.size()), int(strays.front()));
    }
    QThread::sleep(2);
    Cgroup cg;
    QString problem;
    if (m_cgroupsOk)
        cg.create(m_cgroupBase + u'/' + key, &problem);
    std::vector<pid_t> roots;
    std::vector<pid_t> all;
    say("scan-storm: (%s) %s ...", qPrintable(key), qPrintable(name));
    const qint64 t0 = monoNs();
    if (!start(r, cg.ok() ? cg.procsFiles() : QStringList(), roots)) {
        r.note = r.note.isEmpty() ? QStringLiteral("could not start") : r.note;
        for (pid_t p : roots)
            m_children.stop(p, 2000);
        cg.remove();
        return r;
    }
    bool timedOut = false;
    PeakMemory memory(roots);
    m_memory = &memory;
    for (;;) {
        m_children.reap();
        if (done(r, roots))
            break;
        if (monoNs() - t0 > qint64(m_o.timeoutSeconds) * 1'000'000'000) {
            timedOut = true;
            break;
        }
        QThread::msleep(200);
    }
    const qint64 t1 = monoNs();
    memory.stop();
    m_memory = nullptr;
    r.peakMem = memory.peakBytes();
    r.pss = memory.pss();
    const std::vector<pid_t> seen = memory.seen();
    if (memory.excludedPeakBytes() > r.peakMem) {
        r.note += QStringLiteral(" the bench's login (Argon2id) peaked at %1 MiB; that moment is "
                                 "not in the peak above;")
                      .arg(double(memory.excludedPeakBytes()) / 1048576, 0, 'f', 1);
    }
    finish(r, roots);
    for (pid_t p : roots)
        m_children.stop(p, timedOut ? 0 : 15000);
    r.wallS = double(t1 - t0) / 1e9;
    for (pid_t p : roots) {
        if (const Exited *e = m_children.exited(p)) {
            r.cpuS += double(e->cpuNs) / 1e9;
            r.io += e->io;
            ++r.processes;
        }
    }
    if (seen.size() > roots.size())
        r.note += QStringLiteral(" %1 descendant processes not counted in CPU/disk;")
                      .arg(seen.size() - roots.size());
    if (cg.ok()) {
        r.cgCpuS = double(cg.cpuNs()) / 1e9;
        r.cgMemPeak = cg.memoryPeak();
        r.cgReadBytes = cg.readBytes();
        cg.remove();
    }
    r.fg = foregroundBetween(m_fgLog, t0, t1);
    r.measured = !timedOut;
    if (timedOut)
        r.note += QStringLiteral(" timed out after %1 s;").arg(m_o.timeoutSeconds);
    say("scan-storm: (%s) %.1f s wall, %.1f CPU s, peak %.1f MiB, read %.1f MiB from disk (%.1f "
        "MiB asked)",
        qPrintable(key), r.wallS, r.cpuS, double(r.peakMem) / 1048576,
        double(r.io.readBytes) / 1048576, double(r.io.rchar) / 1048576);
    return r;
}

Result StormRun::runAgents()
{
    const QString clamscan = findProgram(QStringLiteral("clamscan"));
    if (clamscan.isEmpty()) {
        return Result::notRun(QStringLiteral("a"), QStringLiteral("agents: clamscan per VM"),
            QStringLiteral("clamscan not found (Debian package clamav; scripts/bootstrap)"));
    }
    QString copyError;
    const std::optional<Agents> agents = this->agents(clamscan, &copyError);
    if (!agents) {
        return Result::notRun(
            QStringLiteral("a"), QStringLiteral("agents: clamscan per VM"), copyError);
    }
    return measure(
        QStringLiteral("a"), QStringLiteral("agents: %1 x clamscan at once").arg(m_vmRoots.size()),
        agents->files,
        [&](Result &, const QStringList &cg, std::vector<pid_t> &roots) {
            for (int i = 0; i < m_vmRoots.size(); ++i) {
                // The appliance's default policy limits, spelled out.
                const pid_t p = m_children.spawn(agents->commands[size_t(i)]
                        + QStringList {QStringLiteral("--recursive"), QStringLiteral("--infected"),
                            QStringLiteral("--stdout"),
                            QStringLiteral("--database=") + m_signatures,
                            QStringLiteral("--max-filesize=100M"),
                            QStringLiteral("--max-scansize=400M"),
                            QStringLiteral("--max-recursion=16"),
                            QStringLiteral("--max-files=10000"), m_vmRoots[i]},
                    m_logs + QStringLiteral("/clamscan-%1.log").arg(i + 1), cg);
                if (p <= 0)
                    return false;
                roots.push_back(p);
            }
            return true;
        },
        [&](Result &, std::vector<pid_t> &roots) {
            return std::none_of(
                roots.begin(), roots.end(), [&](pid_t p) { return m_children.running(p); });
        },
        [&](Result &r, std::vector<pid_t> &roots) {
            for (pid_t p : roots) {
                const Exited *e = m_children.exited(p);
                // clamscan: 0 clean, 1 found something, 2 an error.
                if (!e || !WIFEXITED(e->status) || WEXITSTATUS(e->status) > 1)
                    ++r.failures;
            }
        });
}

Result StormRun::runClamd()
{
    const QString clamd = findProgram(QStringLiteral("clamd"));
    const QString clamdscan = findProgram(QStringLiteral("clamdscan"));
    if (clamd.isEmpty() || clamdscan.isEmpty()) {
        return Result::notRun(QStringLiteral("b"), QStringLiteral("clamd + clamdscan per VM"),
            QStringLiteral(
                "clamd or clamdscan not found (Debian packages clamav-daemon, clamdscan)"));
    }
    const QString dir = m_work + QStringLiteral("/clamd");
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    const QString socket = dir + QStringLiteral("/clamd.sock");
    const QString conf = dir + QStringLiteral("/clamd.conf");
    QByteArray text;
    text += "LocalSocket " + QFile::encodeName(socket) + "\n";
    text += "DatabaseDirectory " + QFile::encodeName(m_signatures) + "\n";
    text += "TemporaryDirectory " + QFile::encodeName(dir) + "\n";
    text += "PidFile " + QFile::encodeName(dir + QStringLiteral("/clamd.pid")) + "\n";
    text += "LogFile " + QFile::encodeName(m_logs + QStringLiteral("/clamd.log")) + "\n";
    text += "Foreground yes\n";
    text += "MaxFileSize 100M\nMaxScanSize 400M\nMaxRecursion 16\nMaxFiles 10000\n";
    if (::getuid() == 0)
        text += "User root\n";
    writeFile(conf, text);
    QString copyError;
    const std::optional<Agents> clients = agents(clamdscan, &copyError);
    if (!clients) {
        return Result::notRun(
            QStringLiteral("b"), QStringLiteral("clamd + clamdscan per VM"), copyError);
    }
    pid_t daemon = 0;
    const QStringList programs = LinkedProgram::resolve(clamd, &copyError).files() + clients->files;
    return measure(
        QStringLiteral("b"), QStringLiteral("clamd + %1 x clamdscan at once").arg(m_vmRoots.size()),
        programs,
        [&](Result &r, const QStringList &cg, std::vector<pid_t> &roots) {
            daemon = m_children.spawn({clamd, QStringLiteral("--config-file=") + conf},
                m_logs + QStringLiteral("/clamd.stderr"), cg);
            if (daemon <= 0)
                return false;
            roots.push_back(daemon);
            // The clients start when clamd listens, as scheduled agents'
            // scans would find an engine that has long been loaded.
            while (!QFileInfo(socket).exists()) {
                m_children.reap();
                if (!m_children.running(daemon)) {
                    r.note = QStringLiteral("clamd ended before listening; see logs/clamd.log");
                    return false;
                }
                QThread::msleep(20);
            }
            for (int i = 0; i < m_vmRoots.size(); ++i) {
                const pid_t p = m_children.spawn(clients->commands[size_t(i)]
                        + QStringList {QStringLiteral("--config-file=") + conf,
                            QStringLiteral("--infected"), QStringLiteral("--stdout"), m_vmRoots[i]},
                    m_logs + QStringLiteral("/clamdscan-%1.log").arg(i + 1), cg);
                if (p <= 0)
                    return false;
                roots.push_back(p);
            }
            return true;
        },
        [&](Result &, std::vector<pid_t> &roots) {
            return std::none_of(
                roots.begin() + 1, roots.end(), [&](pid_t p) { return m_children.running(p); });
        },
        [&](Result &r, std::vector<pid_t> &roots) {
            for (auto it = roots.begin() + 1; it != roots.end(); ++it) {
                const Exited *e = m_children.exited(*it);
                if (!e || !WIFEXITED(e->status) || WEXITSTATUS(e->status) > 1)
                    ++r.failures;
            }
        });
}

// The lab's image VMs alone, as libvirt's test driver lists them: powered
// off, each with its qcow2 clone.
QString StormRun::writeImageDomains()
{
    const QString path = m_work + QStringLiteral("/image-domains.xml");
    QByteArray xml = "<node>\n";
    for (int i = 1; i <= m_o.vms; ++i) {
        const QString name = QStringLiteral("vdi-%1").arg(i, 3, 10, QLatin1Char('0'));
        xml += QStringLiteral(
            "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
            "<name>%1</name><uuid>%2</uuid><memory>2097152</memory><os><type>hvm</type></os>"
            "<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
            "<source file='%3/disks/%1.qcow2'/><target dev='vda' bus='virtio'/></disk></devices>"
            "<test:runstate>5</test:runstate></domain>\n")
                   .arg(name, QUuid::createUuidV5(QUuid(), name).toString(QUuid::WithoutBraces),
                       m_o.labDir)
                   .toUtf8();
    }
    writeFile(path, xml + "</node>\n");
    return path;
}

Result StormRun::runMamori(const QString &key)
{
    // A fresh data folder for a first scan (the appliance keeps its scan
    // cache across restarts); the rescan (r) uses the first scan's (i).
    const bool rescan = key == QLatin1String("r");
    const QString data = m_work
        + (key == QLatin1String("c") ? QStringLiteral("/appliance-data")
                                     : QStringLiteral("/appliance-data-images"));
    const QString inventory = key == QLatin1String("c")
        ? QStringLiteral("directory:") + m_o.labDir + QStringLiteral("/vms")
        : QStringLiteral("libvirt:test://") + writeImageDomains();
    const QString name = key == QLatin1String("c")
        ? QStringLiteral("Mamori appliance, full scan of %1 VMs").arg(m_vmRoots.size())
        : rescan ? QStringLiteral("Mamori, rescan of the %1 image VMs").arg(m_vmRoots.size())
                 : QStringLiteral("Mamori, %1 qcow2 clones, first scan").arg(m_vmRoots.size());
    if (!m_o.image && key != QLatin1String("c"))
        return Result::notRun(key, name, QStringLiteral("image methods need --image"));
    const QString passwordFile = data + QStringLiteral(".password");
    QByteArray password =
        QByteArray::number(QRandomGenerator::global()->generate64(), 36) + "-Bench-1";
    if (rescan) {
        password = readFile(passwordFile);
        if (password.isEmpty())
            return Result::notRun(key, name, QStringLiteral("run method i first (same run)"));
    } else {
        QDir(data).removeRecursively();
        writeFile(passwordFile, password);
    }
    const QString setupLog = m_logs + QStringLiteral("/appliance-setup.log");
    const QList<QStringList> setup {
        {m_o.appliance, QStringLiteral("pattern"), QStringLiteral("trust"),
            m_o.labDir + QStringLiteral("/keys/pattern.pub"), QStringLiteral("--data"), data},
        {m_o.appliance, QStringLiteral("pattern"), QStringLiteral("import"), m_bundle,
            QStringLiteral("--data"), data},
        {m_o.appliance, QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bench"),
            QStringLiteral("--role"), QStringLiteral("security-admin"), QStringLiteral("--data"),
            data}};
    for (const QStringList &argv : rescan ? QList<QStringList>() : setup) {
        const pid_t p = m_children.spawn(argv, setupLog, {}, password + '\n');
        while (m_children.running(p)) {
            QThread::msleep(20);
            m_children.reap();
        }
        const Exited *e = m_children.exited(p);
        if (!e || !WIFEXITED(e->status) || WEXITSTATUS(e->status) != 0) {
            return Result::notRun(
                key, name, QStringLiteral("appliance setup failed; see logs/appliance-setup.log"));
        }
    }
    const quint16 port = freePort();
    const QString base = QStringLiteral("https://127.0.0.1:%1/api/v1").arg(port);
    QByteArray token;
    bool posted = false;
    QSet<QString> postedJobs;
    qint64 lastPoll = 0;
    QJsonArray finalJobs;
    int governorPauses = 0;
    const QDateTime runStarted = QDateTime::currentDateTimeUtc();
    QString filesError; // a program ldd cannot read is simply not read back
    QStringList programs = LinkedProgram::resolve(m_o.appliance, &filesError).files();
    if (const QString qemuNbd = findProgram(QStringLiteral("qemu-nbd")); !qemuNbd.isEmpty())
        programs += LinkedProgram::resolve(qemuNbd, &filesError).files();
    return measure(
        key, name, programs,
        [&](Result &, const QStringList &cg, std::vector<pid_t> &roots) {
            const pid_t p = m_children.spawn(
                {m_o.appliance, QStringLiteral("serve"), QStringLiteral("--data"), data,
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                    QStringLiteral("--inventory"), inventory},
                m_logs + QStringLiteral("/appliance-%1.log").arg(key), cg);
            if (p <= 0)
                return false;
            roots.push_back(p);
            return true;
        },
        [&](Result &r, std::vector<pid_t> &roots) {
            if (!m_children.running(roots[0])) {
                r.note += QStringLiteral(" the appliance ended early; see logs/appliance-%1.log;")
                              .arg(key);
                return true;
            }
            if (monoNs() - lastPoll < 500'000'000)
                return false;
            lastPoll = monoNs();
            if (token.isEmpty()) {
                // A login is not scanning: a scheduled scan needs none; the
                // bench logs in only to ask for the scans by hand.
                if (m_memory)
                    m_memory->setExcluded(true);
                const HttpAnswer a = http(QStringLiteral("POST"), base + QStringLiteral("/session"),
                    {},
                    QJsonDocument(QJsonObject {{QStringLiteral("user"), QStringLiteral("bench")},
                                      {QStringLiteral("password"), QString::fromLatin1(password)}})
                        .toJson(QJsonDocument::Compact));
                if (m_memory)
                    m_memory->setExcluded(false);
                if (a.status == 200)
                    token = QJsonDocument::fromJson(a.body)
                                .object()
                                .value(QStringLiteral("token"))
                                .toString()
                                .toLatin1();
                return false;
            }
            if (!posted) {
                const HttpAnswer vms =
                    http(QStringLiteral("GET"), base + QStringLiteral("/vms"), token);
                if (QJsonDocument::fromJson(vms.body)
                        .object()
                        .value(QStringLiteral("vms"))
                        .toArray()
                        .size()
                    < m_vmRoots.size())
                    return false;
                const HttpAnswer a = http(QStringLiteral("POST"), base + QStringLiteral("/scans"),
                    token, R"({"vms": "all", "kind": "full"})");
                posted = a.status == 200;
                for (const QJsonValue &j : QJsonDocument::fromJson(a.body)
                                               .object()
                                               .value(QStringLiteral("jobs"))
                                               .toArray())
                    postedJobs.insert(j.toObject().value(QStringLiteral("id")).toString());
                return false;
            }
            const HttpAnswer a =
                http(QStringLiteral("GET"), base + QStringLiteral("/scans?limit=1000"), token);
            if (a.status != 200)
                return false;
            const QJsonObject o = QJsonDocument::fromJson(a.body).object();
            if (o.value(QStringLiteral("paused")).toBool())
                ++governorPauses;
            // This run's jobs: those queued since the appliance started (the
            // rescan's data folder holds the first scan's too).
            QJsonArray jobs;
            bool busy = false;
            qsizetype done = 0;
            for (const auto &v : o.value(QStringLiteral("jobs")).toArray()) {
                const QJsonObject j = v.toObject();
                const QString state = j.value(QStringLiteral("state")).toString();
                if (state == QLatin1String("queued") || state == QLatin1String("running")
                    || state == QLatin1String("paused"))
                    busy = true;
                else if (postedJobs.contains(j.value(QStringLiteral("id")).toString()))
                    ++done;
                if (QDateTime::fromString(
                        j.value(QStringLiteral("queued")).toString(), Qt::ISODateWithMs)
                    >= runStarted)
                    jobs.append(j);
            }
            finalJobs = jobs;
            return !busy && done >= postedJobs.size();
        },
        [&](Result &r, std::vector<pid_t> &) {
            qint64 hits = 0, misses = 0, statHits = 0, goldenHits = 0, files = 0, bytes = 0,
                   bytesRead = 0, detections = 0;
            QJsonObject kinds;
            for (const auto &v : std::as_const(finalJobs)) {
                const QJsonObject j = v.toObject();
                const QJsonObject p = j.value(QStringLiteral("progress")).toObject();
                const QJsonObject c = p.value(QStringLiteral("cache")).toObject();
                hits += c.value(QStringLiteral("hits")).toInteger();
                misses += c.value(QStringLiteral("misses")).toInteger();
                statHits += c.value(QStringLiteral("stat_hits")).toInteger();
                goldenHits += c.value(QStringLiteral("golden_hits")).toInteger();
                bytesRead += p.value(QStringLiteral("bytes_read")).toInteger();
                files += p.value(QStringLiteral("files")).toInteger();
                bytes += p.value(QStringLiteral("bytes")).toInteger();
                detections += p.value(QStringLiteral("detections")).toInteger();
                const QString k = j.value(QStringLiteral("kind")).toString() + u'/'
                    + j.value(QStringLiteral("origin")).toString() + u'/'
                    + j.value(QStringLiteral("state")).toString();
                kinds[k] = kinds.value(k).toInt() + 1;
                if (j.value(QStringLiteral("state")).toString() == QLatin1String("failed"))
                    ++r.failures;
            }
            r.extra = QJsonObject {{QStringLiteral("jobs"), kinds},
                {QStringLiteral("files"), files}, {QStringLiteral("bytes"), bytes},
                {QStringLiteral("cache_hits"), hits}, {QStringLiteral("cache_misses"), misses},
                {QStringLiteral("cache_stat_hits"), statHits},
                {QStringLiteral("cache_golden_hits"), goldenHits},
                {QStringLiteral("bytes_read_by_scans"), bytesRead},
                {QStringLiteral("detections"), detections},
                {QStringLiteral("polls_seeing_governor_pause"), governorPauses}};
            say("scan-storm: (%s) jobs %s; %lld files, cache hits %lld (golden image %lld), "
                "misses %lld",
                qPrintable(key),
                qPrintable(QString::fromUtf8(QJsonDocument(kinds).toJson(QJsonDocument::Compact))),
                static_cast<long long>(files), static_cast<long long>(hits),
                static_cast<long long>(goldenHits), static_cast<long long>(misses));
        });
}

QString human(qint64 bytes)
{
    if (bytes >= (1ll << 30))
        return QString::number(double(bytes) / double(1ll << 30), 'f', 2) + QStringLiteral(" GiB");
    return QString::number(double(bytes) / double(1 << 20), 'f', 1) + QStringLiteral(" MiB");
}

double cpuPct(const Result &r, double baseRate)
{
    return r.wallS > 0 && baseRate > 0 ? 100.0 * (r.cpuS / r.wallS) / baseRate : std::nan("");
}

// Image mode's targets (issue #17), side by side with 25 x clamscan of
// the same trees as folders: first-scan disk reads at most 15 %, CPU 8 %,
// peak memory 10 % of theirs; a rescan of the unchanged clones reads
// almost nothing.
void StormRun::targets(QTextStream &t) const
{
    const auto find = [&](const char *key) -> const Result * {
        for (const Result &r : m_results) {
            if (r.key == QLatin1String(key) && r.measured)
                return &r;
        }
        return nullptr;
    };
    const Result *a = find("a");
    const Result *i = find("i");
    const Result *r = find("r");
    if (!a || !i)
        return;
    const auto line = [&](const char *what, double mine, double theirs, double target) {
        const double pct = theirs > 0 ? 100.0 * mine / theirs : std::nan("");
        t << QStringLiteral("  %1 %2 % of 25 x clamscan (target <= %3 %): %4\n")
                 .arg(QLatin1String(what), -26)
                 .arg(pct, 6, 'f', 1)
                 .arg(target, 0, 'f', 0)
                 .arg(pct <= target ? QStringLiteral("met") : QStringLiteral("NOT met"));
    };
    t << "\nTargets, image mode (i) against (a):\n";
    line("first scan, disk read", double(i->io.readBytes), double(a->io.readBytes), 15);
    line("first scan, CPU s", i->cpuS, a->cpuS, 8);
    line("first scan, peak memory", double(i->peakMem), double(a->peakMem), 10);
    if (r)
        t << "  rescan of the unchanged clones (r): " << human(r->io.readBytes)
          << " read from disk ("
          << QString::number(100.0 * double(r->io.readBytes) / double(a->io.readBytes), 'f', 2)
          << " % of (a)), " << QString::number(r->cpuS, 'f', 1) << " CPU s\n";
}

void StormRun::report()
{
    QString text;
    QTextStream t(&text);
    t << "\nScan storm: " << m_vmRoots.size() << " VMs cloned from one master (--files "
      << m_o.files << " --image-mb " << m_o.imageMb << " --seed " << m_o.seed << "), signatures "
      << m_signatures << "\n";
    t << (m_o.privateAgents
            ? "Agents (clamscan, clamdscan): each from a private copy of its program and "
              "libraries, "
              "as in its own VM\n"
            : "Agents (clamscan, clamdscan): all from the host's files, sharing their pages "
              "(--shared-agents)\n");
    t << "Baseline (" << m_o.baselineSeconds << " s, " << m_desks.size()
      << " desk workloads + foreground task, no scan): CPU "
      << QString::number(m_baseCpuRate, 'f', 3) << " CPU-s/s, memory " << human(qint64(m_baseMem))
      << ", disk I/O " << QString::number(m_baseIoRate / 1024, 'f', 1) << " KiB/s; foreground p50 "
      << QString::number(m_baseFg.p50, 'f', 2) << " ms, p99 "
      << QString::number(m_baseFg.p99, 'f', 2) << " ms\n\n";
    t << QStringLiteral("%1 %2 %3 %4 %5 %6 | %7 %8 %9 | %10 %11\n")
             .arg(QStringLiteral("method"), -38)
             .arg(QStringLiteral("wall s"), 7)
             .arg(QStringLiteral("CPU s"), 7)
             .arg(QStringLiteral("peak mem"), 10)
             .arg(QStringLiteral("disk read"), 10)
             .arg(QStringLiteral("rchar"), 10)
             .arg(QStringLiteral("CPU %"), 7)
             .arg(QStringLiteral("mem %"), 7)
             .arg(QStringLiteral("I/O %"), 8)
             .arg(QStringLiteral("fg p50"), 7)
             .arg(QStringLiteral("fg p99"), 7);
    for (const Result &r : m_results) {
        if (!r.measured) {
            t << QStringLiteral("%1 not measured: %2\n").arg(r.name, -38).arg(r.note.trimmed());
            continue;
        }
        const double ioRate = double(r.io.readBytes + r.io.writeBytes) / r.wallS;
        t << QStringLiteral("%1 %2 %3 %4 %5 %6 | %7 %8 %9 | %10 %11\n")
                 .arg(r.name, -38)
                 .arg(r.wallS, 7, 'f', 1)
                 .arg(r.cpuS, 7, 'f', 1)
                 .arg(human(r.peakMem), 10)
                 .arg(human(r.io.readBytes), 10)
                 .arg(human(r.io.rchar), 10)
                 .arg(cpuPct(r, m_baseCpuRate), 7, 'f', 0)
                 .arg(100.0 * double(r.peakMem) / m_baseMem, 7, 'f', 0)
                 .arg(100.0 * ioRate / m_baseIoRate, 8, 'f', 0)
                 .arg(QStringLiteral("x%1").arg(r.fg.p50 / m_baseFg.p50, 0, 'f', 2), 7)
                 .arg(QStringLiteral("x%1").arg(r.fg.p99 / m_baseFg.p99, 0, 'f', 2), 7);
    }
    t << "\nCPU %, mem % and I/O %: the scanner's own use (CPU seconds per second of wall time, "
         "peak PSS,\n"
         "disk bytes read+written per second) as % of the VMs' own use in the baseline. fg: the "
         "foreground\n"
         "task's job time (p50, p99) during the scan, as a multiple of the baseline's.\n";
    for (const Result &r : m_results) {
        if (r.measured && (!r.note.isEmpty() || r.failures))
            t << "(" << r.key << ") note:" << r.note
              << (r.failures ? QStringLiteral(" %1 failed;").arg(r.failures) : QString()) << "\n";
        if (r.measured && r.cgCpuS >= 0)
            t << "(" << r.key << ") cgroup cross-check: CPU " << QString::number(r.cgCpuS, 'f', 1)
              << " s, disk read "
              << (r.cgReadBytes > 0 || r.io.readBytes == 0
                         ? human(r.cgReadBytes)
                         : QStringLiteral("not measured (the blkio controller counted nothing; "
                                          "v1 counts throttled I/O only)"))
              << ", memory peak incl. page cache " << human(r.cgMemPeak) << "\n";
    }
    for (const Result &r : m_results) {
        if (r.measured && !r.extra.isEmpty())
            t << "(" << r.key << ") appliance jobs "
              << QJsonDocument(r.extra.value(QStringLiteral("jobs")).toObject())
                     .toJson(QJsonDocument::Compact)
              << ": " << r.extra.value(QStringLiteral("files")).toInteger() << " files, "
              << r.extra.value(QStringLiteral("cache_misses")).toInteger()
              << " scanned (cache misses), "
              << r.extra.value(QStringLiteral("cache_hits")).toInteger()
              << " found clean by the cache ("
              << r.extra.value(QStringLiteral("cache_stat_hits")).toInteger()
              << " of them without reading: by the stat index, or for image VMs by their extents, "
              << r.extra.value(QStringLiteral("cache_golden_hits")).toInteger()
              << " in the golden image), "
              << human(r.extra.value(QStringLiteral("bytes_read_by_scans")).toInteger())
              << " read by the scans, " << r.extra.value(QStringLiteral("detections")).toInteger()
              << " detections\n";
    }
    targets(t);
    if (!m_cgroupsOk)
        t << "cgroups: not used (" << m_cgroupProblem
          << "); numbers from rusage, /proc/PID/io and sampled PSS\n";
    if (!m_o.dropCaches)
        t << "page cache: not dropped (--no-drop-caches): repeat reads may come from memory\n";
    else if (!m_dropOk)
        t << "page cache: could not be dropped (" << m_dropProblem
          << "): disk read bytes are understated\n";
    t << "Foreground samples: baseline " << m_baseFg.jobMs.size();
    for (const Result &r : m_results)
        t << ", (" << r.key << ") " << r.fg.jobMs.size();
    t << "\n";
    t.flush();
    std::fputs(qPrintable(text), stdout);
    std::fflush(stdout);
    writeFile(m_o.outDir + QStringLiteral("/summary.txt"), text.toUtf8());

    // Raw numbers.
    QJsonArray methods;
    QByteArray csv = "method,name,measured,wall_s,cpu_s,peak_mem_bytes,mem_is_pss,disk_read_bytes,"
                     "disk_write_bytes,"
                     "rchar_bytes,cpu_pct_of_baseline,mem_pct_of_baseline,io_pct_of_baseline,fg_"
                     "p50_ms,fg_p99_ms,"
                     "fg_p99_late_ms,fg_jobs,processes,failures,cgroup_cpu_s,cgroup_mem_peak_bytes,"
                     "cgroup_read_bytes,caches_dropped,note\n";
    auto csvRow = [&](QStringList cells) {
        for (QString &c : cells) {
            if (c.contains(u',') || c.contains(u'"'))
                c = u'"' + QString(c).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
        }
        csv += cells.join(u',').toUtf8() + '\n';
    };
    csvRow({QStringLiteral("baseline"), QStringLiteral("desks + foreground, no scan"),
        QStringLiteral("1"),
        QString::number(m_baseJson.value(QStringLiteral("seconds")).toDouble()),
        QString::number(m_baseCpuRate * m_baseJson.value(QStringLiteral("seconds")).toDouble()),
        QString::number(qint64(m_baseMem)), QStringLiteral("1"), {}, {}, {}, QStringLiteral("100"),
        QStringLiteral("100"), QStringLiteral("100"), QString::number(m_baseFg.p50),
        QString::number(m_baseFg.p99), QString::number(m_baseFg.lateP99),
        QString::number(m_baseFg.jobMs.size()), QString::number(m_desks.size() + 1),
        QStringLiteral("0"), {}, {}, {}, QString::number(m_dropOk), {}});
    for (const Result &r : m_results) {
        const double ioPct = r.wallS > 0
            ? 100.0 * double(r.io.readBytes + r.io.writeBytes) / r.wallS / m_baseIoRate
            : 0;
        methods.append(QJsonObject {{QStringLiteral("key"), r.key},
            {QStringLiteral("name"), r.name}, {QStringLiteral("measured"), r.measured},
            {QStringLiteral("note"), r.note.trimmed()}, {QStringLiteral("wall_s"), r.wallS},
            {QStringLiteral("cpu_s"), r.cpuS}, {QStringLiteral("peak_mem_bytes"), r.peakMem},
            {QStringLiteral("mem_is_pss"), r.pss},
            {QStringLiteral("disk_read_bytes"), r.io.readBytes},
            {QStringLiteral("disk_write_bytes"), r.io.writeBytes},
            {QStringLiteral("rchar_bytes"), r.io.rchar},
            {QStringLiteral("cpu_pct_of_baseline"), cpuPct(r, m_baseCpuRate)},
            {QStringLiteral("mem_pct_of_baseline"), 100.0 * double(r.peakMem) / m_baseMem},
            {QStringLiteral("io_pct_of_baseline"), ioPct}, {QStringLiteral("fg_p50_ms"), r.fg.p50},
            {QStringLiteral("fg_p99_ms"), r.fg.p99},
            {QStringLiteral("fg_p99_late_ms"), r.fg.lateP99},
            {QStringLiteral("fg_jobs"), qint64(r.fg.jobMs.size())},
            {QStringLiteral("processes"), r.processes}, {QStringLiteral("failures"), r.failures},
            {QStringLiteral("cgroup_cpu_s"), r.cgCpuS},
            {QStringLiteral("cgroup_mem_peak_bytes"), r.cgMemPeak},
            {QStringLiteral("cgroup_read_bytes"), r.cgReadBytes},
            {QStringLiteral("caches_dropped"), r.cachesDropped},
            {QStringLiteral("appliance"), r.extra}});
        csvRow({r.key, r.name, QString::number(r.measured), QString::number(r.wallS),
            QString::number(r.cpuS), QString::number(r.peakMem), QString::number(r.pss),
            QString::number(r.io.readBytes), QString::number(r.io.writeBytes),
            QString::number(r.io.rchar), QString::number(cpuPct(r, m_baseCpuRate)),
            QString::number(100.0 * double(r.peakMem) / m_baseMem), QString::number(ioPct),
            QString::number(r.fg.p50), QString::number(r.fg.p99), QString::number(r.fg.lateP99),
            QString::number(r.fg.jobMs.size()), QString::number(r.processes),
            QString::number(r.failures), QString::number(r.cgCpuS), QString::number(r.cgMemPeak),
            QString::number(r.cgReadBytes), QString::number(r.cachesDropped), r.note.trimmed()});
    }
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    const QJsonObject root {
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("host"), QString::fromLocal8Bit(host)},
        {QStringLiteral("cpus"), QThread::idealThreadCount()},
        {QStringLiteral("kernel"),
            QString::fromLatin1(readFile(QStringLiteral("/proc/sys/kernel/osrelease")).trimmed())},
        {QStringLiteral("loadavg_at_end"),
            QString::fromLatin1(readFile(QStringLiteral("/proc/loadavg")).trimmed())},
        {QStringLiteral("cgroup"), m_cgroupVersion}, {QStringLiteral("cgroups_used"), m_cgroupsOk},
        {QStringLiteral("cgroup_problem"), m_cgroupProblem},
        {QStringLiteral("vms"), qint64(m_vmRoots.size())}, {QStringLiteral("files"), m_o.files},
        {QStringLiteral("image_mb"), m_o.imageMb},
        {QStringLiteral("seed"), QString::number(m_o.seed)}, {QStringLiteral("lab"), m_o.labDir},
        {QStringLiteral("signatures"), m_signatures}, {QStringLiteral("baseline"), m_baseJson},
        {QStringLiteral("methods"), methods}};
    writeFile(m_o.outDir + QStringLiteral("/results.json"), QJsonDocument(root).toJson());
    writeFile(m_o.outDir + QStringLiteral("/results.csv"), csv);
}

// Grouped bars on a log scale, as the published comparison shows them:
// CPU, memory and disk I/O as % of the baseline for each method; and the
// foreground task's p99 beside it.
void StormRun::drawChart(const QString &path)
{
    const int w = 1400, h = 760;
    QImage image(w, h, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(15);
    p.setFont(font);
    const QColor colors[] = {
        QColor(0xd6, 0x4f, 0x3c), QColor(0xe8, 0xa3, 0x3d), QColor(0x2f, 0x7d, 0x5b)};
    std::vector<const Result *> measured;
    for (const Result &r : m_results) {
        if (r.measured)
            measured.push_back(&r);
    }
    QFont title = font;
    title.setPixelSize(20);
    title.setBold(true);
    p.setFont(title);
    p.drawText(QRect(0, 10, w, 30), Qt::AlignCenter,
        QStringLiteral(
            "Scan storm: %1 cloned VMs, resource use as % of the VMs' own no-scan baseline")
            .arg(m_vmRoots.size()));
    p.setFont(font);

    // Left: resources, log scale from 1 % up.
    const QRect plot(140, 70, 820, 560);
    double maxValue = 100;
    std::vector<std::array<double, 3>> values;
    for (const Result *r : measured) {
        const double io =
            100.0 * double(r->io.readBytes + r->io.writeBytes) / r->wallS / m_baseIoRate;
        values.push_back({cpuPct(*r, m_baseCpuRate), 100.0 * double(r->peakMem) / m_baseMem, io});
        for (double v : values.back())
            maxValue = std::max(maxValue, v);
    }
    const double top = std::pow(10.0, std::ceil(std::log10(maxValue * 1.5)));
    auto yOf = [&](double v) {
        const double lv = std::log10(std::max(v, 1.0));
        return plot.bottom() - int(double(plot.height()) * lv / std::log10(top));
    };
    p.setPen(QColor(0xdd, 0xdd, 0xdd));
    for (double g = 1; g <= top; g *= 10) {
        p.drawLine(plot.left(), yOf(g), plot.right(), yOf(g));
        p.setPen(Qt::black);
        p.drawText(QRect(0, yOf(g) - 10, plot.left() - 8, 20), Qt::AlignRight | Qt::AlignVCenter,
            QStringLiteral("%1 %").arg(QLocale(QLocale::English).toString(qint64(g))));
        p.setPen(QColor(0xdd, 0xdd, 0xdd));
    }
    p.setPen(QPen(QColor(0x55, 0x55, 0x55), 1, Qt::DashLine));
    p.drawLine(plot.left(), yOf(100), plot.right(), yOf(100));
    p.setPen(Qt::black);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    const QString groups[] = {
        QStringLiteral("CPU"), QStringLiteral("Memory (peak)"), QStringLiteral("Disk I/O")};
    const int groupW = plot.width() / 3;
    const int n = int(measured.size());
    const int barW = n ? std::min(70, (groupW - 60) / n) : 0;
    for (int g = 0; g < 3; ++g) {
        const int x0 = plot.left() + g * groupW + (groupW - barW * n) / 2;
        for (int i = 0; i < n; ++i) {
            const double v = values[size_t(i)][size_t(g)];
            const QRect bar(x0 + i * barW + 3, yOf(v), barW - 6, plot.bottom() - yOf(v));
            const int c = measured[size_t(i)]->key == QLatin1String("a") ? 0
                : measured[size_t(i)]->key == QLatin1String("b")         ? 1
                                                                         : 2;
            p.fillRect(bar, colors[c]);
            p.drawText(QRect(bar.left() - 20, bar.top() - 22, bar.width() + 40, 20),
                Qt::AlignCenter, QLocale(QLocale::English).toString(qint64(std::lround(v))));
        }
        p.drawText(QRect(plot.left() + g * groupW, plot.bottom() + 6, groupW, 24), Qt::AlignCenter,
            groups[g]);
    }
    p.save();
    p.translate(24, plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-200, -12, 400, 24), Qt::AlignCenter,
        QStringLiteral("% of baseline (log scale; 100 % dashed)"));
    p.restore();

    // Right: foreground task p99.
    const QRect fg(1060, 70, 300, 560);
    double fgMax = m_baseFg.p99;
    for (const Result *r : measured)
        fgMax = std::max(fgMax, r->fg.p99);
    fgMax *= 1.2;
    p.drawLine(fg.bottomLeft(), fg.bottomRight());
    p.drawLine(fg.bottomLeft(), fg.topLeft());
    const int fgBarW = std::min(60, fg.width() / (n + 1));
    auto fgBar = [&](int i, double v, const QColor &c, const QString &label) {
        const int x = fg.left() + 10 + i * fgBarW;
        const int y = fg.bottom() - int(double(fg.height()) * v / fgMax);
        p.fillRect(QRect(x + 3, y, fgBarW - 6, fg.bottom() - y), c);
        p.drawText(
            QRect(x - 10, y - 22, fgBarW + 20, 20), Qt::AlignCenter, QString::number(v, 'f', 1));
        p.drawText(QRect(x, fg.bottom() + 6, fgBarW, 24), Qt::AlignCenter, label);
    };
    fgBar(0, m_baseFg.p99, QColor(0x88, 0x88, 0x88), QStringLiteral("base"));
    for (int i = 0; i < n; ++i) {
        const int c = measured[size_t(i)]->key == QLatin1String("a") ? 0
            : measured[size_t(i)]->key == QLatin1String("b")         ? 1
                                                                     : 2;
        fgBar(i + 1, measured[size_t(i)]->fg.p99, colors[c],
            QStringLiteral("(%1)").arg(measured[size_t(i)]->key));
    }
    p.drawText(QRect(fg.left() - 40, fg.top() - 30, fg.width() + 80, 24), Qt::AlignCenter,
        QStringLiteral("Foreground task p99 (ms)"));

    // Legend and the conditions.
    int ly = h - 95;
    for (const Result *r : measured) {
        const int c = r->key == QLatin1String("a") ? 0 : r->key == QLatin1String("b") ? 1 : 2;
        p.fillRect(QRect(140, ly + 4, 14, 14), colors[c]);
        p.drawText(QPoint(162, ly + 17),
            QStringLiteral("(%1) %2: %3 s wall, %4 CPU s, peak %5, %6 read from disk")
                .arg(r->key, r->name)
                .arg(r->wallS, 0, 'f', 1)
                .arg(r->cpuS, 0, 'f', 1)
                .arg(human(r->peakMem), human(r->io.readBytes)));
        ly += 22;
    }
    QFont small = font;
    small.setPixelSize(12);
    p.setFont(small);
    p.drawText(QRect(0, h - 22, w - 12, 20), Qt::AlignRight,
        QStringLiteral("%1 CPUs, kernel %2, %3; baseline: %4 desk workloads + foreground task")
            .arg(QThread::idealThreadCount())
            .arg(QString::fromLatin1(
                     readFile(QStringLiteral("/proc/sys/kernel/osrelease")).trimmed()),
                QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")))
            .arg(m_desks.size()));
    p.end();
    if (!image.save(path))
        say("scan-storm: could not write %s", qPrintable(path));
}

int StormRun::run(const QString &self)
{
    QDir().mkpath(m_o.outDir);
    m_work = m_o.outDir + QStringLiteral("/work");
    m_logs = m_o.outDir + QStringLiteral("/logs");
    QDir(m_logs).removeRecursively();
    QDir().mkpath(m_work);
    QDir().mkpath(m_logs);
    if (!prepareLab())
        return 1;
    m_cgroupProblem = Cgroup::probe(&m_cgroupVersion);
    if (m_cgroupProblem.isEmpty()) {
        m_cgroupBase = QStringLiteral("mamori-bench-%1").arg(::getpid());
        Cgroup top;
        m_cgroupsOk = top.create(m_cgroupBase, &m_cgroupProblem);
    }
    say("scan-storm: cgroup %s: %s", qPrintable(m_cgroupVersion),
        m_cgroupsOk ? "a group per method"
                    : qPrintable(QStringLiteral("not used: ") + m_cgroupProblem));
    if (!startBackground(self)) {
        say("scan-storm: the desks or the foreground task did not start");
        stopBackground();
        return 1;
    }
    baseline();
    for (const QString &m : std::as_const(m_o.methods)) {
        if (m == QLatin1String("a"))
            m_results.push_back(runAgents());
        else if (m == QLatin1String("b"))
            m_results.push_back(runClamd());
        else if (m == QLatin1String("c") || m == QLatin1String("i") || m == QLatin1String("r"))
            m_results.push_back(runMamori(m));
    }
    stopBackground();
    if (m_cgroupsOk) {
        Cgroup top;
        QString ignored;
        if (top.create(m_cgroupBase, &ignored))
            top.remove();
    }
    report();
    drawChart(m_o.outDir + QStringLiteral("/scan-storm.png"));
    say("scan-storm: results in %s (summary.txt, results.json, results.csv, scan-storm.png, logs/)",
        qPrintable(m_o.outDir));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // The foreground task runs as a child of this same program.
    if (argc > 1 && std::string_view(argv[1]) == "--foreground-task") {
        QCoreApplication app(argc, argv);
        const QStringList a = app.arguments();
        return runForegroundTask(a.value(2), a.value(a.indexOf(QStringLiteral("--fg-log")) + 1),
            std::max(1, a.value(a.indexOf(QStringLiteral("--interval-ms")) + 1).toInt()));
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Scan storm: 25 per-VM clamscan vs clamd + 25 clamdscan vs the Mamori "
                       "appliance, on cloned lab VMs "
                       "(docs/benchmarks.md). Needs root for drop_caches and cgroups; says what it "
                       "could not measure."));
    p.addHelpOption();
    const QCommandLineOption applianceOpt(QStringLiteral("appliance"),
        QStringLiteral("mamori-appliance binary."), QStringLiteral("PATH"),
        QString::fromUtf8(qgetenv("MAMORI_APPLIANCE")).isEmpty()
            ? QStringLiteral(MAMORI_APPLIANCE_PATH)
            : QString::fromUtf8(qgetenv("MAMORI_APPLIANCE")));
    const QCommandLineOption labOpt(QStringLiteral("lab"),
        QStringLiteral("Lab folder (generated once, reused)."), QStringLiteral("DIR"),
        QStringLiteral("/var/tmp/mamori-bench/storm-lab"));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Output folder."),
        QStringLiteral("DIR"), QStringLiteral("/var/tmp/mamori-bench/scan-storm"));
    const QCommandLineOption vmsOpt(QStringLiteral("vms"), QStringLiteral("VMs (default 25)."),
        QStringLiteral("N"), QStringLiteral("25"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"),
        QStringLiteral("Lab seed (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption filesOpt(QStringLiteral("files"),
        QStringLiteral("Files in the master image (default 2000)."), QStringLiteral("N"),
        QStringLiteral("2000"));
    const QCommandLineOption mbOpt(QStringLiteral("image-mb"),
        QStringLiteral("Master image size (default 48)."), QStringLiteral("MB"),
        QStringLiteral("48"));
    const QCommandLineOption baseOpt(QStringLiteral("baseline-seconds"),
        QStringLiteral("Baseline length (default 10)."), QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout-seconds"),
        QStringLiteral("Give up on a method after this long (default 600)."), QStringLiteral("S"),
        QStringLiteral("600"));
    const QCommandLineOption methodsOpt(QStringLiteral("methods"),
        QStringLiteral("Which to run: a (clamscan), b (clamd), c (Mamori on folders), i and r "
                       "(Mamori on image VMs, --image); default a,b,c."),
        QStringLiteral("LIST"), QStringLiteral("a,b,c"));
    const QCommandLineOption sharedAgentsOpt(QStringLiteral("shared-agents"),
        QStringLiteral("Run the 25 clamscan (and clamdscan) agents from the host's own files, so "
                       "that they share library pages, instead of each from a private copy as in "
                       "its own VM."));
    const QCommandLineOption noDesksOpt(QStringLiteral("no-desks"),
        QStringLiteral("No lab desk workloads (the baseline is then the foreground task alone)."));
    const QCommandLineOption noDropOpt(QStringLiteral("no-drop-caches"),
        QStringLiteral("Do not drop the page cache before each method."));
    const QCommandLineOption imageOpt(QStringLiteral("image"),
        QStringLiteral("Image mode: the VMs also as qcow2 linked clones of one golden image "
                       "(lab --disks qcow2); methods i (Mamori, first scan of the image VMs) and "
                       "r (Mamori, rescan after a restart); default methods a,b,i,r and lab "
                       "/var/tmp/mamori-bench/storm-lab-images."));
    const QCommandLineOption diskFsOpt(QStringLiteral("disk-fs"),
        QStringLiteral("Image mode: the golden image's file system, ext4 or ntfs (default ext4)."),
        QStringLiteral("FS"), QStringLiteral("ext4"));
    p.addOptions({applianceOpt, labOpt, outOpt, vmsOpt, seedOpt, filesOpt, mbOpt, baseOpt,
        timeoutOpt, methodsOpt, noDesksOpt, sharedAgentsOpt, noDropOpt, imageOpt, diskFsOpt});
    p.process(app);
    Options o;
    o.appliance = QFileInfo(p.value(applianceOpt)).absoluteFilePath();
    o.labDir = QDir(p.value(labOpt)).absolutePath();
    o.outDir = QDir(p.value(outOpt)).absolutePath();
    o.vms = std::max(1, p.value(vmsOpt).toInt());
    o.seed = p.value(seedOpt).toULongLong();
    o.files = std::max(10, p.value(filesOpt).toInt());
    o.imageMb = std::max(1, p.value(mbOpt).toInt());
    o.baselineSeconds = std::max(3, p.value(baseOpt).toInt());
    o.timeoutSeconds = std::max(10, p.value(timeoutOpt).toInt());
    o.desks = !p.isSet(noDesksOpt);
    o.privateAgents = !p.isSet(sharedAgentsOpt);
    o.dropCaches = !p.isSet(noDropOpt);
    o.methods = p.value(methodsOpt).split(u',', Qt::SkipEmptyParts);
    o.image = p.isSet(imageOpt);
    o.diskFs = p.value(diskFsOpt);
    if (o.image && !p.isSet(methodsOpt))
        o.methods = {
            QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("i"), QStringLiteral("r")};
    if (o.image && !p.isSet(labOpt))
        o.labDir = QStringLiteral("/var/tmp/mamori-bench/storm-lab-images");
    if (o.image && !p.isSet(outOpt))
        o.outDir = QStringLiteral("/var/tmp/mamori-bench/scan-storm-images");
    if (!QFileInfo(o.appliance).isExecutable()) {
        say("scan-storm: no mamori-appliance at '%s' (--appliance)", qPrintable(o.appliance));
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    StormRun run(o);
    const int code = run.run(QFileInfo(QCoreApplication::applicationFilePath()).absoluteFilePath());
    curl_global_cleanup();
    return code;
}
