// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/ExtVolume.h"

#include <QHash>

#include <algorithm>
#include <cstring>
#include <ext2fs/ext2fs.h>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mamori::appliance::image {

// The per-channel data of the I/O manager: which partition, and a cache.
struct ExtVolume::Io
{
    // The library reads metadata a block at a time, the same blocks again
    // and again: a block-sized window keeps what is read what is needed
    // (a larger one read several times as much from the disk).
    static constexpr qint64 kWindow = 4 << 10;
    static constexpr std::size_t kWindows = 512;

    RegionReader *partition = nullptr;
    QString lastError;
    struct Window
    {
        qint64 start = -1;
        QByteArray data;
        quint64 used = 0;
    };
    std::vector<Window> windows = std::vector<Window>(kWindows);
    std::unordered_map<qint64, std::size_t> byStart;
    quint64 tick = 0;

    bool read(void *out, qint64 size, qint64 offset)
    {
        if (size > kWindow)
            return partition->read(out, size, offset, &lastError);
        char *dst = static_cast<char *>(out);
        while (size > 0) {
            const qint64 start = offset - offset % kWindow;
            Window *w = window(start);
            if (!w)
                return false;
            const qint64 within = offset - start;
            const qint64 n = std::min(size, qint64(w->data.size()) - within);
            if (n <= 0) {
                lastError = QStringLiteral("a read at %1 is beyond the partition").arg(offset);
                return false;
            }
            std::memcpy(dst, w->data.constData() + within, size_t(n));
            dst += n;
            offset += n;
            size -= n;
        }
        return true;
    }

    Window *window(qint64 start)
    {
        if (const auto it = byStart.find(start); it != byStart.end()) {
            windows[it->second].used = ++tick;
            return &windows[it->second];
        }
        const auto victim = std::min_element(windows.begin(), windows.end(),
            [](const Window &a, const Window &b) { return a.used < b.used; });
        const qint64 n = std::min(kWindow, partition->size() - start);
        if (n <= 0) {
            lastError = QStringLiteral("a read at %1 is beyond the partition").arg(start);
            return nullptr;
        }
        if (victim->start >= 0)
            byStart.erase(victim->start);
        victim->start = -1;
        // Shared with the clones' cache of backing blocks when it is one.
        if (!partition->readShared(&victim->data, n, start, &lastError))
            return nullptr;
        victim->start = start;
        victim->used = ++tick;
        byStart[start] = std::size_t(victim - windows.begin());
        return &*victim;
    }

    bool write(const void *data, qint64 size, qint64 offset)
    {
        for (Window &w : windows) {
            if (w.start >= 0 && w.start < offset + size && offset < w.start + w.data.size()) {
                byStart.erase(w.start);
                w.start = -1;
            }
        }
        return partition->write(data, size, offset, &lastError);
    }
};

namespace {

// libext2fs opens its I/O channel by name; the name says which Io.
std::mutex g_registryMutex;
std::map<std::string, ExtVolume::Io *> g_registry;

errcode_t ioOpen(const char *name, int flags, io_channel *channel);

ExtVolume::Io *ioOf(io_channel channel)
{
    return static_cast<ExtVolume::Io *>(channel->private_data);
}

errcode_t ioClose(io_channel channel)
{
    if (--channel->refcount > 0)
        return 0;
    ext2fs_free_mem(&channel->name);
    ext2fs_free_mem(&channel);
    return 0;
}

errcode_t ioSetBlockSize(io_channel channel, int size)
{
    channel->block_size = size;
    return 0;
}

qint64 byteCount(io_channel channel, int count)
{
    return count < 0 ? -qint64(count) : qint64(count) * channel->block_size;
}

errcode_t ioRead64(io_channel channel, unsigned long long block, int count, void *data)
{
    ExtVolume::Io *io = ioOf(channel);
    const qint64 size = byteCount(channel, count);
    if (io->read(data, size, qint64(block) * channel->block_size))
        return 0;
    std::memset(data, 0, size_t(size));
    return EXT2_ET_SHORT_READ;
}

errcode_t ioRead(io_channel channel, unsigned long block, int count, void *data)
{
    return ioRead64(channel, block, count, data);
}

errcode_t ioWrite64(io_channel channel, unsigned long long block, int count, const void *data)
{
    ExtVolume::Io *io = ioOf(channel);
    return io->write(data, byteCount(channel, count), qint64(block) * channel->block_size)
        ? 0
        : EXT2_ET_SHORT_WRITE;
}

errcode_t ioWrite(io_channel channel, unsigned long block, int count, const void *data)
{
    return ioWrite64(channel, block, count, data);
}

errcode_t ioWriteByte(io_channel channel, unsigned long offset, int count, const void *data)
{
    return ioOf(channel)->write(data, count, qint64(offset)) ? 0 : EXT2_ET_SHORT_WRITE;
}

errcode_t ioFlush(io_channel channel)
{
    ExtVolume::Io *io = ioOf(channel);
    return io->partition->flush(&io->lastError) ? 0 : EXT2_ET_SHORT_WRITE;
}

errcode_t ioSetOption(io_channel, const char *, const char *)
{
    return EXT2_ET_INVALID_ARGUMENT;
}

struct_io_manager g_manager = [] {
    struct_io_manager m {};
    m.magic = EXT2_ET_MAGIC_IO_MANAGER;
    m.name = "Mamori NBD I/O manager";
    m.open = ioOpen;
    m.close = ioClose;
    m.set_blksize = ioSetBlockSize;
    m.read_blk = ioRead;
    m.write_blk = ioWrite;
    m.flush = ioFlush;
    m.write_byte = ioWriteByte;
    m.set_option = ioSetOption;
    m.read_blk64 = ioRead64;
    m.write_blk64 = ioWrite64;
    return m;
}();

errcode_t ioOpen(const char *name, int, io_channel *channel)
{
    ExtVolume::Io *io = nullptr;
    {
        std::lock_guard lock(g_registryMutex);
        const auto it = g_registry.find(name ? name : "");
        if (it != g_registry.end())
            io = it->second;
    }
    if (!io)
        return EXT2_ET_BAD_DEVICE_NAME;
    io_channel c = nullptr;
    if (errcode_t e = ext2fs_get_mem(sizeof(struct_io_channel), &c))
        return e;
    std::memset(c, 0, sizeof(struct_io_channel));
    if (errcode_t e = ext2fs_get_mem(std::strlen(name) + 1, &c->name)) {
        ext2fs_free_mem(&c);
        return e;
    }
    std::strcpy(c->name, name);
    c->magic = EXT2_ET_MAGIC_IO_CHANNEL;
    c->manager = &g_manager;
    c->block_size = 1024;
    c->refcount = 1;
    c->private_data = io;
    *channel = c;
    return 0;
}

QString extError(errcode_t code, const ExtVolume::Io *io)
{
    if (io && !io->lastError.isEmpty()
        && (code == EXT2_ET_SHORT_READ || code == EXT2_ET_SHORT_WRITE))
        return io->lastError;
    return QString::fromUtf8(error_message(code));
}

qint64 nsOf(quint32 seconds, quint32 extra, bool hasExtra)
{
    // The extra field: 2 epoch bits (times after 2038), then nanoseconds.
    qint64 s = qint64(qint32(seconds));
    qint64 ns = 0;
    if (hasExtra) {
        s += qint64(extra & 3) << 32;
        ns = qint64(extra >> 2);
    }
    return s * 1'000'000'000 + ns;
}

struct BlockRun
{
    std::vector<FileExtent> *extents;
    qint64 blockSize;
    qint64 partitionOffset;
};

// Appends [fileOffset, +length) at diskOffset, merging with the previous
// extent when both continue each other.
void appendExtent(std::vector<FileExtent> &extents, FileExtent e)
{
    if (!extents.empty()) {
        FileExtent &last = extents.back();
        const bool follows = last.fileOffset + last.length == e.fileOffset;
        if (follows && last.zero && e.zero) {
            last.length += e.length;
            return;
        }
        if (follows && !last.zero && !e.zero && last.diskOffset + last.length == e.diskOffset) {
            last.length += e.length;
            return;
        }
    }
    extents.push_back(e);
}

int collectBlock(ext2_filsys, blk64_t *blocknr, e2_blkcnt_t blockcnt, blk64_t, int, void *priv)
{
    auto *run = static_cast<BlockRun *>(priv);
    if (blockcnt < 0)
        return 0;
    appendExtent(*run->extents,
        {qint64(blockcnt) * run->blockSize,
            run->partitionOffset + qint64(*blocknr) * run->blockSize, run->blockSize, false});
    return 0;
}

// Fills the holes between extents with zeros and cuts everything at `size`.
void normalize(std::vector<FileExtent> &in, qint64 size)
{
    std::sort(in.begin(), in.end(),
        [](const FileExtent &a, const FileExtent &b) { return a.fileOffset < b.fileOffset; });
    std::vector<FileExtent> out;
    qint64 at = 0;
    for (FileExtent e : in) {
        if (e.fileOffset >= size)
            break;
        if (e.fileOffset < at) { // overlapping (corrupt): keep the first
            const qint64 skip = at - e.fileOffset;
            if (skip >= e.length)
                continue;
            e.fileOffset += skip;
            e.length -= skip;
            if (!e.zero)
                e.diskOffset += skip;
        }
        if (e.fileOffset > at)
            appendExtent(out, {at, 0, e.fileOffset - at, true});
        e.length = std::min(e.length, size - e.fileOffset);
        appendExtent(out, e);
        at = e.fileOffset + e.length;
    }
    if (at < size)
        appendExtent(out, {at, 0, size - at, true});
    in.swap(out);
}

} // namespace

ExtVolume::~ExtVolume()
{
    if (m_fs)
        ext2fs_close_free(&m_fs);
    if (m_io) {
        std::lock_guard lock(g_registryMutex);
        for (auto it = g_registry.begin(); it != g_registry.end();) {
            it = it->second == m_io.get() ? g_registry.erase(it) : std::next(it);
        }
    }
}

std::unique_ptr<ExtVolume> ExtVolume::open(RegionReader &partition, bool writable, QString *error)
{
    static std::once_flag once;
    std::call_once(once, [] { initialize_ext2_error_table(); });
    std::unique_ptr<ExtVolume> volume(new ExtVolume);
    volume->m_io = std::make_unique<Io>();
    volume->m_io->partition = &partition;
    static std::atomic<quint64> counter {0};
    const std::string name = "mamori-nbd-" + std::to_string(++counter);
    {
        std::lock_guard lock(g_registryMutex);
        g_registry[name] = volume->m_io.get();
    }
    int flags = EXT2_FLAG_64BITS | EXT2_FLAG_SKIP_MMP;
    flags |= writable ? EXT2_FLAG_RW : EXT2_FLAG_IGNORE_CSUM_ERRORS;
    ext2_filsys fs = nullptr;
    const errcode_t e = ext2fs_open2(name.c_str(), nullptr, flags, 0, 0, &g_manager, &fs);
    if (e) {
        *error = QStringLiteral("cannot open the ext file system: %1")
                     .arg(extError(e, volume->m_io.get()));
        return nullptr;
    }
    volume->m_fs = fs;
    auto *sb = fs->super;
    volume->m_type = ext2fs_has_feature_extents(sb) || ext2fs_has_feature_64bit(sb)
            || ext2fs_has_feature_flex_bg(sb)
        ? QStringLiteral("ext4")
        : ext2fs_has_feature_journal(sb) ? QStringLiteral("ext3")
                                         : QStringLiteral("ext2");
    return volume;
}

bool ExtVolume::close(QString *error)
{
    if (!m_fs)
        return true;
    const errcode_t e = ext2fs_close_free(&m_fs);
    if (e) {
        *error = extError(e, m_io.get());
        return false;
    }
    return true;
}

QString ExtVolume::typeName() const
{
    return m_type;
}

bool ExtVolume::fileOf(unsigned ino, const QByteArray &path, GuestFile *file, QString *error)
{
    ext2_inode_large inode {};
    errcode_t e =
        ext2fs_read_inode_full(m_fs, ino, reinterpret_cast<ext2_inode *>(&inode), sizeof inode);
    if (e) {
        *error = extError(e, m_io.get());
        return false;
    }
    file->path = path;
    file->id = ino;
    file->size = qint64(EXT2_I_SIZE(&inode));
    const bool large = EXT2_INODE_SIZE(m_fs->super) > EXT2_GOOD_OLD_INODE_SIZE;
    const auto hasExtra = [&](size_t fieldEnd) {
        return large && EXT2_GOOD_OLD_INODE_SIZE + size_t(inode.i_extra_isize) >= fieldEnd;
    };
    file->mtimeNs = nsOf(inode.i_mtime, inode.i_mtime_extra,
        hasExtra(offsetof(ext2_inode_large, i_mtime_extra) + 4));
    file->ctimeNs = nsOf(inode.i_ctime, inode.i_ctime_extra,
        hasExtra(offsetof(ext2_inode_large, i_ctime_extra) + 4));
    file->encrypted = inode.i_flags & EXT4_ENCRYPT_FL;
    file->extents.clear();
    file->mapped = !(inode.i_flags & EXT4_INLINE_DATA_FL);
    if (!file->mapped)
        return true;
    const qint64 blockSize = m_fs->blocksize;
    const qint64 base = m_io->partition->offset();
    if (inode.i_flags & EXT4_EXTENTS_FL) {
        ext2_extent_handle_t handle = nullptr;
        e = ext2fs_extent_open2(m_fs, ino, reinterpret_cast<ext2_inode *>(&inode), &handle);
        if (e) {
            *error = extError(e, m_io.get());
            return false;
        }
        ext2fs_extent extent {};
        e = ext2fs_extent_get(handle, EXT2_EXTENT_ROOT, &extent);
        while (!e) {
            if ((extent.e_flags & EXT2_EXTENT_FLAGS_LEAF)
                && !(extent.e_flags & EXT2_EXTENT_FLAGS_SECOND_VISIT) && extent.e_len > 0) {
                const bool unwritten = extent.e_flags & EXT2_EXTENT_FLAGS_UNINIT;
                file->extents.push_back({qint64(extent.e_lblk) * blockSize,
                    unwritten ? 0 : base + qint64(extent.e_pblk) * blockSize,
                    qint64(extent.e_len) * blockSize, unwritten});
            }
            e = ext2fs_extent_get(handle, EXT2_EXTENT_NEXT, &extent);
        }
        ext2fs_extent_free(handle);
        if (e != EXT2_ET_EXTENT_NO_NEXT) {
            *error = extError(e, m_io.get());
            return false;
        }
    } else if (ext2fs_inode_has_valid_blocks2(m_fs, reinterpret_cast<ext2_inode *>(&inode))) {
        BlockRun run {&file->extents, blockSize, base};
        e = ext2fs_block_iterate3(
            m_fs, ino, BLOCK_FLAG_READ_ONLY | BLOCK_FLAG_DATA_ONLY, nullptr, collectBlock, &run);
        if (e) {
            *error = extError(e, m_io.get());
            return false;
        }
    }
    normalize(file->extents, file->size);
    return true;
}

bool ExtVolume::readUnmapped(const GuestFile &file, QByteArray *content, QString *error)
{
    size_t size = 0;
    errcode_t e = ext2fs_inline_data_size(m_fs, ext2_ino_t(file.id), &size);
    if (!e) {
        content->resize(qsizetype(std::max<size_t>(size, 1)));
        e = ext2fs_inline_data_get(m_fs, ext2_ino_t(file.id), nullptr, content->data(), &size);
        content->resize(qsizetype(size));
    }
    if (e) {
        *error = extError(e, m_io.get());
        return false;
    }
    return true;
}

namespace {

struct DirEntries
{
    std::vector<std::pair<QByteArray, ext2_ino_t>> entries;
};

int collectEntry(ext2_ino_t, int entry, ext2_dir_entry *dirent, int, int, char *, void *priv)
{
    if (entry != DIRENT_OTHER_FILE || dirent->inode == 0)
        return 0;
    auto *d = static_cast<DirEntries *>(priv);
    d->entries.emplace_back(
        QByteArray(dirent->name, ext2fs_dirent_name_len(dirent)), ext2_ino_t(dirent->inode));
    return 0;
}

} // namespace

bool ExtVolume::walk(const QByteArray &start, const Walk &walk, QString *error)
{
    const auto problem = [&](const QByteArray &path, const QString &why) {
        if (walk.problem)
            walk.problem(path, why);
    };
    QList<QByteArray> components;
    if (!splitGuestPath(start, &components)) {
        *error = QStringLiteral("invalid_argument");
        return false;
    }
    // Look the start up one component at a time, never through a link.
    ext2_ino_t ino = EXT2_ROOT_INO;
    QByteArray path;
    for (qsizetype i = 0; i < components.size(); ++i) {
        const QByteArray &c = components.at(i);
        ext2_ino_t next = 0;
        if (ext2fs_lookup(m_fs, ino, c.constData(), int(c.size()), nullptr, &next)) {
            *error = QStringLiteral("not_found");
            return false;
        }
        ext2_inode inode {};
        const bool last = i == components.size() - 1;
        if (ext2fs_read_inode(m_fs, next, &inode) || LINUX_S_ISLNK(inode.i_mode)
            || (!LINUX_S_ISDIR(inode.i_mode) && !last)) {
            *error = QStringLiteral("not_found");
            return false;
        }
        ino = next;
        path += '/' + c;
    }
    std::vector<std::pair<ext2_ino_t, QByteArray>> stack {{ino, path}};
    QHash<ext2_ino_t, bool> seenDirs;
    int visited = 0;
    while (!stack.empty()) {
        auto [dir, dirPath] = std::move(stack.back());
        stack.pop_back();
        ext2_inode inode {};
        if (errcode_t e = ext2fs_read_inode(m_fs, dir, &inode)) {
            problem(dirPath.isEmpty() ? QByteArray("/") : dirPath, extError(e, m_io.get()));
            continue;
        }
        if (LINUX_S_ISREG(inode.i_mode)) { // the start itself was a file
            GuestFile file;
            QString why;
            if (!fileOf(dir, dirPath, &file, &why))
                problem(dirPath, why);
            else if (!walk.file(file))
                return false;
            continue;
        }
        if (!LINUX_S_ISDIR(inode.i_mode) || seenDirs.contains(dir) || ++visited > 10'000'000)
            continue;
        seenDirs.insert(dir, true);
        DirEntries entries;
        if (errcode_t e = ext2fs_dir_iterate2(m_fs, dir, 0, nullptr, collectEntry, &entries)) {
            problem(dirPath.isEmpty() ? QByteArray("/") : dirPath, extError(e, m_io.get()));
            continue;
        }
        // Visit in name order, deepest-first by pushing in reverse.
        std::sort(entries.entries.begin(), entries.entries.end());
        std::vector<std::pair<ext2_ino_t, QByteArray>> subdirs;
        for (const auto &[name, child] : entries.entries) {
            const QByteArray childPath = dirPath + '/' + name;
            ext2_inode ci {};
            if (errcode_t e = ext2fs_read_inode(m_fs, child, &ci)) {
                problem(childPath, extError(e, m_io.get()));
                continue;
            }
            if (LINUX_S_ISDIR(ci.i_mode)) {
                if (!walk.enter || walk.enter(childPath))
                    subdirs.emplace_back(child, childPath);
            } else if (LINUX_S_ISREG(ci.i_mode)) {
                GuestFile file;
                QString why;
                if (!fileOf(child, childPath, &file, &why))
                    problem(childPath, why);
                else if (!walk.file(file))
                    return false;
            }
        }
        for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it)
            stack.push_back(std::move(*it));
    }
    return true;
}

} // namespace mamori::appliance::image
