// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/Retention.h"

#include "appliance/Config.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/auth/LoginThrottle.h"
#include "appliance/auth/SessionStore.h"
#include "appliance/daemon/ApplianceServices.h"
#include "appliance/events/EventLog.h"

namespace mamori::appliance {
namespace {

constexpr int kIntervalMs = 3600 * 1000;
constexpr qint64 kDay = 24 * 3600;

} // namespace

Retention::Retention(const ApplianceServices *services, QObject *parent)
    : QObject(parent), m_services(services)
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Retention::sweep);
}

void Retention::start()
{
    sweep();
    m_timer.start();
}

void Retention::sweep()
{
    const Config &c = *m_services->config;
    qint64 lastRemoved = 0;
    const qint64 events =
        m_services->events->trim(c.eventsKeep, c.eventsMaxAgeDays * kDay, &lastRemoved);
    if (events > 0) {
        AuditRecord r;
        r.user = QStringLiteral("appliance");
        r.action = QStringLiteral("events.trim");
        r.target = QStringLiteral("..%1").arg(lastRemoved);
        r.outcome = QStringLiteral("success");
        r.detail = QStringLiteral("removed %1 events up to seq %2 (kept the newest %3, none older "
                                  "than %4 days)")
                       .arg(events)
                       .arg(lastRemoved)
                       .arg(c.eventsKeep)
                       .arg(c.eventsMaxAgeDays);
        m_services->audit->append(r);
    }
    QString error;
    if (m_services->audit->trim(c.auditKeep, c.auditMaxAgeDays * kDay, &error) < 0)
        qWarning("audit log not trimmed: %s", qPrintable(error));
    m_services->throttle->purge();
    m_services->sessions->purge();
}

} // namespace mamori::appliance
