// SPDX-License-Identifier: GPL-2.0-or-later
// HttpWire's pure functions: request heads, targets, chunked bodies and
// answers, byte for byte.
#include "appliance/http/HttpWire.h"

#include <QTest>

using namespace mamori::appliance;
using Status = HeadParse::Status;

class TestHttpWire : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeHeadIsParsed()
    {
        const QByteArray bytes = "POST /api/v1/session?x=1&x=2&y=%C3%A9&flag HTTP/1.1\r\n"
                                 "Host: a\r\nContent-Length: 5\r\nX-Twice: a\r\nx-twice: b\r\n"
                                 "Expect: 100-continue\r\n\r\nhello";
        const HeadParse p = parseRequestHead(bytes, HttpLimits {});
        QCOMPARE(p.status, Status::Complete);
        QCOMPARE(p.consumed, bytes.indexOf("hello"));
        QCOMPARE(p.head.method, QByteArray("POST"));
        QCOMPARE(p.head.path, QStringLiteral("/api/v1/session"));
        QCOMPARE(p.head.query.values(QStringLiteral("x")).size(), 2);
        QCOMPARE(p.head.query.value(QStringLiteral("y")), QString::fromUtf8("\xC3\xA9"));
        QVERIFY(p.head.query.contains(QStringLiteral("flag")));
        QCOMPARE(p.head.headers.value("x-twice"), QByteArray("a, b"));
        QCOMPARE(p.head.contentLength, 5);
        QVERIFY(p.head.keepAlive);
        QVERIFY(p.head.expectContinue);
    }

    // Only the head must end its lines with CR LF: a body may hold bare LFs.
    void bodyMayHoldLineFeeds()
    {
        const QByteArray bytes = "POST /a HTTP/1.1\r\nContent-Length: 9\r\n\r\n{\n\"a\":1\n}";
        const HeadParse p = parseRequestHead(bytes, HttpLimits {});
        QCOMPARE(p.status, Status::Complete);
        QCOMPARE(p.consumed, bytes.indexOf('{'));
    }

    void headArrivesInPieces()
    {
        const QByteArray bytes = "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        for (qsizetype n = 0; n < bytes.size(); ++n)
            QCOMPARE(parseRequestHead(bytes.first(n), HttpLimits {}).status, Status::Incomplete);
        const HeadParse p = parseRequestHead(bytes, HttpLimits {});
        QCOMPARE(p.status, Status::Complete);
        QVERIFY(p.head.http10 && p.head.keepAlive);
        // A bad request line is refused before the headers end.
        QCOMPARE(parseRequestHead("GET /a HTTP/9.9\r\nHost", HttpLimits {}).status, Status::Failed);
    }

    void limitsAreHeadersTooLarge()
    {
        HttpLimits small;
        small.maxHeadBytes = 64;
        const HeadParse p =
            parseRequestHead("GET /a HTTP/1.1\r\nX: " + QByteArray(100, 'x'), small);
        QCOMPARE(p.status, Status::Failed);
        QCOMPARE(p.error.code, mamori::protocol::ErrorCode::HeadersTooLarge);
    }

    void targets_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << QByteArray("/api/v1/vms") << true << "/api/v1/vms";
        QTest::newRow("escaped space") << QByteArray("/a%20b") << true << "/a b";
        QTest::newRow("plus stays") << QByteArray("/a+b") << true << "/a+b";
        QTest::newRow("dots in a name") << QByteArray("/a/..b/c.") << true << "/a/..b/c.";
        QTest::newRow("%00") << QByteArray("/a%00") << false << "";
        QTest::newRow("%7f") << QByteArray("/a%7F") << false << "";
        QTest::newRow("..") << QByteArray("/a/../b") << false << "";
        QTest::newRow("trailing ..") << QByteArray("/a/..") << false << "";
        QTest::newRow(".") << QByteArray("/a/./b") << false << "";
        QTest::newRow("%2e%2e") << QByteArray("/a/%2e%2e/b") << false << "";
        QTest::newRow("%2f") << QByteArray("/a%2fb") << false << "";
        QTest::newRow("half escape") << QByteArray("/a%4") << false << "";
        QTest::newRow("raw space") << QByteArray("/a b") << false << "";
        QTest::newRow("fragment") << QByteArray("/a#b") << false << "";
        QTest::newRow("not UTF-8") << QByteArray("/%C3%28") << false << "";
        QTest::newRow("relative") << QByteArray("a/b") << false << "";
        QTest::newRow("control in query") << QByteArray("/a?x=%01") << false << "";
    }

    void targets()
    {
        QFETCH(QByteArray, target);
        QFETCH(bool, ok);
        QFETCH(QString, path);
        QString parsed;
        QMultiHash<QString, QString> query;
        HttpError error;
        QCOMPARE(parseRequestTarget(target, &parsed, &query, &error), ok);
        if (ok)
            QCOMPARE(parsed, path);
        else
            QVERIFY(!error.message.isEmpty());
    }

    void chunkedBodyInPieces()
    {
        const QByteArray wire = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        // Fed a byte at a time, as a slow client would send it.
        ChunkedDecoder decoder;
        QByteArray body, pending;
        HttpError error;
        ChunkedDecoder::Status status = ChunkedDecoder::Status::NeedMore;
        qsizetype fed = 0;
        while (status == ChunkedDecoder::Status::NeedMore && fed < wire.size()) {
            pending += wire[fed++];
            qsizetype used = 0;
            status = decoder.feed(pending, &used, &body, 1 << 20, &error);
            pending.remove(0, used);
        }
        QCOMPARE(status, ChunkedDecoder::Status::Done);
        QCOMPARE(body, QByteArray("hello world"));
        QCOMPARE(wire.mid(fed), QByteArray("NEXT"));
    }

    void chunkedBodyRefusals()
    {
        for (const auto &[wire, code] :
            {std::pair {QByteArray("zz\r\n"), mamori::protocol::ErrorCode::BadRequest},
                std::pair {QByteArray("5\r\nhelloXX"), mamori::protocol::ErrorCode::BadRequest},
                std::pair {QByteArray("ffffffffffffffffff\r\n"),
                    mamori::protocol::ErrorCode::PayloadTooLarge},
                std::pair {QByteArray("11\r\n"), mamori::protocol::ErrorCode::PayloadTooLarge}}) {
            ChunkedDecoder decoder;
            QByteArray body;
            HttpError error;
            qsizetype used = 0;
            QCOMPARE(decoder.feed(wire, &used, &body, 16, &error), ChunkedDecoder::Status::Failed);
            QCOMPARE(error.code, code);
        }
    }

    void answersCarryTheirHeadersAndNoInjection()
    {
        HttpResponse r = jsonError(mamori::protocol::ErrorCode::LockedOut, QStringLiteral("x"));
        r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("60")));
        r.headers.append(qMakePair(QByteArray("X-Evil"), QByteArray("a\r\nSet-Cookie: b")));
        r.headers.append(qMakePair(QByteArray("Content-Length"), QByteArray("1")));
        const QByteArray wire = serializeResponse(r, true, false, httpDate(784111777));
        QVERIFY(wire.startsWith("HTTP/1.1 429 Too Many Requests\r\n"));
        QVERIFY(wire.contains("\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"));
        QVERIFY(wire.contains("\r\nRetry-After: 60\r\n"));
        QVERIFY(wire.contains("\r\nConnection: close\r\n"));
        QVERIFY(!wire.contains("Set-Cookie"));
        QCOMPARE(wire.count("Content-Length"), 1);
        QVERIFY(wire.endsWith("\r\n\r\n" + r.body));
        QVERIFY(serializeResponse(r, false, true, {}).endsWith("\r\n\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestHttpWire)
#include "tst_http_wire.moc"
