// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace mamori::appliance::image {

// Writes a partition table into a raw disk image file, for the lab's disks
// and the tests (the appliance itself never writes to a disk it reads).
struct NewPartition
{
    qint64 offset = 0; // bytes, a multiple of 512
    qint64 size = 0;
    QString gptType; // GPT: type GUID ("0fc63daf-…" Linux data, "ebd0a0a2-…" basic data)
    int mbrType = 0x83; // MBR: type byte; 0x05 makes it an extended partition
    QList<NewPartition> logical; // MBR extended partition: its logical partitions
};

class DiskLabel
{
public:
    static const QString kLinuxData;
    static const QString kBasicData;

    // GPT with a protective MBR and the backup header in the last sector;
    // the file must already be as large as the disk.
    static bool writeGpt(
        const QString &path, const QList<NewPartition> &partitions, QString *error);
    // MBR, primary partitions and at most one extended one with logical ones.
    static bool writeMbr(
        const QString &path, const QList<NewPartition> &partitions, QString *error);
};

} // namespace mamori::appliance::image
