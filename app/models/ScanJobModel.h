// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/ScanJob.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace mamori::console {

struct ScanQueueHost;

// The scan queue of every appliance, as the Scans page shows it: a row per
// appliance; below it the running job on top, the waiting ones in the order
// they will run (each saying its place), and a "Recent scans" row holding the
// newest ended ones. A job's change moves, inserts or removes its row, or repaints
// just its cells; nothing is ever rebuilt.
class ScanJobModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        PositionColumn,
        VmColumn,
        StateColumn,
        KindColumn,
        ProgressColumn,
        CacheColumn,
        PathColumn,
        ColumnCount
    };
    enum Role {
        JobIdRole = Qt::UserRole + 1, // QString; empty on host and group rows
        HostIdRole, // int, on every row
        JobStateRole, // int(JobState); -1 on host and group rows
        PercentRole, // int 0..99 of a running job with expected totals; else invalid
    };
    static constexpr int kRecentJobs = 50; // ended jobs kept per appliance

    explicit ScanJobModel(QObject *parent = nullptr);
    ~ScanJobModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds the appliance (at the end) or renames it.
    void setHost(int hostId, const QString &name);
    void removeHost(int hostId);
    // Whether the console follows it now, and whether its governor holds
    // scans back: the appliance row says so.
    void setHostState(int hostId, bool online, bool paused);
    // The appliance's whole queue and history (GET /api/v1/scans): jobs it
    // no longer lists leave.
    void setJobs(int hostId, const QList<ScanJob> &jobs);
    // One job as a scan.* event or an answer carries it.
    void applyJob(int hostId, const ScanJob &job);

    QModelIndex hostIndex(int hostId, int column = 0) const;
    QModelIndex jobIndex(int hostId, const QString &jobId, int column = 0) const;
    const ScanJob *job(int hostId, const QString &jobId) const;
    // Running and waiting first (in queue order), then the recent ended ones.
    QList<ScanJob> jobs(int hostId) const;
    int runningCount() const; // over the fleet
    int waitingCount() const;

    // Call after installing another translator: texts are made in data().
    void retranslate();

private:
    ScanQueueHost *hostOf(const QModelIndex &index) const;
    const ScanJob *jobAt(const QModelIndex &index) const;
    QModelIndex recentIndex(const ScanQueueHost *host, int column = 0) const;
    void placeCurrent(ScanQueueHost *host, const ScanJob &job);
    void placeRecent(ScanQueueHost *host, const ScanJob &job);
    void removeJob(ScanQueueHost *host, const QString &jobId);
    void announceHost(const ScanQueueHost *host);
    void announceWaiting(const ScanQueueHost *host, int fromRow);
    QVariant hostData(const ScanQueueHost *host, int column, int role) const;
    QVariant jobData(const ScanQueueHost *host, const ScanJob &job, int row, bool recent,
        int column, int role) const;

    std::vector<std::unique_ptr<ScanQueueHost>> m_hosts;
    QHash<int, ScanQueueHost *> m_hostById;
};

} // namespace mamori::console
