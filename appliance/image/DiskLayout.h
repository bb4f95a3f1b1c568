// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"

#include <QList>

namespace mamori::appliance::image {

// What a stretch of a disk holds, judged by its first bytes.
enum class FileSystemKind {
    Ext, // ext2, ext3, ext4: read through libext2fs
    Ntfs, // read through libntfs-3g
    NoFiles, // swap, a BIOS boot or Microsoft reserved partition, all zeros: nothing to scan
    Other, // a file system (or container) we cannot read: reported, never skipped silently
};

struct FileSystemGuess
{
    FileSystemKind kind = FileSystemKind::Other;
    QString name; // "ext4", "ntfs", "vfat", "xfs", "lvm2", "swap", "unknown", ...
};

// One partition, or the whole disk when it has no partition table.
struct Partition
{
    int number = 0; // 1-based as the guest's kernel numbers them; 0: the whole disk
    qint64 offset = 0; // bytes from the start of the disk
    qint64 size = 0;
    QString scheme; // "gpt", "mbr" or "none"
    QString typeGuid; // GPT: the partition type, lower case
    int mbrType = 0; // MBR: the partition type byte
};

class DiskLayout
{
public:
    // The partitions of a disk: GPT (the backup header when the primary
    // one is damaged), MBR with its logical partitions, or the whole disk
    // when a file system starts at its first byte. False (and *error) only
    // when the disk cannot be read; a disk with no table and no known file
    // system gives one Partition of the whole disk, for guess() to name.
    static bool partitions(BlockReader &disk, QList<Partition> *out, QString *error);

    // What the partition holds: its table type first (BIOS boot, reserved),
    // then the signatures of known file systems.
    static FileSystemGuess guess(BlockReader &disk, const Partition &partition);
    // By signature alone.
    static FileSystemGuess guess(BlockReader &volume);

    // The GPT and MBR CRC-32 (IEEE 802.3).
    static quint32 crc32(const void *data, qsizetype size, quint32 crc = 0);
};

} // namespace mamori::appliance::image
