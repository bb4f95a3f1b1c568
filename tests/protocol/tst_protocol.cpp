// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ApiPaths.h"
#include "protocol/ErrorCode.h"
#include "protocol/JsonReader.h"
#include "protocol/Metric.h"
#include "protocol/ProtectionStatus.h"
#include "protocol/Role.h"
#include "protocol/ScanOrigin.h"

#include <QRandomGenerator>
#include <QTest>

using namespace mamori::protocol;

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorCodesRoundTrip()
    {
        for (int i = 0; i <= int(ErrorCode::ImageVmReadOnly); ++i) { // the last code
            const auto code = ErrorCode(i);
            const QString name = errorCodeName(code);
            QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
            QCOMPARE(errorCodeFromName(name), std::optional(code));
            QVERIFY(httpStatusFor(code) >= 400 && httpStatusFor(code) < 600);
        }
        QCOMPARE(errorCodeFromName(QStringLiteral("no_such_code")), std::nullopt);
        QCOMPARE(httpStatusFor(ErrorCode::PayloadTooLarge), 413);
        QCOMPARE(httpStatusFor(ErrorCode::LockedOut), 429);
        QCOMPARE(errorCodeName(ErrorCode::ImageVmReadOnly), QStringLiteral("image_vm_read_only"));
        QCOMPARE(httpStatusFor(ErrorCode::ImageVmReadOnly), 409);
    }

    void rolesRoundTrip()
    {
        QCOMPARE(allRoleNames().size(), 3);
        for (const QString &name : allRoleNames())
            QCOMPARE(roleName(*roleFromName(name)), name);
        QCOMPARE(roleFromName(QStringLiteral("root")), std::nullopt);
    }

    void protectionStatusOrderRollsUpWorst()
    {
        QVERIFY(ProtectionStatus::Infected > ProtectionStatus::AtRisk);
        QVERIFY(ProtectionStatus::AtRisk > ProtectionStatus::Protected);
        QCOMPARE(protectionStatusFromName(QStringLiteral("at-risk")),
            std::optional(ProtectionStatus::AtRisk));
        QCOMPARE(protectionStatusFromName(QStringLiteral("bogus")), std::nullopt);
    }

    void jsonReaderAcceptsGoodInput()
    {
        auto r = JsonReader::parse(R"({"user":"alice","n":3,"b":true,"l":["a","b"]})");
        QCOMPARE(r.string(QStringLiteral("user")), QStringLiteral("alice"));
        QCOMPARE(r.integer(QStringLiteral("n"), 0, 10), 3);
        QCOMPARE(r.boolean(QStringLiteral("b")), true);
        QCOMPARE(r.stringList(QStringLiteral("l")), QStringList({"a", "b"}));
        QCOMPARE(r.optionalString(QStringLiteral("missing")), std::nullopt);
        QVERIFY2(r.ok(), qPrintable(r.error()));
    }

    void jsonReaderRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QByteArray("{\"user\":") << "malformed JSON";
        QTest::newRow("array") << QByteArray("[1,2]") << "expected a JSON object";
        QTest::newRow("empty") << QByteArray() << "malformed JSON";
        QTest::newRow("missing") << QByteArray("{}") << "field 'user' is missing";
        QTest::newRow("type") << QByteArray(R"({"user":5})") << "expected a string";
        QTest::newRow("float") << QByteArray(R"({"user":"a","n":1.5})") << "expected an integer";
        QTest::newRow("range") << QByteArray(R"({"user":"a","n":11})") << "between 0 and 10";
    }

    void jsonReaderRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        auto r = JsonReader::parse(body);
        r.string(QStringLiteral("user"));
        r.integer(QStringLiteral("n"), 0, 10);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(expected), qPrintable(r.error()));
    }

    // Random mutations of a valid body never crash the reader and either
    // parse or explain why not.
    void jsonReaderOptionalFieldsAndContext()
    {
        auto r = JsonReader::parse(R"({"n": null, "b": true, "x": 1.5, "o": {}, "l": ["a"]})");
        QCOMPARE(r.optionalBoolean(QStringLiteral("b")), std::optional(true));
        QCOMPARE(r.optionalBoolean(QStringLiteral("n")), std::nullopt);
        QCOMPARE(r.optionalNumber(QStringLiteral("x")), std::optional(1.5));
        QVERIFY(r.optionalObject(QStringLiteral("o")).has_value());
        QCOMPARE(r.optionalStringList(QStringLiteral("l")), std::optional(QStringList {"a"}));
        QVERIFY(!r.optionalStringList(QStringLiteral("missing")).has_value());
        QVERIFY(r.ok());
        r.setContext(QStringLiteral("vms[2]"));
        r.optionalNumber(QStringLiteral("b")); // present, but not a number
        QCOMPARE(r.error(), QStringLiteral("vms[2]: field 'b': expected a number"));
    }

    void apiPathsAreFilledAndEncoded()
    {
        namespace path = mamori::protocol::path;
        QCOMPARE(path::make(path::kIncidentActions, QStringLiteral("inc-7")),
            QStringLiteral("/api/v1/incidents/inc-7/actions"));
        // An id cannot reach another endpoint or add a query.
        QCOMPARE(path::make(path::kScan, QStringLiteral("../vms?x=1")),
            QStringLiteral("/api/v1/scans/..%2Fvms%3Fx%3D1"));
        QCOMPARE(path::make(path::kMetrics,
                     {{QStringLiteral("since"), QStringLiteral("5")},
                         {QStringLiteral("scope"), QStringLiteral("vm:a b")}}),
            QStringLiteral("/api/v1/metrics?since=5&scope=vm%3Aa%20b"));
    }

    void metricKeysAndScopes()
    {
        for (mamori::protocol::Metric m : mamori::protocol::kAllMetrics)
            QCOMPARE(
                mamori::protocol::metricFromKey(mamori::protocol::metricKey(m)), std::optional(m));
        QCOMPARE(
            mamori::protocol::metricKey(mamori::protocol::Metric::Memory), QStringLiteral("mem"));
        QCOMPARE(mamori::protocol::vmOfScope(mamori::protocol::vmScope(QStringLiteral("6f1d"))),
            QStringLiteral("6f1d"));
        QVERIFY(mamori::protocol::isScope(QStringLiteral("host")));
        QVERIFY(!mamori::protocol::isScope(QStringLiteral("vm:")));
        QVERIFY(!mamori::protocol::isScope(QStringLiteral("disk")));
        QVERIFY(mamori::protocol::scanOriginUrgency(QStringLiteral("manual"))
            < mamori::protocol::scanOriginUrgency(QStringLiteral("scheduled")));
        QCOMPARE(mamori::protocol::scanOriginUrgency(QStringLiteral("newer")), 99);
        // A starting VM's rescan goes before everything; "manual" keeps the
        // 0 that jobs queued before "vm-start" were stored with.
        QCOMPARE(mamori::protocol::scanOriginUrgency(QStringLiteral("manual")), 0);
        QVERIFY(mamori::protocol::scanOriginUrgency(QStringLiteral("vm-start"))
            < mamori::protocol::scanOriginUrgency(QStringLiteral("manual")));
    }

    void jsonReaderFuzz()
    {
        const QByteArray seed = R"({"user":"a","password":"b","vms":["x","y"],"wait":30})";
        QRandomGenerator rng(20261125);
        for (int i = 0; i < 20000; ++i) {
            QByteArray body = seed;
            const int edits = 1 + rng.bounded(6);
            for (int e = 0; e < edits; ++e) {
                const int at = rng.bounded(body.size() + 1);
                switch (rng.bounded(3)) {
                case 0:
                    body.insert(at, char(rng.bounded(256)));
                    break;
                case 1:
                    if (at < body.size())
                        body.remove(at, 1);
                    break;
                default:
                    if (at < body.size())
                        body[at] = char(rng.bounded(256));
                }
            }
            auto r = JsonReader::parse(body);
            r.string(QStringLiteral("user"));
            r.stringList(QStringLiteral("vms"));
            r.optionalInteger(QStringLiteral("wait"), 0, 60);
            QVERIFY(r.ok() || !r.error().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
