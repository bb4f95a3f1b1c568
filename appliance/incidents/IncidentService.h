// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/incidents/IncidentStore.h"
#include "appliance/quarantine/QuarantineVault.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace mamori::appliance {

// Turns detections into incidents and carries out the actions on them.
//
// Rules:
// - A detection whose SHA-256 is on the allow list makes no incident (it is
//   counted). One that matches an unresolved incident for the same VM, path
//   and SHA-256 whose file should still be in the VM (action none, restored)
//   only updates last_seen; a file that comes back after it was quarantined
//   or deleted opens a new incident.
// - A restored file detected again reopens its incident, resolved or not:
//   state "new" again, a "reopened" history entry (incidentReopened).
// - New "high" incidents get the automatic action (quarantine by default);
//   "medium" ones (no verdict) wait for a person. A restored file detected
//   again is not acted on automatically: allow it to keep it for good.
// - allow trusts the hash from then on, restores the file first if it is in
//   quarantine, and resolves the incident.
// - delete of a file still in the VM goes through the vault (quarantine,
//   then destroy), so the same checks apply: no symbolic links, same bytes
//   as detected.
// - Every file action starts at the VM root the file was found under and
//   follows no symbolic link on the way (fs::VmRoot); one that would is
//   refused with unsafe_path and changes nothing.
// - A resolved incident still accepts the file and VM actions (restore,
//   delete, allow, quarantine, isolate-vm, release-vm), and reopens only
//   when its restored file is detected again; acknowledge, assign and
//   resolve are refused on it.
// - An incident counts as open (the VM is "infected") until it is resolved.
class IncidentService : public QObject
{
    Q_OBJECT

public:
    // `db` must have the schemaSteps() applied; `vault` must be open and
    // recovered, and outlive this object.
    IncidentService(const QSqlDatabase &db, QuarantineVault *vault, QObject *parent = nullptr);

    static QList<const char *> schemaSteps() { return IncidentStore::schemaSteps(); }
    static QStringList actions();

    // Cuts or restores a VM's network for isolate-vm and release-vm; false
    // (and *error) refuses the action. Without one, isolation is a flag.
    using IsolationHook = std::function<bool(const QString &vmId, bool isolate, QString *error)>;
    void setIsolationHook(IsolationHook hook) { m_isolationHook = std::move(hook); }
    // Says why the files of a VM cannot be quarantined, deleted or restored
    // (an image VM: its files are inside a disk image the appliance only
    // reads), or nothing when they can. Refused actions are not attempted,
    // and the automatic action is not tried on such a VM's detections.
    using FileActionGate = std::function<std::optional<QuarantineError>(const QString &vmId)>;
    void setFileActionGate(FileActionGate gate) { m_fileActionGate = std::move(gate); }

    // An automatic action the vault could not carry out (its folder full,
    // read-only, failing) is tried again this often until it can, without
    // waiting for the file to be found again. Default 2 s.
    void setAutomaticRetryMs(int ms) { m_automaticRetry.setInterval(ms); }
    int automaticRetries() const { return int(m_retryAutomatic.size()); }

    // "quarantine" (default), "delete" or "none"; false for anything else.
    bool setAutomaticAction(const QString &action);
    QString automaticAction() const { return m_automaticAction; }

    // A VM, a path and a SHA-256: what recordDetection needs.
    static bool isUsable(const Detection &detection);
    // The incident opened or updated; nullopt when the hash is allowed or
    // the detection is unusable or the database did not take it (then
    // `error` says why).
    std::optional<Incident> recordDetection(const Detection &detection, QString *error = nullptr);

    // `code` receives a protocol::ErrorCode name on refusal or failure, and
    // `reason` a protocol::ConflictReason name when the state refused it.
    bool act(const QString &id, const QString &action, const QString &note, const QString &user,
        const QString &assignee, QString *code, QString *message, QString *reason = nullptr);

    // Undoes what the last act() changed outside the database when its
    // record did not commit (act() itself does when the incident's row is
    // refused; the caller when the transaction around it fails): a file
    // moved into the vault goes back where it was (the vault's restore, by
    // the safe path module), a VM's network isolation is reversed. What
    // cannot be undone stays in the vault, listed with its original path,
    // and is logged. Idempotent.
    void undoLastAct();
    // Finishes the last act() once its record has committed: the file of a
    // deleted incident, held in the vault until then so that a refused
    // record could give it back, is removed for good.
    void finishLastAct();

    std::optional<Incident> get(const QString &id) const { return m_store.get(id); }
    QList<Incident> list(const IncidentFilter &filter) const { return m_store.list(filter); }
    int openCount(const QString &vmId) const { return m_store.openCount(vmId); }
    QHash<QString, int> openCountsByVm() const { return m_store.openCountsByVm(); }
    bool isAllowed(const QString &sha256) const { return m_store.isAllowed(sha256.toLower()); }
    QSet<QString> allowedHashes() const { return m_store.allowedHashes(); }
    qint64 allowedDetections() const { return m_store.allowedHits(); }
    bool isIsolated(const QString &vmId) const { return m_store.isIsolated(vmId); }
    // For re-applying isolation at startup.
    QStringList isolatedVms() const { return m_store.isolatedVms(); }

Q_SIGNALS:
    void incidentOpened(const QJsonObject &incident);
    void incidentChanged(const QJsonObject &incident);
    // A restored file was detected again: its incident (acknowledged or
    // resolved before) is "new" again; `why` for the audit log.
    void incidentReopened(const QJsonObject &incident, const QString &why);
    void vmIsolationChanged(const QString &vmId, bool isolated);

private:
    std::optional<QuarantineError> apply(Incident &incident, const QString &action,
        const QString &user, const QString &assignee, const QString &note, bool *attempted);
    std::optional<QuarantineError> applyToFile(
        Incident &incident, const QString &action, bool *attempted);
    void applyAutomaticAction(Incident &incident, bool retry);
    // The vault items of deleted incidents whose removal a crash cut short.
    void removeDeletedFiles();
    bool removeDeletedFile(Incident incident);
    void retryAutomaticActions();
    std::optional<QuarantineError> fileActionRefused(const Incident &incident) const;
    bool record(Incident &incident, const QString &action, const QString &user, const QString &note,
        const std::optional<QuarantineError> &failure);

    // What the action being applied changed outside the database.
    struct Effects
    {
        QString incident;
        QString vaultItem; // moved into the vault by a quarantine
        QString restoredItem; // given back to the VM by a restore (or an allow)
        fs::VmFile restoredTo;
        QString restoredSha256;
        QString deletedItem; // held in the vault until the delete commits
        QString vm;
        std::optional<bool> isolated; // the hypervisor was told
    };

    IncidentStore m_store;
    QuarantineVault *m_vault;
    Effects m_effects;
    QStringList m_retryAutomatic; // incident ids, oldest first
    QTimer m_automaticRetry;
    IsolationHook m_isolationHook;
    FileActionGate m_fileActionGate;
    QString m_automaticAction = QStringLiteral("quarantine");
};

} // namespace mamori::appliance
