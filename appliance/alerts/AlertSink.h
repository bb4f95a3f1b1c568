// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

namespace mamori::appliance {

// Hands alerts (detections, refused patterns, appliance trouble) to the
// virtualization side's tools: a JSON POST to a webhook, retried with
// back-off until it is delivered (the outbox survives restarts), and syslog.
class AlertSink : public QObject
{
    Q_OBJECT

public:
    AlertSink(QSqlDatabase db, QString webhook, bool syslog, QObject *parent = nullptr);
    ~AlertSink() override;
    static QList<const char *> schemaSteps();

    void send(const QString &type, const QString &severity, const QJsonObject &data);
    int pending() const;

Q_SIGNALS:
    void delivered(qint64 id);

private:
    void deliverNext();

    QSqlDatabase m_db;
    QString m_webhook;
    bool m_syslog;
    QTimer m_retry;
    int m_failures = 0;
    bool m_busy = false;
};

} // namespace mamori::appliance
