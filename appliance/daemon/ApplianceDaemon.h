// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/Config.h"
#include "appliance/daemon/ApplianceServices.h"
#include "appliance/store/Database.h"

#include <QObject>

#include <memory>

namespace mamori::appliance {

class AlertSink;
class DataFolderLock;
class ApiService;
class DetectionKeeper;
class PatternChanges;
class HttpServer;
class ProtectionService;
class QuarantineVault;
class RealtimeScanner;
class ScanCache;
class SqlVmIdentityStore;
class TlsIdentity;
struct Detection;
struct VmRecord;
namespace image {
class GoldenIndex;
}

// The running appliance: owns every part, wires them together, and turns
// what they do into events, audit records and alerts.
class ApplianceDaemon : public QObject
{
    Q_OBJECT

public:
    explicit ApplianceDaemon(QObject *parent = nullptr);
    ~ApplianceDaemon() override;

    bool start(const Config &config, QString *error);
    // After start() failed, or the appliance stopped on its own: the exit
    // status that says why (ExitCodes.h).
    int exitCode() const { return m_exitCode; }
    void stop();
    // `systemctl reload`: applies what can change while running (session
    // lifetime, intervals, host name, pattern source, webhook, syslog),
    // re-reads the pattern store and asks the source for a newer pattern.
    // Returns one line per setting that was not applied (and why).
    QStringList reload(const Config &config);

    QString fingerprint() const;
    // Where each VM's CPU, memory and I/O are read (lab workloads, cgroups).
    void setVmSources(const QHash<QString, struct LabVmSource> &sources);
    // A lab host's first look (DESIGN.md, lab mode): a baseline captured
    // over the first `baselineSeconds`, then a full scan of every VM that
    // never had one, queued together as a schedule would queue them, so that
    // the policy's scans-at-once staggers them.
    void startLabFirstLook(int baselineSeconds);
    quint16 port() const;

private:
    bool startStores(QString *error);
    // Every audit record to syslog as well (through m_alerts) when on.
    void mirrorAuditToSyslog(bool on);
    bool startSecurity(QString *error);
    bool startMetrics(QString *error);
    void wireInventory();
    void wireSecurity();
    void onDetection(const Detection &detection);
    bool startDetectionKeeper(QString *error);
    void onVmAdded(const VmRecord &vm);
    bool startImageScans(QString *error);
    void queueScan(const QStringList &vmIds, const QString &kind, const QString &origin);
    void auditByAppliance(const QString &action, const QString &target, const QString &outcome,
        const QString &detail);
    void applyPolicy();
    void startStoreGuard();
    void onStoreDamaged(const QString &message);
    QString cachePath() const;
    QString imageIndexPath() const;

    Config m_config;
    std::unique_ptr<DataFolderLock> m_lock;
    Database m_db;
    ApplianceServices m_services;
    std::unique_ptr<TlsIdentity> m_tls;
    std::unique_ptr<SqlVmIdentityStore> m_vmIds;
    std::unique_ptr<QuarantineVault> m_vault;
    std::unique_ptr<ScanCache> m_cache;
    std::unique_ptr<image::GoldenIndex> m_imageIndex;
    std::unique_ptr<AlertSink> m_alerts;
    std::unique_ptr<RealtimeScanner> m_realtime;
    std::unique_ptr<DetectionKeeper> m_keeper;
    std::unique_ptr<PatternChanges> m_patternChanges;
    std::unique_ptr<ProtectionService> m_protection;
    std::unique_ptr<ApiService> m_api;
    std::unique_ptr<HttpServer> m_http;
    std::vector<std::unique_ptr<QObject>> m_parts; // owned QObjects, destroyed in reverse
    bool m_running = false;
    int m_exitCode = 1;
};

// The appliance's stable id, created on first start.
QString applianceId(Database &db);

} // namespace mamori::appliance
