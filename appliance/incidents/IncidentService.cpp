// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/incidents/IncidentService.h"

#include <QLoggingCategory>

#include <utility>

namespace mamori::appliance {

using protocol::ConflictReason;
using protocol::ErrorCode;

namespace {

Q_LOGGING_CATEGORY(lcIncidents, "mamori.incidents")

const QString kSystem = QStringLiteral("system");
const QString kNone = QStringLiteral("none");
const QString kQuarantined = QStringLiteral("quarantined");
const QString kDeleted = QStringLiteral("deleted");
const QString kRestored = QStringLiteral("restored");
const QString kAllowed = QStringLiteral("allowed");
const QString kResolved = QStringLiteral("resolved");

QuarantineError error(ErrorCode code, const QString &message)
{
    return {code, message};
}

QuarantineError conflict(ConflictReason reason, const QString &message)
{
    return {ErrorCode::Conflict, message, reason};
}

// A file that is missing, replaced or changed is a state the incident is in,
// not a bad request. A path that runs through a symbolic link (or a folder
// that is gone, for a restore) keeps its own code: nothing was touched.
// `restoring`: the vault's conflict is then a file that took the original's
// name; otherwise it is the file, changed since it was detected.
QuarantineError fromVault(const QuarantineError &e, bool restoring)
{
    if (e.code == ErrorCode::Internal || e.code == ErrorCode::UnsafePath)
        return e;
    if (e.code == ErrorCode::NotFound && !restoring)
        return conflict(ConflictReason::FileMissing, e.message);
    if (e.code == ErrorCode::Conflict)
        return conflict(
            restoring ? ConflictReason::FileExists : ConflictReason::FileChanged, e.message);
    return {ErrorCode::Conflict, e.message};
}

bool isSha256(const QString &s)
{
    if (s.size() != 64)
        return false;
    for (const QChar c : s) {
        if (!c.isDigit() && (c < QLatin1Char('a') || c > QLatin1Char('f')))
            return false;
    }
    return true;
}

} // namespace

IncidentService::IncidentService(const QSqlDatabase &db, QuarantineVault *vault, QObject *parent)
    : QObject(parent), m_store(db), m_vault(vault)
{
    m_automaticRetry.setInterval(2000);
    connect(&m_automaticRetry, &QTimer::timeout, this, &IncidentService::retryAutomaticActions);
    removeDeletedFiles();
}

void IncidentService::removeDeletedFiles()
{
    // A deleted incident names its file's vault item only between the
    // commit of the delete and the file's removal.
    for (const Incident &inc : m_store.awaitingRemoval())
        if (removeDeletedFile(inc))
            qCWarning(lcIncidents)
                << "the file of deleted incident" << inc.id << "was still in the vault: removed";
}

bool IncidentService::removeDeletedFile(Incident inc)
{
    QuarantineError e;
    if (!m_vault->destroy(inc.quarantineId, &e) && e.code != ErrorCode::NotFound) {
        qCWarning(lcIncidents) << "cannot remove the file of deleted incident" << inc.id
                               << "from the vault (" << e.message << "): tried again at start";
        return false;
    }
    inc.quarantineId.clear();
    QString dbError;
    if (!m_store.update(inc, nullptr, &dbError))
        qCWarning(lcIncidents) << "incident" << inc.id
                               << "still names its removed vault item:" << dbError;
    return true;
}

void IncidentService::finishLastAct()
{
    const Effects effects = std::exchange(m_effects, {});
    if (effects.deletedItem.isEmpty())
        return;
    if (std::optional<Incident> inc = m_store.get(effects.incident))
        removeDeletedFile(*inc);
}

QStringList IncidentService::actions()
{
    return {QStringLiteral("quarantine"), QStringLiteral("delete"), QStringLiteral("restore"),
        QStringLiteral("allow"), QStringLiteral("isolate-vm"), QStringLiteral("release-vm"),
        QStringLiteral("acknowledge"), QStringLiteral("assign"), QStringLiteral("resolve")};
}

bool IncidentService::setAutomaticAction(const QString &action)
{
    if (action != QLatin1String("quarantine") && action != QLatin1String("delete")
        && action != kNone)
        return false;
    m_automaticAction = action;
    return true;
}

bool IncidentService::isUsable(const Detection &d)
{
    return !d.vmId.isEmpty() && !d.vmPath.isEmpty() && isSha256(d.sha256.toLower());
}

std::optional<Incident> IncidentService::recordDetection(const Detection &d, QString *errorText)
{
    const QString sha = d.sha256.toLower();
    if (!isUsable(d)) {
        if (errorText)
            *errorText = QStringLiteral("a detection needs a VM, a path and a SHA-256");
        return std::nullopt;
    }
    const QString hostPath =
        d.hostPath.isEmpty() ? fs::VmFile {d.root, d.vmPath}.hostPath() : d.hostPath;
    if (m_store.isAllowed(sha)) {
        m_store.countAllowedHit(sha);
        return std::nullopt;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString dbError;
    std::optional<Incident> open = m_store.findOpen(d.vmId, d.vmPath, sha);
    if (!open) {
        // A file given back to the VM whose incident was resolved meanwhile:
        // the same incident, reopened.
        open = m_store.findLatest(d.vmId, d.vmPath, sha);
        if (open && open->action != kRestored)
            open.reset();
    }
    if (open && (open->action == kNone || open->action == kRestored)) {
        open->lastSeen = now;
        ++open->detections;
        open->hostPath = hostPath;
        open->root = d.root;
        if (!d.vmName.isEmpty())
            open->vmName = d.vmName;
        // A restored file detected again needs a person again: its incident
        // goes back to "new" (acted on by nobody, not even automatically).
        const QString wasState = open->state;
        const bool reopen = open->action == kRestored && wasState != QLatin1String("new");
        std::optional<IncidentHistoryEntry> reopened;
        if (reopen) {
            open->state = QStringLiteral("new");
            const QString how = d.jobId.isEmpty() || d.jobId == QLatin1String("realtime")
                ? QStringLiteral("real-time scanning")
                : QStringLiteral("scan %1").arg(d.jobId);
            reopened = IncidentHistoryEntry {now, kSystem, QStringLiteral("reopened"),
                QStringLiteral("the restored file was detected again by %1 (the incident was %2)")
                    .arg(how, wasState),
                QStringLiteral("ok")};
        }
        if (!m_store.update(*open, reopened ? &*reopened : nullptr, &dbError)) {
            if (errorText)
                *errorText = dbError;
            return std::nullopt;
        }
        // An earlier automatic action may have failed (file busy, policy
        // was "none"): try again now that the file is seen again.
        if (open->action == kNone && open->severity == QLatin1String("high"))
            applyAutomaticAction(*open, true);
        const QJsonObject record = m_store.get(open->id).value_or(*open).toJson();
        if (reopened)
            Q_EMIT incidentReopened(record, reopened->note);
        else
            Q_EMIT incidentChanged(record);
        return m_store.get(open->id);
    }

    Incident inc;
    inc.vm = d.vmId;
    inc.vmName = d.vmName;
    inc.path = d.vmPath;
    inc.root = d.root;
    inc.hostPath = hostPath;
    inc.threat = d.threat;
    inc.sha256 = sha;
    inc.size = d.size;
    inc.severity = d.unscannable || d.threat.startsWith(QLatin1String("Heuristics."))
        ? QStringLiteral("medium")
        : QStringLiteral("high");
    inc.source = d.jobId.isEmpty() ? QStringLiteral("realtime") : d.jobId;
    inc.firstSeen = inc.lastSeen = now;
    const QString how = inc.source == QLatin1String("realtime")
        ? QStringLiteral("real-time scanning")
        : QStringLiteral("scan %1").arg(inc.source);
    inc.history.append({now, kSystem, QStringLiteral("detected"),
        QStringLiteral("%1 found by %2").arg(d.threat, how), QStringLiteral("ok")});
    if (!m_store.insert(&inc, &dbError)) {
        qCWarning(lcIncidents) << "cannot record a detection in" << hostPath << ":" << dbError;
        if (errorText)
            *errorText = dbError;
        return std::nullopt;
    }
    Q_EMIT incidentOpened(inc.toJson());
    if (inc.severity == QLatin1String("high"))
        applyAutomaticAction(inc, false);
    return m_store.get(inc.id);
}

std::optional<QuarantineError> IncidentService::fileActionRefused(const Incident &inc) const
{
    return m_fileActionGate ? m_fileActionGate(inc.vm) : std::nullopt;
}

void IncidentService::applyAutomaticAction(Incident &inc, bool retry)
{
    if (m_automaticAction == kNone)
        return;
    // Said once, when the incident opens; not again at every scan.
    if (const auto refused = fileActionRefused(inc)) {
        if (!retry)
            record(inc, m_automaticAction, kSystem, QStringLiteral("automatic action"), refused);
        return;
    }
    bool attempted = false;
    m_effects = {};
    m_effects.incident = inc.id;
    const auto failure = applyToFile(inc, m_automaticAction, &attempted);
    if (failure)
        qCWarning(lcIncidents) << "automatic" << m_automaticAction << "of" << inc.hostPath
                               << "failed:" << failure->message;
    const bool recorded =
        record(inc, m_automaticAction, kSystem, QStringLiteral("automatic action"), failure);
    if (!recorded)
        undoLastAct(); // the incident still says the file is where it was
    else
        finishLastAct();
    // The vault's folder (the data folder) could not take the file: tried
    // again as soon as it can, not at the file's next detection.
    if ((failure && failure->code == ErrorCode::Internal) || !recorded) {
        if (!m_retryAutomatic.contains(inc.id))
            m_retryAutomatic.append(inc.id);
        m_automaticRetry.start();
    }
}

void IncidentService::retryAutomaticActions()
{
    const QStringList ids = std::exchange(m_retryAutomatic, {});
    for (const QString &id : ids) {
        std::optional<Incident> inc = m_store.get(id);
        // Acted on meanwhile (by an admin, or at a new detection): done.
        if (!inc || !inc->isOpen() || inc->action != kNone || m_automaticAction == kNone
            || fileActionRefused(*inc)) {
            continue;
        }
        bool attempted = false;
        m_effects = {};
        m_effects.incident = id;
        const auto failure = applyToFile(*inc, m_automaticAction, &attempted);
        if (failure && failure->code == ErrorCode::Internal) {
            m_effects = {};
            m_retryAutomatic.append(id); // still no room: nothing to record yet
            continue;
        }
        if (!record(*inc, m_automaticAction, kSystem,
                QStringLiteral("automatic action, tried again once the vault could be written"),
                failure)) {
            undoLastAct();
            m_retryAutomatic.append(id);
        }
        m_effects = {};
    }
    if (m_retryAutomatic.isEmpty())
        m_automaticRetry.stop();
}

void IncidentService::undoLastAct()
{
    const Effects effects = std::exchange(m_effects, {});
    if (!effects.restoredItem.isEmpty()) {
        // Back under the name the incident still holds.
        QuarantineError e;
        if (m_vault->quarantine(
                effects.restoredTo, nullptr, &e, effects.restoredSha256, effects.restoredItem))
            qCWarning(lcIncidents) << "incident" << effects.incident
                                   << "was not recorded: its file is back in the vault";
        else
            qCWarning(lcIncidents)
                << "incident" << effects.incident
                << "was not recorded and its restored file could not go back to the vault ("
                << e.message << "): it stays in the VM";
    }
    if (!effects.vaultItem.isEmpty()) {
        QuarantineError e;
        if (m_vault->restore(effects.vaultItem, QByteArray(), false, &e))
            qCWarning(lcIncidents) << "incident" << effects.incident
                                   << "was not recorded: its file is back where it was";
        else
            qCWarning(lcIncidents)
                << "incident" << effects.incident
                << "was not recorded and its file could not be put back (" << e.message
                << "): it stays in the vault as" << effects.vaultItem;
    }
    if (effects.isolated && m_isolationHook) {
        QString why;
        if (m_isolationHook(effects.vm, !*effects.isolated, &why))
            qCWarning(lcIncidents) << "the" << (*effects.isolated ? "isolation" : "release")
                                   << "of VM" << effects.vm << "was not recorded: undone";
        else
            qCWarning(lcIncidents)
                << "the" << (*effects.isolated ? "isolation" : "release") << "of VM" << effects.vm
                << "was not recorded and could not be undone:" << why;
    }
}

bool IncidentService::record(Incident &inc, const QString &action, const QString &user,
    const QString &note, const std::optional<QuarantineError> &failure)
{
    const IncidentHistoryEntry entry {QDateTime::currentDateTimeUtc(), user, action, note,
        failure ? QStringLiteral("failed: ") + failure->message : QStringLiteral("ok")};
    QString dbError;
    if (!m_store.update(inc, &entry, &dbError)) {
        qCWarning(lcIncidents) << "cannot update incident" << inc.id << ":" << dbError;
        return false;
    }
    inc.history.append(entry);
    Q_EMIT incidentChanged(m_store.get(inc.id).value_or(inc).toJson());
    return true;
}

bool IncidentService::act(const QString &id, const QString &action, const QString &note,
    const QString &user, const QString &assignee, QString *code, QString *message, QString *reason)
{
    auto refuse = [code, message, reason](const QuarantineError &e) {
        *code = protocol::errorCodeName(e.code);
        *message = e.message;
        if (reason)
            *reason = e.reason ? protocol::conflictReasonName(*e.reason) : QString();
        return false;
    };
    std::optional<Incident> inc = m_store.get(id);
    if (!inc)
        return refuse(error(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(id)));
    if (!actions().contains(action))
        return refuse(error(ErrorCode::InvalidArgument,
            QStringLiteral("unknown action '%1'; expected one of: %2")
                .arg(action, actions().join(QStringLiteral(", ")))));
    bool attempted = false;
    m_effects = {};
    m_effects.incident = id;
    const auto failure = apply(*inc, action, user, assignee.trimmed(), note, &attempted);
    if (failure && !attempted)
        return refuse(*failure);
    if (!record(*inc, action, user, note, failure)) {
        undoLastAct();
        return refuse(
            error(ErrorCode::Internal, QStringLiteral("cannot store incident %1").arg(id)));
    }
    return failure ? refuse(*failure) : true;
}

std::optional<QuarantineError> IncidentService::apply(Incident &inc, const QString &action,
    const QString &user, const QString &assignee, const QString &note, bool *attempted)
{
    const bool resolved = !inc.isOpen();
    const auto refuseResolved = [&inc]() {
        return conflict(ConflictReason::IncidentResolved,
            QStringLiteral("incident %1 is resolved").arg(inc.id));
    };
    if (action == QLatin1String("acknowledge")) {
        if (resolved)
            return refuseResolved();
        if (inc.state != QLatin1String("new"))
            return conflict(ConflictReason::AlreadyAcknowledged,
                QStringLiteral("incident %1 is already acknowledged").arg(inc.id));
        inc.state = QStringLiteral("acknowledged");
        return std::nullopt;
    }
    if (action == QLatin1String("assign")) {
        if (assignee.isEmpty())
            return error(ErrorCode::InvalidArgument, QStringLiteral("assign needs an assignee"));
        if (resolved)
            return refuseResolved();
        inc.assignee = assignee;
        return std::nullopt;
    }
    if (action == QLatin1String("resolve")) {
        if (resolved)
            return conflict(ConflictReason::AlreadyResolved,
                QStringLiteral("incident %1 is already resolved").arg(inc.id));
        inc.state = kResolved;
        return std::nullopt;
    }
    if (action == QLatin1String("isolate-vm") || action == QLatin1String("release-vm")) {
        const bool isolate = action == QLatin1String("isolate-vm");
        if (m_store.isIsolated(inc.vm) == isolate)
            return conflict(
                isolate ? ConflictReason::VmAlreadyIsolated : ConflictReason::VmNotIsolated,
                isolate ? QStringLiteral("VM %1 is already isolated").arg(inc.vm)
                        : QStringLiteral("VM %1 is not isolated").arg(inc.vm));
        QString why;
        if (m_isolationHook && !m_isolationHook(inc.vm, isolate, &why))
            return error(ErrorCode::Unavailable, why);
        if (m_isolationHook) {
            m_effects.vm = inc.vm;
            m_effects.isolated = isolate;
        }
        QString dbError;
        if (!m_store.setIsolated(inc.vm, isolate, user, note, &dbError)) {
            undoLastAct();
            return error(ErrorCode::Internal, dbError);
        }
        Q_EMIT vmIsolationChanged(inc.vm, isolate);
        return std::nullopt;
    }
    if (action == QLatin1String("allow")) {
        if (inc.action == kAllowed)
            return conflict(ConflictReason::FileAllowed,
                QStringLiteral("the file of incident %1 is already allowed").arg(inc.id));
        if (inc.action == kQuarantined) {
            if (auto failure = applyToFile(inc, QStringLiteral("restore"), attempted))
                return failure;
        }
        *attempted = true;
        QString dbError;
        if (!m_store.addAllowed(inc.sha256, user, note, inc.id, &dbError))
            return error(ErrorCode::Internal, dbError);
        inc.action = kAllowed;
        inc.state = kResolved;
        return std::nullopt;
    }
    if (const auto refused = fileActionRefused(inc))
        return refused;
    return applyToFile(inc, action, attempted);
}

std::optional<QuarantineError> IncidentService::applyToFile(
    Incident &inc, const QString &action, bool *attempted)
{
    QuarantineError e;
    if (action == QLatin1String("restore")) {
        if (inc.action != kQuarantined)
            return conflict(ConflictReason::NotInQuarantine,
                QStringLiteral("the file of incident %1 is not in quarantine (action so "
                               "far: %2)")
                    .arg(inc.id, inc.action));
        *attempted = true;
        if (!m_vault->restore(inc.quarantineId, QByteArray(), false, &e))
            return fromVault(e, true);
        m_effects.restoredItem = inc.quarantineId;
        m_effects.restoredTo = {inc.root, inc.path};
        m_effects.restoredSha256 = inc.sha256;
        inc.action = kRestored;
        inc.quarantineId.clear();
        return std::nullopt;
    }
    if (inc.action == kDeleted || inc.action == kAllowed)
        return conflict(
            inc.action == kDeleted ? ConflictReason::FileDeleted : ConflictReason::FileAllowed,
            QStringLiteral("the file of incident %1 is %2").arg(inc.id, inc.action));
    if (action == QLatin1String("quarantine")) {
        if (inc.action == kQuarantined)
            return conflict(ConflictReason::AlreadyQuarantined,
                QStringLiteral("the file of incident %1 is already "
                               "in quarantine")
                    .arg(inc.id));
        *attempted = true;
        QuarantineItem item;
        if (!m_vault->quarantine({inc.root, inc.path}, &item, &e, inc.sha256))
            return fromVault(e, false);
        m_effects.vaultItem = item.id;
        inc.action = kQuarantined;
        inc.quarantineId = item.id;
        return std::nullopt;
    }
    // delete: the file waits in the vault until the record commits
    // (finishLastAct removes it; at start, removeDeletedFiles), so a refused
    // record can give it back.
    *attempted = true;
    if (inc.action != kQuarantined) {
        QuarantineItem item;
        if (!m_vault->quarantine({inc.root, inc.path}, &item, &e, inc.sha256))
            return fromVault(e, false);
        m_effects.vaultItem = item.id;
        inc.quarantineId = item.id;
    } else if (!m_vault->item(inc.quarantineId)) {
        return fromVault(
            {ErrorCode::NotFound, QStringLiteral("no quarantined item %1").arg(inc.quarantineId)},
            false);
    }
    m_effects.deletedItem = inc.quarantineId;
    inc.action = kDeleted;
    return std::nullopt;
}

} // namespace mamori::appliance
