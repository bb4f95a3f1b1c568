// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/ImageTools.h"

#include <QProcess>
#include <QStandardPaths>

namespace mamori::appliance::image {

QString findTool(const QString &name)
{
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(name,
            {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin")});
    return found;
}

bool runTool(
    const QString &name, const QStringList &args, QString *error, QByteArray *output, int timeoutMs)
{
    const QString program = findTool(name);
    if (program.isEmpty()) {
        *error = QStringLiteral("%1 is not installed (see scripts/bootstrap)").arg(name);
        return false;
    }
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted() || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        *error = QStringLiteral("%1 did not run to its end: %2").arg(name, p.errorString());
        return false;
    }
    if (output)
        *output = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("%1 failed: %2")
                     .arg(name, QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return false;
    }
    return true;
}

} // namespace mamori::appliance::image
