// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/ApplianceDaemon.h"

#include "appliance/ExitCodes.h"
#include "appliance/ProtectionService.h"
#include "appliance/alerts/AlertSink.h"
#include "appliance/api/ApiService.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/auth/LoginThrottle.h"
#include "appliance/auth/SessionStore.h"
#include "appliance/auth/UserStore.h"
#include "appliance/daemon/ApplianceIdentity.h"
#include "appliance/daemon/DetectionKeeper.h"
#include "appliance/daemon/PatternChanges.h"
#include "appliance/daemon/Retention.h"
#include "appliance/daemon/StorageFaultHook.h"
#include "appliance/daemon/StoreGuard.h"
#include "appliance/events/EventLog.h"
#include "appliance/fs/GuestPath.h"
#include "appliance/fs/StorageFault.h"
#include "appliance/fs/VmRoot.h"
#include "appliance/http/HttpServer.h"
#include "appliance/http/TlsIdentity.h"
#include "appliance/image/BackupJob.h"
#include "appliance/image/GoldenIndex.h"
#include "appliance/image/ImageRuntime.h"
#include "appliance/incidents/IncidentService.h"
#include "appliance/inventory/InventoryMonitor.h"
#include "appliance/lab/LabWorkloads.h"
#include "appliance/metrics/MetricsService.h"
#include "appliance/patterns/PatternService.h"
#include "appliance/policy/PolicyStore.h"
#include "appliance/quarantine/QuarantineVault.h"
#include "appliance/realtime/RealtimeScanner.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scheduler/ScanScheduler.h"
#include "appliance/store/DataFolderLock.h"
#include "appliance/store/SqlVmIdentityStore.h"
#include "mamori/Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <memory>

namespace mamori::appliance {
namespace {

QJsonObject vmEventData(const VmRecord &vm)
{
    return {{QStringLiteral("vm"), vm.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("name"), vm.name}, {QStringLiteral("power"), vm.power}};
}

template<typename T, typename... Args>
T *own(std::vector<std::unique_ptr<QObject>> &parts, Args &&...args)
{
    auto part = std::make_unique<T>(std::forward<Args>(args)...);
    T *raw = part.get();
    parts.push_back(std::move(part));
    return raw;
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

ApplianceDaemon::ApplianceDaemon(QObject *parent) : QObject(parent) { }

ApplianceDaemon::~ApplianceDaemon()
{
    stop();
}

QString ApplianceDaemon::cachePath() const
{
    return QDir(m_config.dataDir).filePath(QStringLiteral("scan-cache.bin"));
}

QString ApplianceDaemon::imageIndexPath() const
{
    return QDir(m_config.dataDir).filePath(QStringLiteral("image-index.bin"));
}

bool ApplianceDaemon::start(const Config &config, QString *error)
{
    m_config = config;
    m_exitCode = kExitFailure;
    QString address;
    quint16 port = 0;
    if (!Config::splitListen(config.listen, &address, &port, error))
        return false;
    if (!startStores(error) || !startSecurity(error) || !startMetrics(error))
        return false;

    m_api = std::make_unique<ApiService>(m_services);
    registerSessionApi(*m_api);
    registerInventoryApi(*m_api);
    registerEventApi(*m_api);
    registerSecurityApi(*m_api);
    registerMetricsApi(*m_api);
    if (!m_api->unserved().isEmpty()) {
        *error = QStringLiteral("internal: no handler for %1").arg(m_api->unserved().join(u", "));
        return false;
    }

    m_http = std::make_unique<HttpServer>();
    m_http->setHandler([api = m_api.get()](const HttpRequest &request, HttpResponder responder) {
        api->handle(request, std::move(responder));
    });
    HttpServer::Options options;
    options.address = address;
    options.port = port;
    options.certificatePem = m_tls->certificatePem();
    options.privateKeyPem = m_tls->privateKeyPem();
    options.requestTimeoutSeconds = unsigned(config.requestTimeoutSeconds);
    if (!m_http->start(options, error))
        return false;

    // Before anything new is recorded: what is too old or too much goes.
    own<Retention>(m_parts, &m_services)->start();
    startStoreGuard();
    m_services.events->append(QStringLiteral("appliance.started"),
        {{QStringLiteral("version"), QLatin1String(kVersion)}});
    // Interrupted jobs are back in the queue before the inventory's first
    // listing (so that a VM's new-VM scan finds its job there), and nothing
    // starts before that listing (or a job would find no VM and fail).
    m_services.scans->recoverInterrupted();
    m_services.inventory->start(config.inventoryIntervalMs);
    m_services.scans->start();
    m_running = true;
    m_exitCode = kExitOk;
    return true;
}

bool ApplianceDaemon::startStores(QString *error)
{
    // SQLite says "unable to open database file" for a read-only folder.
    auto sayStorage = [this](QString *text) {
        const StorageFault fault = storageFaultOfFolder(m_config.dataDir);
        if (fault != StorageFault::None)
            *text = describeStorageFault(fault, m_config.dataDir, *text);
    };
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = QStringLiteral("cannot create data directory %1").arg(m_config.dataDir);
        return false;
    }
    // One appliance per data folder; `db restore` and `identity renew` wait
    // for it to stop.
    m_lock = std::make_unique<DataFolderLock>(m_config.dataDir);
    if (!m_lock->held()) {
        *error = m_lock->error();
        m_exitCode = m_lock->busy() ? kExitBusy : kExitFailure;
        if (!m_lock->busy())
            sayStorage(error);
        return false;
    }
    if (!m_db.open(m_config.dataDir, error)) {
        if (m_db.damaged())
            m_exitCode = kExitDamagedStore;
        else
            sayStorage(error);
        return false;
    }
    for (const auto &[module, steps] :
        {std::pair {QStringLiteral("scans"), ScanScheduler::schemaSteps()},
            std::pair {QStringLiteral("incidents"), IncidentService::schemaSteps()},
            std::pair {QStringLiteral("alerts"), AlertSink::schemaSteps()},
            std::pair {QStringLiteral("pattern_changes"), PatternChanges::schemaSteps()}}) {
        if (!m_db.migrateModule(module, steps, error))
            return false;
    }
    auto tls = ApplianceIdentity::loadForStart(m_config.dataDir, m_db.db(), error);
    if (!tls) {
        m_exitCode = kExitIdentity;
        return false;
    }
    m_tls = std::make_unique<TlsIdentity>(std::move(*tls));

    QSqlDatabase db = m_db.db();
    const QString faultFlag = qEnvironmentVariable(StorageFaultHook::kVariable);
    if (m_config.testFaults && !faultFlag.isEmpty())
        own<StorageFaultHook>(m_parts, db, faultFlag);
    m_services.config = &m_config;
    m_services.db = db;
    m_services.applianceId = applianceId(m_db);
    m_services.started = QDateTime::currentDateTimeUtc();
    m_services.users = new UserStore(db);
    m_services.sessions = new SessionStore(db, m_config.sessionTtlSeconds);
    m_services.throttle = new LoginThrottle(db);
    m_services.audit = new AuditLog(db);
    m_services.events = own<EventLog>(m_parts, db);
    Policy defaults;
    defaults.maxConcurrentScans = m_config.maxConcurrentScans;
    m_services.policy = own<PolicyStore>(m_parts, db, defaults);
    m_alerts = std::make_unique<AlertSink>(
        db, m_config.webhook, m_config.syslog ? m_config.syslogSocket : QString());
    mirrorAuditToSyslog(m_config.syslog);

    m_vmIds = std::make_unique<SqlVmIdentityStore>(db);
    if (m_config.inventory.isEmpty())
        QDir().mkpath(QDir(m_config.dataDir).filePath(QStringLiteral("vms")));
    auto provider = createInventoryProvider(m_config.effectiveInventory(), *m_vmIds, error);
    if (!provider)
        return false;
    m_services.inventory = own<InventoryMonitor>(m_parts, std::move(provider));
    return true;
}

namespace {

ScanEngine::Limits engineLimits(const Policy &p)
{
    ScanEngine::Limits limits;
    limits.maxFileSize = p.limits.maxFileSizeMb << 20;
    limits.maxScanSize = p.limits.maxScanSizeMb << 20;
    limits.maxRecursion = p.limits.maxRecursion;
    limits.maxFiles = p.limits.maxFiles;
    return limits;
}

} // namespace

bool ApplianceDaemon::startSecurity(QString *error)
{
    auto *patterns = own<PatternService>(m_parts, m_config.dataDir);
    // The policy's limits from the first compile on.
    patterns->setEngineLimits(engineLimits(m_services.policy->policy()));
    m_patternChanges = std::make_unique<PatternChanges>(
        m_db.db(), m_services.audit, m_services.events, m_config.dataDir);
    patterns->setActivationHook([changes = m_patternChanges.get()](qint64 from, qint64 to,
                                    const QString &how, QString *code, QString *message) {
        return changes->begin(from, to, how, code, message);
    });
    if (!patterns->open(error))
        return false;
    // A switch a crash cut off is finished (or called off) and audited
    // before anything else happens.
    m_patternChanges->recover(patterns->activeVersion());
    if (!m_config.patternSource.isEmpty() && !patterns->setSource(m_config.patternSource, error))
        return false;
    m_services.patterns = patterns;

    m_vault = std::make_unique<QuarantineVault>(m_config.dataDir);
    QStringList recovered;
    if (!m_vault->open(error) || !m_vault->recover(error, &recovered))
        return false;
    for (const QString &line : std::as_const(recovered))
        qWarning("quarantine recovery: %s", qPrintable(line));
    m_services.incidents = own<IncidentService>(m_parts, m_db.db(), m_vault.get());
    qInfo("files in VMs are resolved beneath their roots without following symbolic links "
          "(resolver: %s)",
        qPrintable(fs::VmRoot::resolverName()));

    m_cache = std::make_unique<ScanCache>();
    QString cacheError;
    if (!m_cache->load(cachePath(), patterns->activeVersion(), &cacheError)
        && QFile::exists(cachePath()))
        qWarning("scan cache not loaded (%s); starting empty", qPrintable(cacheError));
    m_cache->setPattern(patterns->activeVersion());

    auto engine = [patterns] {
        return ScanScheduler::EngineRef {patterns->engine(), patterns->activeVersion()};
    };
    m_services.scans = own<ScanScheduler>(m_parts, m_db.db(), *m_cache);
    m_services.scans->setEngineProvider(engine);
    InventoryMonitor *inventory = m_services.inventory;
    m_services.scans->setInventory(
        [inventory](const QString &id) { return inventory->vm(QUuid::fromString(id)); },
        [inventory] { return inventory->vms(); });
    m_realtime = std::make_unique<RealtimeScanner>(*m_cache, engine);
    if (!startImageScans(error))
        return false;

    m_protection = std::make_unique<ProtectionService>(&m_services);
    m_services.protection = m_protection.get();
    applyPolicy();
    wireInventory();
    wireSecurity();
    return startDetectionKeeper(error);
}

// Image VMs: where their scans put sockets, what they learnt of golden
// images, and the end of backup jobs a previous run left running.
bool ApplianceDaemon::startImageScans(QString *error)
{
    const QString runtimeDir = image::prepareRuntimeDirectory(m_config.dataDir, error);
    if (runtimeDir.isEmpty())
        return false;
    const QString active = m_services.patterns->activeVersion();
    m_imageIndex = std::make_unique<image::GoldenIndex>();
    QString indexError;
    if (!m_imageIndex->load(imageIndexPath(), active, &indexError)
        && QFile::exists(imageIndexPath()))
        qWarning("golden image index not loaded (%s); starting empty", qPrintable(indexError));
    m_imageIndex->setPattern(active);
    image::ImageScanEnvironment env;
    env.runtimeDir = runtimeDir;
    env.dataDir = m_config.dataDir;
    env.golden = m_imageIndex.get();
    const QString spec = m_config.effectiveInventory();
    if (spec.startsWith(QLatin1String("libvirt:"))) {
        env.libvirtUri = spec.mid(8);
        image::LibvirtBackupHypervisor hypervisor(env.libvirtUri);
        for (const QString &line : image::BackupJournal(m_config.dataDir).recover(hypervisor))
            qWarning("image scans: %s", qPrintable(line));
    }
    m_services.scans->setImageEnvironment(env);
    return true;
}

void ApplianceDaemon::applyPolicy()
{
    const Policy &p = m_services.policy->policy();
    m_services.scans->setPolicy(p);
    m_realtime->setPolicy(p);
    m_services.incidents->setAutomaticAction(p.automaticAction);
    m_services.patterns->setAutoCheckInterval(qint64(p.patternCheckMinutes) * 60);
    m_services.patterns->setEngineLimits(engineLimits(p));
}

void ApplianceDaemon::wireInventory()
{
    InventoryMonitor *inventory = m_services.inventory;
    EventLog *events = m_services.events;
    connect(inventory, &InventoryMonitor::vmAdded, this, &ApplianceDaemon::onVmAdded);
    connect(inventory, &InventoryMonitor::vmRemoved, this, [this, events](const VmRecord &vm) {
        events->append(QStringLiteral("vm.removed"), vmEventData(vm));
        m_realtime->setVms(m_services.inventory->vms());
    });
    connect(inventory, &InventoryMonitor::vmChanged, this,
        [this, events](const VmRecord &before, const VmRecord &after) {
            if (before.power != after.power)
                events->append(QStringLiteral("vm.power"), vmEventData(after));
            if (before.name != after.name || before.root != after.root
                || before.disks != after.disks)
                events->append(QStringLiteral("vm.changed"), vmEventData(after));
            if (after.isImage() && before.power != after.power)
                m_services.scans->imageVmPowerChanged(
                    before, after, m_services.patterns->activeVersion());
            m_realtime->setVms(m_services.inventory->vms());
        });
    connect(inventory, &InventoryMonitor::errorChanged, this, [this](const QString &e) {
        if (e.isEmpty())
            return;
        qWarning("inventory: %s", qPrintable(e));
        m_services.events->append(QStringLiteral("appliance.trouble"),
            {{QStringLiteral("what"), QStringLiteral("inventory")},
                {QStringLiteral("message"), e}});
        m_alerts->send(QStringLiteral("appliance.trouble"), QStringLiteral("medium"),
            {{QStringLiteral("message"), e}});
    });
}

// A new desktop is protected from its first minute: watched at once, and a
// quick scan queued (a full one for an image VM).
void ApplianceDaemon::onVmAdded(const VmRecord &vm)
{
    m_services.events->append(QStringLiteral("vm.added"), vmEventData(vm));
    m_realtime->setVms(m_services.inventory->vms());
    if (!m_services.patterns->engine() || (vm.root.isEmpty() && !vm.isImage()))
        return;
    const QString id = vm.id.toString(QUuid::WithoutBraces);
    if (m_services.scans->lastCompletedScan(id, false).isValid())
        return; // known from before a restart
    // An image VM never scanned has no "changed since" to go by: its quick
    // scan would read every file anyway, so it is a full one (and counts).
    queueScan({id}, vm.isImage() ? QStringLiteral("full") : QStringLiteral("quick"),
        QStringLiteral("new-vm"));
}

void ApplianceDaemon::startLabFirstLook(int baselineSeconds)
{
    const auto firstScans = [this] {
        if (!m_services.scans || !m_services.inventory)
            return;
        const QHash<QString, ScanScheduler::VmScans> scans = m_services.scans->scansByVm();
        QStringList never;
        for (const VmRecord &vm : m_services.inventory->vms()) {
            const QString id = vm.id.toString(QUuid::WithoutBraces);
            if (!scans.value(id).lastFullScan.isValid() && !m_services.scans->isScanning(id))
                never << id;
        }
        if (!never.isEmpty()) {
            std::printf("lab: first full scans of %lld VMs queued\n", qlonglong(never.size()));
            std::fflush(stdout);
        }
        queueScan(never, QStringLiteral("full"), QStringLiteral("scheduled"));
    };
    // The scans wait for the capture to end: the baseline is the lab's
    // workloads, not its first scans.
    Baseline *baseline = m_services.metrics ? &m_services.metrics->baseline() : nullptr;
    if (baseline && baselineSeconds > 0 && baseline->capture(baselineSeconds)) {
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(baseline, &Baseline::captureFinished, this, [once, firstScans] {
            QObject::disconnect(*once);
            firstScans();
        });
        return;
    }
    QTimer::singleShot(0, this, firstScans);
}

// Scans the appliance queues by itself, through the scheduler like any other.
void ApplianceDaemon::queueScan(
    const QStringList &vmIds, const QString &kind, const QString &origin)
{
    QStringList ids;
    QString code, message;
    if (!vmIds.isEmpty()
        && !m_services.scans->enqueue(vmIds, kind, {}, origin, &ids, &code, &message))
        qWarning("%s scan not queued: %s", qPrintable(origin), qPrintable(message));
}

void ApplianceDaemon::startStoreGuard()
{
    auto *guard = own<StoreGuard>(m_parts, m_config.dataDir, m_config.backupIntervalSeconds);
    connect(guard, &StoreGuard::damaged, this, &ApplianceDaemon::onStoreDamaged);
    connect(guard, &StoreGuard::backupFailed, this, [this](const QString &message) {
        qWarning("%s", qPrintable(message));
        m_services.events->append(QStringLiteral("appliance.trouble"),
            {{QStringLiteral("what"), QStringLiteral("backup")},
                {QStringLiteral("message"), message}});
        m_alerts->send(QStringLiteral("appliance.trouble"), QStringLiteral("medium"),
            {{QStringLiteral("message"), message}});
    });
    connect(guard, &StoreGuard::backedUp, this,
        [](const QString &name) { qInfo("database backed up: %s", qPrintable(name)); });
    guard->start();
}

// Nothing more is written to a damaged database: the alert goes out, the
// appliance stops, and systemd does not restart it (docs/reliability.md).
void ApplianceDaemon::onStoreDamaged(const QString &message)
{
    std::fprintf(stderr, "mamori-appliance: %s\n", qPrintable(message));
    m_alerts->send(QStringLiteral("appliance.trouble"), QStringLiteral("high"),
        {{QStringLiteral("what"), QStringLiteral("database")},
            {QStringLiteral("message"), message}});
    m_exitCode = kExitDamagedStore;
    QCoreApplication::exit(kExitDamagedStore);
}

void ApplianceDaemon::auditByAppliance(
    const QString &action, const QString &target, const QString &outcome, const QString &detail)
{
    m_services.audit->append(AuditRecord::byAppliance(action, target, outcome, detail));
}

void ApplianceDaemon::onDetection(const Detection &found)
{
    Detection detection = found;
    if (const auto vm = m_services.inventory->vm(QUuid::fromString(found.vmId)))
        detection.vmName = vm->name;
    if (detection.jobId.isEmpty())
        detection.jobId = QStringLiteral("realtime");
    m_keeper->handle(detection);
}

bool ApplianceDaemon::startDetectionKeeper(QString *error)
{
    auto record = [this](const Detection &d, QString *recordError) {
        const auto incident = m_services.incidents->recordDetection(d, recordError);
        if (!incident && !recordError->isEmpty() && !IncidentService::isUsable(d))
            qWarning("detection in %s dropped: %s", qPrintable(fs::displayPath(d.vmPath)),
                qPrintable(*recordError));
        // Only a detection the database did not take is kept.
        return incident || recordError->isEmpty() || !IncidentService::isUsable(d);
    };
    m_keeper = std::make_unique<DetectionKeeper>(m_config.dataDir, record);
    connect(m_keeper.get(), &DetectionKeeper::troubleBegan, this,
        [this](StorageFault fault, const QString &message) {
            qCritical("%s; detections are kept until it is solved", qPrintable(message));
            const QJsonObject data {{QStringLiteral("what"), QStringLiteral("storage")},
                {QStringLiteral("message"), storageFaultName(fault)},
                {QStringLiteral("folder"), m_config.dataDir},
                {QStringLiteral("free_bytes"), freeBytes(m_config.dataDir)},
                {QStringLiteral("detail"), message}};
            m_services.events->append(QStringLiteral("appliance.trouble"), data);
            m_alerts->send(QStringLiteral("appliance.trouble"), QStringLiteral("high"), data);
        });
    connect(m_keeper.get(), &DetectionKeeper::troubleEnded, this,
        [this](int recorded, const QList<Detection> &cutShort) {
            qInfo("the database takes detections again; %d kept ones are recorded", recorded);
            // A scan whose findings could not be stored runs again, now
            // that they can.
            QHash<QString, QString> rescan; // VM -> kind
            for (const Detection &d : cutShort) {
                const auto job = m_services.scans->job(d.jobId);
                rescan.insert(d.vmId,
                    job ? job->value(QStringLiteral("kind")).toString() : QStringLiteral("quick"));
            }
            for (auto it = rescan.cbegin(); it != rescan.cend(); ++it)
                queueScan({it.key()}, it.value(), QStringLiteral("storage"));
        });
    m_services.keptDetections = m_keeper.get();
    return m_keeper->open(error);
}

void ApplianceDaemon::wireSecurity()
{
    EventLog *events = m_services.events;
    // policy.changed is written with the change itself (PUT /policy).
    connect(m_services.policy, &PolicyStore::changed, this, [this] {
        applyPolicy();
        m_realtime->setVms(m_services.inventory->vms());
    });
    connect(m_services.scans, &ScanScheduler::jobEvent, this,
        [events](const QString &type, const QJsonObject &job) { events->append(type, job); });
    connect(m_services.scans, &ScanScheduler::detection, this, &ApplianceDaemon::onDetection);
    connect(m_realtime.get(), &RealtimeScanner::detection, this, &ApplianceDaemon::onDetection);
    auto reportIncomplete = [this, events](
                                const QString &vmId, const QString &vmPath, const QString &reason) {
        events->append(QStringLiteral("scan.incomplete"),
            {{QStringLiteral("vm"), vmId}, {QStringLiteral("path"), vmPath},
                {QStringLiteral("reason"), reason}});
    };
    connect(m_services.scans, &ScanScheduler::incomplete, this, reportIncomplete);
    connect(m_realtime.get(), &RealtimeScanner::incomplete, this, reportIncomplete);
    // A gap in real-time coverage is closed by a quick scan, never ignored.
    connect(m_realtime.get(), &RealtimeScanner::overflowed, this, [this](const QString &vmId) {
        queueScan({vmId}, QStringLiteral("quick"), QStringLiteral("overflow"));
    });

    connect(m_realtime.get(), &RealtimeScanner::watchFailed, this,
        [this, events](const QString &vmId, const QString &error) {
            qWarning("real-time scanning of VM %s: %s", qPrintable(vmId), qPrintable(error));
            events->append(QStringLiteral("appliance.trouble"),
                {{QStringLiteral("what"), QStringLiteral("realtime")}, {QStringLiteral("vm"), vmId},
                    {QStringLiteral("message"), error}});
            m_alerts->send(QStringLiteral("appliance.trouble"), QStringLiteral("medium"),
                {{QStringLiteral("vm"), vmId}, {QStringLiteral("message"), error}});
        });

    IncidentService *incidents = m_services.incidents;
    // isolate-vm cuts the network where the hypervisor can (libvirt: link
    // down); a directory VM has none and keeps the flag only.
    incidents->setIsolationHook([this](const QString &vmId, bool isolate, QString *error) {
        return m_services.inventory->setIsolated(QUuid::fromString(vmId), isolate, error)
            != InventoryProvider::Isolation::Failed;
    });
    // An image VM's files are inside its disk image, which the appliance
    // only reads (writing into a powered-off VM's overlay is not done yet).
    incidents->setFileActionGate([this](const QString &vmId) -> std::optional<QuarantineError> {
        const auto vm = m_services.inventory->vm(QUuid::fromString(vmId));
        if (!vm || !vm->isImage())
            return std::nullopt;
        return QuarantineError {protocol::ErrorCode::ImageVmReadOnly,
            vm->power == u"shut-off"
                ? QStringLiteral("the file is inside the VM's disk image, which the appliance "
                                 "only reads; isolate the VM, or deal with the file inside it")
                : QStringLiteral("the VM is running; isolate it, or act when it is off")};
    });
    // Contents the admin allowed are never denied by on-access blocking.
    m_realtime->setAllowedHashes(incidents->allowedHashes());
    connect(
        incidents, &IncidentService::incidentOpened, this, [this, events](const QJsonObject &i) {
            events->append(QStringLiteral("incident.opened"), i);
            m_alerts->send(QStringLiteral("detection"), QStringLiteral("high"), i);
        });
    connect(
        incidents, &IncidentService::incidentChanged, this, [this, events](const QJsonObject &i) {
            events->append(QStringLiteral("incident.changed"), i);
            // The allow list grows only by an "allow" action.
            if (i.value(QStringLiteral("action")).toString() == QLatin1String("allowed"))
                m_realtime->setAllowedHashes(m_services.incidents->allowedHashes());
        });
    connect(incidents, &IncidentService::incidentReopened, this,
        [this, events](const QJsonObject &i, const QString &why) {
            events->append(QStringLiteral("incident.reopened"), i);
            auditByAppliance(QStringLiteral("incident.reopen"),
                i.value(QStringLiteral("id")).toString(), QStringLiteral("success"), why);
            m_alerts->send(QStringLiteral("detection"), QStringLiteral("high"), i);
        });
    connect(incidents, &IncidentService::vmIsolationChanged, this,
        [events](const QString &vm, bool isolated) {
            events->append(QStringLiteral("vm.isolation"),
                {{QStringLiteral("vm"), vm}, {QStringLiteral("isolated"), isolated}});
        });

    PatternService *patterns = m_services.patterns;
    connect(
        patterns, &PatternService::limitsApplied, this, [this] { m_realtime->refreshEngine(); });
    connect(patterns, &PatternService::patternChanged, this,
        [this](const QString &version, const QString &previous, const QString &how) {
            // Clean-under-the-old-pattern means nothing under the new one.
            m_cache->setPattern(version);
            m_imageIndex->setPattern(version);
            m_realtime->refreshEngine();
            m_patternChanges->finish(version, previous, how);
            if (m_services.policy->policy().rescanOnPatternChange) {
                QStringList vms;
                for (const VmRecord &vm : m_services.inventory->vms())
                    vms << vm.id.toString(QUuid::WithoutBraces);
                queueScan(vms, QStringLiteral("full"), QStringLiteral("pattern"));
            }
        });
    connect(patterns, &PatternService::patternRefused, this,
        [this, events](const QString &version, const QString &reason) {
            const QJsonObject data {
                {QStringLiteral("version"), version}, {QStringLiteral("reason"), reason}};
            events->append(QStringLiteral("pattern.refused"), data);
            auditByAppliance(
                QStringLiteral("pattern.install"), version, QStringLiteral("failure"), reason);
            m_alerts->send(QStringLiteral("pattern.refused"), QStringLiteral("medium"), data);
        });
    connect(patterns, &PatternService::staleAlert, this,
        [this, events](const QString &newest, qint64 seconds) {
            const QJsonObject data {
                {QStringLiteral("newest"), newest}, {QStringLiteral("available_seconds"), seconds}};
            events->append(QStringLiteral("pattern.stale"), data);
            m_alerts->send(QStringLiteral("pattern.stale"), QStringLiteral("medium"), data);
        });
}

bool ApplianceDaemon::startMetrics(QString *error)
{
    if (!m_db.migrateModule(QStringLiteral("metrics"), MetricsService::schemaSteps(), error))
        return false;
    auto *metrics = own<MetricsService>(m_parts, m_db.db());
    if (!metrics->load(error))
        return false;
    metrics->sampler().setIntervalMs(m_config.sampleIntervalMs);
    m_services.metrics = metrics;
    const Policy &p = m_services.policy->policy();
    metrics->setGovernorBudgets(p.governorCpuPercent, p.governorIoPercent);
    connect(m_services.policy, &PolicyStore::changed, metrics, [metrics](const Policy &policy) {
        metrics->setGovernorBudgets(policy.governorCpuPercent, policy.governorIoPercent);
    });
    // Baselines are learnt from periods without scans; the governor holds
    // scans back while the rest of the host is busy.
    connect(m_services.scans, &ScanScheduler::jobEvent, metrics,
        [this, metrics] { metrics->setScanning(m_services.scans->anyRunning()); });
    connect(&metrics->governor(), &ScanGovernor::pauseRequested, this,
        [this, metrics](const QString &reason) {
            m_services.scans->setPaused(true, reason, metrics->governor().hold());
            m_services.events->append(QStringLiteral("scan.governor"),
                {{QStringLiteral("paused"), true}, {QStringLiteral("reason"), reason},
                    {QStringLiteral("held_back"), metrics->governor().hold()}});
        });
    connect(&metrics->governor(), &ScanGovernor::resumeRequested, this, [this] {
        m_services.scans->setPaused(false, {});
        m_services.events->append(
            QStringLiteral("scan.governor"), {{QStringLiteral("paused"), false}});
    });
    metrics->start();
    return true;
}

void ApplianceDaemon::setVmSources(const QHash<QString, LabVmSource> &sources)
{
    if (!m_services.metrics)
        return;
    // Metrics are keyed by VM id; the lab knows its VMs by name.
    QHash<QString, VmSource> byId;
    for (const VmRecord &vm : m_services.inventory->vms()) {
        const auto it = sources.constFind(vm.name);
        if (it == sources.constEnd())
            continue;
        // The process tree gives CPU, memory and I/O everywhere; a cgroup
        // here may lack the memory controller.
        byId.insert(vm.id.toString(QUuid::WithoutBraces), VmSource::processTree(it->pid));
    }
    m_services.metrics->setVmSources(byId);
}

void ApplianceDaemon::stop()
{
    if (m_http)
        m_http->stop();
    m_http.reset();
    m_api.reset();
    if (m_services.metrics) {
        QString error;
        if (!m_services.metrics->flush(&error))
            qWarning("metrics not saved: %s", qPrintable(error));
        m_services.metrics->stop();
    }
    if (m_services.scans)
        m_services.scans->stopAll();
    m_realtime.reset();
    m_keeper.reset();
    if (m_cache && m_running) {
        QString error;
        if (!m_cache->save(cachePath(), &error))
            qWarning("scan cache not saved: %s", qPrintable(error));
        if (m_imageIndex && !m_imageIndex->save(imageIndexPath(), &error))
            qWarning("golden image index not saved: %s", qPrintable(error));
    }
    while (!m_parts.empty())
        m_parts.pop_back();
    delete m_services.users;
    delete m_services.sessions;
    delete m_services.throttle;
    delete m_services.audit;
    m_services = {};
    m_alerts.reset();
    m_patternChanges.reset();
    m_protection.reset();
    m_cache.reset();
    m_imageIndex.reset();
    m_vault.reset();
    m_vmIds.reset();
    m_db.close();
    m_lock.reset();
    m_running = false;
}

QString ApplianceDaemon::fingerprint() const
{
    return m_tls ? m_tls->fingerprint() : QString();
}

quint16 ApplianceDaemon::port() const
{
    return m_http ? m_http->port() : 0;
}

void ApplianceDaemon::mirrorAuditToSyslog(bool on)
{
    if (on)
        m_services.audit->setMirror(
            [alerts = m_alerts.get()](const AuditRecord &r) { alerts->mirrorAudit(r.toJson()); });
}

} // namespace mamori::appliance
