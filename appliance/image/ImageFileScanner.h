// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/FileContent.h"
#include "appliance/image/GoldenIndex.h"
#include "appliance/image/NbdDisk.h"

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace mamori::appliance {
class ScanEngine;
class ScanCache;
} // namespace mamori::appliance

namespace mamori::appliance::image {

// What a scan knows of one disk's images, to know a file's content without
// reading it:
// - a linked clone's golden image: the identity of the images under the
//   disk and which layer holds each range (qemu:allocation-depth). A file
//   that lies entirely in them is the golden image's file, shared by every
//   clone: keyed by (golden identity, extents);
// - a disk image that did not change since the last scan (a powered-off VM):
//   its own identity (path, inode, size, mtime of the image file, which any
//   write changes). Its files are keyed by (own identity, extents).
struct CloneMap
{
    ScanCache::Digest goldenIdentity {};
    std::vector<NbdDisk::DepthRange> depths; // sorted, covering the disk
    // Depths 1..ownLayers are the clone's own: 1 for qemu-nbd on the clone's
    // image; 2 for a libvirt backup job, whose export puts its scratch layer
    // on top of the clone's image.
    int ownLayers = 1;
    bool golden = false; // a backing chain and its depths are known
    ScanCache::Digest ownIdentity {};
    bool own = false; // the disk is a file that is not being written (VM off)

    // True when every byte of the file that lies on the disk lies in a
    // backing layer (deeper than ownLayers) or in none (0): nothing of it is
    // the clone's own.
    bool inBacking(const GuestFile &file) const;
    // The same for the bytes [offset, offset + length) of the disk.
    bool inBacking(qint64 offset, qint64 length) const;
    // True when every byte of [offset, offset + length) is the clone's own
    // (depth 1..ownLayers).
    bool inOwn(qint64 offset, qint64 length) const;

    struct Key
    {
        ScanCache::Digest digest {};
        bool golden = false;
    };
    // The golden key if the file lies in the golden image, else the own key
    // if the disk has an identity; nothing for content neither mapped nor
    // held whole in a record (GuestFile::record).
    std::optional<Key> keyFor(const GuestFile &file) const;

private:
    bool allDepths(qint64 offset, qint64 length, const std::function<bool(quint32)> &accept) const;
};

// Decides one guest file: the golden image's verdict by its extents, the
// verdict of known content, or a scan of its bytes from memory (files up to
// kMemoryLimit in a buffer through cl_fmap_open_memory; larger ones in a
// memfd). Used by one scan thread at a time.
//
// The bytes hashed are the bytes scanned: the content is read once and both
// come from that one copy, so no content is recorded clean that was not
// scanned clean.
class ImageFileScanner
{
public:
    static constexpr qint64 kMemoryLimit = 32ll << 20;
    static constexpr qsizetype kKeptBuffer = 1 << 20; // kept between files

    struct Result
    {
        enum Kind { CachedByContent, Clean, Infected, Incomplete, Error, Cancelled };
        Kind kind = Clean;
        // The content was known by the file's extents, not read: the golden
        // image's file, or this unchanged disk's own.
        bool byExtents = false;
        bool golden = false; // byExtents, and the golden image's
        QString threat; // Infected
        QString reason; // Incomplete, Error
        QString sha256; // hex, empty if not known
        qint64 bytesRead = 0;
        bool cachedThreat = false; // Infected: known from an earlier scan, not scanned now
    };

    // A fact (extent key -> content) learnt while reading, recorded only if
    // the disk did not change under the scan (GuestDisks::commitKeys).
    struct PendingKey
    {
        ScanCache::Digest key;
        ScanCache::Digest content;
    };

    ImageFileScanner(const ScanEngine &engine, ScanCache &cache, GoldenIndex *golden,
        const QString &patternVersion, const std::atomic_bool &cancelled);
    ~ImageFileScanner();
    ImageFileScanner(const ImageFileScanner &) = delete;
    ImageFileScanner &operator=(const ImageFileScanner &) = delete;

    // `reader` reads the file's disk; `clone` is that disk's map (may be invalid).
    Result scan(const GuestFile &file, FileContent &reader, const CloneMap &clone,
        const QString &vmPath, std::vector<PendingKey> *pending);

private:
    Result verdictOf(const ScanCache::Digest &digest);
    void releaseLargeBuffer();
    Result scanContent(const ScanCache::Digest &digest, bool inMemfd, const QString &vmPath);

    const ScanEngine &m_engine;
    ScanCache &m_cache;
    GoldenIndex *m_golden;
    const QString m_pattern;
    const std::atomic_bool &m_cancelled;
    QByteArray m_buffer;
    int m_memfd = -1;
};

} // namespace mamori::appliance::image
