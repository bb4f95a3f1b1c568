// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/DiskExporter.h"

#include <QDir>

namespace mamori::appliance::image {

DiskExporter::~DiskExporter() = default;

QemuNbdExporter::QemuNbdExporter(const QString &runtimeDir, const QString &tag)
    : m_runtimeDir(runtimeDir), m_tag(tag)
{ }

QemuNbdExporter::~QemuNbdExporter()
{
    close();
}

bool QemuNbdExporter::open(const QList<VmDisk> &disks, QString *errorCode, QString *error)
{
    for (const VmDisk &disk : disks) {
        if (!disk.isReadable())
            continue;
        auto server = std::make_unique<QemuNbdServer>();
        QemuNbdServer::Options o;
        o.image = disk.source;
        o.format = disk.format;
        o.socketPath =
            QDir(m_runtimeDir).filePath(QStringLiteral("nbd-%1-%2.sock").arg(m_tag, disk.target));
        o.readOnly = true;
        o.allocationDepth = true;
        if (!server->start(o, error)) {
            *errorCode = QStringLiteral("unavailable");
            close();
            return false;
        }
        m_servers[disk.target] = std::move(server);
    }
    return true;
}

std::unique_ptr<NbdDisk> QemuNbdExporter::connect(const VmDisk &disk, QString *error)
{
    const auto it = m_servers.find(disk.target);
    if (it == m_servers.end()) {
        *error = QStringLiteral("disk %1 is not exported").arg(disk.target);
        return nullptr;
    }
    NbdDisk::Options o;
    o.socketPath =
        QDir(m_runtimeDir).filePath(QStringLiteral("nbd-%1-%2.sock").arg(m_tag, disk.target));
    auto nbd = NbdDisk::connect(o, error);
    if (!nbd) {
        // The likely story is in qemu-nbd's own words (image locked, unreadable…).
        it->second->stop(2000);
        const QString said = it->second->diagnostics();
        if (!said.isEmpty())
            *error = QStringLiteral("qemu-nbd cannot export %1: %2").arg(disk.source, said);
    }
    return nbd;
}

void QemuNbdExporter::close()
{
    for (auto &[target, server] : m_servers)
        server->stop();
    m_servers.clear();
}

} // namespace mamori::appliance::image
