// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/DiskExporter.h"

#include <QUuid>

#include <memory>

namespace mamori::appliance::image {

// A running VM's disks are in use by its QEMU: reading the image files
// under it would see half-written clusters. libvirt's pull-mode backup job
// (virDomainBackupBegin) gives a point-in-time view instead: QEMU exports
// each disk over NBD as it was when the job began, keeping the blocks the
// guest overwrites since then in a scratch file, until the job ends
// (virDomainAbortJob). This is the only way to read a running disk
// consistently without an agent in the guest.
//
// The libvirt calls, behind an interface: libvirt's test driver has no
// backup jobs and there is no KVM on the build machines, so the job
// handling is tested with a recording implementation (tst_image_backup).
class BackupHypervisor
{
public:
    virtual ~BackupHypervisor();
    virtual bool begin(const QUuid &domain, const QString &backupXml, QString *error) = 0;
    virtual bool abort(const QUuid &domain, QString *error) = 0;
    // The XML of the domain's running backup job; false (and *error) if none.
    virtual bool runningJobXml(const QUuid &domain, QString *xml, QString *error) = 0;
};

// The real one, on a read-write libvirt connection opened for each call.
class LibvirtBackupHypervisor final : public BackupHypervisor
{
public:
    explicit LibvirtBackupHypervisor(const QString &uri) : m_uri(uri) { }
    bool begin(const QUuid &domain, const QString &backupXml, QString *error) override;
    bool abort(const QUuid &domain, QString *error) override;
    bool runningJobXml(const QUuid &domain, QString *xml, QString *error) override;

private:
    QString m_uri;
};

// The backup jobs this appliance has begun and not yet ended, in
// DATA/backup-jobs.json (0600), so that an appliance that stopped in the
// middle of a scan ends its job when it starts again (recover()).
class BackupJournal
{
public:
    struct Job
    {
        QUuid domain;
        QString tag; // the scan job's id
        QString socket;
        QStringList scratch; // files libvirt creates for the job
    };
    explicit BackupJournal(const QString &dataDir);
    bool add(const Job &job, QString *error);
    bool remove(const QString &tag, QString *error);
    QList<Job> jobs() const;

    // Ends every job of the journal that is still running (its socket is
    // ours), deletes its scratch files and forgets it. Returns what it did,
    // a line per job.
    QStringList recover(BackupHypervisor &hypervisor);

private:
    bool write(const QList<Job> &jobs, QString *error);
    QString m_path;
};

// A running (or paused) VM: one pull-mode backup job for all its readable
// disks, exported on one Unix socket (export names = disk targets), ended
// when the scan ends - finished, cancelled or failed - and by
// BackupJournal::recover() after a crash.
class BackupJobExporter final : public DiskExporter
{
public:
    // The socket is runtimeDir/backup/<tag>.sock, the scratch files
    // dataDir/backup-scratch/<tag>-<target>.qcow2. `hypervisor`: null for
    // libvirt at `uri`.
    BackupJobExporter(const QString &uri, const QUuid &domain, const QString &runtimeDir,
        const QString &dataDir, const QString &tag,
        std::unique_ptr<BackupHypervisor> hypervisor = nullptr);
    ~BackupJobExporter() override;

    bool open(const QList<VmDisk> &disks, QString *errorCode, QString *error) override;
    std::unique_ptr<NbdDisk> connect(const VmDisk &disk, QString *error) override;
    void close() override;
    QString kind() const override { return QStringLiteral("backup job"); }
    // The export's own scratch layer sits on top of the VM's disk.
    int ownLayers() const override { return 2; }

    // The <domainbackup> XML for `disks`: pull mode, NBD on `socket`, a
    // qcow2 scratch file per readable disk; the others backup='no'.
    static QString backupXml(const QList<VmDisk> &disks, const QString &socket,
        const QString &scratchDir, const QString &tag);
    static QString scratchFile(
        const QString &scratchDir, const QString &tag, const QString &target);

private:
    std::unique_ptr<BackupHypervisor> m_hypervisor;
    QUuid m_domain;
    QString m_dataDir;
    QString m_tag;
    QString m_socket;
    QString m_scratchDir;
    QStringList m_scratch;
    bool m_begun = false;
};

} // namespace mamori::appliance::image
