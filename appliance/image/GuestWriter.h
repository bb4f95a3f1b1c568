// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"

#include <QString>

#include <memory>

namespace mamori::appliance::image {

// Writes files into a guest file system through its library, for the lab
// and the tests only: building a golden image's NTFS tree, and writing a
// linked clone's own changes into its overlay over NBD so that the overlay
// holds exactly the clusters those changes touch. The appliance's scans
// never write.
class GuestWriter
{
public:
    virtual ~GuestWriter();
    // Opens the ext or NTFS file system on `partition` (which must be
    // writable and outlive the writer).
    static std::unique_ptr<GuestWriter> open(RegionReader &partition, QString *error);

    // `path` is "/a/b/c" with UTF-8 names. Missing parent folders are made.
    virtual bool makeDirectory(const QByteArray &path, QString *error) = 0;
    // Creates or replaces the file's content.
    virtual bool writeFile(const QByteArray &path, const QByteArray &content, QString *error) = 0;
    // Removes a file (not a folder).
    virtual bool removeFile(const QByteArray &path, QString *error) = 0;
    // Writes everything back and closes the file system.
    virtual bool close(QString *error) = 0;

    // Copies a host folder into the file system under "/" (regular files and
    // folders; links are left out).
    bool copyTree(const QString &hostDir, QString *error);
};

} // namespace mamori::appliance::image
