// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace mamori::appliance {

// DIR/appliance.lock, held (flock, exclusive) by a running appliance for its
// whole life, and by the commands that must never run beside one (`db
// restore`, `identity renew`). Never waits: a held lock is an answer. The
// kernel drops it when the process ends, however it ends.
class DataFolderLock
{
public:
    explicit DataFolderLock(const QString &dataDir);
    ~DataFolderLock();
    DataFolderLock(const DataFolderLock &) = delete;
    DataFolderLock &operator=(const DataFolderLock &) = delete;

    bool held() const { return m_fd >= 0; }
    // Why it is not held; names the running appliance when that is the reason.
    QString error() const { return m_error; }
    bool busy() const { return m_busy; }

private:
    int m_fd = -1;
    bool m_busy = false;
    QString m_error;
};

} // namespace mamori::appliance
