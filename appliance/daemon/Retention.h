// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

namespace mamori::appliance {

struct ApplianceServices;

// Keeps what the appliance records from growing without bound: trims the
// event stream and the audit log to what the config keeps (count and age),
// and forgets login failures, lockouts and sessions that have ended. At
// start and then every hour; each trim is itself an audit record.
class Retention : public QObject
{
    Q_OBJECT

public:
    explicit Retention(const ApplianceServices *services, QObject *parent = nullptr);
    void start(); // sweeps now and then hourly
    void sweep();

private:
    const ApplianceServices *m_services;
    QTimer m_timer;
};

} // namespace mamori::appliance
