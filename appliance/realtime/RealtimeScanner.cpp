// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/realtime/RealtimeScanner.h"

#include "appliance/fs/GuestPath.h"
#include "appliance/fs/VmRoot.h"
#include "appliance/realtime/RealtimeWatcher.h"
#include "appliance/scan/AccessGuard.h"
#include "appliance/scan/ScanWorker.h"

#include <QUuid>

#include <fcntl.h>
#include <sys/stat.h>

namespace mamori::appliance {

RealtimeScanner::RealtimeScanner(
    ScanCache &cache, ScanScheduler::EngineProvider engine, QObject *parent)
    : QObject(parent), m_cache(cache), m_engine(std::move(engine)),
      m_watcher(new RealtimeWatcher(this)), m_guard(new AccessGuard(cache, this))
{
    connect(m_guard, &AccessGuard::detection, this, &RealtimeScanner::detection);
    connect(m_guard, &AccessGuard::incomplete, this, &RealtimeScanner::incomplete);
    connect(m_watcher, &RealtimeWatcher::fileChanged, this, &RealtimeScanner::onFileChanged);
    connect(m_watcher, &RealtimeWatcher::overflowed, this, &RealtimeScanner::overflowed);
    connect(m_watcher, &RealtimeWatcher::watchFailed, this, &RealtimeScanner::watchFailed);
}

RealtimeScanner::~RealtimeScanner()
{
    for (ScanWorker *w : std::as_const(m_busy)) {
        w->disconnect(this);
        w->cancel();
        delete w;
    }
}

void RealtimeScanner::setPolicy(const Policy &policy)
{
    m_policy = policy;
    reconcile();
}

void RealtimeScanner::setVms(const QList<VmRecord> &vms)
{
    m_vms.clear();
    for (const VmRecord &vm : vms)
        m_vms.insert(vm.id.toString(QUuid::WithoutBraces), vm);
    reconcile();
}

bool RealtimeScanner::isWatching(const QString &vmId) const
{
    return m_watcher->isWatching(vmId);
}

bool RealtimeScanner::isBlocking(const QString &vmId) const
{
    return m_guard->isGuarding(vmId);
}

void RealtimeScanner::refreshEngine()
{
    const ScanScheduler::EngineRef engine = m_engine ? m_engine() : ScanScheduler::EngineRef {};
    m_guard->setEngine({engine.engine, engine.patternVersion});
}

void RealtimeScanner::setAllowedHashes(const QSet<QString> &sha256s)
{
    m_guard->setAllowedHashes(sha256s);
}

// Watches exactly the VMs whose policy is not "off", each at its root, and
// guards the opens of those in mode "block".
void RealtimeScanner::reconcile()
{
    refreshEngine();
    QHash<QString, QString> blocked;
    for (auto it = m_vms.cbegin(); it != m_vms.cend(); ++it) {
        if (!it->root.isEmpty() && m_policy.realtimeMode(it.key()) == QLatin1String("block"))
            blocked.insert(it.key(), it->root);
    }
    QString guardError;
    if (!m_guard->setRoots(blocked, &guardError)) {
        guardError = QStringLiteral("on-access blocking unavailable (%1); files are scanned "
                                    "after writing only")
                         .arg(guardError);
        if (guardError != m_guardError) {
            for (const QString &vmId : blocked.keys())
                Q_EMIT watchFailed(vmId, guardError);
        }
    }
    m_guardError = guardError;

    for (const QString &id : m_watcher->watchedVms()) {
        if (!m_vms.contains(id) || m_policy.realtimeMode(id) == QLatin1String("off"))
            m_watcher->unwatch(id);
    }
    for (auto it = m_vms.begin(); it != m_vms.end(); ++it) {
        if (m_policy.realtimeMode(it.key()) == QLatin1String("off") || it->root.isEmpty()
            || m_watcher->isWatching(it.key()))
            continue;
        QString error;
        if (!m_watcher->watch(it.key(), it->root, &error))
            Q_EMIT watchFailed(it.key(), error);
    }
}

void RealtimeScanner::onFileChanged(const QString &vmId, const QByteArray &vmPath)
{
    if (!m_vms.contains(vmId))
        return;
    m_waiting[vmId].insert(vmPath);
    if (!m_busy.contains(vmId))
        startBatch(vmId);
}

void RealtimeScanner::startBatch(const QString &vmId)
{
    const auto vm = m_vms.constFind(vmId);
    QStringList paths;
    // A file may be gone again by now (a temporary file): skip it rather
    // than report it. Looked at beneath the root, as the scan will.
    const fs::VmRoot root(vm != m_vms.constEnd() ? vm->root : QString());
    for (const QByteArray &p : m_waiting.take(vmId)) {
        struct stat st;
        const fs::Fd fd = root.open(p, O_PATH);
        if (fd.valid() && ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode))
            paths << fs::displayPath(p);
    }
    const ScanScheduler::EngineRef engine = m_engine ? m_engine() : ScanScheduler::EngineRef {};
    if (paths.isEmpty() || vm == m_vms.constEnd() || !engine.engine)
        return;
    ScanRequest request;
    request.jobId = QStringLiteral("realtime");
    request.vmId = vmId;
    request.root = vm->root;
    request.kind = QStringLiteral("custom");
    request.paths = paths;
    request.exclusions = m_policy.exclusions;
    request.engine = engine.engine;
    request.patternVersion = engine.patternVersion;
    auto *worker = new ScanWorker(request, m_cache);
    m_busy.insert(vmId, worker);
    connect(worker, &ScanWorker::detection, this, &RealtimeScanner::detection);
    connect(worker, &ScanWorker::incomplete, this,
        [this, vmId](const QString &vmPath, const QString &reason) {
            Q_EMIT incomplete(vmId, vmPath, reason);
        });
    connect(worker, &ScanWorker::finished, this, [this, vmId, worker](const ScanOutcome &o) {
        m_filesScanned += o.totals.files;
        m_busy.remove(vmId);
        worker->deleteLater();
        // Files written while this batch ran are next.
        if (m_waiting.contains(vmId))
            startBatch(vmId);
    });
    worker->start();
}

} // namespace mamori::appliance
