// SPDX-License-Identifier: GPL-2.0-or-later
#include "PrivateCopy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

namespace {

bool copyInto(const QString &from, const QString &to, QString *error)
{
    QFile::remove(to);
    if (QFile::copy(from, to))
        return true;
    *error = QStringLiteral("cannot copy %1 to %2").arg(from, to);
    return false;
}

} // namespace

QStringList privateCopyCommand(const QString &program, const QString &dir, QString *error)
{
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {program});
    if (!ldd.waitForFinished(30000) || ldd.exitStatus() != QProcess::NormalExit
        || ldd.exitCode() != 0) {
        *error = QStringLiteral("ldd %1 failed").arg(program);
        return {};
    }
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return {};
    }
    // "libfoo.so.1 => /usr/lib/.../libfoo.so.1 (0x...)": copied under the
    // name the loader looks for. "/lib64/ld-linux-x86-64.so.2 (0x...)": the
    // loader itself.
    static const QRegularExpression linked(QStringLiteral(R"(^\s*(\S+) => (/\S+) \()"));
    static const QRegularExpression loader(QStringLiteral(R"(^\s*(/\S*ld-linux\S*) \()"));
    QString loaderCopy;
    for (const QString &line : QString::fromLocal8Bit(ldd.readAllStandardOutput()).split(u'\n')) {
        if (const auto m = linked.match(line); m.hasMatch()) {
            if (!copyInto(m.captured(2), dir + u'/' + m.captured(1), error))
                return {};
        } else if (const auto l = loader.match(line); l.hasMatch()) {
            loaderCopy = dir + QStringLiteral("/ld.so");
            if (!copyInto(l.captured(1), loaderCopy, error))
                return {};
        }
    }
    const QString programCopy = dir + u'/' + QFileInfo(program).fileName();
    if (loaderCopy.isEmpty()) {
        *error = QStringLiteral("ldd named no dynamic loader for %1").arg(program);
        return {};
    }
    if (!copyInto(program, programCopy, error))
        return {};
    return {loaderCopy, QStringLiteral("--library-path"), dir, programCopy};
}
