// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/fs/Fd.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/fs/VmRoot.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QJsonObject;

// POSIX helpers for the quarantine vault's own folder. Files in VMs are
// reached through fs::VmRoot only.
namespace mamori::appliance::vaultio {

using fs::errnoText;
using fs::Fd;
using fs::readSome;
using fs::syncDirectory;
using fs::writeAll;

// The file a metadata or intent record names under `key`: "root" and the
// escaped VM path (format 2), or a host path alone (format 1), which is then
// resolved from "/" (still without following a symbolic link).
fs::VmFile vmFileOf(const QJsonObject &record, const QString &key);

// Writes `data` to NAME.tmp in `dirFd`, fsyncs it, renames it to NAME and
// fsyncs the directory. `beforeRename` runs between the two (fault tests).
bool writeFileAtomically(int dirFd, const QString &name, const QByteArray &data,
    const std::function<void()> &beforeRename, QString *error);
bool readSmallFile(int dirFd, const QString &name, QByteArray *data);
bool unlinkIfExists(int dirFd, const QByteArray &name);
inline bool unlinkIfExists(int dirFd, const QString &name)
{
    return unlinkIfExists(dirFd, name.toUtf8());
}
bool existsAt(int dirFd, const QByteArray &name);
inline bool existsAt(int dirFd, const QString &name)
{
    return existsAt(dirFd, name.toUtf8());
}

// Blob format: a fixed header (so that no blob starts like an executable or a
// script) followed by the bytes XORed with a per-item 32-byte key repeated.
// This is obfuscation against accidental execution and re-detection, not
// secrecy: the key sits in the metadata beside the blob.
inline constexpr char kBlobHeader[] = "MAMORI-QUARANTINE-BLOB-1\n";
inline constexpr qsizetype kBlobHeaderSize = sizeof(kBlobHeader) - 1;
void xorWithKey(char *data, qsizetype size, qint64 offset, const QByteArray &key);

// Streams the regular file `name` in `dirFd` (not following a link) and
// returns its size and lowercase hex SHA-256; false if it is not there or not
// a regular file.
bool hashFile(int dirFd, const QByteArray &name, qint64 *size, QString *sha256);

} // namespace mamori::appliance::vaultio
