// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/scan/ScanWorker.h"

#include "appliance/engine/ScanEngine.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/scan/FileScanner_p.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scan/ScanTargets.h"
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

constexpr auto kProgressInterval = std::chrono::milliseconds(250);

bool refuse(QString *errorCode, QString *message, ErrorCode code, const QString &why)
{
    if (errorCode)
        *errorCode = errorCodeName(code);
    if (message)
        *message = why;
    return false;
}

bool isUnder(const QString &vmPath, const QString &dir)
{
    return dir == QLatin1String("/") || vmPath == dir || vmPath.startsWith(dir + QLatin1Char('/'));
}

// Custom paths as canonical paths inside the VM, without those already
// covered by another listed path. Those that do not resolve go to `failed`.
QStringList customTargets(const QString &canonicalRoot, const QStringList &paths,
    const std::function<void(const QString &, const QString &)> &failed)
{
    QStringList targets;
    for (const QString &path : paths) {
        QString host, error;
        if (ScanTargets::resolveInsideRoot(canonicalRoot, path, &host, &error))
            targets.append(ScanTargets::vmPathOf(canonicalRoot, host));
        else
            failed(path, error);
    }
    std::sort(targets.begin(), targets.end());
    QStringList kept;
    for (const QString &t : std::as_const(targets)) {
        if (kept.isEmpty() || !isUnder(t, kept.last()))
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
    const QString &root, const QString &vmPath, QString *hostPath, QString *error)
{
    return ScanTargets::resolveInsideRoot(root, vmPath, hostPath, error);
}

bool ScanWorker::validate(const ScanRequest &request, QString *errorCode, QString *message)
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
        if (resolveInsideRoot(request.root, path, nullptr, &error))
            continue;
        const auto code = protocol::errorCodeFromName(error).value_or(ErrorCode::InvalidArgument);
        // A dangling link inside the root is only a file that is not there:
        // the scan reports it.
        if (code == ErrorCode::NotFound)
            continue;
        return refuse(errorCode, message, code,
            code == ErrorCode::PathOutsideVm
                ? QStringLiteral("the path \"%1\" resolves outside the VM").arg(path)
                : QStringLiteral("the path \"%1\" is not acceptable").arg(path));
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
    QString code, why;
    if (!validate(req, &code, &why))
        return fail(code, why);
    const QString root = ScanTargets::canonicalRoot(req.root);
    const int rootFd = ::open(
        QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (rootFd < 0)
        return fail(errorCodeName(ErrorCode::NotFound),
            QStringLiteral("the VM root %1 cannot be opened: %2").arg(root, fs::errnoText()));

    const auto reportError = [&](const QString &vmPath, const QString &reason) {
        ++p.errors;
        Q_EMIT fileError(vmPath, reason);
    };
    const bool quick = req.kind == QLatin1String("quick");
    const qint64 sinceNs = req.lastCompletedScan.isValid()
        ? req.lastCompletedScan.toMSecsSinceEpoch() * 1'000'000
        : std::numeric_limits<qint64>::min();
    QStringList hotPaths;
    if (quick) {
        for (const QString &hot : req.hotPaths) {
            QString host, error;
            if (ScanTargets::resolveInsideRoot(root, hot, &host, &error)) {
                hotPaths.append(ScanTargets::vmPathOf(root, host));
            } else if (error == errorCodeName(ErrorCode::PathOutsideVm)) {
                // The guest can plant such a link; that must not stop the scan.
                reportError(hot, error);
            }
        }
    }

    detail::FileScanner scanner(*req.engine, m_cache, req.patternVersion, m_cancelled);
    Clock::time_point lastProgress; // the epoch: the first file reports at once
    const auto reportProgress = [&](bool force) {
        const auto now = Clock::now();
        if (force || now - lastProgress >= kProgressInterval) {
            lastProgress = now;
            Q_EMIT progress(p);
        }
    };

    const auto makeDetection = [&](const QString &vmPath, const QString &threat,
                                   const QString &sha256, qint64 size) {
        Detection d;
        d.vmId = req.vmId;
        d.jobId = req.jobId;
        d.vmPath = QFile::encodeName(vmPath);
        d.root = root;
        d.hostPath = root == QLatin1String("/") ? vmPath : root + vmPath;
        d.threat = threat;
        d.sha256 = sha256;
        d.size = size;
        return d;
    };
    const auto visit = [&](int dirFd, const char *name, const QString &vmPath,
                           const struct stat &lst) {
        if (quick) {
            const auto times = detail::FileScanner::keyOf(lst);
            const bool changed = times.mtimeNs >= sinceNs || times.ctimeNs >= sinceNs;
            const bool hot = std::any_of(hotPaths.cbegin(), hotPaths.cend(),
                [&](const QString &h) { return isUnder(vmPath, h); });
            if (!changed && !hot)
                return true;
        }
        if (!checkpoint())
            return false;
        p.currentPath = vmPath;
        const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
        // O_NOATIME: scanning from outside must not change the guest's files.
        int fd = ::openat(dirFd, name, flags | O_NOATIME);
        if (fd < 0 && errno == EPERM)
            fd = ::openat(dirFd, name, flags);
        struct stat st;
        if (fd < 0 || ::fstat(fd, &st) != 0) {
            // Gone, or turned into a symbolic link since it was listed: a
            // live guest does that, and links are never followed.
            if (errno != ENOENT && errno != ELOOP) {
                ++p.errors;
                Q_EMIT fileError(vmPath, fs::errnoText());
            }
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
        const auto r = scanner.scan(fd, st, vmPath);
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
            Q_EMIT incomplete(vmPath, r.reason);
            break;
        case R::Error:
            ++p.errors;
            Q_EMIT fileError(vmPath, r.reason);
            break;
        }
        reportProgress(false);
        return true;
    };

    const Exclusions exclusions(req.exclusions);
    TreeWalker walker(exclusions, {visit, [&](const QString &) { ++p.excluded; }, reportError});
    if (req.kind == QLatin1String("custom")) {
        for (const QString &target : customTargets(root, req.paths, reportError)) {
            if (!walker.walkPath(rootFd, target))
                break;
        }
    } else {
        walker.walkDirectory(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0), QStringLiteral("/"));
    }
    ::close(rootFd);

    p.currentPath.clear();
    if (m_cancelled.load())
        outcome.state = ScanOutcome::Cancelled;
    reportProgress(true);
    Q_EMIT finished(outcome);
}

} // namespace mamori::appliance
