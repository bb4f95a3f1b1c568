// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/engine/ScanEngine.h"
#include "appliance/fs/GuestPath.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scan/ScanWorker.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mamori::appliance;

namespace {

// The EICAR test file, split so that this source is not itself detected.
const QByteArray kEicar =
    QByteArray("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-") + "STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
const QByteArray kBodyMarker = "MAMORI-BODY-MARKER-" + QByteArray("5e1d");
const QByteArray kYaraMarker = "MAMORI-YARA-MARKER-" + QByteArray("91c2");

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(f.write(data), data.size());
}

bool run(const QString &program, const QStringList &args, const QString &dir = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QByteArray randomBytes(quint32 seed, qsizetype size)
{
    QList<quint32> words((size + 3) / 4);
    QRandomGenerator(seed).fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.constData()), size);
}

qint64 statNs(const QString &path, bool ctime)
{
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    const auto &ts = ctime ? st.st_ctim : st.st_mtim;
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Collected
{
    bool done = false;
    ScanOutcome outcome;
    QMap<QString, Detection> detections; // by vmPath
    int duplicateDetections = 0;
    QMap<QString, QString> incomplete, errors;
    int progressCount = 0;
    QList<bool> paused;
};

} // namespace

class TestScanWorker : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_base, m_sigDir, m_master, m_outside;
    std::shared_ptr<const ScanEngine> m_engine;
    QStringList m_cleanFiles; // vm paths under /clean
    int m_zipCount = 0;

    QString path(const QString &rel) const { return m_base + QLatin1Char('/') + rel; }

    QString cloneMaster(const QString &name)
    {
        const QString dest = path(name);
        if (!run(QStringLiteral("cp"), {QStringLiteral("-a"), m_master, dest}))
            return {};
        return dest;
    }

    ScanRequest request(const QString &root, const QString &kind = QStringLiteral("full"),
        const QString &pattern = QStringLiteral("p1")) const
    {
        ScanRequest r;
        r.jobId = QStringLiteral("job-1");
        r.vmId = QStringLiteral("vm-1");
        r.root = root;
        r.kind = kind;
        r.engine = m_engine;
        r.patternVersion = pattern;
        return r;
    }

    void collect(ScanWorker &w, Collected &c)
    {
        connect(&w, &ScanWorker::detection, this, [&c](const Detection &d) {
            const QString shown = mamori::appliance::fs::displayPath(d.vmPath);
            c.duplicateDetections += c.detections.contains(shown);
            c.detections.insert(shown, d);
        });
        connect(&w, &ScanWorker::incomplete, this,
            [&c](const QString &p, const QString &why) { c.incomplete.insert(p, why); });
        connect(&w, &ScanWorker::fileError, this,
            [&c](const QString &p, const QString &why) { c.errors.insert(p, why); });
        connect(&w, &ScanWorker::progress, this, [&c](const ScanProgress &) { ++c.progressCount; });
        connect(&w, &ScanWorker::pausedChanged, this, [&c](bool p) { c.paused.append(p); });
        connect(&w, &ScanWorker::finished, this, [&c](const ScanOutcome &o) {
            c.outcome = o;
            c.done = true;
        });
    }

    void scan(const ScanRequest &req, ScanCache &cache, Collected *c)
    {
        ScanWorker worker(req, cache);
        collect(worker, *c);
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(c->done, 120000);
    }

    void buildMaster()
    {
        writeFile(m_sigDir + "/mamori.hdb",
            QCryptographicHash::hash(kEicar, QCryptographicHash::Md5).toHex() + ':'
                + QByteArray::number(kEicar.size()) + ":Mamori.Test.EICAR\n");
        writeFile(m_sigDir + "/mamori.ndb", "Mamori.Test.Body:0:*:" + kBodyMarker.toHex() + '\n');
        writeFile(m_sigDir + "/mamori.yar",
            "rule MamoriTestYara\n{\n  strings:\n    $a = \"" + kYaraMarker
                + "\"\n  condition:\n    $a\n}\n");
        const QString stage = path("stage");
        writeFile(stage + "/eicar.txt", kEicar);
        writeFile(stage + "/body.txt", "some text\n" + kBodyMarker + "\nmore text\n");
        writeFile(m_outside + "/eicar.com", kEicar);

        const QString m = m_master;
        writeFile(m + "/eicar.com", kEicar);
        writeFile(m + "/docs/body.txt", "report\n" + kBodyMarker + "\n");
        writeFile(m + "/docs/yara.txt", "notes " + kYaraMarker + " end\n");
        QDir().mkpath(m + "/archives");
        const QString zip = QStringLiteral("zip");
        QVERIFY(run(zip, {"-q", "-j", m + "/archives/eicar.zip", stage + "/eicar.txt"}));
        QVERIFY(run(zip, {"-q", "-j", stage + "/inner.zip", stage + "/body.txt"}));
        QVERIFY(run("tar", {"-czf", m + "/archives/nested.tar.gz", "-C", stage, "inner.zip"}));
        QVERIFY(run(zip,
            {"-q", "-j", "-P", "secret", m + "/archives/encrypted.zip", stage + "/eicar.txt"}));
        writeFile(m + "/big/large.bin", randomBytes(7, 2 << 20));
        writeFile(m + "/Users/Public/Downloads/dl.txt", "downloaded " + kBodyMarker);
        writeFile(m + "/Users/Public/Downloads/readme.txt", "a clean download");
        m_zipCount = 2;
        // A clean corpus of unique contents, so that one scan alone never
        // hits the cache.
        for (int i = 0; i < 200; ++i) {
            const QString rel = QStringLiteral("/clean/d%1/f%2").arg(i % 7).arg(i);
            QByteArray data;
            switch (i % 5) {
            case 0:
                data = QByteArray("line %1 of a plain text file\n")
                           .repeated(1 + i % 40)
                           .replace("%1", QByteArray::number(i));
                break;
            case 1:
                data = randomBytes(quint32(i), 1 + i * 97 % 65536);
                break;
            case 2:
                data = "{\"id\": " + QByteArray::number(i) + ", \"items\": [1, 2, 3]}";
                break;
            case 3:
                data = QByteArray(kEicar).replace("EICAR", "EXCAR") + QByteArray::number(i);
                break;
            default:
                data = "MZ" + randomBytes(quint32(i), 512);
                break;
            }
            if (i == 0)
                data.clear();
            writeFile(m + rel + ".dat", data);
            m_cleanFiles.append(rel + ".dat");
            if (i % 40 == 1) {
                QVERIFY(run(zip, {"-q", "-j", m + rel + ".zip", m + rel + ".dat"}));
                m_cleanFiles.append(rel + ".zip");
                ++m_zipCount;
            }
            if (i % 50 == 2) {
                QVERIFY(run("tar",
                    {"-czf", m + rel + ".tgz", "-C", QFileInfo(m + rel).path(),
                        QFileInfo(m + rel).fileName() + ".dat"}));
                m_cleanFiles.append(rel + ".tgz");
            }
        }
        // Links and special files: none of them is ever followed or opened.
        QVERIFY(QFile::link(m_outside, m + "/escape"));
        QVERIFY(QFile::link(m_outside + "/eicar.com", m + "/escape-file"));
        QVERIFY(QFile::link(QStringLiteral("docs"), m + "/inner-link"));
        QVERIFY(QFile::link(QStringLiteral("/nonexistent-mamori/x"), m + "/dangling-out"));
        QVERIFY(QFile::link(QStringLiteral("loop"), m + "/loop"));
        QCOMPARE(::mkfifo(QFile::encodeName(m + "/fifo").constData(), 0600), 0);
    }

    static QMap<QString, QString> threats(const Collected &c)
    {
        QMap<QString, QString> out;
        for (const auto &d : c.detections)
            out.insert(mamori::appliance::fs::displayPath(d.vmPath), d.threat);
        return out;
    }

    // Sorted as QMap keys are.
    const QStringList kInfected {"/Users/Public/Downloads/dl.txt", "/archives/eicar.zip",
        "/archives/nested.tar.gz", "/docs/body.txt", "/docs/yara.txt", "/eicar.com"};
    const QStringList kIncomplete {"/archives/encrypted.zip", "/big/large.bin"};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_base = QDir(m_tmp.path()).canonicalPath();
        m_sigDir = path("sigs");
        m_master = path("master");
        m_outside = path("outside");
        QVERIFY(!QStandardPaths::findExecutable("zip").isEmpty());
        buildMaster();
        if (QTest::currentTestFailed())
            return;
        ScanEngine::Limits limits;
        limits.maxFileSize = 1 << 20;
        QString error;
        m_engine = ScanEngine::compile(m_sigDir, limits, &error);
        QVERIFY2(m_engine, qPrintable(error));
    }

    void fullScanDetectsAndReports()
    {
        ScanCache cache;
        cache.setPattern(QStringLiteral("p1"));
        Collected c;
        scan(request(m_master), cache, &c);
        QCOMPARE(c.outcome.state, ScanOutcome::Finished);
        QCOMPARE(c.detections.keys(), kInfected);
        QCOMPARE(c.duplicateDetections, 0);
        QCOMPARE(c.incomplete.keys(), kIncomplete);
        QVERIFY2(c.incomplete.value("/archives/encrypted.zip").contains("encrypted"),
            qPrintable(c.incomplete.value("/archives/encrypted.zip")));
        QVERIFY(c.incomplete.value("/big/large.bin").contains("limits exceeded"));
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.keys().join(", ")));
        const auto t = c.outcome.totals;
        QCOMPARE(t.files, qint64(m_cleanFiles.size() + kInfected.size() + kIncomplete.size() + 1));
        QCOMPARE(t.detections, qint64(kInfected.size()));
        QCOMPARE(t.cacheHits, 0);
        QCOMPARE(t.incomplete, 2);
        QCOMPARE(t.filesTotal, -1);
        QVERIFY(c.progressCount >= 1);
        const Detection eicar = c.detections.value("/eicar.com");
        QVERIFY2(eicar.threat.startsWith("Mamori.Test.EICAR"), qPrintable(eicar.threat));
        QCOMPARE(eicar.hostPath, m_master + "/eicar.com");
        QCOMPARE(
            eicar.sha256, QCryptographicHash::hash(kEicar, QCryptographicHash::Sha256).toHex());
        QCOMPARE(eicar.size, kEicar.size());
        QCOMPARE(eicar.vmId, QStringLiteral("vm-1"));
        QVERIFY(c.detections.value("/docs/yara.txt").threat.contains("MamoriTestYara"));
        QVERIFY(
            c.detections.value("/archives/nested.tar.gz").threat.startsWith("Mamori.Test.Body"));
    }

    // clamscan over the same tree and signatures must flag the same files
    // with the same names; its Heuristics.* alerts (enabled with the
    // --alert-* flags) are our "incomplete" reports. The limits match the
    // engine's; symlinks are not followed on either side.
    void parityWithClamscan()
    {
        const QString clamscan = QStandardPaths::findExecutable("clamscan");
        if (clamscan.isEmpty())
            QSKIP("clamscan is not installed");
        QProcess p;
        p.start(clamscan,
            {"--no-summary", "--infected", "-r", "-d", m_sigDir, "--max-filesize=1M",
                "--max-scansize=400M", "--max-recursion=16", "--max-files=10000",
                "--alert-encrypted-archive=yes", "--alert-exceeds-max=yes",
                "--follow-dir-symlinks=0", "--follow-file-symlinks=0", m_master});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 1, p.readAllStandardError().constData());
        QMap<QString, QString> theirs, theirHeuristics;
        for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
            if (!line.endsWith(" FOUND"))
                continue;
            const qsizetype colon = line.lastIndexOf(": ");
            const QString file = QString::fromUtf8(line.left(colon)).mid(m_master.size());
            const QString name = QString::fromUtf8(line.mid(colon + 2).chopped(6));
            (name.startsWith("Heuristics.") ? theirHeuristics : theirs).insert(file, name);
        }
        QCOMPARE(theirs.keys(), kInfected);
        QCOMPARE(theirHeuristics.keys(), kIncomplete);
        ScanCache cache;
        Collected c;
        scan(request(m_master), cache, &c);
        QCOMPARE(threats(c), theirs);
        QCOMPARE(c.incomplete.keys(), theirHeuristics.keys());
    }

    void exclusionsAreSkippedAndCounted()
    {
        ScanCache cache;
        ScanRequest req = request(m_master);
        req.exclusions = QStringList {"/eicar.com", "*.ZIP", "/docs", "/Users/*/Downloads"};
        Collected c;
        scan(req, cache, &c);
        QCOMPARE(c.detections.keys(), QStringList {"/archives/nested.tar.gz"});
        QCOMPARE(c.incomplete.keys(), QStringList {"/big/large.bin"});
        QCOMPARE(c.outcome.totals.excluded, 1 + m_zipCount + 1 + 1);
    }

    void quickScanTakesChangedFilesAndHotPaths()
    {
        const QString vm = cloneMaster("quick");
        QVERIFY(!vm.isEmpty());
        QVERIFY(QFile::link(m_outside, vm + "/tmp")); // planted by the guest
        qint64 newest = 0;
        for (QDirIterator it(vm,
                 QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                 QDirIterator::Subdirectories);
             it.hasNext();)
            newest = qMax(newest, qMax(statNs(it.next(), true), statNs(it.filePath(), false)));
        const qint64 sinceMs = newest / 1'000'000 + 1;
        // Rewrites until the file system's coarse clock has passed `since`.
        const auto touch = [&](const QString &rel, const QByteArray &data) {
            writeFile(vm + rel, data);
            return statNs(vm + rel, true) >= sinceMs * 1'000'000;
        };
        QTRY_VERIFY_WITH_TIMEOUT(touch(m_cleanFiles[5], "changed"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(touch("/new/eicar2.com", kEicar), 10000);

        ScanCache cache;
        ScanRequest req = request(vm, QStringLiteral("quick"));
        req.lastCompletedScan = QDateTime::fromMSecsSinceEpoch(sinceMs);
        req.hotPaths = QStringList {"/Users/Public/Downloads", "/tmp", "/absent"};
        Collected c;
        scan(req, cache, &c);
        QCOMPARE(c.outcome.state, ScanOutcome::Finished);
        QCOMPARE(c.outcome.totals.files, 4);
        QCOMPARE(c.detections.keys(),
            (QStringList {"/Users/Public/Downloads/dl.txt", "/new/eicar2.com"}));
        QCOMPARE(c.errors.keys(), QStringList {"/tmp"});
        QCOMPARE(c.errors.value("/tmp"), QStringLiteral("path_outside_vm"));
    }

    // Custom paths are resolved beneath the root without following any
    // symbolic link: one that leads out, or even one that stays inside, is
    // refused before the job is queued (validate), and reported as an error
    // of that path if the guest plants it after (the other paths are still
    // scanned).
    void customPathsStayInsideTheVm()
    {
        QByteArray normalized;
        QString error;
        const QString linkedRoot = path("root-link");
        QVERIFY(QFile::link(m_master, linkedRoot)); // the root itself may be a link
        QVERIFY(ScanWorker::resolveInsideRoot(
            linkedRoot, "/docs/../docs/./body.txt", &normalized, &error));
        QCOMPARE(normalized, QByteArray("/docs/body.txt"));
        QVERIFY(ScanWorker::resolveInsideRoot(m_master, "/not/yet/there", &normalized, &error));
        QVERIFY(!ScanWorker::resolveInsideRoot(m_master, "/a\\q", &normalized, &error));
        QCOMPARE(error, QStringLiteral("invalid_argument"));

        ScanCache cache;
        const QStringList lexical {"/../outside/eicar.com", "/docs/../../outside"};
        const QStringList links {"/escape/eicar.com", "/escape-file", "/dangling-out",
            "/inner-link/yara.txt", "/loop/x"};
        for (const QString &bad : lexical + links) {
            QVERIFY2(!ScanWorker::resolveInsideRoot(m_master, bad, &normalized, &error),
                qPrintable(bad));
            QCOMPARE(error, QStringLiteral("path_outside_vm"));
            ScanRequest req = request(m_master, QStringLiteral("custom"));
            req.paths = QStringList {"/docs", bad};
            QString code, message;
            QVERIFY(!ScanWorker::validate(req, &code, &message));
            QCOMPARE(code, QStringLiteral("path_outside_vm"));
            Collected c;
            scan(req, cache, &c);
            if (lexical.contains(bad)) {
                QCOMPARE(c.outcome.state, ScanOutcome::Failed);
                QCOMPARE(c.outcome.errorCode, QStringLiteral("path_outside_vm"));
                QCOMPARE(c.outcome.totals.files, 0);
                QVERIFY(c.detections.isEmpty());
            } else {
                // Planted after the job was queued: that path is an error.
                QCOMPARE(c.outcome.state, ScanOutcome::Finished);
                QCOMPARE(c.errors.keys(), QStringList {bad});
                QCOMPARE(c.detections.keys(), (QStringList {"/docs/body.txt", "/docs/yara.txt"}));
            }
        }

        ScanRequest req = request(linkedRoot, QStringLiteral("custom"));
        req.paths = QStringList {
            "/docs/../docs/body.txt", "/docs/yara.txt", "/docs", "/missing.txt", "/eicar.com"};
        Collected c;
        scan(req, cache, &c);
        QCOMPARE(c.outcome.state, ScanOutcome::Finished);
        QCOMPARE(
            c.detections.keys(), (QStringList {"/docs/body.txt", "/docs/yara.txt", "/eicar.com"}));
        QCOMPARE(c.duplicateDetections, 0);
        QCOMPARE(c.outcome.totals.files, 3);
        QCOMPARE(c.errors.keys(), QStringList {"/missing.txt"});
    }

    // Names are bytes from the walk to the detection; exclusions and custom
    // paths use their escaped form.
    void namesThatAreNotUtf8()
    {
        const QString vm = path("bytes-vm");
        const QByteArray root = QFile::encodeName(vm);
        QVERIFY(QDir().mkpath(vm));
        const auto put = [&](const QByteArray &rel, const QByteArray &data) {
            QFile f;
            const int fd = ::open((root + rel).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            return fd >= 0 && f.open(fd, QIODevice::WriteOnly, QFile::AutoCloseHandle)
                && f.write(data) == data.size();
        };
        QCOMPARE(::mkdir((root + "/d\xfe").constData(), 0755), 0);
        QVERIFY(put("/d\xfe/evil\xff.com", kEicar));
        QVERIFY(put("/caf\xe9.txt", "x " + kBodyMarker));
        QVERIFY(put("/skip\xff.vhdx", kEicar));
        ScanCache cache;
        ScanRequest req = request(vm);
        req.exclusions = QStringList {"*.vhdx"};
        Collected c;
        scan(req, cache, &c);
        QCOMPARE(c.outcome.state, ScanOutcome::Finished);
        QCOMPARE(c.detections.keys(), (QStringList {"/caf\\xE9.txt", "/d\\xFE/evil\\xFF.com"}));
        const Detection d = c.detections.value("/d\\xFE/evil\\xFF.com");
        QCOMPARE(d.vmPath, QByteArray("/d\xfe/evil\xff.com"));
        QCOMPARE(d.root, vm);
        QCOMPARE(d.hostPath, vm + "/d\\xFE/evil\\xFF.com");
        QCOMPARE(c.outcome.totals.excluded, 1);

        ScanRequest custom = request(vm, QStringLiteral("custom"));
        custom.paths = QStringList {"/d\\xFE/evil\\xff.com"};
        Collected e;
        scan(custom, cache, &e);
        QCOMPARE(e.outcome.totals.files, 1);
        QCOMPARE(e.detections.keys(), QStringList {"/d\\xFE/evil\\xFF.com"});
    }

    void pauseAndResume()
    {
        ScanCache cache;
        ScanWorker worker(request(m_master), cache);
        Collected c;
        collect(worker, c);
        const auto pauser = connect(
            &worker, &ScanWorker::progress, &worker, [&worker] { worker.pause(); },
            Qt::DirectConnection);
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(c.paused == QList<bool> {true}, 60000);
        QVERIFY(!QTest::qWaitFor([&] { return c.done; }, 300));
        QVERIFY(worker.isPaused());
        disconnect(pauser);
        worker.resume();
        QTRY_VERIFY_WITH_TIMEOUT(c.done, 120000);
        QCOMPARE(c.outcome.state, ScanOutcome::Finished);
        QCOMPARE(c.paused, (QList<bool> {true, false}));
        QCOMPARE(c.detections.keys(), kInfected);
        QCOMPARE(c.outcome.totals.files,
            m_cleanFiles.size() + kInfected.size() + kIncomplete.size() + 1);

        // Cancelling a paused worker wakes it.
        ScanWorker second(request(m_master), cache);
        Collected d;
        collect(second, d);
        second.pause();
        QVERIFY(second.start());
        QTRY_VERIFY_WITH_TIMEOUT(d.paused == QList<bool> {true}, 60000);
        second.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(d.done, 60000);
        QCOMPARE(d.outcome.state, ScanOutcome::Cancelled);
        QCOMPARE(d.outcome.totals.files, 0);
    }

    void cancelStopsPromptly()
    {
        const QString big = path("big-vm");
        const int count = 3000;
        for (int i = 0; i < count; ++i)
            writeFile(QStringLiteral("%1/d%2/f%3.bin").arg(big).arg(i % 30).arg(i),
                randomBytes(quint32(1000 + i), 16384));
        ScanCache cache;
        {
            // From the scan thread itself: exactly one file is done.
            ScanWorker worker(request(big), cache);
            Collected c;
            collect(worker, c);
            connect(
                &worker, &ScanWorker::progress, &worker, [&worker] { worker.cancel(); },
                Qt::DirectConnection);
            QVERIFY(worker.start());
            QTRY_VERIFY_WITH_TIMEOUT(c.done, 60000);
            QCOMPARE(c.outcome.state, ScanOutcome::Cancelled);
            QCOMPARE(c.outcome.totals.files, 1);
        }
        ScanWorker worker(request(big), cache);
        Collected c;
        collect(worker, c);
        QElapsedTimer sinceCancel;
        connect(&worker, &ScanWorker::progress, this, [&] {
            if (!sinceCancel.isValid()) {
                sinceCancel.start();
                worker.cancel();
            }
        });
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(c.done, 120000);
        QCOMPARE(c.outcome.state, ScanOutcome::Cancelled);
        QVERIFY2(c.outcome.totals.files < count / 2,
            qPrintable(QString::number(c.outcome.totals.files)));
        QVERIFY2(sinceCancel.elapsed() < 5000, qPrintable(QString::number(sinceCancel.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestScanWorker)
#include "tst_scan_worker.moc"
