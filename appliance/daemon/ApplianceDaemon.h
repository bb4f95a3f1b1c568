// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/Config.h"
#include "appliance/store/Database.h"

#include <QDateTime>
#include <QObject>
#include <memory>

namespace mamori::appliance {

class ApiService;
class AuditLog;
class EventLog;
class HttpServer;
class InventoryMonitor;
class LoginThrottle;
class SessionStore;
class SqlVmIdentityStore;
class TlsIdentity;
class UserStore;

// The running appliance: owns every part and wires them together.
class ApplianceDaemon : public QObject
{
    Q_OBJECT

public:
    explicit ApplianceDaemon(QObject *parent = nullptr);
    ~ApplianceDaemon() override;

    bool start(const Config &config, QString *error);
    void stop();

    QString fingerprint() const;
    quint16 port() const;

private:
    void recordInventoryEvents();

    Config m_config;
    Database m_db;
    QDateTime m_started;
    std::unique_ptr<TlsIdentity> m_tls;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<SessionStore> m_sessions;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<EventLog> m_events;
    std::unique_ptr<SqlVmIdentityStore> m_vmIds;
    std::unique_ptr<InventoryMonitor> m_inventory;
    std::unique_ptr<ApiService> m_api;
    std::unique_ptr<HttpServer> m_http;
};

// The appliance's stable id, created on first start.
QString applianceId(Database &db);

} // namespace mamori::appliance
