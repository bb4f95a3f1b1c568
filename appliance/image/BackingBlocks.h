// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"
#include "appliance/scan/ScanCache.h"

#include <QByteArray>

#include <memory>
#include <mutex>
#include <optional>

namespace mamori::appliance::image {

struct CloneMap;

// File system metadata that linked clones share: a block whose allocation
// depth says it lies in the backing images (CloneMap::inBacking) is the
// same bytes in every clone of those images, so one clone's walk reads it
// over NBD and the next clones' walks take it from here. Keyed by the
// backing chain's identity (CloneMap::goldenIdentity: path, inode, size,
// mtime of each image, so a changed golden image is a new key) and the
// block's place on the disk. Bounded (CLOCK eviction: blocks that every
// clone keeps hitting stay, one clone's own walk does not push them out).
// Thread-safe: scans of several clones share one.
class BackingBlockCache
{
public:
    static constexpr qint64 kMaxBlock = 64 << 10; // larger reads are contents, not metadata

    explicit BackingBlockCache(qint64 maxBytes);
    ~BackingBlockCache();
    BackingBlockCache(const BackingBlockCache &) = delete;
    BackingBlockCache &operator=(const BackingBlockCache &) = delete;

    std::optional<QByteArray> find(const ScanCache::Digest &backing, qint64 offset, qint64 length);
    void insert(const ScanCache::Digest &backing, qint64 offset, const QByteArray &block);

    qint64 hits() const;
    qint64 misses() const;
    qint64 bytes() const;
    void clear();

private:
    struct Map;
    mutable std::mutex m_mutex;
    std::unique_ptr<Map> m_map;
};

// A clone's disk read through a BackingBlockCache: small reads (metadata)
// that lie wholly in the backing images are answered by the cache or read
// and added to it. Small reads of the clone's own clusters are answered
// from a few windows of one qcow2 cluster (64 KiB), each read in one
// request: a clone that changed one inode owns the whole cluster of its
// inode table, and its walk reads most blocks of it. Every other read goes
// to the disk as it is. `clone` must know the disk's depths
// (CloneMap::golden) and outlive the reader. For one scan thread.
class BackingBlockReader final : public BlockReader
{
public:
    static constexpr qint64 kOwnWindow = 64 << 10;
    static constexpr qint64 kOwnSmall = 4 << 10; // a file system block

    BackingBlockReader(BlockReader &disk, const CloneMap &clone, BackingBlockCache &cache)
        : m_disk(disk), m_clone(clone), m_cache(cache)
    { }
    qint64 size() const override { return m_disk.size(); }
    bool read(void *buffer, qint64 length, qint64 offset, QString *error) override;
    bool readShared(QByteArray *out, qint64 length, qint64 offset, QString *error) override;

private:
    struct Window
    {
        qint64 start = -1;
        QByteArray data;
        quint64 used = 0;
    };
    static constexpr int kOwnWindows = 16;

    bool shared(qint64 length, qint64 offset) const;
    // The window that holds [offset, offset + length) of the clone's own
    // data, read if need be; null with *error empty when the read is not one
    // for a window, with *error set when the read failed.
    const Window *ownWindow(qint64 length, qint64 offset, QString *error);

    BlockReader &m_disk;
    const CloneMap &m_clone;
    BackingBlockCache &m_cache;
    Window m_own[kOwnWindows];
    quint64 m_tick = 0;
};

} // namespace mamori::appliance::image
