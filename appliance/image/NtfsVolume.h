// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"
#include "appliance/image/Volume.h"

#include <memory>

struct _ntfs_volume;

namespace mamori::appliance::image {

// An NTFS file system read through libntfs-3g, whose device operations
// read the partition through a BlockReader (libnbd): nothing is mounted by
// the kernel. Mounted read-only and "forensic" (nothing is ever written, not
// even the dirty flag); hibernated and fast-started volumes are read as
// they are on disk.
//
// Files: the unnamed data stream of every file that is not a system file
// ($MFT, …), a junction or a symbolic link. Uncompressed non-resident data
// is mapped to disk extents for the caller; resident (small) and compressed
// data is read through the library. EFS-encrypted data is marked encrypted.
// Alternate data streams are not read (see docs/architecture.md).
class NtfsVolume final : public Volume
{
public:
    ~NtfsVolume() override;
    // `partition` must outlive the volume. `writable`: the lab only.
    static std::unique_ptr<NtfsVolume> open(RegionReader &partition, bool writable, QString *error);

    QString typeName() const override { return QStringLiteral("ntfs"); }
    bool walk(const QByteArray &start, const Walk &walk, QString *error) override;
    bool readUnmapped(const GuestFile &file, QByteArray *content, QString *error) override;

    // For the lab's writer (LabDisks).
    _ntfs_volume *volume() const { return m_volume; }
    bool close(QString *error);

    struct Device; // the device operations' data

private:
    NtfsVolume() = default;
    bool fileOf(quint64 mref, const QByteArray &path, GuestFile *file, bool *skip, QString *error);

    std::unique_ptr<Device> m_device;
    _ntfs_volume *m_volume = nullptr;
};

} // namespace mamori::appliance::image
