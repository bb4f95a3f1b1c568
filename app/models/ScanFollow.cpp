// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScanFollow.h"

#include "StatusText.h"

#include <QLocale>

#include <cmath>

namespace mamori::console {

namespace {

// Below this the rate says little (the walk starts, the cache warms up).
constexpr qint64 kMinSecondsForRate = 3;

QString percentText(double value)
{
    return QLocale().toString(value, 'f', 0);
}

} // namespace

std::optional<ScanFollow::Estimate> ScanFollow::estimate(const ScanJob &job, const QDateTime &now)
{
    if (!job.isActive() || job.expectedFiles <= 0)
        return std::nullopt;
    Estimate e;
    const qint64 files = job.progress.files;
    e.percent = int(qBound(qint64(0), files * 100 / job.expectedFiles, qint64(99)));
    const qint64 elapsed = job.started.isValid() ? job.started.secsTo(now) : 0;
    if (files > 0 && elapsed >= kMinSecondsForRate && files < job.expectedFiles)
        e.secondsLeft =
            qint64(std::ceil(double(job.expectedFiles - files) * double(elapsed) / double(files)));
    return e;
}

QString ScanFollow::timeLeftText(qint64 seconds)
{
    if (seconds < 60)
        return tr("less than a minute left");
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return tr("about %n minute(s) left", nullptr, int(minutes));
    return tr("about %1 h %2 min left").arg(minutes / 60).arg(minutes % 60);
}

QString ScanFollow::progressText(const ScanJob &job, const QDateTime &now)
{
    const QLocale locale;
    const ScanProgress &p = job.progress;
    const QString bytes = StatusText::bytes(p.bytes);
    const auto e = estimate(job, now);
    if (!e) {
        const QString files = p.filesTotal > 0
            ? tr("%1 of %2 files").arg(locale.toString(p.files), locale.toString(p.filesTotal))
            : tr("%1 files").arg(locale.toString(p.files));
        return tr("%1, %2").arg(files, bytes);
    }
    const QString files = tr("%1 of about %2 files (%3 %)")
                              .arg(locale.toString(p.files), locale.toString(job.expectedFiles))
                              .arg(e->percent);
    if (job.state == JobState::Paused)
        return tr("%1, %2").arg(files, bytes);
    if (!e->secondsLeft)
        return p.files >= job.expectedFiles ? tr("%1, almost done, %2").arg(files, bytes)
                                            : tr("%1, %2").arg(files, bytes);
    return tr("%1, %2, %3").arg(files, timeLeftText(*e->secondsLeft), bytes);
}

QString ScanFollow::endText(const ScanJob &job, const QString &host)
{
    const QString files = QLocale().toString(job.progress.files);
    switch (job.state) {
    case JobState::Finished:
        return job.threatsFound
            ? tr("Scan of %1 on %2 finished: threats found (%3 files). See Incidents.")
                  .arg(job.vmName, host, files)
            : tr("Scan of %1 on %2 finished: clean (%3 files).").arg(job.vmName, host, files);
    case JobState::Cancelled:
        return tr("Scan of %1 on %2 was cancelled.").arg(job.vmName, host);
    case JobState::Failed:
        return tr("Scan of %1 on %2 failed: %3").arg(job.vmName, host, job.errorMessage);
    default:
        return {};
    }
}

QString ScanFollow::holdText(const ScanHold &hold)
{
    QStringList figures;
    if (hold.cpu && hold.cpuThreshold)
        figures << tr("CPU %1 % against a threshold of %2 %")
                       .arg(percentText(*hold.cpu), percentText(*hold.cpuThreshold));
    if (hold.io && hold.ioThreshold)
        figures << tr("disk I/O %1/s against a threshold of %2/s")
                       .arg(StatusText::bytes(qint64(*hold.io)),
                           StatusText::bytes(qint64(*hold.ioThreshold)));
    if (figures.isEmpty())
        return tr("Held back: the host is busy compared with its baseline");
    return tr("Held back: the host is busy (%1)").arg(figures.join(tr("; ")));
}

} // namespace mamori::console
