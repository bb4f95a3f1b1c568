// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <memory>

namespace mamori::appliance {

class SyslogWriter;

// Hands alerts (detections, refused patterns, appliance trouble) to the
// virtualization side's tools: a JSON POST to a webhook, retried with
// back-off until it is delivered (the outbox survives restarts), and syslog
// (facility daemon). Every audit record goes to syslog too (facility
// authpriv), as it is written: the copy outside the appliance that its
// tail can be checked against.
class AlertSink : public QObject
{
    Q_OBJECT

public:
    // An empty `syslogSocket` sends nothing to syslog.
    AlertSink(
        QSqlDatabase db, QString webhook, const QString &syslogSocket, QObject *parent = nullptr);
    ~AlertSink() override;
    static QList<const char *> schemaSteps();

    void send(const QString &type, const QString &severity, const QJsonObject &data);
    // One audit record (AuditRecord::toJson()), to syslog only.
    void mirrorAudit(const QJsonObject &record);
    // Alerts not delivered yet, in the outbox and in memory.
    int pending() const;

Q_SIGNALS:
    void delivered(qint64 id);

private:
    void deliverNext();

    QSqlDatabase m_db;
    QString m_webhook;
    std::unique_ptr<SyslogWriter> m_syslog;
    QTimer m_retry;
    QList<QByteArray> m_unstored; // alerts the outbox could not take (storage full)
    int m_failures = 0;
    bool m_busy = false;
};

} // namespace mamori::appliance
