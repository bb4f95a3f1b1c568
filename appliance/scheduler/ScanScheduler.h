// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/ImageScanWorker.h"
#include "appliance/inventory/Inventory.h"
#include "appliance/policy/Policy.h"
#include "appliance/scan/ScanTypes.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <functional>
#include <optional>

namespace mamori::appliance {

class ScanCache;
class ScanWorker;

// The scan queue of one appliance: one job per VM, at most
// `max_concurrent_scans` running, manual jobs before automatic ones before
// scheduled ones, a VM never twice in the queue, scheduled scans spread over
// their window, and jobs interrupted by a restart queued again.
class ScanScheduler : public QObject
{
    Q_OBJECT

public:
    struct EngineRef
    {
        std::shared_ptr<const ScanEngine> engine;
        QString patternVersion;
    };
    using EngineProvider = std::function<EngineRef()>;
    using VmLookup = std::function<std::optional<VmRecord>(const QString &vmId)>;
    using VmList = std::function<QList<VmRecord>()>;

    ScanScheduler(QSqlDatabase db, ScanCache &cache, QObject *parent = nullptr);
    ~ScanScheduler() override;
    static QList<const char *> schemaSteps();

    void setEngineProvider(EngineProvider provider) { m_engine = std::move(provider); }
    // Where scans of image VMs put their sockets and what they share.
    void setImageEnvironment(image::ImageScanEnvironment environment)
    {
        m_image = std::move(environment);
    }
    void setInventory(VmLookup lookup, VmList list);
    void setPolicy(const Policy &policy);
    // Marks jobs that were running when the appliance stopped and queues
    // them again (once; start() does it if nobody did before).
    void recoverInterrupted();
    // Starts the schedule timer and the queue.
    void start();
    void stopAll();

    // Origins, from most to least urgent.
    static QStringList origins(); // vm-start, manual, overflow, new-vm, pattern, scheduled
    // Queues one job per VM; a VM already queued keeps its job (upgraded to
    // the more urgent origin and the wider kind). Returns the job ids.
    bool enqueue(const QStringList &vmIds, const QString &kind, const QStringList &paths,
        const QString &origin, QStringList *jobIds, QString *code, QString *message);
    bool cancel(const QString &jobId, QString *code, QString *message);
    // The governor's word: running jobs pause and nothing new starts.
    // `hold` (ScanGovernor::hold) is why, in figures: queued and paused jobs
    // carry it as "held_back" while it lasts.
    void setPaused(bool paused, const QString &reason, const QJsonObject &hold = {});
    bool isPaused() const { return m_paused; }
    // An administrator's "run now" for a queued or held-back job: it starts
    // (or resumes) at once, despite the governor's hold and the limit of
    // concurrent scans, and the governor does not pause it.
    bool runNow(const QString &jobId, QString *code, QString *message);

    QJsonArray jobs(const QString &stateFilter, int limit, int offset = 0) const;
    std::optional<QJsonObject> job(const QString &jobId) const;
    bool isScanning(const QString &vmId) const;
    bool anyRunning() const { return !m_running.isEmpty(); }
    QDateTime lastCompletedScan(const QString &vmId, bool fullOnly) const;

    // What a VM listing needs of every VM's scans, in two queries instead of
    // three per VM. Keyed by VM id; `vmId` limits it to one VM.
    struct VmScans
    {
        QDateTime lastScan; // started, of the newest finished scan
        QDateTime lastFullScan; // started, of the newest finished full scan
        QString lastFullScanPattern;
        QStringList unscannable; // image VMs: what the newest full scan could not read
    };
    QHash<QString, VmScans> scansByVm(const QString &vmId = {}) const;
    // Stops the running job of a VM and queues it again with `origin`.
    // False if none runs.
    bool restartRunning(const QString &vmId, const QString &origin);
    // An image VM's power changed. Its disks are read one way while it is
    // off (qemu-nbd) and another while it runs (a backup job): a scan under
    // way starts over the right way. A VM that starts with a verdict from an
    // older pattern (or none) gets a full scan at the front of the queue
    // (origin "vm-start"). Returns whether a job was queued or restarted.
    bool imageVmPowerChanged(
        const VmRecord &before, const VmRecord &after, const QString &activePattern);

    // Runs the schedule check for `now` (public so that tests can drive it).
    void checkSchedule(const QDateTime &now);

Q_SIGNALS:
    // type: scan.queued, scan.started, scan.progress, scan.paused,
    // scan.resumed, scan.finished, scan.cancelled, scan.failed
    void jobEvent(const QString &type, const QJsonObject &job);
    void detection(const mamori::appliance::Detection &detection);
    void incomplete(const QString &vmId, const QString &vmPath, const QString &reason);

private:
    struct Running
    {
        QObject *worker = nullptr; // a ScanWorker or an image::ImageScanWorker
        std::function<void()> start, cancel, pause, resume;
        QString vmId;
        ScanProgress progress;
        qint64 lastProgressEvent = 0;
        // What the previous finished scan of the VM of the same kind went
        // through: the expected totals of this one (-1: no such scan).
        qint64 expectedFiles = -1;
        qint64 expectedBytes = -1;
        bool forced = false; // started by runNow: the governor leaves it running
    };

    template<typename Worker>
    void attach(Worker *worker, const QString &jobId, const QString &vmId);
    void dispatch();
    void startJob(const QString &jobId, bool forced = false);
    // Files and bytes of the VM's newest finished scan of `kind` (full or quick).
    std::pair<qint64, qint64> previousTotals(const QString &vmId, const QString &kind) const;
    void onProgress(const QString &jobId, const ScanProgress &progress);
    void onFinished(const QString &jobId, const ScanOutcome &outcome);
    void setState(const QString &jobId, const QString &state, const QString &error = {},
        const QString &errorCode = {});
    QJsonObject jobJson(const QString &jobId) const;
    QString emitJob(const QString &type, const QString &jobId);

    QSqlDatabase m_db;
    ScanCache &m_cache;
    Policy m_policy;
    EngineProvider m_engine;
    image::ImageScanEnvironment m_image;
    VmLookup m_lookupVm;
    VmList m_listVms;
    QHash<QString, Running> m_running; // job id → worker
    bool m_paused = false;
    QString m_pauseReason;
    QJsonObject m_hold;
    QTimer m_scheduleTimer;
    bool m_started = false;
    bool m_recovered = false;
};

} // namespace mamori::appliance
