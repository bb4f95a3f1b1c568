// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/StoreGuard.h"

#include "appliance/store/Database.h"
#include "appliance/store/DatabaseBackup.h"
#include "appliance/store/SqliteFile.h"

#include <QDateTime>
#include <QThread>

#include <algorithm>

namespace mamori::appliance {

StoreGuard::StoreGuard(const QString &dataDir, qint64 intervalSeconds, QObject *parent)
    : QObject(parent), m_dataDir(dataDir), m_intervalSeconds(std::max<qint64>(1, intervalSeconds))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &StoreGuard::runNow);
}

StoreGuard::~StoreGuard()
{
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
}

void StoreGuard::start()
{
    const QList<BackupInfo> backups = DatabaseBackup::list(m_dataDir);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Not in the first minute of a start, which has work of its own.
    const qint64 soonest = std::min<qint64>(m_intervalSeconds, 60);
    const qint64 due = backups.isEmpty()
        ? std::min<qint64>(m_intervalSeconds, 300)
        : now.secsTo(backups.first().taken.addSecs(m_intervalSeconds));
    m_timer.start(std::chrono::seconds(std::clamp(due, soonest, m_intervalSeconds)));
}

void StoreGuard::runNow()
{
    if (m_worker)
        return; // one at a time
    m_outcome = {};
    m_worker = QThread::create([this] {
        const IntegrityReport check =
            checkIntegrity(Database::filePath(m_dataDir), IntegrityDepth::Full);
        if (!check.ok) {
            m_outcome.damaged = check.damaged;
            m_outcome.error = check.damaged
                ? damagedStoreMessage(Database::filePath(m_dataDir), check.problems, m_dataDir)
                : QStringLiteral("database check not done: %1")
                      .arg(check.problems.join(QLatin1String("; ")));
            return;
        }
        QString error;
        if (const auto backup = DatabaseBackup::take(m_dataDir, QStringLiteral("daily"), &error))
            m_outcome.backup = backup->name;
        else
            m_outcome.error = QStringLiteral("database backup not taken: %1").arg(error);
    });
    connect(m_worker, &QThread::finished, this, &StoreGuard::onRunFinished);
    m_worker->start(QThread::LowPriority);
}

void StoreGuard::onRunFinished()
{
    m_worker->wait();
    delete m_worker;
    m_worker = nullptr;
    m_timer.start(std::chrono::seconds(m_intervalSeconds));
    if (m_outcome.damaged)
        Q_EMIT damaged(m_outcome.error);
    else if (!m_outcome.error.isEmpty())
        Q_EMIT backupFailed(m_outcome.error);
    else
        Q_EMIT backedUp(m_outcome.backup);
}

} // namespace mamori::appliance
