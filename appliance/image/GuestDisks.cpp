// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/GuestDisks.h"

#include "appliance/image/DiskExporter.h"
#include "appliance/image/ExtVolume.h"
#include "appliance/image/GoldenIndex.h"
#include "appliance/image/NtfsVolume.h"
#include "appliance/scan/Sha256_p.h"

#include <QFile>
#include <QtEndian>

#include <sys/stat.h>

namespace mamori::appliance::image {
namespace {

void hashNumber(appliance::detail::Sha256 &sha, qint64 value)
{
    const quint64 le = qToLittleEndian(quint64(value));
    sha.update(&le, sizeof le);
}

std::unique_ptr<Volume> openVolume(FileSystemKind kind, RegionReader &region, QString *error)
{
    if (kind == FileSystemKind::Ext)
        return ExtVolume::open(region, false, error);
    return NtfsVolume::open(region, false, error);
}

} // namespace

GuestDisks::~GuestDisks()
{
    close();
}

QString GuestDisks::partitionName(const QString &target, int number)
{
    if (number == 0)
        return target;
    const bool digit = !target.isEmpty() && target.back().isDigit();
    return target + (digit ? QStringLiteral("p") : QString()) + QString::number(number);
}

bool GuestDisks::imageIdentity(const QStringList &paths, ScanCache::Digest *identity)
{
    if (paths.isEmpty())
        return false;
    appliance::detail::Sha256 sha;
    sha.update("mamori-image-identity-1", 23);
    for (const QString &p : paths) {
        struct stat st;
        const QByteArray path = QFile::encodeName(p);
        if (::stat(path.constData(), &st) != 0 || !S_ISREG(st.st_mode))
            return false;
        sha.update(path.constData(), std::size_t(path.size() + 1));
        hashNumber(sha, qint64(st.st_dev));
        hashNumber(sha, qint64(st.st_ino));
        hashNumber(sha, qint64(st.st_size));
        hashNumber(sha, qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec);
    }
    return sha.finish(identity);
}

namespace {

QStringList backingPaths(const VmDisk &disk)
{
    QStringList paths;
    for (const BackingImage &b : disk.backing)
        paths << b.path;
    return paths;
}

} // namespace

void GuestDisks::open(
    DiskExporter &exporter, const QList<VmDisk> &disks, GoldenIndex *golden, bool stableImages)
{
    const bool withCloneMaps = golden != nullptr;
    for (const VmDisk &vmDisk : disks) {
        if (!vmDisk.isReadable()) {
            m_unscannable.append({vmDisk.target,
                vmDisk.source.isEmpty()
                    ? QStringLiteral("%1 disk").arg(vmDisk.type)
                    : QStringLiteral("%1 %2 disk").arg(vmDisk.format, vmDisk.type)});
            continue;
        }
        auto disk = std::make_unique<Disk>();
        disk->disk = vmDisk;
        QString error;
        disk->nbd = exporter.connect(vmDisk, &error);
        if (!disk->nbd) {
            m_unscannable.append({vmDisk.target, QStringLiteral("cannot be read: %1").arg(error)});
            continue;
        }
        CloneMap &clone = disk->clone;
        clone.ownLayers = exporter.ownLayers();
        if (withCloneMaps && disk->nbd->hasAllocationDepth()
            && imageIdentity(backingPaths(vmDisk), &clone.goldenIdentity))
            clone.golden = disk->nbd->allocationDepths(&clone.depths, &error);
        if (withCloneMaps && stableImages)
            clone.own = imageIdentity(backingPaths(vmDisk) << vmDisk.source, &clone.ownIdentity);
        if (clone.golden)
            disk->blocks = std::make_unique<BackingBlockReader>(
                *disk->nbd, disk->clone, golden->backingBlocks());
        BlockReader &metadata = disk->metadata();
        QList<Partition> partitions;
        if (!DiskLayout::partitions(metadata, &partitions, &error)) {
            m_unscannable.append({vmDisk.target, QStringLiteral("cannot be read: %1").arg(error)});
            continue;
        }
        for (const Partition &p : partitions) {
            const QString name = partitionName(vmDisk.target, p.number);
            const FileSystemGuess guess = DiskLayout::guess(metadata, p);
            if (guess.kind == FileSystemKind::NoFiles)
                continue;
            if (guess.kind == FileSystemKind::Other) {
                m_unscannable.append({name, guess.name});
                continue;
            }
            Mounted m;
            m.disk = disk.get();
            m.name = name;
            m.region = std::make_unique<RegionReader>(metadata, p.offset, p.size);
            m.volume = openVolume(guess.kind, *m.region, &error);
            if (!m.volume) {
                m_unscannable.append({name, QStringLiteral("%1, %2").arg(guess.name, error)});
                continue;
            }
            m_volumes.push_back(std::move(m));
        }
        m_disks.push_back(std::move(disk));
    }
}

qint64 GuestDisks::commitKeys(GoldenIndex &index)
{
    qint64 recorded = 0;
    for (const auto &disk : m_disks) {
        const CloneMap &clone = disk->clone;
        if (disk->pending.empty())
            continue;
        std::vector<NbdDisk::DepthRange> depths;
        ScanCache::Digest identity {};
        QString error;
        const bool unchanged =
            (!clone.golden
                || (disk->nbd->allocationDepths(&depths, &error) && depths == clone.depths))
            && (!clone.own
                || (imageIdentity(backingPaths(disk->disk) << disk->disk.source, &identity)
                    && identity == clone.ownIdentity));
        if (unchanged) {
            for (const auto &p : disk->pending)
                index.remember(p.key, p.content);
            recorded += qint64(disk->pending.size());
        }
        disk->pending.clear();
    }
    return recorded;
}

qint64 GuestDisks::bytesRead() const
{
    qint64 total = 0;
    for (const auto &disk : m_disks)
        total += disk->nbd->bytesRead();
    return total;
}

void GuestDisks::close()
{
    m_volumes.clear(); // before the disks they read
    m_disks.clear();
}

} // namespace mamori::appliance::image
