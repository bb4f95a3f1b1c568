// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/BackingBlocks.h"

#include "appliance/image/ImageFileScanner.h"
#include "appliance/scan/ClockMap_p.h"

#include <algorithm>
#include <cstring>

namespace mamori::appliance::image {
namespace {

struct BlockKey
{
    ScanCache::Digest backing {};
    qint64 offset = 0;
    qint64 length = 0;
    bool operator==(const BlockKey &) const = default;
};

struct BlockKeyHash
{
    std::size_t operator()(const BlockKey &k) const
    {
        std::size_t h;
        std::memcpy(&h, k.backing.data(), sizeof h);
        return h ^ (std::size_t(k.offset) * 0x9e3779b97f4a7c15ull) ^ std::size_t(k.length);
    }
};

// Entries are counted, not bytes: most blocks are one file system block
// (4 KiB), so the bound is the bytes divided by that.
constexpr qint64 kTypicalBlock = 4 << 10;

} // namespace

struct BackingBlockCache::Map
{
    explicit Map(qint64 maxBytes)
        : blocks(std::size_t(std::max<qint64>(0, maxBytes) / kTypicalBlock))
    { }
    appliance::detail::ClockMap<BlockKey, QByteArray, BlockKeyHash> blocks;
    qint64 hits = 0;
    qint64 misses = 0;
};

BackingBlockCache::BackingBlockCache(qint64 maxBytes) : m_map(new Map(maxBytes)) { }

BackingBlockCache::~BackingBlockCache() = default;

std::optional<QByteArray> BackingBlockCache::find(
    const ScanCache::Digest &backing, qint64 offset, qint64 length)
{
    std::lock_guard lock(m_mutex);
    if (const QByteArray *block = m_map->blocks.find({backing, offset, length})) {
        ++m_map->hits;
        return *block;
    }
    ++m_map->misses;
    return std::nullopt;
}

void BackingBlockCache::insert(
    const ScanCache::Digest &backing, qint64 offset, const QByteArray &block)
{
    if (block.size() > kMaxBlock)
        return;
    std::lock_guard lock(m_mutex);
    m_map->blocks.insert({backing, offset, block.size()}, block);
}

qint64 BackingBlockCache::hits() const
{
    std::lock_guard lock(m_mutex);
    return m_map->hits;
}

qint64 BackingBlockCache::misses() const
{
    std::lock_guard lock(m_mutex);
    return m_map->misses;
}

qint64 BackingBlockCache::bytes() const
{
    std::lock_guard lock(m_mutex);
    qint64 total = 0;
    m_map->blocks.forEach([&](const BlockKey &, const QByteArray &b) { total += b.size(); });
    return total;
}

void BackingBlockCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_map->blocks.clear();
}

bool BackingBlockReader::shared(qint64 length, qint64 offset) const
{
    return length > 0 && length <= BackingBlockCache::kMaxBlock && m_clone.golden
        && m_clone.inBacking(offset, length);
}

const BackingBlockReader::Window *BackingBlockReader::ownWindow(
    qint64 length, qint64 offset, QString *error)
{
    const qint64 start = offset - offset % kOwnWindow;
    const qint64 windowLength = std::min(kOwnWindow, m_disk.size() - start);
    if (length <= 0 || length > kOwnSmall || offset < 0 || offset + length > start + windowLength
        || !m_clone.inOwn(start, windowLength))
        return nullptr;
    Window *w = std::find_if(
        std::begin(m_own), std::end(m_own), [start](const Window &x) { return x.start == start; });
    if (w == std::end(m_own)) {
        w = std::min_element(std::begin(m_own), std::end(m_own),
            [](const Window &a, const Window &b) { return a.used < b.used; });
        w->start = -1;
        if (!m_disk.readShared(&w->data, windowLength, start, error))
            return nullptr;
        w->start = start;
    }
    w->used = ++m_tick;
    return w;
}

bool BackingBlockReader::read(void *buffer, qint64 length, qint64 offset, QString *error)
{
    if (!shared(length, offset)) {
        error->clear();
        if (const Window *w = ownWindow(length, offset, error)) {
            std::memcpy(buffer, w->data.constData() + (offset - w->start), std::size_t(length));
            return true;
        }
        return error->isEmpty() && m_disk.read(buffer, length, offset, error);
    }
    QByteArray block;
    if (!readShared(&block, length, offset, error))
        return false;
    std::memcpy(buffer, block.constData(), std::size_t(length));
    return true;
}

bool BackingBlockReader::readShared(QByteArray *out, qint64 length, qint64 offset, QString *error)
{
    if (!shared(length, offset)) {
        error->clear();
        if (const Window *w = ownWindow(length, offset, error)) {
            *out = w->data.mid(qsizetype(offset - w->start), qsizetype(length));
            return true;
        }
        return error->isEmpty() && m_disk.readShared(out, length, offset, error);
    }
    if (auto block = m_cache.find(m_clone.goldenIdentity, offset, length)) {
        *out = std::move(*block);
        return true;
    }
    if (!m_disk.readShared(out, length, offset, error))
        return false;
    m_cache.insert(m_clone.goldenIdentity, offset, *out);
    return true;
}

} // namespace mamori::appliance::image
