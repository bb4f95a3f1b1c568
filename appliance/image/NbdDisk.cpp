// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/NbdDisk.h"

#include <QFile>

#include <algorithm>
#include <libnbd.h>

namespace mamori::appliance::image {
namespace {

constexpr char kAllocationDepth[] = "qemu:allocation-depth";

QString nbdError(const QString &what)
{
    const char *e = nbd_get_error();
    return QStringLiteral("%1: %2").arg(what, QString::fromUtf8(e ? e : "unknown libnbd error"));
}

struct DepthCollector
{
    std::vector<NbdDisk::DepthRange> *ranges;
    qint64 offset = 0; // where the next entry starts
};

int collectDepths(
    void *user, const char *context, uint64_t offset, uint32_t *entries, size_t count, int *)
{
    auto *c = static_cast<DepthCollector *>(user);
    if (std::string_view(context) != kAllocationDepth)
        return 0;
    c->offset = qint64(offset);
    for (size_t i = 0; i + 1 < count; i += 2) {
        const qint64 length = qint64(entries[i]);
        const quint32 depth = entries[i + 1];
        auto &r = *c->ranges;
        if (!r.empty() && r.back().depth == depth && r.back().offset + r.back().length == c->offset)
            r.back().length += length;
        else
            r.push_back({c->offset, length, depth});
        c->offset += length;
    }
    return 0;
}

} // namespace

NbdDisk::~NbdDisk()
{
    if (m_nbd) {
        // A clean disconnect: qemu-nbd (not --persistent) exits on it.
        nbd_shutdown(m_nbd, 0);
        nbd_close(m_nbd);
    }
}

std::unique_ptr<NbdDisk> NbdDisk::connect(const Options &options, QString *error)
{
    std::unique_ptr<NbdDisk> disk(new NbdDisk);
    disk->m_nbd = nbd_create();
    if (!disk->m_nbd) {
        *error = nbdError(QStringLiteral("libnbd"));
        return nullptr;
    }
    nbd_handle *h = disk->m_nbd;
    const QByteArray exportName = options.exportName.toUtf8();
    if (nbd_set_export_name(h, exportName.constData()) < 0
        || nbd_add_meta_context(h, kAllocationDepth) < 0
        || nbd_connect_unix(h, QFile::encodeName(options.socketPath).constData()) < 0) {
        *error = nbdError(QStringLiteral("cannot connect to %1").arg(options.socketPath));
        return nullptr;
    }
    disk->m_size = nbd_get_size(h);
    if (disk->m_size < 0) {
        *error = nbdError(QStringLiteral("cannot read the size of the disk"));
        return nullptr;
    }
    disk->m_allocationDepth = nbd_can_meta_context(h, kAllocationDepth) == 1;
    const int64_t maximum = nbd_get_block_size(h, LIBNBD_SIZE_MAXIMUM);
    if (maximum > 0)
        disk->m_maxRequest = std::min<qint64>(disk->m_maxRequest, maximum);
    disk->m_writable = options.writable && nbd_is_read_only(h) == 0;
    if (options.writable && !disk->m_writable) {
        *error = QStringLiteral("the export at %1 is read-only").arg(options.socketPath);
        return nullptr;
    }
    return disk;
}

bool NbdDisk::read(void *buffer, qint64 length, qint64 offset, QString *error)
{
    if (offset < 0 || length < 0 || offset > m_size || length > m_size - offset) {
        *error = QStringLiteral("a read of %1 bytes at %2 is beyond the disk's %3 bytes")
                     .arg(length)
                     .arg(offset)
                     .arg(m_size);
        return false;
    }
    char *p = static_cast<char *>(buffer);
    while (length > 0) {
        const qint64 n = std::min(length, m_maxRequest);
        if (nbd_pread(m_nbd, p, size_t(n), uint64_t(offset), 0) < 0) {
            *error = nbdError(QStringLiteral("cannot read %1 bytes at %2").arg(n).arg(offset));
            return false;
        }
        m_bytesRead.fetch_add(n, std::memory_order_relaxed);
        p += n;
        offset += n;
        length -= n;
    }
    return true;
}

bool NbdDisk::write(const void *buffer, qint64 length, qint64 offset, QString *error)
{
    if (!m_writable)
        return BlockReader::write(buffer, length, offset, error);
    const char *p = static_cast<const char *>(buffer);
    while (length > 0) {
        const qint64 n = std::min(length, m_maxRequest);
        if (nbd_pwrite(m_nbd, p, size_t(n), uint64_t(offset), 0) < 0) {
            *error = nbdError(QStringLiteral("cannot write %1 bytes at %2").arg(n).arg(offset));
            return false;
        }
        p += n;
        offset += n;
        length -= n;
    }
    return true;
}

bool NbdDisk::flush(QString *error)
{
    if (!m_writable)
        return true;
    if (nbd_flush(m_nbd, 0) < 0) {
        *error = nbdError(QStringLiteral("cannot flush the disk"));
        return false;
    }
    return true;
}

bool NbdDisk::allocationDepths(std::vector<DepthRange> *ranges, QString *error)
{
    ranges->clear();
    if (!m_allocationDepth) {
        *error = QStringLiteral("the NBD server does not offer %1").arg(kAllocationDepth);
        return false;
    }
    DepthCollector collector {ranges};
    qint64 offset = 0;
    while (offset < m_size) {
        // The server answers for a prefix of what is asked; ask again from there.
        const qint64 ask = std::min<qint64>(m_size - offset, 1ll << 30);
        collector.offset = offset;
        const qint64 before = offset;
        if (nbd_block_status(m_nbd, uint64_t(ask), uint64_t(offset),
                nbd_extent_callback {collectDepths, &collector, nullptr}, 0)
            < 0) {
            *error = nbdError(QStringLiteral("cannot read the allocation depth at %1").arg(offset));
            return false;
        }
        offset = collector.offset;
        if (offset <= before) {
            *error = QStringLiteral("the NBD server gave no allocation depth at %1").arg(before);
            return false;
        }
    }
    if (!ranges->empty() && ranges->back().offset + ranges->back().length > m_size)
        ranges->back().length = m_size - ranges->back().offset;
    return true;
}

} // namespace mamori::appliance::image
