// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace mamori::appliance {

// The appliance's settings: defaults, then the config file (JSON), then the
// command line, each overriding the one before. The packaged config file
// (/etc/mamori/appliance.json, appliance/dist/appliance.json) names every
// setting with a comment that explains it.
struct Config
{
    QString dataDir;
    QString listen = QStringLiteral("127.0.0.1:8443");
    QString inventory; // "directory:PATH" or "libvirt:URI"; empty: DIR/vms
    QString hostName; // empty: the machine's host name
    qint64 sessionTtlSeconds = 8 * 3600;
    int inventoryIntervalMs = 2000;
    int maxConcurrentScans = 1;
    QString patternSource; // https://… or http://… feed URL, or dir:PATH
    QString webhook; // alerts as JSON POSTs to this URL
    bool testFaults = false; // serve --test-faults: honour StorageFaultHook's variable
    bool syslog = false; // alerts and every audit record to syslog too
    bool lab = false; // `mamori-appliance lab`: a lab host (GET /api/v1/appliance says so)
    QString syslogSocket = QStringLiteral("/dev/log"); // the syslog daemon's socket
    int sampleIntervalMs = 1000;
    int loginHashQueue = 16; // logins waiting for or in their password check at most
    int requestTimeoutSeconds =
        10; // a request must arrive whole within this time of its first byte
    qint64 listPageBytes = 4 << 20; // a list answer holds at most this much
    // What is kept of the event stream and the audit log: the newest so
    // many, none older than so many days (docs/admin-guide.md, Retention).
    qint64 eventsKeep = 100000;
    int eventsMaxAgeDays = 30;
    qint64 auditKeep = 1000000;
    int auditMaxAgeDays = 365;
    // How often the running appliance checks its database in full and, when
    // it is sound, takes a backup generation (docs/reliability.md).
    qint64 backupIntervalSeconds = 24 * 3600;

    // Reads `path`: a JSON object, in which a line whose first non-blank
    // characters are `//` is a comment. Unknown keys are an error, so that a
    // typo does not silently fall back to a default.
    bool load(const QString &path, QString *error);
    // The keys load() knows, in the order the packaged file lists them.
    static QStringList settingNames();
    // The data folder when no --data is given: the service's, /var/lib/mamori
    // (CMake's MAMORI_DEFAULT_DATA_DIR).
    static QString defaultDataDir();
    // "127.0.0.1:8443", "[::1]:8443" → address and port.
    static bool splitListen(const QString &listen, QString *address, quint16 *port, QString *error);
    QString effectiveInventory() const;
    QString effectiveHostName() const;
};

} // namespace mamori::appliance
