// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace mamori::appliance {

class AuditLog;
class DetectionKeeper;
class EventLog;
class IncidentService;
class InventoryMonitor;
class LoginThrottle;
class MetricsService;
class PatternService;
class PolicyStore;
class ProtectionService;
class ScanScheduler;
class SessionStore;
class UserStore;
struct Config;

// Every part of a running appliance, as the API handlers see them. Owned by
// ApplianceDaemon; a part that is not running is null.
struct ApplianceServices
{
    const Config *config = nullptr;
    QSqlDatabase db; // the appliance database: RecordedChange's transactions
    QString applianceId;
    QDateTime started;
    UserStore *users = nullptr;
    SessionStore *sessions = nullptr;
    LoginThrottle *throttle = nullptr;
    AuditLog *audit = nullptr;
    EventLog *events = nullptr;
    InventoryMonitor *inventory = nullptr;
    PolicyStore *policy = nullptr;
    PatternService *patterns = nullptr;
    ScanScheduler *scans = nullptr;
    IncidentService *incidents = nullptr;
    ProtectionService *protection = nullptr;
    MetricsService *metrics = nullptr;
    DetectionKeeper *keptDetections = nullptr; // detections the database has yet to take
};

} // namespace mamori::appliance
