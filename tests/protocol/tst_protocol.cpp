// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ErrorCode.h"
#include "protocol/JsonReader.h"
#include "protocol/ProtectionStatus.h"
#include "protocol/Role.h"

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
