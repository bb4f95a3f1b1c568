// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/inventory/DirectoryInventory.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <dirent.h>

namespace mamori::appliance {
namespace {

// QDir reports an unreadable directory as an empty one, and an empty list
// would read as "every VM is gone"; opendir tells the two apart and says why.
bool canOpenDirectory(const QString &path, QString *error)
{
    DIR *dir = ::opendir(QFile::encodeName(path).constData());
    if (!dir) {
        const int code = errno;
        *error = QStringLiteral("cannot read inventory directory %1: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(code)));
        return false;
    }
    ::closedir(dir);
    return true;
}

} // namespace

DirectoryInventory::DirectoryInventory(const QString &path, VmIdentityStore &ids)
    : m_path(QFileInfo(path).absoluteFilePath()), m_ids(ids)
{ }

QString DirectoryInventory::description() const
{
    return QStringLiteral("directory:") + m_path;
}

bool DirectoryInventory::list(QList<VmRecord> *out, QString *error)
{
    if (!canOpenDirectory(m_path, error))
        return false;
    const QString base = QFileInfo(m_path).canonicalFilePath();
    if (base.isEmpty()) {
        *error = QStringLiteral("cannot read inventory directory %1: it vanished").arg(m_path);
        return false;
    }
    const QDir dir(base);

    QList<VmRecord> vms;
    QSet<QString> seen;
    // QDir::Name: a stable order keeps the monitor's signals in a readable order.
    const QFileInfoList entries = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &entry : entries) {
        const QString canonical = entry.canonicalFilePath();
        if (canonical.isEmpty()) // dangling symlink, or removed since readdir
            continue;
        const QFileInfo target(canonical);
        const QString name = target.fileName();
        if (target.absolutePath() != base || name.startsWith(u'.') || seen.contains(name))
            continue;
        seen.insert(name);

        const QUuid id = m_ids.idFor(QStringLiteral("directory:") + name);
        if (id.isNull()) {
            *error = QStringLiteral("no id could be assigned to VM folder %1").arg(canonical);
            return false;
        }
        vms.append({id, name, QStringLiteral("running"), canonical});
    }
    *out = std::move(vms);
    return true;
}

} // namespace mamori::appliance
