// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/client/ApiError.h"
#include "app/client/CertificateInfo.h"
#include "app/models/HostTrouble.h"
#include "app/records/Alert.h"
#include "app/records/ApplianceInfo.h"
#include "app/records/AuditRecord.h"
#include "app/records/Event.h"
#include "app/records/Incident.h"
#include "app/records/MetricSeries.h"
#include "app/records/PatternStatus.h"
#include "app/records/Policy.h"
#include "app/records/ScanJob.h"
#include "app/records/Vm.h"
#include "app/store/ConsoleStore.h"
#include "protocol/Role.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

namespace mamori::console {

class ApplianceClient;
class CurlMulti;
class EventFollower;
class SecretStore;

// The outcome of one of the console's calls: the record on success, else
// why not (already translated by ApiError::userMessage()).
template<typename T> struct Reply
{
    ApiError error;
    T value {};

    bool ok() const { return error.ok(); }
};

// One appliance as the console follows it: signs in (password from the
// keyring, or asked for), fetches its state once, then follows its event
// stream from the last sequence number kept in the console's database and
// passes on each change the events carry; the whole state is fetched again
// only after a reconnect or a gap in the stream. The administrator's calls
// are typed, logged in the console's action log, and their answers applied
// like events. Everything runs on the GUI thread without blocking.
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
    // The name the admin gave it, else the host name the appliance reports
    // (kept from the last contact while it is unreachable), else its address.
    QString displayName() const;
    ApplianceClient *client() const { return m_client; }

    State state() const { return m_state; }
    bool isOnline() const { return m_state == State::Online; }
    ApiError lastError() const { return m_lastError; }
    QDateTime lastContact() const;
    std::optional<protocol::Role> role() const;
    bool mayAct() const; // security-admin
    // The role may read incidents and the audit log (docs/api.md, Roles:
    // not the virtualization administrator, who sees detections as counts).
    bool maySeeDetections() const;
    QString presentedFingerprint() const { return m_presentedFingerprint; }
    // What the admin was shown when the appliance's identity changed: the
    // certificate of the handshake that failed the pin (null if unknown).
    CertificateInfo presentedCertificate() const { return m_presentedCertificate; }

    void start();
    void stop();
    // Reconnect now instead of at the next retry: signs in again and reads
    // everything anew (not after a certificate change: that needs retrust).
    void reconnect();
    // The admin typed the password (NeedsPassword or SignInFailed); it goes
    // to the keyring only when `remember` is set.
    void providePassword(const QString &password, bool remember);
    // The admin compared and accepts this certificate: exactly it is pinned,
    // even if the appliance shows another one by now.
    void retrust(const CertificateInfo &certificate);

    // The appliance's small state, as last known.
    const ApplianceInfo &info() const { return m_info; }
    const PatternStatus &patterns() const { return m_patterns; }
    bool hasPatterns() const { return m_hasPatterns; }
    const Policy &policy() const { return m_policy; }
    bool scansPaused() const { return m_scansPaused; }
    // What could not be read of an appliance that is online (HostTrouble):
    // failed reads are tried again, after `firstMs`, doubling up to a minute.
    const HostTrouble &trouble() const { return m_trouble; }
    // Online and every read answered: what the models show is what the
    // appliance says.
    bool vmsKnown() const { return isOnline() && m_trouble.vmsKnown(); }
    void setReadRetry(int firstMs) { m_readRetryFirstMs = firstMs; }

    // The administrator's calls. `vms` empty: every VM of the appliance.
    void startScans(const QList<QUuid> &vms, ScanKind kind, const QStringList &paths,
        std::function<void(Reply<QList<ScanJob>>)> done);
    void cancelScan(const QString &jobId, std::function<void(Reply<ScanJob>)> done);
    // Starts a waiting or held-back job at once (security administrator; audited).
    void runScanNow(const QString &jobId, std::function<void(Reply<ScanJob>)> done);
    void incidentAction(const QString &incidentId, IncidentAction action, const QString &note,
        const QString &assignee, std::function<void(Reply<Incident>)> done);
    void updatePattern(std::function<void(Reply<PatternStatus>)> done);
    void rollbackPattern(std::function<void(Reply<PatternStatus>)> done);
    // "Check now": the source's newest version, nothing installed.
    void checkPatternSource(std::function<void(Reply<PatternStatus>)> done);
    // Lets updates install the version held back since a rollback (audited).
    void allowPatternAgain(std::function<void(Reply<PatternStatus>)> done);
    void changePolicy(const PolicyEdit &edit, std::function<void(Reply<Policy>)> done);
    // Reads (not logged).
    void fetchIncident(const QString &incidentId, std::function<void(Reply<Incident>)> done);
    void fetchAudit(qint64 after, int limit, std::function<void(Reply<AuditLogPage>)> done);
    void fetchMetrics(
        qint64 since, const QStringList &scopes, std::function<void(Reply<MetricSeries>)> done);
    void fetchBaseline(std::function<void(Reply<Baseline>)> done);

    // Fetches the whole state again.
    void resync();

Q_SIGNALS:
    void stateChanged(mamori::console::ApplianceConnection::State state);
    void infoChanged();
    void troubleChanged();
    void patternsChanged();
    void policyChanged();
    void scansPausedChanged(bool paused);
    // Changes of the collections the models hold.
    void vmsReplaced(const QList<mamori::console::Vm> &vms);
    void vmUpdated(const mamori::console::Vm &vm);
    void vmPatched(const mamori::console::VmChange &change);
    void vmRemoved(const QUuid &vmId);
    void vmScanned(const QUuid &vmId, const QDateTime &time);
    void jobsReplaced(const QList<mamori::console::ScanJob> &jobs);
    void jobUpdated(const mamori::console::ScanJob &job);
    void incidentsReplaced(const QList<mamori::console::Incident> &incidents);
    void incidentUpdated(const mamori::console::Incident &incident);
    void incidentOpened(const mamori::console::Incident &incident);
    void alertRaised(const mamori::console::Alert &alert);
    // Every event as it came, after its change was passed on.
    void eventsReceived(const QList<mamori::console::Event> &events);

private:
    enum Part {
        InfoPart = 1,
        VmsPart = 2,
        PatternsPart = 4,
        JobsPart = 8,
        IncidentsPart = 16,
        PolicyPart = 32,
        AllParts = 63
    };
    void setState(State state, const ApiError &error = {});
    bool hasChosenName() const;
    QString hostNameKey() const;
    void signIn();
    void fetch(int parts);
    void fetchPart(Part part);
    // How a list answer goes on (docs/api.md, Lists).
    struct ListPaging
    {
        QString key; // the items' member
        QString cursor; // the query parameter that goes on
        QString nextKey; // the answer's member that says from where
        int want = 0; // enough items
    };
    void fetchList(const QString &page, const ListPaging &list, const QJsonArray &sofar,
        std::function<void(const ApiResult &)> done);
    void refreshVm(const QUuid &vmId);
    void scheduleFetch(int parts);
    void runScheduled();
    void onEvents(const QList<Event> &events);
    void applyEvent(const Event &event);
    void applyJob(const ScanJob &job, bool stateMayChange);
    void applyIncident(const Incident &incident);
    void applyPatterns(const PatternStatus &patterns);
    void applyPolicy(const console::Policy &policy);
    // Notes how a read of `part` went; raises an alert when a read starts
    // failing and when every read succeeds again.
    void noteRead(Part part, const ApiError &error);
    void setTrouble(HostTrouble trouble);
    // kUnreachableAlert or kReachableAgainAlert, with the last error.
    void raiseContactAlert(const char *type);
    template<typename T, typename Parse>
    void call(const QByteArray &method, const QString &path, const QJsonObject &body,
        const QString &logAs, Parse parse, std::function<void(Reply<T>)> done,
        std::function<void(const T &)> apply);

    ApplianceEntry m_entry;
    ConsoleStore *m_store;
    SecretStore *m_secrets;
    ApplianceClient *m_client;
    EventFollower *m_follower = nullptr;
    State m_state = State::Stopped;
    ApiError m_lastError;
    QString m_password; // in memory only, for silent re-login
    QString m_presentedFingerprint;
    CertificateInfo m_presentedCertificate;

    // Fetches asked for while this round of events is handled, sent together.
    QTimer m_fetchTimer;
    int m_pendingParts = 0;
    QSet<QUuid> m_pendingVms;
    int m_inFlight = 0; // parts being fetched
    int m_again = 0; // parts asked for again while in flight

    ApplianceInfo m_info;
    PatternStatus m_patterns;
    bool m_hasPatterns = false;
    console::Policy m_policy;
    bool m_scansPaused = false;
    HostTrouble m_trouble;
    bool m_contactLost = false; // kUnreachableAlert raised, not yet answered by its opposite
    QTimer m_readRetry;
    int m_readRetryFirstMs = 5000;
    int m_readRetryMs = 0;
};

QString secretKeyFor(const ApplianceEntry &entry);
// The console setting that keeps the host name the appliance last reported.
QString hostNameSettingKey(int applianceId);

} // namespace mamori::console
