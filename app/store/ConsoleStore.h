// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>
#include <QVariant>

#include <memory>
#include <optional>

class QSqlDatabase;
class QSqlQuery;

namespace mamori::console {

// One registered appliance. Secrets (passwords, tokens) never live here: they
// go to the OS keyring, keyed by `id`.
struct ApplianceEntry
{
    int id = 0; // the console's local id; 0 until stored
    QString displayName;
    QString url; // "https://host:port"
    QString userName;
    QString certFingerprint; // SHA-256 of the DER certificate, "AB:CD:..." (docs/api.md)
    QString publicKeySha256; // SHA-256 of the SubjectPublicKeyInfo, base64
    QUuid applianceUuid; // `id` from GET /api/v1/appliance; null until first contact
    qint64 lastSeq = 0; // the event cursor: `after` for the next GET /api/v1/events
    QDateTime lastContact; // invalid: never reached
    QDateTime added;
    int sortOrder = 0;
};

// One of the administrator's own actions, kept locally so that the console
// can show "what did I do" even when an appliance is unreachable.
struct ActionRecord
{
    qint64 id = 0;
    QDateTime time;
    int applianceId = 0; // 0: none, or the appliance was removed since
    QString applianceName; // as it was named when the action was logged
    QString action;
    QString target;
    QString outcome;
};

// The console's own SQLite database (<dataDir>/console.sqlite). Use it from
// the thread that opened it only (a QtSql connection is per thread).
class ConsoleStore
{
    Q_DECLARE_TR_FUNCTIONS(ConsoleStore)

public:
    // The newest schema this program knows; a database with a higher
    // PRAGMA user_version is refused and left as it is.
    static int schemaVersion();

    ConsoleStore();
    ~ConsoleStore();
    ConsoleStore(const ConsoleStore &) = delete;
    ConsoleStore &operator=(const ConsoleStore &) = delete;

    // Creates dataDir (0700) and the database (0600) when missing and brings
    // the schema up to date. On failure `error` gets a translated message.
    bool open(const QString &dataDir, QString *error = nullptr);
    void close();
    bool isOpen() const;
    QString databasePath() const { return m_path; }
    // The translated reason of the last failed call.
    QString lastError() const { return m_lastError; }

    // Appends the entry after the others and returns its new local id, or 0.
    // Only displayName, url and userName are taken; url must be unique.
    int addAppliance(const ApplianceEntry &entry);
    // Writes the user-editable fields (displayName, url, userName) only, so
    // that an entry loaded long ago cannot roll back the pin or the cursor.
    bool updateAppliance(const ApplianceEntry &entry);
    bool removeAppliance(int id);
    std::optional<ApplianceEntry> appliance(int id) const;
    QList<ApplianceEntry> appliances() const; // by sortOrder
    // Renumbers sortOrder to follow `ids` (e.g. after a drag in the list).
    bool setSortOrder(const QList<int> &ids);

    bool setPin(int id, const QString &certFingerprint, const QString &publicKeySha256);
    // A different appliance behind the same address starts its event cursor
    // anew: its sequence numbers have nothing to do with the old one's.
    bool setApplianceUuid(int id, const QUuid &uuid);
    bool setLastSeq(int id, qint64 seq);
    bool setLastContact(int id, const QDateTime &time);

    // Values come back with SQLite's types (integer, real, text, blob).
    QVariant setting(const QString &key, const QVariant &defaultValue = {}) const;
    bool setSetting(const QString &key, const QVariant &value);
    bool removeSetting(const QString &key);

    // applianceId 0: an action on no particular appliance. An invalid time
    // means now.
    bool logAction(int applianceId, const QString &action, const QString &target,
        const QString &outcome, const QDateTime &time = {});
    // Newest first; applianceId 0: all; an invalid `since`: from the start.
    QList<ActionRecord> actions(
        int applianceId = 0, int limit = 1000, const QDateTime &since = {}) const;
    bool pruneActions(const QDateTime &olderThan);

private:
    QSqlDatabase database() const;
    bool exec(QSqlQuery &query) const;
    bool fail(const QString &message) const;
    bool configure();
    bool migrate();
    std::optional<int> probeVersion();

    QString m_connection;
    QString m_path;
    mutable QString m_lastError;
    // Prepared once: setLastSeq runs for every batch of events.
    std::unique_ptr<QSqlQuery> m_setLastSeq;
};

} // namespace mamori::console
