// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/BlockReader.h"

namespace mamori::appliance::image {

BlockReader::~BlockReader() = default;

bool BlockReader::readShared(QByteArray *out, qint64 length, qint64 offset, QString *error)
{
    if (length < 0) {
        *error = QStringLiteral("a read of %1 bytes is not a read").arg(length);
        return false;
    }
    // A new array of exactly `length`: resize() from empty rounds the
    // allocation up to a power of two, so a 4 KiB block kept in a cache
    // would hold 8 KiB (and an array shared with the cache would be copied).
    *out = QByteArray(qsizetype(length), Qt::Uninitialized);
    return read(out->data(), length, offset, error);
}

bool BlockReader::write(const void *, qint64, qint64, QString *error)
{
    *error = QStringLiteral("the disk is open read-only");
    return false;
}

bool BlockReader::flush(QString *)
{
    return true;
}

bool RegionReader::inside(qint64 length, qint64 offset, QString *error) const
{
    if (offset >= 0 && length >= 0 && offset <= m_size && length <= m_size - offset)
        return true;
    *error = QStringLiteral("a read of %1 bytes at %2 is outside the partition (%3 bytes)")
                 .arg(length)
                 .arg(offset)
                 .arg(m_size);
    return false;
}

bool RegionReader::read(void *buffer, qint64 length, qint64 offset, QString *error)
{
    return inside(length, offset, error) && m_disk.read(buffer, length, m_offset + offset, error);
}

bool RegionReader::readShared(QByteArray *out, qint64 length, qint64 offset, QString *error)
{
    return inside(length, offset, error)
        && m_disk.readShared(out, length, m_offset + offset, error);
}

bool RegionReader::write(const void *buffer, qint64 length, qint64 offset, QString *error)
{
    return inside(length, offset, error) && m_disk.write(buffer, length, m_offset + offset, error);
}

} // namespace mamori::appliance::image
