// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/store/DataFolderLock.h"

#include "appliance/fs/PosixIo.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace mamori::appliance {

DataFolderLock::DataFolderLock(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("appliance.lock"));
    m_fd = ::open(
        QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (m_fd < 0) {
        m_error = QStringLiteral("cannot open %1: %2").arg(path, fs::errnoText());
        return;
    }
    int rc;
    do {
        rc = ::flock(m_fd, LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc == 0)
        return;
    m_busy = errno == EWOULDBLOCK;
    m_error = m_busy
        ? QStringLiteral("appliance running: a mamori-appliance is running on %1; stop it first "
                         "(systemctl stop mamori-appliance)")
              .arg(dataDir)
        : QStringLiteral("cannot lock %1: %2").arg(path, fs::errnoText());
    ::close(m_fd);
    m_fd = -1;
}

DataFolderLock::~DataFolderLock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace mamori::appliance
