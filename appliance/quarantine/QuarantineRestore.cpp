// SPDX-License-Identifier: GPL-2.0-or-later
// Restore and crash recovery of the quarantine vault.
#include "appliance/fs/GuestPath.h"
#include "appliance/quarantine/QuarantineVault.h"
#include "appliance/quarantine/VaultIo_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {

using protocol::ErrorCode;
using namespace vaultio;

namespace {

constexpr qsizetype kChunk = 1 << 20;

QString restoreTempName(const QString &id)
{
    return QStringLiteral(".mamori-restore-") + id;
}

// The folder that holds `file`, opened from its VM root without following a
// symbolic link; *name receives the file's name in it.
Fd openFolderOf(const fs::VmFile &file, QByteArray *name)
{
    const fs::VmRoot root(file.root);
    if (!root.isOpen())
        return {};
    return root.openParent(file.path, name);
}

// Renames without replacing an existing target, also on file systems that do
// not know RENAME_NOREPLACE (link(2) never replaces either).
int renameNoReplace(int dirFd, const QByteArray &from, const QByteArray &to)
{
    if (::renameat2(dirFd, from.constData(), dirFd, to.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (::linkat(dirFd, from.constData(), dirFd, to.constData(), 0) != 0)
        return -1;
    ::unlinkat(dirFd, from.constData(), 0);
    return 0;
}

} // namespace

bool QuarantineVault::restore(
    const QString &id, const QByteArray &targetPath, bool overwrite, QuarantineError *error)
{
    auto fail = [error](ErrorCode code, const QString &message) {
        if (error)
            *error = {code, message};
        return false;
    };
    const auto loaded = load(id);
    if (!loaded)
        return fail(ErrorCode::NotFound, QStringLiteral("no quarantined item %1").arg(id));
    const QuarantineItem &it = loaded->item;
    fs::VmFile targetFile {it.original.root, {}};
    if (!fs::normalizeVmPath(targetPath.isEmpty() ? it.original.path : targetPath, &targetFile.path)
        || targetFile.path == "/")
        return fail(ErrorCode::InvalidArgument,
            QStringLiteral("not a file path inside the VM: %1").arg(fs::displayPath(targetPath)));
    const QString target = targetFile.hostPath();
    const fs::VmRoot root(targetFile.root);
    if (!root.isOpen())
        return fail(ErrorCode::UnsafePath,
            QStringLiteral("the VM root %1 cannot be opened (%2); %3 stays in quarantine")
                .arg(targetFile.root, errnoText(errno), id));
    // The folder must still be the folder it was: a symbolic link now, or
    // gone, and nothing is written (nor recreated) there.
    QByteArray name;
    const Fd dir = root.openParent(targetFile.path, &name);
    if (!dir.valid()) {
        const int err = errno;
        return fail(err == ELOOP || err == EXDEV || err == ENOENT || err == ENOTDIR
                ? ErrorCode::UnsafePath
                : ErrorCode::Internal,
            QStringLiteral("cannot restore %1: %2; the file stays in quarantine")
                .arg(target,
                    err == ENOENT || err == ENOTDIR ? QStringLiteral("its folder no longer exists")
                                                    : fs::resolveErrorText(err)));
    }
    if (!overwrite && existsAt(dir.get(), name))
        return fail(ErrorCode::Conflict, QStringLiteral("%1 already exists").arg(target));

    const QString tempName = restoreTempName(id);
    const QByteArray encTemp = tempName.toUtf8();
    const QJsonObject intent {{QStringLiteral("op"), QStringLiteral("restore")},
        {QStringLiteral("root"), targetFile.root},
        {QStringLiteral("target"), fs::displayPath(targetFile.path)},
        {QStringLiteral("temp"), tempName}};
    const QString intentName = id + QStringLiteral(".intent");
    QString ioError;
    if (!writeFileAtomically(m_dirFd, intentName, QJsonDocument(intent).toJson(), {}, &ioError))
        return fail(ErrorCode::Internal, ioError);
    fault("restore.intent");
    // Until the rename the vault entry is untouched: giving up means only
    // removing our temporary file and the intent.
    auto giveUp = [&](ErrorCode code, const QString &message) {
        ::unlinkat(dir.get(), encTemp.constData(), 0);
        syncDirectory(dir.get());
        unlinkIfExists(m_dirFd, intentName);
        syncDirectory(m_dirFd);
        return fail(code, message);
    };

    const Fd blob(::openat(m_dirFd, QFile::encodeName(id + QStringLiteral(".blob")).constData(),
        O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    QByteArray buffer(kChunk, Qt::Uninitialized);
    if (!blob.valid() || readSome(blob.get(), buffer.data(), kBlobHeaderSize) != kBlobHeaderSize
        || QByteArrayView(buffer.constData(), kBlobHeaderSize) != QByteArrayView(kBlobHeader))
        return giveUp(ErrorCode::Internal, QStringLiteral("vault entry %1 is damaged").arg(id));
    ::unlinkat(dir.get(), encTemp.constData(), 0);
    const Fd out(::openat(dir.get(), encTemp.constData(),
        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out.valid())
        return giveUp(ErrorCode::Internal,
            QStringLiteral("cannot create a file beside %1: %2").arg(target, errnoText(errno)));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 total = 0;
    for (;;) {
        const qsizetype n = readSome(blob.get(), buffer.data(), buffer.size());
        if (n < 0)
            return giveUp(ErrorCode::Internal,
                QStringLiteral("cannot read vault entry %1: %2").arg(id, errnoText(errno)));
        if (n == 0)
            break;
        xorWithKey(buffer.data(), n, total, loaded->key);
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (!writeAll(out.get(), buffer.constData(), n))
            return giveUp(ErrorCode::Internal,
                QStringLiteral("cannot write %1: %2").arg(target, errnoText(errno)));
        if (total == 0)
            fault("restore.copying");
        total += n;
    }
    if (total != it.size || QString::fromLatin1(hash.result().toHex()) != it.sha256)
        return giveUp(ErrorCode::Internal,
            QStringLiteral("vault entry %1 is damaged: its SHA-256 does not match").arg(id));
    // The owner and group it had; its permissions without setuid, setgid
    // and sticky: the appliance writes as root, and a guest must not get a
    // privileged program out of a quarantine round trip.
    const struct timespec times[2] = {{0, UTIME_OMIT}, {it.mtimeSec, it.mtimeNsec}};
    if (::fchown(out.get(), it.owner, it.group) != 0
        || ::fchmod(out.get(), static_cast<mode_t>(it.mode & 0777)) != 0
        || ::futimens(out.get(), times) != 0 || ::fsync(out.get()) != 0)
        return giveUp(ErrorCode::Internal,
            QStringLiteral("cannot set owner, mode and time of %1: %2")
                .arg(target, errnoText(errno)));
    fault("restore.temp");

    const int renamed = overwrite
        ? ::renameat(dir.get(), encTemp.constData(), dir.get(), name.constData())
        : renameNoReplace(dir.get(), encTemp, name);
    if (renamed != 0)
        return giveUp(
            errno == EEXIST || errno == EISDIR ? ErrorCode::Conflict : ErrorCode::Internal,
            QStringLiteral("cannot create %1: %2").arg(target, errnoText(errno)));
    syncDirectory(dir.get());
    fault("restore.renamed");
    removeEntry(id);
    fault("restore.removed");
    unlinkIfExists(m_dirFd, intentName);
    syncDirectory(m_dirFd);
    return true;
}

bool QuarantineVault::removeOriginalIfIdentical(const QuarantineItem &item, QStringList *log)
{
    const QString original = item.original.hostPath();
    QByteArray name;
    const Fd dir = openFolderOf(item.original, &name);
    qint64 size = 0;
    QString sha;
    if (!dir.valid() || !hashFile(dir.get(), name, &size, &sha))
        return true;
    if (size != item.size || sha != item.sha256) {
        log->append(QStringLiteral("%1 changed after it was quarantined as %2: both kept")
                        .arg(original, item.id));
        return true;
    }
    if (::unlinkat(dir.get(), name.constData(), 0) != 0) {
        log->append(QStringLiteral("cannot remove %1 (in the vault as %2): %3")
                        .arg(original, item.id, errnoText(errno)));
        return false;
    }
    syncDirectory(dir.get());
    log->append(QStringLiteral("finished quarantine of %1 as %2").arg(original, item.id));
    return true;
}

bool QuarantineVault::finishQuarantineIntent(
    const QString &id, const QByteArray &intent, QStringList *log)
{
    if (const auto loaded = load(id))
        return removeOriginalIfIdentical(loaded->item, log);
    const QString path =
        vmFileOf(QJsonDocument::fromJson(intent).object(), QStringLiteral("path")).hostPath();
    if (existsAt(m_dirFd, id + QStringLiteral(".json"))) {
        // Metadata we cannot read: the original may already be gone, so the
        // blob is kept for an operator rather than deleted.
        log->append(
            QStringLiteral("vault entry %1 has unreadable metadata; left in place").arg(id));
        return false;
    }
    // The original is only unlinked after the metadata is durable, so it is
    // still in the VM: drop the half-made entry.
    unlinkIfExists(m_dirFd, id + QStringLiteral(".blob"));
    log->append(QStringLiteral("rolled back unfinished quarantine of %1").arg(path));
    return true;
}

bool QuarantineVault::finishRestoreIntent(
    const QString &id, const QByteArray &intent, QStringList *log)
{
    const fs::VmFile targetFile =
        vmFileOf(QJsonDocument::fromJson(intent).object(), QStringLiteral("target"));
    const QString target = targetFile.hostPath();
    QByteArray name;
    const Fd dir = openFolderOf(targetFile, &name);
    const QString tempName = restoreTempName(id);
    const auto loaded = load(id);
    if (!loaded) {
        // Crashed after the rename, while removing the entry.
        unlinkIfExists(m_dirFd, id + QStringLiteral(".blob"));
        log->append(QStringLiteral("finished restore of %1 to %2").arg(id, target));
        return true;
    }
    if (dir.valid() && existsAt(dir.get(), tempName.toUtf8())) {
        unlinkIfExists(dir.get(), tempName);
        syncDirectory(dir.get());
        log->append(QStringLiteral("unfinished restore of %1 to %2 undone; the file stays in "
                                   "the vault")
                        .arg(id, target));
        return true;
    }
    qint64 size = 0;
    QString sha;
    if (dir.valid() && hashFile(dir.get(), name, &size, &sha) && size == loaded->item.size
        && sha == loaded->item.sha256) {
        removeEntry(id);
        log->append(QStringLiteral("finished restore of %1 to %2").arg(id, target));
        return true;
    }
    log->append(QStringLiteral("unfinished restore of %1 to %2 undone").arg(id, target));
    return true;
}

bool QuarantineVault::recover(QString *error, QStringList *log)
{
    if (m_dirFd < 0) {
        *error = QStringLiteral("the quarantine vault is not open");
        return false;
    }
    QStringList localLog;
    if (!log)
        log = &localLog;
    bool ok = true;
    const QDir dir(m_path);
    const auto files = [&dir](const QString &pattern) {
        return dir.entryList({pattern}, QDir::Files | QDir::Hidden | QDir::System);
    };
    // A temporary file is an atomic write that never took effect.
    for (const QString &name : files(QStringLiteral("*.tmp")))
        unlinkIfExists(m_dirFd, name);
    for (const QString &name : files(QStringLiteral("*.intent"))) {
        const QString id = name.chopped(7);
        QByteArray data;
        readSmallFile(m_dirFd, name, &data);
        const QString op =
            QJsonDocument::fromJson(data).object().value(QStringLiteral("op")).toString();
        const bool done = op == QLatin1String("restore") ? finishRestoreIntent(id, data, log)
                                                         : finishQuarantineIntent(id, data, log);
        if (done)
            unlinkIfExists(m_dirFd, name);
        ok = ok && done;
    }
    syncDirectory(m_dirFd);
    for (const QString &name : files(QStringLiteral("*.blob"))) {
        const QString id = name.chopped(5);
        if (!existsAt(m_dirFd, id + QStringLiteral(".json"))
            && !existsAt(m_dirFd, id + QStringLiteral(".intent"))) {
            unlinkIfExists(m_dirFd, name);
            log->append(QStringLiteral("removed the leftover blob of %1").arg(id));
        }
    }
    for (const QString &name : files(QStringLiteral("*.json"))) {
        if (!existsAt(m_dirFd, name.chopped(5) + QStringLiteral(".blob"))) {
            log->append(QStringLiteral("vault entry %1 has no blob").arg(name.chopped(5)));
            ok = false;
        }
    }
    syncDirectory(m_dirFd);
    if (!ok)
        *error = log->join(QLatin1Char('\n'));
    return ok;
}

} // namespace mamori::appliance
