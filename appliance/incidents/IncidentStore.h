// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/incidents/Incident.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace mamori::appliance {

// Incidents, their history, the allow list of trusted SHA-256 values and the
// isolation flag of each VM, in the appliance's SQLite database. Pure
// storage: IncidentService decides what may change.
class IncidentStore
{
public:
    explicit IncidentStore(const QSqlDatabase &db);

    // For Database::migrateModule("incidents", ...).
    static QList<const char *> schemaSteps();

    static QString idFor(qint64 seq);
    static qint64 seqFor(const QString &id); // 0 if not an incident id

    std::optional<Incident> get(const QString &id) const;
    // Newest first; without history.
    QList<Incident> list(const IncidentFilter &filter) const;
    // The newest unresolved incident for this file.
    std::optional<Incident> findOpen(
        const QString &vm, const QByteArray &path, const QString &sha256) const;
    // The newest incident for this file (`openOnly`: unresolved).
    std::optional<Incident> findLatest(const QString &vm, const QByteArray &path,
        const QString &sha256, bool openOnly = false) const;

    // Deleted incidents that still name a vault item: their delete
    // committed and the file's removal did not happen yet.
    QList<Incident> awaitingRemoval() const;

    // Sets seq and id; stores `incident.history` too.
    bool insert(Incident *incident, QString *error);
    // Writes the mutable fields and appends `entry` in one transaction.
    bool update(const Incident &incident, const IncidentHistoryEntry *entry, QString *error);

    int openCount(const QString &vm) const;
    QHash<QString, int> openCountsByVm() const;

    bool isAllowed(const QString &sha256) const;
    QSet<QString> allowedHashes() const;
    bool addAllowed(const QString &sha256, const QString &user, const QString &note,
        const QString &incidentId, QString *error);
    void countAllowedHit(const QString &sha256);
    qint64 allowedHits() const; // detections skipped because of the allow list

    bool isIsolated(const QString &vm) const;
    bool setIsolated(
        const QString &vm, bool isolated, const QString &user, const QString &note, QString *error);
    QStringList isolatedVms() const;

private:
    bool appendHistory(qint64 seq, const IncidentHistoryEntry &entry, QString *error);

    QSqlDatabase m_db;
};

} // namespace mamori::appliance
