// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/store/DatabaseBackup.h"

#include "appliance/fs/PosixIo.h"
#include "appliance/patterns/FileOps_p.h"
#include "appliance/store/Database.h"
#include "appliance/store/SqliteFile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance::DatabaseBackup {
namespace {

const char kStampFormat[] = "yyyyMMdd'T'HHmmsszzz'Z'";

QString stampNow()
{
    return QDateTime::currentDateTimeUtc().toString(QLatin1String(kStampFormat));
}

bool makePrivateFolder(const QString &path, QString *error)
{
    if (::mkdir(QFile::encodeName(path).constData(), 0700) != 0 && errno != EEXIST) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, fs::errnoText());
        return false;
    }
    ::chmod(QFile::encodeName(path).constData(), 0700);
    return true;
}

// VACUUM INTO wants a target that does not exist or is empty; creating it
// empty first gives it mode 0600 whatever the umask.
bool createEmptyPrivate(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(),
        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 || ::fchmod(fd, 0600) != 0) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, fs::errnoText());
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

// Copies the database at `source` to `target` (created here), checks the
// copy and makes it a durable single file (rollback journal, no WAL beside).
bool copyChecked(const QString &source, const QString &target, QString *error)
{
    if (!createEmptyPrivate(target, error))
        return false;
    bool ok = false;
    {
        SqliteFile from(source);
        QSqlQuery q(from.db());
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(target);
        if (!from.isOpen())
            *error = from.error();
        else if (!q.exec())
            *error = QStringLiteral("cannot copy %1: %2").arg(source, q.lastError().text());
        else
            ok = true;
    }
    if (ok) {
        SqliteFile copy(target);
        QString sqlError;
        const IntegrityReport check = checkIntegrity(copy.db(), IntegrityDepth::Quick);
        if (!check.ok) {
            *error = QStringLiteral("the copy %1 fails its check: %2")
                         .arg(target, check.problems.join(QLatin1String("; ")));
            ok = false;
        } else if (!execSql(copy.db(), QStringLiteral("PRAGMA journal_mode=DELETE"), &sqlError)) {
            *error = QStringLiteral("cannot finish %1: %2").arg(target, sqlError);
            ok = false;
        }
    }
    if (ok)
        ok = fileops::syncFile(target, error);
    if (!ok)
        ::unlink(QFile::encodeName(target).constData());
    return ok;
}

bool renameDurably(const QString &from, const QString &to, QString *error)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        *error = QStringLiteral("cannot rename %1 to %2: %3").arg(from, to, fs::errnoText());
        return false;
    }
    return fileops::syncDirectory(QFileInfo(to).absolutePath(), error);
}

void prune(const QString &dataDir)
{
    const QList<BackupInfo> all = list(dataDir);
    for (qsizetype i = kGenerations; i < all.size(); ++i)
        QFile::remove(all[i].path);
}

} // namespace

QString folder(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("backups"));
}

std::optional<BackupInfo> take(const QString &dataDir, const QString &reason, QString *error)
{
    const QString dir = folder(dataDir);
    if (!makePrivateFolder(dir, error))
        return std::nullopt;
    const QString name = QStringLiteral("appliance-%1-%2.sqlite").arg(stampNow(), reason);
    const QString path = QDir(dir).filePath(name);
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial); // left by a crash in the middle of a backup
    if (!copyChecked(Database::filePath(dataDir), partial, error)
        || !renameDurably(partial, path, error))
        return std::nullopt;
    prune(dataDir);
    for (const BackupInfo &info : list(dataDir)) {
        if (info.name == name)
            return info;
    }
    *error = QStringLiteral("%1 vanished after it was written").arg(path);
    return std::nullopt;
}

QList<BackupInfo> list(const QString &dataDir)
{
    static const QRegularExpression form(
        QStringLiteral("^appliance-(\\d{8}T\\d{9}Z)-([a-z-]+)\\.sqlite$"));
    QList<BackupInfo> out;
    const QDir dir(folder(dataDir));
    for (const QFileInfo &file : dir.entryInfoList(QDir::Files, QDir::Name | QDir::Reversed)) {
        const auto m = form.match(file.fileName());
        if (!m.hasMatch())
            continue;
        BackupInfo info;
        info.name = file.fileName();
        info.path = file.absoluteFilePath();
        info.taken = QDateTime::fromString(m.captured(1), QLatin1String(kStampFormat));
        info.taken.setTimeSpec(Qt::UTC);
        info.reason = m.captured(2);
        info.bytes = file.size();
        out << info;
    }
    return out;
}

std::optional<Restored> restore(const QString &dataDir, const QString &name, QString *error)
{
    const QList<BackupInfo> all = list(dataDir);
    if (all.isEmpty()) {
        *error = QStringLiteral("no backup in %1").arg(folder(dataDir));
        return std::nullopt;
    }
    std::optional<BackupInfo> chosen;
    QStringList refused;
    for (const BackupInfo &info : all) {
        if (!name.isEmpty() && info.name != name)
            continue;
        const IntegrityReport check = checkIntegrity(info.path, IntegrityDepth::Full);
        if (check.ok) {
            chosen = info;
            break;
        }
        refused << QStringLiteral("%1 (%2)").arg(info.name, check.problems.value(0));
    }
    if (!chosen) {
        *error = !name.isEmpty() && refused.isEmpty()
            ? QStringLiteral("no backup named %1 in %2").arg(name, folder(dataDir))
            : QStringLiteral("no good backup: %1").arg(refused.join(QLatin1String(", ")));
        return std::nullopt;
    }

    Restored result;
    result.backup = *chosen;
    const QString live = Database::filePath(dataDir);
    const QString incoming = live + QStringLiteral(".restoring");
    QFile::remove(incoming);
    if (!copyChecked(chosen->path, incoming, error))
        return std::nullopt;
    if (QFile::exists(live)) {
        const QString kept = QDir(dataDir).filePath(QStringLiteral("replaced"));
        if (!makePrivateFolder(kept, error))
            return std::nullopt;
        result.damagedKeptAt =
            QDir(kept).filePath(QStringLiteral("appliance-%1.sqlite").arg(stampNow()));
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            if (QFile::exists(live + suffix)
                && !renameDurably(live + suffix, result.damagedKeptAt + suffix, error))
                return std::nullopt;
        }
        if (!renameDurably(live, result.damagedKeptAt, error))
            return std::nullopt;
    }
    if (!renameDurably(incoming, live, error))
        return std::nullopt;
    return result;
}

} // namespace mamori::appliance::DatabaseBackup
