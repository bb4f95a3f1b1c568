// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/NtfsVolume.h"

#include "appliance/image/NtfsHeaders_p.h"

#include <QHash>

#include <algorithm>
#include <mutex>

namespace mamori::appliance::image {

struct NtfsVolume::Device
{
    RegionReader *partition = nullptr;
    qint64 position = 0;
    bool writable = false;
    QString lastError;
};

namespace {

NtfsVolume::Device *deviceOf(ntfs_device *dev)
{
    return static_cast<NtfsVolume::Device *>(dev->d_private);
}

int devOpen(ntfs_device *dev, int flags)
{
    if ((flags & O_ACCMODE) != O_RDONLY && !deviceOf(dev)->writable) {
        errno = EROFS;
        return -1;
    }
    NDevSetOpen(dev);
    return 0;
}

int devClose(ntfs_device *dev)
{
    NDevClearOpen(dev);
    return 0;
}

s64 devSeek(ntfs_device *dev, s64 offset, int whence)
{
    auto *d = deviceOf(dev);
    const s64 base = whence == SEEK_SET ? 0
        : whence == SEEK_CUR            ? d->position
                                        : d->partition->size();
    if (base + offset < 0) {
        errno = EINVAL;
        return -1;
    }
    d->position = base + offset;
    return d->position;
}

s64 devPread(ntfs_device *dev, void *buffer, s64 count, s64 offset)
{
    auto *d = deviceOf(dev);
    if (offset >= d->partition->size())
        return 0;
    count = std::min<s64>(count, d->partition->size() - offset);
    if (!d->partition->read(buffer, count, offset, &d->lastError)) {
        errno = EIO;
        return -1;
    }
    return count;
}

s64 devRead(ntfs_device *dev, void *buffer, s64 count)
{
    auto *d = deviceOf(dev);
    const s64 n = devPread(dev, buffer, count, d->position);
    if (n > 0)
        d->position += n;
    return n;
}

s64 devPwrite(ntfs_device *dev, const void *buffer, s64 count, s64 offset)
{
    auto *d = deviceOf(dev);
    if (!d->writable) {
        errno = EROFS;
        return -1;
    }
    if (!d->partition->write(buffer, count, offset, &d->lastError)) {
        errno = EIO;
        return -1;
    }
    NDevSetDirty(dev);
    return count;
}

s64 devWrite(ntfs_device *dev, const void *buffer, s64 count)
{
    auto *d = deviceOf(dev);
    const s64 n = devPwrite(dev, buffer, count, d->position);
    if (n > 0)
        d->position += n;
    return n;
}

int devSync(ntfs_device *dev)
{
    auto *d = deviceOf(dev);
    if (!d->partition->flush(&d->lastError)) {
        errno = EIO;
        return -1;
    }
    NDevClearDirty(dev);
    return 0;
}

int devStat(ntfs_device *dev, struct stat *st)
{
    std::memset(st, 0, sizeof *st);
    st->st_mode = S_IFREG | 0600;
    st->st_size = deviceOf(dev)->partition->size();
    return 0;
}

int devIoctl(ntfs_device *, unsigned long, void *)
{
    errno = ENOTTY;
    return -1;
}

ntfs_device_operations g_operations = {
    devOpen, devClose, devSeek, devRead, devWrite, devPread, devPwrite, devSync, devStat, devIoctl};

QString errnoText(const QString &what, int e)
{
    return QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(e)));
}

qint64 nanoseconds(ntfs_time t)
{
    const struct timespec ts = ntfs2timespec(t);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

QByteArray utf8Name(const ntfschar *name, int length)
{
    char *out = nullptr;
    const int n = ntfs_ucstombs(name, length, &out, 0);
    QByteArray result = n > 0 ? QByteArray(out, n) : QByteArray();
    std::free(out);
    return result;
}

struct Entry
{
    QByteArray name;
    quint64 mref;
    unsigned type;
};

int collectEntry(void *context, const ntfschar *name, const int length, const int nameType,
    const s64, const MFT_REF mref, const unsigned type)
{
    // The 8.3 short name of a file that has a long one is the same file again.
    if (nameType == FILE_NAME_DOS)
        return 0;
    auto *entries = static_cast<std::vector<Entry> *>(context);
    QByteArray utf8 = utf8Name(name, length);
    if (utf8.isEmpty() || utf8 == "." || utf8 == "..")
        return 0;
    entries->push_back({std::move(utf8), MREF(mref), type});
    return 0;
}

void appendExtent(std::vector<FileExtent> &extents, FileExtent e)
{
    if (!extents.empty()) {
        FileExtent &last = extents.back();
        const bool follows = last.fileOffset + last.length == e.fileOffset;
        if (follows && last.zero == e.zero
            && (e.zero || last.diskOffset + last.length == e.diskOffset)) {
            last.length += e.length;
            return;
        }
    }
    extents.push_back(e);
}

struct Closer
{
    void operator()(ntfs_inode *ni) const { ntfs_inode_close(ni); }
    void operator()(ntfs_attr *na) const { ntfs_attr_close(na); }
};
using Inode = std::unique_ptr<ntfs_inode, Closer>;
using Attribute = std::unique_ptr<ntfs_attr, Closer>;

} // namespace

NtfsVolume::~NtfsVolume()
{
    if (m_volume)
        ntfs_umount(m_volume, TRUE);
}

std::unique_ptr<NtfsVolume> NtfsVolume::open(RegionReader &partition, bool writable, QString *error)
{
    static std::once_flag once;
    // libntfs-3g logs to stderr by default; errors reach the caller instead.
    std::call_once(once, [] { ntfs_log_set_handler(ntfs_log_handler_null); });
    std::unique_ptr<NtfsVolume> volume(new NtfsVolume);
    volume->m_device = std::make_unique<Device>();
    volume->m_device->partition = &partition;
    volume->m_device->writable = writable;
    ntfs_device *dev = ntfs_device_alloc("mamori-nbd", 0, &g_operations, volume->m_device.get());
    if (!dev) {
        *error = errnoText(QStringLiteral("libntfs-3g"), errno);
        return nullptr;
    }
    const auto flags = ntfs_mount_flags(
        writable ? NTFS_MNT_NONE : NTFS_MNT_RDONLY | NTFS_MNT_FORENSIC | NTFS_MNT_IGNORE_HIBERFILE);
    volume->m_volume = ntfs_device_mount(dev, flags);
    if (!volume->m_volume) {
        const int e = errno;
        ntfs_device_free(dev);
        *error = volume->m_device->lastError.isEmpty()
            ? errnoText(QStringLiteral("cannot open the NTFS file system"), e)
            : volume->m_device->lastError;
        return nullptr;
    }
    // As ntfs_mount() does: name lookups need these caches (ntfs_umount frees them).
    ntfs_create_lru_caches(volume->m_volume);
    return volume;
}

bool NtfsVolume::close(QString *error)
{
    if (!m_volume)
        return true;
    const int rc = ntfs_umount(m_volume, FALSE);
    m_volume = nullptr;
    if (rc != 0) {
        *error = errnoText(QStringLiteral("cannot close the NTFS file system"), errno);
        return false;
    }
    return true;
}

bool NtfsVolume::fileOf(
    quint64 mref, const QByteArray &path, GuestFile *file, bool *skip, QString *error)
{
    *skip = false;
    Inode ni(ntfs_inode_open(m_volume, mref));
    if (!ni) {
        *error = errnoText(QStringLiteral("cannot open the file record"), errno);
        return false;
    }
    // Junctions, symbolic links and other reparse points are not followed.
    if (ni->flags & FILE_ATTR_REPARSE_POINT) {
        *skip = true;
        return true;
    }
    Attribute na(ntfs_attr_open(ni.get(), AT_DATA, AT_UNNAMED, 0));
    if (!na) {
        *error = errnoText(QStringLiteral("cannot open the data stream"), errno);
        return false;
    }
    file->path = path;
    file->id = mref;
    file->size = na->data_size;
    file->mtimeNs = nanoseconds(ni->last_data_change_time);
    file->ctimeNs = nanoseconds(ni->last_mft_change_time);
    file->encrypted = na->data_flags & ATTR_IS_ENCRYPTED;
    const bool compressed = na->data_flags & ATTR_COMPRESSION_MASK;
    file->extents.clear();
    file->record = {};
    file->mapped = NAttrNonResident(na.get()) && !compressed && !file->encrypted;
    const qint64 cluster = m_volume->cluster_size;
    const qint64 base = m_device->partition->offset();
    if (!file->mapped) {
        // A small file lives in its MFT record: say where that record is.
        if (!NAttrNonResident(na.get()) && !file->encrypted && !NInoAttrList(ni.get())) {
            const qint64 at = qint64(mref) << m_volume->mft_record_size_bits;
            const LCN lcn = ntfs_attr_vcn_to_lcn(m_volume->mft_na, at / cluster);
            if (lcn >= 0)
                file->record = {0, base + lcn * cluster + at % cluster,
                    qint64(m_volume->mft_record_size), false};
        }
        return true;
    }
    if (ntfs_attr_map_whole_runlist(na.get()) != 0) {
        *error = errnoText(QStringLiteral("cannot read the file's run list"), errno);
        return false;
    }
    // Past the initialized size the content is zeros, whatever the clusters hold.
    const qint64 initialized = std::min<qint64>(na->initialized_size, file->size);
    for (const runlist_element *rl = na->rl; rl && rl->length > 0; ++rl) {
        qint64 offset = rl->vcn * cluster;
        qint64 length = rl->length * cluster;
        if (offset >= file->size)
            break;
        length = std::min(length, file->size - offset);
        if (rl->lcn < LCN_HOLE) {
            *error = QStringLiteral("the file's run list is damaged");
            return false;
        }
        const bool hole = rl->lcn == LCN_HOLE;
        if (!hole && offset < initialized) {
            const qint64 real = std::min(length, initialized - offset);
            appendExtent(file->extents, {offset, base + rl->lcn * cluster, real, false});
            offset += real;
            length -= real;
        }
        if (length > 0)
            appendExtent(file->extents, {offset, 0, length, true});
    }
    const qint64 end =
        file->extents.empty() ? 0 : file->extents.back().fileOffset + file->extents.back().length;
    if (end < file->size)
        appendExtent(file->extents, {end, 0, file->size - end, true});
    return true;
}

bool NtfsVolume::readUnmapped(const GuestFile &file, QByteArray *content, QString *error)
{
    Inode ni(ntfs_inode_open(m_volume, file.id));
    Attribute na(ni ? ntfs_attr_open(ni.get(), AT_DATA, AT_UNNAMED, 0) : nullptr);
    if (!na) {
        *error = errnoText(QStringLiteral("cannot open the data stream"), errno);
        return false;
    }
    content->resize(na->data_size);
    s64 done = 0;
    while (done < na->data_size) {
        const s64 n = ntfs_attr_pread(na.get(), done, na->data_size - done, content->data() + done);
        if (n <= 0) {
            *error = errnoText(QStringLiteral("cannot read the data stream"), n < 0 ? errno : EIO);
            return false;
        }
        done += n;
    }
    return true;
}

bool NtfsVolume::walk(const QByteArray &start, const Walk &walk, QString *error)
{
    const auto problem = [&](const QByteArray &path, const QString &why) {
        if (walk.problem)
            walk.problem(path.isEmpty() ? QByteArray("/") : path, why);
    };
    QList<QByteArray> components;
    if (!splitGuestPath(start, &components)) {
        *error = QStringLiteral("invalid_argument");
        return false;
    }
    // One component at a time, never through a reparse point.
    quint64 mref = FILE_root;
    QByteArray path;
    bool isDirectory = true;
    for (const QByteArray &c : std::as_const(components)) {
        Inode dir(isDirectory ? ntfs_inode_open(m_volume, mref) : nullptr);
        ntfschar *name = nullptr;
        const int length = ntfs_mbstoucs(c.constData(), &name);
        const u64 next =
            dir && length > 0 ? ntfs_inode_lookup_by_name(dir.get(), name, length) : u64(-1);
        std::free(name);
        Inode ni(next == u64(-1) ? nullptr : ntfs_inode_open(m_volume, MREF(next)));
        if (!ni || MREF(next) < FILE_first_user || (ni->flags & FILE_ATTR_REPARSE_POINT)) {
            *error = QStringLiteral("not_found");
            return false;
        }
        isDirectory = ni->mrec->flags & MFT_RECORD_IS_DIRECTORY;
        mref = MREF(next);
        path += '/' + c;
    }
    if (!isDirectory) {
        GuestFile file;
        bool skip = false;
        QString why;
        if (!fileOf(mref, path, &file, &skip, &why))
            problem(path, why);
        else if (!skip && !walk.file(file))
            return false;
        return true;
    }
    std::vector<std::pair<quint64, QByteArray>> stack {{mref, path}};
    QHash<quint64, bool> seen;
    while (!stack.empty()) {
        auto [dirRef, dirPath] = std::move(stack.back());
        stack.pop_back();
        if (seen.contains(dirRef))
            continue;
        seen.insert(dirRef, true);
        std::vector<Entry> entries;
        {
            Inode dir(ntfs_inode_open(m_volume, dirRef));
            s64 position = 0;
            if (!dir || ntfs_readdir(dir.get(), &position, &entries, collectEntry) != 0) {
                problem(dirPath, errnoText(QStringLiteral("cannot read the directory"), errno));
                continue;
            }
        }
        std::sort(entries.begin(), entries.end(),
            [](const Entry &a, const Entry &b) { return a.name < b.name; });
        std::vector<std::pair<quint64, QByteArray>> subdirs;
        for (const Entry &e : entries) {
            // $MFT, $LogFile, $Extend and the other system files.
            if (e.mref < FILE_first_user)
                continue;
            const QByteArray childPath = dirPath + '/' + e.name;
            if (e.type == NTFS_DT_DIR) {
                if (!walk.enter || walk.enter(childPath))
                    subdirs.emplace_back(e.mref, childPath);
            } else if (e.type == NTFS_DT_REG) {
                GuestFile file;
                bool skip = false;
                QString why;
                if (!fileOf(e.mref, childPath, &file, &skip, &why))
                    problem(childPath, why);
                else if (!skip && !walk.file(file))
                    return false;
            }
        }
        for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it)
            stack.push_back(std::move(*it));
    }
    return true;
}

} // namespace mamori::appliance::image
