// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/engine/ScanEngine.h"
#include "appliance/patterns/PatternSource.h"
#include "appliance/patterns/PatternStore.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace mamori::appliance {

// The appliance's pattern: the current engine, updates from the source,
// offline imports and rollback. Lives on the Qt main thread; network and
// file transfers, verification and compiling an update run on a worker
// thread and only the final switch happens here.
//
// Hot swap: engine() hands out a shared_ptr; a scan keeps the engine it
// started with, and after the first install engine() is never null.
class PatternService : public QObject
{
    Q_OBJECT
public:
    // ok; code: "updated" / "up_to_date" when ok, a protocol error code name
    // otherwise (unavailable, invalid_argument, conflict, internal).
    using Done = std::function<void(bool ok, const QString &code, const QString &message)>;

    explicit PatternService(const QString &dataDir, QObject *parent = nullptr);
    ~PatternService() override;

    // Opens DATA/patterns and compiles the active version, if any.
    bool open(QString *error);
    // See PatternStore::setActivationHook: every switch this service makes
    // goes through it.
    void setActivationHook(PatternStore::ActivationHook hook)
    {
        m_store.setActivationHook(std::move(hook));
    }

    // "https://HOST/index.json", "http://...", "dir:/FOLDER" or empty (none).
    bool setSource(const QString &source, QString *error);
    QString source() const { return m_source; }
    // New limits apply to the active pattern too: it is compiled again with
    // them off this thread and swapped in (limitsApplied()) unless the
    // pattern changed meanwhile.
    void setEngineLimits(const ScanEngine::Limits &limits);
    void setFetchLimits(const PatternFetchLimits &limits) { m_fetchLimits = limits; }
    // Checks the source every `seconds` (0: only when asked).
    void setAutoCheckInterval(qint64 seconds);
    // How long the source may offer a newer version before staleAlert.
    void setStaleThreshold(qint64 seconds) { m_staleSeconds = seconds; }

    std::shared_ptr<const ScanEngine> engine() const;
    QString activeVersion() const;
    // Release time of the active version; invalid while none is installed.
    QDateTime activeReleased() const;
    // The body of GET /api/v1/patterns (docs/patterns.md).
    QJsonObject status() const;
    bool isChecking() const { return m_checking; }

    // Asynchronous; `done` runs on this object's thread. A call while a check
    // runs joins it. The periodic check passes no `done` and does not fetch a
    // bundle refused before again until the index names another one.
    // `install` false only reads the source's index ("Check now"): code
    // "update_available" or "up_to_date", nothing is downloaded or changed.
    void checkForUpdate(Done done, bool install = true);
    bool importBundle(const QString &path, QString *code, QString *message);
    // Re-reads DATA/patterns, where another process (a `pattern import`)
    // may have installed a version, and switches to its active one.
    void reloadStore();
    bool rollback(QString *code, QString *message);
    // Lifts the hold a rollback put on newer versions (docs/api.md,
    // allow-again); conflict when nothing is held back.
    bool allowAgain(QString *code, QString *message);

signals:
    // how: "update", "import" (also a `pattern import` run beside the daemon)
    // or "rollback". previousVersion is empty after the first install.
    void patternChanged(const QString &version, const QString &previousVersion, const QString &how);
    void patternRefused(const QString &version, const QString &reason);
    void staleAlert(const QString &newestVersion, qint64 secondsAvailable);
    // The active pattern's engine now has the limits last set.
    void limitsApplied();

private:
    struct CheckResult
    {
        bool indexOk = false;
        PatternSourceIndex index;
        QString code;
        QString message;
        bool refused = false; // the bundle itself was refused, not the transfer
        std::optional<PatternStore::Prepared> prepared;
    };

    // Everything a check needs, copied, so the worker shares nothing.
    struct CheckInput
    {
        PatternStore store;
        QString source;
        qint64 active = 0;
        qint64 rolledBackFrom = 0;
        PatternFetchLimits fetchLimits;
        ScanEngine::Limits engineLimits;
        QByteArray refusedSha256;
        QString refusedReason;
        const std::atomic<bool> *cancel = nullptr;
        bool install = true;
    };

    static CheckResult runCheck(const CheckInput &in);
    void finishCheck(const QString &source, CheckResult result);
    void switchTo(std::shared_ptr<const ScanEngine> engine, qint64 version, const QString &how);
    void refused(qint64 version, const QString &code, const QString &message);
    void updateSourceState(const std::function<void(QJsonObject &)> &change);
    void checkStaleness(bool alert);

    PatternStore m_store;
    QString m_source;
    ScanEngine::Limits m_engineLimits;
    PatternFetchLimits m_fetchLimits;
    qint64 m_staleSeconds = 3600;

    mutable QMutex m_engineMutex;
    std::shared_ptr<const ScanEngine> m_engine;
    qint64 m_engineVersion = 0;

    bool m_checking = false;
    bool m_checkInstalls = true; // the running check's kind
    bool m_installAgain = false; // an install asked while a check-only one ran
    QList<Done> m_waiters;
    // The bundle the last check refused, so periodic checks skip it.
    QByteArray m_refusedSha256;
    QString m_refusedReason;

    QTimer m_autoCheck;
    QFileSystemWatcher m_watcher;
    std::atomic<bool> m_cancel {false};
    QThreadPool m_pool; // last: its destructor waits for the worker
};

} // namespace mamori::appliance
