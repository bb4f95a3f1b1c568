// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

namespace mamori::appliance::image {

// A stretch of a file's content and where it lies on the disk.
struct FileExtent
{
    qint64 fileOffset = 0;
    qint64 diskOffset = 0; // bytes from the start of the disk (not of the partition)
    qint64 length = 0;
    bool zero = false; // a hole or an unwritten extent: reads as zeros, nothing on the disk
    bool operator==(const FileExtent &) const = default;
};

// A regular file found in a guest file system.
struct GuestFile
{
    QByteArray path; // "/Users/a/x.exe": bytes as the file system stores them (UTF-8 for NTFS)
    quint64 id = 0; // inode or MFT record number
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    // Mapped: `extents` cover [0, size) in order and are the whole content.
    // Not mapped: the content lives inside the file system's metadata (ext4
    // inline data, an NTFS resident or compressed attribute) and is read
    // through the library with Volume::readUnmapped().
    bool mapped = true;
    std::vector<FileExtent> extents;
    // Set for content the guest encrypted (ext4 fscrypt, NTFS EFS): there is
    // nothing a scanner can read in it.
    bool encrypted = false;
    // Not mapped, but held whole in one metadata record on the disk (an NTFS
    // resident data stream inside its MFT record): where that record is, so
    // that the content can still be known by where it lies (CloneMap).
    FileExtent record;
};

// A guest file system opened read-only on a partition.
class Volume
{
public:
    struct Walk
    {
        std::function<bool(const GuestFile &file)> file; // false stops the walk
        std::function<void(const QByteArray &path, const QString &why)> problem;
        std::function<bool(const QByteArray &dirPath)>
            enter; // false skips it (excluded); null: all
    };

    virtual ~Volume();
    virtual QString typeName() const = 0;

    // Visits every regular file under `start` ("/" for all; a file visits
    // only that file). Symbolic links, junctions and device files are never
    // followed or visited. A directory that cannot be read is reported to
    // `problem` and the walk goes on. Returns false (and *error) when `start`
    // does not exist ("not_found"), is not acceptable ("invalid_argument"),
    // or the walk was stopped.
    virtual bool walk(const QByteArray &start, const Walk &walk, QString *error) = 0;

    // The content of a file whose `mapped` is false.
    virtual bool readUnmapped(const GuestFile &file, QByteArray *content, QString *error) = 0;
};

// The components of a path inside the guest, without empty ones and ".";
// false for "..", which a path to look up must not have.
bool splitGuestPath(const QByteArray &path, QList<QByteArray> *components);

} // namespace mamori::appliance::image
