// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/scan/ScanCache.h"

#include <QString>

#include <atomic>
#include <sys/stat.h>
#include <vector>

namespace mamori::appliance {

class ScanEngine;

namespace detail {

// Decides one open file: known clean by stat, known clean by content, or
// scanned. Used by one scan thread at a time.
//
// Why a snapshot: if the file were hashed and then scanned by two reads, a
// guest could show clean bytes to one read and malicious bytes to the other
// and get the malicious content's digest recorded as clean, for every clone
// to trust. Files up to kSnapshotLimit are therefore copied once into a
// memfd while they are hashed and the engine scans that copy: the verdict is
// about exactly the hashed bytes. Larger files are hashed and scanned in
// place and recorded only if their stat did not change meanwhile.
class FileScanner
{
public:
    static constexpr qint64 kSnapshotLimit = 32ll << 20;

    struct Result
    {
        enum Kind { CachedByStat, CachedByContent, Clean, Infected, Incomplete, Error, Cancelled };
        Kind kind = Clean;
        QString threat; // Infected
        QString reason; // Incomplete, Error
        QString sha256; // hex; empty if the file was not hashed
        qint64 bytesRead = 0;
    };

    FileScanner(const ScanEngine &engine, ScanCache &cache, const QString &patternVersion,
        const std::atomic_bool &cancelled);
    ~FileScanner();
    FileScanner(const FileScanner &) = delete;
    FileScanner &operator=(const FileScanner &) = delete;

    // `st` is fstat() of `fd`, a regular file open for reading.
    Result scan(int fd, const struct stat &st, const QString &vmPath);

    static ScanCache::FileKey keyOf(const struct stat &st);

private:
    enum class ReadStatus { Ok, Failed, Cancelled };
    ReadStatus hashFile(
        int fd, bool *snapshot, ScanCache::Digest *digest, qint64 *bytesRead, int *error);

    const ScanEngine &m_engine;
    ScanCache &m_cache;
    const QString m_pattern;
    const std::atomic_bool &m_cancelled;
    int m_memfd = -1;
    std::vector<char> m_buffer;
};

} // namespace detail
} // namespace mamori::appliance
