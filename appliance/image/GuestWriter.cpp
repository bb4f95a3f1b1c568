// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/GuestWriter.h"

#include "appliance/image/DiskLayout.h"
#include "appliance/image/ExtVolume.h"
#include "appliance/image/NtfsHeaders_p.h"
#include "appliance/image/NtfsVolume.h"
#include "appliance/image/Volume.h"

#include <QDirIterator>
#include <QFile>

#include <ctime>
#include <ext2fs/ext2fs.h>

namespace mamori::appliance::image {
namespace {

QString extText(errcode_t e)
{
    return QString::fromUtf8(error_message(e));
}

bool split(const QByteArray &path, QList<QByteArray> *parts, QString *error)
{
    if (!splitGuestPath(path, parts) || parts->isEmpty()) {
        *error = QStringLiteral("not a path to write: %1").arg(QString::fromUtf8(path));
        return false;
    }
    return true;
}

class ExtWriter final : public GuestWriter
{
public:
    explicit ExtWriter(std::unique_ptr<ExtVolume> volume) : m_volume(std::move(volume)) { }

    bool init(QString *error)
    {
        if (const errcode_t e = ext2fs_read_bitmaps(fs())) {
            *error = extText(e);
            return false;
        }
        return true;
    }

    bool makeDirectory(const QByteArray &path, QString *error) override
    {
        QList<QByteArray> parts;
        ext2_ino_t ino = 0;
        return split(path, &parts, error) && directory(parts, parts.size(), &ino, error);
    }

    bool writeFile(const QByteArray &path, const QByteArray &content, QString *error) override
    {
        QList<QByteArray> parts;
        ext2_ino_t dir = 0;
        if (!split(path, &parts, error) || !directory(parts, parts.size() - 1, &dir, error))
            return false;
        const QByteArray name = parts.last();
        ext2_ino_t ino = 0;
        errcode_t e = ext2fs_lookup(fs(), dir, name.constData(), int(name.size()), nullptr, &ino);
        if (e == EXT2_ET_FILE_NOT_FOUND) {
            if (!create(dir, name, &ino, error))
                return false;
        } else if (e) {
            *error = extText(e);
            return false;
        }
        ext2_file_t file = nullptr;
        e = ext2fs_file_open(fs(), ino, EXT2_FILE_WRITE, &file);
        if (!e)
            e = ext2fs_file_set_size2(file, 0);
        for (qsizetype done = 0; !e && done < content.size();) {
            unsigned int written = 0;
            e = ext2fs_file_write(file, content.constData() + done,
                unsigned(std::min<qsizetype>(content.size() - done, 1 << 20)), &written);
            done += written;
        }
        if (file) {
            const errcode_t c = ext2fs_file_close(file);
            e = e ? e : c;
        }
        if (e) {
            *error = QStringLiteral("cannot write %1: %2").arg(QString::fromUtf8(path), extText(e));
            return false;
        }
        return true;
    }

    bool removeFile(const QByteArray &path, QString *error) override
    {
        QList<QByteArray> parts;
        ext2_ino_t dir = 0, ino = 0;
        if (!split(path, &parts, error) || !directory(parts, parts.size() - 1, &dir, error))
            return false;
        const QByteArray name = parts.last();
        errcode_t e = ext2fs_lookup(fs(), dir, name.constData(), int(name.size()), nullptr, &ino);
        if (!e)
            e = ext2fs_unlink(fs(), dir, name.constData(), ino, 0);
        ext2_inode inode {};
        if (!e)
            e = ext2fs_read_inode(fs(), ino, &inode);
        if (!e && inode.i_links_count > 0)
            --inode.i_links_count;
        if (!e && inode.i_links_count == 0) {
            // As rm does: the blocks go back, the inode is freed.
            e = ext2fs_punch(fs(), ino, &inode, nullptr, 0, ~0ull);
            if (!e) {
                inode.i_dtime = quint32(std::time(nullptr));
                ext2fs_inode_alloc_stats2(fs(), ino, -1, 0);
            }
        }
        if (!e)
            e = ext2fs_write_inode(fs(), ino, &inode);
        if (e) {
            *error =
                QStringLiteral("cannot remove %1: %2").arg(QString::fromUtf8(path), extText(e));
            return false;
        }
        return true;
    }

    bool close(QString *error) override { return m_volume->close(error); }

private:
    ext2_filsys fs() const { return m_volume->fs(); }

    // The directory made of the first `count` parts, made if missing.
    bool directory(const QList<QByteArray> &parts, qsizetype count, ext2_ino_t *out, QString *error)
    {
        ext2_ino_t ino = EXT2_ROOT_INO;
        for (qsizetype i = 0; i < count; ++i) {
            const QByteArray &name = parts[i];
            ext2_ino_t next = 0;
            errcode_t e =
                ext2fs_lookup(fs(), ino, name.constData(), int(name.size()), nullptr, &next);
            if (e == EXT2_ET_FILE_NOT_FOUND) {
                e = ext2fs_mkdir(fs(), ino, 0, name.constData());
                if (e == EXT2_ET_DIR_NO_SPACE) {
                    e = ext2fs_expand_dir(fs(), ino);
                    if (!e)
                        e = ext2fs_mkdir(fs(), ino, 0, name.constData());
                }
                if (!e)
                    e = ext2fs_lookup(
                        fs(), ino, name.constData(), int(name.size()), nullptr, &next);
            }
            if (e) {
                *error = QStringLiteral("cannot make folder %1: %2")
                             .arg(QString::fromUtf8(name), extText(e));
                return false;
            }
            ino = next;
        }
        *out = ino;
        return true;
    }

    // A new empty regular file, as e2fsprogs' create_inode does it.
    bool create(ext2_ino_t dir, const QByteArray &name, ext2_ino_t *out, QString *error)
    {
        ext2_ino_t ino = 0;
        errcode_t e = ext2fs_new_inode(fs(), dir, LINUX_S_IFREG | 0644, nullptr, &ino);
        if (!e) {
            e = ext2fs_link(fs(), dir, name.constData(), ino, EXT2_FT_REG_FILE);
            if (e == EXT2_ET_DIR_NO_SPACE) {
                e = ext2fs_expand_dir(fs(), dir);
                if (!e)
                    e = ext2fs_link(fs(), dir, name.constData(), ino, EXT2_FT_REG_FILE);
            }
        }
        if (!e) {
            ext2fs_inode_alloc_stats2(fs(), ino, +1, 0);
            ext2_inode inode {};
            inode.i_mode = LINUX_S_IFREG | 0644;
            inode.i_atime = inode.i_ctime = inode.i_mtime = quint32(std::time(nullptr));
            inode.i_links_count = 1;
            if (ext2fs_has_feature_extents(fs()->super)) {
                ext2_extent_handle_t handle = nullptr;
                inode.i_flags &= ~EXT4_EXTENTS_FL;
                e = ext2fs_extent_open2(fs(), ino, &inode, &handle);
                if (!e)
                    ext2fs_extent_free(handle);
            }
            if (!e)
                e = ext2fs_write_new_inode(fs(), ino, &inode);
        }
        if (e) {
            *error =
                QStringLiteral("cannot create %1: %2").arg(QString::fromUtf8(name), extText(e));
            return false;
        }
        *out = ino;
        return true;
    }

    std::unique_ptr<ExtVolume> m_volume;
};

struct NtfsName
{
    explicit NtfsName(const QByteArray &utf8) { length = ntfs_mbstoucs(utf8.constData(), &name); }
    ~NtfsName() { std::free(name); }
    ntfschar *name = nullptr;
    int length = -1;
};

// libntfs-3g's lookup by a multibyte name caches misses too, and what the
// writer creates would then stay unfound: look up by the UTF-16 name.
u64 lookup(ntfs_inode *dir, const QByteArray &utf8)
{
    const NtfsName name(utf8);
    return name.length < 0 ? u64(-1) : ntfs_inode_lookup_by_name(dir, name.name, name.length);
}

struct InodeCloser
{
    void operator()(ntfs_inode *ni) const { ntfs_inode_close(ni); }
};
using Inode = std::unique_ptr<ntfs_inode, InodeCloser>;

class NtfsWriter final : public GuestWriter
{
public:
    explicit NtfsWriter(std::unique_ptr<NtfsVolume> volume) : m_volume(std::move(volume)) { }

    bool makeDirectory(const QByteArray &path, QString *error) override
    {
        QList<QByteArray> parts;
        return split(path, &parts, error) && directory(parts, parts.size(), error) != nullptr;
    }

    bool writeFile(const QByteArray &path, const QByteArray &content, QString *error) override
    {
        QList<QByteArray> parts;
        if (!split(path, &parts, error))
            return false;
        Inode dir = directory(parts, parts.size() - 1, error);
        if (!dir)
            return false;
        const NtfsName name(parts.last());
        const u64 ref = lookup(dir.get(), parts.last());
        Inode ni(ref == u64(-1) ? ntfs_create(dir.get(), 0, name.name, u8(name.length), S_IFREG)
                                : ntfs_inode_open(vol(), MREF(ref)));
        ntfs_attr *na = ni ? ntfs_attr_open(ni.get(), AT_DATA, AT_UNNAMED, 0) : nullptr;
        bool ok = na && ntfs_attr_truncate(na, 0) == 0;
        for (qsizetype done = 0; ok && done < content.size();) {
            const s64 n =
                ntfs_attr_pwrite(na, done, content.size() - done, content.constData() + done);
            ok = n > 0;
            done += ok ? n : 0;
        }
        const int e = errno;
        if (na)
            ntfs_attr_close(na);
        // Its directory is open here: a plain close would open a second copy
        // of the directory to update the file's entry, and the two copies
        // would overwrite each other's index.
        if (ni && ntfs_inode_close_in_dir(ni.release(), dir.get()) != 0 && ok) {
            ok = false;
        }
        if (!ok) {
            *error = QStringLiteral("cannot write %1: %2")
                         .arg(QString::fromUtf8(path), QString::fromLocal8Bit(std::strerror(e)));
            return false;
        }
        return true;
    }

    bool removeFile(const QByteArray &path, QString *error) override
    {
        QList<QByteArray> parts;
        if (!split(path, &parts, error))
            return false;
        Inode dir = directory(parts, parts.size() - 1, error);
        if (!dir)
            return false;
        const NtfsName name(parts.last());
        const u64 ref = lookup(dir.get(), parts.last());
        ntfs_inode *ni = ref == u64(-1) ? nullptr : ntfs_inode_open(vol(), MREF(ref));
        // ntfs_delete closes both inodes, whatever it returns.
        if (!ni
            || ntfs_delete(vol(), path.constData(), ni, dir.release(), name.name, u8(name.length))
                != 0) {
            *error =
                QStringLiteral("cannot remove %1: %2")
                    .arg(QString::fromUtf8(path), QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        return true;
    }

    bool close(QString *error) override { return m_volume->close(error); }

private:
    ntfs_volume *vol() const { return m_volume->volume(); }

    Inode directory(const QList<QByteArray> &parts, qsizetype count, QString *error)
    {
        Inode dir(ntfs_inode_open(vol(), FILE_root));
        for (qsizetype i = 0; dir && i < count; ++i) {
            const u64 ref = lookup(dir.get(), parts[i]);
            if (ref != u64(-1)) {
                dir.reset(ntfs_inode_open(vol(), MREF(ref)));
                continue;
            }
            const NtfsName name(parts[i]);
            Inode made(ntfs_create(dir.get(), 0, name.name, u8(name.length), S_IFDIR));
            dir = std::move(made);
        }
        if (!dir)
            *error = QStringLiteral("cannot open or make a folder: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return dir;
    }

    std::unique_ptr<NtfsVolume> m_volume;
};

} // namespace

GuestWriter::~GuestWriter() = default;

std::unique_ptr<GuestWriter> GuestWriter::open(RegionReader &partition, QString *error)
{
    const FileSystemGuess guess = DiskLayout::guess(partition);
    if (guess.kind == FileSystemKind::Ext) {
        auto volume = ExtVolume::open(partition, true, error);
        if (!volume)
            return nullptr;
        auto writer = std::make_unique<ExtWriter>(std::move(volume));
        return writer->init(error) ? std::move(writer) : nullptr;
    }
    if (guess.kind == FileSystemKind::Ntfs) {
        auto volume = NtfsVolume::open(partition, true, error);
        return volume ? std::make_unique<NtfsWriter>(std::move(volume)) : nullptr;
    }
    *error = QStringLiteral("cannot write into a %1 file system").arg(guess.name);
    return nullptr;
}

bool GuestWriter::copyTree(const QString &hostDir, QString *error)
{
    QDirIterator it(hostDir,
        QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString host = it.next();
        const QByteArray path = host.mid(hostDir.size()).toUtf8();
        const QFileInfo info = it.fileInfo();
        if (info.isDir()) {
            if (!makeDirectory(path, error))
                return false;
        } else if (info.isFile()) {
            QFile f(host);
            if (!f.open(QIODevice::ReadOnly)) {
                *error = f.errorString();
                return false;
            }
            if (!writeFile(path, f.readAll(), error))
                return false;
        }
    }
    return true;
}

} // namespace mamori::appliance::image
