// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/fs/PosixIo.h"

#include "appliance/fs/Fd.h"

#include <cstring>
#include <unistd.h>

namespace mamori::appliance::fs {

void Fd::reset(int fd)
{
    if (m_fd >= 0) {
        const int saved = errno;
        ::close(m_fd);
        errno = saved;
    }
    m_fd = fd;
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
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
    return ::fsync(dirFd) == 0 || errno == EINVAL;
}

} // namespace mamori::appliance::fs
