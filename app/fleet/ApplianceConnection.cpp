// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApplianceConnection.h"

#include "app/client/ApplianceClient.h"
#include "app/client/EventFollower.h"
#include "app/client/SecretStore.h"
#include "protocol/ApiPaths.h"
#include "protocol/EventType.h"

#include <QJsonArray>
#include <QUrl>

namespace mamori::console {

namespace path = protocol::path;
namespace type = protocol::event;

namespace {

// More VMs than this to re-read after one round of events: the whole list
// is one request instead of many.
constexpr int kVmsOneByOne = 8;

bool isType(const QString &type, const char *name)
{
    return type == QLatin1String(name);
}

// Events after which the appliance computes a VM's protection anew.
bool movesProtection(const QString &type)
{
    return isType(type, type::kScanStarted) || isType(type, type::kScanFinished)
        || isType(type, type::kScanCancelled) || isType(type, type::kScanFailed);
}

ApiError parseError(const QString &problem, const QString &address)
{
    ApiError e;
    e.kind = ApiError::Kind::Protocol;
    e.message = problem;
    e.address = address;
    return e;
}

// `page` (a list's path with its query) asking for the page from `cursor`
// = `value` on, instead of the one it asked for.
QString pageAfter(const QString &page, const QString &cursor, const QString &value)
{
    const QString param = QLatin1Char('&') + cursor + QLatin1Char('=');
    const qsizetype mark = page.indexOf(param);
    return (mark < 0 ? page : page.left(mark)) + param
        + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

const char *areaOf(int part)
{
    switch (part) {
    case 1:
        return HostTrouble::kInfo;
    case 2:
        return HostTrouble::kVms;
    case 4:
        return HostTrouble::kPatterns;
    case 8:
        return HostTrouble::kJobs;
    case 16:
        return HostTrouble::kIncidents;
    default:
        return HostTrouble::kPolicy;
    }
}

// A failed read is tried again after at most this long.
constexpr int kReadRetryMaxMs = 60000;

} // namespace

QString hostNameSettingKey(int applianceId)
{
    return QStringLiteral("appliance/%1/host_name").arg(applianceId);
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
    // What one round of events asks for goes out together, at once.
    m_fetchTimer.setSingleShot(true);
    m_fetchTimer.setInterval(0);
    connect(&m_fetchTimer, &QTimer::timeout, this, &ApplianceConnection::runScheduled);
    m_readRetry.setSingleShot(true);
    connect(&m_readRetry, &QTimer::timeout, this, [this] {
        int parts = 0;
        for (const HostTrouble::Failure &f : std::as_const(m_trouble.failures)) {
            for (Part part : {InfoPart, VmsPart, PatternsPart, JobsPart, IncidentsPart, PolicyPart})
                parts |= f.area == QLatin1String(areaOf(part)) ? int(part) : 0;
        }
        if (isOnline() && parts)
            scheduleFetch(parts);
    });
    if (!entry.publicKeySha256.isEmpty())
        m_client->setPin(entry.certFingerprint, entry.publicKeySha256.toLatin1());
    m_client->setPasswordProvider([this](const QString &, PasswordReply reply) {
        reply(m_password.isEmpty() ? std::nullopt : std::optional<QString>(m_password));
    });
    connect(m_client, &ApplianceClient::pinMismatch, this,
        [this](const QString &presented, const CertificateInfo &certificate) {
            m_presentedFingerprint = presented;
            m_presentedCertificate = certificate;
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

// The store fills an empty display name with the address's host: that is
// no name the admin chose, and the appliance's host name reads better.
bool ApplianceConnection::hasChosenName() const
{
    return !m_entry.displayName.isEmpty() && m_entry.displayName != QUrl(m_entry.url).host();
}

QString ApplianceConnection::displayName() const
{
    if (hasChosenName())
        return m_entry.displayName;
    if (!m_info.hostName.isEmpty())
        return m_info.hostName;
    // Not reached yet in this session: the host name it reported last time.
    const QString known = m_store->setting(hostNameKey()).toString();
    return known.isEmpty() ? m_client->address() : known;
}

QString ApplianceConnection::hostNameKey() const
{
    return hostNameSettingKey(m_entry.id);
}

QDateTime ApplianceConnection::lastContact() const
{
    if (m_follower && m_follower->lastContact().isValid())
        return m_follower->lastContact();
    return m_entry.lastContact;
}

std::optional<protocol::Role> ApplianceConnection::role() const
{
    return m_client->role();
}

bool ApplianceConnection::mayAct() const
{
    return role() == protocol::Role::SecurityAdmin;
}

bool ApplianceConnection::maySeeDetections() const
{
    return role() == protocol::Role::SecurityAdmin || role() == protocol::Role::Auditor;
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

void ApplianceConnection::reconnect()
{
    // A changed certificate is not retried: the admin must compare it first.
    if (m_state == State::PinMismatch)
        return;
    stop();
    start();
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
    m_pendingParts = 0;
    m_pendingVms.clear();
    m_inFlight = 0;
    m_again = 0;
    m_readRetry.stop();
    if (m_state != State::Stopped)
        setState(State::Stopped);
}

void ApplianceConnection::providePassword(const QString &password, bool remember)
{
    m_password = password;
    // Unticked, no password stays behind in the keyring: not this one, and
    // not an older one (the console asks only when it had none or a wrong one).
    if (remember)
        m_secrets->writeSecret(secretKeyFor(m_entry), password, [](const SecretResult &) {});
    else
        m_secrets->removeSecret(secretKeyFor(m_entry), [](const SecretResult &) {});
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
    m_presentedCertificate = {};
    m_presentedFingerprint.clear();
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
                    if (m_contactLost)
                        raiseContactAlert(kReachableAgainAlert);
                    m_contactLost = false;
                    m_entry.lastContact = QDateTime::currentDateTimeUtc();
                    m_store->setLastContact(m_entry.id, m_entry.lastContact);
                    // Back after an outage: what changed meanwhile may have
                    // been trimmed from the stream; read it all once.
                    resync();
                    setState(State::Online);
                } else if (m_state != State::PinMismatch && m_state != State::SignInFailed) {
                    // What was read before the outage may be stale by now.
                    HostTrouble trouble = m_trouble;
                    trouble.vmsRead = false;
                    setTrouble(trouble);
                    const bool wasOnline = m_state == State::Online;
                    setState(State::Offline, m_follower->lastError());
                    if (wasOnline && !m_contactLost) {
                        m_contactLost = true;
                        raiseContactAlert(kUnreachableAlert);
                    }
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
            connect(m_follower, &EventFollower::historyReset, this, &ApplianceConnection::resync);
            connect(m_follower, &EventFollower::gapDetected, this, &ApplianceConnection::resync);
        }
        if (r.ok()) {
            setState(State::Online);
            resync();
        } else if (m_state == State::Connecting) {
            // Still out of reach (a Reconnect too early): say so rather
            // than "connecting" until the follower's next answer.
            setState(State::Offline, r.error);
        }
        m_follower->start();
    });
}

void ApplianceConnection::resync()
{
    scheduleFetch(AllParts);
}

void ApplianceConnection::scheduleFetch(int parts)
{
    m_pendingParts |= parts;
    if (!m_fetchTimer.isActive())
        m_fetchTimer.start();
}

void ApplianceConnection::refreshVm(const QUuid &vmId)
{
    if (vmId.isNull())
        return;
    m_pendingVms.insert(vmId);
    if (!m_fetchTimer.isActive())
        m_fetchTimer.start();
}

void ApplianceConnection::runScheduled()
{
    int parts = std::exchange(m_pendingParts, 0);
    const QSet<QUuid> vms = std::exchange(m_pendingVms, {});
    if (vms.size() > kVmsOneByOne)
        parts |= VmsPart;
    if (!(parts & VmsPart)) {
        for (const QUuid &id : vms) {
            const QString vmPath = path::make(path::kVm, id.toString(QUuid::WithoutBraces));
            m_client->request("GET", vmPath, {}, [this, id, vmPath](const ApiResult &r) {
                if (r.httpStatus == 404)
                    return Q_EMIT vmRemoved(id);
                if (r.error.kind == ApiError::Kind::Cancelled)
                    return;
                Parsed<Vm> vm = r.ok() ? parseVm(r.json) : Parsed<Vm>::failure(r.error.toString());
                if (vm) {
                    Q_EMIT vmUpdated(*vm);
                } else {
                    // Its state is not known: the list says (or says why not).
                    qWarning("%s: %s", qPrintable(vmPath), qPrintable(vm.error()));
                    scheduleFetch(VmsPart);
                }
            });
        }
    }
    fetch(parts);
}

void ApplianceConnection::fetch(int parts)
{
    for (Part part : {InfoPart, VmsPart, PatternsPart, JobsPart, IncidentsPart, PolicyPart}) {
        if (!(parts & part))
            continue;
        // One request per part at a time: asked again meanwhile, it is sent
        // again when the answer is in.
        if (m_inFlight & part)
            m_again |= part;
        else
            fetchPart(part);
    }
}

void ApplianceConnection::fetchPart(Part part)
{
    // The virtualization side sees detections only as counts.
    if (part == IncidentsPart && role() == protocol::Role::VirtualizationAdmin)
        return;
    QString partPath;
    switch (part) {
    case InfoPart:
        partPath = QLatin1String(path::kAppliance);
        break;
    case VmsPart:
        partPath = QLatin1String(path::kVms);
        break;
    case PatternsPart:
        partPath = QLatin1String(path::kPatterns);
        break;
    case JobsPart:
        partPath = path::make(path::kScans, {{QStringLiteral("limit"), QStringLiteral("200")}});
        break;
    case IncidentsPart:
        partPath =
            path::make(path::kIncidents, {{QStringLiteral("limit"), QStringLiteral("1000")}});
        break;
    case PolicyPart:
        partPath = QLatin1String(path::kPolicy);
        break;
    case AllParts:
        return;
    }
    m_inFlight |= part;
    auto answered = [this, part, partPath](const ApiResult &r) {
        m_inFlight &= ~part;
        if (r.ok()) {
            QString problem;
            const auto take = [&problem](const auto &parsed) {
                if (!parsed)
                    problem = parsed.error();
                return parsed.ok();
            };
            switch (part) {
            case InfoPart:
                if (Parsed<ApplianceInfo> info = parseApplianceInfo(r.json); take(info)) {
                    if (info->id != m_entry.applianceUuid) {
                        m_store->setApplianceUuid(m_entry.id, info->id);
                        m_entry.applianceUuid = info->id;
                    }
                    m_info = *info;
                    if (!m_info.hostName.isEmpty()
                        && m_store->setting(hostNameKey()).toString() != m_info.hostName)
                        m_store->setSetting(hostNameKey(), m_info.hostName);
                    // One truth about the pattern: the pattern status is
                    // its source (it also says what is newer); the two
                    // answers may cross on their way after a change.
                    if (m_hasPatterns)
                        m_info.patternVersion = m_patterns.activeVersion();
                    Q_EMIT infoChanged();
                }
                break;
            case VmsPart:
                if (Parsed<QList<Vm>> vms = parseVmList(r.json); take(vms))
                    Q_EMIT vmsReplaced(*vms);
                break;
            case PatternsPart:
                if (Parsed<PatternStatus> p = parsePatternStatus(r.json); take(p))
                    applyPatterns(*p);
                break;
            case JobsPart:
                if (Parsed<ScanQueue> q = parseScanQueue(r.json); take(q)) {
                    if (q->paused != m_scansPaused) {
                        m_scansPaused = q->paused;
                        Q_EMIT scansPausedChanged(m_scansPaused);
                    }
                    Q_EMIT jobsReplaced(q->jobs);
                }
                break;
            case IncidentsPart:
                if (Parsed<QList<Incident>> list = parseIncidentList(r.json); take(list))
                    Q_EMIT incidentsReplaced(*list);
                break;
            case PolicyPart:
                if (Parsed<console::Policy> p = parsePolicy(r.json); take(p))
                    applyPolicy(*p);
                break;
            case AllParts:
                break;
            }
            if (!problem.isEmpty())
                qWarning(
                    "%s%s: %s", qPrintable(m_entry.url), qPrintable(partPath), qPrintable(problem));
            noteRead(
                part, problem.isEmpty() ? ApiError {} : parseError(problem, m_client->address()));
        } else if (r.error.kind != ApiError::Kind::Cancelled) {
            qWarning("%s%s: %s", qPrintable(m_entry.url), qPrintable(partPath),
                qPrintable(r.error.toString()));
            noteRead(part, r.error);
        }
        if (m_again & part) {
            m_again &= ~part;
            fetchPart(part);
        }
    };
    if (part == JobsPart)
        fetchList(partPath,
            {QStringLiteral("jobs"), QStringLiteral("offset"), QStringLiteral("next_offset"), 200},
            {}, std::move(answered));
    else if (part == IncidentsPart)
        fetchList(partPath,
            {QStringLiteral("incidents"), QStringLiteral("before"), QStringLiteral("next_before"),
                1000},
            {}, std::move(answered));
    else
        m_client->request("GET", partPath, {}, std::move(answered));
}

// A list answer holds at most a few MiB (docs/api.md, Lists): while it says
// there is more and fewer than `list.want` items came, ask for the next page.
// `done` gets the last page's answer holding every page's items.
void ApplianceConnection::fetchList(const QString &page, const ListPaging &list,
    const QJsonArray &sofar, std::function<void(const ApiResult &)> done)
{
    m_client->request(
        "GET", page, {}, [this, page, list, sofar, done = std::move(done)](const ApiResult &r) {
            if (!r.ok())
                return done(r);
            QJsonArray all = sofar;
            for (const QJsonValue &v : r.json.value(list.key).toArray())
                all.append(v);
            const QJsonValue next = r.json.value(list.nextKey);
            const QString nextText =
                next.isString() ? next.toString() : QString::number(next.toInteger());
            if (r.json.value(QStringLiteral("more")).toBool() && all.size() < list.want
                && !next.isUndefined() && !next.isNull() && !nextText.isEmpty()) {
                fetchList(pageAfter(page, list.cursor, nextText), list, all, done);
                return;
            }
            ApiResult whole = r;
            whole.json.insert(list.key, all);
            done(whole);
        });
}

void ApplianceConnection::raiseContactAlert(const char *type)
{
    Alert alert;
    alert.applianceId = m_entry.id;
    alert.time = QDateTime::currentDateTimeUtc();
    alert.type = QLatin1String(type);
    alert.failure = m_lastError;
    alert.message = m_lastError.userMessage();
    Q_EMIT alertRaised(alert);
}

void ApplianceConnection::noteRead(Part part, const ApiError &error)
{
    const QString area = QLatin1String(areaOf(part));
    HostTrouble trouble = m_trouble;
    const auto known = std::find_if(trouble.failures.begin(), trouble.failures.end(),
        [&area](const HostTrouble::Failure &f) { return f.area == area; });
    const bool wasFailing = known != trouble.failures.end();
    if (wasFailing)
        trouble.failures.erase(known);
    if (!error.ok())
        trouble.failures.append({area, error});
    if (part == VmsPart)
        trouble.vmsRead = error.ok(); // what was read before may be stale by now
    const bool hadFailures = !m_trouble.failures.isEmpty();
    setTrouble(trouble);

    if (!error.ok() && !wasFailing) {
        Alert alert;
        alert.applianceId = m_entry.id;
        alert.time = QDateTime::currentDateTimeUtc();
        alert.type = QLatin1String(kReadFailedAlert);
        alert.what = area;
        alert.failure = error;
        alert.message = error.toString();
        Q_EMIT alertRaised(alert);
    } else if (hadFailures && m_trouble.failures.isEmpty()) {
        Alert alert;
        alert.applianceId = m_entry.id;
        alert.time = QDateTime::currentDateTimeUtc();
        alert.type = QLatin1String(kReadsRestoredAlert);
        Q_EMIT alertRaised(alert);
    }
    if (m_trouble.failures.isEmpty()) {
        m_readRetryMs = 0;
        m_readRetry.stop();
    } else if (!m_readRetry.isActive()) {
        m_readRetryMs =
            m_readRetryMs ? std::min(m_readRetryMs * 2, kReadRetryMaxMs) : m_readRetryFirstMs;
        m_readRetry.start(m_readRetryMs);
    }
}

void ApplianceConnection::setTrouble(HostTrouble trouble)
{
    if (trouble == m_trouble)
        return;
    m_trouble = std::move(trouble);
    Q_EMIT troubleChanged();
}

void ApplianceConnection::onEvents(const QList<Event> &events)
{
    for (const Event &e : events)
        applyEvent(e);
    Q_EMIT eventsReceived(events);
}

void ApplianceConnection::applyEvent(const Event &e)
{
    if (!e.dataError.isEmpty()) {
        // Its change cannot be applied: read the state it was about.
        qWarning("%s: event %s", qPrintable(m_entry.url), qPrintable(e.dataError));
        resync();
        return;
    }
    if (const ScanJob *job = e.as<ScanJob>()) {
        applyJob(*job, movesProtection(e.type));
    } else if (const Incident *incident = e.as<Incident>()) {
        applyIncident(*incident);
        // A restored file found again needs the admin as much as a new one.
        if (isType(e.type, type::kIncidentOpened) || isType(e.type, type::kIncidentReopened))
            Q_EMIT incidentOpened(*incident);
    } else if (const VmChange *change = e.as<VmChange>()) {
        if (isType(e.type, type::kVmRemoved))
            Q_EMIT vmRemoved(change->vm);
        else if (isType(e.type, type::kVmAdded))
            refreshVm(change->vm); // the event names it; its protection is in the list
        else
            Q_EMIT vmPatched(*change);
    } else if (const EventNotice *notice = e.as<EventNotice>()) {
        if (isType(e.type, type::kScanGovernor) && notice->paused != m_scansPaused) {
            m_scansPaused = notice->paused;
            Q_EMIT scansPausedChanged(m_scansPaused);
            // The waiting jobs carry why they wait (held_back) or no longer do.
            scheduleFetch(JobsPart);
        } else if (isType(e.type, type::kPatternChanged)) {
            // Every VM's protection may change with the pattern.
            scheduleFetch(PatternsPart | VmsPart | InfoPart);
        } else if (isType(e.type, type::kApplianceStarted)) {
            resync(); // restarted: jobs were queued again, VMs listed again
        }
    } else if (isType(e.type, type::kPolicyChanged)) {
        // The event says only that it changed; at-risk limits move statuses.
        scheduleFetch(PolicyPart | VmsPart | InfoPart);
    }
    if (const auto alert = alertOf(e, m_entry.id))
        Q_EMIT alertRaised(*alert);
}

void ApplianceConnection::applyJob(const ScanJob &job, bool stateMayChange)
{
    Q_EMIT jobUpdated(job);
    if (job.state == JobState::Finished)
        Q_EMIT vmScanned(job.vm, job.started);
    if (stateMayChange)
        refreshVm(job.vm); // "scanning", and what the scan found
}

void ApplianceConnection::applyIncident(const Incident &incident)
{
    Q_EMIT incidentUpdated(incident);
    refreshVm(incident.vm); // its status and open incidents
}

void ApplianceConnection::applyPatterns(const PatternStatus &patterns)
{
    if (m_hasPatterns && m_patterns == patterns)
        return;
    m_patterns = patterns;
    m_hasPatterns = true;
    if (m_info.patternVersion != patterns.activeVersion()) {
        m_info.patternVersion = patterns.activeVersion();
        Q_EMIT infoChanged();
    }
    Q_EMIT patternsChanged();
}

void ApplianceConnection::applyPolicy(const console::Policy &policy)
{
    if (m_policy == policy)
        return;
    m_policy = policy;
    Q_EMIT policyChanged();
}

template<typename T, typename Parse>
void ApplianceConnection::call(const QByteArray &method, const QString &callPath,
    const QJsonObject &body, const QString &logAs, Parse parse, std::function<void(Reply<T>)> done,
    std::function<void(const T &)> apply)
{
    m_client->request(method, callPath, body,
        [this, callPath, logAs, parse, done = std::move(done), apply = std::move(apply)](
            const ApiResult &r) {
            Reply<T> reply;
            reply.error = r.error;
            if (r.ok()) {
                auto parsed = parse(r.json);
                if (parsed)
                    reply.value = std::move(*parsed);
                else
                    reply.error = parseError(parsed.error(), m_client->address());
            }
            if (!logAs.isEmpty())
                m_store->logAction(m_entry.id, logAs, callPath,
                    reply.ok() ? QStringLiteral("success") : reply.error.toString());
            if (reply.ok() && apply)
                apply(reply.value);
            if (done)
                done(reply);
        });
}

void ApplianceConnection::startScans(const QList<QUuid> &vms, ScanKind kind,
    const QStringList &paths, std::function<void(Reply<QList<ScanJob>>)> done)
{
    QJsonObject body {{QStringLiteral("kind"), scanKindName(kind)}};
    if (vms.isEmpty()) {
        body.insert(QStringLiteral("vms"), QStringLiteral("all"));
    } else {
        QJsonArray ids;
        for (const QUuid &vm : vms)
            ids.append(vm.toString(QUuid::WithoutBraces));
        body.insert(QStringLiteral("vms"), ids);
    }
    if (kind == ScanKind::Custom)
        body.insert(QStringLiteral("paths"), QJsonArray::fromStringList(paths));
    call<QList<ScanJob>>(
        "POST", QLatin1String(path::kScans), body, QStringLiteral("scan.start"),
        [](const QJsonObject &o) { return parseQueuedScans(o); }, std::move(done),
        [this](const QList<ScanJob> &jobs) {
            for (const ScanJob &job : jobs)
                applyJob(job, false);
        });
}

void ApplianceConnection::cancelScan(const QString &jobId, std::function<void(Reply<ScanJob>)> done)
{
    call<ScanJob>(
        "DELETE", path::make(path::kScan, jobId), {}, QStringLiteral("scan.cancel"),
        [](const QJsonObject &o) { return parseScanJob(o); }, std::move(done),
        [this](const ScanJob &job) { applyJob(job, true); });
}

void ApplianceConnection::runScanNow(const QString &jobId, std::function<void(Reply<ScanJob>)> done)
{
    call<ScanJob>(
        "POST", path::make(path::kScanRunNow, jobId), {}, QStringLiteral("scan.run-now"),
        [](const QJsonObject &o) { return parseScanJob(o); }, std::move(done),
        [this](const ScanJob &job) { applyJob(job, true); });
}

void ApplianceConnection::incidentAction(const QString &incidentId, IncidentAction action,
    const QString &note, const QString &assignee, std::function<void(Reply<Incident>)> done)
{
    QJsonObject body {
        {QStringLiteral("action"), incidentActionName(action)}, {QStringLiteral("note"), note}};
    if (action == IncidentAction::Assign)
        body.insert(QStringLiteral("assignee"), assignee);
    call<Incident>(
        "POST", path::make(path::kIncidentActions, incidentId), body,
        QStringLiteral("incident.") + incidentActionName(action),
        [](const QJsonObject &o) { return parseIncident(o); }, std::move(done),
        [this](const Incident &incident) { applyIncident(incident); });
}

void ApplianceConnection::updatePattern(std::function<void(Reply<PatternStatus>)> done)
{
    call<PatternStatus>(
        "POST", QLatin1String(path::kPatternUpdate), {}, QStringLiteral("pattern.update"),
        [](const QJsonObject &o) { return parsePatternStatus(o); }, std::move(done),
        [this](const PatternStatus &p) {
            applyPatterns(p);
            scheduleFetch(VmsPart); // the VMs' protection moves with the pattern
        });
}

void ApplianceConnection::checkPatternSource(std::function<void(Reply<PatternStatus>)> done)
{
    call<PatternStatus>(
        "POST", QLatin1String(path::kPatternCheck), {}, QStringLiteral("pattern.check"),
        [](const QJsonObject &o) { return parsePatternStatus(o); }, std::move(done),
        [this](const PatternStatus &p) { applyPatterns(p); });
}

void ApplianceConnection::allowPatternAgain(std::function<void(Reply<PatternStatus>)> done)
{
    call<PatternStatus>(
        "POST", QLatin1String(path::kPatternAllowAgain), {}, QStringLiteral("pattern.allow-again"),
        [](const QJsonObject &o) { return parsePatternStatus(o); }, std::move(done),
        [this](const PatternStatus &p) { applyPatterns(p); });
}

void ApplianceConnection::rollbackPattern(std::function<void(Reply<PatternStatus>)> done)
{
    call<PatternStatus>(
        "POST", QLatin1String(path::kPatternRollback), {}, QStringLiteral("pattern.rollback"),
        [](const QJsonObject &o) { return parsePatternStatus(o); }, std::move(done),
        [this](const PatternStatus &p) {
            applyPatterns(p);
            scheduleFetch(VmsPart);
        });
}

void ApplianceConnection::changePolicy(
    const PolicyEdit &edit, std::function<void(Reply<console::Policy>)> done)
{
    call<console::Policy>(
        "PUT", QLatin1String(path::kPolicy), policyRequestBody(edit, m_policy),
        QStringLiteral("policy.change"), [](const QJsonObject &o) { return parsePolicy(o); },
        std::move(done),
        [this](const console::Policy &p) {
            applyPolicy(p);
            scheduleFetch(VmsPart); // at-risk limits move statuses
        });
}

void ApplianceConnection::fetchIncident(
    const QString &incidentId, std::function<void(Reply<Incident>)> done)
{
    call<Incident>("GET", path::make(path::kIncident, incidentId), {}, {},
        [](const QJsonObject &o) { return parseIncident(o); }, std::move(done), {});
}

void ApplianceConnection::fetchAudit(
    qint64 after, int limit, std::function<void(Reply<AuditLogPage>)> done)
{
    call<AuditLogPage>("GET",
        path::make(path::kAudit,
            {{QStringLiteral("after"), QString::number(after)},
                {QStringLiteral("limit"), QString::number(limit)}}),
        {}, {}, [](const QJsonObject &o) { return parseAuditLogPage(o); }, std::move(done), {});
}

void ApplianceConnection::fetchMetrics(
    qint64 since, const QStringList &scopes, std::function<void(Reply<MetricSeries>)> done)
{
    path::Query query {{QStringLiteral("since"), QString::number(since)}};
    for (const QString &scope : scopes)
        query.append({QStringLiteral("scope"), scope});
    call<MetricSeries>("GET", path::make(path::kMetrics, query), {}, {},
        [](const QJsonObject &o) { return parseMetricSeries(o); }, std::move(done), {});
}

void ApplianceConnection::fetchBaseline(std::function<void(Reply<Baseline>)> done)
{
    call<Baseline>("GET", QLatin1String(path::kBaseline), {}, {},
        [](const QJsonObject &o) { return parseBaseline(o); }, std::move(done), {});
}

} // namespace mamori::console
