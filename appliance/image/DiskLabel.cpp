// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/DiskLabel.h"

#include "appliance/image/DiskLayout.h"

#include <QFile>
#include <QUuid>
#include <QtEndian>

#include <cstring>

namespace mamori::appliance::image {
namespace {

constexpr qint64 kSector = 512;
constexpr int kEntries = 128;
constexpr int kEntrySize = 128;
constexpr qint64 kEntrySectors = kEntries * kEntrySize / kSector;

// The mixed-endian on-disk form of a GUID.
void putGuid(uchar *out, const QUuid &id)
{
    qToLittleEndian<quint32>(id.data1, out);
    qToLittleEndian<quint16>(id.data2, out + 4);
    qToLittleEndian<quint16>(id.data3, out + 6);
    std::memcpy(out + 8, id.data4, 8);
}

void putMbrEntry(uchar *sector, int index, int type, quint32 startLba, quint32 sectors)
{
    uchar *e = sector + 446 + 16 * index;
    std::memset(e, 0, 16);
    e[4] = uchar(type);
    // CHS fields: "use LBA" (all ones), as modern tools write them.
    e[1] = e[2] = e[3] = e[5] = e[6] = e[7] = 0xff;
    qToLittleEndian<quint32>(startLba, e + 8);
    qToLittleEndian<quint32>(sectors, e + 12);
    sector[510] = 0x55;
    sector[511] = 0xaa;
}

bool writeAt(QFile &f, qint64 offset, const void *data, qint64 size, QString *error)
{
    if (!f.seek(offset) || f.write(static_cast<const char *>(data), size) != size) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace

const QString DiskLabel::kLinuxData = QStringLiteral("0fc63daf-8483-4772-8e79-3d69d8477de4");
const QString DiskLabel::kBasicData = QStringLiteral("ebd0a0a2-b9e5-4433-87c0-68b6b72699c7");

bool DiskLabel::writeGpt(const QString &path, const QList<NewPartition> &partitions, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite)) {
        *error = f.errorString();
        return false;
    }
    const qint64 sectors = f.size() / kSector;
    if (partitions.size() > kEntries || sectors < 2 * kEntrySectors + 3) {
        *error = QStringLiteral("the disk is too small for a GPT");
        return false;
    }
    uchar mbr[512] = {};
    putMbrEntry(mbr, 0, 0xee, 1, quint32(std::min<qint64>(sectors - 1, 0xffffffff)));
    QByteArray entries(kEntries * kEntrySize, '\0');
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        const NewPartition &p = partitions[i];
        uchar *e = reinterpret_cast<uchar *>(entries.data()) + i * kEntrySize;
        putGuid(e, QUuid::fromString(p.gptType));
        putGuid(e + 16, QUuid::createUuid());
        qToLittleEndian<quint64>(quint64(p.offset / kSector), e + 32);
        qToLittleEndian<quint64>(quint64((p.offset + p.size) / kSector - 1), e + 40);
    }
    const quint32 entriesCrc = DiskLayout::crc32(entries.constData(), entries.size());
    const QUuid diskId = QUuid::createUuid();
    const auto header = [&](qint64 self, qint64 other, qint64 entriesLba) {
        QByteArray h(kSector, '\0');
        uchar *u = reinterpret_cast<uchar *>(h.data());
        std::memcpy(u, "EFI PART", 8);
        qToLittleEndian<quint32>(0x00010000, u + 8);
        qToLittleEndian<quint32>(92, u + 12);
        qToLittleEndian<quint64>(quint64(self), u + 24);
        qToLittleEndian<quint64>(quint64(other), u + 32);
        qToLittleEndian<quint64>(quint64(2 + kEntrySectors), u + 40);
        qToLittleEndian<quint64>(quint64(sectors - 2 - kEntrySectors), u + 48);
        putGuid(u + 56, diskId);
        qToLittleEndian<quint64>(quint64(entriesLba), u + 72);
        qToLittleEndian<quint32>(kEntries, u + 80);
        qToLittleEndian<quint32>(kEntrySize, u + 84);
        qToLittleEndian<quint32>(entriesCrc, u + 88);
        qToLittleEndian<quint32>(DiskLayout::crc32(u, 92), u + 16);
        return h;
    };
    const qint64 last = sectors - 1;
    const QByteArray primary = header(1, last, 2);
    const QByteArray backup = header(last, 1, last - kEntrySectors);
    return writeAt(f, 0, mbr, sizeof mbr, error)
        && writeAt(f, kSector, primary.constData(), kSector, error)
        && writeAt(f, 2 * kSector, entries.constData(), entries.size(), error)
        && writeAt(f, (last - kEntrySectors) * kSector, entries.constData(), entries.size(), error)
        && writeAt(f, last * kSector, backup.constData(), kSector, error);
}

bool DiskLabel::writeMbr(const QString &path, const QList<NewPartition> &partitions, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite)) {
        *error = f.errorString();
        return false;
    }
    if (partitions.size() > 4) {
        *error = QStringLiteral("an MBR holds four partitions");
        return false;
    }
    uchar mbr[512] = {};
    // Keep what is already in the boot code area; a disk signature helps tools.
    f.seek(0);
    f.read(reinterpret_cast<char *>(mbr), 440);
    qToLittleEndian<quint32>(QUuid::createUuid().data1, mbr + 440);
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        const NewPartition &p = partitions[i];
        const quint32 start = quint32(p.offset / kSector);
        putMbrEntry(mbr, int(i), p.mbrType, start, quint32(p.size / kSector));
        if (p.mbrType != 0x05)
            continue;
        // The chain of extended boot records: the first at the start of the
        // extended partition, the others in the sector before their logical
        // partition's data; each points at the next, relative to the start.
        const auto ebrOf = [&](qsizetype j) {
            return j == 0 ? qint64(start) : p.logical[j].offset / kSector - 1;
        };
        for (qsizetype j = 0; j < p.logical.size(); ++j) {
            const NewPartition &l = p.logical[j];
            const qint64 ebr = ebrOf(j);
            uchar s[512] = {};
            putMbrEntry(
                s, 0, l.mbrType, quint32(l.offset / kSector - ebr), quint32(l.size / kSector));
            if (j + 1 < p.logical.size()) {
                const NewPartition &n = p.logical[j + 1];
                const qint64 nextEbr = ebrOf(j + 1);
                putMbrEntry(s, 1, 0x05, quint32(nextEbr - start),
                    quint32(n.offset / kSector + n.size / kSector - nextEbr));
            } else {
                std::memset(s + 446 + 16, 0, 16);
            }
            if (!writeAt(f, ebr * kSector, s, sizeof s, error))
                return false;
        }
    }
    return writeAt(f, 0, mbr, sizeof mbr, error);
}

} // namespace mamori::appliance::image
