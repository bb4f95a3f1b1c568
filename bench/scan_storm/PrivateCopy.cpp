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

LinkedProgram LinkedProgram::resolve(const QString &program, QString *error)
{
    LinkedProgram out;
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {program});
    if (!ldd.waitForFinished(30000) || ldd.exitStatus() != QProcess::NormalExit
        || ldd.exitCode() != 0) {
        *error = QStringLiteral("ldd %1 failed").arg(program);
        return out;
    }
    // "libfoo.so.1 => /usr/lib/.../libfoo.so.1 (0x...)", and
    // "/lib64/ld-linux-x86-64.so.2 (0x...)": the loader itself.
    static const QRegularExpression linked(QStringLiteral(R"(^\s*(\S+) => (/\S+) \()"));
    static const QRegularExpression loader(QStringLiteral(R"(^\s*(/\S*ld-linux\S*) \()"));
    QString loaderFile;
    for (const QString &line : QString::fromLocal8Bit(ldd.readAllStandardOutput()).split(u'\n')) {
        if (const auto m = linked.match(line); m.hasMatch())
            out.m_libraries.push_back({m.captured(1), m.captured(2)});
        else if (const auto l = loader.match(line); l.hasMatch())
            loaderFile = l.captured(1);
    }
    if (loaderFile.isEmpty()) {
        *error = QStringLiteral("ldd named no dynamic loader for %1").arg(program);
        return {};
    }
    out.m_program = program;
    out.m_loader = loaderFile;
    return out;
}

QStringList LinkedProgram::files() const
{
    if (!isValid())
        return {};
    QStringList files {m_program, m_loader};
    for (const auto &library : m_libraries)
        files.push_back(library.second);
    return files;
}

std::optional<LinkedProgram::Copy> LinkedProgram::copyTo(const QString &dir, QString *error) const
{
    if (!isValid())
        return std::nullopt;
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return std::nullopt;
    }
    Copy copy;
    const QString loaderCopy = dir + QStringLiteral("/ld.so");
    const QString programCopy = dir + u'/' + QFileInfo(m_program).fileName();
    copy.files = {programCopy, loaderCopy};
    // Each library under the name the loader looks for.
    for (const auto &library : m_libraries)
        copy.files.push_back(dir + u'/' + library.first);
    if (!copyInto(m_program, programCopy, error) || !copyInto(m_loader, loaderCopy, error))
        return std::nullopt;
    for (qsizetype i = 0; i < m_libraries.size(); ++i) {
        if (!copyInto(m_libraries[i].second, copy.files[i + 2], error))
            return std::nullopt;
    }
    copy.command = {loaderCopy, QStringLiteral("--library-path"), dir, programCopy};
    return copy;
}
