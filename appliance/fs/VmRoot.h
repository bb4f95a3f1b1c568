// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/fs/Fd.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <sys/types.h>

namespace mamori::appliance::fs {

// A file inside a VM, as the appliance acts on it: the VM's root on the host
// (from the inventory: trusted, symbolic links in it are followed) and the
// path inside the VM ("/dir/name", bytes: chosen by the guest, never
// trusted).
struct VmFile
{
    QString root;
    QByteArray path;

    // root + the escaped path, for messages and the API.
    QString hostPath() const;
};

// The root folder of a VM, open, and the only way the appliance reaches a
// file below it. Every component of a path under the root is resolved from
// the root's descriptor without following a symbolic link and without
// leaving the root: with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)
// where the kernel has it, else by opening one component at a time with
// O_NOFOLLOW relative to the previous one. What is opened is the file that
// was at that place when it was opened; a guest that swaps a folder for a
// symbolic link before or after cannot redirect it.
//
// Failures set errno: ELOOP when a component is a symbolic link, EXDEV when
// the path has a ".." component, ENOENT/ENOTDIR when a component is missing
// or not a folder, and whatever openat(2) says otherwise.
class VmRoot
{
public:
    enum class Resolver { Openat2, Walk };
    // The resolver in use: openat2 when the kernel has it, unless the
    // environment variable MAMORI_FS_RESOLVER is "walk" (for tests, and for
    // kernels whose openat2 is filtered).
    static Resolver resolver();
    static QString resolverName(); // "openat2" or "walk"
    // Tests: use this resolver in this process (nullopt: back to the default).
    static void forceResolver(std::optional<Resolver> resolver);

    VmRoot() = default;
    explicit VmRoot(const QString &hostRoot) { open(hostRoot); }

    // Opens the root folder; false (errno set) if it is not one.
    bool open(const QString &hostRoot);
    bool isOpen() const { return m_fd.valid(); }
    int fd() const { return m_fd.get(); }
    const QString &hostRoot() const { return m_hostRoot; }

    // Opens the normalized VM path `vmPath` ("/" is the root itself) with
    // openat(2) `flags` (O_CLOEXEC and O_NOFOLLOW are always added) and
    // `mode`.
    Fd open(QByteArrayView vmPath, int flags, mode_t mode = 0) const;
    // Opens the folder holding the last component of `vmPath` and returns
    // that component in *name, for *at() calls on it. EINVAL for "/".
    Fd openParent(QByteArrayView vmPath, QByteArray *name) const;

private:
    Fd m_fd;
    QString m_hostRoot;
};

// Opens `relative` ("a/b/c", no leading slash; empty: `dirFd` itself)
// beneath `dirFd` as VmRoot::open does.
Fd openBeneath(int dirFd, QByteArrayView relative, int flags, mode_t mode = 0);

// A sentence for the errno of a failed resolution, e.g. "a folder on the
// path is a symbolic link (never followed)".
QString resolveErrorText(int err);

} // namespace mamori::appliance::fs
