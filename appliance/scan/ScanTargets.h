// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/fs/VmRoot.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <functional>
#include <sys/stat.h>
#include <vector>

namespace mamori::appliance {

// Paths inside a VM. The guest is not trusted: its tree may hold symbolic
// links meant to lead a scan out of its root, and its names may be any bytes.
class ScanTargets
{
public:
    // The root with every symbolic link resolved (the host's part of the
    // path is trusted); empty (and *error set) if it does not exist or is not
    // a directory.
    static QString canonicalRoot(const QString &root, QString *error = nullptr);

    // Reads `vmPath` in the escaped text form of the API (fs/GuestPath.h)
    // into the normalized bytes of a path inside the VM, and checks it
    // against the VM's tree as it is now, from the root's descriptor
    // (fs::VmRoot). Refuses, with *error = "path_outside_vm", a path that
    // climbs above "/" through ".." or runs through a symbolic link at any
    // component (never followed, even one that stays inside);
    // "invalid_argument" for a malformed escape or a NUL; "not_found" when
    // the root is missing. A path whose tail does not exist yet is accepted
    // (the scan reports it as not found). The scan itself opens every
    // component the same way, so a link swapped in afterwards is not
    // followed either.
    static bool resolveInsideRoot(
        const QString &root, const QString &vmPath, QByteArray *normalized, QString *error);
    // Only what can be told without looking at the tree: the escape and "..".
    static bool parseVmPath(const QString &vmPath, QByteArray *normalized, QString *error);
};

// Exclusion globs as seen inside the VM. A glob that starts with "/" is
// matched against the whole path ("/pagefile.sys", "/Users/*/AppData");
// any other against the name ("*.vhdx"). "*" does not cross "/". Matching
// ignores case, since most VDI guests are Windows.
class Exclusions
{
public:
    explicit Exclusions(const QStringList &globs = {});
    bool isEmpty() const { return m_paths.empty() && m_names.empty(); }
    // `vmPath` is the bytes of a path inside the VM; globs match its
    // escaped text form, the one the API shows.
    bool matches(QByteArrayView vmPath) const;
    bool matchesSelfOrAncestor(QByteArrayView vmPath) const;

private:
    std::vector<QRegularExpression> m_paths;
    std::vector<QRegularExpression> m_names;
};

// Walks a VM's tree through file descriptors only: each step is an
// openat()/fstatat() relative to its parent with O_NOFOLLOW, so a guest that
// swaps a directory for a symbolic link while it is walked cannot lead the
// walk out of the root. Symbolic links, sockets, FIFOs and devices are
// neither followed nor opened. Mount points inside the root are crossed.
class TreeWalker
{
public:
    struct Callbacks
    {
        // A regular file; return false to stop the walk. vmPath: the bytes of
        // its path inside the VM.
        std::function<bool(
            int dirFd, const char *name, const QByteArray &vmPath, const struct stat &st)>
            file;
        std::function<void(const QByteArray &vmPath)> excluded;
        std::function<void(const QByteArray &vmPath, const QString &reason)> error;
        // Optional: a folder, open as `dirFd`, before it is walked (the first
        // one included); return false to leave its contents alone.
        std::function<bool(int dirFd, const QByteArray &vmPath)> directory;
    };

    // Bounds the open directory descriptors; deeper directories are
    // reported as errors, never skipped silently.
    static constexpr int kMaxDepth = 256;

    TreeWalker(const Exclusions &exclusions, Callbacks callbacks);

    // Walks the directory `dirFd` (taken over and closed), known inside the
    // VM as vmPath ("/" for the root). Returns false if a callback stopped it.
    bool walkDirectory(int dirFd, const QByteArray &vmPath);
    // Opens the normalized vmPath beneath `root` (never through a symbolic
    // link) and walks it (directory) or visits it (file).
    bool walkPath(const fs::VmRoot &root, const QByteArray &vmPath);

private:
    const Exclusions &m_exclusions;
    Callbacks m_callbacks;
};

} // namespace mamori::appliance
