// SPDX-License-Identifier: GPL-2.0-or-later
#include "Fleet.h"

#include "FleetModel.h"
#include "app/client/ApplianceClient.h"
#include "app/client/CurlMulti.h"
#include "app/client/SecretStore.h"
#include "app/store/ConsoleStore.h"

#include <QUrl>

namespace mamori::console {

Fleet::Fleet(ConsoleStore *store, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_store(store), m_secrets(secrets), m_multi(new CurlMulti(this)),
      m_model(new FleetModel(this))
{ }

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
    m_connections.insert(entry.id, c);
    m_model->setHost(entry.id, c->displayName());
    if (entry.lastContact.isValid())
        m_model->setHostReachable(entry.id, false, entry.lastContact);
    connect(c, &ApplianceConnection::stateChanged, this, [this, c] {
        syncModel(c);
        Q_EMIT connectionStateChanged(c);
    });
    for (auto signal : {&ApplianceConnection::vmsChanged, &ApplianceConnection::infoChanged,
             &ApplianceConnection::patternsChanged, &ApplianceConnection::jobsChanged,
             &ApplianceConnection::incidentsChanged, &ApplianceConnection::policyChanged}) {
        connect(c, signal, this, [this, c] {
            syncModel(c);
            Q_EMIT applianceChanged(c);
        });
    }
    connect(c, &ApplianceConnection::incidentOpened, this,
        [this, c](const QJsonObject &incident) { Q_EMIT incidentOpened(c, incident); });
    connect(
        c, &ApplianceConnection::eventsReceived, this, [this, c](const QList<QJsonObject> &events) {
            for (const QJsonObject &e : events) {
                if (ApplianceConnection::isAlert(e.value(QStringLiteral("type")).toString()))
                    Q_EMIT alertReceived(c, e);
            }
        });
    Q_EMIT connectionAdded(c);
    return c;
}

void Fleet::syncModel(ApplianceConnection *c)
{
    const int id = c->id();
    m_model->setHost(id, c->displayName());
    m_model->setHostReachable(
        id, c->state() == ApplianceConnection::State::Online, c->lastContact().toLocalTime());
    m_model->setHostPatternVersion(
        id, c->patterns()[QStringLiteral("active")][QStringLiteral("version")].toString());
    const QJsonArray vms = c->vms();
    m_model->applyVmList(id, vms);
    for (const QJsonValue &v : vms) {
        const QUuid vm = QUuid::fromString(v[QStringLiteral("id")].toString());
        m_model->setVmOpenIncidents(id, vm, v[QStringLiteral("open_incidents")].toInt());
        const QDateTime last =
            QDateTime::fromString(v[QStringLiteral("last_scan")].toString(), Qt::ISODate);
        if (last.isValid())
            m_model->setVmLastScan(vm, last.toLocalTime());
    }
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
    m_model->removeHost(id);
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
