// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BackingBlocks.h"
#include "appliance/scan/ScanCache.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <mutex>
#include <optional>

namespace mamori::appliance::image {

// What scans learnt of disk images' files, so that a linked clone whose
// file still lies entirely in its golden image (NBD qemu:allocation-depth)
// takes the golden image's verdict without reading or hashing it, and an
// image that has not changed since its last scan is not read again.
//
// - Extent keys: SHA-256 of (image identity, file size, the file's extents
//   on the disk) -> SHA-256 of the content (CloneMap::keyFor). A fact about content,
//   not a verdict: it survives a pattern change, like the scan cache's stat
//   index, and the verdict is then the scan cache's clean set for that
//   digest (or the threats below).
// - Threats: content digest -> the threat the current pattern found in it,
//   so that a golden image's infected file is reported in every clone
//   without reading it there either. Emptied on a pattern change.
// - Whole scans: the key of a complete scan of a powered-off VM's images
//   (their identities, the scan's kind and exclusions, the pattern) -> what
//   it found, so that the same scan of unchanged images neither exports nor
//   walks them again (ImageScanWorker). Emptied on a pattern change.
//
// Bounded (CLOCK eviction), saved and loaded like the scan cache (atomic,
// 0600, checksummed). All members are thread-safe.
class GoldenIndex
{
public:
    using Digest = ScanCache::Digest;

    struct Limits
    {
        qint64 maxKeys = 2'000'000; // ~100 bytes each
        qint64 maxThreats = 100'000;
        qint64 maxScans = 100'000; // ~200 bytes each, plus their detections
        qint64 maxBackingBlockBytes = 4 << 20;
    };

    // What a complete, error-free scan of unchanged images found.
    struct ScanRecord
    {
        struct Found
        {
            QByteArray vmPath;
            QString hostPath;
            QString threat;
            QString sha256;
            qint64 size = 0;
            bool operator==(const Found &) const = default;
        };
        qint64 files = 0;
        qint64 bytes = 0;
        qint64 excluded = 0;
        qint64 goldenHits = 0;
        QList<Found> detections;
        bool operator==(const ScanRecord &) const = default;
    };

    GoldenIndex();
    explicit GoldenIndex(const Limits &limits);
    ~GoldenIndex();
    GoldenIndex(const GoldenIndex &) = delete;
    GoldenIndex &operator=(const GoldenIndex &) = delete;

    std::optional<Digest> digestFor(const Digest &extentKey);
    void remember(const Digest &extentKey, const Digest &content);

    // Both take the pattern the caller scanned with (see ScanCache::isClean).
    std::optional<QString> threatFor(const Digest &content, const QString &patternVersion);
    void rememberThreat(
        const Digest &content, const QString &threat, const QString &patternVersion);

    // Both take the pattern the caller scanned with (see ScanCache::isClean).
    std::optional<ScanRecord> scanFor(const Digest &scanKey, const QString &patternVersion);
    void rememberScan(
        const Digest &scanKey, const ScanRecord &record, const QString &patternVersion);

    QString patternVersion() const;
    // Empties the threats and whole scans when `version` differs from the current one.
    void setPattern(const QString &version);

    bool save(const QString &path, QString *error = nullptr) const;
    // A file of another pattern keeps its extent keys and drops its threats
    // and whole scans; a file written before whole scans were kept loads;
    // a missing or damaged one leaves the index empty and returns false.
    bool load(const QString &path, const QString &currentPatternVersion, QString *error = nullptr);

    // File system blocks of golden images that clones' walks share: kept
    // in memory only, never saved.
    BackingBlockCache &backingBlocks() { return *m_blocks; }

    qint64 keyCount() const;
    qint64 threatCount() const;
    qint64 scanCount() const;
    void clear();

private:
    struct Maps;
    const Limits m_limits;
    mutable std::mutex m_mutex;
    std::unique_ptr<Maps> m_maps;
    QString m_pattern;
    std::unique_ptr<BackingBlockCache> m_blocks;
};

} // namespace mamori::appliance::image
