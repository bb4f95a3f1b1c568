// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/quarantine/VaultIo_p.h"

#include <QCryptographicHash>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance::vaultio {

Fd &Fd::operator=(Fd &&other) noexcept
{
    if (this != &other) {
        reset(other.m_fd);
        other.m_fd = -1;
    }
    return *this;
}

void Fd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool splitPath(const QString &path, QString *dir, QString *name)
{
    if (!path.startsWith(QLatin1Char('/')) || path.endsWith(QLatin1Char('/')))
        return false;
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    *name = path.mid(slash + 1);
    *dir = slash == 0 ? QStringLiteral("/") : path.left(slash);
    return !name->isEmpty() && *name != QLatin1String(".") && *name != QLatin1String("..");
}

Fd openDirectory(const QString &path)
{
    return Fd(::open(
        QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

qsizetype readSome(int fd, char *data, qsizetype size)
{
    for (;;) {
        const ssize_t n = ::read(fd, data, static_cast<size_t>(size));
        if (n < 0 && errno == EINTR)
            continue;
        return n;
    }
}

bool syncDirectory(int dirFd)
{
    // Some file systems refuse fsync on a directory; their renames are then
    // as durable as they can be made.
    return ::fsync(dirFd) == 0 || errno == EINVAL;
}

bool writeFileAtomically(int dirFd, const QString &name, const QByteArray &data,
    const std::function<void()> &beforeRename, QString *error)
{
    const QByteArray finalName = QFile::encodeName(name);
    const QByteArray tempName = finalName + ".tmp";
    ::unlinkat(dirFd, tempName.constData(), 0);
    Fd fd(::openat(
        dirFd, tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd.valid() || !writeAll(fd.get(), data.constData(), data.size())
        || ::fsync(fd.get()) != 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(name, errnoText(errno));
        ::unlinkat(dirFd, tempName.constData(), 0);
        return false;
    }
    fd.reset();
    if (beforeRename)
        beforeRename();
    if (::renameat(dirFd, tempName.constData(), dirFd, finalName.constData()) != 0
        || !syncDirectory(dirFd)) {
        *error = QStringLiteral("cannot commit %1: %2").arg(name, errnoText(errno));
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
    Fd fd(::openat(dirFd, QFile::encodeName(name).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
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

bool unlinkIfExists(int dirFd, const QString &name)
{
    return ::unlinkat(dirFd, QFile::encodeName(name).constData(), 0) == 0 || errno == ENOENT;
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

bool hashFile(int dirFd, const QString &name, qint64 *size, QString *sha256)
{
    Fd fd(::openat(dirFd, QFile::encodeName(name).constData(),
        O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
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
