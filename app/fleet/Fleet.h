// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ApplianceConnection.h"
#include "app/client/ApiError.h"
#include "app/client/CertificateInfo.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

namespace mamori::console {

class AlertModel;
class ConsoleStore;
class CurlMulti;
class FleetModel;
class FleetUpdater;
class IncidentModel;
class PatternModel;
class ScanJobModel;
class SecretStore;

// Every appliance the console knows: their connections (one libcurl multi
// handle for all), the models the pages show (fed by the connections, a
// frame's worth at a time), and adding, re-trusting and removing appliances.
class Fleet : public QObject
{
    Q_OBJECT

public:
    Fleet(ConsoleStore *store, SecretStore *secrets, QObject *parent = nullptr);
    ~Fleet() override;

    FleetModel *model() const { return m_model; }
    ScanJobModel *scanJobs() const { return m_jobs; }
    IncidentModel *incidents() const { return m_incidents; }
    PatternModel *patterns() const { return m_patterns; }
    AlertModel *alerts() const { return m_alerts; }
    FleetUpdater *updater() const { return m_updater; }
    CurlMulti *multi() const { return m_multi; }
    ConsoleStore *store() const { return m_store; }
    SecretStore *secrets() const { return m_secrets; }

    // Connects to every appliance in the store.
    void start();
    QList<ApplianceConnection *> connections() const;
    ApplianceConnection *connection(int id) const { return m_connections.value(id); }

    // First contact: the certificate the appliance at `url` presents, to be
    // compared by the admin with the one the appliance printed.
    void probe(const QString &url, std::function<void(CertificateInfo, ApiError)> done);
    // Adds the appliance pinned to `certificate` and signs in; `done` gets
    // the first sign-in's result (the entry stays either way, so that a
    // mistyped password can be fixed).
    void addAppliance(const QString &url, const QString &name, const QString &user,
        const QString &password, bool rememberPassword, const CertificateInfo &certificate,
        std::function<void(ApiError)> done);
    void removeAppliance(int id);

    // Normalises "host", "host:port" or "https://host:port" to a URL; empty
    // when it cannot be one (then `error` says why, translated).
    static QString normalizeUrl(const QString &text, QString *error);

Q_SIGNALS:
    void connectionAdded(mamori::console::ApplianceConnection *connection);
    void connectionRemoved(int id);
    void connectionStateChanged(mamori::console::ApplianceConnection *connection);
    void incidentOpened(mamori::console::ApplianceConnection *connection,
        const mamori::console::Incident &incident);
    // An event the administrator should hear of.
    void alertReceived(
        mamori::console::ApplianceConnection *connection, const mamori::console::Alert &alert);
    // A scan that was waiting or running ended (finished, failed or cancelled).
    void scanEnded(
        mamori::console::ApplianceConnection *connection, const mamori::console::ScanJob &job);
    // The appliance's own state changed (name, versions, pattern, policy,
    // role): what is not in the models.
    void applianceChanged(mamori::console::ApplianceConnection *connection);

protected:
    // A language switch: the models' texts are made anew.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ApplianceConnection *addConnection(const ApplianceEntry &entry);
    void syncHost(ApplianceConnection *connection);
    void noteJobEnd(ApplianceConnection *connection, const ScanJob &job);

    ConsoleStore *m_store;
    SecretStore *m_secrets;
    CurlMulti *m_multi;
    FleetModel *m_model;
    ScanJobModel *m_jobs;
    IncidentModel *m_incidents;
    PatternModel *m_patterns;
    AlertModel *m_alerts;
    FleetUpdater *m_updater;
    QHash<int, ApplianceConnection *> m_connections;
    QSet<QString> m_endsAnnounced; // "hostId/jobId"
};

} // namespace mamori::console
