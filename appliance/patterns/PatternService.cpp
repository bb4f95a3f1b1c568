// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/patterns/PatternService.h"

#include "appliance/fs/StorageFault.h"
#include "appliance/patterns/FileOps_p.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QMutexLocker>

#include <sodium.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

const QString kUpdated = QStringLiteral("updated");
const QString kUpToDate = QStringLiteral("up_to_date");
const QString kUpdateAvailable = QStringLiteral("update_available");

QJsonValue isoOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString versionText(qint64 version)
{
    return version > 0 ? QString::number(version) : QString();
}

} // namespace

PatternService::PatternService(const QString &dataDir, QObject *parent)
    : QObject(parent), m_store(dataDir)
{
    m_pool.setMaxThreadCount(1);
    m_autoCheck.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_autoCheck, &QTimer::timeout, this, [this] { checkForUpdate({}); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &PatternService::reloadStore);
}

PatternService::~PatternService()
{
    m_cancel = true; // a running transfer stops at its next progress callback
    m_pool.waitForDone();
}

bool PatternService::open(QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium could not be initialised");
        return false;
    }
    if (!m_store.open(error))
        return false;
    if (const auto active = m_store.active()) {
        QString why;
        auto compiled = m_store.compileActive(m_engineLimits, &why);
        qint64 version = active->version;
        if (!compiled) {
            // Better an older pattern than none: fall back to the previous one.
            qWarning(
                "pattern %lld cannot be used (%s); rolling back", active->version, qPrintable(why));
            QString code;
            if (m_store.rollback(m_engineLimits, &compiled, &code, &why))
                version = m_store.active()->version;
            else
                qWarning("no usable pattern: %s", qPrintable(why));
        }
        QMutexLocker lock(&m_engineMutex);
        m_engine = std::move(compiled);
        m_engineVersion = m_engine ? version : 0;
    }
    m_watcher.addPath(m_store.root());
    return true;
}

bool PatternService::setSource(const QString &source, QString *error)
{
    if (!source.isEmpty() && !patternsource::isValidSource(source, error))
        return false;
    m_source = source;
    return true;
}

void PatternService::setAutoCheckInterval(qint64 seconds)
{
    if (seconds <= 0) {
        m_autoCheck.stop();
        return;
    }
    m_autoCheck.start(int(qMin<qint64>(seconds, 24 * 3600) * 1000));
}

std::shared_ptr<const ScanEngine> PatternService::engine() const
{
    QMutexLocker lock(&m_engineMutex);
    return m_engine;
}

QString PatternService::activeVersion() const
{
    QMutexLocker lock(&m_engineMutex);
    return versionText(m_engineVersion);
}

QDateTime PatternService::activeReleased() const
{
    const auto v = m_store.active();
    return v ? v->released : QDateTime();
}

QJsonObject PatternService::status() const
{
    QJsonValue active;
    if (const auto v = m_store.active())
        active = QJsonObject {{QStringLiteral("version"), versionText(v->version)},
            {QStringLiteral("released"), isoOrNull(v->released)},
            {QStringLiteral("installed"), isoOrNull(v->installed)},
            {QStringLiteral("signatures"), v->signatures}};
    QJsonArray previous;
    for (const PatternVersion &v : m_store.previous())
        previous.append(QJsonObject {{QStringLiteral("version"), versionText(v.version)},
            {QStringLiteral("released"), isoOrNull(v.released)}});
    QJsonObject source = m_store.sourceState();
    if (source.value(QStringLiteral("url")).toString() != m_source)
        source = {}; // what we knew was about another source
    QJsonObject out {{QStringLiteral("url"), m_source}};
    for (const char *key : {"newest", "newest_released", "checked", "seen_since", "error"})
        out.insert(QLatin1String(key),
            source.value(QLatin1String(key)).isUndefined() ? QJsonValue()
                                                           : source.value(QLatin1String(key)));
    // One answer to "is there something newer?", for every console page.
    const qint64 newest = source.value(QStringLiteral("newest")).toString().toLongLong();
    const qint64 rolledBackFrom = m_store.rolledBackFrom();
    const qint64 activeVersion = m_store.active() ? m_store.active()->version : 0;
    out.insert(
        QStringLiteral("update_available"), newest > activeVersion && newest > rolledBackFrom);
    out.insert(QStringLiteral("held_back"),
        newest > activeVersion && newest <= rolledBackFrom ? QJsonValue(versionText(rolledBackFrom))
                                                           : QJsonValue());
    return {{QStringLiteral("active"), active}, {QStringLiteral("previous"), previous},
        {QStringLiteral("source"), out}};
}

void PatternService::checkForUpdate(Done done, bool install)
{
    // An explicit check retries a refused bundle: the admin may have trusted
    // its key since; the periodic one does not download it again.
    if (done) {
        if (install)
            m_refusedSha256.clear();
        m_waiters.append(std::move(done));
    }
    if (m_checking) {
        // A check that only reads the index cannot answer one that installs:
        // that one runs when it ends.
        if (install && !m_checkInstalls)
            m_installAgain = true;
        return;
    }
    m_checkInstalls = install;
    if (m_source.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            const QList<Done> waiters = std::exchange(m_waiters, {});
            for (const Done &d : waiters)
                d(false, QStringLiteral("unavailable"),
                    QStringLiteral("no update source is configured"));
        });
        return;
    }
    m_checking = true;
    CheckInput in {m_store, m_source, m_engineVersion, m_store.rolledBackFrom(), m_fetchLimits,
        m_engineLimits, m_refusedSha256, m_refusedReason, &m_cancel, install};
    m_pool.start([this, in] {
        CheckResult result = runCheck(in);
        QMetaObject::invokeMethod(
            this, [this, source = in.source, result] { finishCheck(source, result); },
            Qt::QueuedConnection);
    });
}

PatternService::CheckResult PatternService::runCheck(const CheckInput &in)
{
    CheckResult r;
    QString error;
    if (!patternsource::fetchIndex(in.source, in.fetchLimits, &r.index, &error, in.cancel)) {
        r.code = QStringLiteral("unavailable");
        r.message = QStringLiteral("the update source is not available: %1").arg(error);
        return r;
    }
    r.indexOk = true;
    if (r.index.version <= in.active) {
        r.code = kUpToDate;
        r.message = QStringLiteral("version %1 is installed; the source offers %2")
                        .arg(in.active)
                        .arg(r.index.version);
        return r;
    }
    if (r.index.version <= in.rolledBackFrom) {
        r.code = kUpToDate;
        r.message = QStringLiteral("the source offers %1, which was rolled back; waiting for a "
                                   "newer version")
                        .arg(r.index.version);
        return r;
    }
    if (!in.install) {
        r.code = kUpdateAvailable;
        r.message = QStringLiteral("version %1 is available; %2 is installed")
                        .arg(r.index.version)
                        .arg(in.active);
        return r;
    }
    if (r.index.sha256 == in.refusedSha256) {
        r.code = QStringLiteral("invalid_argument");
        r.message = in.refusedReason;
        return r;
    }
    char random[8];
    randombytes_buf(random, sizeof random);
    const QString download = in.store.root()
        + QStringLiteral("/staging/%1-%2.bundle")
              .arg(::getpid())
              .arg(QString::fromLatin1(QByteArray(random, 8).toHex()));
    int writeErrno = 0;
    if (!patternsource::fetchBundle(
            r.index, download, in.fetchLimits, &error, in.cancel, &writeErrno)) {
        QFile::remove(download);
        if (writeErrno != 0) { // our disk, not the source
            const StorageFault fault = storageFaultFromErrno(writeErrno);
            r.code = protocol::errorCodeName(errorCodeFor(fault));
            r.message = describeStorageFault(fault, in.store.root(),
                QStringLiteral("cannot download version %1: %2").arg(r.index.version).arg(error));
            return r;
        }
        r.code = QStringLiteral("unavailable");
        r.message =
            QStringLiteral("cannot download version %1: %2").arg(r.index.version).arg(error);
        return r;
    }
    PatternStore::Prepared prepared;
    if (in.store.prepare(download, in.active, in.engineLimits, &prepared, &r.code, &r.message)) {
        r.prepared = prepared;
    } else {
        r.refused = PatternStore::isRefusal(r.code);
        if (prepared.info.version == 0 || prepared.info.version == r.index.version)
            r.message =
                QStringLiteral("version %1 refused: %2").arg(r.index.version).arg(r.message);
        else // the index and the signed manifest disagree; believe the manifest
            r.message = QStringLiteral("the index offers %1 but the bundle is %2: %3")
                            .arg(r.index.version)
                            .arg(prepared.info.version)
                            .arg(r.message);
    }
    QFile::remove(download);
    return r;
}

void PatternService::finishCheck(const QString &source, CheckResult r)
{
    m_checking = false;
    bool ok = r.code == kUpToDate || r.code == kUpdateAvailable;
    if (r.prepared) {
        const qint64 version = r.prepared->info.version;
        if (m_store.commit(&*r.prepared, &r.code, &r.message)) {
            switchTo(r.prepared->engine, version, QStringLiteral("update"));
            ok = true;
            r.code = kUpdated;
            r.message = QStringLiteral("version %1 is installed").arg(version);
        } else {
            refused(version, r.code, r.message);
        }
    } else if (r.refused) {
        m_refusedSha256 = r.index.sha256;
        m_refusedReason = r.message;
        refused(r.index.version, r.code, r.message);
    }
    if (source == m_source) {
        updateSourceState([&](QJsonObject &s) {
            s.insert(QStringLiteral("checked"), isoOrNull(QDateTime::currentDateTimeUtc()));
            s.insert(QStringLiteral("error"), ok ? QJsonValue() : QJsonValue(r.message));
            if (r.indexOk) {
                s.insert(QStringLiteral("newest"), versionText(r.index.version));
                s.insert(QStringLiteral("newest_released"), isoOrNull(r.index.released));
            }
        });
        checkStaleness(true);
    }
    if (std::exchange(m_installAgain, false)) {
        // Those waiting asked to install: they get that check's answer.
        checkForUpdate(nullptr, true);
        return;
    }
    const QList<Done> waiters = std::exchange(m_waiters, {});
    for (const Done &d : waiters)
        d(ok, r.code, r.message);
}

bool PatternService::importBundle(const QString &path, QString *code, QString *message)
{
    PatternStore::Prepared installed;
    if (!m_store.install(path, m_engineLimits, &installed, code, message)) {
        refused(installed.info.version, *code, *message);
        return false;
    }
    switchTo(installed.engine, installed.info.version, QStringLiteral("import"));
    *message = QStringLiteral("version %1 is installed").arg(installed.info.version);
    return true;
}

bool PatternService::rollback(QString *code, QString *message)
{
    std::shared_ptr<const ScanEngine> compiled;
    if (!m_store.rollback(m_engineLimits, &compiled, code, message))
        return false;
    const qint64 version = m_store.active()->version;
    switchTo(std::move(compiled), version, QStringLiteral("rollback"));
    *message = QStringLiteral("rolled back to version %1").arg(version);
    return true;
}

bool PatternService::allowAgain(QString *code, QString *message)
{
    const qint64 held = m_store.rolledBackFrom();
    if (held == 0) {
        *code = QStringLiteral("conflict");
        *message = QStringLiteral("no pattern version is held back");
        return false;
    }
    QString error;
    if (!m_store.allowAgain(&error)) {
        *code = QStringLiteral("internal");
        *message = error;
        return false;
    }
    *message = QStringLiteral("versions up to %1 may be installed again").arg(held);
    checkStaleness(false);
    return true;
}

void PatternService::setEngineLimits(const ScanEngine::Limits &limits)
{
    if (limits == m_engineLimits)
        return;
    m_engineLimits = limits;
    qint64 version;
    {
        QMutexLocker lock(&m_engineMutex);
        version = m_engine ? m_engineVersion : 0;
    }
    if (version == 0)
        return; // the next compile uses them
    m_pool.start([this, store = m_store, limits, version] {
        const auto active = store.active();
        if (!active || active->version != version)
            return;
        QString error;
        std::shared_ptr<const ScanEngine> compiled = store.compileActive(limits, &error);
        QMetaObject::invokeMethod(
            this,
            [this, compiled, limits, version, error] {
                if (!(limits == m_engineLimits) || version != m_engineVersion)
                    return; // superseded by newer limits or another pattern
                if (!compiled) {
                    qWarning(
                        "pattern %lld with the new scan limits: %s", version, qPrintable(error));
                    return;
                }
                {
                    QMutexLocker lock(&m_engineMutex);
                    m_engine = compiled; // scans holding the old engine keep it alive
                }
                emit limitsApplied();
            },
            Qt::QueuedConnection);
    });
}

void PatternService::switchTo(
    std::shared_ptr<const ScanEngine> engine, qint64 version, const QString &how)
{
    qint64 previous;
    {
        QMutexLocker lock(&m_engineMutex);
        previous = m_engineVersion;
        m_engine = std::move(engine); // scans holding the old engine keep it alive
        m_engineVersion = version;
    }
    checkStaleness(false);
    // The same version again (a reload, an import of what is active) is no
    // change: no event, no audit record, no emptied scan cache.
    if (version != previous)
        emit patternChanged(versionText(version), versionText(previous), how);
}

void PatternService::refused(qint64 version, const QString &code, const QString &message)
{
    if (PatternStore::isRefusal(code))
        emit patternRefused(versionText(version), message);
}

void PatternService::updateSourceState(const std::function<void(QJsonObject &)> &change)
{
    QJsonObject s = m_store.sourceState();
    if (s.value(QStringLiteral("url")).toString() != m_source)
        s = {{QStringLiteral("url"), m_source}};
    change(s);
    QString error;
    if (s != m_store.sourceState() && !m_store.setSourceState(s, &error))
        qWarning("cannot record the update source's state: %s", qPrintable(error));
}

void PatternService::checkStaleness(bool alert)
{
    const QJsonObject s = m_store.sourceState();
    if (s.value(QStringLiteral("url")).toString() != m_source || m_source.isEmpty())
        return;
    const qint64 newest = s.value(QStringLiteral("newest")).toString().toLongLong();
    // A version the admin rolled back from is known and not "missed".
    const qint64 have = qMax(m_engineVersion, m_store.rolledBackFrom());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime since =
        QDateTime::fromString(s.value(QStringLiteral("seen_since")).toString(), Qt::ISODate);
    if (newest <= have) {
        if (since.isValid())
            updateSourceState(
                [](QJsonObject &o) { o.insert(QStringLiteral("seen_since"), QJsonValue()); });
        return;
    }
    if (!since.isValid()) {
        since = now;
        updateSourceState(
            [&](QJsonObject &o) { o.insert(QStringLiteral("seen_since"), isoOrNull(now)); });
    }
    const qint64 seconds = since.secsTo(now);
    if (alert && seconds >= m_staleSeconds)
        emit staleAlert(versionText(newest), seconds);
}

void PatternService::reloadStore()
{
    QString error;
    if (!m_store.reload(&error))
        return;
    const auto active = m_store.active();
    if (!active || active->version == m_engineVersion)
        return;
    auto compiled = m_store.compileActive(m_engineLimits, &error);
    if (!compiled) {
        qWarning("pattern %lld cannot be used: %s", active->version, qPrintable(error));
        return;
    }
    switchTo(std::move(compiled), active->version, QStringLiteral("import"));
}

} // namespace mamori::appliance
