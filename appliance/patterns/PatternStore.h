// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/engine/ScanEngine.h"
#include "appliance/patterns/PatternBundle.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace mamori::appliance {

struct PatternVersion
{
    qint64 version = 0;
    QDateTime released;
    QDateTime installed;
    qint64 signatures = 0;
    QString keyId;
    QList<PatternFile> files;
};

// The installed patterns in DATA/patterns (layout in docs/patterns.md):
// trusted keys, the active version and the ones kept for rollback, and a
// small state file replaced atomically. Every change happens under a lock
// file, after re-reading the state, so that the daemon and a `pattern
// import` run at the same time cannot undo each other's work.
//
// Failures report `code`, a protocol error code name (invalid_argument: the
// bundle is refused; conflict: not newer, nothing to roll back to;
// storage_full, storage_read_only, storage_unavailable: the data folder
// could not take it; internal: another I/O fault), and an English `message`.
class PatternStore
{
public:
    // A failure that is the bundle's (it is remembered and alerted as
    // refused), not the appliance's: neither internal nor a storage error.
    static bool isRefusal(const QString &code);

    static constexpr int kKeepPrevious = 2;

    explicit PatternStore(const QString &dataDir);

    bool open(QString *error);
    // Re-reads the state file (another process may have changed it).
    bool reload(QString *error);

    const QString &root() const { return m_root; }
    QString trustedDir() const;
    QString versionDir(qint64 version) const;

    std::optional<PatternVersion> active() const;
    QList<PatternVersion> previous() const; // newest first
    // The newest version ever rolled back from: updates skip it and older.
    qint64 rolledBackFrom() const { return m_rolledBackFrom; }
    // Updates may install the versions rolled back from again.
    bool allowAgain(QString *error);
    QJsonObject sourceState() const { return m_source; }
    bool setSourceState(const QJsonObject &state, QString *error);

    bool trustKey(const QString &publicKeyFile, QString *keyId, QString *error);

    struct Prepared
    {
        PatternVersion info;
        QString stagingDir;
        std::shared_ptr<const ScanEngine> engine;
    };
    // Verifies the bundle, extracts it into a staging directory and compiles
    // an engine from it, refusing a version not above `mustExceed`. Changes
    // nothing anyone sees; safe on a worker thread while the owner goes on.
    bool prepare(const QString &bundle, qint64 mustExceed, const ScanEngine::Limits &limits,
        Prepared *out, QString *code, QString *message) const;
    // Called under the lock right before the state file makes `to` active
    // (`how`: update, import, rollback): the appliance writes its intent
    // there, so that a crash after the switch is finished by recovery with
    // the switch's audit record and event. false (and *code, *message)
    // calls the change off; nothing is switched then.
    using ActivationHook = std::function<bool(
        qint64 from, qint64 to, const QString &how, QString *code, QString *message)>;
    void setActivationHook(ActivationHook hook) { m_beforeActivation = std::move(hook); }

    // Makes a prepared version the active one, unless it is no longer newer
    // than the active one; either way the staging directory is gone after.
    bool commit(Prepared *prepared, QString *code, QString *message,
        const QString &how = QStringLiteral("update"));
    void discard(Prepared *prepared) const;
    bool install(const QString &bundle, const ScanEngine::Limits &limits, Prepared *installed,
        QString *code, QString *message);

    // Makes the newest kept version below the active one active, once its
    // files check out and it compiles; otherwise nothing changes.
    bool rollback(const ScanEngine::Limits &limits, std::shared_ptr<const ScanEngine> *engine,
        QString *code, QString *message);
    // Checks the active version's files against its manifest and compiles it.
    std::shared_ptr<const ScanEngine> compileActive(
        const ScanEngine::Limits &limits, QString *error) const;

private:
    std::shared_ptr<const ScanEngine> compileVersion(
        const PatternVersion &v, const ScanEngine::Limits &limits, QString *error) const;
    bool save(QString *error);
    QString lockFile() const;

    QString m_root;
    QList<PatternVersion> m_versions; // kept versions, newest first
    qint64 m_active = 0; // 0: none
    qint64 m_rolledBackFrom = 0;
    QJsonObject m_source; // PatternService's view of the update source
    ActivationHook m_beforeActivation;
};

} // namespace mamori::appliance
