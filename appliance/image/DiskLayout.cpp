// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/DiskLayout.h"

#include <QtEndian>

#include <array>
#include <cstring>

namespace mamori::appliance::image {
namespace {

constexpr qint64 kSector = 512;
constexpr qint64 kProbeBytes = 65536 + 4096;
const QLatin1String kBiosBoot("21686148-6449-6e6f-744e-656564454649");
const QLatin1String kMicrosoftReserved("e3c9e316-0b5c-4db8-817d-f92df00215ae");
const QLatin1String kLinuxSwap("0657fd6d-a4ab-43c4-84e5-0933c84b4f4f");

quint16 le16(const uchar *p)
{
    return qFromLittleEndian<quint16>(p);
}
quint32 le32(const uchar *p)
{
    return qFromLittleEndian<quint32>(p);
}
quint64 le64(const uchar *p)
{
    return qFromLittleEndian<quint64>(p);
}

bool at(const QByteArray &bytes, qsizetype offset, const char *text)
{
    const qsizetype n = qsizetype(std::strlen(text));
    return bytes.size() >= offset + n
        && std::memcmp(bytes.constData() + offset, text, size_t(n)) == 0;
}

// The mixed-endian GUID of a GPT, as text.
QString guidText(const uchar *g)
{
    QString s = QStringLiteral("%1-%2-%3-")
                    .arg(le32(g), 8, 16, QLatin1Char('0'))
                    .arg(le16(g + 4), 4, 16, QLatin1Char('0'))
                    .arg(le16(g + 6), 4, 16, QLatin1Char('0'));
    for (int i = 8; i < 16; ++i) {
        if (i == 10)
            s += QLatin1Char('-');
        s += QStringLiteral("%1").arg(g[i], 2, 16, QLatin1Char('0'));
    }
    return s;
}

bool isZero(const uchar *p, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (p[i])
            return false;
    }
    return true;
}

// A GPT header at `lba` and its entries, checked by their CRCs.
bool readGpt(BlockReader &disk, qint64 sector, qint64 lba, QList<Partition> *out)
{
    uchar header[512];
    QString error;
    if (lba < 1 || (lba + 1) * sector > disk.size()
        || !disk.read(header, sizeof header, lba * sector, &error)
        || std::memcmp(header, "EFI PART", 8) != 0)
        return false;
    const quint32 headerSize = le32(header + 12);
    if (headerSize < 92 || headerSize > sizeof header)
        return false;
    const quint32 storedCrc = le32(header + 16);
    std::memset(header + 16, 0, 4);
    if (DiskLayout::crc32(header, headerSize) != storedCrc)
        return false;
    const quint64 entriesLba = le64(header + 72);
    const quint32 count = le32(header + 80);
    const quint32 entrySize = le32(header + 84);
    if (count == 0 || count > 1024 || entrySize < 128 || entrySize > 4096 || entrySize % 8)
        return false;
    QByteArray entries(qsizetype(count) * entrySize, Qt::Uninitialized);
    if (entriesLba > quint64(disk.size() / sector)
        || !disk.read(entries.data(), entries.size(), qint64(entriesLba) * sector, &error)
        || DiskLayout::crc32(entries.constData(), entries.size()) != le32(header + 88))
        return false;
    QList<Partition> found;
    for (quint32 i = 0; i < count; ++i) {
        const uchar *e =
            reinterpret_cast<const uchar *>(entries.constData()) + qsizetype(i) * entrySize;
        if (isZero(e, 16))
            continue;
        const quint64 first = le64(e + 32);
        const quint64 last = le64(e + 40);
        if (last < first || qint64(last) >= disk.size() / sector)
            continue;
        Partition p;
        p.number = int(i) + 1;
        p.offset = qint64(first) * sector;
        p.size = qint64(last - first + 1) * sector;
        p.scheme = QStringLiteral("gpt");
        p.typeGuid = guidText(e);
        found.append(p);
    }
    *out = found;
    return true;
}

bool readMbrEntries(const uchar *sector0, std::array<std::array<quint32, 3>, 4> *entries)
{
    if (sector0[510] != 0x55 || sector0[511] != 0xaa)
        return false;
    for (int i = 0; i < 4; ++i) {
        const uchar *e = sector0 + 446 + 16 * i;
        if (e[0] != 0 && e[0] != 0x80)
            return false; // not a partition table (a boot sector of something else)
        (*entries)[size_t(i)] = {e[4], le32(e + 8), le32(e + 12)};
    }
    return true;
}

bool isExtended(quint32 type)
{
    return type == 0x05 || type == 0x0f || type == 0x85;
}

// The logical partitions in the chain of extended boot records.
void readLogical(
    BlockReader &disk, qint64 extendedStart, qint64 extendedSize, QList<Partition> *out)
{
    qint64 ebr = extendedStart;
    int number = 5;
    for (int guard = 0; guard < 128; ++guard) {
        uchar s[512];
        QString error;
        std::array<std::array<quint32, 3>, 4> e {};
        if (ebr < extendedStart || ebr >= extendedStart + extendedSize
            || !disk.read(s, sizeof s, ebr * kSector, &error) || !readMbrEntries(s, &e))
            return;
        if (e[0][0] != 0 && e[0][2] != 0) {
            Partition p;
            p.number = number++;
            p.offset = (ebr + e[0][1]) * kSector;
            p.size = qint64(e[0][2]) * kSector;
            p.scheme = QStringLiteral("mbr");
            p.mbrType = int(e[0][0]);
            if (p.offset + p.size <= disk.size())
                out->append(p);
        }
        if (!isExtended(e[1][0]) || e[1][1] == 0)
            return;
        ebr = extendedStart + e[1][1];
    }
}

} // namespace

quint32 DiskLayout::crc32(const void *data, qsizetype size, quint32 crc)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t {};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    const uchar *p = static_cast<const uchar *>(data);
    for (qsizetype i = 0; i < size; ++i)
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

FileSystemGuess DiskLayout::guess(BlockReader &volume)
{
    const qint64 n = std::min(volume.size(), kProbeBytes);
    QByteArray b(n, '\0');
    QString error;
    if (n <= 0 || !volume.read(b.data(), n, 0, &error))
        return {FileSystemKind::Other, QStringLiteral("unreadable")};
    const uchar *u = reinterpret_cast<const uchar *>(b.constData());
    if (n >= 1024 + 100 && le16(u + 1024 + 56) == 0xef53) {
        const quint32 compat = le32(u + 1024 + 92);
        const quint32 incompat = le32(u + 1024 + 96);
        // extents, 64bit or flex_bg make it ext4; a journal ext3.
        const QString name = incompat & (0x40 | 0x80 | 0x200) ? QStringLiteral("ext4")
            : compat & 0x4                                    ? QStringLiteral("ext3")
                                                              : QStringLiteral("ext2");
        return {FileSystemKind::Ext, name};
    }
    if (at(b, 3, "NTFS    "))
        return {FileSystemKind::Ntfs, QStringLiteral("ntfs")};
    static const struct
    {
        qsizetype offset;
        const char *magic;
        const char *name;
        FileSystemKind kind;
    } kSignatures[] = {
        {3, "EXFAT   ", "exfat", FileSystemKind::Other},
        {3, "ReFS", "refs", FileSystemKind::Other},
        {3, "-FVE-FS-", "bitlocker", FileSystemKind::Other},
        {82, "FAT32   ", "vfat", FileSystemKind::Other},
        {54, "FAT16   ", "vfat", FileSystemKind::Other},
        {54, "FAT12   ", "vfat", FileSystemKind::Other},
        {0, "XFSB", "xfs", FileSystemKind::Other},
        {65536 + 64, "_BHRfS_M", "btrfs", FileSystemKind::Other},
        {0, "LUKS\xba\xbe", "crypto_LUKS", FileSystemKind::Other},
        {512 + 0, "LABELONE", "lvm2", FileSystemKind::Other},
        {32769, "CD001", "iso9660", FileSystemKind::Other},
        {4086, "SWAPSPACE2", "swap", FileSystemKind::NoFiles},
        {4086, "SWAP-SPACE", "swap", FileSystemKind::NoFiles},
    };
    for (const auto &s : kSignatures) {
        if (at(b, s.offset, s.magic))
            return {s.kind, QLatin1String(s.name)};
    }
    if (isZero(u, size_t(std::min<qint64>(n, 65536))))
        return {FileSystemKind::NoFiles, QStringLiteral("empty")};
    return {FileSystemKind::Other, QStringLiteral("unknown")};
}

FileSystemGuess DiskLayout::guess(BlockReader &disk, const Partition &partition)
{
    if (partition.typeGuid == kBiosBoot)
        return {FileSystemKind::NoFiles, QStringLiteral("bios_boot")};
    if (partition.typeGuid == kMicrosoftReserved)
        return {FileSystemKind::NoFiles, QStringLiteral("msr")};
    RegionReader region(disk, partition.offset, partition.size);
    FileSystemGuess g = guess(region);
    if (g.kind == FileSystemKind::Other
        && (partition.typeGuid == kLinuxSwap || partition.mbrType == 0x82) && g.name == u"unknown")
        return {FileSystemKind::NoFiles, QStringLiteral("swap")};
    return g;
}

bool DiskLayout::partitions(BlockReader &disk, QList<Partition> *out, QString *error)
{
    out->clear();
    Partition whole;
    whole.size = disk.size();
    whole.scheme = QStringLiteral("none");
    if (disk.size() < kSector) {
        out->append(whole);
        return true;
    }
    uchar s0[512];
    if (!disk.read(s0, sizeof s0, 0, error))
        return false;
    // A file system on the whole disk: its boot sector may look like an MBR.
    const FileSystemGuess direct = guess(disk);
    if (direct.kind == FileSystemKind::Ext || direct.kind == FileSystemKind::Ntfs
        || direct.name == u"vfat" || direct.name == u"exfat") {
        out->append(whole);
        return true;
    }
    std::array<std::array<quint32, 3>, 4> mbr {};
    if (!readMbrEntries(s0, &mbr)) {
        out->append(whole);
        return true;
    }
    const bool protective =
        std::any_of(mbr.begin(), mbr.end(), [](auto &e) { return e[0] == 0xee; });
    if (protective) {
        for (const qint64 sector : {kSector, qint64(4096)}) {
            if (readGpt(disk, sector, 1, out))
                return true;
            // The backup header sits in the last sector.
            if (readGpt(disk, sector, disk.size() / sector - 1, out))
                return true;
        }
    }
    for (int i = 0; i < 4; ++i) {
        const auto &e = mbr[size_t(i)];
        if (e[0] == 0 || e[0] == 0xee || e[2] == 0)
            continue;
        if (isExtended(e[0])) {
            readLogical(disk, e[1], e[2], out);
            continue;
        }
        Partition p;
        p.number = i + 1;
        p.offset = qint64(e[1]) * kSector;
        p.size = qint64(e[2]) * kSector;
        p.scheme = QStringLiteral("mbr");
        p.mbrType = int(e[0]);
        if (p.offset + p.size <= disk.size())
            out->append(p);
    }
    std::sort(out->begin(), out->end(),
        [](const Partition &a, const Partition &b) { return a.number < b.number; });
    if (out->isEmpty())
        out->append(whole);
    return true;
}

} // namespace mamori::appliance::image
