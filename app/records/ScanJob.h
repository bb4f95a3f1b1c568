// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace mamori::console {

enum class ScanKind { Full, Quick, Custom, Unknown };
enum class JobState { Queued, Running, Paused, Finished, Cancelled, Failed, Unknown };

QString scanKindName(ScanKind kind);

struct ScanProgress
{
    qint64 files = 0;
    qint64 filesTotal = -1; // -1: not known (yet)
    qint64 bytes = 0;
    qint64 detections = 0;
    QString currentPath;
    qint64 cacheHits = 0;
    qint64 cacheMisses = 0;

    bool operator==(const ScanProgress &) const = default;
};

// Why the governor holds a job back (docs/api.md, Scans, held_back): the
// figures that were over their threshold when the hold began.
struct ScanHold
{
    QString code; // "host_busy"
    std::optional<double> cpu, cpuThreshold; // % of the machine, the appliance not counted
    std::optional<double> io, ioThreshold; // read+write bytes/s, the appliance not counted

    bool operator==(const ScanHold &) const = default;
};

// One scan job (docs/api.md, Scans), as GET /api/v1/scans lists it and
// every scan.* event carries it.
struct ScanJob
{
    QString id;
    QUuid vm;
    QString vmName;
    ScanKind kind = ScanKind::Unknown;
    QStringList paths;
    QString origin; // protocol::scanOrigins(): "vm-start", "manual", ..., "scheduled"
    JobState state = JobState::Unknown;
    QDateTime queued;
    QDateTime started;
    QDateTime finished;
    QString pauseReason; // paused
    bool threatsFound = false; // finished
    QString errorMessage; // failed
    ScanProgress progress;
    QString pattern;
    int restarts = 0;
    // Running: files and bytes of the VM's previous scan of this kind (-1: none).
    qint64 expectedFiles = -1;
    qint64 expectedBytes = -1;
    std::optional<ScanHold> heldBack; // queued or paused while the governor holds scans

    bool isActive() const { return state == JobState::Running || state == JobState::Paused; }
    bool isWaiting() const { return state == JobState::Queued; }
    bool hasEnded() const { return !isActive() && !isWaiting(); }
    // Whether `later`, another report of this job, may replace this one. A
    // job that has ended stays ended (the appliance never runs it again): a
    // report that it waits or runs was taken before its end and arrived
    // after the news of it (the answer to a cancel, sent while the job was
    // still running, can come after the event that it was cancelled).
    bool acceptsReport(const ScanJob &later) const { return !hasEnded() || later.hasEnded(); }
    bool operator==(const ScanJob &) const = default;
};

// The order the appliance runs waiting jobs in (docs/api.md, Scans):
// manual first, then by origin, then first come first served.
bool runsBefore(const ScanJob &a, const ScanJob &b);

// GET /api/v1/scans: the jobs (running and waiting in queue order, then the
// newest ended ones) and whether the governor holds scans back.
struct ScanQueue
{
    QList<ScanJob> jobs;
    bool paused = false;
};

Parsed<ScanJob> parseScanJob(const QJsonObject &object);
Parsed<ScanJob> parseScanJob(const QByteArray &json);
Parsed<ScanQueue> parseScanQueue(const QJsonObject &answer);
Parsed<ScanQueue> parseScanQueue(const QByteArray &json);
// POST /api/v1/scans: {"jobs": [...]}.
Parsed<QList<ScanJob>> parseQueuedScans(const QJsonObject &answer);
Parsed<QList<ScanJob>> parseQueuedScans(const QByteArray &json);

} // namespace mamori::console
