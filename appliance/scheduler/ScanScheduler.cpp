// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/scheduler/ScanScheduler.h"

#include "appliance/scan/ScanCache.h"
#include "appliance/scan/ScanWorker.h"
#include "appliance/store/Database.h"
#include "protocol/ScanOrigin.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace mamori::appliance {
namespace {

constexpr int kProgressEventMs = 1000;
const QString kColumns = QStringLiteral(
    "id, vm, vm_name, kind, paths, origin, state, queued, started, finished, progress, error, "
    "error_code, pattern, restarts, pause_reason");

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QJsonObject progressJson(const ScanProgress &p)
{
    return {{QStringLiteral("files"), p.files}, {QStringLiteral("files_total"), p.filesTotal},
        {QStringLiteral("bytes"), p.bytes}, {QStringLiteral("bytes_read"), p.bytesRead},
        {QStringLiteral("excluded"), p.excluded}, {QStringLiteral("incomplete"), p.incomplete},
        {QStringLiteral("errors"), p.errors}, {QStringLiteral("detections"), p.detections},
        {QStringLiteral("current_path"), p.currentPath},
        {QStringLiteral("cache"),
            QJsonObject {{QStringLiteral("hits"), p.cacheHits},
                {QStringLiteral("misses"), p.cacheMisses},
                {QStringLiteral("stat_hits"), p.statHits},
                {QStringLiteral("golden_hits"), p.goldenHits}}},
        {QStringLiteral("unscannable"), QJsonArray::fromStringList(p.unscannable)}};
}

int urgency(const QString &origin)
{
    return protocol::scanOriginUrgency(origin);
}

image::ImageScanRequest imageRequest(const ScanRequest &scan, const VmRecord &vm)
{
    image::ImageScanRequest r;
    r.scan = scan;
    r.power = vm.power;
    r.domain = vm.id;
    r.disks = vm.disks;
    return r;
}

int breadth(const QString &kind)
{
    return kind == QLatin1String("full") ? 2 : kind == QLatin1String("quick") ? 1 : 0;
}

} // namespace

QStringList ScanScheduler::origins()
{
    return protocol::scanOrigins();
}

QList<const char *> ScanScheduler::schemaSteps()
{
    return {R"(CREATE TABLE scan_jobs (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
                 vm TEXT NOT NULL, vm_name TEXT NOT NULL, kind TEXT NOT NULL,
                 paths TEXT NOT NULL, origin TEXT NOT NULL, urgency INTEGER NOT NULL,
                 state TEXT NOT NULL, queued TEXT NOT NULL, started TEXT, finished TEXT,
                 progress TEXT NOT NULL DEFAULT '{}', error TEXT NOT NULL DEFAULT '',
                 error_code TEXT NOT NULL DEFAULT '', pattern TEXT NOT NULL DEFAULT '',
                 restarts INTEGER NOT NULL DEFAULT 0, pause_reason TEXT NOT NULL DEFAULT '');
               CREATE INDEX scan_jobs_state ON scan_jobs(state, urgency, seq);
               CREATE INDEX scan_jobs_vm ON scan_jobs(vm, state);
               CREATE TABLE scan_schedule_runs (vm TEXT NOT NULL, window TEXT NOT NULL,
                 PRIMARY KEY (vm, window));)"};
}

ScanScheduler::ScanScheduler(QSqlDatabase db, ScanCache &cache, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_cache(cache)
{
    m_scheduleTimer.setInterval(30 * 1000);
    connect(&m_scheduleTimer, &QTimer::timeout, this,
        [this] { checkSchedule(QDateTime::currentDateTime()); });
}

ScanScheduler::~ScanScheduler()
{
    stopAll();
}

void ScanScheduler::setInventory(VmLookup lookup, VmList list)
{
    m_lookupVm = std::move(lookup);
    m_listVms = std::move(list);
}

void ScanScheduler::setPolicy(const Policy &policy)
{
    m_policy = policy;
    if (m_started)
        dispatch();
}

void ScanScheduler::recoverInterrupted()
{
    if (m_recovered)
        return;
    m_recovered = true;
    // A job that was running when the appliance stopped starts over.
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT id FROM scan_jobs WHERE state IN ('running', 'paused')"));
    QStringList interrupted;
    while (q.next())
        interrupted << q.value(0).toString();
    for (const QString &id : interrupted) {
        QSqlQuery u(m_db);
        u.prepare(QStringLiteral("UPDATE scan_jobs SET state = 'queued', started = NULL, "
                                 "restarts = restarts + 1, progress = '{}' WHERE id = ?"));
        u.addBindValue(id);
        u.exec();
        emitJob(QStringLiteral("scan.queued"), id);
    }
}

void ScanScheduler::start()
{
    recoverInterrupted();
    m_started = true;
    m_scheduleTimer.start();
    dispatch();
}

void ScanScheduler::stopAll()
{
    // Leave the jobs "running" in the database: the next start queues them
    // again, exactly as after a crash.
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        it->worker->disconnect(this);
        it->cancel();
        delete it->worker;
    }
    m_running.clear();
    m_scheduleTimer.stop();
    m_started = false;
}

bool ScanScheduler::enqueue(const QStringList &vmIds, const QString &kind, const QStringList &paths,
    const QString &origin, QStringList *jobIds, QString *code, QString *message)
{
    if (!QStringList {QStringLiteral("full"), QStringLiteral("quick"), QStringLiteral("custom")}
             .contains(kind)) {
        *code = QStringLiteral("invalid_argument");
        *message = QStringLiteral("kind must be full, quick or custom");
        return false;
    }
    if ((kind == QLatin1String("custom")) == paths.isEmpty()) {
        *code = QStringLiteral("invalid_argument");
        *message = kind == QLatin1String("custom")
            ? QStringLiteral("a custom scan needs paths")
            : QStringLiteral("only a custom scan takes paths");
        return false;
    }
    QList<VmRecord> vms;
    for (const QString &id : vmIds) {
        const auto vm = m_lookupVm ? m_lookupVm(id) : std::nullopt;
        if (!vm) {
            *code = QStringLiteral("not_found");
            *message = QStringLiteral("no VM with id %1").arg(id);
            return false;
        }
        if (vm->root.isEmpty() && !vm->isImage()) {
            *code = QStringLiteral("conflict");
            *message = QStringLiteral("VM %1 has no readable file root").arg(vm->name);
            return false;
        }
        // Refuse what cannot run (no pattern, a path outside the VM) before
        // anything is queued.
        ScanRequest probe;
        probe.vmId = vm->id.toString(QUuid::WithoutBraces);
        probe.root = vm->root;
        probe.kind = kind;
        probe.paths = paths;
        probe.engine = m_engine ? m_engine().engine : nullptr;
        if (vm->isImage()
                ? !image::ImageScanWorker::validate(imageRequest(probe, *vm), code, message)
                : !ScanWorker::validate(probe, code, message))
            return false;
        vms.append(*vm);
    }
    const QString pathsJson = QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(paths)).toJson(QJsonDocument::Compact));
    for (const VmRecord &vm : vms) {
        const QString vmId = vm.id.toString(QUuid::WithoutBraces);
        QSqlQuery existing(m_db);
        existing.prepare(QStringLiteral("SELECT id, kind, origin, paths FROM scan_jobs "
                                        "WHERE vm = ? AND state = 'queued'"));
        existing.addBindValue(vmId);
        if (existing.exec() && existing.next()) {
            // One queued job per VM: widen and hurry the one that is there.
            const QString id = existing.value(0).toString();
            QString newKind = existing.value(1).toString();
            QString newPaths = existing.value(3).toString();
            if (breadth(kind) > breadth(newKind)) {
                newKind = kind;
                newPaths = QStringLiteral("[]");
            } else if (kind == QLatin1String("custom") && newKind == kind) {
                QJsonArray merged = QJsonDocument::fromJson(newPaths.toUtf8()).array();
                for (const QString &p : paths) {
                    if (!merged.contains(p))
                        merged.append(p);
                }
                newPaths = QString::fromUtf8(QJsonDocument(merged).toJson(QJsonDocument::Compact));
            }
            const QString newOrigin = urgency(origin) < urgency(existing.value(2).toString())
                ? origin
                : existing.value(2).toString();
            QSqlQuery u(m_db);
            u.prepare(QStringLiteral("UPDATE scan_jobs SET kind = ?, paths = ?, origin = ?, "
                                     "urgency = ? WHERE id = ?"));
            for (const QVariant &v : {QVariant(newKind), QVariant(newPaths), QVariant(newOrigin),
                     QVariant(urgency(newOrigin)), QVariant(id)})
                u.addBindValue(v);
            u.exec();
            jobIds->append(id);
            continue;
        }
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO scan_jobs(id, vm, vm_name, kind, paths, origin, "
                                      "urgency, state, queued) VALUES(?, ?, ?, ?, ?, ?, ?, "
                                      "'queued', ?)"));
        const QString id =
            QStringLiteral("scan-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        for (const QVariant &v : {QVariant(id), QVariant(vmId), sqlText(vm.name), QVariant(kind),
                 QVariant(pathsJson), QVariant(origin), QVariant(urgency(origin)), QVariant(now())})
            insert.addBindValue(v);
        if (!insert.exec()) {
            *code = QStringLiteral("internal");
            *message = insert.lastError().text();
            return false;
        }
        jobIds->append(id);
        emitJob(QStringLiteral("scan.queued"), id);
    }
    dispatch();
    return true;
}

bool ScanScheduler::cancel(const QString &jobId, QString *code, QString *message)
{
    const auto j = job(jobId);
    if (!j) {
        *code = QStringLiteral("not_found");
        *message = QStringLiteral("no scan job %1").arg(jobId);
        return false;
    }
    const QString state = j->value(QStringLiteral("state")).toString();
    if (state == QLatin1String("queued")) {
        setState(jobId, QStringLiteral("cancelled"));
        emitJob(QStringLiteral("scan.cancelled"), jobId);
        return true;
    }
    if (m_running.contains(jobId)) {
        m_running[jobId].cancel(); // finished() reports the end
        return true;
    }
    *code = QStringLiteral("conflict");
    *message = QStringLiteral("scan job %1 is already %2").arg(jobId, state);
    return false;
}

void ScanScheduler::setPaused(bool paused, const QString &reason, const QJsonObject &hold)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_pauseReason = paused ? reason : QString();
    m_hold = paused ? hold : QJsonObject();
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        if (it->forced)
            continue; // an administrator said "run now"
        paused ? it->pause() : it->resume();
        QSqlQuery u(m_db);
        u.prepare(QStringLiteral("UPDATE scan_jobs SET state = ?, pause_reason = ? WHERE id = ?"));
        u.addBindValue(paused ? QStringLiteral("paused") : QStringLiteral("running"));
        u.addBindValue(sqlText(m_pauseReason));
        u.addBindValue(it.key());
        u.exec();
        emitJob(paused ? QStringLiteral("scan.paused") : QStringLiteral("scan.resumed"), it.key());
    }
    if (!paused)
        dispatch();
}

bool ScanScheduler::runNow(const QString &jobId, QString *code, QString *message)
{
    const auto j = job(jobId);
    if (!j) {
        *code = QStringLiteral("not_found");
        *message = QStringLiteral("no scan job %1").arg(jobId);
        return false;
    }
    const QString state = j->value(QStringLiteral("state")).toString();
    const auto running = m_running.find(jobId);
    if (state == QLatin1String("paused") && running != m_running.end()) {
        running->forced = true;
        running->resume();
        QSqlQuery u(m_db);
        u.prepare(QStringLiteral(
            "UPDATE scan_jobs SET state = 'running', pause_reason = '' WHERE id = ?"));
        u.addBindValue(jobId);
        u.exec();
        emitJob(QStringLiteral("scan.resumed"), jobId);
        return true;
    }
    if (state != QLatin1String("queued")) {
        *code = QStringLiteral("conflict");
        *message = QStringLiteral("scan job %1 is %2, not waiting").arg(jobId, state);
        return false;
    }
    const QString vmId = j->value(QStringLiteral("vm")).toString();
    if (isScanning(vmId)) {
        *code = QStringLiteral("conflict");
        *message = QStringLiteral("VM %1 is being scanned; the job starts when that scan ends")
                       .arg(j->value(QStringLiteral("vm_name")).toString());
        return false;
    }
    if (!m_started) {
        *code = QStringLiteral("unavailable");
        *message = QStringLiteral("the scan queue is not running");
        return false;
    }
    startJob(jobId, true);
    return true;
}

std::pair<qint64, qint64> ScanScheduler::previousTotals(
    const QString &vmId, const QString &kind) const
{
    if (kind == QLatin1String("custom"))
        return {-1, -1};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT progress FROM scan_jobs WHERE vm = ? AND kind = ? AND "
                             "state = 'finished' ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(vmId);
    q.addBindValue(kind);
    if (!q.exec() || !q.next())
        return {-1, -1};
    const QJsonObject p = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    return {p.value(QStringLiteral("files")).toInteger(-1),
        p.value(QStringLiteral("bytes")).toInteger(-1)};
}

void ScanScheduler::dispatch()
{
    if (!m_started || m_paused)
        return;
    while (m_running.size() < m_policy.maxConcurrentScans) {
        QSqlQuery q(m_db);
        // Never two jobs of one VM at once.
        q.prepare(QStringLiteral("SELECT id, vm FROM scan_jobs WHERE state = 'queued' "
                                 "ORDER BY urgency, seq"));
        q.exec();
        QString next;
        while (q.next()) {
            if (!isScanning(q.value(1).toString())) {
                next = q.value(0).toString();
                break;
            }
        }
        if (next.isEmpty())
            return;
        startJob(next);
    }
}

void ScanScheduler::startJob(const QString &jobId, bool forced)
{
    const QJsonObject j = jobJson(jobId);
    const QString vmId = j.value(QStringLiteral("vm")).toString();
    const auto vm = m_lookupVm ? m_lookupVm(vmId) : std::nullopt;
    const EngineRef engine = m_engine ? m_engine() : EngineRef {};
    if (!vm || !engine.engine) {
        setState(jobId, QStringLiteral("failed"),
            !vm ? QStringLiteral("the VM is no longer in the inventory")
                : QStringLiteral("no pattern is installed: install one first"),
            !vm ? QStringLiteral("not_found") : QStringLiteral("unavailable"));
        emitJob(QStringLiteral("scan.failed"), jobId);
        return;
    }
    ScanRequest request;
    request.jobId = jobId;
    request.vmId = vmId;
    request.root = vm->root;
    request.kind = j.value(QStringLiteral("kind")).toString();
    for (const QJsonValue &p : j.value(QStringLiteral("paths")).toArray())
        request.paths << p.toString();
    request.hotPaths = m_policy.hotPaths;
    request.exclusions = m_policy.exclusions;
    request.lastCompletedScan = lastCompletedScan(vmId, false);
    request.engine = engine.engine;
    request.patternVersion = engine.patternVersion;

    if (vm->isImage())
        attach(
            new image::ImageScanWorker(imageRequest(request, *vm), m_image, m_cache), jobId, vmId);
    else
        attach(new ScanWorker(request, m_cache), jobId, vmId);
    Running &started = m_running[jobId];
    started.forced = forced;
    std::tie(started.expectedFiles, started.expectedBytes) = previousTotals(vmId, request.kind);
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral("UPDATE scan_jobs SET state = 'running', started = ?, pattern = ? "
                             "WHERE id = ?"));
    u.addBindValue(now());
    u.addBindValue(sqlText(engine.patternVersion));
    u.addBindValue(jobId);
    u.exec();
    emitJob(QStringLiteral("scan.started"), jobId);
    m_running[jobId].start();
}

// Both kinds of worker have the same signals and controls.
template<typename Worker>
void ScanScheduler::attach(Worker *worker, const QString &jobId, const QString &vmId)
{
    m_running.insert(jobId,
        Running {worker, [worker] { worker->start(); }, [worker] { worker->cancel(); },
            [worker] { worker->pause(); }, [worker] { worker->resume(); }, vmId, {}, 0, -1, -1,
            false});
    connect(worker, &Worker::progress, this,
        [this, jobId](const ScanProgress &p) { onProgress(jobId, p); });
    connect(worker, &Worker::detection, this, &ScanScheduler::detection);
    connect(worker, &Worker::incomplete, this,
        [this, vmId](const QString &vmPath, const QString &reason) {
            Q_EMIT incomplete(vmId, vmPath, reason);
        });
    connect(worker, &Worker::finished, this,
        [this, jobId](const ScanOutcome &o) { onFinished(jobId, o); });
}

void ScanScheduler::onProgress(const QString &jobId, const ScanProgress &progress)
{
    auto it = m_running.find(jobId);
    if (it == m_running.end())
        return;
    it->progress = progress;
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    if (t - it->lastProgressEvent >= kProgressEventMs) {
        it->lastProgressEvent = t;
        emitJob(QStringLiteral("scan.progress"), jobId);
    }
}

void ScanScheduler::onFinished(const QString &jobId, const ScanOutcome &outcome)
{
    auto it = m_running.find(jobId);
    if (it == m_running.end())
        return;
    it->progress = outcome.totals;
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral("UPDATE scan_jobs SET progress = ? WHERE id = ?"));
    u.addBindValue(QString::fromUtf8(
        QJsonDocument(progressJson(outcome.totals)).toJson(QJsonDocument::Compact)));
    u.addBindValue(jobId);
    u.exec();
    QObject *worker = it->worker;
    m_running.erase(it);
    worker->deleteLater();
    switch (outcome.state) {
    case ScanOutcome::Finished:
        setState(jobId, QStringLiteral("finished"));
        emitJob(QStringLiteral("scan.finished"), jobId);
        break;
    case ScanOutcome::Cancelled:
        setState(jobId, QStringLiteral("cancelled"));
        emitJob(QStringLiteral("scan.cancelled"), jobId);
        break;
    case ScanOutcome::Failed:
        setState(jobId, QStringLiteral("failed"), outcome.error, outcome.errorCode);
        emitJob(QStringLiteral("scan.failed"), jobId);
        break;
    }
    dispatch();
}

void ScanScheduler::setState(
    const QString &jobId, const QString &state, const QString &error, const QString &errorCode)
{
    QSqlQuery u(m_db);
    const bool ended = state != QLatin1String("queued") && state != QLatin1String("running")
        && state != QLatin1String("paused");
    u.prepare(QStringLiteral("UPDATE scan_jobs SET state = ?, error = ?, error_code = ?, "
                             "finished = ? WHERE id = ?"));
    u.addBindValue(state);
    u.addBindValue(sqlText(error));
    u.addBindValue(sqlText(errorCode));
    u.addBindValue(ended ? QVariant(now()) : QVariant(QMetaType(QMetaType::QString)));
    u.addBindValue(jobId);
    u.exec();
}

QString ScanScheduler::emitJob(const QString &type, const QString &jobId)
{
    Q_EMIT jobEvent(type, jobJson(jobId));
    return jobId;
}

QJsonObject ScanScheduler::jobJson(const QString &jobId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM scan_jobs WHERE id = ?").arg(kColumns));
    q.addBindValue(jobId);
    if (!q.exec() || !q.next())
        return {};
    QJsonObject progress;
    const auto running = m_running.constFind(jobId);
    if (running != m_running.constEnd())
        progress = progressJson(running->progress);
    else
        progress = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
    if (progress.isEmpty())
        progress = progressJson({});
    const QString state = q.value(6).toString();
    QJsonObject j {{QStringLiteral("id"), q.value(0).toString()},
        {QStringLiteral("vm"), q.value(1).toString()},
        {QStringLiteral("vm_name"), q.value(2).toString()},
        {QStringLiteral("kind"), q.value(3).toString()},
        {QStringLiteral("paths"), QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array()},
        {QStringLiteral("origin"), q.value(5).toString()}, {QStringLiteral("state"), state},
        {QStringLiteral("queued"), q.value(7).toString()},
        {QStringLiteral("started"), q.value(8).toString()},
        {QStringLiteral("finished"), q.value(9).toString()}, {QStringLiteral("progress"), progress},
        {QStringLiteral("cache"), progress.value(QStringLiteral("cache"))},
        {QStringLiteral("pattern"), q.value(13).toString()},
        {QStringLiteral("restarts"), q.value(14).toInt()}};
    if (state == QLatin1String("paused"))
        j.insert(QStringLiteral("pause_reason"), q.value(15).toString());
    if (m_paused && !m_hold.isEmpty()
        && (state == QLatin1String("queued") || state == QLatin1String("paused")))
        j.insert(QStringLiteral("held_back"), m_hold);
    if (running != m_running.constEnd() && running->expectedFiles >= 0)
        j.insert(QStringLiteral("expected"),
            QJsonObject {{QStringLiteral("files"), running->expectedFiles},
                {QStringLiteral("bytes"), running->expectedBytes}});
    if (state == QLatin1String("failed"))
        j.insert(QStringLiteral("error"),
            QJsonObject {{QStringLiteral("code"), q.value(12).toString()},
                {QStringLiteral("message"), q.value(11).toString()}});
    if (state == QLatin1String("finished"))
        j.insert(QStringLiteral("result"),
            progress.value(QStringLiteral("detections")).toInteger() > 0
                ? QStringLiteral("threats-found")
                : QStringLiteral("clean"));
    return j;
}

QJsonArray ScanScheduler::jobs(const QString &stateFilter, int limit, int offset) const
{
    QSqlQuery q(m_db);
    // Queued and running first, in queue order; then the newest history.
    q.prepare(QStringLiteral(
        "SELECT id FROM scan_jobs WHERE (? = '' OR state = ?) ORDER BY "
        "CASE state WHEN 'running' THEN 0 WHEN 'paused' THEN 0 WHEN 'queued' THEN 1 ELSE 2 END, "
        "CASE WHEN state = 'queued' THEN urgency ELSE 0 END, "
        "CASE WHEN state IN ('queued','running','paused') THEN seq ELSE -seq END LIMIT ? OFFSET "
        "?"));
    q.addBindValue(sqlText(stateFilter));
    q.addBindValue(sqlText(stateFilter));
    q.addBindValue(limit);
    q.addBindValue(offset);
    q.exec();
    QJsonArray out;
    while (q.next())
        out.append(jobJson(q.value(0).toString()));
    return out;
}

std::optional<QJsonObject> ScanScheduler::job(const QString &jobId) const
{
    QJsonObject j = jobJson(jobId);
    if (j.isEmpty())
        return std::nullopt;
    return j;
}

bool ScanScheduler::isScanning(const QString &vmId) const
{
    return std::any_of(
        m_running.begin(), m_running.end(), [&](const Running &r) { return r.vmId == vmId; });
}

QDateTime ScanScheduler::lastCompletedScan(const QString &vmId, bool fullOnly) const
{
    const VmScans scans = scansByVm(vmId).value(vmId);
    return fullOnly ? scans.lastFullScan : scans.lastScan;
}

QHash<QString, ScanScheduler::VmScans> ScanScheduler::scansByVm(const QString &vmId) const
{
    QHash<QString, VmScans> all;
    const QString only = vmId.isEmpty() ? QString() : QStringLiteral(" AND vm = ?");
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT vm, MAX(started), MAX(CASE WHEN kind = 'full' THEN started END) "
                       "FROM scan_jobs WHERE state = 'finished'%1 GROUP BY vm")
            .arg(only));
    if (!vmId.isEmpty())
        q.addBindValue(vmId);
    if (q.exec()) {
        while (q.next()) {
            VmScans &v = all[q.value(0).toString()];
            v.lastScan = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
            if (!q.value(2).isNull())
                v.lastFullScan = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
        }
    }
    QSqlQuery p(m_db);
    p.prepare(QStringLiteral("SELECT vm, pattern, progress FROM scan_jobs WHERE seq IN (SELECT "
                             "MAX(seq) FROM scan_jobs WHERE state = 'finished' AND kind = 'full'%1 "
                             "GROUP BY vm)")
                  .arg(only));
    if (!vmId.isEmpty())
        p.addBindValue(vmId);
    if (p.exec()) {
        while (p.next()) {
            VmScans &v = all[p.value(0).toString()];
            v.lastFullScanPattern = p.value(1).toString();
            for (const QJsonValue &u : QJsonDocument::fromJson(p.value(2).toString().toUtf8())
                                           .object()
                                           .value(QStringLiteral("unscannable"))
                                           .toArray())
                v.unscannable << u.toString();
        }
    }
    return all;
}

bool ScanScheduler::restartRunning(const QString &vmId, const QString &origin)
{
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        if (it->vmId != vmId)
            continue;
        const QString jobId = it.key();
        const QJsonObject j = jobJson(jobId);
        QObject *worker = it->worker;
        worker->disconnect(this);
        it->cancel();
        worker->deleteLater();
        m_running.erase(it);
        setState(jobId, QStringLiteral("cancelled"));
        emitJob(QStringLiteral("scan.cancelled"), jobId);
        QStringList paths;
        for (const QJsonValue &p : j.value(QStringLiteral("paths")).toArray())
            paths << p.toString();
        QStringList ids;
        QString code, message;
        enqueue({vmId}, j.value(QStringLiteral("kind")).toString(), paths, origin, &ids, &code,
            &message);
        return true;
    }
    return false;
}

bool ScanScheduler::imageVmPowerChanged(
    const VmRecord &before, const VmRecord &after, const QString &activePattern)
{
    const QString id = after.id.toString(QUuid::WithoutBraces);
    const QString vmStart = QStringLiteral("vm-start");
    if (restartRunning(id, vmStart))
        return true;
    if (before.power == u"running" || after.power != u"running" || activePattern.isEmpty()
        || scansByVm(id).value(id).lastFullScanPattern == activePattern)
        return false;
    QStringList ids;
    QString code, message;
    return enqueue({id}, QStringLiteral("full"), {}, vmStart, &ids, &code, &message);
}

void ScanScheduler::checkSchedule(const QDateTime &localNow)
{
    const auto &s = m_policy.schedule;
    if (!s.enabled || !m_listVms)
        return;
    // The window that contains `localNow`, if any: it may have started
    // yesterday when it crosses midnight.
    static const QStringList days {QStringLiteral("mon"), QStringLiteral("tue"),
        QStringLiteral("wed"), QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
        QStringLiteral("sun")};
    const qint64 length = s.windowStart.secsTo(s.windowEnd) > 0
        ? s.windowStart.secsTo(s.windowEnd)
        : 24 * 3600 + s.windowStart.secsTo(s.windowEnd);
    QDateTime windowStart;
    for (int back = 0; back <= 1 && !windowStart.isValid(); ++back) {
        const QDate day = localNow.date().addDays(-back);
        const QDateTime start(day, s.windowStart);
        if (s.days.contains(days[day.dayOfWeek() - 1]) && localNow >= start
            && localNow < start.addSecs(length))
            windowStart = start;
    }
    if (!windowStart.isValid())
        return;
    QList<VmRecord> vms = m_listVms();
    std::sort(vms.begin(), vms.end(),
        [](const VmRecord &a, const VmRecord &b) { return a.id.toString() < b.id.toString(); });
    const QString window = windowStart.toString(Qt::ISODate);
    // Spread the VMs evenly over the window instead of starting all at once.
    for (qsizetype i = 0; i < vms.size(); ++i) {
        const QDateTime slot = windowStart.addSecs(length * i / vms.size());
        if (localNow < slot)
            break;
        const QString vmId = vms[i].id.toString(QUuid::WithoutBraces);
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("INSERT OR IGNORE INTO scan_schedule_runs(vm, window) VALUES(?, ?)"));
        q.addBindValue(vmId);
        q.addBindValue(window);
        if (!q.exec() || q.numRowsAffected() == 0)
            continue; // already queued in this window
        QStringList ids;
        QString code, message;
        enqueue({vmId}, s.kind, {}, QStringLiteral("scheduled"), &ids, &code, &message);
    }
}

} // namespace mamori::appliance
