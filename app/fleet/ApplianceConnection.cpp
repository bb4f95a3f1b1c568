// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApplianceConnection.h"

#include "app/client/ApplianceClient.h"
#include "app/client/EventFollower.h"
#include "app/client/SecretStore.h"

namespace mamori::console {
namespace {

// Coalesces bursts of events (a scan's progress, many VMs at once) into one
// round of requests.
constexpr int kFetchDelayMs = 300;

int partsFor(const QString &type)
{
    if (type.startsWith(QLatin1String("vm.")))
        return 2; // Vms
    if (type == QLatin1String("scan.progress"))
        return 8; // Jobs
    if (type.startsWith(QLatin1String("scan.")))
        return 8 | 2; // Jobs, and the VM's status
    if (type.startsWith(QLatin1String("incident.")))
        return 16 | 2;
    if (type.startsWith(QLatin1String("pattern.")))
        return 4 | 1 | 2;
    if (type == QLatin1String("policy.changed"))
        return 32 | 2 | 1;
    return 1;
}

} // namespace

bool ApplianceConnection::isAlert(const QString &eventType)
{
    static const QStringList kAlerts {QStringLiteral("appliance.trouble"),
        QStringLiteral("pattern.refused"), QStringLiteral("pattern.stale"),
        QStringLiteral("scan.incomplete"), QStringLiteral("vm.isolation"),
        QStringLiteral("incident.opened")};
    return kAlerts.contains(eventType);
}

QString secretKeyFor(const ApplianceEntry &entry)
{
    return QStringLiteral("%1@%2").arg(entry.userName, entry.url);
}

ApplianceConnection::ApplianceConnection(const ApplianceEntry &entry, CurlMulti *multi,
    ConsoleStore *store, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_entry(entry), m_store(store), m_secrets(secrets),
      m_client(new ApplianceClient(multi, entry.url, entry.userName, this))
{
    m_fetchTimer.setSingleShot(true);
    m_fetchTimer.setInterval(kFetchDelayMs);
    connect(
        &m_fetchTimer, &QTimer::timeout, this, [this] { fetch(std::exchange(m_pendingParts, 0)); });
    if (!entry.publicKeySha256.isEmpty())
        m_client->setPin(entry.certFingerprint, entry.publicKeySha256.toLatin1());
    m_client->setPasswordProvider([this](const QString &, PasswordReply reply) {
        reply(m_password.isEmpty() ? std::nullopt : std::optional<QString>(m_password));
    });
    connect(m_client, &ApplianceClient::pinMismatch, this, [this](const QString &presented) {
        m_presentedFingerprint = presented;
        if (m_follower)
            m_follower->stop();
        setState(State::PinMismatch);
    });
    connect(m_client, &ApplianceClient::signedIn, this, [this] { Q_EMIT infoChanged(); });
}

ApplianceConnection::~ApplianceConnection()
{
    stop();
}

QString ApplianceConnection::displayName() const
{
    if (!m_entry.displayName.isEmpty())
        return m_entry.displayName;
    const QString host = m_info.value(QStringLiteral("host_name")).toString();
    return host.isEmpty() ? m_client->address() : host;
}

QDateTime ApplianceConnection::lastContact() const
{
    if (m_follower && m_follower->lastContact().isValid())
        return m_follower->lastContact();
    return m_entry.lastContact;
}

QString ApplianceConnection::role() const
{
    return m_client->roleName();
}

bool ApplianceConnection::mayAct() const
{
    return m_client->roleName() == QLatin1String("security-admin");
}

void ApplianceConnection::setState(State state, const ApiError &error)
{
    m_lastError = error;
    if (state == m_state && error.ok())
        return;
    m_state = state;
    if (!error.ok())
        qInfo("%s: %s", qPrintable(m_entry.url), qPrintable(error.toString()));
    Q_EMIT stateChanged(state);
}

void ApplianceConnection::start()
{
    setState(State::Connecting);
    if (!m_password.isEmpty()) {
        signIn();
        return;
    }
    m_secrets->readSecret(secretKeyFor(m_entry), [this](const SecretResult &r) {
        if (r.ok() && !r.secret.isEmpty()) {
            m_password = r.secret;
            signIn();
        } else {
            setState(State::NeedsPassword);
        }
    });
}

void ApplianceConnection::stop()
{
    if (m_follower)
        m_follower->stop();
    m_client->cancelAll();
    m_fetchTimer.stop();
    if (m_state != State::Stopped)
        setState(State::Stopped);
}

void ApplianceConnection::providePassword(const QString &password, bool remember)
{
    m_password = password;
    if (remember)
        m_secrets->writeSecret(secretKeyFor(m_entry), password, [](const SecretResult &) {});
    setState(State::Connecting);
    signIn();
}

void ApplianceConnection::retrust(const CertificateInfo &certificate)
{
    m_client->setPin(certificate);
    m_entry.certFingerprint = certificate.fingerprint;
    m_entry.publicKeySha256 = QString::fromLatin1(certificate.spkiSha256Base64);
    m_store->setPin(m_entry.id, m_entry.certFingerprint, m_entry.publicKeySha256);
    m_store->logAction(m_entry.id, QStringLiteral("certificate.retrust"), certificate.fingerprint,
        QStringLiteral("success"));
    start();
}

void ApplianceConnection::signIn()
{
    m_client->login(m_password, [this](const ApiResult &r) {
        if (!r.ok()) {
            if (r.error.kind == ApiError::Kind::PinMismatch)
                return setState(State::PinMismatch, r.error);
            if (r.error.kind == ApiError::Kind::Http)
                return setState(State::SignInFailed, r.error);
            // Unreachable: keep trying through the event follower's back-off.
        }
        if (!m_follower) {
            m_follower = new EventFollower(m_client, m_entry.lastSeq, this);
            connect(
                m_follower, &EventFollower::eventsReceived, this, &ApplianceConnection::onEvents);
            connect(m_follower, &EventFollower::lastSeqChanged, this, [this](qint64 seq) {
                m_entry.lastSeq = seq;
                m_store->setLastSeq(m_entry.id, seq);
            });
            connect(m_follower, &EventFollower::reachableChanged, this, [this](bool reachable) {
                if (reachable) {
                    m_entry.lastContact = QDateTime::currentDateTimeUtc();
                    m_store->setLastContact(m_entry.id, m_entry.lastContact);
                    // Back after an outage: what changed meanwhile comes as
                    // events, but fetch the whole state once to be sure.
                    fetch(Info | Vms | Patterns | Jobs | Incidents | Policy);
                    setState(State::Online);
                } else if (m_state != State::PinMismatch && m_state != State::SignInFailed) {
                    setState(State::Offline, m_follower->lastError());
                }
            });
            connect(m_follower, &EventFollower::errorOccurred, this, [this](const ApiError &e) {
                if (e.kind == ApiError::Kind::Http
                    && (e.code == QLatin1String("bad_credentials")
                        || e.code == QLatin1String("locked_out"))) {
                    m_follower->stop();
                    setState(State::SignInFailed, e);
                } else if (e.kind == ApiError::Kind::Cancelled) {
                    setState(State::NeedsPassword, e);
                }
            });
            connect(m_follower, &EventFollower::historyReset, this,
                [this] { fetch(Info | Vms | Patterns | Jobs | Incidents | Policy); });
        }
        if (r.ok()) {
            setState(State::Online);
            fetch(Info | Vms | Patterns | Jobs | Incidents | Policy);
        }
        m_follower->start();
    });
}

void ApplianceConnection::refresh()
{
    scheduleFetch(Info | Vms | Patterns | Jobs | Incidents | Policy);
}

void ApplianceConnection::scheduleFetch(int parts)
{
    m_pendingParts |= parts;
    if (!m_fetchTimer.isActive())
        m_fetchTimer.start();
}

void ApplianceConnection::fetch(int parts)
{
    auto get = [this](const QString &path, std::function<void(const QJsonObject &)> apply) {
        m_client->request("GET", path, {}, [apply = std::move(apply)](const ApiResult &r) {
            if (r.ok())
                apply(r.json);
        });
    };
    if (parts & Info) {
        get(QStringLiteral("/api/v1/appliance"), [this](const QJsonObject &o) {
            const QUuid uuid = QUuid::fromString(o.value(QStringLiteral("id")).toString());
            if (!uuid.isNull() && uuid != m_entry.applianceUuid) {
                m_store->setApplianceUuid(m_entry.id, uuid);
                m_entry.applianceUuid = uuid;
            }
            m_info = o;
            Q_EMIT infoChanged();
        });
    }
    if (parts & Vms) {
        get(QStringLiteral("/api/v1/vms"), [this](const QJsonObject &o) {
            m_vms = o.value(QStringLiteral("vms")).toArray();
            Q_EMIT vmsChanged();
        });
    }
    if (parts & Patterns) {
        get(QStringLiteral("/api/v1/patterns"), [this](const QJsonObject &o) {
            m_patterns = o;
            Q_EMIT patternsChanged();
        });
    }
    if (parts & Jobs) {
        fetchList(QStringLiteral("/api/v1/scans?limit=200"), QStringLiteral("jobs"),
            QStringLiteral("offset"), QStringLiteral("next_offset"), 200, {},
            [this](const QJsonArray &jobs, const QJsonObject &o) {
                m_jobs = jobs;
                m_scansPaused = o.value(QStringLiteral("paused")).toBool();
                Q_EMIT jobsChanged();
            });
    }
    // The virtualization side sees detections only as counts.
    if ((parts & Incidents) && role() != QLatin1String("virtualization-admin")) {
        fetchList(QStringLiteral("/api/v1/incidents?limit=1000"), QStringLiteral("incidents"),
            QStringLiteral("before"), QStringLiteral("next_before"), 1000, {},
            [this](const QJsonArray &incidents, const QJsonObject &) {
                m_incidents = incidents;
                Q_EMIT incidentsChanged();
            });
    }
    if (parts & Policy) {
        get(QStringLiteral("/api/v1/policy"), [this](const QJsonObject &o) {
            m_policy = o;
            Q_EMIT policyChanged();
        });
    }
}

// A list answer holds at most a few MiB (docs/api.md, Lists): while it says
// there is more and fewer than `want` items came, ask for the next page.
void ApplianceConnection::fetchList(const QString &path, const QString &key, const QString &cursor,
    const QString &nextKey, int want, const QJsonArray &sofar,
    std::function<void(const QJsonArray &, const QJsonObject &)> done)
{
    m_client->request("GET", path, {},
        [this, path, key, cursor, nextKey, want, sofar, done = std::move(done)](
            const ApiResult &r) {
            if (!r.ok())
                return;
            QJsonArray all = sofar;
            for (const QJsonValue &v : r.json.value(key).toArray())
                all.append(v);
            const QJsonValue next = r.json.value(nextKey);
            const QString nextText =
                next.isString() ? next.toString() : QString::number(next.toInteger());
            if (r.json.value(QStringLiteral("more")).toBool() && all.size() < want
                && !nextText.isEmpty() && !next.isUndefined()) {
                const qsizetype mark = path.indexOf(QLatin1Char('&') + cursor + QLatin1Char('='));
                const QString base = mark < 0 ? path : path.left(mark);
                fetchList(base + QLatin1Char('&') + cursor + QLatin1Char('=') + nextText, key,
                    cursor, nextKey, want, all, done);
                return;
            }
            done(all, r.json);
        });
}

void ApplianceConnection::onEvents(const QList<QJsonObject> &events)
{
    int parts = 0;
    for (const QJsonObject &e : events) {
        const QString type = e.value(QStringLiteral("type")).toString();
        parts |= partsFor(type);
        if (type == QLatin1String("incident.opened"))
            Q_EMIT incidentOpened(e.value(QStringLiteral("data")).toObject());
    }
    Q_EMIT eventsReceived(events);
    if (parts)
        scheduleFetch(parts);
}

void ApplianceConnection::act(const QByteArray &method, const QString &path,
    const QJsonObject &body, const QString &what, std::function<void(const ApiResult &)> done)
{
    m_client->request(method, path, body, [this, what, path, done](const ApiResult &r) {
        m_store->logAction(
            m_entry.id, what, path, r.ok() ? QStringLiteral("success") : r.error.toString());
        if (r.ok())
            refresh();
        if (done)
            done(r);
    });
}

} // namespace mamori::console
