// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStringList>

namespace mamori::appliance::image {

// `mamori-appliance lab --disks qcow2`: the lab host's image VMs, beside its
// folder VMs, made without root and without mounting anything:
// - DIR/disks/golden-ext4.qcow2: the master image's tree on a GPT disk with
//   one ext4 partition (mkfs.ext4 -d);
// - DIR/disks/golden-ntfs.qcow2: the same tree on an MBR disk with one NTFS
//   partition (mkntfs, then libntfs-3g writes the tree through qemu-nbd);
// - DIR/disks/vdi-NNN.qcow2: linked clones, qcow2 overlays on a golden image
//   holding only the clusters their own changes touch. Clone N has exactly
//   the changes folder VM desk-NNN has over the master (written through
//   qemu-nbd by libext2fs / libntfs-3g), so a benchmark can compare the two
//   forms of the same 25 desktops; some get a test threat at build time
//   (in both forms).
// - DIR/lab-domains.xml: a libvirt test:/// node listing the folder VMs as
//   domains with a <filesystem> share (running) and the clones as domains
//   with their disk (shut off).
class LabDisks
{
public:
    struct Options
    {
        int count = 25; // clones; at most the lab's folder VMs
        QStringList fileSystems {QStringLiteral("ext4"), QStringLiteral("ntfs")}; // round robin
        quint64 seed = 1;
    };

    // Builds what is missing; refuses a DIR/disks made with other options.
    static bool build(const QString &labDir, const Options &options, QString *error);
    // Writes DIR/lab-domains.xml and returns its path (empty on failure).
    static QString writeDomains(const QString &labDir, QString *error);

    // "vdi-007" for 7.
    static QString vmName(int index);
    // The test files dropped at build time: desk-NNN gets one when NNN % 5 == 2.
    static bool hasThreat(int index) { return index % 5 == 2; }
};

} // namespace mamori::appliance::image
