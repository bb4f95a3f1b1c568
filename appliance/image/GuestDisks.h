// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BackingBlocks.h"
#include "appliance/image/DiskLayout.h"
#include "appliance/image/ImageFileScanner.h"
#include "appliance/image/NbdDisk.h"
#include "appliance/image/Volume.h"
#include "appliance/inventory/Inventory.h"

#include <memory>
#include <vector>

namespace mamori::appliance::image {

class DiskExporter;
class GoldenIndex;

// The file systems of one VM's disks, opened for one scan: each readable
// disk connected over NBD with its clone map, each partition named as Linux
// names it ("vda1") and opened when it holds ext or NTFS, the rest listed
// as unscannable with the reason.
class GuestDisks
{
public:
    struct Disk
    {
        VmDisk disk;
        std::unique_ptr<NbdDisk> nbd;
        CloneMap clone;
        // The file systems' reads: through the golden image's shared blocks
        // when the clone map knows what lies in it, else straight from nbd.
        std::unique_ptr<BackingBlockReader> blocks;
        BlockReader &metadata() const
        {
            return blocks ? static_cast<BlockReader &>(*blocks) : *nbd;
        }
        std::vector<ImageFileScanner::PendingKey> pending; // golden facts learnt by this scan
    };
    struct Mounted // in the sense of "opened by a library", nothing is mounted
    {
        Disk *disk = nullptr;
        QString name; // "vda1"; the disk's target for a disk without partitions
        std::unique_ptr<RegionReader> region;
        std::unique_ptr<Volume> volume;
    };
    struct Unscannable
    {
        QString name; // "vda2", or the disk's target
        QString what; // "xfs", "network disk", "cannot be read: …"
    };

    GuestDisks() = default;
    ~GuestDisks();
    GuestDisks(const GuestDisks &) = delete;
    GuestDisks &operator=(const GuestDisks &) = delete;

    // Connects every readable disk through `exporter` (already open) and
    // opens its file systems. `golden` (may be null: no clone maps) keeps
    // what clones share. `stableImages`: the image files are not being
    // written (the VM is off), so their own identity keys their files.
    // Never fails as a whole: what cannot be read ends up in unscannable().
    void open(
        DiskExporter &exporter, const QList<VmDisk> &disks, GoldenIndex *golden, bool stableImages);

    std::vector<Mounted> &volumes() { return m_volumes; }
    const QList<Unscannable> &unscannable() const { return m_unscannable; }

    // Records what the scan learnt (extent keys -> contents) for every disk
    // that did not change while it was read: same allocation depths, same
    // image file identity. A VM that started under a scan of its powered-off
    // disk writes to its overlay; what was read then cannot be told apart
    // from what it changed, and nothing of that disk is recorded. Returns
    // how many keys were recorded.
    qint64 commitKeys(GoldenIndex &index);

    void close();
    // What was asked of the disks over NBD: metadata and contents.
    qint64 bytesRead() const;

    // The identity of image files: path, device, inode, size and mtime of
    // each. False if one cannot be stat()ed or is not a regular file.
    static bool imageIdentity(const QStringList &paths, ScanCache::Digest *identity);
    // "vda1" for partition 1 of vda; "nvme0n1p1" for a target ending in a digit.
    static QString partitionName(const QString &target, int number);

private:
    std::vector<std::unique_ptr<Disk>> m_disks;
    std::vector<Mounted> m_volumes;
    QList<Unscannable> m_unscannable;
};

} // namespace mamori::appliance::image
