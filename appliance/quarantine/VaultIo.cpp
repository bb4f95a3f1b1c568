// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/fs/GuestPath.h"
#include "appliance/quarantine/VaultIo_p.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonObject>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance::vaultio {

fs::VmFile vmFileOf(const QJsonObject &record, const QString &key)
{
    fs::VmFile file;
    const QString path = record.value(key).toString();
    if (record.contains(QStringLiteral("root"))) {
        file.root = record.value(QStringLiteral("root")).toString();
        if (!fs::parseDisplayPath(path, &file.path))
            file.path.clear();
        return file;
    }
    // Format 1 kept the host path only: resolve it from "/", still without
    // following any symbolic link.
    file.root = QStringLiteral("/");
    if (key == QLatin1String("path") && record.contains(QStringLiteral("original_path")))
        file.path = QFile::encodeName(record.value(QStringLiteral("original_path")).toString());
    else
        file.path = QFile::encodeName(path);
    return file;
}

bool writeFileAtomically(int dirFd, const QString &name, const QByteArray &data,
    const std::function<void()> &beforeRename, QString *error)
{
    const QByteArray finalName = name.toUtf8();
    const QByteArray tempName = finalName + ".tmp";
    ::unlinkat(dirFd, tempName.constData(), 0);
    Fd fd(::openat(
        dirFd, tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd.valid() || !writeAll(fd.get(), data.constData(), data.size())
        || ::fsync(fd.get()) != 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(name, errnoText());
        ::unlinkat(dirFd, tempName.constData(), 0);
        return false;
    }
    fd.reset();
    if (beforeRename)
        beforeRename();
    if (::renameat(dirFd, tempName.constData(), dirFd, finalName.constData()) != 0
        || !syncDirectory(dirFd)) {
        *error = QStringLiteral("cannot commit %1: %2").arg(name, errnoText());
        ::unlinkat(dirFd, tempName.constData(), 0);
        return false;
    }
    return true;
}

bool readSmallFile(int dirFd, const QString &name, QByteArray *data)
{
    // Metadata and intents are a few hundred bytes; anything larger was not
    // written by us.
    constexpr qsizetype kLimit = 1 << 20;
    Fd fd(::openat(dirFd, name.toUtf8().constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid())
        return false;
    data->clear();
    char buffer[16384];
    for (;;) {
        const qsizetype n = readSome(fd.get(), buffer, sizeof buffer);
        if (n < 0 || data->size() + n > kLimit)
            return false;
        if (n == 0)
            return true;
        data->append(buffer, n);
    }
}

bool unlinkIfExists(int dirFd, const QByteArray &name)
{
    return ::unlinkat(dirFd, name.constData(), 0) == 0 || errno == ENOENT;
}

bool existsAt(int dirFd, const QByteArray &name)
{
    struct stat st
    {
    };
    return ::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0;
}

void xorWithKey(char *data, qsizetype size, qint64 offset, const QByteArray &key)
{
    const qsizetype keySize = key.size();
    qsizetype k = static_cast<qsizetype>(offset % keySize);
    for (qsizetype i = 0; i < size; ++i) {
        data[i] = static_cast<char>(data[i] ^ key[k]);
        if (++k == keySize)
            k = 0;
    }
}

bool hashFile(int dirFd, const QByteArray &name, qint64 *size, QString *sha256)
{
    Fd fd(::openat(
        dirFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    struct stat st
    {
    };
    if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qsizetype n = readSome(fd.get(), buffer.data(), buffer.size());
        if (n < 0)
            return false;
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        total += n;
    }
    *size = total;
    *sha256 = QString::fromLatin1(hash.result().toHex());
    return true;
}

} // namespace mamori::appliance::vaultio
