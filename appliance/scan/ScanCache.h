// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

namespace mamori::appliance {

// What the appliance knows about file contents, shared by every VM on the
// host and by concurrent scan threads.
//
// - The clean set: SHA-256 digests of contents found clean under the current
//   pattern. A clone VM whose file has the master image's content is not
//   scanned again. setPattern() with another version empties it.
// - The stat index: (device, inode, size, mtime ns, ctime ns) -> SHA-256, so
//   that a file whose stat has not changed since it was hashed is not even
//   read. It records a fact about content, not a verdict, so it survives a
//   pattern change: after an update the first clone rescans a content and
//   the others find it clean by stat without reading their copies.
//   Trust boundary: a guest that writes its disk blocks directly, or resets
//   its clock, can change content without changing ctime; the stat index
//   cannot see that (the clean set, keyed by content, is not affected).
//
// Both are bounded (CLOCK eviction). All members are thread-safe.
class ScanCache
{
public:
    using Digest = std::array<std::uint8_t, 32>;

    struct FileKey
    {
        quint64 device = 0;
        quint64 inode = 0;
        qint64 size = 0;
        qint64 mtimeNs = 0;
        qint64 ctimeNs = 0;
        bool operator==(const FileKey &) const = default;
    };

    struct Limits
    {
        qint64 maxCleanHashes = 1'000'000; // ~100 bytes each
        qint64 maxStatEntries = 1'000'000; // ~140 bytes each
    };

    struct Counters
    {
        qint64 statHits = 0;
        qint64 statMisses = 0;
        qint64 hashHits = 0;
        qint64 hashMisses = 0;
        qint64 evictions = 0;
    };

    ScanCache();
    explicit ScanCache(const Limits &limits);
    ~ScanCache();
    ScanCache(const ScanCache &) = delete;
    ScanCache &operator=(const ScanCache &) = delete;

    QString patternVersion() const;
    // Empties the clean set when `version` differs from the current one.
    void setPattern(const QString &version);

    std::optional<Digest> digestForStat(const FileKey &key);
    void rememberStat(const FileKey &key, const Digest &digest);

    // Both take the pattern the caller scanned with: a job still running on
    // the previous engine after a pattern swap neither trusts nor records
    // verdicts of another pattern.
    bool isClean(const Digest &digest, const QString &patternVersion);
    bool markClean(const Digest &digest, const QString &patternVersion);

    // Atomic (temporary file, fsync, rename, fsync of the directory), mode
    // 0600. Entries are written in memory order while the mutex is held; the
    // fsync runs after it is released.
    bool save(const QString &path, QString *error = nullptr) const;
    // Replaces the contents with the file's. A missing, truncated, corrupt or
    // foreign file leaves the cache empty and returns false. A file of another
    // pattern version loads its stat index only (see above) and returns true.
    // The cache's pattern becomes `currentPatternVersion` in every case.
    bool load(const QString &path, const QString &currentPatternVersion, QString *error = nullptr);

    void clear();
    qint64 cleanCount() const;
    qint64 statCount() const;
    Limits limits() const { return m_limits; }
    Counters counters() const;
    void resetCounters();

    static QString toHex(const Digest &digest);

private:
    struct Maps;

    const Limits m_limits;
    mutable std::mutex m_mutex;
    std::unique_ptr<Maps> m_maps;
    QString m_pattern;
    Counters m_counters;
};

} // namespace mamori::appliance
