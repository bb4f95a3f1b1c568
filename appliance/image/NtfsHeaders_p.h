// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// libntfs-3g's headers expect its own config.h: say what this system has,
// and include them as the C they are.
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#ifndef HAVE_SYS_STAT_H
#define HAVE_SYS_STAT_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_ERRNO_H 1
#define HAVE_UNISTD_H 1
#endif

extern "C" {
#include <ntfs-3g/attrib.h>
#include <ntfs-3g/cache.h>
#include <ntfs-3g/device.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/inode.h>
#include <ntfs-3g/logging.h>
#include <ntfs-3g/ntfstime.h>
#include <ntfs-3g/unistr.h>
#include <ntfs-3g/volume.h>
}

// libntfs-3g's support.h defines these as macros, which breaks the C++
// standard library included after it.
#undef min
#undef max
