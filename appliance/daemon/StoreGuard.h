// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

class QThread;

namespace mamori::appliance {

// The running appliance's daily care of its database: a full integrity check
// (PRAGMA integrity_check: also proves each index matches its table) and,
// when it passes, a new backup generation. Both run on a thread and a
// connection of their own, so requests are served meanwhile (WAL lets the
// main connection write while they read one snapshot). The first run is one
// interval after the newest backup, so that restarts do not postpone it.
class StoreGuard : public QObject
{
    Q_OBJECT

public:
    StoreGuard(const QString &dataDir, qint64 intervalSeconds, QObject *parent = nullptr);
    ~StoreGuard() override; // waits for a run in progress

    void start();
    void runNow();

Q_SIGNALS:
    // The database failed its check: the appliance must stop.
    void damaged(const QString &message);
    // The check passed but no backup could be taken (e.g. the disk is full).
    void backupFailed(const QString &message);
    void backedUp(const QString &name);

private:
    void onRunFinished();

    QString m_dataDir;
    qint64 m_intervalSeconds;
    QTimer m_timer;
    QThread *m_worker = nullptr;
    struct Outcome
    {
        bool damaged = false;
        QString error;
        QString backup;
    } m_outcome;
};

} // namespace mamori::appliance
