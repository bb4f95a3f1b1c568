// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScanJobModel.h"

#include "ScanFollow.h"
#include "StatusText.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

namespace mamori::console {

struct ScanQueueHost
{
    int id = 0;
    int row = 0;
    QString name;
    bool online = false;
    bool paused = false;
    QList<ScanJob> current; // running first, then waiting in the order they will run
    QList<ScanJob> recent; // ended, newest first

    int groupRow() const { return int(current.size()); }
    int running() const
    {
        return int(std::count_if(
            current.cbegin(), current.cend(), [](const ScanJob &j) { return j.isActive(); }));
    }
};

namespace {

// A child of a host row carries the host; a child of its "Recent scans" row
// carries the host with the lowest bit set (hosts are aligned).
constexpr quintptr kRecentTag = 1;

bool currentBefore(const ScanJob &a, const ScanJob &b)
{
    if (a.isActive() != b.isActive())
        return a.isActive();
    if (a.isActive())
        return a.started != b.started ? a.started < b.started : a.id < b.id;
    return runsBefore(a, b);
}

bool recentBefore(const ScanJob &a, const ScanJob &b)
{
    return a.finished != b.finished ? a.finished > b.finished : a.id > b.id;
}

qsizetype find(const QList<ScanJob> &jobs, const QString &id)
{
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        if (jobs[i].id == id)
            return i;
    }
    return -1;
}

// The columns whose text differs between two states of a job.
std::pair<int, int> changedColumns(const ScanJob &a, const ScanJob &b)
{
    using C = ScanJobModel::Column;
    if (a.state != b.state || a.kind != b.kind || a.vmName != b.vmName)
        return {C::PositionColumn, C::ColumnCount - 1};
    if (a.pauseReason != b.pauseReason || a.errorMessage != b.errorMessage
        || a.threatsFound != b.threatsFound)
        return {C::StateColumn, C::ColumnCount - 1};
    return {C::ProgressColumn, C::ColumnCount - 1};
}

QVariant bold()
{
    QFont font;
    font.setBold(true);
    return font;
}

} // namespace

ScanJobModel::ScanJobModel(QObject *parent) : QAbstractItemModel(parent) { }

ScanJobModel::~ScanJobModel() = default;

ScanQueueHost *ScanJobModel::hostOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalId() == 0)
        return size_t(index.row()) < m_hosts.size() ? m_hosts[size_t(index.row())].get() : nullptr;
    return reinterpret_cast<ScanQueueHost *>(index.internalId() & ~kRecentTag);
}

const ScanJob *ScanJobModel::jobAt(const QModelIndex &index) const
{
    const ScanQueueHost *host = hostOf(index);
    if (!host || index.internalId() == 0)
        return nullptr;
    if (index.internalId() & kRecentTag)
        return index.row() < host->recent.size() ? &host->recent[index.row()] : nullptr;
    return index.row() < host->current.size() ? &host->current[index.row()] : nullptr;
}

QModelIndex ScanJobModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return size_t(row) < m_hosts.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.column() != 0 || jobAt(parent) || (parent.internalId() & kRecentTag))
        return {};
    ScanQueueHost *host = hostOf(parent);
    if (parent.internalId() == 0) // a host's rows: its jobs, then the group
        return row < host->groupRow() + (host->recent.isEmpty() ? 0 : 1)
            ? createIndex(row, column, quintptr(host))
            : QModelIndex();
    // The group's rows: the recent jobs.
    return row < host->recent.size() ? createIndex(row, column, quintptr(host) | kRecentTag)
                                     : QModelIndex();
}

QModelIndex ScanJobModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const ScanQueueHost *host = hostOf(child);
    if (child.internalId() & kRecentTag)
        return recentIndex(host);
    return createIndex(host->row, 0, quintptr(0));
}

int ScanJobModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_hosts.size());
    if (parent.column() != 0 || (parent.internalId() & kRecentTag))
        return 0;
    const ScanQueueHost *host = hostOf(parent);
    if (parent.internalId() == 0)
        return host->groupRow() + (host->recent.isEmpty() ? 0 : 1);
    return parent.row() == host->groupRow() ? int(host->recent.size()) : 0;
}

int ScanJobModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QModelIndex ScanJobModel::recentIndex(const ScanQueueHost *host, int column) const
{
    return createIndex(host->groupRow(), column, quintptr(host));
}

QModelIndex ScanJobModel::hostIndex(int hostId, int column) const
{
    const ScanQueueHost *host = m_hostById.value(hostId);
    return host ? createIndex(host->row, column, quintptr(0)) : QModelIndex();
}

QModelIndex ScanJobModel::jobIndex(int hostId, const QString &jobId, int column) const
{
    const ScanQueueHost *host = m_hostById.value(hostId);
    if (!host)
        return {};
    if (const qsizetype i = find(host->current, jobId); i >= 0)
        return createIndex(int(i), column, quintptr(host));
    if (const qsizetype i = find(host->recent, jobId); i >= 0)
        return createIndex(int(i), column, quintptr(host) | kRecentTag);
    return {};
}

const ScanJob *ScanJobModel::job(int hostId, const QString &jobId) const
{
    return jobAt(jobIndex(hostId, jobId));
}

QList<ScanJob> ScanJobModel::jobs(int hostId) const
{
    const ScanQueueHost *host = m_hostById.value(hostId);
    return host ? host->current + host->recent : QList<ScanJob>();
}

int ScanJobModel::runningCount() const
{
    int n = 0;
    for (const auto &host : m_hosts)
        n += host->running();
    return n;
}

int ScanJobModel::waitingCount() const
{
    int n = 0;
    for (const auto &host : m_hosts)
        n += host->groupRow() - host->running();
    return n;
}

void ScanJobModel::setHost(int hostId, const QString &name)
{
    if (ScanQueueHost *host = m_hostById.value(hostId)) {
        if (host->name != name) {
            host->name = name;
            announceHost(host);
        }
        return;
    }
    auto host = std::make_unique<ScanQueueHost>();
    host->id = hostId;
    host->name = name;
    host->row = int(m_hosts.size());
    beginInsertRows({}, host->row, host->row);
    m_hostById.insert(hostId, host.get());
    m_hosts.push_back(std::move(host));
    endInsertRows();
}

void ScanJobModel::removeHost(int hostId)
{
    ScanQueueHost *host = m_hostById.value(hostId);
    if (!host)
        return;
    const int row = host->row;
    beginRemoveRows({}, row, row);
    m_hostById.remove(hostId);
    m_hosts.erase(m_hosts.begin() + row);
    for (size_t i = size_t(row); i < m_hosts.size(); ++i)
        m_hosts[i]->row = int(i);
    endRemoveRows();
}

void ScanJobModel::setHostState(int hostId, bool online, bool paused)
{
    ScanQueueHost *host = m_hostById.value(hostId);
    if (!host || (host->online == online && host->paused == paused))
        return;
    host->online = online;
    host->paused = paused;
    announceHost(host);
}

void ScanJobModel::setJobs(int hostId, const QList<ScanJob> &jobs)
{
    ScanQueueHost *host = m_hostById.value(hostId);
    if (!host)
        return;
    QSet<QString> listed;
    for (const ScanJob &job : jobs) {
        listed.insert(job.id);
        applyJob(hostId, job);
    }
    QStringList gone;
    for (const QList<ScanJob> *list : {&host->current, &host->recent}) {
        for (const ScanJob &job : *list) {
            if (!listed.contains(job.id))
                gone.append(job.id);
        }
    }
    for (const QString &id : std::as_const(gone))
        removeJob(host, id);
}

void ScanJobModel::applyJob(int hostId, const ScanJob &job)
{
    ScanQueueHost *host = m_hostById.value(hostId);
    if (!host || job.id.isEmpty())
        return;
    if (const ScanJob *known = this->job(hostId, job.id); known && !known->acceptsReport(job))
        return;
    if (job.hasEnded())
        placeRecent(host, job);
    else
        placeCurrent(host, job);
}

void ScanJobModel::placeCurrent(ScanQueueHost *host, const ScanJob &job)
{
    if (find(host->recent, job.id) >= 0)
        removeJob(host, job.id);
    const QModelIndex parent = createIndex(host->row, 0, quintptr(0));
    QList<ScanJob> &list = host->current;
    const qsizetype at = find(list, job.id);
    if (at >= 0) {
        const auto [first, last] = changedColumns(list[at], job);
        const bool sameOrder = (at == 0 || !currentBefore(job, list[at - 1]))
            && (at + 1 == list.size() || !currentBefore(list[at + 1], job));
        if (sameOrder) {
            const bool changed = !(list[at] == job);
            const bool stateChanged = list[at].state != job.state;
            list[at] = job;
            if (changed && first <= last)
                emit dataChanged(index(int(at), first, parent), index(int(at), last, parent));
            if (stateChanged)
                announceHost(host);
            return;
        }
        // Its place in the queue changed (it started, or was hurried).
        QList<ScanJob> others = list;
        others.removeAt(at);
        const qsizetype to =
            std::upper_bound(others.begin(), others.end(), job, currentBefore) - others.begin();
        if (beginMoveRows(parent, int(at), int(at), parent, int(to >= at ? to + 1 : to))) {
            list = others;
            list.insert(to, job);
            endMoveRows();
        } else {
            list[at] = job;
        }
        emit dataChanged(index(int(to), 0, parent), index(int(to), ColumnCount - 1, parent));
        announceWaiting(host, 0);
        announceHost(host);
        return;
    }
    const qsizetype to =
        std::upper_bound(list.begin(), list.end(), job, currentBefore) - list.begin();
    beginInsertRows(parent, int(to), int(to));
    list.insert(to, job);
    endInsertRows();
    announceWaiting(host, int(to) + 1);
    announceHost(host);
}

void ScanJobModel::placeRecent(ScanQueueHost *host, const ScanJob &job)
{
    if (find(host->current, job.id) >= 0)
        removeJob(host, job.id);
    QList<ScanJob> &list = host->recent;
    if (const qsizetype at = find(list, job.id); at >= 0) {
        if (!(list[at] == job)) {
            list[at] = job;
            emit dataChanged(
                jobIndex(host->id, job.id), jobIndex(host->id, job.id, ColumnCount - 1));
        }
        return;
    }
    const qsizetype to =
        std::upper_bound(list.begin(), list.end(), job, recentBefore) - list.begin();
    if (to >= kRecentJobs)
        return; // older than every one kept
    if (list.isEmpty()) {
        // The "Recent scans" row comes with its first job.
        const QModelIndex parent = createIndex(host->row, 0, quintptr(0));
        beginInsertRows(parent, host->groupRow(), host->groupRow());
        list.append(job);
        endInsertRows();
    } else {
        beginInsertRows(recentIndex(host), int(to), int(to));
        list.insert(to, job);
        endInsertRows();
        if (list.size() > kRecentJobs) {
            const int last = int(list.size()) - 1;
            beginRemoveRows(recentIndex(host), last, last);
            list.removeLast();
            endRemoveRows();
        }
    }
    announceHost(host);
}

void ScanJobModel::removeJob(ScanQueueHost *host, const QString &jobId)
{
    const QModelIndex hostRow = createIndex(host->row, 0, quintptr(0));
    if (const qsizetype at = find(host->current, jobId); at >= 0) {
        beginRemoveRows(hostRow, int(at), int(at));
        host->current.removeAt(at);
        endRemoveRows();
        announceWaiting(host, int(at));
    } else if (const qsizetype was = find(host->recent, jobId); was >= 0) {
        if (host->recent.size() == 1) { // the group goes with its last job
            beginRemoveRows(hostRow, host->groupRow(), host->groupRow());
            host->recent.clear();
        } else {
            beginRemoveRows(recentIndex(host), int(was), int(was));
            host->recent.removeAt(was);
        }
        endRemoveRows();
    } else {
        return;
    }
    announceHost(host);
}

void ScanJobModel::announceHost(const ScanQueueHost *host)
{
    emit dataChanged(createIndex(host->row, 0, quintptr(0)),
        createIndex(host->row, ColumnCount - 1, quintptr(0)));
}

// The waiting jobs' places ("Waiting, number 2 in the queue") from `fromRow` on.
void ScanJobModel::announceWaiting(const ScanQueueHost *host, int fromRow)
{
    const int last = host->groupRow() - 1;
    if (fromRow > last)
        return;
    const QModelIndex parent = createIndex(host->row, 0, quintptr(0));
    emit dataChanged(
        index(fromRow, StateColumn, parent), index(last, StateColumn, parent), {Qt::DisplayRole});
}

QVariant ScanJobModel::data(const QModelIndex &index, int role) const
{
    const ScanQueueHost *host = hostOf(index);
    if (!host)
        return {};
    if (index.internalId() == 0)
        return hostData(host, index.column(), role);
    if (const ScanJob *job = jobAt(index))
        return jobData(
            host, *job, index.row(), index.internalId() & kRecentTag, index.column(), role);
    // The "Recent scans" row.
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == PositionColumn ? tr("Recent scans") : QVariant();
    case HostIdRole:
        return host->id;
    case JobStateRole:
        return -1;
    }
    return {};
}

QVariant ScanJobModel::hostData(const ScanQueueHost *host, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == PositionColumn)
            return host->name;
        if (column == StateColumn) {
            const int running = host->running();
            const int waiting = host->groupRow() - running;
            if (!host->online)
                return tr("Not connected");
            if (host->paused)
                return tr("Scans held back: the host is busy compared with its baseline");
            if (running == 0 && waiting == 0)
                return tr("Idle");
            return tr("%1 running, %2 waiting").arg(running).arg(waiting);
        }
        return {};
    case Qt::FontRole:
        return column == PositionColumn ? bold() : QVariant();
    case HostIdRole:
        return host->id;
    case JobStateRole:
        return -1;
    }
    return {};
}

QVariant ScanJobModel::jobData(
    const ScanQueueHost *host, const ScanJob &job, int row, bool recent, int column, int role) const
{
    switch (role) {
    case JobIdRole:
        return job.id;
    case HostIdRole:
        return host->id;
    case JobStateRole:
        return int(job.state);
    case PercentRole: {
        const auto e = ScanFollow::estimate(job, QDateTime::currentDateTimeUtc());
        return e ? QVariant(e->percent) : QVariant();
    }
    case Qt::FontRole:
        return job.isActive() ? bold() : QVariant();
    case Qt::ToolTipRole:
        // The guest chose the name: text, never markup.
        return column == PathColumn && job.isActive()
            ? StatusText::toolTip(job.progress.currentPath)
            : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const QLocale locale;
    switch (column) {
    case PositionColumn:
        if (recent)
            return StatusText::time(job.finished);
        return job.isActive() ? tr("▶ Now") : StatusText::jobState(job.state);
    case VmColumn:
        return job.vmName;
    case StateColumn:
        switch (job.state) {
        case JobState::Paused:
            if (job.heldBack)
                return ScanFollow::holdText(*job.heldBack);
            return job.pauseReason.isEmpty()
                ? tr("Paused by the governor")
                : tr("Paused by the governor (%1)").arg(job.pauseReason);
        case JobState::Finished:
            return job.threatsFound ? tr("Finished: threats found") : tr("Finished: clean");
        case JobState::Failed:
            return tr("Failed: %1").arg(job.errorMessage);
        case JobState::Queued:
            if (job.heldBack)
                return tr("%1; number %2 in the queue")
                    .arg(ScanFollow::holdText(*job.heldBack))
                    .arg(row - host->running() + 1);
            // Its place in the queue; the rows' order shows it too.
            return tr("Waiting, number %1 in the queue").arg(row - host->running() + 1);
        default:
            return StatusText::jobState(job.state);
        }
    case KindColumn:
        return StatusText::scanKind(job.kind);
    case ProgressColumn:
        return ScanFollow::progressText(job, QDateTime::currentDateTimeUtc());
    case CacheColumn:
        return tr("%1 / %2").arg(
            locale.toString(job.progress.cacheHits), locale.toString(job.progress.cacheMisses));
    case PathColumn:
        return job.isActive() ? job.progress.currentPath : QString();
    }
    return {};
}

QVariant ScanJobModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case PositionColumn:
        return tr("Host / position");
    case VmColumn:
        return tr("VM");
    case StateColumn:
        return tr("State");
    case KindColumn:
        return tr("Kind");
    case ProgressColumn:
        return tr("Progress");
    case CacheColumn:
        return tr("Scan cache hits / misses");
    case PathColumn:
        return tr("Current file");
    }
    return {};
}

void ScanJobModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    for (const auto &host : m_hosts) {
        announceHost(host.get());
        const QModelIndex parent = createIndex(host->row, 0, quintptr(0));
        const int rows = rowCount(parent);
        if (rows > 0)
            emit dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
        if (!host->recent.isEmpty())
            emit dataChanged(index(0, 0, recentIndex(host.get())),
                index(int(host->recent.size()) - 1, ColumnCount - 1, recentIndex(host.get())));
    }
}

} // namespace mamori::console
