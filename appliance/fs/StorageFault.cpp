// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/fs/StorageFault.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <sys/statvfs.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

// SQLite's primary result codes (sqlite3.h); QtSql hands them over as text.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;

// Below this the folder counts as full: SQLite and the journal need a few
// pages to make any progress.
constexpr qint64 kFullBelowBytes = 64 * 1024;

std::atomic<int> g_simulated {int(StorageFault::None)};

StorageFault simulated()
{
    return StorageFault(g_simulated.load());
}

} // namespace

void simulateStorageFault(StorageFault fault)
{
    g_simulated = int(fault);
}

qint64 freeBytes(const QString &dataDir)
{
    struct statvfs st = {};
    if (::statvfs(QFile::encodeName(dataDir).constData(), &st) != 0)
        return -1;
    return qint64(st.f_bavail) * qint64(st.f_frsize);
}

StorageFault storageFaultOfFolder(const QString &dataDir)
{
    if (simulated() != StorageFault::None)
        return simulated();
    struct statvfs st = {};
    const QByteArray path = QFile::encodeName(dataDir);
    if (::statvfs(path.constData(), &st) != 0)
        return StorageFault::Unavailable;
    if ((st.f_flag & ST_RDONLY) != 0 || ::access(path.constData(), W_OK) != 0)
        return StorageFault::ReadOnly;
    if (qint64(st.f_bavail) * qint64(st.f_frsize) < kFullBelowBytes)
        return StorageFault::Full;
    return StorageFault::None;
}

StorageFault storageFaultOfSqlite(int resultCode, const QString &dataDir)
{
    if (resultCode == 0)
        return StorageFault::None;
    if (simulated() != StorageFault::None)
        return simulated();
    const int code = resultCode & 0xff;
    switch (code) {
    case kSqliteFull:
        return StorageFault::Full;
    case kSqliteReadOnly:
        return StorageFault::ReadOnly;
    case kSqliteIoErr:
    case kSqliteCantOpen: {
        const StorageFault folder = storageFaultOfFolder(dataDir);
        return folder == StorageFault::None ? StorageFault::Unavailable : folder;
    }
    case kSqliteBusy:
    case kSqliteLocked:
        return StorageFault::Unavailable;
    default:
        return StorageFault::None;
    }
}

StorageFault storageFaultFromErrno(int error)
{
    switch (error) {
    case 0:
        return StorageFault::None;
    case ENOSPC:
    case EDQUOT:
        return StorageFault::Full;
    case EROFS:
    case EACCES:
    case EPERM:
        return StorageFault::ReadOnly;
    default:
        return StorageFault::Unavailable;
    }
}

protocol::ErrorCode errorCodeFor(StorageFault fault)
{
    switch (fault) {
    case StorageFault::Full:
        return protocol::ErrorCode::StorageFull;
    case StorageFault::ReadOnly:
        return protocol::ErrorCode::StorageReadOnly;
    case StorageFault::Unavailable:
        return protocol::ErrorCode::StorageUnavailable;
    case StorageFault::None:
        break;
    }
    return protocol::ErrorCode::Internal;
}

QString storageFaultName(StorageFault fault)
{
    switch (fault) {
    case StorageFault::Full:
        return QStringLiteral("storage full");
    case StorageFault::ReadOnly:
        return QStringLiteral("storage read-only");
    case StorageFault::Unavailable:
        return QStringLiteral("storage unavailable");
    case StorageFault::None:
        break;
    }
    return QStringLiteral("storage error");
}

QString describeStorageFault(StorageFault fault, const QString &dataDir, const QString &detail)
{
    const qint64 free = freeBytes(dataDir);
    QString text = QStringLiteral("%1: the data folder %2").arg(storageFaultName(fault), dataDir);
    if (fault == StorageFault::ReadOnly)
        text += QStringLiteral(" is read-only");
    if (free >= 0)
        text += QStringLiteral(" (%1 bytes free)").arg(free);
    if (!detail.isEmpty())
        text += QStringLiteral(": ") + detail;
    return text;
}

} // namespace mamori::appliance
