// SPDX-License-Identifier: GPL-2.0-or-later
// A lab host's first look (`mamori-appliance lab`): it says it is a lab,
// captures a baseline while it starts, and then gives every VM its first
// full scan, so that the demo's VMs are at risk only for real reasons.
#include "ApplianceProcess.h"
#include "TestHttp.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace mamori;
using test::ApplianceProcess;
using test::TestHttp;

class TestLabFirstLook : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_lab;

    QJsonObject labFile(const QString &name) const
    {
        QFile f(m_dir.filePath(name));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                           : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
        m_lab.setProcessChannelMode(QProcess::MergedChannels);
        m_lab.start(ApplianceProcess::program(),
            {QStringLiteral("lab"), QStringLiteral("--dir"), m_dir.path(), QStringLiteral("--vms"),
                QStringLiteral("3"), QStringLiteral("--files"), QStringLiteral("30"),
                QStringLiteral("--image-mb"), QStringLiteral("1"),
                QStringLiteral("--baseline-seconds"), QStringLiteral("2"),
                QStringLiteral("--drop-seconds"), QStringLiteral("3600"),
                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(m_lab.waitForStarted());
        QDeadlineTimer deadline(120000);
        while (labFile(QStringLiteral("lab-endpoint.json")).isEmpty() && !deadline.hasExpired()
            && m_lab.state() == QProcess::Running)
            m_lab.waitForReadyRead(200);
        QVERIFY2(
            !labFile(QStringLiteral("lab-endpoint.json")).isEmpty(), m_lab.readAll().constData());
    }

    void cleanupTestCase()
    {
        m_lab.terminate();
        QVERIFY(m_lab.waitForFinished(30000));
    }

    void baselineAtStartThenFirstFullScans()
    {
        const QString url =
            labFile(QStringLiteral("lab-endpoint.json")).value(QStringLiteral("url")).toString();
        TestHttp http(url, m_dir.filePath(QStringLiteral("data/tls/cert.pem")));
        QFile credentials(m_dir.filePath(QStringLiteral("lab-credentials")));
        QVERIFY(credentials.open(QIODevice::ReadOnly));
        QString token;
        for (const QByteArray &line : credentials.readAll().split('\n')) {
            const QList<QByteArray> words = line.split(' ');
            if (words.value(0) == "security-admin")
                token = http.token(
                    QString::fromUtf8(words.value(1)), QString::fromUtf8(words.value(2)));
        }
        QVERIFY(!token.isEmpty());

        QVERIFY(http.request("GET", QStringLiteral("/api/v1/appliance"), {}, token)
                    .json.value(QStringLiteral("lab"))
                    .toBool());

        // Every VM gets its first full scan, queued after the capture.
        QDeadlineTimer deadline(120000);
        int scanned = 0;
        while (!deadline.hasExpired()) {
            const QJsonArray vms = http.request("GET", QStringLiteral("/api/v1/vms"), {}, token)
                                       .json.value(QStringLiteral("vms"))
                                       .toArray();
            scanned = 0;
            for (const QJsonValue &vm : vms)
                scanned += !vm.toObject().value(QStringLiteral("last_full_scan")).isNull()
                    && !vm.toObject().value(QStringLiteral("last_full_scan")).toString().isEmpty();
            if (vms.size() == 3 && scanned == 3)
                break;
            QThread::msleep(250);
        }
        QCOMPARE(scanned, 3);
        // Queued by the appliance as a schedule would queue them, not by hand.
        int scheduled = 0;
        for (const QJsonValue &job : http.request("GET", QStringLiteral("/api/v1/scans"), {}, token)
                                         .json.value(QStringLiteral("jobs"))
                                         .toArray())
            scheduled += job.toObject().value(QStringLiteral("kind")).toString() == u"full"
                && job.toObject().value(QStringLiteral("origin")).toString() == u"scheduled";
        QCOMPARE(scheduled, 3);

        // The host's baseline was captured while the lab started.
        const test::TestResponse baseline =
            http.request("GET", QStringLiteral("/api/v1/baseline"), {}, token);
        const QJsonObject cpu = baseline.json.value(QStringLiteral("scopes"))
                                    .toObject()
                                    .value(QStringLiteral("host"))
                                    .toObject()
                                    .value(QStringLiteral("cpu"))
                                    .toObject();
        QVERIFY2(cpu.value(QStringLiteral("source")).toString() == u"captured",
            baseline.body.left(600).constData());
        QCOMPARE(cpu.value(QStringLiteral("duration_s")).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestLabFirstLook)
#include "tst_lab_first_look.moc"
