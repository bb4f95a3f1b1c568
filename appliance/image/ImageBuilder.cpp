// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/ImageBuilder.h"

#include "appliance/image/DiskLabel.h"
#include "appliance/image/DiskLayout.h"
#include "appliance/image/GuestWriter.h"
#include "appliance/image/ImageTools.h"
#include "appliance/image/NbdDisk.h"
#include "appliance/image/QemuNbdServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryFile>
#include <QUuid>

#include <atomic>

namespace mamori::appliance::image {
namespace {

constexpr qint64 kPartitionStart = 1 << 20;

QString socketIn(const QString &dir)
{
    static std::atomic<int> counter {0};
    return QDir(dir).filePath(
        QStringLiteral("build-%1-%2.sock").arg(QCoreApplication::applicationPid()).arg(++counter));
}

// Copies `from` into `to` at `offset`, leaving runs of zeros as holes.
bool copyInto(const QString &from, const QString &to, qint64 offset, QString *error)
{
    QFile in(from), out(to);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::ReadWrite)) {
        *error = in.isOpen() ? out.errorString() : in.errorString();
        return false;
    }
    QByteArray chunk;
    const QByteArray zeros(64 << 10, '\0');
    for (qint64 at = 0; !in.atEnd(); at += chunk.size()) {
        chunk = in.read(64 << 10);
        if (chunk.isEmpty())
            break;
        if (chunk == zeros.left(chunk.size()))
            continue;
        if (!out.seek(offset + at) || out.write(chunk) != chunk.size()) {
            *error = out.errorString();
            return false;
        }
    }
    return true;
}

// Relative path -> is a directory, for every entry under `root`.
QMap<QString, bool> entriesOf(const QString &root)
{
    QMap<QString, bool> out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        out.insert(path.mid(root.size()), it.fileInfo().isDir());
    }
    return out;
}

bool sameContent(const QString &a, const QString &b)
{
    QFile fa(a), fb(b);
    if (fa.size() != fb.size() || !fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly))
        return false;
    while (!fa.atEnd()) {
        if (fa.read(1 << 20) != fb.read(1 << 20))
            return false;
    }
    return true;
}

} // namespace

bool ImageBuilder::extDisk(
    const QString &tree, const QString &raw, qint64 diskBytes, QString *error)
{
    QFile::remove(raw);
    // The GPT's backup takes the last 1 MiB.
    const qint64 fsBytes = diskBytes - 2 * kPartitionStart;
    return runTool(QStringLiteral("mkfs.ext4"),
               // -T default: 4 KiB blocks and 256-byte inodes (times in ns) as
               // on a real desktop's disk, not mke2fs' "small" profile.
               {QStringLiteral("-q"), QStringLiteral("-F"), QStringLiteral("-T"),
                   QStringLiteral("default"), QStringLiteral("-d"), tree, QStringLiteral("-E"),
                   QStringLiteral("offset=%1").arg(kPartitionStart), QStringLiteral("-L"),
                   QStringLiteral("golden"), raw, QStringLiteral("%1k").arg(fsBytes / 1024)},
               error)
        && QFile::resize(raw, diskBytes)
        && DiskLabel::writeGpt(
            raw, {{kPartitionStart, fsBytes, DiskLabel::kLinuxData, 0, {}}}, error);
}

bool ImageBuilder::ntfsDisk(const QString &tree, const QString &raw, qint64 diskBytes,
    const QString &socketDir, QString *error)
{
    QFile::remove(raw);
    const qint64 fsBytes = diskBytes - kPartitionStart;
    const QString fs = raw + QStringLiteral(".ntfs");
    QFile::remove(fs);
    {
        QFile f(fs);
        if (!f.open(QIODevice::WriteOnly) || !f.resize(fsBytes)) {
            *error = f.errorString();
            return false;
        }
    }
    // -F: not a block device; -Q: no zeroing; the partition starts at
    // sector 2048 of a disk that says 255 heads, 63 sectors (as Windows' own).
    const bool made = runTool(QStringLiteral("mkntfs"),
        {QStringLiteral("-F"), QStringLiteral("-Q"), QStringLiteral("-q"), QStringLiteral("-s"),
            QStringLiteral("512"), QStringLiteral("-p"), QString::number(kPartitionStart / 512),
            QStringLiteral("-H"), QStringLiteral("255"), QStringLiteral("-S"), QStringLiteral("63"),
            QStringLiteral("-L"), QStringLiteral("Windows"), fs},
        error);
    bool ok = made;
    if (ok) {
        QFile f(raw);
        ok = f.open(QIODevice::WriteOnly) && f.resize(diskBytes);
        if (!ok)
            *error = f.errorString();
    }
    ok = ok && copyInto(fs, raw, kPartitionStart, error)
        && DiskLabel::writeMbr(raw, {{kPartitionStart, fsBytes, {}, 0x07, {}}}, error);
    QFile::remove(fs);
    return ok
        && edit(
            raw, QStringLiteral("raw"), socketDir,
            [&](GuestWriter &w, QString *e) { return w.copyTree(tree, e); }, error);
}

bool ImageBuilder::toQcow2(const QString &raw, const QString &qcow2, QString *error)
{
    QFile::remove(qcow2);
    return runTool(QStringLiteral("qemu-img"),
        {QStringLiteral("convert"), QStringLiteral("-f"), QStringLiteral("raw"),
            QStringLiteral("-O"), QStringLiteral("qcow2"), raw, qcow2},
        error);
}

bool ImageBuilder::overlay(
    const QString &golden, const QString &clone, QString *error, int clusterBytes)
{
    QFile::remove(clone);
    return runTool(QStringLiteral("qemu-img"),
        {QStringLiteral("create"), QStringLiteral("-q"), QStringLiteral("-f"),
            QStringLiteral("qcow2"), QStringLiteral("-o"),
            QStringLiteral("cluster_size=%1").arg(clusterBytes), QStringLiteral("-b"), golden,
            QStringLiteral("-F"), QStringLiteral("qcow2"), clone},
        error);
}

bool ImageBuilder::edit(const QString &image, const QString &format, const QString &socketDir,
    const std::function<bool(GuestWriter &, QString *)> &edit, QString *error)
{
    QemuNbdServer server;
    QemuNbdServer::Options o;
    o.image = image;
    o.format = format;
    o.socketPath = socketIn(socketDir);
    o.readOnly = false;
    o.allocationDepth = false;
    if (!server.start(o, error))
        return false;
    bool ok = false;
    {
        auto disk = NbdDisk::connect({o.socketPath, {}, true}, error);
        QList<Partition> partitions;
        if (disk && DiskLayout::partitions(*disk, &partitions, error)) {
            for (const Partition &p : std::as_const(partitions)) {
                const FileSystemKind kind = DiskLayout::guess(*disk, p).kind;
                if (kind != FileSystemKind::Ext && kind != FileSystemKind::Ntfs)
                    continue;
                RegionReader region(*disk, p.offset, p.size);
                auto writer = GuestWriter::open(region, error);
                ok = writer && edit(*writer, error) && writer->close(error) && disk->flush(error);
                break;
            }
            if (!ok && error->isEmpty())
                *error = QStringLiteral("%1 has no ext or NTFS partition").arg(image);
        } else if (!disk) {
            *error += QLatin1Char(' ') + server.diagnostics();
        }
    }
    server.stop();
    return ok;
}

int ImageBuilder::applyDifference(const QString &base, const QString &changed, const QString &image,
    const QString &format, const QString &socketDir, QString *error)
{
    const QMap<QString, bool> before = entriesOf(base);
    const QMap<QString, bool> after = entriesOf(changed);
    QStringList folders, written, removed;
    for (auto it = after.begin(); it != after.end(); ++it) {
        const auto old = before.constFind(it.key());
        if (it.value()) {
            if (old == before.constEnd())
                folders << it.key();
        } else if (old == before.constEnd() || old.value()
            || !sameContent(base + it.key(), changed + it.key())) {
            written << it.key();
        }
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!it.value() && !after.contains(it.key()))
            removed << it.key();
    }
    const int count = int(folders.size() + written.size() + removed.size());
    if (count == 0)
        return 0;
    const bool ok = edit(
        image, format, socketDir,
        [&](GuestWriter &w, QString *e) {
            for (const QString &f : std::as_const(folders)) {
                if (!w.makeDirectory(f.toUtf8(), e))
                    return false;
            }
            for (const QString &f : std::as_const(removed)) {
                if (!w.removeFile(f.toUtf8(), e))
                    return false;
            }
            for (const QString &f : std::as_const(written)) {
                QFile in(changed + f);
                if (!in.open(QIODevice::ReadOnly) || !w.writeFile(f.toUtf8(), in.readAll(), e))
                    return false;
            }
            return true;
        },
        error);
    return ok ? count : -1;
}

} // namespace mamori::appliance::image
