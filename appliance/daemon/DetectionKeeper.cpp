// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/DetectionKeeper.h"

#include "appliance/fs/GuestPath.h"

#include <QDir>

namespace mamori::appliance {

DetectionKeeper::DetectionKeeper(QString dataDir, Recorder recorder, QObject *parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_record(std::move(recorder)),
      m_journal(QDir(m_dataDir).filePath(QStringLiteral("detections.journal")))
{
    m_retry.setInterval(2000);
    connect(&m_retry, &QTimer::timeout, this, [this] { drain(); });
}

bool DetectionKeeper::open(QString *error)
{
    QList<Detection> kept;
    if (!m_journal.open(&kept, error))
        return false;
    if (!kept.isEmpty())
        qWarning("%lld detections kept in %s by an earlier run are recorded now",
            qlonglong(kept.size()), qPrintable(m_journal.path()));
    m_pending = kept;
    if (!m_pending.isEmpty() && !drain())
        m_retry.start();
    return true;
}

QHash<QString, int> DetectionKeeper::pendingByVm() const
{
    QHash<QString, int> out;
    for (const Detection &d : m_pending)
        ++out[d.vmId];
    return out;
}

void DetectionKeeper::handle(const Detection &detection)
{
    if (!m_pending.isEmpty() && !drain()) {
        keep(detection, QStringLiteral("earlier detections are still waiting"));
        return;
    }
    QString error;
    if (m_record(detection, &error))
        return;
    keep(detection, error);
}

void DetectionKeeper::keep(const Detection &detection, const QString &why)
{
    QString journalError;
    const bool journaled = m_journal.append(detection, &journalError);
    m_pending.append(detection);
    qWarning("detection of %s in %s kept until the database takes it (%s)%s%s",
        qPrintable(detection.threat), qPrintable(fs::displayPath(detection.vmPath)),
        qPrintable(why),
        journaled ? "" : "; in memory only: ", journaled ? "" : qPrintable(journalError));
    if (m_fault == StorageFault::None) {
        m_fault = storageFaultOfFolder(m_dataDir);
        if (m_fault == StorageFault::None)
            m_fault = StorageFault::Unavailable;
        m_recordedSinceTrouble = 0;
        Q_EMIT troubleBegan(m_fault, describeStorageFault(m_fault, m_dataDir, why));
    }
    if (!m_retry.isActive())
        m_retry.start();
}

bool DetectionKeeper::drain()
{
    while (!m_pending.isEmpty()) {
        QString error;
        if (!m_record(m_pending.first(), &error))
            return false;
        const Detection done = m_pending.takeFirst();
        ++m_recordedSinceTrouble;
        if (done.jobId != QLatin1String("realtime") && !done.jobId.isEmpty())
            m_cutShort.append(done);
    }
    m_retry.stop();
    QString error;
    if (!m_journal.clear(&error))
        qWarning("%s", qPrintable(error)); // its lines are recorded: read again, they repeat
    if (m_fault != StorageFault::None) {
        m_fault = StorageFault::None;
        Q_EMIT troubleEnded(m_recordedSinceTrouble, std::exchange(m_cutShort, {}));
    }
    return true;
}

} // namespace mamori::appliance
