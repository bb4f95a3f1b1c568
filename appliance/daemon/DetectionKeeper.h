// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/daemon/DetectionJournal.h"
#include "appliance/fs/StorageFault.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace mamori::appliance {

// No detection is dropped: one the database cannot take (the data folder is
// full, read-only, failing) is kept here, in memory and in the preallocated
// DetectionJournal, counted against its VM (which shows infected), and
// recorded as soon as the database takes it again, in the order found.
class DetectionKeeper : public QObject
{
    Q_OBJECT

public:
    // Records one detection; false when the database did not take it.
    using Recorder = std::function<bool(const Detection &, QString *error)>;

    DetectionKeeper(QString dataDir, Recorder recorder, QObject *parent = nullptr);

    // Opens the journal; what an earlier run left there is recorded at once
    // or kept.
    bool open(QString *error);
    // Records `detection`, or keeps it when the database fails; detections
    // already kept go first, so the order stays.
    void handle(const Detection &detection);
    int pending() const { return int(m_pending.size()); }
    QHash<QString, int> pendingByVm() const;
    StorageFault fault() const { return m_fault; }
    // How often a kept detection is tried again.
    void setRetryIntervalMs(int ms) { m_retry.setInterval(ms); }

Q_SIGNALS:
    // The first detection kept since the database last took one: the
    // appliance is in trouble (`message` names the folder and free space).
    void troubleBegan(mamori::appliance::StorageFault fault, const QString &message);
    // Everything kept is recorded now; `cutShort` are the detections that
    // came from scan jobs (whose scans are re-run).
    void troubleEnded(int recorded, const QList<mamori::appliance::Detection> &cutShort);

private:
    bool drain();
    void keep(const Detection &detection, const QString &why);

    QString m_dataDir;
    Recorder m_record;
    DetectionJournal m_journal;
    QList<Detection> m_pending;
    int m_recordedSinceTrouble = 0;
    QList<Detection> m_cutShort;
    StorageFault m_fault = StorageFault::None;
    QTimer m_retry;
};

} // namespace mamori::appliance
