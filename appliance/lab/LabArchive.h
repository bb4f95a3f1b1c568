// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Minimal archive writers for the lab image. Everything is STORED (zip) or
// written as stored deflate blocks (gzip): real compressors differ between
// zlib builds, and the lab must be byte-identical for a seed on every machine.
namespace mamori::appliance::labarchive {

struct Entry
{
    QString name; // '/'-separated, relative
    QByteArray data;
};

quint32 crc32(const QByteArray &data, quint32 crc = 0);

// A zip archive whose members are stored, all dated `dosTime` (MS-DOS
// date << 16 | time) so that the bytes depend only on the entries.
QByteArray zip(const QList<Entry> &entries, quint32 dosTime);

// A POSIX ustar archive (regular files, mode 0644, owner 0) dated `mtime`.
QByteArray tar(const QList<Entry> &entries, qint64 mtime);

// A valid gzip stream of `data` using stored deflate blocks.
QByteArray gzip(const QByteArray &data);

// 2015..2024, deterministic from `value`; for dosTime and mtime above.
quint32 dosTimeFrom(quint64 value);
qint64 unixTimeFrom(quint64 value);

} // namespace mamori::appliance::labarchive
