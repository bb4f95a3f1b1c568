// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/BackupJob.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QScopeGuard>
#include <QXmlStreamWriter>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <mutex>
#include <sys/stat.h>

namespace mamori::appliance::image {
namespace {

// One journal file per data folder, and scans may run in parallel.
std::mutex g_journalMutex;

QString libvirtError(const QString &what)
{
    const virErrorPtr e = virGetLastError();
    return QStringLiteral("%1: %2").arg(what,
        e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown libvirt error"));
}

void ignoreLibvirtError(void *, virErrorPtr) { }

// A read-write connection and the domain, for one call.
template<typename Fn> bool withDomain(const QString &uri, const QUuid &id, QString *error, Fn fn)
{
    virConnectPtr conn = virConnectOpen(uri.toUtf8().constData());
    if (!conn) {
        *error = libvirtError(QStringLiteral("cannot connect to libvirt at %1").arg(uri));
        return false;
    }
    virConnSetErrorFunc(conn, nullptr, ignoreLibvirtError);
    const auto closeConn = qScopeGuard([conn] { virConnectClose(conn); });
    virDomainPtr dom =
        virDomainLookupByUUIDString(conn, id.toString(QUuid::WithoutBraces).toLatin1().constData());
    if (!dom) {
        *error = libvirtError(QStringLiteral("cannot find libvirt domain %1").arg(id.toString()));
        return false;
    }
    const auto freeDom = qScopeGuard([dom] { virDomainFree(dom); });
    return fn(dom);
}

} // namespace

BackupHypervisor::~BackupHypervisor() = default;

bool LibvirtBackupHypervisor::begin(const QUuid &domain, const QString &backupXml, QString *error)
{
    return withDomain(m_uri, domain, error, [&](virDomainPtr dom) {
        if (virDomainBackupBegin(dom, backupXml.toUtf8().constData(), nullptr, 0) == 0)
            return true;
        *error = libvirtError(QStringLiteral("libvirt cannot begin a backup job"));
        return false;
    });
}

bool LibvirtBackupHypervisor::abort(const QUuid &domain, QString *error)
{
    return withDomain(m_uri, domain, error, [&](virDomainPtr dom) {
        if (virDomainAbortJob(dom) == 0)
            return true;
        *error = libvirtError(QStringLiteral("libvirt cannot end the backup job"));
        return false;
    });
}

bool LibvirtBackupHypervisor::runningJobXml(const QUuid &domain, QString *xml, QString *error)
{
    return withDomain(m_uri, domain, error, [&](virDomainPtr dom) {
        char *desc = virDomainBackupGetXMLDesc(dom, 0);
        if (!desc) {
            *error = libvirtError(QStringLiteral("no backup job"));
            return false;
        }
        *xml = QString::fromUtf8(desc);
        std::free(desc);
        return true;
    });
}

BackupJournal::BackupJournal(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(QStringLiteral("backup-jobs.json")))
{ }

QList<BackupJournal::Job> BackupJournal::jobs() const
{
    QFile f(m_path);
    QList<Job> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).array()) {
        const QJsonObject o = v.toObject();
        Job j;
        j.domain = QUuid::fromString(o.value(QStringLiteral("domain")).toString());
        j.tag = o.value(QStringLiteral("tag")).toString();
        j.socket = o.value(QStringLiteral("socket")).toString();
        for (const QJsonValue &s : o.value(QStringLiteral("scratch")).toArray())
            j.scratch << s.toString();
        if (!j.domain.isNull() && !j.tag.isEmpty())
            out.append(j);
    }
    return out;
}

bool BackupJournal::write(const QList<Job> &jobs, QString *error)
{
    QJsonArray array;
    for (const Job &j : jobs)
        array.append(
            QJsonObject {{QStringLiteral("domain"), j.domain.toString(QUuid::WithoutBraces)},
                {QStringLiteral("tag"), j.tag}, {QStringLiteral("socket"), j.socket},
                {QStringLiteral("scratch"), QJsonArray::fromStringList(j.scratch)}});
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    ::fchmod(f.handle(), 0600);
    f.write(QJsonDocument(array).toJson());
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

bool BackupJournal::add(const Job &job, QString *error)
{
    std::lock_guard lock(g_journalMutex);
    QList<Job> all = jobs();
    all.removeIf([&](const Job &j) { return j.tag == job.tag; });
    all.append(job);
    return write(all, error);
}

bool BackupJournal::remove(const QString &tag, QString *error)
{
    std::lock_guard lock(g_journalMutex);
    QList<Job> all = jobs();
    if (all.removeIf([&](const Job &j) { return j.tag == tag; }) == 0)
        return true;
    return write(all, error);
}

QStringList BackupJournal::recover(BackupHypervisor &hypervisor)
{
    QStringList done;
    for (const Job &job : jobs()) {
        QString xml, error;
        // Only a job on our own socket is ours to end: the admin may run
        // backups of their own.
        if (hypervisor.runningJobXml(job.domain, &xml, &error) && xml.contains(job.socket)) {
            if (hypervisor.abort(job.domain, &error))
                done << QStringLiteral("ended backup job %1 of %2")
                            .arg(job.tag, job.domain.toString());
            else
                done << QStringLiteral("backup job %1 of %2 not ended: %3")
                            .arg(job.tag, job.domain.toString(), error);
        }
        for (const QString &file : job.scratch)
            QFile::remove(file);
        QFile::remove(job.socket);
        QString ignored;
        remove(job.tag, &ignored);
    }
    return done;
}

BackupJobExporter::BackupJobExporter(const QString &uri, const QUuid &domain,
    const QString &runtimeDir, const QString &dataDir, const QString &tag,
    std::unique_ptr<BackupHypervisor> hypervisor)
    : m_hypervisor(
        hypervisor ? std::move(hypervisor) : std::make_unique<LibvirtBackupHypervisor>(uri)),
      m_domain(domain), m_dataDir(dataDir), m_tag(tag),
      m_socket(QDir(runtimeDir).filePath(QStringLiteral("backup/%1.sock").arg(tag))),
      m_scratchDir(QDir(dataDir).filePath(QStringLiteral("backup-scratch")))
{ }

BackupJobExporter::~BackupJobExporter()
{
    close();
}

QString BackupJobExporter::scratchFile(
    const QString &scratchDir, const QString &tag, const QString &target)
{
    return QDir(scratchDir).filePath(QStringLiteral("%1-%2.qcow2").arg(tag, target));
}

QString BackupJobExporter::backupXml(const QList<VmDisk> &disks, const QString &socket,
    const QString &scratchDir, const QString &tag)
{
    QString xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartElement(QStringLiteral("domainbackup"));
    w.writeAttribute(QStringLiteral("mode"), QStringLiteral("pull"));
    w.writeEmptyElement(QStringLiteral("server"));
    w.writeAttribute(QStringLiteral("transport"), QStringLiteral("unix"));
    w.writeAttribute(QStringLiteral("socket"), socket);
    w.writeStartElement(QStringLiteral("disks"));
    for (const VmDisk &disk : disks) {
        if (disk.target.isEmpty())
            continue;
        if (!disk.isReadable()) {
            w.writeEmptyElement(QStringLiteral("disk"));
            w.writeAttribute(QStringLiteral("name"), disk.target);
            w.writeAttribute(QStringLiteral("backup"), QStringLiteral("no"));
            continue;
        }
        w.writeStartElement(QStringLiteral("disk"));
        w.writeAttribute(QStringLiteral("name"), disk.target);
        w.writeAttribute(QStringLiteral("backup"), QStringLiteral("yes"));
        w.writeAttribute(QStringLiteral("type"), QStringLiteral("file"));
        // The export is named after the disk, as libvirt does by default.
        w.writeAttribute(QStringLiteral("exportname"), disk.target);
        w.writeEmptyElement(QStringLiteral("scratch"));
        w.writeAttribute(QStringLiteral("file"), scratchFile(scratchDir, tag, disk.target));
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndElement();
    return xml;
}

bool BackupJobExporter::open(const QList<VmDisk> &disks, QString *errorCode, QString *error)
{
    *errorCode = QStringLiteral("unavailable");
    // The hypervisor's QEMU creates the socket and the scratch files: it must
    // be able to enter these folders (sticky and not listable, like /tmp).
    const QString socketDir = QFileInfo(m_socket).absolutePath();
    if (!QDir().mkpath(socketDir) || !QDir().mkpath(m_scratchDir)) {
        *error = QStringLiteral("cannot create %1 or %2").arg(socketDir, m_scratchDir);
        return false;
    }
    ::chmod(QFile::encodeName(socketDir).constData(), 01733);
    ::chmod(QFile::encodeName(m_scratchDir).constData(), 01733);
    QFile::remove(m_socket);
    m_scratch.clear();
    for (const VmDisk &disk : disks) {
        if (disk.isReadable() && !disk.target.isEmpty())
            m_scratch << scratchFile(m_scratchDir, m_tag, disk.target);
    }
    if (m_scratch.isEmpty()) {
        *error = QStringLiteral("the VM has no disk that can be read");
        return false;
    }
    // Written down before it begins: a crash between the two still ends it.
    BackupJournal journal(m_dataDir);
    if (!journal.add({m_domain, m_tag, m_socket, m_scratch}, error)) {
        *errorCode = QStringLiteral("internal");
        return false;
    }
    if (!m_hypervisor->begin(m_domain, backupXml(disks, m_socket, m_scratchDir, m_tag), error)) {
        QString ignored;
        journal.remove(m_tag, &ignored);
        for (const QString &f : std::as_const(m_scratch))
            QFile::remove(f);
        return false;
    }
    m_begun = true;
    return true;
}

std::unique_ptr<NbdDisk> BackupJobExporter::connect(const VmDisk &disk, QString *error)
{
    if (!m_begun) {
        *error = QStringLiteral("no backup job is running");
        return nullptr;
    }
    NbdDisk::Options o;
    o.socketPath = m_socket;
    o.exportName = disk.target;
    return NbdDisk::connect(o, error);
}

void BackupJobExporter::close()
{
    if (!m_begun)
        return;
    m_begun = false;
    QString error;
    if (!m_hypervisor->abort(m_domain, &error)) {
        // Left in the journal: the next start of the appliance tries again.
        qWarning("backup job %s of %s not ended: %s", qPrintable(m_tag),
            qPrintable(m_domain.toString()), qPrintable(error));
        return;
    }
    for (const QString &f : std::as_const(m_scratch))
        QFile::remove(f);
    QFile::remove(m_socket);
    BackupJournal(m_dataDir).remove(m_tag, &error);
}

} // namespace mamori::appliance::image
