// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace mamori::appliance {

// Turns SIGTERM and SIGINT (and, when asked, SIGHUP) into Qt signals
// through a self-pipe, since almost nothing is safe to call inside a signal
// handler itself.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    // SIGHUP becomes reloadRequested instead of ending the process (the
    // service's `systemctl reload`). Not for programs run from a terminal,
    // which closing the terminal must still stop.
    void watchReload();

Q_SIGNALS:
    void stopRequested(int signal);
    void reloadRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
    bool m_watchesReload = false;
};

} // namespace mamori::appliance
