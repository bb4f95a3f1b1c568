// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

namespace mamori::appliance {

class ScanEngine;

// One scan job for one VM. Paths are as seen inside the VM ("/docs/a.txt"
// means <root>/docs/a.txt), in the API's escaped text form (fs/GuestPath.h):
// names that are not UTF-8 have \xHH escapes.
struct ScanRequest
{
    QString jobId;
    QString vmId;
    QString root; // the VM's file root on the host
    QString kind; // "full", "quick" or "custom"
    QStringList paths; // custom: files or directories to scan
    QStringList hotPaths; // quick: scanned whatever their times
    QStringList exclusions; // globs: "/pagefile.sys" matches the whole path, "*.vhdx" the name
    // quick: files changed at or after this are scanned. Pass the START time
    // of the last completed scan, so that files changed while it ran are not
    // missed. Invalid: every file.
    QDateTime lastCompletedScan;
    std::shared_ptr<const ScanEngine> engine; // held for the whole job
    QString patternVersion; // the pattern `engine` was compiled from
};

struct ScanProgress
{
    qint64 files = 0; // regular files examined (cache hits included)
    qint64 bytes = 0; // their sizes
    qint64 filesTotal = -1; // -1: unknown (the tree is walked while it is scanned)
    qint64 cacheHits = 0; // files not scanned because their content is known clean
    qint64 cacheMisses = 0; // files handed to the engine
    qint64 statHits = 0; // cache hits found by stat alone, without reading the file
    qint64 bytesRead = 0; // bytes read from the VM's files to hash and scan them
    qint64 excluded = 0; // files and directories skipped by an exclusion
    qint64 incomplete = 0;
    qint64 errors = 0;
    qint64 detections = 0;
    QString currentPath; // as seen inside the VM
    // Image VMs: files of a linked clone that lie entirely in its golden
    // image and took the golden image's verdict without being read (also
    // counted in cacheHits and statHits).
    qint64 goldenHits = 0;
    // Image VMs: what could not be scanned at all, as "vda2: xfs".
    QStringList unscannable;
};

// What a scan (or real-time scanning) found.
struct Detection
{
    QString vmId;
    QString jobId;
    QByteArray vmPath; // inside the VM: the bytes of its name (fs/GuestPath.h)
    QString root; // the VM's root on the host; file actions resolve vmPath from there
    QString hostPath; // root + the escaped vmPath; informational
    QString threat;
    QString sha256; // hex, of the file as scanned
    qint64 size = 0;
    QString vmName; // filled in by the appliance from its inventory
    // The file could not be scanned to the end (encrypted archive, a limit
    // reached): the threat names why. Such incidents are "medium".
    bool unscannable = false;
};

struct ScanOutcome
{
    enum State { Finished, Cancelled, Failed };
    State state = Finished;
    QString errorCode; // Failed: a protocol error code name, e.g. "path_outside_vm"
    QString error; // Failed: a sentence for the log and the console
    ScanProgress totals;
};

} // namespace mamori::appliance

Q_DECLARE_METATYPE(mamori::appliance::ScanProgress)
Q_DECLARE_METATYPE(mamori::appliance::Detection)
Q_DECLARE_METATYPE(mamori::appliance::ScanOutcome)
