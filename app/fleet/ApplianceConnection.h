// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/client/ApiError.h"
#include "app/client/CertificateInfo.h"
#include "app/store/ConsoleStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace mamori::console {

class ApplianceClient;
class CurlMulti;
class EventFollower;
class SecretStore;

// One appliance as the console follows it: signs in (password from the
// keyring, or asked for), fetches its state, follows its event stream from
// the last sequence number kept in the console's database, and keeps a copy
// of what the pages show. Everything runs on the GUI thread without blocking.
class ApplianceConnection : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Connecting, // signing in or fetching the first state
        Online, // following events
        Offline, // unreachable; retrying
        NeedsPassword, // no password known: ask the admin
        SignInFailed, // the password was refused
        PinMismatch, // a different certificate: blocked until re-trusted
        Stopped,
    };
    Q_ENUM(State)

    ApplianceConnection(const ApplianceEntry &entry, CurlMulti *multi, ConsoleStore *store,
        SecretStore *secrets, QObject *parent = nullptr);
    ~ApplianceConnection() override;

    int id() const { return m_entry.id; }
    const ApplianceEntry &entry() const { return m_entry; }
    QString displayName() const;
    ApplianceClient *client() const { return m_client; }

    State state() const { return m_state; }
    ApiError lastError() const { return m_lastError; }
    QDateTime lastContact() const;
    QString role() const;
    bool mayAct() const; // security-admin
    QString presentedFingerprint() const { return m_presentedFingerprint; }

    void start();
    void stop();
    // The admin typed the password (NeedsPassword or SignInFailed).
    void providePassword(const QString &password, bool remember);
    // The admin compared and accepts the certificate the appliance shows now.
    void retrust(const CertificateInfo &certificate);

    QJsonObject info() const { return m_info; }
    QJsonArray vms() const { return m_vms; }
    QJsonObject patterns() const { return m_patterns; }
    QJsonArray jobs() const { return m_jobs; }
    bool scansPaused() const { return m_scansPaused; }
    QJsonArray incidents() const { return m_incidents; }
    QJsonObject policy() const { return m_policy; }

    // An API call on behalf of the admin, recorded in the console's own
    // action log; `done` gets the result (also for refusals).
    void act(const QByteArray &method, const QString &path, const QJsonObject &body,
        const QString &what, std::function<void(const ApiResult &)> done);

    // Re-fetches what the pages show (debounced).
    void refresh();

    // Event types that are alerts: trouble of the appliance, a refused or
    // stale pattern, a file that could not be fully scanned, a VM isolated
    // or released, a new incident.
    static bool isAlert(const QString &eventType);

Q_SIGNALS:
    void stateChanged(mamori::console::ApplianceConnection::State state);
    void infoChanged();
    void vmsChanged();
    void patternsChanged();
    void jobsChanged();
    void incidentsChanged();
    void policyChanged();
    void incidentOpened(const QJsonObject &incident);
    void eventsReceived(const QList<QJsonObject> &events);

private:
    enum Part { Info = 1, Vms = 2, Patterns = 4, Jobs = 8, Incidents = 16, Policy = 32 };
    void setState(State state, const ApiError &error = {});
    void signIn();
    void fetch(int parts);
    void fetchList(const QString &path, const QString &key, const QString &cursor,
        const QString &nextKey, int want, const QJsonArray &sofar,
        std::function<void(const QJsonArray &, const QJsonObject &)> done);
    void onEvents(const QList<QJsonObject> &events);
    void scheduleFetch(int parts);

    ApplianceEntry m_entry;
    ConsoleStore *m_store;
    SecretStore *m_secrets;
    ApplianceClient *m_client;
    EventFollower *m_follower = nullptr;
    State m_state = State::Stopped;
    ApiError m_lastError;
    QString m_password; // in memory only, for silent re-login
    QString m_presentedFingerprint;
    QTimer m_fetchTimer;
    int m_pendingParts = 0;

    QJsonObject m_info;
    QJsonArray m_vms;
    QJsonObject m_patterns;
    QJsonArray m_jobs;
    bool m_scansPaused = false;
    QJsonArray m_incidents;
    QJsonObject m_policy;
};

QString secretKeyFor(const ApplianceEntry &entry);

} // namespace mamori::console
