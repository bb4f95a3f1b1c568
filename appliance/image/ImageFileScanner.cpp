// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/ImageFileScanner.h"

#include "appliance/engine/ScanEngine.h"
#include "appliance/scan/CacheIo_p.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scan/Sha256_p.h"

#include <QtEndian>

#include <algorithm>
#include <sys/mman.h>
#include <unistd.h>

namespace mamori::appliance::image {
namespace {

void hashNumber(appliance::detail::Sha256 &sha, qint64 value)
{
    const quint64 le = qToLittleEndian(quint64(value));
    sha.update(&le, sizeof le);
}

} // namespace

namespace {

// What a file's content comes from on the disk: its extents, or the one
// record that holds it; nothing when neither says it.
const std::vector<FileExtent> *sourceOf(const GuestFile &file, std::vector<FileExtent> *record)
{
    if (file.encrypted)
        return nullptr;
    if (file.mapped)
        return &file.extents;
    if (file.record.length <= 0)
        return nullptr;
    *record = {file.record};
    return record;
}

} // namespace

bool CloneMap::inBacking(const GuestFile &file) const
{
    std::vector<FileExtent> record;
    const std::vector<FileExtent> *extents = sourceOf(file, &record);
    if (!golden || !extents)
        return false;
    return std::all_of(extents->begin(), extents->end(),
        [this](const FileExtent &e) { return e.zero || inBacking(e.diskOffset, e.length); });
}

bool CloneMap::inBacking(qint64 offset, qint64 length) const
{
    return allDepths(
        offset, length, [this](quint32 d) { return d == 0 || d > quint32(ownLayers); });
}

bool CloneMap::inOwn(qint64 offset, qint64 length) const
{
    return allDepths(
        offset, length, [this](quint32 d) { return d >= 1 && d <= quint32(ownLayers); });
}

bool CloneMap::allDepths(
    qint64 offset, qint64 length, const std::function<bool(quint32)> &accept) const
{
    if (!golden)
        return false;
    // The first range that ends after `offset`.
    auto it = std::upper_bound(depths.begin(), depths.end(), offset,
        [](qint64 at, const NbdDisk::DepthRange &r) { return at < r.offset + r.length; });
    const qint64 end = offset + length;
    qint64 covered = offset;
    for (; it != depths.end() && it->offset < end; ++it) {
        if (!accept(it->depth) || it->offset > covered)
            return false; // another layer's, or a gap in what the server said
        covered = it->offset + it->length;
    }
    return covered >= end;
}

std::optional<CloneMap::Key> CloneMap::keyFor(const GuestFile &file) const
{
    std::vector<FileExtent> record;
    const std::vector<FileExtent> *extents = sourceOf(file, &record);
    if (!extents)
        return std::nullopt;
    Key key;
    key.golden = golden && inBacking(file);
    if (!key.golden && !own)
        return std::nullopt;
    const ScanCache::Digest &identity = key.golden ? goldenIdentity : ownIdentity;
    appliance::detail::Sha256 sha;
    sha.update("mamori-image-extents-1", 22);
    sha.update(identity.data(), identity.size());
    hashNumber(sha, file.size);
    hashNumber(sha, file.mapped ? 0 : 1); // a record holds it whole
    for (const FileExtent &e : *extents) {
        hashNumber(sha, e.fileOffset);
        hashNumber(sha, e.zero ? -1 : e.diskOffset);
        hashNumber(sha, e.length);
    }
    sha.finish(&key.digest);
    return key;
}

ImageFileScanner::ImageFileScanner(const ScanEngine &engine, ScanCache &cache, GoldenIndex *golden,
    const QString &patternVersion, const std::atomic_bool &cancelled)
    : m_engine(engine), m_cache(cache), m_golden(golden), m_pattern(patternVersion),
      m_cancelled(cancelled)
{ }

ImageFileScanner::~ImageFileScanner()
{
    if (m_memfd >= 0)
        ::close(m_memfd);
}

// A large buffer is not kept for the next (mostly small) files: what it
// held would stay resident for the rest of the scan.
void ImageFileScanner::releaseLargeBuffer()
{
    if (m_buffer.capacity() > kKeptBuffer)
        m_buffer = QByteArray();
}

ImageFileScanner::Result ImageFileScanner::verdictOf(const ScanCache::Digest &digest)
{
    Result r;
    r.sha256 = ScanCache::toHex(digest);
    if (m_cache.isClean(digest, m_pattern)) {
        r.kind = Result::CachedByContent;
        return r;
    }
    if (m_golden) {
        if (const auto threat = m_golden->threatFor(digest, m_pattern)) {
            r.kind = Result::Infected;
            r.threat = *threat;
            r.cachedThreat = true;
            return r;
        }
    }
    r.kind = Result::Cancelled; // unknown: the caller scans
    return r;
}

ImageFileScanner::Result ImageFileScanner::scan(const GuestFile &file, FileContent &reader,
    const CloneMap &clone, const QString &vmPath, std::vector<PendingKey> *pending)
{
    Result r;
    if (file.encrypted) {
        r.kind = Result::Incomplete;
        r.reason = QStringLiteral("encrypted by the guest: its content cannot be scanned");
        return r;
    }
    if (file.size > m_engine.limits().maxFileSize) {
        r.kind = Result::Incomplete;
        r.reason = QStringLiteral("limits exceeded: file larger than %1 bytes")
                       .arg(m_engine.limits().maxFileSize);
        return r;
    }
    // A file whose extents say what it is: the golden image's, or this
    // unchanged disk's own from an earlier scan.
    const std::optional<CloneMap::Key> key = m_golden ? clone.keyFor(file) : std::nullopt;
    if (key) {
        if (const auto digest = m_golden->digestFor(key->digest)) {
            Result known = verdictOf(*digest);
            if (known.kind != Result::Cancelled) {
                known.byExtents = true;
                known.golden = key->golden;
                return known;
            }
        }
    }

    // Read once: hash and keep the bytes for the engine.
    const bool inMemfd = file.size > kMemoryLimit;
    if (inMemfd) {
        if (m_memfd < 0)
            m_memfd = ::memfd_create("mamori-image-scan", MFD_CLOEXEC);
        if (m_memfd < 0 || ::ftruncate(m_memfd, 0) != 0 || ::lseek(m_memfd, 0, SEEK_SET) != 0) {
            r.kind = Result::Error;
            r.reason = QStringLiteral("no memory for a %1-byte file").arg(file.size);
            return r;
        }
    }
    appliance::detail::Sha256 sha;
    QString error;
    FileContent::Status status;
    if (inMemfd) {
        status = reader.stream(
            file,
            [&](const char *data, qint64 size) {
                sha.update(data, std::size_t(size));
                return appliance::detail::writeAll(m_memfd, data, std::size_t(size));
            },
            &r.bytesRead, &error);
    } else {
        // Read straight into the buffer the engine scans, and hash that.
        status = reader.read(file, &m_buffer, &r.bytesRead, &error);
        if (status == FileContent::Status::Ok)
            sha.update(m_buffer.constData(), std::size_t(m_buffer.size()));
    }
    if (status != FileContent::Status::Ok) {
        r.kind = status == FileContent::Status::Cancelled ? Result::Cancelled : Result::Error;
        r.reason = error;
        return r;
    }
    ScanCache::Digest digest {};
    if (!sha.finish(&digest)) {
        r.kind = Result::Error;
        r.reason = QStringLiteral("SHA-256 failed");
        return r;
    }
    if (key)
        pending->push_back({key->digest, digest});
    Result known = verdictOf(digest);
    if (known.kind != Result::Cancelled) {
        releaseLargeBuffer();
        known.bytesRead = r.bytesRead;
        return known;
    }
    Result scanned = scanContent(digest, inMemfd, vmPath);
    scanned.bytesRead = r.bytesRead;
    return scanned;
}

ImageFileScanner::Result ImageFileScanner::scanContent(
    const ScanCache::Digest &digest, bool inMemfd, const QString &vmPath)
{
    Result r;
    r.sha256 = ScanCache::toHex(digest);
    ScanEngine::Result verdict;
    if (inMemfd) {
        ::lseek(m_memfd, 0, SEEK_SET);
        verdict = m_engine.scan(m_memfd, vmPath);
        // Give the pages back now, not at the next large file (which
        // truncates again anyway, so a failure here costs nothing).
        [[maybe_unused]] const int truncated = ::ftruncate(m_memfd, 0);
    } else {
        verdict = m_engine.scanMemory(m_buffer.constData(), m_buffer.size(), vmPath);
        releaseLargeBuffer();
    }
    verdict.copyTo(&r);
    if (r.kind == Result::Clean)
        m_cache.markClean(digest, m_pattern);
    else if (r.kind == Result::Infected && m_golden)
        m_golden->rememberThreat(digest, verdict.threat, m_pattern);
    return r;
}

} // namespace mamori::appliance::image
