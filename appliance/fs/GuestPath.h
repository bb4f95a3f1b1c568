// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Paths and names inside a VM are bytes: the guest may name a file with any
// bytes but '/' and NUL, valid UTF-8 or not. The appliance keeps them as
// bytes from the walk to every file action and in its database, and shows
// them in one escaped, reversible text form (docs/api.md, "File names"):
//
// - every byte sequence that is valid UTF-8 stands for itself, except
// - a backslash, which is written "\\", and
// - every byte that is not part of valid UTF-8, and each byte of the
//   noncharacters U+FFFE and U+FFFF (which SQLite does not keep), which is
//   written "\xHH" (two upper-case hex digits).
//
// So "evil\xff.com" is shown as `evil\xFF.com` and a file really named
// `a\b` as `a\\b`; the form of a valid UTF-8 name without a backslash is the
// name itself.
namespace mamori::appliance::fs {

// The escaped text form of guest bytes.
QString displayPath(QByteArrayView bytes);

// The bytes an escaped text stands for. False for a backslash that is not
// followed by "\" or "x" and two hex digits (either case), and for text that
// is not valid UTF-16; *bytes is then unchanged.
bool parseDisplayPath(QStringView text, QByteArray *bytes);

// "/a/./b//c/" -> "/a/b/c", "" -> "/": an absolute path inside the VM
// without empty, "." or ".." components. False if ".." climbs above "/".
bool normalizeVmPath(QByteArrayView path, QByteArray *normalized);

// Whether `path` is `dir` or below it (both normalized).
bool isUnder(QByteArrayView path, QByteArrayView dir);

} // namespace mamori::appliance::fs
