// SPDX-License-Identifier: GPL-2.0-or-later
// Logins under attack (docs/security.md, Hostile network): raced guesses,
// oversize names, floods of locked-out tries and of password checks, against
// a real mamori-appliance process on loopback.
#include "ApplianceProcess.h"
#include "TestHttp.h"

#include <QJsonArray>
#include <QTest>

using mamori::test::ApplianceProcess;
using mamori::test::TestHttp;
using mamori::test::TestRequest;
using mamori::test::TestResponse;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

QHash<QString, int> countCodes(const QList<TestResponse> &answers)
{
    QHash<QString, int> n;
    for (const TestResponse &r : answers)
        ++n[r.status == 200 ? QStringLiteral("ok") : r.errorCode()];
    return n;
}

QString describe(const QHash<QString, int> &codes)
{
    QStringList parts;
    for (auto it = codes.begin(); it != codes.end(); ++it)
        parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    parts.sort();
    return parts.join(u' ');
}

} // namespace

class TestHostileLogin : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;

    QJsonArray auditRecords()
    {
        return m_http->allPages(QStringLiteral("/api/v1/audit"), QStringLiteral("records"),
            QStringLiteral("after"), QStringLiteral("next_after"),
            m_http->token(QStringLiteral("aud"), kPassword));
    }

    qint64 auditBytes()
    {
        qint64 bytes = 0;
        for (const QJsonValue &v : auditRecords())
            bytes += v[QStringLiteral("user")].toString().size()
                + v[QStringLiteral("detail")].toString().size()
                + v[QStringLiteral("target")].toString().size();
        return bytes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!ApplianceProcess::program().isEmpty());
        m_app = std::make_unique<ApplianceProcess>();
        for (const QString &user : {QStringLiteral("sec"), QStringLiteral("racer"),
                 QStringLiteral("later"), QStringLiteral("near")})
            QVERIFY(m_app->addUser(user, QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(
            m_app->addUser(QStringLiteral("aud"), QStringLiteral("auditor"), kPassword.toUtf8()));
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    // 32 wrong guesses and the right password, all at once (from two
    // addresses: one may hold only 32 connections): no more than the 5
    // guesses the lockout allows are checked, and the account ends locked.
    void racedGuessesAreCountedAtArrival()
    {
        QList<TestRequest> burst;
        for (int i = 0; i < 32; ++i)
            burst.append({"POST", QStringLiteral("/api/v1/session"),
                TestHttp::loginBody(QStringLiteral("racer"), QStringLiteral("guess-%1").arg(i)), {},
                i % 2 ? "127.0.0.2" : "127.0.0.4"});
        burst.append({"POST", QStringLiteral("/api/v1/session"),
            TestHttp::loginBody(QStringLiteral("racer"), kPassword), {}, "127.0.0.2"});
        const QList<TestResponse> answers = m_http->requestAll(burst);
        const QHash<QString, int> codes = countCodes(answers);
        // Checked: wrong (bad_credentials) or right (ok); the rest refused at
        // arrival.
        QVERIFY2(
            codes.value(QStringLiteral("bad_credentials")) + codes.value(QStringLiteral("ok")) <= 5,
            qPrintable(describe(codes)));
        QCOMPARE(codes.value(QStringLiteral("bad_credentials")) + codes.value(QStringLiteral("ok"))
                + codes.value(QStringLiteral("locked_out")),
            33);
        for (const TestResponse &r : answers) {
            if (r.status == 429)
                QVERIFY(r.headers.value("retry-after").toInt() > 0);
        }
        // Had the right password been among the five checked, it would have
        // won; otherwise the account is locked now, and the right password
        // does not open it.
        if (codes.value(QStringLiteral("ok")) == 0) {
            const TestResponse after = m_http->login(QStringLiteral("racer"), kPassword);
            QCOMPARE(after.errorCode(), QStringLiteral("locked_out"));
        }
    }

    // The right password is refused once the account is locked, also when
    // it was sent before the lockout and is checked after it.
    void lockedAccountRefusesTheRightPassword()
    {
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_http->login(QStringLiteral("later"), QStringLiteral("nope-%1").arg(i))
                         .errorCode(),
                QStringLiteral("bad_credentials"));
        const TestResponse r = m_http->login(QStringLiteral("later"), kPassword);
        QCOMPARE(r.status, 429L);
        QCOMPARE(r.errorCode(), QStringLiteral("locked_out"));
    }

    // A user name no account can have is refused before it is throttled,
    // checked or written anywhere.
    void oversizeUserNameIsRefusedUnaudited()
    {
        const qint64 before = auditBytes();
        const QString huge(1 << 19, QLatin1Char('u'));
        for (int i = 0; i < 3; ++i) {
            const TestResponse r = m_http->login(huge, kPassword);
            QCOMPARE(r.status, 400L);
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_argument"));
        }
        const TestResponse control = m_http->login(QStringLiteral("bad\nname"), kPassword);
        QCOMPARE(control.errorCode(), QStringLiteral("invalid_argument"));
        const qint64 grown = auditBytes() - before;
        // (the auditor's own logins are the only new records)
        QVERIFY2(grown < 1000, qPrintable(QString::number(grown)));
        // Nor did the tries count against the address: its users still log in.
        QCOMPARE(m_http->login(QStringLiteral("near"), kPassword).status, 200L);
    }

    // Once an address is locked out, its further tries are one audit record
    // per address and window, however many there are.
    void lockedOutTriesAreOneRecordPerWindow()
    {
        // 20 failures lock the address (different users, so no user lockout first).
        QList<TestRequest> guesses;
        for (int i = 0; i < 20; ++i)
            guesses.append({"POST", QStringLiteral("/api/v1/session"),
                TestHttp::loginBody(QStringLiteral("nobody%1").arg(i), QStringLiteral("x-x-x-x")),
                {}, "127.0.0.3"});
        for (const TestRequest &g : guesses)
            m_http->requestAll({g});
        QList<TestRequest> refused;
        for (int i = 0; i < 30; ++i)
            refused.append({"POST", QStringLiteral("/api/v1/session"),
                TestHttp::loginBody(QStringLiteral("near"), kPassword), {}, "127.0.0.3"});
        const QHash<QString, int> codes = countCodes(m_http->requestAll(refused));
        QCOMPARE(codes.value(QStringLiteral("locked_out")), 30);

        // The tally is written when its window closes, at the latest when
        // the appliance stops.
        QVERIFY(m_app->stop());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        int tallies = 0, perTry = 0;
        for (const QJsonValue &v : auditRecords()) {
            if (v[QStringLiteral("source")] != QStringLiteral("127.0.0.3"))
                continue;
            const QString detail = v[QStringLiteral("detail")].toString();
            if (v[QStringLiteral("action")] == QStringLiteral("session.refused")) {
                ++tallies;
                QVERIFY2(detail.startsWith(QLatin1String("30 ")), qPrintable(detail));
            } else if (detail.contains(QLatin1String("locked out"))) {
                ++perTry;
            }
        }
        QCOMPARE(perTry, 0);
        QCOMPARE(tallies, 1);
    }

    // More password checks at once than the queue holds: the overflow is
    // refused at once with rate_limited and a Retry-After.
    void passwordCheckQueueIsBounded()
    {
        // A small queue, so that a flood overflows it for sure.
        ApplianceProcess app;
        app.setConfig(R"("login_hash_queue": 2)");
        QVERIFY(app.start());
        const TestHttp http(app.baseUrl(), app.certificatePath());
        QList<TestRequest> flood;
        for (int i = 0; i < 12; ++i)
            flood.append({"POST", QStringLiteral("/api/v1/session"),
                TestHttp::loginBody(QStringLiteral("flood%1").arg(i), QStringLiteral("y-y-y-y")),
                {}, QByteArray("127.0.1.") + QByteArray::number(i + 1)});
        const QList<TestResponse> answers = http.requestAll(flood);
        int limited = 0;
        for (const TestResponse &r : answers) {
            if (r.errorCode() == QLatin1String("rate_limited")) {
                ++limited;
                QCOMPARE(r.status, 429L);
                QVERIFY(r.headers.value("retry-after").toInt() > 0);
            } else {
                QCOMPARE(r.errorCode(), QStringLiteral("bad_credentials"));
            }
        }
        QVERIFY2(limited > 0, qPrintable(describe(countCodes(answers))));
        QVERIFY(app.stop());
    }

    // Lockouts that ended leave no rows behind.
    void expiredLockoutRowsArePurged()
    {
        QVERIFY(m_app->stop());
        QVariant locked;
        QVERIFY(m_app->execSql(QStringLiteral("SELECT COUNT(*) FROM lockouts"), &locked));
        QVERIFY(locked.toInt() > 0);
        QVERIFY(m_app->execSql(QStringLiteral("UPDATE lockouts SET until = 1")));
        QVERIFY(m_app->execSql(QStringLiteral("UPDATE login_failures SET time = 1")));
        QVERIFY(m_app->start());
        QVERIFY(m_app->stop());
        QVariant left;
        QVERIFY(m_app->execSql(QStringLiteral("SELECT (SELECT COUNT(*) FROM lockouts) + "
                                              "(SELECT COUNT(*) FROM login_failures)"),
            &left));
        QCOMPARE(left.toInt(), 0);
        QVERIFY(m_app->start());
    }
};

QTEST_GUILESS_MAIN(TestHostileLogin)
#include "tst_hostile_login.moc"
