// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabWorkloads.h"

#include "appliance/fs/PosixIo.h"
#include "appliance/lab/LabRandom.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {

struct LabWorkloads::Vm
{
    QString name;
    QString root;
    quint64 seed = 0;
    QString cgroupDir;
    QByteArray procsFile; // cgroupDir/cgroup.procs, for the child to join
    QPointer<QProcess> process;
};

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size() && f.flush();
}

// Where the unified hierarchy is mounted: /sys/fs/cgroup on current systems,
// /sys/fs/cgroup/unified on hybrid ones.
QString cgroup2Mount()
{
    const QList<QByteArray> lines = readAll(QStringLiteral("/proc/self/mountinfo")).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype dash = line.indexOf(" - ");
        if (dash < 0 || !line.mid(dash + 3).startsWith("cgroup2 "))
            continue;
        const QList<QByteArray> fields = line.left(dash).split(' ');
        if (fields.size() >= 5)
            return QString::fromUtf8(fields[4]).replace(QLatin1String("\\040"), QLatin1String(" "));
    }
    return {};
}

// This process's own group: a delegated service may only create groups there.
QString ownCgroup(qint64 pid = 0)
{
    const QString file =
        pid ? QStringLiteral("/proc/%1/cgroup").arg(pid) : QStringLiteral("/proc/self/cgroup");
    const QList<QByteArray> lines = readAll(file).split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("0::"))
            return QString::fromUtf8(line.mid(3));
    }
    return {};
}

bool makeGroup(const QString &dir, QString *problem)
{
    if (::mkdir(QFile::encodeName(dir).constData(), 0755) == 0)
        return true;
    if (errno != EEXIST) {
        *problem = QStringLiteral("cannot create cgroup %1: %2").arg(dir, fs::errnoText());
        return false;
    }
    // Left over from a lab that died: end whatever still runs there.
    if (!readAll(dir + QStringLiteral("/cgroup.procs")).trimmed().isEmpty())
        writeText(dir + QStringLiteral("/cgroup.kill"), "1");
    return true;
}

} // namespace

LabWorkloads::LabWorkloads(QObject *parent)
    : QObject(parent),
      m_program(QCoreApplication::applicationFilePath()), m_leading {QStringLiteral("lab-workload")}
{ }

LabWorkloads::~LabWorkloads()
{
    stop();
}

void LabWorkloads::setProgram(const QString &program, const QStringList &leadingArguments)
{
    m_program = program;
    m_leading = leadingArguments;
}

void LabWorkloads::setGroupName(const QString &name)
{
    m_groupName = name;
}

void LabWorkloads::setUseCgroups(bool use)
{
    m_useCgroups = use;
}

void LabWorkloads::setRestartDelay(std::chrono::milliseconds delay)
{
    m_restartDelay = delay;
}

void LabWorkloads::setUpCgroups(const QMap<QString, QString> &vmRoots)
{
    m_parent.clear();
    m_cgroupProblem.clear();
    if (!m_useCgroups) {
        m_cgroupProblem = QStringLiteral("cgroups turned off");
        return;
    }
    const QString mount = cgroup2Mount();
    if (mount.isEmpty()) {
        m_cgroupProblem = QStringLiteral("no cgroup v2 hierarchy is mounted");
        return;
    }
    QString name = m_groupName;
    if (name.isEmpty()) {
        const QByteArray roots = QStringList(vmRoots.values()).join(QLatin1Char('\n')).toUtf8();
        name = QStringLiteral("mamori-lab-")
            + QString::fromLatin1(
                QCryptographicHash::hash(roots, QCryptographicHash::Sha256).toHex().left(8));
    }
    const QString parent =
        QDir::cleanPath(mount + QLatin1Char('/') + ownCgroup() + QLatin1Char('/') + name);
    if (!makeGroup(parent, &m_cgroupProblem))
        return;
    m_parent = parent;
    // Memory, CPU and I/O accounting per VM if the parent lets us have them;
    // cpu.stat is there either way.
    const QList<QByteArray> available =
        readAll(parent + QStringLiteral("/cgroup.controllers")).simplified().split(' ');
    for (const char *c : {"cpu", "memory", "io", "pids"}) {
        if (available.contains(c))
            writeText(parent + QStringLiteral("/cgroup.subtree_control"), QByteArray("+") + c);
    }
    for (const auto &vm : std::as_const(m_vms)) {
        const QString dir = parent + QLatin1Char('/') + vm->name;
        if (!makeGroup(dir, &m_cgroupProblem))
            continue;
        vm->cgroupDir = dir;
        vm->procsFile = QFile::encodeName(dir + QStringLiteral("/cgroup.procs"));
        // A safety net under the workload's own limit.
        writeText(dir + QStringLiteral("/memory.max"), "128M");
    }
}

bool LabWorkloads::start(const QMap<QString, QString> &vmRoots, quint64 seed, QString *error)
{
    stop();
    m_stopping = false;
    for (auto it = vmRoots.cbegin(); it != vmRoots.cend(); ++it) {
        auto vm = std::make_shared<Vm>();
        vm->name = it.key();
        vm->root = it.value();
        // qHash differs between machines; a VM's workload must not.
        quint64 h = 0x6c6162;
        for (const QChar c : it.key())
            h = labMix(h, c.unicode());
        vm->seed = labMix(seed, h);
        m_vms.insert(vm->name, vm);
    }
    setUpCgroups(vmRoots);
    for (const auto &vm : std::as_const(m_vms)) {
        if (!startVm(*vm, error)) {
            stop();
            return false;
        }
    }
    return true;
}

bool LabWorkloads::startVm(Vm &vm, QString *error)
{
    auto *process = new QProcess(this);
    process->setProgram(m_program);
    process->setArguments(m_leading
        + QStringList {
            QStringLiteral("--root"), vm.root, QStringLiteral("--seed"), QString::number(vm.seed)});
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QByteArray procs = vm.procsFile;
    // Runs in the child before exec: it joins its group before it does any
    // work, and it ends with us rather than outliving a crashed appliance.
    process->setChildProcessModifier([procs] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (!procs.isEmpty()) {
            const int fd = ::open(procs.constData(), O_WRONLY | O_CLOEXEC);
            if (fd >= 0) {
                [[maybe_unused]] const ssize_t n = ::write(fd, "0", 1);
                ::close(fd);
            }
        }
    });
    process->start();
    if (!process->waitForStarted()) {
        if (error)
            *error = QStringLiteral("cannot start the workload of %1 (%2): %3")
                         .arg(vm.name, m_program, process->errorString());
        delete process;
        return false;
    }
    if (!vm.cgroupDir.isEmpty() && !m_parent.isEmpty()
        && !vm.cgroupDir.endsWith(ownCgroup(process->processId()))) {
        // The child could not join (e.g. a read-only cgroup.procs); follow
        // its PID instead and say why.
        m_cgroupProblem =
            QStringLiteral("workload of %1 could not join %2").arg(vm.name, vm.cgroupDir);
        vm.cgroupDir.clear();
    }
    vm.process = process;
    const QString name = vm.name;
    connect(process, &QProcess::finished, this, [this, name, process](int code) {
        process->deleteLater();
        if (const auto ended = m_vms.value(name); ended && ended->process == process)
            ended->process = nullptr;
        if (m_stopping)
            return;
        Q_EMIT workloadExited(name, code);
        QTimer::singleShot(m_restartDelay, this, [this, name] {
            const auto again = m_vms.value(name);
            if (!m_stopping && again && !again->process)
                startVm(*again, nullptr);
        });
    });
    return true;
}

void LabWorkloads::stop()
{
    m_stopping = true;
    for (const auto &vm : std::as_const(m_vms)) {
        if (vm->process)
            vm->process->terminate();
    }
    for (const auto &vm : std::as_const(m_vms)) {
        QProcess *p = vm->process;
        if (!p)
            continue;
        if (!p->waitForFinished(3000)) {
            p->kill();
            p->waitForFinished(3000);
        }
        delete p;
    }
    removeCgroups();
    m_vms.clear();
}

void LabWorkloads::removeCgroups()
{
    for (const auto &vm : std::as_const(m_vms)) {
        if (!vm->cgroupDir.isEmpty())
            ::rmdir(QFile::encodeName(vm->cgroupDir).constData());
    }
    if (!m_parent.isEmpty())
        ::rmdir(QFile::encodeName(m_parent).constData());
    m_parent.clear();
}

bool LabWorkloads::isRunning() const
{
    for (const auto &vm : m_vms) {
        if (vm->process && vm->process->state() != QProcess::NotRunning)
            return true;
    }
    return false;
}

LabVmSource LabWorkloads::source(const QString &vmName) const
{
    const auto vm = m_vms.value(vmName);
    if (!vm)
        return {};
    return {vm->cgroupDir, vm->process ? vm->process->processId() : 0};
}

QHash<QString, LabVmSource> LabWorkloads::sources() const
{
    QHash<QString, LabVmSource> out;
    for (auto it = m_vms.cbegin(); it != m_vms.cend(); ++it)
        out.insert(it.key(), source(it.key()));
    return out;
}

} // namespace mamori::appliance
