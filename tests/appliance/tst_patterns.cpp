// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/patterns/PatternBundle.h"
#include "appliance/patterns/PatternCommands.h"
#include "appliance/patterns/PatternService.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori::appliance;
using namespace Qt::StringLiterals;
using Verdict = ScanEngine::Result::Verdict;

namespace {

const QByteArray kEicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
const QByteArray kBody = "mamori body marker: do not panic, this is a test 0001";
const QByteArray kNewer = "mamori marker only the newer pattern knows 0002";

QByteArray hdbLine(const QByteArray &content, const char *name)
{
    return QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex() + ':'
        + QByteArray::number(content.size()) + ':' + name + '\n';
}

QByteArray ndbLine(const char *name, const QByteArray &content)
{
    return QByteArray(name) + ":0:*:" + content.toHex() + '\n';
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// An update source's index.json for a bundle.
QByteArray indexJson(const QJsonValue &version, const QByteArray &bundle, const QString &name)
{
    const QByteArray sha256 = QCryptographicHash::hash(bundle, QCryptographicHash::Sha256).toHex();
    return QJsonDocument(
        QJsonObject {{u"version"_s, version}, {u"released"_s, u"2026-11-25T00:00:00Z"_s},
            {u"bundle"_s, name}, {u"sha256"_s, QString::fromLatin1(sha256)}})
        .toJson();
}

// Collects what checkForUpdate reports.
struct Outcomes
{
    QList<QVariantList> list;
    PatternService::Done recorder()
    {
        return [this](bool ok, const QString &code, const QString &message) {
            list.append({ok, code, message});
        };
    }
    bool ok() const { return list.last().at(0).toBool(); }
    QString code() const { return list.last().at(1).toString(); }
    QByteArray message() const { return list.last().at(2).toString().toUtf8(); }
};

// Answers GET requests for `files` with a Content-Length and closes.
class TinyHttpServer : public QObject
{
public:
    QHash<QByteArray, QByteArray> files;
    QTcpServer server;

    bool start()
    {
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    s->setProperty("buffer", s->property("buffer").toByteArray() + s->readAll());
                    const QByteArray request = s->property("buffer").toByteArray();
                    if (!request.contains("\r\n\r\n"))
                        return;
                    const QByteArray path = request.split(' ').value(1);
                    const bool found = files.contains(path);
                    const QByteArray body = found ? files.value(path) : QByteArray("not found");
                    s->write((found ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 404 Not Found\r\n")
                        + QByteArray("Content-Length: ") + QByteArray::number(body.size())
                        + "\r\nConnection: close\r\n\r\n" + body);
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        return server.listen(QHostAddress::LocalHost, 0);
    }
    QString url(const QString &path) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(server.serverPort()).arg(path);
    }
};

} // namespace

class TestPatterns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_keys, m_otherKeys, m_samples;
    QByteArray m_secret, m_otherSecret;
    int m_counter = 0;

    QString path(const QString &name) const { return m_tmp.filePath(name); }

    // A fresh data directory that trusts the test key.
    QString dataDir()
    {
        const QString dir = path(u"data%1"_s.arg(++m_counter));
        PatternStore store(dir);
        QString id, error;
        if (!store.trustKey(m_keys + u"/pattern.pub"_s, &id, &error))
            qWarning("%s", qPrintable(error));
        return dir;
    }

    // v1 knows EICAR and the body marker; later versions also the newer one.
    QString bundle(
        qint64 version, const QByteArray &secret = {}, QMap<QString, QByteArray> files = {})
    {
        if (files.isEmpty()) {
            files.insert(u"mamori.hdb"_s, hdbLine(kEicar, "Mamori.Test.EICAR"));
            QByteArray ndb = ndbLine("Mamori.Test.Body", kBody);
            if (version > 1)
                ndb += ndbLine("Mamori.Test.Newer", kNewer);
            files.insert(u"mamori.ndb"_s, ndb);
        }
        const QString sigs = path(u"sigs%1"_s.arg(++m_counter));
        QDir().mkpath(sigs);
        QStringList paths;
        for (auto it = files.begin(); it != files.end(); ++it) {
            writeFile(sigs + QLatin1Char('/') + it.key(), it.value());
            paths.append(sigs + QLatin1Char('/') + it.key());
        }
        const QString out = path(u"b%1-%2.mpb"_s.arg(version).arg(m_counter));
        QString error;
        if (!writePatternBundle(out, secret.isEmpty() ? m_secret : secret, version,
                QDateTime::fromString(u"2026-11-25T00:00:00Z"_s, Qt::ISODate), paths, &error))
            qWarning("%s", qPrintable(error));
        return out;
    }

    Verdict scan(const std::shared_ptr<const ScanEngine> &engine, const char *sample)
    {
        return engine->scanFile(m_samples + QLatin1Char('/') + QLatin1String(sample)).verdict;
    }

    // Opens a service on `data` and installs `versions`.
    std::unique_ptr<PatternService> service(const QString &data, QList<qint64> versions = {})
    {
        auto s = std::make_unique<PatternService>(data);
        QString error, code;
        if (!s->open(&error))
            qWarning("%s", qPrintable(error));
        for (qint64 v : versions)
            if (!s->importBundle(bundle(v), &code, &error))
                qWarning("%s", qPrintable(error));
        return s;
    }

    void expectRefused(const QString &bundlePath, const QString &expectedCode, const char *why)
    {
        QVERIFY(QFileInfo::exists(bundlePath));
        auto s = service(dataDir(), {1});
        QSignalSpy refused(s.get(), &PatternService::patternRefused);
        QSignalSpy changed(s.get(), &PatternService::patternChanged);
        QString code, message;
        QVERIFY2(!s->importBundle(bundlePath, &code, &message), why);
        QCOMPARE(code, expectedCode);
        QVERIFY2(message.contains(QLatin1String(why)), qPrintable(message));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(s->activeVersion(), u"1"_s);
        QCOMPARE(scan(s->engine(), "eicar.com"), Verdict::Infected);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_keys = path(u"keys"_s);
        m_otherKeys = path(u"other-keys"_s);
        QString id, error;
        QVERIFY2(patternkeys::generate(m_keys, &id, &error), qPrintable(error));
        QVERIFY2(patternkeys::generate(m_otherKeys, &id, &error), qPrintable(error));
        QCOMPARE(QFileInfo(m_keys + u"/pattern.key"_s).permissions()
                & (QFile::ReadGroup | QFile::ReadOther),
            QFile::Permissions());
        QVERIFY(!patternkeys::generate(m_keys, &id, &error)); // never overwrites
        m_secret = patternkeys::readSecretKey(m_keys + u"/pattern.key"_s, &error);
        m_otherSecret = patternkeys::readSecretKey(m_otherKeys + u"/pattern.key"_s, &error);
        QVERIFY(!m_secret.isEmpty() && !m_otherSecret.isEmpty());
        m_samples = path(u"samples"_s);
        QDir().mkpath(m_samples);
        QVERIFY(writeFile(m_samples + u"/eicar.com"_s, kEicar));
        QVERIFY(writeFile(m_samples + u"/body.bin"_s, "head " + kBody + " tail"));
        QVERIFY(writeFile(m_samples + u"/newer.bin"_s, "x" + kNewer + "y"));
        QVERIFY(writeFile(m_samples + u"/clean.txt"_s, "just a clean file\n"));
    }

    void freshApplianceHasNoPattern()
    {
        auto s = service(dataDir());
        QVERIFY(!s->engine());
        QCOMPARE(s->activeVersion(), QString());
        QVERIFY(s->status().value(u"active"_s).isNull());
    }

    void installDetectsAndPassesClean()
    {
        auto s = service(dataDir());
        QSignalSpy changed(s.get(), &PatternService::patternChanged);
        QString code, message;
        QVERIFY2(s->importBundle(bundle(1), &code, &message), qPrintable(message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first(), (QVariantList {u"1"_s, QString(), u"import"_s}));
        const auto engine = s->engine();
        QVERIFY(engine);
        const auto eicar = engine->scanFile(m_samples + u"/eicar.com"_s);
        QCOMPARE(eicar.verdict, Verdict::Infected);
        QVERIFY2(
            eicar.threat.startsWith(QLatin1String("Mamori.Test.EICAR")), qPrintable(eicar.threat));
        const auto body = engine->scanFile(m_samples + u"/body.bin"_s);
        QVERIFY2(
            body.threat.startsWith(QLatin1String("Mamori.Test.Body")), qPrintable(body.threat));
        QCOMPARE(scan(engine, "clean.txt"), Verdict::Clean);
        QCOMPARE(scan(engine, "newer.bin"), Verdict::Clean);
        const QJsonObject active = s->status().value(u"active"_s).toObject();
        QCOMPARE(active.value(u"version"_s).toString(), u"1"_s);
        QCOMPARE(active.value(u"released"_s).toString(), u"2026-11-25T00:00:00Z"_s);
        QCOMPARE(active.value(u"signatures"_s).toInt(), 2);
    }

    void tamperedSignatureFileRefused()
    {
        QByteArray bytes = readFile(bundle(2));
        bytes[bytes.size() - 2] = char(bytes.at(bytes.size() - 2) ^ 0x01);
        QVERIFY(writeFile(path(u"tampered-file.mpb"_s), bytes));
        expectRefused(
            path(u"tampered-file.mpb"_s), u"invalid_argument"_s, "does not match its SHA-256");
    }

    void tamperedManifestRefused()
    {
        QByteArray bytes = readFile(bundle(2));
        const qsizetype at = bytes.indexOf("2026-11-25", kPatternBundleHeaderBytes);
        QVERIFY(at > 0);
        bytes[at + 3] = '7';
        QVERIFY(writeFile(path(u"tampered-manifest.mpb"_s), bytes));
        expectRefused(
            path(u"tampered-manifest.mpb"_s), u"invalid_argument"_s, "signature is not valid");
    }

    void malformedContainersRefused()
    {
        const QByteArray good = readFile(bundle(2));
        QVERIFY(writeFile(path(u"extra.mpb"_s), good + "more"));
        expectRefused(path(u"extra.mpb"_s), u"invalid_argument"_s, "does not list");
        QVERIFY(writeFile(path(u"short.mpb"_s), good.chopped(3)));
        expectRefused(path(u"short.mpb"_s), u"invalid_argument"_s, "shorter than its manifest");
        QVERIFY(writeFile(path(u"garbage.mpb"_s), QByteArray(200, 'x')));
        expectRefused(path(u"garbage.mpb"_s), u"invalid_argument"_s, "not a Mamori pattern bundle");
    }

    void unknownKeyRefused()
    {
        expectRefused(bundle(2, m_otherSecret), u"invalid_argument"_s, "does not trust");
    }

    void downgradeAndSameVersionRefused()
    {
        auto s = service(dataDir(), {1, 3});
        QString code, message;
        QVERIFY(!s->importBundle(bundle(3), &code, &message));
        QCOMPARE(code, u"conflict"_s);
        QVERIFY(!s->importBundle(bundle(2), &code, &message));
        QCOMPARE(code, u"conflict"_s);
        QVERIFY2(message.contains(QLatin1String("not newer")), qPrintable(message));
        QCOMPARE(s->activeVersion(), u"3"_s);
    }

    void uncompilableBundleRefused()
    {
        const QString broken = bundle(2, {}, {{u"broken.ndb"_s, "Broken.Sig:0:*:zz!\n"}});
        expectRefused(broken, u"invalid_argument"_s, "does not compile");
    }

    void badManifestsRefusedByTheParser()
    {
        QString error;
        for (const char *name : {"../x.hdb", ".hidden.hdb", "a/b.hdb", "x.exe", "a b.hdb", ""})
            QVERIFY2(!isPatternFileName(QLatin1String(name)), name);
        QVERIFY(isPatternFileName(u"daily.cvd"_s));
        PatternManifest m;
        m.version = 5;
        m.released = QDateTime::currentDateTimeUtc();
        for (int i = 0; i <= kMaxPatternBundleFiles; ++i)
            m.files.append({u"f%1.hdb"_s.arg(i), 0, QByteArray(64, 'a')});
        QVERIFY(!PatternManifest::parse(m.toJson(), &error));
        m.files = {{u"a.hdb"_s, 1, QByteArray(64, 'a')}, {u"A.HDB"_s, 1, QByteArray(64, 'a')}};
        QVERIFY(!PatternManifest::parse(m.toJson(), &error)); // duplicate names
        m.files.removeLast();
        QVERIFY2(PatternManifest::parse(m.toJson(), &error), qPrintable(error));
    }

    void rollbackReturnsToThePreviousVersion()
    {
        auto s = service(dataDir(), {1, 2, 3, 4, 5});
        QCOMPARE(s->status().value(u"previous"_s).toArray().size(), 2); // 4, 3
        QCOMPARE(scan(s->engine(), "newer.bin"), Verdict::Infected);
        QSignalSpy changed(s.get(), &PatternService::patternChanged);
        QString code, message;
        QVERIFY2(s->rollback(&code, &message), qPrintable(message));
        QCOMPARE(changed.first(), (QVariantList {u"4"_s, u"5"_s, u"rollback"_s}));
        QVERIFY(s->rollback(&code, &message));
        QVERIFY(!s->rollback(&code, &message));
        QCOMPARE(code, u"conflict"_s);
        QCOMPARE(s->activeVersion(), u"3"_s);

        auto old = service(dataDir(), {1, 2});
        QVERIFY(old->rollback(&code, &message));
        QCOMPARE(old->activeVersion(), u"1"_s);
        QCOMPARE(scan(old->engine(), "newer.bin"), Verdict::Clean);
        QCOMPARE(scan(old->engine(), "eicar.com"), Verdict::Infected);
    }

    void restartKeepsTheActiveVersion()
    {
        const QString data = dataDir();
        service(data, {1, 2}).reset();
        auto again = service(data);
        QCOMPARE(again->activeVersion(), u"2"_s);
        QCOMPARE(scan(again->engine(), "newer.bin"), Verdict::Infected);
    }

    void hotSwapKeepsTheOldEngineWorking()
    {
        auto s = service(dataDir(), {1});
        const std::shared_ptr<const ScanEngine> held = s->engine();
        QString code, message;
        QVERIFY(s->importBundle(bundle(2), &code, &message));
        QVERIFY(s->engine() != held);
        QCOMPARE(scan(held, "eicar.com"), Verdict::Infected);
        QCOMPARE(scan(held, "newer.bin"), Verdict::Clean);
        QCOMPARE(scan(s->engine(), "newer.bin"), Verdict::Infected);
    }

    void updateFromHttpSource()
    {
        TinyHttpServer http;
        QVERIFY(http.start());
        const QByteArray v2 = readFile(bundle(2));
        http.files.insert("/feed/index.json", indexJson(2, v2, u"v2.mpb"_s));
        http.files.insert("/feed/v2.mpb", v2);
        auto s = service(dataDir(), {1});
        QString error;
        QVERIFY(s->setSource(http.url(u"/feed/index.json"_s), &error));
        QSignalSpy changed(s.get(), &PatternService::patternChanged);
        Outcomes results;
        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, 60000);
        QVERIFY2(results.ok(), results.message());
        QCOMPARE(results.code(), u"updated"_s);
        QCOMPARE(changed.first(), (QVariantList {u"2"_s, u"1"_s, u"update"_s}));
        QCOMPARE(scan(s->engine(), "newer.bin"), Verdict::Infected);
        const QJsonObject source = s->status().value(u"source"_s).toObject();
        QCOMPARE(source.value(u"newest"_s).toString(), u"2"_s);
        QVERIFY(source.value(u"error"_s).isNull());

        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 2, 60000);
        QCOMPARE(results.code(), u"up_to_date"_s);

        // A newer version the appliance refuses: reported, and stale at once.
        const QByteArray v3 = readFile(bundle(3, m_otherSecret));
        http.files.insert("/feed/index.json", indexJson(3, v3, u"/feed/v3.mpb"_s));
        http.files.insert("/feed/v3.mpb", v3);
        s->setStaleThreshold(0);
        QSignalSpy refused(s.get(), &PatternService::patternRefused);
        QSignalSpy stale(s.get(), &PatternService::staleAlert);
        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 3, 60000);
        QVERIFY(!results.ok());
        QCOMPARE(refused.count(), 1);
        QCOMPARE(refused.first().at(0).toString(), u"3"_s);
        QCOMPARE(stale.count(), 1);
        QCOMPARE(stale.first().at(0).toString(), u"3"_s);
        QCOMPARE(s->activeVersion(), u"2"_s);
        QVERIFY(!s->status()[u"source"_s][u"seen_since"_s].isNull());
    }

    void updateFromFolderSource()
    {
        const QString feed = path(u"feed"_s);
        QDir().mkpath(feed);
        const QByteArray v2 = readFile(bundle(2));
        QVERIFY(writeFile(feed + u"/v2.mpb"_s, v2));
        // The version as a string of digits, which an index may also use.
        QVERIFY(writeFile(feed + u"/index.json"_s, indexJson(u"2"_s, v2, u"v2.mpb"_s)));
        auto s = service(dataDir());
        QString error;
        QVERIFY(!s->setSource(u"ftp://example.invalid/x"_s, &error));
        QVERIFY(s->setSource(u"dir:"_s + feed, &error));
        Outcomes results;
        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, 60000);
        QVERIFY2(results.ok(), results.message());
        QCOMPARE(s->activeVersion(), u"2"_s);
    }

    // "Check now" reads the index and installs nothing; the status says
    // whether an update is available, or held back after a rollback.
    void checkNowInstallsNothing()
    {
        const QString feed = path(u"feed-check"_s);
        QDir().mkpath(feed);
        const QByteArray v2 = readFile(bundle(2));
        QVERIFY(writeFile(feed + u"/v2.mpb"_s, v2));
        QVERIFY(writeFile(feed + u"/index.json"_s, indexJson(u"2"_s, v2, u"v2.mpb"_s)));
        auto s = service(dataDir(), {1});
        QString error;
        QVERIFY(s->setSource(u"dir:"_s + feed, &error));
        QSignalSpy changed(s.get(), &PatternService::patternChanged);
        Outcomes results;
        s->checkForUpdate(results.recorder(), false);
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, 60000);
        QVERIFY2(results.ok(), results.message());
        QCOMPARE(results.code(), u"update_available"_s);
        QCOMPARE(s->activeVersion(), u"1"_s);
        QCOMPARE(changed.count(), 0);
        QVERIFY(s->status()[u"source"_s][u"update_available"_s].toBool());
        QVERIFY(s->status()[u"source"_s][u"held_back"_s].isNull());

        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 2, 60000);
        QCOMPARE(results.code(), u"updated"_s);
        QVERIFY(!s->status()[u"source"_s][u"update_available"_s].toBool());

        QString code, message;
        QVERIFY2(s->rollback(&code, &message), qPrintable(message));
        QCOMPARE(s->activeVersion(), u"1"_s);
        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 3, 60000);
        QCOMPARE(results.code(), u"up_to_date"_s);
        QCOMPARE(s->activeVersion(), u"1"_s);
        QVERIFY(!s->status()[u"source"_s][u"update_available"_s].toBool());
        QCOMPARE(s->status()[u"source"_s][u"held_back"_s].toString(), u"2"_s);
        // Two real changes (update, rollback); the no-op check none.
        QCOMPARE(changed.count(), 2);

        // Allowed again, the next update installs it.
        QVERIFY2(s->allowAgain(&code, &message), qPrintable(message));
        QVERIFY(s->status()[u"source"_s][u"held_back"_s].isNull());
        QVERIFY(s->status()[u"source"_s][u"update_available"_s].toBool());
        QVERIFY(!s->allowAgain(&code, &message));
        QCOMPARE(code, u"conflict"_s);
        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 4, 60000);
        QCOMPARE(results.code(), u"updated"_s);
        QCOMPARE(s->activeVersion(), u"2"_s);
    }

    void unreachableSourceChangesNothing()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        auto s = service(dataDir(), {1});
        QString error;
        QVERIFY(s->setSource(u"http://127.0.0.1:%1/index.json"_s.arg(port), &error));
        QSignalSpy changed(s.get(), &PatternService::patternChanged);
        Outcomes results;
        s->checkForUpdate(results.recorder());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, 60000);
        QVERIFY(!results.ok());
        QCOMPARE(results.code(), u"unavailable"_s);
        QVERIFY2(results.message().contains("127.0.0.1"), results.message());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(s->activeVersion(), u"1"_s);
        QVERIFY(s->status()[u"source"_s][u"error"_s].isString());
    }

    void commandLineEndToEnd()
    {
        const QString keys = path(u"cli-keys"_s);
        const QString data = path(u"cli-data"_s);
        const QString sigs = path(u"cli-sigs"_s);
        QDir().mkpath(sigs);
        QVERIFY(writeFile(sigs + u"/m.hdb"_s, hdbLine(kEicar, "Mamori.Test.EICAR")));
        QVERIFY(writeFile(sigs + u"/README"_s, "not a signature file"));
        const QString out = path(u"cli.mpb"_s);
        auto s = service(data); // a running appliance beside the command
        QSignalSpy changed(s.get(), &PatternService::patternChanged);
        const QString program = qEnvironmentVariable("MAMORI_APPLIANCE");
        const bool external = !program.isEmpty()
            && QProcess::execute(
                   program, {u"pattern"_s, u"status"_s, u"--data"_s, path(u"probe"_s)})
                == 0;
        auto run = [&](const QStringList &args) {
            if (!external)
                return runPatternCommand(QStringList {u"pattern"_s} + args);
            return QProcess::execute(program, QStringList {u"pattern"_s} + args);
        };
        qDebug("running the commands %s", external ? "with mamori-appliance" : "in-process");
        QCOMPARE(run({u"keygen"_s, u"--out"_s, keys}), 0);
        QCOMPARE(run({u"keygen"_s, u"--out"_s, keys}), 1);
        QCOMPARE(run({u"build"_s, u"--key"_s, keys + u"/pattern.key"_s, u"--version"_s, u"7"_s,
                     u"--from"_s, sigs, u"--out"_s, out}),
            0);
        QCOMPARE(run({u"import"_s, out, u"--data"_s, data}),
            1); // not trusted yet
        QCOMPARE(run({u"trust"_s, keys + u"/pattern.pub"_s, u"--data"_s, data}), 0);
        QCOMPARE(run({u"import"_s, out, u"--data"_s, data}), 0);
        QCOMPARE(run({u"import"_s, out, u"--data"_s, data}),
            1); // same version
        QCOMPARE(run({u"frobnicate"_s}), 2);
        QTRY_COMPARE_WITH_TIMEOUT(s->activeVersion(), u"7"_s, 30000);
        QCOMPARE(changed.first().at(2).toString(), u"import"_s);
        QCOMPARE(scan(s->engine(), "eicar.com"), Verdict::Infected);
    }
};

QTEST_GUILESS_MAIN(TestPatterns)
#include "tst_patterns.moc"
