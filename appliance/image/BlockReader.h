// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace mamori::appliance::image {

// Bytes of a disk (or of a region of one), read at any offset. The file
// system readers see a partition through this and nothing else, so that
// every byte they read comes through one counted path (libnbd).
class BlockReader
{
public:
    virtual ~BlockReader();
    virtual qint64 size() const = 0;
    // Reads exactly `length` bytes at `offset`; false (and *error) otherwise,
    // also for a range beyond the end.
    virtual bool read(void *buffer, qint64 length, qint64 offset, QString *error) = 0;
    // The same into *out (resized to `length`), which may then share its
    // bytes with a cache instead of holding a copy (BackingBlockReader).
    virtual bool readShared(QByteArray *out, qint64 length, qint64 offset, QString *error);
    // Only the lab writes (into its own clones' overlays); a scan never does.
    virtual bool write(const void *buffer, qint64 length, qint64 offset, QString *error);
    virtual bool flush(QString *error);
    virtual bool isWritable() const { return false; }
};

// A window [offset, offset + size) of another reader: a partition.
class RegionReader final : public BlockReader
{
public:
    RegionReader(BlockReader &disk, qint64 offset, qint64 size)
        : m_disk(disk), m_offset(offset), m_size(size)
    { }
    qint64 size() const override { return m_size; }
    qint64 offset() const { return m_offset; }
    BlockReader &disk() const { return m_disk; }
    bool read(void *buffer, qint64 length, qint64 offset, QString *error) override;
    bool readShared(QByteArray *out, qint64 length, qint64 offset, QString *error) override;
    bool write(const void *buffer, qint64 length, qint64 offset, QString *error) override;
    bool flush(QString *error) override { return m_disk.flush(error); }
    bool isWritable() const override { return m_disk.isWritable(); }

private:
    bool inside(qint64 length, qint64 offset, QString *error) const;

    BlockReader &m_disk;
    const qint64 m_offset;
    const qint64 m_size;
};

} // namespace mamori::appliance::image
