// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"
#include "appliance/image/Volume.h"

#include <memory>

struct struct_ext2_filsys;

namespace mamori::appliance::image {

// An ext2/3/4 file system read through libext2fs, whose I/O manager reads
// the partition through a BlockReader (libnbd): nothing is mounted. A cache
// of 512 blocks serves the library's many small metadata reads;
// file contents are not read here but mapped to disk extents for the
// caller, so they are read in large requests, once.
//
// The journal is not replayed: a file system that was not cleanly unmounted
// (or a running VM's point-in-time view) is read as of its last checkpoint.
class ExtVolume final : public Volume
{
public:
    ~ExtVolume() override;
    // `partition` must outlive the volume. `writable`: the lab only.
    static std::unique_ptr<ExtVolume> open(RegionReader &partition, bool writable, QString *error);

    QString typeName() const override;
    bool walk(const QByteArray &start, const Walk &walk, QString *error) override;
    bool readUnmapped(const GuestFile &file, QByteArray *content, QString *error) override;

    // For the lab's writer (LabDisks), which writes a clone's own changes.
    struct_ext2_filsys *fs() const { return m_fs; }
    // Writes back what libext2fs changed (bitmaps, superblock) and closes.
    bool close(QString *error);

    struct Io; // the I/O manager's channel data

private:
    ExtVolume() = default;
    bool fileOf(unsigned ino, const QByteArray &path, GuestFile *file, QString *error);

    std::unique_ptr<Io> m_io;
    struct_ext2_filsys *m_fs = nullptr;
    QString m_type;
};

} // namespace mamori::appliance::image
