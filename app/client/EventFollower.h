// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ApiError.h"
#include "ApplianceClient.h"
#include "app/records/Event.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class QTimer;

namespace mamori::console {

// Follows one appliance's event stream with long polls, from a sequence
// number the caller keeps, so that a console that was away (or an appliance
// that restarted) catches up on every event it missed, each exactly once.
class EventFollower : public QObject
{
    Q_OBJECT

public:
    explicit EventFollower(ApplianceClient *client, qint64 lastSeq = 0, QObject *parent = nullptr);
    ~EventFollower() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    qint64 lastSeq() const { return m_lastSeq; }
    bool isReachable() const { return m_reachable.value_or(false); }
    QDateTime lastContact() const { return m_lastContact; }
    ApiError lastError() const { return m_lastError; }

    void setWaitSeconds(int seconds) { m_waitSeconds = seconds; }
    // Back-off after a failure: `firstMs`, doubling up to `maxMs`.
    void setBackoff(int firstMs, int maxMs);

signals:
    // In sequence order, each event once; lastSeqChanged follows, so a caller
    // that stores the sequence number after handling the events loses none.
    void eventsReceived(const QList<mamori::console::Event> &events);
    // The appliance trimmed events we never saw (after an absence longer
    // than its event log keeps): what we know may be stale.
    void gapDetected();
    void lastSeqChanged(qint64 seq);
    void reachableChanged(bool reachable);
    // Every failed poll. Kind Cancelled (no password) stops the follower
    // until start() is called again, so that the user is not asked in a loop.
    void errorOccurred(const mamori::console::ApiError &error);
    // The appliance's newest sequence number is below ours: its event log was
    // replaced (reinstalled). Following restarts from 0.
    void historyReset(qint64 applianceLastSeq);

private:
    void poll();
    void handle(const ApiResult &result);
    void failed(const ApiError &error);
    void setReachable(bool reachable);

    QPointer<ApplianceClient> m_client;
    qint64 m_lastSeq = 0;
    bool m_running = false;
    std::optional<bool> m_reachable;
    QDateTime m_lastContact;
    ApiError m_lastError;
    int m_waitSeconds = 25;
    int m_backoffFirstMs = 1000;
    int m_backoffMaxMs = 30000;
    int m_backoffMs = 0;
    ApplianceClient::RequestId m_pending = 0;
    QTimer *m_retryTimer = nullptr;
};

} // namespace mamori::console
