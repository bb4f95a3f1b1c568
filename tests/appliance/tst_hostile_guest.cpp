// SPDX-License-Identifier: GPL-2.0-or-later
// A guest VM is an attacker: it controls every byte and every name under its
// root and changes them between any two steps of the appliance. Each test
// here is such an attack against a real appliance process with a directory
// inventory (docs/security.md, "Hostile guest").
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/fanotify.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mamori::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

QByteArray readBytes(const QByteArray &path)
{
    QFile f(QString::fromLocal8Bit(path));
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || !f.open(fd, QIODevice::ReadOnly, QFile::AutoCloseHandle))
        return QByteArrayLiteral("<missing>");
    return f.readAll();
}

bool writeBytes(const QByteArray &path, const QByteArray &data)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, data.constData(), size_t(data.size())) == data.size();
    return ::close(fd) == 0 && ok;
}

bool exists(const QByteArray &path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0;
}

struct stat statOf(const QByteArray &path)
{
    struct stat st
    {
    };
    ::lstat(path.constData(), &st);
    return st;
}

// QVERIFY for a function that returns bool.
#define QVERIFY_RETURN(cond)                                                                       \
    do {                                                                                           \
        if (!QTest::qVerify(static_cast<bool>(cond), #cond, "", __FILE__, __LINE__))               \
            return false;                                                                          \
    } while (false)

} // namespace

// One appliance on a directory inventory with one VM, "desk", whose root the
// test shapes as a guest would.
class GuestHost
{
public:
    // `resolver`: "walk" forces the per-component O_NOFOLLOW walk in the
    // appliance, anything else lets it use openat2.
    bool start(const QString &resolver)
    {
        QVERIFY_RETURN(m_app.addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY_RETURN(QDir().mkpath(root()));
        QVERIFY_RETURN(QDir().mkpath(outside()));
        const QString sigs = m_app.workDir() + QStringLiteral("/sigs");
        QVERIFY_RETURN(makeSignatures(sigs));
        const QString bundle = buildBundle(
            m_app.workDir() + QStringLiteral("/keys"), sigs, 2026120101, m_app.workDir());
        QVERIFY_RETURN(!bundle.isEmpty());
        QVERIFY_RETURN(
            trustAndImport(m_app.workDir() + QStringLiteral("/keys"), bundle, m_app.dataDir()));
        m_app.setConfig(R"("inventory_interval_ms": 200)");
        if (resolver == QLatin1String("walk"))
            qputenv("MAMORI_FS_RESOLVER", "walk");
        const bool started = m_app.start();
        qunsetenv("MAMORI_FS_RESOLVER");
        QVERIFY_RETURN(started);
        QVERIFY_RETURN(m_app.output().contains(QByteArray("(resolver: ")
            + (resolver == QLatin1String("walk") ? "walk" : "openat2") + ")"));
        m_http = std::make_unique<TestHttp>(m_app.baseUrl(), m_app.certificatePath());
        m_token = m_http->token(QStringLiteral("sec"), kPassword);
        QVERIFY_RETURN(!m_token.isEmpty());
        m_vm = m_http->waitForVms(m_token, 1).value(QStringLiteral("desk"));
        QVERIFY_RETURN(!m_vm.isEmpty());
        return true;
    }

    // The VM's root and a folder beside it that stands for the host: the
    // guest must never get the appliance to read or write there.
    QString root() const { return m_app.vmsDir() + QStringLiteral("/desk"); }
    QString outside() const { return m_app.workDir() + QStringLiteral("/host"); }
    QByteArray rootBytes() const { return QFile::encodeName(root()); }
    QByteArray outsideBytes() const { return QFile::encodeName(outside()); }

    TestResponse get(const QString &path) const
    {
        return m_http->request("GET", path, {}, m_token);
    }
    TestResponse post(const QString &path, const QJsonObject &body) const
    {
        return m_http->request("POST", path, json(body), m_token);
    }
    TestResponse act(const QString &incident, const QString &action) const
    {
        return post(QStringLiteral("/api/v1/incidents/%1/actions").arg(incident),
            {{QStringLiteral("action"), action},
                {QStringLiteral("note"), QStringLiteral("hostile guest test")}});
    }
    bool setPolicy(const QJsonObject &policy) const
    {
        return m_http->request("PUT", QStringLiteral("/api/v1/policy"), json(policy), m_token)
                   .status
            == 200;
    }

    // The incident for `vmPath` (as the API shows it) once it exists.
    QJsonObject waitForIncident(
        const QString &vmPath, const QString &action = {}, int seconds = 30) const
    {
        QDeadlineTimer deadline(seconds * 1000);
        do {
            const QJsonArray list = get(QStringLiteral("/api/v1/incidents"))
                                        .json[QStringLiteral("incidents")]
                                        .toArray();
            for (const QJsonValue &i : list) {
                if (i[QStringLiteral("path")].toString() == vmPath
                    && (action.isEmpty() || i[QStringLiteral("action")].toString() == action))
                    return i.toObject();
            }
            QThread::msleep(100);
        } while (!deadline.hasExpired());
        return {};
    }

    // Runs a scan of the VM and waits until it is over; its final job.
    QJsonObject scan(const QString &kind, const QStringList &paths = {}) const
    {
        const TestResponse r = post(QStringLiteral("/api/v1/scans"),
            {{QStringLiteral("vms"), QJsonArray {m_vm}}, {QStringLiteral("kind"), kind},
                {QStringLiteral("paths"), QJsonArray::fromStringList(paths)}});
        const QString id =
            r.json[QStringLiteral("jobs")].toArray().first()[QStringLiteral("id")].toString();
        if (id.isEmpty())
            return r.json;
        QDeadlineTimer deadline(60000);
        do {
            const QJsonObject job = get(QStringLiteral("/api/v1/scans/") + id).json;
            const QString state = job[QStringLiteral("state")].toString();
            if (state != QLatin1String("queued") && state != QLatin1String("running")
                && state != QLatin1String("paused"))
                return job;
            QThread::msleep(100);
        } while (!deadline.hasExpired());
        return {};
    }

    // Waits until no scan of the VM is queued or running (the new VM's
    // first quick scan, for one).
    bool waitForIdle() const
    {
        QDeadlineTimer deadline(60000);
        do {
            bool busy = false;
            for (const QJsonValue &j :
                get(QStringLiteral("/api/v1/scans")).json[QStringLiteral("jobs")].toArray()) {
                const QString state = j[QStringLiteral("state")].toString();
                busy |= state == QLatin1String("queued") || state == QLatin1String("running");
            }
            if (!busy)
                return true;
            QThread::msleep(100);
        } while (!deadline.hasExpired());
        return false;
    }

    ApplianceProcess &app() { return m_app; }
    TestHttp &http() { return *m_http; }
    const QString &token() const { return m_token; }

private:
    ApplianceProcess m_app;
    std::unique_ptr<TestHttp> m_http;
    QString m_token;
    QString m_vm;
};

class TestHostileGuest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolvers_data()
    {
        QTest::addColumn<QString>("resolver");
        QTest::newRow("openat2") << QStringLiteral("openat2");
        QTest::newRow("walk") << QStringLiteral("walk");
    }

    // The guest swaps a folder on a quarantined file's path for a symbolic
    // link to a host folder: Restore and Allow must not write there, and a
    // folder that is gone is not recreated. Once the folder is back, the
    // file is restored with its owner but without setuid/setgid/sticky.
    void restoreNeverFollowsASwappedFolder_data() { resolvers_data(); }
    void restoreNeverFollowsASwappedFolder()
    {
        QFETCH(QString, resolver);
        GuestHost host;
        const QByteArray content = "MZ payload " + bodyMarker() + " end";
        const QByteArray root = host.rootBytes();
        QVERIFY(QDir().mkpath(host.root() + QStringLiteral("/x/sub")));
        const QByteArray file = root + "/x/sub/payload.exe";
        QVERIFY(writeBytes(file, content));
        QCOMPARE(::chown(file.constData(), 1234, 2345), 0);
        QCOMPARE(::chmod(file.constData(), 07755), 0);
        // The host folder the link will point to has the same layout.
        QVERIFY(QDir().mkpath(host.outside() + QStringLiteral("/sub")));
        QVERIFY(host.start(resolver));

        // The new VM's first scan finds it; the automatic action quarantines it.
        const QJsonObject incident = host.waitForIncident(
            QStringLiteral("/x/sub/payload.exe"), QStringLiteral("quarantined"));
        QVERIFY2(!incident.isEmpty(), host.app().output().constData());
        const QString id = incident[QStringLiteral("id")].toString();
        QVERIFY(!exists(file));

        // x -> the host folder.
        QCOMPARE(::rename((root + "/x").constData(), (root + "/x-moved").constData()), 0);
        QCOMPARE(::symlink(host.outsideBytes().constData(), (root + "/x").constData()), 0);
        for (const QString &action : {QStringLiteral("restore"), QStringLiteral("allow")}) {
            const TestResponse r = host.act(id, action);
            QCOMPARE(r.status, 409L);
            QCOMPARE(r.errorCode(), QStringLiteral("unsafe_path"));
            QVERIFY(!exists(host.outsideBytes() + "/sub/payload.exe"));
            QVERIFY(QDir(host.outside() + QStringLiteral("/sub")).isEmpty());
        }
        // The folder is gone altogether: not recreated either.
        QCOMPARE(::unlink((root + "/x").constData()), 0);
        const TestResponse gone = host.act(id, QStringLiteral("restore"));
        QCOMPARE(gone.status, 409L);
        QCOMPARE(gone.errorCode(), QStringLiteral("unsafe_path"));
        QVERIFY(!exists(root + "/x"));
        // The file is still safe in the vault.
        const QJsonObject still = host.get(QStringLiteral("/api/v1/incidents/") + id).json;
        QCOMPARE(still[QStringLiteral("action")].toString(), QStringLiteral("quarantined"));
        QVERIFY(!still[QStringLiteral("quarantine_id")].toString().isEmpty());

        // The folder is back: the exact bytes, the owner, no special bits.
        QCOMPARE(::rename((root + "/x-moved").constData(), (root + "/x").constData()), 0);
        const TestResponse restored = host.act(id, QStringLiteral("restore"));
        QCOMPARE(restored.status, 200L);
        QCOMPARE(readBytes(file), content);
        const struct stat st = statOf(file);
        QCOMPARE(st.st_mode & 07777, 0755u);
        QCOMPARE(st.st_uid, 1234u);
        QCOMPARE(st.st_gid, 2345u);
        QVERIFY(host.app().stop());
    }

    // A detected file whose folder the guest swaps for a link before the
    // admin quarantines or deletes it: the host file behind the link, with
    // the very same content, stays where it is.
    void quarantineAndDeleteNeverFollowASwappedFolder_data() { resolvers_data(); }
    void quarantineAndDeleteNeverFollowASwappedFolder()
    {
        QFETCH(QString, resolver);
        GuestHost host;
        const QByteArray content = "MZ dropper " + bodyMarker();
        const QByteArray root = host.rootBytes();
        QVERIFY(QDir().mkpath(host.root() + QStringLiteral("/y/sub")));
        QVERIFY(QDir().mkpath(host.outside() + QStringLiteral("/sub")));
        const QByteArray hostFile = host.outsideBytes() + "/sub/evil.com";
        QVERIFY(writeBytes(hostFile, content));
        QVERIFY(host.start(resolver));
        QVERIFY(host.setPolicy({{QStringLiteral("automatic_action"), QStringLiteral("none")}}));
        QVERIFY(host.waitForIdle());
        // Real-time scanning finds it; nothing is done to it automatically.
        QVERIFY(writeBytes(root + "/y/sub/evil.com", content));
        const QJsonObject incident = host.waitForIncident(QStringLiteral("/y/sub/evil.com"));
        QVERIFY(!incident.isEmpty());
        QCOMPARE(incident[QStringLiteral("action")].toString(), QStringLiteral("none"));
        const QString id = incident[QStringLiteral("id")].toString();

        QCOMPARE(::rename((root + "/y").constData(), (root + "/y-moved").constData()), 0);
        QCOMPARE(::symlink(host.outsideBytes().constData(), (root + "/y").constData()), 0);
        for (const QString &action : {QStringLiteral("quarantine"), QStringLiteral("delete")}) {
            const TestResponse r = host.act(id, action);
            QCOMPARE(r.status, 409L);
            QCOMPARE(r.errorCode(), QStringLiteral("unsafe_path"));
            QCOMPARE(readBytes(hostFile), content);
        }
        QCOMPARE(host.get(QStringLiteral("/api/v1/incidents/") + id)
                     .json[QStringLiteral("action")]
                     .toString(),
            QStringLiteral("none"));
        QVERIFY(host.app().stop());
    }

    // A name that is not UTF-8 is found by a full scan, shown escaped, and
    // every file action works on it: quarantine takes it out of the VM,
    // restore gives back the exact bytes under the exact name, delete
    // removes it. A custom scan takes the escaped name.
    void namesThatAreNotUtf8AreScannedAndActedOn()
    {
        GuestHost host;
        const QByteArray root = host.rootBytes();
        QVERIFY(host.start(QStringLiteral("openat2")));
        // Scans only: no automatic action, no real-time scanning.
        QVERIFY(host.setPolicy({{QStringLiteral("automatic_action"), QStringLiteral("none")},
            {QStringLiteral("realtime"),
                QJsonObject {{QStringLiteral("default"), QStringLiteral("off")}}}}));
        QVERIFY(host.waitForIdle());
        const QByteArray content = "MZ " + bodyMarker() + " \xff\xfe";
        QCOMPARE(::mkdir((root + "/dir\xfe").constData(), 0755), 0);
        const QByteArray file = root + "/dir\xfe/evil\xff.com";
        QVERIFY(writeBytes(file, content));
        QVERIFY(writeBytes(root + "/back\\slash.com", content + "2"));

        const QJsonObject job = host.scan(QStringLiteral("full"));
        QCOMPARE(job[QStringLiteral("state")].toString(), QStringLiteral("finished"));
        QCOMPARE(job[QStringLiteral("progress")][QStringLiteral("detections")].toInteger(), 2);
        const QString shown = QStringLiteral("/dir\\xFE/evil\\xFF.com");
        const QJsonObject incident = host.waitForIncident(shown);
        QVERIFY2(
            !incident.isEmpty(), qPrintable(host.get(QStringLiteral("/api/v1/incidents")).body));
        QCOMPARE(incident[QStringLiteral("host_path")].toString(), host.root() + shown);
        QVERIFY(!host.waitForIncident(QStringLiteral("/back\\\\slash.com")).isEmpty());
        const QString id = incident[QStringLiteral("id")].toString();

        const TestResponse quarantined = host.act(id, QStringLiteral("quarantine"));
        QCOMPARE(quarantined.status, 200L);
        QCOMPARE(
            quarantined.json[QStringLiteral("action")].toString(), QStringLiteral("quarantined"));
        QVERIFY(!exists(file));
        const TestResponse restored = host.act(id, QStringLiteral("restore"));
        QCOMPARE(restored.status, 200L);
        QCOMPARE(readBytes(file), content);
        QVERIFY(QDir(host.root() + QStringLiteral("/dir\xef\xbf\xbd")).exists() == false);

        // The escaped form names the file in a custom scan too.
        const QJsonObject custom = host.scan(QStringLiteral("custom"), {shown});
        QCOMPARE(custom[QStringLiteral("state")].toString(), QStringLiteral("finished"));
        QCOMPARE(custom[QStringLiteral("progress")][QStringLiteral("files")].toInteger(), 1);
        QCOMPARE(custom[QStringLiteral("progress")][QStringLiteral("detections")].toInteger(), 1);
        const TestResponse malformed = host.post(QStringLiteral("/api/v1/scans"),
            {{QStringLiteral("vms"), QStringLiteral("all")},
                {QStringLiteral("kind"), QStringLiteral("custom")},
                {QStringLiteral("paths"), QJsonArray {QStringLiteral("/a\\b")}}});
        QCOMPARE(malformed.status, 400L);
        QCOMPARE(malformed.errorCode(), QStringLiteral("invalid_argument"));

        const TestResponse deleted = host.act(id, QStringLiteral("delete"));
        QCOMPARE(deleted.status, 200L);
        QCOMPARE(deleted.json[QStringLiteral("action")].toString(), QStringLiteral("deleted"));
        QVERIFY(!exists(file));
        QVERIFY(host.app().stop());
    }

    // Real-time scanning sees files whose names (or whose folders' names)
    // are not UTF-8, and a folder that cannot be watched does not stop the
    // watching of the folders after it.
    void realtimeWatchesEveryFolderItCan()
    {
        GuestHost host;
        const QByteArray root = host.rootBytes();
        QVERIFY(QDir().mkpath(host.root()));
        for (int i = 0; i < 20; ++i)
            QCOMPARE(::mkdir((root + "/ok-" + QByteArray::number(i)).constData(), 0755), 0);
        QCOMPARE(::mkdir((root + "/bad\xff").constData(), 0755), 0);
        // Deeper than the appliance watches (or scans): reported, not fatal.
        QByteArray deep = root + "/deep";
        for (int i = 0; i < 300; ++i) {
            QCOMPARE(::mkdir(deep.constData(), 0755), 0);
            deep += "/d";
        }
        QVERIFY(host.start(QStringLiteral("openat2")));
        QVERIFY(host.waitForIdle());

        const QByteArray content = "MZ realtime " + bodyMarker();
        QVERIFY(writeBytes(root + "/bad\xff/in-bad.exe", content));
        QVERIFY(writeBytes(root + "/new\xfe.exe", content));
        for (int i = 0; i < 20; ++i)
            QVERIFY(writeBytes(root + "/ok-" + QByteArray::number(i) + "/x.exe", content));
        QCOMPARE(::mkdir((root + "/later\xfd").constData(), 0755), 0);
        QVERIFY(writeBytes(root + "/later\xfd/y.exe", content));
        QStringList expected {QStringLiteral("/bad\\xFF/in-bad.exe"),
            QStringLiteral("/new\\xFE.exe"), QStringLiteral("/later\\xFD/y.exe")};
        for (int i = 0; i < 20; ++i)
            expected << QStringLiteral("/ok-%1/x.exe").arg(i);
        QDeadlineTimer deadline(30000);
        QStringList missing = expected;
        while (!missing.isEmpty() && !deadline.hasExpired()) {
            for (const QJsonValue &i : host.get(QStringLiteral("/api/v1/incidents"))
                                           .json[QStringLiteral("incidents")]
                                           .toArray()) {
                missing.removeAll(i[QStringLiteral("path")].toString());
                QCOMPARE(i[QStringLiteral("source")].toString(), QStringLiteral("realtime"));
            }
            QThread::msleep(100);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
        qint64 after = 0;
        const QJsonObject trouble =
            host.http().waitForEvent(host.token(), &after, QStringLiteral("appliance.trouble"), 10);
        QVERIFY2(trouble[QStringLiteral("data")][QStringLiteral("message")].toString().contains(
                     QLatin1String("cannot be watched")),
            qPrintable(QJsonDocument(trouble).toJson()));
        QVERIFY(host.app().stop());
    }

    // An archive that holds a known signature and also trips a scan limit is
    // infected, exactly when clamscan with the same signatures and limits
    // says so; "incomplete" is only for what the engine found nothing in.
    // The limits are the policy's, in effect without a restart.
    void detectionsWinOverLimits()
    {
        const QString zip = QStandardPaths::findExecutable(QStringLiteral("zip"));
        const QString clamscan = QStandardPaths::findExecutable(QStringLiteral("clamscan"));
        QVERIFY2(!zip.isEmpty() && !clamscan.isEmpty(), "zip and clamscan are needed");
        GuestHost host;
        QVERIFY(host.start(QStringLiteral("openat2")));
        QVERIFY(host.setPolicy({{QStringLiteral("automatic_action"), QStringLiteral("none")},
            {QStringLiteral("realtime"),
                QJsonObject {{QStringLiteral("default"), QStringLiteral("off")}}},
            {QStringLiteral("limits"),
                QJsonObject {{QStringLiteral("max_files"), 5}, {QStringLiteral("max_recursion"), 3},
                    {QStringLiteral("max_scan_size_mb"), 1},
                    {QStringLiteral("max_file_size_mb"), 100}}}}));
        QVERIFY(host.waitForIdle());
        QCOMPARE(host.get(QStringLiteral("/api/v1/policy"))
                     .json[QStringLiteral("limits")][QStringLiteral("max_files")]
                     .toInt(),
            5);

        // Archives built outside the VM, then put into it.
        const QString stage = host.app().workDir() + QStringLiteral("/stage");
        const QString dir = host.root() + QStringLiteral("/limits");
        QVERIFY(QDir().mkpath(stage) && QDir().mkpath(dir));
        const auto run = [&stage](const QString &program, const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(stage);
            p.start(program, args);
            return p.waitForFinished(60000) && p.exitCode() == 0;
        };
        // The policy's limits reach the engine without a restart: a fresh
        // archive (not in the scan cache) with more files than max_files is
        // soon reported incomplete.
        bool applied = false;
        QDeadlineTimer deadline(30000);
        for (int n = 0; !applied && !deadline.hasExpired(); ++n) {
            QStringList files;
            for (int i = 0; i < 9; ++i) {
                files << QStringLiteral("p%1-%2.txt").arg(n).arg(i);
                QVERIFY(writeFile(stage + u'/' + files.last(), files.last().toUtf8().repeated(99)));
            }
            const QString probe = QStringLiteral("/probe-%1.zip").arg(n);
            QVERIFY(run(zip, QStringList {QStringLiteral("-q"), host.root() + probe} + files));
            applied = host.scan(QStringLiteral("custom"),
                              {probe})[QStringLiteral("progress")][QStringLiteral("incomplete")]
                          .toInteger()
                == 1;
            QVERIFY(QFile::remove(host.root() + probe));
        }
        QVERIFY2(applied, "the policy's limits never reached the engine");

        QStringList clean;
        for (int i = 1; i <= 9; ++i) {
            clean << QStringLiteral("c%1.txt").arg(i);
            QVERIFY(writeFile(stage + u'/' + clean.last(),
                QByteArray("clean line ")
                    .append(QByteArray::number(i))
                    .append('\n')
                    .repeated(300)));
        }
        const QByteArray padding = QByteArray("padding padding\n").repeated(200);
        QVERIFY(
            writeFile(stage + QStringLiteral("/m.txt"), padding + bodyMarker() + '\n' + padding));
        QVERIFY(writeFile(stage + QStringLiteral("/eicar.txt"), eicar()));
        QVERIFY(writeFile(stage + QStringLiteral("/zeros.bin"), QByteArray(3 << 20, '\0')));
        const auto out = [&dir](const char *name) { return dir + u'/' + QLatin1String(name); };
        const QString q = QStringLiteral("-q");
        QVERIFY(run(zip, QStringList {q, out("many-first.zip"), "m.txt"} + clean));
        QVERIFY(run(zip, QStringList {q, out("many-last.zip")} + clean + QStringList {"m.txt"}));
        QVERIFY(run(zip, QStringList {q, out("many-clean.zip")} + clean));
        QVERIFY(run(zip, {q, "inner.zip", "m.txt"}));
        QVERIFY(run(zip, {q, "d1.zip", "c1.txt"}));
        QVERIFY(run(zip, {q, "n1.zip", "m.txt"}));
        for (int i = 2; i <= 4; ++i) {
            QVERIFY(run(
                zip, {q, QStringLiteral("d%1.zip").arg(i), QStringLiteral("d%1.zip").arg(i - 1)}));
            QVERIFY(run(
                zip, {q, QStringLiteral("n%1.zip").arg(i), QStringLiteral("n%1.zip").arg(i - 1)}));
        }
        QVERIFY(run(
            zip, {q, out("nested-mixed.zip"), "d4.zip", "inner.zip"})); // too deep, then the marker
        QVERIFY(QFile::copy(stage + QStringLiteral("/n4.zip"), out("nested-deep.zip")));
        QVERIFY(run(QStringLiteral("tar"),
            QStringList {"-czf", out("eicar-first.tgz"), "eicar.txt"} + clean));
        QVERIFY(run(zip, {q, out("scan-size.zip"), "m.txt", "zeros.bin"}));
        QVERIFY(QFile::copy(stage + QStringLiteral("/m.txt"), out("body.txt")));
        QVERIFY(QFile::copy(stage + QStringLiteral("/c1.txt"), out("clean.txt")));

        // What clamscan says, with the same signature files and limits.
        QProcess p;
        p.start(clamscan,
            {"--no-summary", "-r", "-d", host.app().workDir() + QStringLiteral("/sigs"),
                "--max-files=5", "--max-recursion=3", "--max-scansize=1M", "--max-filesize=100M",
                dir});
        QVERIFY(p.waitForFinished(120000));
        QMap<QString, bool> theirs; // file → infected
        for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
            const qsizetype colon = line.lastIndexOf(": ");
            if (colon > 0)
                theirs.insert(QFileInfo(QString::fromUtf8(line.left(colon))).fileName(),
                    line.endsWith(" FOUND"));
        }
        const QMap<QString, bool> expected {{"body.txt", true}, {"clean.txt", false},
            {"eicar-first.tgz", true}, {"many-clean.zip", false}, {"many-first.zip", true},
            {"many-last.zip", false}, {"nested-deep.zip", false}, {"nested-mixed.zip", true},
            {"scan-size.zip", true}};
        QCOMPARE(theirs, expected);

        // The appliance, through a custom scan of the folder.
        qint64 after =
            host.get(QStringLiteral("/api/v1/events")).json[QStringLiteral("last_seq")].toInteger();
        const QJsonObject job = host.scan(QStringLiteral("custom"), {QStringLiteral("/limits")});
        QCOMPARE(job[QStringLiteral("state")].toString(), QStringLiteral("finished"));
        QMap<QString, bool> ours;
        QSet<QString> incomplete;
        for (const QJsonValue &i : host.get(QStringLiteral("/api/v1/incidents"))
                                       .json[QStringLiteral("incidents")]
                                       .toArray())
            ours.insert(i[QStringLiteral("path")].toString().mid(8), true);
        for (const QJsonValue &e : host.get(QStringLiteral("/api/v1/events?after=%1").arg(after))
                                       .json[QStringLiteral("events")]
                                       .toArray()) {
            if (e[QStringLiteral("type")] == QStringLiteral("scan.incomplete"))
                incomplete.insert(
                    e[QStringLiteral("data")][QStringLiteral("path")].toString().mid(8));
        }
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(ours.value(it.key()) == it.value(), qPrintable(it.key()));
            // Not infected: it must say it could not finish, if a limit stopped it.
            if (!it.value() && it.key() != QLatin1String("clean.txt"))
                QVERIFY2(incomplete.contains(it.key()), qPrintable(it.key()));
        }
        QCOMPARE(incomplete.size(), 3);
        QCOMPARE(job[QStringLiteral("progress")][QStringLiteral("detections")].toInteger(), 5);
        QVERIFY(host.app().stop());
    }

    // On-access blocking (policy "block") scans the descriptor fanotify
    // hands over and names the file by its bytes: an infected file named
    // with bytes that are not UTF-8 cannot be opened, and its incident can be
    // acted on.
    void onAccessBlockingNamesFilesByTheirBytes()
    {
        const int probe = ::fanotify_init(FAN_CLASS_CONTENT | FAN_CLOEXEC, O_RDONLY);
        if (probe < 0)
            QSKIP("fanotify permission events are not permitted for this process");
        ::close(probe);
        GuestHost host;
        const QByteArray root = host.rootBytes();
        QVERIFY(host.start(QStringLiteral("openat2")));
        QVERIFY(host.setPolicy({{QStringLiteral("automatic_action"), QStringLiteral("none")},
            {QStringLiteral("realtime"),
                QJsonObject {{QStringLiteral("default"), QStringLiteral("block")}}}}));
        QVERIFY(host.waitForIdle());
        const QByteArray file = root + "/blocked\xff.exe";
        QVERIFY(writeBytes(file, "MZ " + bodyMarker()));
        const QJsonObject incident = host.waitForIncident(QStringLiteral("/blocked\\xFF.exe"));
        QVERIFY(!incident.isEmpty());
        errno = 0;
        QCOMPARE(::open(file.constData(), O_RDONLY | O_CLOEXEC), -1);
        QCOMPARE(errno, EPERM);
        const TestResponse quarantined =
            host.act(incident[QStringLiteral("id")].toString(), QStringLiteral("quarantine"));
        QCOMPARE(quarantined.status, 200L);
        QVERIFY(!exists(file));
        // Back to "on" before the appliance stops: nothing may wait on it.
        QVERIFY(host.setPolicy({{QStringLiteral("realtime"),
            QJsonObject {{QStringLiteral("default"), QStringLiteral("on")}}}}));
        QVERIFY(host.app().stop());
    }
};

QTEST_GUILESS_MAIN(TestHostileGuest)
#include "tst_hostile_guest.moc"
