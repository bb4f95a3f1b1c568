// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace mamori::appliance::image {

class GuestWriter;

// Disk images made from a host folder without root and without mounting,
// for the lab (`lab --disks qcow2`) and the tests:
// - ext4: mkfs.ext4 -d writes the folder straight into the file system;
// - NTFS: mkntfs makes an empty one and libntfs-3g writes the folder into it
//   through qemu-nbd;
// - a linked clone: a qcow2 overlay on a golden image whose own changes are
//   written through qemu-nbd by libext2fs / libntfs-3g, so the overlay holds
//   only the clusters those changes touch.
class ImageBuilder
{
public:
    // A raw disk of `diskBytes` with a GPT and one ext4 partition at 1 MiB
    // holding `tree`.
    static bool extDisk(const QString &tree, const QString &raw, qint64 diskBytes, QString *error);
    // A raw disk of `diskBytes` with an MBR and one NTFS partition at 1 MiB
    // holding `tree`. `socketDir` takes qemu-nbd's socket for the writing.
    static bool ntfsDisk(const QString &tree, const QString &raw, qint64 diskBytes,
        const QString &socketDir, QString *error);
    // qemu-img convert: only the allocated clusters are kept.
    static bool toQcow2(const QString &raw, const QString &qcow2, QString *error);
    // An empty qcow2 overlay on `golden` (qcow2). `clusterBytes` is the
    // overlay's allocation unit (qcow2's default is 64 KiB): a write of one
    // byte copies a whole cluster into the overlay.
    static bool overlay(
        const QString &golden, const QString &clone, QString *error, int clusterBytes = 64 << 10);

    // Opens the image read-write through qemu-nbd and hands the writer of
    // its first ext or NTFS partition to `edit`, then closes everything.
    static bool edit(const QString &image, const QString &format, const QString &socketDir,
        const std::function<bool(GuestWriter &, QString *)> &edit, QString *error);

    // What makes `changed` differ from `base` (two host folders): written
    // into the image with edit(). Returns the number of paths written or
    // removed (0: the same trees), -1 on failure.
    static int applyDifference(const QString &base, const QString &changed, const QString &image,
        const QString &format, const QString &socketDir, QString *error);
};

} // namespace mamori::appliance::image
