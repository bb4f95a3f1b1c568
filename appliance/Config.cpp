// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/Config.h"

#include "protocol/JsonReader.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>

#include <algorithm>
#include <arpa/inet.h>

namespace mamori::appliance {
namespace {

// Blanks comment lines (first non-blank characters `//`) with spaces, so
// that the JSON parser's error offsets still point into the file as written.
QByteArray withoutComments(QByteArray text)
{
    qsizetype lineStart = 0;
    while (lineStart < text.size()) {
        qsizetype lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = text.size();
        qsizetype i = lineStart;
        while (i < lineEnd && (text.at(i) == ' ' || text.at(i) == '\t' || text.at(i) == '\r'))
            ++i;
        if (i + 1 < lineEnd && text.at(i) == '/' && text.at(i + 1) == '/')
            std::fill(text.begin() + i, text.begin() + lineEnd, ' ');
        lineStart = lineEnd + 1;
    }
    return text;
}

// What the listening socket will bind to (ListenSocket): a numeric IPv4 or
// IPv6 address, the same test it makes.
bool isNumericAddress(const QString &host)
{
    const QByteArray text = host.toLatin1();
    in6_addr any {};
    return !text.contains('\0')
        && (::inet_pton(AF_INET, text.constData(), &any) == 1
            || ::inet_pton(AF_INET6, text.constData(), &any) == 1);
}

} // namespace

QStringList Config::settingNames()
{
    return {QStringLiteral("listen"), QStringLiteral("inventory"), QStringLiteral("host_name"),
        QStringLiteral("session_ttl_seconds"), QStringLiteral("inventory_interval_ms"),
        QStringLiteral("max_concurrent_scans"), QStringLiteral("pattern_source"),
        QStringLiteral("webhook"), QStringLiteral("syslog"), QStringLiteral("syslog_socket"),
        QStringLiteral("sample_interval_ms"), QStringLiteral("login_hash_queue"),
        QStringLiteral("request_timeout_seconds"), QStringLiteral("list_page_bytes"),
        QStringLiteral("events_keep"), QStringLiteral("events_max_age_days"),
        QStringLiteral("audit_keep"), QStringLiteral("audit_max_age_days"),
        QStringLiteral("backup_interval_seconds")};
}

QString Config::defaultDataDir()
{
    return QStringLiteral(MAMORI_DEFAULT_DATA_DIR);
}

bool Config::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read config %1: %2").arg(path, f.errorString());
        return false;
    }
    auto r = protocol::JsonReader::parse(withoutComments(f.read(1 << 20)));
    const QStringList known = settingNames();
    for (const QString &key : r.object().keys()) {
        if (!known.contains(key))
            r.fail(QStringLiteral("unknown setting '%1'").arg(key));
    }
    if (auto v = r.optionalString(QStringLiteral("listen")))
        listen = *v;
    if (auto v = r.optionalString(QStringLiteral("inventory")))
        inventory = *v;
    if (auto v = r.optionalString(QStringLiteral("host_name")))
        hostName = *v;
    if (auto v = r.optionalInteger(QStringLiteral("session_ttl_seconds"), 1, 7 * 24 * 3600))
        sessionTtlSeconds = *v;
    if (auto v = r.optionalInteger(QStringLiteral("inventory_interval_ms"), 100, 600000))
        inventoryIntervalMs = int(*v);
    if (auto v = r.optionalInteger(QStringLiteral("max_concurrent_scans"), 1, 64))
        maxConcurrentScans = int(*v);
    if (auto v = r.optionalString(QStringLiteral("pattern_source")))
        patternSource = *v;
    if (auto v = r.optionalString(QStringLiteral("webhook")))
        webhook = *v;
    if (r.has(QStringLiteral("syslog")))
        syslog = r.boolean(QStringLiteral("syslog"));
    if (auto v = r.optionalString(QStringLiteral("syslog_socket")))
        syslogSocket = *v;
    if (auto v = r.optionalInteger(QStringLiteral("sample_interval_ms"), 100, 60000))
        sampleIntervalMs = int(*v);
    if (auto v = r.optionalInteger(QStringLiteral("login_hash_queue"), 1, 1000))
        loginHashQueue = int(*v);
    if (auto v = r.optionalInteger(QStringLiteral("request_timeout_seconds"), 1, 300))
        requestTimeoutSeconds = int(*v);
    if (auto v = r.optionalInteger(QStringLiteral("list_page_bytes"), 16 * 1024, 64 << 20))
        listPageBytes = *v;
    if (auto v = r.optionalInteger(QStringLiteral("events_keep"), 10, 100000000))
        eventsKeep = *v;
    if (auto v = r.optionalInteger(QStringLiteral("events_max_age_days"), 1, 36500))
        eventsMaxAgeDays = int(*v);
    if (auto v = r.optionalInteger(QStringLiteral("audit_keep"), 10, 1000000000))
        auditKeep = *v;
    if (auto v = r.optionalInteger(QStringLiteral("audit_max_age_days"), 1, 36500))
        auditMaxAgeDays = int(*v);
    if (auto v = r.optionalInteger(QStringLiteral("backup_interval_seconds"), 1, 30 * 24 * 3600))
        backupIntervalSeconds = *v;
    if (!webhook.isEmpty() && !webhook.startsWith(QLatin1String("https://"))
        && !webhook.startsWith(QLatin1String("http://")))
        r.fail(QStringLiteral("webhook must be an http:// or https:// URL"));
    if (!r.ok()) {
        *error = QStringLiteral("config %1: %2").arg(path, r.error());
        return false;
    }
    return true;
}

bool Config::splitListen(const QString &listen, QString *address, quint16 *port, QString *error)
{
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint p = colon > 0 ? listen.mid(colon + 1).toUInt(&ok) : 0;
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (!ok || p > 65535 || !isNumericAddress(host)) {
        *error = QStringLiteral("--listen wants ADDRESS:PORT with a numeric address, such as "
                                "127.0.0.1:8443 or [::1]:8443, not '%1'")
                     .arg(listen);
        return false;
    }
    *address = host;
    *port = quint16(p);
    return true;
}

QString Config::effectiveInventory() const
{
    if (!inventory.isEmpty())
        return inventory;
    return QStringLiteral("directory:") + QDir(dataDir).filePath(QStringLiteral("vms"));
}

QString Config::effectiveHostName() const
{
    return hostName.isEmpty() ? QSysInfo::machineHostName() : hostName;
}

} // namespace mamori::appliance
