// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScanJob.h"

#include "RecordReader.h"
#include "protocol/ScanOrigin.h"

#include <array>
#include <utility>

namespace mamori::console {
namespace {

constexpr std::array kKinds {std::pair {"full", ScanKind::Full},
    std::pair {"quick", ScanKind::Quick}, std::pair {"custom", ScanKind::Custom}};
constexpr std::array kStates {std::pair {"queued", JobState::Queued},
    std::pair {"running", JobState::Running}, std::pair {"paused", JobState::Paused},
    std::pair {"finished", JobState::Finished}, std::pair {"cancelled", JobState::Cancelled},
    std::pair {"failed", JobState::Failed}};

ScanProgress readProgress(RecordReader &r)
{
    ScanProgress p;
    p.files = r.count(QStringLiteral("files"), 0, 0, std::numeric_limits<qint64>::max());
    p.filesTotal =
        r.count(QStringLiteral("files_total"), -1, -1, std::numeric_limits<qint64>::max());
    p.bytes = r.count(QStringLiteral("bytes"), 0, 0, std::numeric_limits<qint64>::max());
    p.detections = r.count(QStringLiteral("detections"), 0, 0, std::numeric_limits<qint64>::max());
    p.currentPath = r.text(QStringLiteral("current_path"));
    return p;
}

void readCache(RecordReader &cache, ScanProgress &p)
{
    p.cacheHits = cache.count(QStringLiteral("hits"), 0, 0, std::numeric_limits<qint64>::max());
    p.cacheMisses = cache.count(QStringLiteral("misses"), 0, 0, std::numeric_limits<qint64>::max());
}

ScanHold readHold(RecordReader &r)
{
    ScanHold h;
    h.code = r.text(QStringLiteral("code"));
    if (r.has(QStringLiteral("cpu"))) {
        RecordReader cpu = r.child(QStringLiteral("cpu"), true);
        h.cpu = cpu.optionalNumber(QStringLiteral("value"));
        h.cpuThreshold = cpu.optionalNumber(QStringLiteral("threshold"));
        r.adopt(cpu);
    }
    if (r.has(QStringLiteral("io"))) {
        RecordReader io = r.child(QStringLiteral("io"), true);
        h.io = io.optionalNumber(QStringLiteral("value"));
        h.ioThreshold = io.optionalNumber(QStringLiteral("threshold"));
        r.adopt(io);
    }
    return h;
}

} // namespace

QString scanKindName(ScanKind kind)
{
    return wordFor(kKinds, kind);
}

bool runsBefore(const ScanJob &a, const ScanJob &b)
{
    const int ua = protocol::scanOriginUrgency(a.origin);
    const int ub = protocol::scanOriginUrgency(b.origin);
    return ua != ub ? ua < ub : a.queued < b.queued;
}

Parsed<ScanJob> parseScanJob(const QJsonObject &object)
{
    RecordReader r(object);
    ScanJob job;
    job.id = r.string(QStringLiteral("id"));
    job.vm = r.uuid(QStringLiteral("vm"));
    job.vmName = r.text(QStringLiteral("vm_name"));
    job.kind = r.word(QStringLiteral("kind"), kKinds, ScanKind::Unknown);
    job.paths = r.optionalStringList(QStringLiteral("paths")).value_or(QStringList());
    job.origin = r.text(QStringLiteral("origin"));
    job.state = r.word(QStringLiteral("state"), kStates, JobState::Unknown);
    job.queued = r.time(QStringLiteral("queued"));
    job.started = r.time(QStringLiteral("started"));
    job.finished = r.time(QStringLiteral("finished"));
    job.pauseReason = r.text(QStringLiteral("pause_reason"));
    job.threatsFound = r.text(QStringLiteral("result")) == QLatin1String("threats-found");
    RecordReader error = r.child(QStringLiteral("error"), true);
    job.errorMessage = error.text(QStringLiteral("message"));
    r.adopt(error);
    RecordReader progress = r.child(QStringLiteral("progress"), true);
    job.progress = readProgress(progress);
    // The running job's cache figures are in its progress; an ended one's
    // beside it.
    RecordReader cache = progress.has(QStringLiteral("cache"))
        ? progress.child(QStringLiteral("cache"), true)
        : r.child(QStringLiteral("cache"), true);
    readCache(cache, job.progress);
    progress.adopt(cache);
    r.adopt(progress);
    job.pattern = r.text(QStringLiteral("pattern"));
    job.restarts = int(r.count(QStringLiteral("restarts")));
    if (r.has(QStringLiteral("expected"))) {
        RecordReader expected = r.child(QStringLiteral("expected"), true);
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        job.expectedFiles = expected.count(QStringLiteral("files"), -1, -1, kMax);
        job.expectedBytes = expected.count(QStringLiteral("bytes"), -1, -1, kMax);
        r.adopt(expected);
    }
    if (r.has(QStringLiteral("held_back"))) {
        RecordReader held = r.child(QStringLiteral("held_back"), true);
        job.heldBack = readHold(held);
        r.adopt(held);
    }
    return finish(r, std::move(job));
}

Parsed<ScanJob> parseScanJob(const QByteArray &json)
{
    return parseBytes<ScanJob>(json, [](const QJsonObject &o) { return parseScanJob(o); });
}

Parsed<ScanQueue> parseScanQueue(const QJsonObject &answer)
{
    Parsed<QList<ScanJob>> jobs = parseQueuedScans(answer);
    if (!jobs)
        return Parsed<ScanQueue>::failure(jobs.error());
    RecordReader r(answer);
    ScanQueue queue {std::move(*jobs), r.flag(QStringLiteral("paused"))};
    return finish(r, std::move(queue));
}

Parsed<ScanQueue> parseScanQueue(const QByteArray &json)
{
    return parseBytes<ScanQueue>(json, [](const QJsonObject &o) { return parseScanQueue(o); });
}

Parsed<QList<ScanJob>> parseQueuedScans(const QJsonObject &answer)
{
    return parseArray<ScanJob>(
        answer, QStringLiteral("jobs"), [](const QJsonObject &o) { return parseScanJob(o); });
}

Parsed<QList<ScanJob>> parseQueuedScans(const QByteArray &json)
{
    return parseBytes<QList<ScanJob>>(
        json, [](const QJsonObject &o) { return parseQueuedScans(o); });
}

} // namespace mamori::console
