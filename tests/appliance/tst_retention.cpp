// SPDX-License-Identifier: GPL-2.0-or-later
// Nothing grows without bound (docs/security.md, Hostile network): list
// answers have a byte budget and say how to go on; events and audit records
// are trimmed by count and age, the trim is audited and the audit chain
// stays verifiable — against a real appliance process.
#include "ApplianceProcess.h"
#include "TestFiles.h"
#include "TestHttp.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

using namespace mamori::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");
constexpr int kPageBytes = 16 * 1024;

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    QString m_token;

    void restart()
    {
        QVERIFY(m_app->stop());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_token = m_http->token(QStringLiteral("sec"), kPassword);
        QVERIFY(!m_token.isEmpty());
    }

    // Every page of a list, checking that none is over the budget.
    QJsonArray pages(const QString &path, const QString &key, const QString &cursor,
        const QString &nextKey, int *count = nullptr)
    {
        int n = 0;
        qsizetype largest = 0;
        const QJsonArray all =
            m_http->allPages(path, key, cursor, nextKey, m_token, [&](const TestResponse &r) {
                ++n;
                largest = std::max(largest, r.body.size());
            });
        [&] { QVERIFY2(largest <= kPageBytes + 1024, qPrintable(QString::number(largest))); }();
        if (count)
            *count = n;
        return all;
    }

    QJsonArray auditRecords(int *pageCount = nullptr)
    {
        return pages(QStringLiteral("/api/v1/audit"), QStringLiteral("records"),
            QStringLiteral("after"), QStringLiteral("next_after"), pageCount);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
        m_app->setConfig(QStringLiteral(R"("list_page_bytes": %1, "events_keep": 100,
            "inventory_interval_ms": 200,
            "audit_keep": 150, "events_max_age_days": 30, "audit_max_age_days": 365)")
                             .arg(kPageBytes)
                             .toUtf8());
        // 60 VMs with long names: their vm.added events alone fill a page.
        for (int i = 0; i < 60; ++i)
            QVERIFY(QDir().mkpath(m_app->vmsDir() + QStringLiteral("/desk-%1-").arg(i)
                + QString(200, QLatin1Char('n'))));
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_token = m_http->token(QStringLiteral("sec"), kPassword);
        QCOMPARE(m_http->waitForVms(m_token, 60).size(), 60);
        // 200 policy changes, each an event and an audit record of ~2 KB.
        QJsonArray exclusions;
        for (int i = 0; i < 150; ++i)
            exclusions.append(QStringLiteral("*.x%1").arg(i, 4, 10, QLatin1Char('0')));
        for (int i = 0; i < 200; ++i) {
            exclusions[0] = QStringLiteral("*.round%1").arg(i);
            QCOMPARE(m_http
                         ->request("PUT", QStringLiteral("/api/v1/policy"),
                             json({{QStringLiteral("exclusions"), exclusions}}), m_token)
                         .status,
                200L);
        }
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    // A list answer stops at its byte budget, says there is more and where
    // to go on; paging on gives every record once, in order.
    void listsStopAtTheirByteBudget()
    {
        int pageCount = 0;
        const QJsonArray records = auditRecords(&pageCount);
        QVERIFY2(pageCount >= 20, qPrintable(QString::number(pageCount)));
        QVERIFY(records.size() >= 201);
        for (qsizetype i = 1; i < records.size(); ++i)
            QCOMPARE(records[i][QStringLiteral("seq")].toInteger(),
                records[i - 1][QStringLiteral("seq")].toInteger() + 1);

        const TestResponse events =
            m_http->request("GET", QStringLiteral("/api/v1/events?after=0"), {}, m_token);
        QVERIFY(events.body.size() <= kPageBytes + 1024);
        QVERIFY(events.json.value(QStringLiteral("more")).toBool());
        const QJsonArray first = events.json.value(QStringLiteral("events")).toArray();
        QVERIFY(!first.isEmpty() && first.size() < 260);

        const TestResponse incidents =
            m_http->request("GET", QStringLiteral("/api/v1/incidents"), {}, m_token);
        QCOMPARE(incidents.json.value(QStringLiteral("more")).toBool(true), false);
        QVERIFY(incidents.json.contains(QStringLiteral("next_before")));
        const TestResponse scans =
            m_http->request("GET", QStringLiteral("/api/v1/scans"), {}, m_token);
        QCOMPARE(scans.json.value(QStringLiteral("more")).toBool(true), false);
        QVERIFY(scans.json.contains(QStringLiteral("next_offset")));
    }

    // Beyond the newest so many, events and audit records go; the trims
    // are audited, and the chain verifies from its new anchor.
    void trimmedByCountWithTheChainIntact()
    {
        const qint64 lastEvent =
            m_http->request("GET", QStringLiteral("/api/v1/events?after=0"), {}, m_token)
                .json.value(QStringLiteral("last_seq"))
                .toInteger();
        restart();
        const TestResponse events =
            m_http->request("GET", QStringLiteral("/api/v1/events?after=0"), {}, m_token);
        QVERIFY(events.json.value(QStringLiteral("gap")).toBool());
        QCOMPARE(events.json.value(QStringLiteral("events"))
                     .toArray()
                     .first()[QStringLiteral("seq")]
                     .toInteger(),
            lastEvent - 99);

        const QJsonArray records = auditRecords();
        const TestResponse page =
            m_http->request("GET", QStringLiteral("/api/v1/audit"), {}, m_token);
        const QJsonObject anchor = page.json.value(QStringLiteral("anchor")).toObject();
        QVERIFY(anchor.value(QStringLiteral("seq")).toInteger() > 0);
        QCOMPARE(records.first()[QStringLiteral("seq")].toInteger(),
            anchor.value(QStringLiteral("seq")).toInteger() + 1);
        QCOMPARE(
            records.first()[QStringLiteral("prev_hash")], anchor.value(QStringLiteral("hash")));
        QVERIFY(records.size() <= 150 + 5);
        QStringList trims;
        for (const QJsonValue &r : records) {
            const QString action = r[QStringLiteral("action")].toString();
            if (action.endsWith(QLatin1String(".trim")))
                trims << action;
        }
        QVERIFY2(trims.contains(QStringLiteral("events.trim")), qPrintable(trims.join(u',')));
        QVERIFY2(trims.contains(QStringLiteral("audit.trim")), qPrintable(trims.join(u',')));

        QVERIFY(m_app->stop());
        QByteArray out;
        QCOMPARE(m_app->verifyAudit(&out), 0);
        QVERIFY2(out.contains("intact"), out.constData());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_token = m_http->token(QStringLiteral("sec"), kPassword);
    }

    // Older than the configured days, events and audit records go too
    // (but never the newest one).
    void trimmedByAge()
    {
        const qint64 lastEvent =
            m_http->request("GET", QStringLiteral("/api/v1/events?after=0"), {}, m_token)
                .json.value(QStringLiteral("last_seq"))
                .toInteger();
        QVERIFY(m_app->stop());
        QVERIFY(m_app->execSql(
            QStringLiteral("UPDATE events SET time = '2001-01-01T00:00:00.000Z' WHERE seq < "
                           "(SELECT MAX(seq) - 10 FROM events)")));
        QVERIFY(m_app->execSql(
            QStringLiteral("UPDATE audit SET time = '2001-01-01T00:00:00.000Z' WHERE seq < "
                           "(SELECT MAX(seq) - 10 FROM audit)")));
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_token = m_http->token(QStringLiteral("sec"), kPassword);
        const QJsonArray events = pages(QStringLiteral("/api/v1/events"), QStringLiteral("events"),
            QStringLiteral("after"), QStringLiteral("next_after"));
        int before = 0; // of the events from before the restart
        for (const QJsonValue &e : events) {
            QVERIFY(!e[QStringLiteral("time")].toString().startsWith(QLatin1String("2001")));
            before += e[QStringLiteral("seq")].toInteger() <= lastEvent;
        }
        QVERIFY2(before > 0 && before <= 11, qPrintable(QString::number(before)));
        const QJsonArray records = auditRecords();
        for (const QJsonValue &r : records)
            QVERIFY(!r[QStringLiteral("time")].toString().startsWith(QLatin1String("2001")));
        QVERIFY(records.size() <= 20);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
