// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/ImageRuntime.h"

#include "appliance/image/QemuNbdServer.h"

#include <QDir>
#include <QFile>

#include <sys/stat.h>

namespace mamori::appliance::image {

QString prepareRuntimeDirectory(const QString &dataDir, QString *error)
{
    QString dir = qEnvironmentVariable("RUNTIME_DIRECTORY").section(QLatin1Char(':'), 0, 0);
    if (dir.isEmpty())
        dir = QDir(dataDir).filePath(QStringLiteral("run"));
    // The longest socket name is "backup/scan-0123456789ab.sock" (29 bytes).
    if (!QemuNbdServer::fitsSocketPath(
            dir + QStringLiteral("/backup/scan-0123456789ab-vdzz.sock"))) {
        QByteArray temp = QFile::encodeName(QDir::tempPath()) + "/mamori-run-XXXXXX";
        if (!::mkdtemp(temp.data())) {
            *error = QStringLiteral("cannot make a runtime folder under %1").arg(QDir::tempPath());
            return {};
        }
        dir = QFile::decodeName(temp);
    }
    // 0711: a running VM's QEMU (another user) must reach its backup job's
    // socket folder inside; nobody else can list or open what is here.
    if (!QDir().mkpath(dir) || ::chmod(QFile::encodeName(dir).constData(), 0711) != 0) {
        *error = QStringLiteral("cannot make the runtime folder %1").arg(dir);
        return {};
    }
    for (const QString &stale : QDir(dir).entryList({QStringLiteral("*.sock")}, QDir::System))
        QFile::remove(QDir(dir).filePath(stale));
    return dir;
}

} // namespace mamori::appliance::image
