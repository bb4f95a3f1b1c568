// SPDX-License-Identifier: GPL-2.0-or-later
// ApplianceDaemon::reload: what `systemctl reload mamori-appliance` (SIGHUP)
// changes in a running appliance.
#include "appliance/alerts/AlertSink.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/auth/SessionStore.h"
#include "appliance/daemon/ApplianceDaemon.h"
#include "appliance/inventory/InventoryMonitor.h"
#include "appliance/metrics/MetricsService.h"
#include "appliance/patterns/PatternService.h"

namespace mamori::appliance {

QStringList ApplianceDaemon::reload(const Config &config)
{
    QStringList notApplied;
    Config next = config;
    // The listening socket, the inventory provider and the scheduler's
    // default are made once at start; they keep their running values.
    auto needsRestart = [&](const char *name, bool changed) {
        if (changed)
            notApplied
                << QStringLiteral("%1: takes effect after a restart").arg(QLatin1String(name));
    };
    needsRestart("listen", next.listen != m_config.listen);
    needsRestart("inventory", next.inventory != m_config.inventory);
    needsRestart("max_concurrent_scans", next.maxConcurrentScans != m_config.maxConcurrentScans);
    needsRestart(
        "request_timeout_seconds", next.requestTimeoutSeconds != m_config.requestTimeoutSeconds);
    needsRestart(
        "backup_interval_seconds", next.backupIntervalSeconds != m_config.backupIntervalSeconds);
    next.backupIntervalSeconds = m_config.backupIntervalSeconds;
    next.dataDir = m_config.dataDir;
    next.listen = m_config.listen;
    next.inventory = m_config.inventory;
    next.maxConcurrentScans = m_config.maxConcurrentScans;

    m_services.sessions->setTtlSeconds(next.sessionTtlSeconds);
    if (next.inventoryIntervalMs != m_config.inventoryIntervalMs)
        m_services.inventory->start(next.inventoryIntervalMs);
    if (next.sampleIntervalMs != m_config.sampleIntervalMs)
        m_services.metrics->sampler().setIntervalMs(next.sampleIntervalMs);
    QString error;
    if (next.patternSource != m_config.patternSource
        && !m_services.patterns->setSource(next.patternSource, &error)) {
        notApplied << QStringLiteral("pattern_source: %1").arg(error);
        next.patternSource = m_config.patternSource;
    }
    if (next.webhook != m_config.webhook || next.syslog != m_config.syslog
        || next.syslogSocket != m_config.syslogSocket) {
        // Undelivered alerts wait in the database's outbox; the new sink
        // sends them to the new webhook. The audit log's copy went through
        // the old sink: it goes through the new one or nowhere.
        m_services.audit->setMirror({});
        m_alerts.reset();
        m_alerts = std::make_unique<AlertSink>(
            m_db.db(), next.webhook, next.syslog ? next.syslogSocket : QString());
        mirrorAuditToSyslog(next.syslog);
    }
    m_config = next; // host_name is read from here on every request

    m_services.patterns->reloadStore();
    if (!m_config.patternSource.isEmpty())
        m_services.patterns->checkForUpdate({});
    auditByAppliance(QStringLiteral("appliance.reload"), {}, QStringLiteral("success"),
        notApplied.join(QLatin1String("; ")));
    return notApplied;
}

} // namespace mamori::appliance
