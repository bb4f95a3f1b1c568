// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <cerrno>

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

} // namespace mamori::appliance::fs
