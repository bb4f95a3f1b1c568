// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/alerts/AlertSink.h"

#include "appliance/alerts/SyslogWriter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>

#include <curl/curl.h>

namespace mamori::appliance {
namespace {

// Blocking POST, run on a pool thread; true for a 2xx answer.
bool post(const QByteArray &url, const QByteArray &body)
{
    CURL *curl = curl_easy_init();
    if (!curl)
        return false;
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION,
        +[](char *, size_t size, size_t n, void *) { return size * n; });
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK && status >= 200 && status < 300;
}

// The id of an alert that is in memory only (AlertSink::m_unstored).
constexpr qint64 kUnstored = -1;

} // namespace

QList<const char *> AlertSink::schemaSteps()
{
    return {R"(CREATE TABLE alert_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,
                 body TEXT NOT NULL, created TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);)"};
}

AlertSink::AlertSink(QSqlDatabase db, QString webhook, const QString &syslogSocket, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_webhook(std::move(webhook))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &AlertSink::deliverNext);
    if (!syslogSocket.isEmpty())
        m_syslog = std::make_unique<SyslogWriter>(syslogSocket);
    if (!m_webhook.isEmpty())
        m_retry.start(0);
}

AlertSink::~AlertSink() = default;

void AlertSink::mirrorAudit(const QJsonObject &record)
{
    if (!m_syslog)
        return;
    // The chain's numbers first, so that a syslog daemon that cuts long
    // lines still keeps what the tail is checked against.
    const QByteArray line =
        "audit seq=" + QByteArray::number(record.value(QLatin1String("seq")).toInteger())
        + " hash=" + record.value(QLatin1String("hash")).toString().toLatin1()
        + " prev_hash=" + record.value(QLatin1String("prev_hash")).toString().toLatin1() + ' '
        + QJsonDocument(record).toJson(QJsonDocument::Compact);
    m_syslog->write(SyslogWriter::AuthPriv, SyslogWriter::Notice, line);
}

void AlertSink::send(const QString &type, const QString &severity, const QJsonObject &data)
{
    const QJsonObject alert {{QStringLiteral("type"), type}, {QStringLiteral("severity"), severity},
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("data"), data}};
    const QByteArray body = QJsonDocument(alert).toJson(QJsonDocument::Compact);
    if (m_syslog)
        m_syslog->write(SyslogWriter::Daemon,
            severity == QLatin1String("high") ? SyslogWriter::Alert : SyslogWriter::Warning, body);
    if (m_webhook.isEmpty())
        return;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO alert_outbox(body, created) VALUES(?, ?)"));
    q.addBindValue(QString::fromUtf8(body));
    q.addBindValue(alert.value(QStringLiteral("time")).toString());
    if (!q.exec()) {
        // The outbox is in the database, and the alert may be that the
        // database is full: it goes out from memory all the same.
        qWarning("alert %s kept in memory: the outbox did not take it (%s)", qPrintable(type),
            qPrintable(q.lastError().text()));
        m_unstored.append(body);
    }
    if (!m_busy && !m_retry.isActive())
        deliverNext();
}

int AlertSink::pending() const
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT COUNT(*) FROM alert_outbox"));
    return (q.next() ? q.value(0).toInt() : 0) + int(m_unstored.size());
}

void AlertSink::deliverNext()
{
    // Alerts the outbox could not take go first: they are the newest
    // trouble, and they live only here.
    qint64 id = kUnstored;
    QByteArray body;
    if (!m_unstored.isEmpty()) {
        body = m_unstored.first();
    } else {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("SELECT id, body FROM alert_outbox ORDER BY id LIMIT 1"));
        if (!q.next())
            return;
        id = q.value(0).toLongLong();
        body = q.value(1).toString().toUtf8();
    }
    const QByteArray url = m_webhook.toUtf8();
    m_busy = true;
    QPointer<AlertSink> self(this);
    QThreadPool::globalInstance()->start([self, id, body, url] {
        const bool ok = post(url, body);
        QMetaObject::invokeMethod(
            self,
            [self, id, ok] {
                if (!self)
                    return;
                self->m_busy = false;
                QSqlQuery u(self->m_db);
                if (ok && id == kUnstored) {
                    self->m_unstored.removeFirst();
                    self->m_failures = 0;
                    self->deliverNext();
                } else if (ok) {
                    u.prepare(QStringLiteral("DELETE FROM alert_outbox WHERE id = ?"));
                    u.addBindValue(id);
                    u.exec();
                    self->m_failures = 0;
                    Q_EMIT self->delivered(id);
                    self->deliverNext();
                } else {
                    u.prepare(QStringLiteral(
                        "UPDATE alert_outbox SET attempts = attempts + 1 WHERE id = ?"));
                    u.addBindValue(id);
                    u.exec();
                    // 1 s, 2 s, 4 s … up to 5 minutes between tries.
                    self->m_failures = std::min(self->m_failures + 1, 9);
                    self->m_retry.start(std::min(1000 << self->m_failures, 300000));
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace mamori::appliance
