// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <functional>
#include <sys/stat.h>
#include <vector>

namespace mamori::appliance {

// Paths as seen inside a VM ("/docs/a.txt") and the host paths under the
// VM's root they stand for. The guest is not trusted: its tree may hold
// symbolic links meant to lead a scan out of its root.
class ScanTargets
{
public:
    // "/a/./b//c/" -> "/a/b/c", "" -> "/". False if ".." climbs above "/".
    static bool normalizeVmPath(const QString &vmPath, QString *normalized);

    // The root with every symbolic link resolved; empty (and *error set) if
    // it does not exist or is not a directory.
    static QString canonicalRoot(const QString &root, QString *error = nullptr);

    // Maps vmPath to a canonical host path inside the (canonicalized) root.
    // Refuses, with *error = "path_outside_vm", a path that leaves the root
    // through ".." or through a symbolic link at any component, dangling
    // links included. Guest symlinks are resolved as host paths, so an
    // absolute link ("/etc") counts as outside. A path whose tail does not
    // exist yet is accepted (the scan reports it as not found). Other codes:
    // "not_found" (root missing, dangling link inside the root),
    // "invalid_argument". This is a pre-flight check: the scan itself opens
    // every component with O_NOFOLLOW, so a link swapped in afterwards
    // cannot be followed either.
    static bool resolveInsideRoot(
        const QString &root, const QString &vmPath, QString *hostPath, QString *error);

    // The path inside the VM of a canonical host path under canonicalRoot.
    static QString vmPathOf(const QString &canonicalRoot, const QString &hostPath);
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
    bool matches(const QString &vmPath) const;
    bool matchesSelfOrAncestor(const QString &vmPath) const;

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
        // A regular file; return false to stop the walk.
        std::function<bool(
            int dirFd, const char *name, const QString &vmPath, const struct stat &st)>
            file;
        std::function<void(const QString &vmPath)> excluded;
        std::function<void(const QString &vmPath, const QString &reason)> error;
    };

    // Bounds the open directory descriptors; deeper directories are
    // reported as errors, never skipped silently.
    static constexpr int kMaxDepth = 256;

    TreeWalker(const Exclusions &exclusions, Callbacks callbacks);

    // Walks the directory `dirFd` (taken over and closed), known inside the
    // VM as vmPath ("/" for the root). Returns false if a callback stopped it.
    bool walkDirectory(int dirFd, const QString &vmPath);
    // Opens the normalized vmPath under rootFd one component at a time and
    // walks it (directory) or visits it (file).
    bool walkPath(int rootFd, const QString &vmPath);

private:
    const Exclusions &m_exclusions;
    Callbacks m_callbacks;
};

} // namespace mamori::appliance
