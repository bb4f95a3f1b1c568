// SPDX-License-Identifier: GPL-2.0-or-later
// The audit log cannot lose its tail unnoticed (docs/security.md): sequence
// numbers are never used twice, `audit verify` sees removed newest records,
// every record is copied to syslog as it is written, and the API shows the
// chain's head — against real appliance processes.
#include "ApplianceProcess.h"
#include "TestHttp.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using mamori::test::ApplianceProcess;
using mamori::test::TestHttp;
using mamori::test::TestResponse;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

// A syslog daemon's socket, as far as the appliance can tell.
class FakeSyslog
{
public:
    explicit FakeSyslog(const QString &path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        const QByteArray p = QFile::encodeName(path);
        std::memcpy(address.sun_path, p.constData(), size_t(p.size()));
        m_bound = ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    ~FakeSyslog() { ::close(m_fd); }
    bool bound() const { return m_bound; }

    // Every message that came within `ms` of the last one.
    QList<QByteArray> drain(int ms)
    {
        QList<QByteArray> lines;
        pollfd p {m_fd, POLLIN, 0};
        while (::poll(&p, 1, ms) > 0) {
            QByteArray buffer(256 * 1024, '\0');
            const ssize_t n = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0);
            if (n <= 0)
                break;
            lines.append(buffer.left(n));
        }
        return lines;
    }

private:
    int m_fd = -1;
    bool m_bound = false;
};

QJsonArray allRecords(const TestHttp &http, const QString &token, QJsonObject *last = nullptr)
{
    return http.allPages(QStringLiteral("/api/v1/audit"), QStringLiteral("records"),
        QStringLiteral("after"), QStringLiteral("next_after"), token,
        [last](const TestResponse &r) {
            if (last)
                *last = r.json;
        });
}

} // namespace

class TestAuditChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(!ApplianceProcess::program().isEmpty()); }

    // Removing the newest records passed `audit verify` and their sequence
    // numbers were handed out again after a restart.
    void removedTailIsSeenAndNumbersAreNotReused()
    {
        ApplianceProcess app;
        QVERIFY(app.addUser(QStringLiteral("aud"), QStringLiteral("auditor"), kPassword.toUtf8()));
        QVERIFY(app.start());
        {
            const TestHttp http(app.baseUrl(), app.certificatePath());
            for (int i = 0; i < 5; ++i)
                QVERIFY(!http.token(QStringLiteral("aud"), kPassword).isEmpty());
        }
        QVERIFY(app.stop());
        QByteArray out;
        QCOMPARE(app.verifyAudit(&out), 0);
        QVERIFY(app.execSql(
            QStringLiteral("DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 3 FROM audit)")));
        QCOMPARE(app.verifyAudit(&out), 1);
        QVERIFY2(out.contains("missing from the end"), out.constData());

        QVERIFY(app.start());
        const TestHttp http(app.baseUrl(), app.certificatePath());
        const QString token = http.token(QStringLiteral("aud"), kPassword);
        const QJsonArray records = allRecords(http, token);
        // Five logins made seq 1-5; 3-5 were removed; the next login is 6.
        QCOMPARE(records.last()[QStringLiteral("seq")].toInteger(), 6);
        QCOMPARE(records.at(records.size() - 2)[QStringLiteral("seq")].toInteger(), 2);
        QVERIFY(app.stop());
        QCOMPARE(app.verifyAudit(&out), 1);
        QVERIFY2(out.contains("record 3 is missing"), out.constData());
    }

    // Every record goes to syslog as it is written, with its sequence
    // number and hash; GET /audit says where the chain ends.
    void everyRecordGoesToSyslogAndTheHeadIsShown()
    {
        QTemporaryDir dir;
        const QString socket = dir.filePath(QStringLiteral("log"));
        FakeSyslog syslog(socket);
        QVERIFY(syslog.bound());
        ApplianceProcess app;
        QVERIFY(app.addUser(QStringLiteral("aud"), QStringLiteral("auditor"), kPassword.toUtf8()));
        app.setConfig(
            QStringLiteral(R"("syslog": true, "syslog_socket": "%1")").arg(socket).toUtf8());
        QVERIFY(app.start());
        const TestHttp http(app.baseUrl(), app.certificatePath());
        QCOMPARE(http.login(QStringLiteral("aud"), QStringLiteral("wrong-wrong")).status, 401L);
        const QString token = http.token(QStringLiteral("aud"), kPassword);
        QJsonObject answer;
        const QJsonArray records = allRecords(http, token, &answer);
        QVERIFY(records.size() >= 2);

        const QJsonObject head = answer.value(QStringLiteral("head")).toObject();
        QCOMPARE(head.value(QStringLiteral("seq")), records.last()[QStringLiteral("seq")]);
        QCOMPARE(head.value(QStringLiteral("hash")), records.last()[QStringLiteral("hash")]);
        QCOMPARE(answer.value(QStringLiteral("anchor")).toObject(),
            QJsonObject({{QStringLiteral("seq"), 0}, {QStringLiteral("hash"), QString(64, u'0')}}));

        QByteArray copies;
        QDeadlineTimer deadline(10000);
        const QByteArray lastLine =
            "audit seq=" + QByteArray::number(head[QStringLiteral("seq")].toInteger())
            + " hash=" + head[QStringLiteral("hash")].toString().toLatin1();
        while (!copies.contains(lastLine) && !deadline.hasExpired())
            copies += syslog.drain(500).join('\n') + '\n';
        for (const QJsonValue &r : records) {
            const QByteArray line =
                "audit seq=" + QByteArray::number(r[QStringLiteral("seq")].toInteger())
                + " hash=" + r[QStringLiteral("hash")].toString().toLatin1()
                + " prev_hash=" + r[QStringLiteral("prev_hash")].toString().toLatin1();
            QVERIFY2(copies.contains(line), line.constData());
        }
        // Facility authpriv (10), severity notice (5), tagged as syslog(3) does.
        static const QRegularExpression form(
            QStringLiteral("^<85>[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d "
                           "mamori-appliance\\[\\d+\\]: audit seq="),
            QRegularExpression::MultilineOption);
        QVERIFY2(form.match(QString::fromLatin1(copies)).hasMatch(), copies.left(200).constData());
        QVERIFY(app.stop());
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_audit_chain.moc"
