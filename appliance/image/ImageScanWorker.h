// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/Inventory.h"
#include "appliance/scan/ScanControl.h"
#include "appliance/scan/ScanTypes.h"

#include <QObject>

#include <functional>
#include <memory>
#include <thread>

namespace mamori::appliance {
class ScanCache;
}

namespace mamori::appliance::image {

class DiskExporter;
class GoldenIndex;

// One scan job of an image VM: its disks, and the VM's power state that
// decides how they are exported.
struct ImageScanRequest
{
    ScanRequest scan; // everything but `root`, which an image VM has not
    QString power; // "shut-off": qemu-nbd; "running", "paused": a libvirt backup job
    QUuid domain; // the libvirt domain (the VM's id)
    QList<VmDisk> disks;
};

// Where an image scan puts its sockets and scratch files and what it shares.
struct ImageScanEnvironment
{
    QString runtimeDir; // NBD sockets (0700)
    QString dataDir; // a backup job's scratch files
    QString libvirtUri; // for backup jobs of running VMs
    GoldenIndex *golden = nullptr; // may be null: no golden-image reuse
    // Makes the exporter for a request; null: qemu-nbd when the VM is off, a
    // libvirt backup job otherwise.
    std::function<std::unique_ptr<DiskExporter>(const ImageScanRequest &)> exporter;
};

// Runs one scan of an image VM on a thread of its own, with the signals
// and threading rules of ScanWorker (see there), so the scheduler drives
// both alike. Paths are as inside the guest's file system: "/docs/a.txt"
// when the VM has one file system, "/vda2/docs/a.txt" (disk and partition,
// as Linux names them) when it has several.
//
// What it does: exports the disks (DiskExporter), reads their partitions,
// opens each ext or NTFS file system through libnbd, and decides every file
// with ImageFileScanner. A file system it cannot read is reported
// (incomplete(), and ScanProgress::unscannable), never passed over in
// silence. The exports end when the scan ends, however it ends.
class ImageScanWorker : public QObject
{
    Q_OBJECT

public:
    ImageScanWorker(ImageScanRequest request, ImageScanEnvironment environment, ScanCache &cache,
        QObject *parent = nullptr);
    ~ImageScanWorker() override;

    // A known kind, an engine, at least one disk, custom paths given.
    static bool validate(const ImageScanRequest &request, QString *errorCode, QString *message);

    const ImageScanRequest &request() const { return m_request; }

    bool start();
    void cancel() { m_control.cancel(); }
    void pause() { m_control.pause(); }
    void resume() { m_control.resume(); }
    bool isPaused() const { return m_control.isPaused(); }
    bool isCancelled() const { return m_control.isCancelled(); }

Q_SIGNALS:
    void progress(const mamori::appliance::ScanProgress &progress);
    void detection(const mamori::appliance::Detection &detection);
    void incomplete(const QString &vmPath, const QString &reason);
    void fileError(const QString &vmPath, const QString &reason);
    void pausedChanged(bool paused);
    void finished(const mamori::appliance::ScanOutcome &outcome);

private:
    class Run;
    void run();
    bool checkpoint();

    const ImageScanRequest m_request;
    const ImageScanEnvironment m_environment;
    ScanCache &m_cache;
    ScanControl m_control;
    std::thread m_thread;
};

} // namespace mamori::appliance::image
