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

namespace {

// ldd's answer for `program`: each library as (name the loader looks for,
// its file), and the loader's file.
struct Linked
{
    QList<std::pair<QString, QString>> libraries;
    QString loader;
};

bool resolveLinks(const QString &program, Linked *out, QString *error)
{
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {program});
    if (!ldd.waitForFinished(30000) || ldd.exitStatus() != QProcess::NormalExit
        || ldd.exitCode() != 0) {
        *error = QStringLiteral("ldd %1 failed").arg(program);
        return false;
    }
    // "libfoo.so.1 => /usr/lib/.../libfoo.so.1 (0x...)", and
    // "/lib64/ld-linux-x86-64.so.2 (0x...)": the loader itself.
    static const QRegularExpression linked(QStringLiteral(R"(^\s*(\S+) => (/\S+) \()"));
    static const QRegularExpression loader(QStringLiteral(R"(^\s*(/\S*ld-linux\S*) \()"));
    for (const QString &line : QString::fromLocal8Bit(ldd.readAllStandardOutput()).split(u'\n')) {
        if (const auto m = linked.match(line); m.hasMatch())
            out->libraries.push_back({m.captured(1), m.captured(2)});
        else if (const auto l = loader.match(line); l.hasMatch())
            out->loader = l.captured(1);
    }
    if (out->loader.isEmpty()) {
        *error = QStringLiteral("ldd named no dynamic loader for %1").arg(program);
        return false;
    }
    return true;
}

} // namespace

QStringList programFiles(const QString &program, QString *error)
{
    Linked linked;
    if (!resolveLinks(program, &linked, error))
        return {};
    QStringList files {program, linked.loader};
    for (const auto &library : std::as_const(linked.libraries))
        files.push_back(library.second);
    return files;
}

QStringList privateCopyCommand(const QString &program, const QString &dir, QString *error)
{
    Linked linked;
    if (!resolveLinks(program, &linked, error))
        return {};
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return {};
    }
    // Each library under the name the loader looks for.
    for (const auto &library : std::as_const(linked.libraries)) {
        if (!copyInto(library.second, dir + u'/' + library.first, error))
            return {};
    }
    const QString loaderCopy = dir + QStringLiteral("/ld.so");
    const QString programCopy = dir + u'/' + QFileInfo(program).fileName();
    if (!copyInto(linked.loader, loaderCopy, error) || !copyInto(program, programCopy, error))
        return {};
    return {loaderCopy, QStringLiteral("--library-path"), dir, programCopy};
}
