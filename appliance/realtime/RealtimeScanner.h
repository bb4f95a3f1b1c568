// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/Inventory.h"
#include "appliance/policy/Policy.h"
#include "appliance/scheduler/ScanScheduler.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace mamori::appliance {

class AccessGuard;
class RealtimeWatcher;
class ScanCache;
class ScanWorker;

// Real-time scanning: files written in a VM are scanned within a second, by
// a small scan of just those files that does not wait in the scan queue. In
// mode "block" opening a file also waits for its verdict (AccessGuard).
class RealtimeScanner : public QObject
{
    Q_OBJECT

public:
    RealtimeScanner(
        ScanCache &cache, ScanScheduler::EngineProvider engine, QObject *parent = nullptr);
    ~RealtimeScanner() override;

    void setPolicy(const Policy &policy);
    void setVms(const QList<VmRecord> &vms);
    bool isWatching(const QString &vmId) const;
    bool isBlocking(const QString &vmId) const;
    // After a pattern change: the guard scans with the new engine.
    void refreshEngine();
    void setAllowedHashes(const QSet<QString> &sha256s);
    qint64 filesScanned() const { return m_filesScanned; }

Q_SIGNALS:
    void detection(const mamori::appliance::Detection &detection);
    void incomplete(const QString &vmId, const QString &vmPath, const QString &reason);
    // The VM may have changed unseen (queue overflow, out of watches): scan it.
    void overflowed(const QString &vmId);
    void watchFailed(const QString &vmId, const QString &error);

private:
    void onFileChanged(const QString &vmId, const QByteArray &vmPath);
    void startBatch(const QString &vmId);
    void reconcile();

    ScanCache &m_cache;
    ScanScheduler::EngineProvider m_engine;
    RealtimeWatcher *m_watcher;
    AccessGuard *m_guard;
    QString m_guardError; // reported once, not at every reconcile
    Policy m_policy;
    QHash<QString, VmRecord> m_vms;
    QHash<QString, QSet<QByteArray>> m_waiting; // vm → VM paths (bytes) to scan next
    QHash<QString, ScanWorker *> m_busy; // vm → its running batch
    qint64 m_filesScanned = 0;
};

} // namespace mamori::appliance
