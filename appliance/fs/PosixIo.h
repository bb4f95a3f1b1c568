// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <cerrno>
#include <functional>
#include <sys/types.h>

// The few POSIX helpers every part of the appliance uses, once.
namespace mamori::appliance::fs {

// strerror() as text; by default of the current errno.
QString errnoText(int err = errno);

// Writes all of `data`, retrying on EINTR and short writes; false (errno
// set) on failure.
bool writeAll(int fd, const char *data, qsizetype size);

// Reads up to `size` bytes, retrying on EINTR; -1 on error, 0 at the end.
qsizetype readSome(int fd, char *data, qsizetype size);

// fsync() of a directory, so that a rename or unlink in it is durable. File
// systems that refuse fsync on a directory (EINVAL) count as success: their
// renames are as durable as they can be made.
bool syncDirectory(int dirFd);

// Replaces `path`, whole or not at all, with what `fill` writes into a new
// file beside it. The new file is 0600 from its creation (mkostemp), so a
// secret is never readable by others, not even before the rename; it gets
// `mode` before anything is written, is synced and renamed over `path`, and
// the folder is synced so that the rename survives a power cut: a crash
// leaves the old file or the new one. `fill` returns false (errno set) when
// a write fails. On failure: false, *why says which step failed and why,
// and the new file is gone.
bool replaceFile(
    const QString &path, const std::function<bool(int fd)> &fill, QString *why, mode_t mode = 0600);

} // namespace mamori::appliance::fs
