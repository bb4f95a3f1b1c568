// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/scan/ScanWorker.h"

#include "appliance/engine/ScanEngine.h"
#include "appliance/fs/GuestPath.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/fs/VmRoot.h"
#include "appliance/scan/FileScanner_p.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scan/ScanTargets.h"
#include "appliance/scan/WorkerRefusal.h"
#include "protocol/ErrorCode.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <unistd.h>

namespace mamori::appliance {
namespace {

using protocol::ErrorCode;
using protocol::errorCodeName;
using Clock = std::chrono::steady_clock;

using scanworker::kProgressInterval;
using scanworker::refuse;

// Custom paths as normalized paths inside the VM, without those already
// covered by another listed path. Those that do not resolve (any more: the
// guest may have swapped one for a link since the job was queued) go to
// `failed`, and the others are still scanned.
QList<QByteArray> customTargets(const QString &root, const QStringList &paths,
    const std::function<void(const QString &, const QString &)> &failed)
{
    QList<QByteArray> targets;
    for (const QString &path : paths) {
        QByteArray normalized;
        QString error;
        if (ScanTargets::resolveInsideRoot(root, path, &normalized, &error))
            targets.append(normalized);
        else
            failed(path, error);
    }
    std::sort(targets.begin(), targets.end());
    QList<QByteArray> kept;
    for (const QByteArray &t : std::as_const(targets)) {
        if (kept.isEmpty() || !fs::isUnder(t, kept.last()))
            kept.append(t);
    }
    return kept;
}

} // namespace

ScanWorker::ScanWorker(ScanRequest request, ScanCache &cache, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_cache(cache)
{
    qRegisterMetaType<ScanProgress>();
    qRegisterMetaType<Detection>();
    qRegisterMetaType<ScanOutcome>();
}

ScanWorker::~ScanWorker()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

bool ScanWorker::resolveInsideRoot(
    const QString &root, const QString &vmPath, QByteArray *normalized, QString *error)
{
    return ScanTargets::resolveInsideRoot(root, vmPath, normalized, error);
}

bool ScanWorker::validate(const ScanRequest &request, QString *errorCode, QString *message)
{
    return checkRequest(request, true, errorCode, message);
}

bool ScanWorker::checkRequest(
    const ScanRequest &request, bool withTree, QString *errorCode, QString *message)
{
    const QString &kind = request.kind;
    if (kind != QLatin1String("full") && kind != QLatin1String("quick")
        && kind != QLatin1String("custom"))
        return refuse(errorCode, message, ErrorCode::InvalidArgument,
            QStringLiteral("unknown scan kind \"%1\"").arg(kind));
    if (!request.engine)
        return refuse(
            errorCode, message, ErrorCode::Unavailable, QStringLiteral("no scan engine is loaded"));
    if (ScanTargets::canonicalRoot(request.root).isEmpty())
        return refuse(errorCode, message, ErrorCode::NotFound,
            QStringLiteral("the VM root %1 is not a directory").arg(request.root));
    if (kind == QLatin1String("custom") && request.paths.isEmpty())
        return refuse(errorCode, message, ErrorCode::InvalidArgument,
            QStringLiteral("a custom scan needs at least one path"));
    if (kind != QLatin1String("custom"))
        return true;
    for (const QString &path : request.paths) {
        QString error;
        if (withTree ? resolveInsideRoot(request.root, path, nullptr, &error)
                     : ScanTargets::parseVmPath(path, nullptr, &error))
            continue;
        const auto code = protocol::errorCodeFromName(error).value_or(ErrorCode::InvalidArgument);
        if (code == ErrorCode::NotFound)
            continue;
        return refuse(errorCode, message, code,
            code == ErrorCode::PathOutsideVm
                ? QStringLiteral("the path \"%1\" leaves the VM or runs through a symbolic link, "
                                 "which is never followed")
                      .arg(path)
                : QStringLiteral("the path \"%1\" is not acceptable (names that are not "
                                 "UTF-8 are written with \\xHH escapes, a backslash as "
                                 "\\\\)")
                      .arg(path));
    }
    return true;
}

bool ScanWorker::start()
{
    if (m_thread.joinable())
        return false;
    m_thread = std::thread([this] { run(); });
    return true;
}

void ScanWorker::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
    }
    m_wake.notify_all();
}

void ScanWorker::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void ScanWorker::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_wake.notify_all();
}

bool ScanWorker::checkpoint()
{
    if (m_paused.load() && !m_cancelled.load()) {
        Q_EMIT pausedChanged(true);
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_paused.load() || m_cancelled.load(); });
        }
        Q_EMIT pausedChanged(false);
    }
    return !m_cancelled.load();
}

void ScanWorker::run()
{
    const ScanRequest &req = m_request;
    ScanOutcome outcome;
    ScanProgress &p = outcome.totals;
    const auto fail = [&](const QString &code, const QString &why) {
        outcome.state = ScanOutcome::Failed;
        outcome.errorCode = code;
        outcome.error = why;
        Q_EMIT finished(outcome);
    };
    // What the tree looks like now is checked path by path below: a path
    // the guest turned into a link since the job was queued is reported, and
    // does not cost the other paths their scan.
    QString code, why;
    if (!checkRequest(req, false, &code, &why))
        return fail(code, why);
    const QString root = ScanTargets::canonicalRoot(req.root);
    const fs::VmRoot vmRoot(root);
    if (!vmRoot.isOpen())
        return fail(errorCodeName(ErrorCode::NotFound),
            QStringLiteral("the VM root %1 cannot be opened: %2").arg(root, fs::errnoText()));

    const auto reportError = [&](const QString &vmPath, const QString &reason) {
        ++p.errors;
        Q_EMIT fileError(vmPath, reason);
    };
    const auto reportWalkError = [&](const QByteArray &vmPath, const QString &reason) {
        reportError(fs::displayPath(vmPath), reason);
    };
    const bool quick = req.kind == QLatin1String("quick");
    const qint64 sinceNs = req.lastCompletedScan.isValid()
        ? req.lastCompletedScan.toMSecsSinceEpoch() * 1'000'000
        : std::numeric_limits<qint64>::min();
    QList<QByteArray> hotPaths;
    if (quick) {
        for (const QString &hot : req.hotPaths) {
            QByteArray normalized;
            QString error;
            if (ScanTargets::resolveInsideRoot(root, hot, &normalized, &error)) {
                hotPaths.append(normalized);
            } else if (error == errorCodeName(ErrorCode::PathOutsideVm)) {
                // The guest can plant such a link; that must not stop the scan.
                reportError(hot, error);
            }
        }
    }

    detail::FileScanner scanner(*req.engine, m_cache, req.patternVersion, m_cancelled);
    Clock::time_point lastProgress; // the epoch: the first file reports at once
    QByteArray currentPath; // the escaped form is made only when progress is reported
    const auto reportProgress = [&](bool force) {
        const auto now = Clock::now();
        if (force || now - lastProgress >= kProgressInterval) {
            lastProgress = now;
            p.currentPath = fs::displayPath(currentPath);
            Q_EMIT progress(p);
        }
    };

    const auto makeDetection = [&](const QByteArray &vmPath, const QString &threat,
                                   const QString &sha256, qint64 size) {
        Detection d;
        d.vmId = req.vmId;
        d.jobId = req.jobId;
        d.vmPath = vmPath;
        d.root = root;
        d.hostPath = fs::VmFile {root, vmPath}.hostPath();
        d.threat = threat;
        d.sha256 = sha256;
        d.size = size;
        return d;
    };
    const auto visit = [&](int dirFd, const char *name, const QByteArray &vmPath,
                           const struct stat &lst) {
        if (quick) {
            const auto times = detail::FileScanner::keyOf(lst);
            const bool changed = times.mtimeNs >= sinceNs || times.ctimeNs >= sinceNs;
            const bool hot = std::any_of(hotPaths.cbegin(), hotPaths.cend(),
                [&](const QByteArray &h) { return fs::isUnder(vmPath, h); });
            if (!changed && !hot)
                return true;
        }
        if (!checkpoint())
            return false;
        currentPath = vmPath;
        const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
        // O_NOATIME: scanning from outside must not change the guest's files.
        int fd = ::openat(dirFd, name, flags | O_NOATIME);
        if (fd < 0 && errno == EPERM)
            fd = ::openat(dirFd, name, flags);
        struct stat st;
        if (fd < 0 || ::fstat(fd, &st) != 0) {
            // Gone, or turned into a symbolic link since it was listed: a
            // live guest does that, and links are never followed.
            if (errno != ENOENT && errno != ELOOP)
                reportWalkError(vmPath, fs::errnoText());
            if (fd >= 0)
                ::close(fd);
            return true;
        }
        // Swapped since it was listed: what counts is what fd refers to.
        if (!S_ISREG(st.st_mode)) {
            ::close(fd);
            return true;
        }
        ++p.files;
        p.bytes += st.st_size;
        const auto r = scanner.scan(fd, st, fs::displayPath(vmPath));
        ::close(fd);
        p.bytesRead += r.bytesRead;
        using R = detail::FileScanner::Result;
        switch (r.kind) {
        case R::Cancelled:
            --p.files;
            p.bytes -= st.st_size;
            return false;
        case R::CachedByStat:
            ++p.statHits;
            ++p.cacheHits;
            break;
        case R::CachedByContent:
            ++p.cacheHits;
            break;
        case R::Clean:
            ++p.cacheMisses;
            break;
        case R::Infected:
            ++p.cacheMisses;
            ++p.detections;
            Q_EMIT detection(makeDetection(vmPath, r.threat, r.sha256, st.st_size));
            break;
        case R::Incomplete:
            ++p.incomplete;
            Q_EMIT incomplete(fs::displayPath(vmPath), r.reason);
            break;
        case R::Error:
            reportWalkError(vmPath, r.reason);
            break;
        }
        reportProgress(false);
        return true;
    };

    const Exclusions exclusions(req.exclusions);
    TreeWalker walker(
        exclusions, {visit, [&](const QByteArray &) { ++p.excluded; }, reportWalkError, {}});
    if (req.kind == QLatin1String("custom")) {
        for (const QByteArray &target : customTargets(root, req.paths, reportError)) {
            if (!walker.walkPath(vmRoot, target))
                break;
        }
    } else {
        walker.walkPath(vmRoot, "/");
    }

    currentPath.clear();
    if (m_cancelled.load())
        outcome.state = ScanOutcome::Cancelled;
    reportProgress(true);
    Q_EMIT finished(outcome);
}

} // namespace mamori::appliance
