// SPDX-License-Identifier: GPL-2.0-or-later
#include "Fleet.h"

#include "FleetUpdater.h"
#include "app/client/ApplianceClient.h"
#include "app/client/CurlMulti.h"
#include "app/client/SecretStore.h"
#include "app/models/AlertModel.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/PatternModel.h"
#include "app/models/ScanJobModel.h"
#include "app/store/ConsoleStore.h"

#include <QCoreApplication>
#include <QEvent>
#include <QUrl>

namespace mamori::console {

Fleet::Fleet(ConsoleStore *store, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_store(store), m_secrets(secrets), m_multi(new CurlMulti(this)),
      m_model(new FleetModel(this)), m_jobs(new ScanJobModel(this)),
      m_incidents(new IncidentModel(this)), m_patterns(new PatternModel(this)),
      m_alerts(new AlertModel(m_model, this)),
      m_updater(new FleetUpdater(m_model, m_jobs, m_incidents, m_alerts, this))
{
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
}

bool Fleet::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && watched == QCoreApplication::instance()) {
        m_model->retranslate();
        m_jobs->retranslate();
        m_incidents->retranslate();
        m_patterns->retranslate();
        m_alerts->retranslate();
    }
    return QObject::eventFilter(watched, event);
}

Fleet::~Fleet()
{
    // Connections first: their transfers live in the multi handle.
    qDeleteAll(m_connections);
    m_connections.clear();
}

void Fleet::start()
{
    for (const ApplianceEntry &entry : m_store->appliances()) {
        if (!m_connections.contains(entry.id)) // added (and started) already
            addConnection(entry)->start();
    }
}

QList<ApplianceConnection *> Fleet::connections() const
{
    QList<ApplianceConnection *> list = m_connections.values();
    std::sort(list.begin(), list.end(), [](auto *a, auto *b) {
        return a->entry().sortOrder != b->entry().sortOrder
            ? a->entry().sortOrder < b->entry().sortOrder
            : a->id() < b->id();
    });
    return list;
}

ApplianceConnection *Fleet::addConnection(const ApplianceEntry &entry)
{
    auto *c = new ApplianceConnection(entry, m_multi, m_store, m_secrets, this);
    const int id = entry.id;
    m_connections.insert(id, c);
    syncHost(c);
    if (entry.lastContact.isValid())
        m_model->setHostReachable(id, false, entry.lastContact);
    connect(c, &ApplianceConnection::stateChanged, this, [this, c] {
        syncHost(c);
        Q_EMIT connectionStateChanged(c);
    });
    for (auto signal : {&ApplianceConnection::infoChanged, &ApplianceConnection::patternsChanged,
             &ApplianceConnection::policyChanged}) {
        connect(c, signal, this, [this, c] {
            syncHost(c);
            Q_EMIT applianceChanged(c);
        });
    }
    connect(c, &ApplianceConnection::scansPausedChanged, this, [this, c] { syncHost(c); });
    connect(c, &ApplianceConnection::troubleChanged, this, [this, c] {
        syncHost(c);
        Q_EMIT applianceChanged(c);
    });
    // The collections: gathered, and applied to the models once a frame.
    FleetUpdater *u = m_updater;
    connect(c, &ApplianceConnection::vmsReplaced, u,
        [u, id](const QList<Vm> &vms) { u->vmList(id, vms); });
    connect(c, &ApplianceConnection::vmUpdated, u, [u, id](const Vm &vm) { u->vm(id, vm); });
    connect(c, &ApplianceConnection::vmPatched, u,
        [u, id](const VmChange &change) { u->vmChange(id, change); });
    connect(
        c, &ApplianceConnection::vmRemoved, u, [u, id](const QUuid &vm) { u->vmRemoved(id, vm); });
    connect(c, &ApplianceConnection::vmScanned, u, &FleetUpdater::vmScanned);
    connect(c, &ApplianceConnection::jobsReplaced, u,
        [u, id](const QList<ScanJob> &jobs) { u->jobList(id, jobs); });
    connect(
        c, &ApplianceConnection::jobUpdated, u, [u, id](const ScanJob &job) { u->job(id, job); });
    connect(c, &ApplianceConnection::jobUpdated, this,
        [this, c](const ScanJob &job) { noteJobEnd(c, job); });
    connect(c, &ApplianceConnection::incidentsReplaced, u,
        [u, id](const QList<Incident> &incidents) { u->incidentList(id, incidents); });
    connect(c, &ApplianceConnection::incidentUpdated, u,
        [u, id](const Incident &incident) { u->incident(id, incident); });
    connect(c, &ApplianceConnection::alertRaised, this, [this, c](const Alert &alert) {
        m_updater->alert(alert);
        Q_EMIT alertReceived(c, alert);
    });
    connect(c, &ApplianceConnection::incidentOpened, this,
        [this, c](const Incident &incident) { Q_EMIT incidentOpened(c, incident); });
    Q_EMIT connectionAdded(c);
    return c;
}

// A scan the console saw waiting or running has ended: once, however many
// answers and events say so before the models catch up.
void Fleet::noteJobEnd(ApplianceConnection *c, const ScanJob &job)
{
    if (!job.hasEnded())
        return;
    const ScanJob *known = m_jobs->job(c->id(), job.id);
    if (!known || known->hasEnded())
        return;
    const QString key = QString::number(c->id()) + QLatin1Char('/') + job.id;
    if (m_endsAnnounced.contains(key))
        return;
    if (m_endsAnnounced.size() > 1000)
        m_endsAnnounced.clear(); // those jobs are long in the recent list
    m_endsAnnounced.insert(key);
    Q_EMIT scanEnded(c, job);
}

// What every model shows of the appliance itself.
void Fleet::syncHost(ApplianceConnection *c)
{
    const int id = c->id();
    const QString name = c->displayName();
    const bool online = c->isOnline();
    m_model->setHost(id, name);
    m_model->setHostReachable(id, online, c->lastContact().toLocalTime());
    m_model->setHostPatternVersion(id, c->info().patternVersion);
    m_model->setHostTrouble(id, c->trouble());
    m_jobs->setHost(id, name);
    m_jobs->setHostState(id, online, c->scansPaused());
    m_incidents->setHost(id, name);
    m_patterns->setHost(id, name);
    m_patterns->setOnline(id, online);
    if (c->hasPatterns())
        m_patterns->setPatterns(id, c->patterns());
}

void Fleet::probe(const QString &url, std::function<void(CertificateInfo, ApiError)> done)
{
    auto *client = new ApplianceClient(m_multi, url, QString(), this);
    client->probeCertificate([client, done](CertificateInfo info, ApiError error) {
        client->deleteLater();
        done(info, error);
    });
}

void Fleet::addAppliance(const QString &url, const QString &name, const QString &user,
    const QString &password, bool rememberPassword, const CertificateInfo &certificate,
    std::function<void(ApiError)> done)
{
    ApplianceEntry entry;
    entry.url = url;
    entry.displayName = name;
    entry.userName = user;
    entry.id = m_store->addAppliance(entry);
    if (entry.id == 0) {
        ApiError e;
        e.kind = ApiError::Kind::Protocol;
        e.code = QStringLiteral("store");
        e.message = m_store->lastError();
        done(e);
        return;
    }
    m_store->setPin(
        entry.id, certificate.fingerprint, QString::fromLatin1(certificate.spkiSha256Base64));
    m_store->logAction(entry.id, QStringLiteral("appliance.add"), url, QStringLiteral("success"));
    entry = *m_store->appliance(entry.id);
    ApplianceConnection *c = addConnection(entry);
    auto reported = std::make_shared<bool>(false);
    connect(c, &ApplianceConnection::stateChanged, this,
        [c, done, reported](ApplianceConnection::State state) {
            if (*reported || state == ApplianceConnection::State::Connecting)
                return;
            *reported = true;
            done(state == ApplianceConnection::State::Online ? ApiError {} : c->lastError());
        });
    c->providePassword(password, rememberPassword);
}

void Fleet::removeAppliance(int id)
{
    ApplianceConnection *c = m_connections.take(id);
    if (!c)
        return;
    const ApplianceEntry entry = c->entry();
    c->stop();
    delete c;
    m_secrets->removeSecret(secretKeyFor(entry), [](const SecretResult &) {});
    m_store->logAction(
        id, QStringLiteral("appliance.remove"), entry.url, QStringLiteral("success"));
    m_store->removeAppliance(id);
    m_store->removeSetting(hostNameSettingKey(id));
    m_updater->forget(id);
    m_model->removeHost(id);
    m_jobs->removeHost(id);
    m_incidents->removeHost(id);
    m_patterns->removeHost(id);
    m_alerts->removeHost(id);
    Q_EMIT connectionRemoved(id);
}

QString Fleet::normalizeUrl(const QString &text, QString *error)
{
    QString t = text.trimmed();
    if (t.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)) {
        *error = tr("Appliances speak HTTPS only: use https:// or just the address.");
        return {};
    }
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("https://"));
    const QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.scheme() != QLatin1String("https")
        || (!url.path().isEmpty() && url.path() != QLatin1String("/"))) {
        *error = tr("“%1” is not an appliance address. Enter a host name or IP address, "
                    "optionally with a port, such as 192.0.2.10:8443.")
                     .arg(text);
        return {};
    }
    return QStringLiteral("https://%1:%2")
        .arg(url.host(QUrl::FullyEncoded).contains(u':')
                ? QLatin1Char('[') + url.host() + QLatin1Char(']')
                : url.host())
        .arg(url.port(8443));
}

} // namespace mamori::console
