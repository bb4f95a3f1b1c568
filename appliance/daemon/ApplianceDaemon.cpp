// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/ApplianceDaemon.h"

#include "appliance/api/ApiService.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/auth/LoginThrottle.h"
#include "appliance/auth/SessionStore.h"
#include "appliance/auth/UserStore.h"
#include "appliance/events/EventLog.h"
#include "appliance/http/HttpServer.h"
#include "appliance/http/TlsIdentity.h"
#include "appliance/inventory/InventoryMonitor.h"
#include "appliance/store/SqlVmIdentityStore.h"
#include "mamori/Version.h"

#include <QDir>
#include <QSqlQuery>
#include <QUuid>

namespace mamori::appliance {
namespace {

constexpr qint64 kEventsKept = 100000;

QJsonObject vmEventData(const VmRecord &vm)
{
    return {{QStringLiteral("vm"), vm.id.toString(QUuid::WithoutBraces)},
            {QStringLiteral("name"), vm.name},
            {QStringLiteral("power"), vm.power}};
}

} // namespace

QString applianceId(Database &db)
{
    QSqlQuery q(db.db());
    q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'appliance_id'"));
    if (q.next())
        return q.value(0).toString();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery insert(db.db());
    insert.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES('appliance_id', ?)"));
    insert.addBindValue(id);
    insert.exec();
    return id;
}

ApplianceDaemon::ApplianceDaemon(QObject *parent) : QObject(parent) {}

ApplianceDaemon::~ApplianceDaemon()
{
    stop();
}

bool ApplianceDaemon::start(const Config &config, QString *error)
{
    m_config = config;
    m_started = QDateTime::currentDateTimeUtc();
    QString address;
    quint16 port = 0;
    if (!Config::splitListen(config.listen, &address, &port, error))
        return false;
    if (!m_db.open(config.dataDir, error))
        return false;
    auto tls = TlsIdentity::loadOrCreate(config.dataDir, error);
    if (!tls)
        return false;
    m_tls = std::make_unique<TlsIdentity>(std::move(*tls));

    m_users = std::make_unique<UserStore>(m_db.db());
    m_sessions = std::make_unique<SessionStore>(m_db.db(), config.sessionTtlSeconds);
    m_throttle = std::make_unique<LoginThrottle>(m_db.db());
    m_audit = std::make_unique<AuditLog>(m_db.db());
    m_events = std::make_unique<EventLog>(m_db.db());
    m_events->trim(kEventsKept);
    m_vmIds = std::make_unique<SqlVmIdentityStore>(m_db.db());

    if (config.inventory.isEmpty())
        QDir().mkpath(QDir(config.dataDir).filePath(QStringLiteral("vms")));
    auto provider = createInventoryProvider(config.effectiveInventory(), *m_vmIds, error);
    if (!provider)
        return false;
    m_inventory = std::make_unique<InventoryMonitor>(std::move(provider));
    recordInventoryEvents();

    ApiContext ctx;
    ctx.config = &m_config;
    ctx.applianceId = applianceId(m_db);
    ctx.started = m_started;
    ctx.users = m_users.get();
    ctx.sessions = m_sessions.get();
    ctx.throttle = m_throttle.get();
    ctx.audit = m_audit.get();
    ctx.events = m_events.get();
    ctx.inventory = m_inventory.get();
    m_api = std::make_unique<ApiService>(ctx);

    m_http = std::make_unique<HttpServer>();
    m_http->setHandler([api = m_api.get()](const HttpRequest &request, HttpResponder responder) {
        api->handle(request, std::move(responder));
    });
    HttpServer::Options options;
    options.address = address;
    options.port = port;
    options.certificatePem = m_tls->certificatePem();
    options.privateKeyPem = m_tls->privateKeyPem();
    if (!m_http->start(options, error))
        return false;

    m_events->append(QStringLiteral("appliance.started"),
                     {{QStringLiteral("version"), QLatin1String(kVersion)}});
    m_inventory->start(config.inventoryIntervalMs);
    return true;
}

void ApplianceDaemon::recordInventoryEvents()
{
    connect(m_inventory.get(), &InventoryMonitor::vmAdded, this, [this](const VmRecord &vm) {
        m_events->append(QStringLiteral("vm.added"), vmEventData(vm));
    });
    connect(m_inventory.get(), &InventoryMonitor::vmRemoved, this, [this](const VmRecord &vm) {
        m_events->append(QStringLiteral("vm.removed"), vmEventData(vm));
    });
    connect(m_inventory.get(), &InventoryMonitor::vmChanged, this,
            [this](const VmRecord &before, const VmRecord &after) {
                if (before.power != after.power)
                    m_events->append(QStringLiteral("vm.power"), vmEventData(after));
                if (before.name != after.name || before.root != after.root)
                    m_events->append(QStringLiteral("vm.changed"), vmEventData(after));
            });
    connect(m_inventory.get(), &InventoryMonitor::errorChanged, this, [](const QString &e) {
        if (!e.isEmpty())
            qWarning("inventory: %s", qPrintable(e));
    });
}

void ApplianceDaemon::stop()
{
    // Network first, so that no request reaches a part that is going away.
    if (m_http)
        m_http->stop();
    m_http.reset();
    m_api.reset();
    m_inventory.reset();
    m_events.reset();
    m_audit.reset();
    m_throttle.reset();
    m_sessions.reset();
    m_users.reset();
    m_vmIds.reset();
    m_db.close();
}

QString ApplianceDaemon::fingerprint() const
{
    return m_tls ? m_tls->fingerprint() : QString();
}

quint16 ApplianceDaemon::port() const
{
    return m_http ? m_http->port() : 0;
}

} // namespace mamori::appliance
