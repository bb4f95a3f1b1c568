// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/engine/ScanEngine.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/scan/CacheIo_p.h"
#include "appliance/scan/FileScanner_p.h"
#include "appliance/scan/Sha256_p.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace mamori::appliance::detail {
namespace {

qint64 nanoseconds(const struct timespec &ts)
{
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

bool sameStat(const struct stat &a, const struct stat &b)
{
    return FileScanner::keyOf(a) == FileScanner::keyOf(b);
}

} // namespace

FileScanner::FileScanner(const ScanEngine &engine, ScanCache &cache, const QString &patternVersion,
    const std::atomic_bool &cancelled)
    : m_engine(engine), m_cache(cache), m_pattern(patternVersion), m_cancelled(cancelled),
      m_memfd(::memfd_create("mamori-scan", MFD_CLOEXEC)), m_buffer(256 << 10)
{
    // Without a memfd every file takes the in-place path, which is still
    // correct, only open to the race described in the header.
}

FileScanner::~FileScanner()
{
    if (m_memfd >= 0)
        ::close(m_memfd);
}

ScanCache::FileKey FileScanner::keyOf(const struct stat &st)
{
    return {quint64(st.st_dev), quint64(st.st_ino), qint64(st.st_size), nanoseconds(st.st_mtim),
        nanoseconds(st.st_ctim)};
}

FileScanner::ReadStatus FileScanner::hashFile(
    int fd, bool *snapshot, ScanCache::Digest *digest, qint64 *bytesRead, int *error)
{
    Sha256 sha;
    for (;;) {
        if (m_cancelled.load(std::memory_order_relaxed))
            return ReadStatus::Cancelled;
        const ssize_t n = ::read(fd, m_buffer.data(), m_buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = errno;
            return ReadStatus::Failed;
        }
        if (n == 0)
            break;
        *bytesRead += n;
        sha.update(m_buffer.data(), std::size_t(n));
        // A full tmpfs or a memory limit only costs the snapshot, not the scan.
        if (*snapshot && (*bytesRead > kSnapshotLimit || !writeAll(m_memfd, m_buffer.data(), n)))
            *snapshot = false;
    }
    if (!sha.finish(digest)) {
        *error = ENOMEM;
        return ReadStatus::Failed;
    }
    return ReadStatus::Ok;
}

FileScanner::Result FileScanner::scan(int fd, const struct stat &st, const QString &vmPath)
{
    Result r;
    // Larger files are not read at all: libclamav would not scan them either.
    if (st.st_size > m_engine.limits().maxFileSize) {
        r.kind = Result::Incomplete;
        r.reason = QStringLiteral("limits exceeded: file larger than %1 bytes")
                       .arg(m_engine.limits().maxFileSize);
        return r;
    }
    const ScanCache::FileKey key = keyOf(st);
    if (const auto known = m_cache.digestForStat(key);
        known && m_cache.isClean(*known, m_pattern)) {
        r.kind = Result::CachedByStat;
        r.sha256 = ScanCache::toHex(*known);
        return r;
    }

    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    bool snapshot = m_memfd >= 0 && st.st_size <= kSnapshotLimit && ::ftruncate(m_memfd, 0) == 0
        && ::lseek(m_memfd, 0, SEEK_SET) == 0;
    ScanCache::Digest digest;
    int error = 0;
    switch (hashFile(fd, &snapshot, &digest, &r.bytesRead, &error)) {
    case ReadStatus::Cancelled:
        r.kind = Result::Cancelled;
        return r;
    case ReadStatus::Failed:
        r.kind = Result::Error;
        r.reason = fs::errnoText(error);
        return r;
    case ReadStatus::Ok:
        break;
    }
    r.sha256 = ScanCache::toHex(digest);
    struct stat after;
    const bool stable = ::fstat(fd, &after) == 0 && sameStat(st, after);
    if (stable)
        m_cache.rememberStat(key, digest);
    if (m_cache.isClean(digest, m_pattern)) {
        r.kind = Result::CachedByContent;
        return r;
    }

    int scanFd = m_memfd;
    if (!snapshot) {
        scanFd = fd;
        if (::lseek(fd, 0, SEEK_SET) != 0) {
            r.kind = Result::Error;
            r.reason = fs::errnoText();
            return r;
        }
        r.bytesRead += st.st_size;
    } else {
        ::lseek(m_memfd, 0, SEEK_SET);
    }
    const ScanEngine::Result verdict = m_engine.scan(scanFd, vmPath);
    const bool trusted = snapshot || (stable && ::fstat(fd, &after) == 0 && sameStat(st, after));
    if (snapshot) {
        // Give the pages back now, not at the next file (which truncates
        // again anyway, so a failure here costs nothing).
        [[maybe_unused]] const int truncated = ::ftruncate(m_memfd, 0);
    }

    verdict.copyTo(&r);
    if (r.kind == Result::Clean && trusted)
        m_cache.markClean(digest, m_pattern);
    return r;
}

} // namespace mamori::appliance::detail
