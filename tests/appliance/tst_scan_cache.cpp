// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/engine/ScanEngine.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scan/ScanWorker.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <thread>
#include <vector>

using namespace mamori::appliance;

namespace {

// The EICAR test file, split so that this source is not itself detected.
const QByteArray kEicar =
    QByteArray("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-") + "STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
const QByteArray kMarker = "MAMORI-BODY-MARKER-" + QByteArray("5e1d");

ScanCache::Digest digest(quint32 n)
{
    ScanCache::Digest d {};
    QRandomGenerator gen(n + 1);
    for (auto &b : d)
        b = quint8(gen.bounded(256));
    return d;
}

ScanCache::FileKey key(quint32 n)
{
    return {quint64(n % 7), quint64(1000 + n), qint64(n * 13), qint64(n) * 1'000'000'007,
        qint64(n) * 1'000'000'009};
}

void fill(ScanCache &cache, const QString &pattern, int cleans, int stats)
{
    for (int i = 0; i < cleans; ++i)
        QVERIFY(cache.markClean(digest(quint32(i)), pattern));
    for (int i = 0; i < stats; ++i)
        cache.rememberStat(key(quint32(i)), digest(quint32(i)));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

} // namespace

// The cache as scans use it: clones, the stat index, restarts, patterns.
class TestScanCache : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_base, m_master;
    std::shared_ptr<const ScanEngine> m_engine;
    static constexpr int kCleanFiles = 60;

    ScanOutcome scan(const QString &root, const QString &pattern, ScanCache &cache,
        const QStringList &paths = {}, std::shared_ptr<const ScanEngine> engine = nullptr)
    {
        ScanRequest r;
        r.root = root;
        r.kind = paths.isEmpty() ? QStringLiteral("full") : QStringLiteral("custom");
        r.paths = paths;
        r.engine = engine ? engine : m_engine;
        r.patternVersion = pattern;
        ScanWorker worker(r, cache);
        std::optional<ScanOutcome> outcome;
        connect(&worker, &ScanWorker::finished, this, [&](const ScanOutcome &o) { outcome = o; });
        worker.start();
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 120000))
            return {ScanOutcome::Failed, {}, QStringLiteral("timeout"), {}};
        return *outcome;
    }

    QString clone(const QString &name)
    {
        const QString dest = m_base + QLatin1Char('/') + name;
        QProcess cp;
        cp.start(QStringLiteral("cp"), {QStringLiteral("-a"), m_master, dest});
        return cp.waitForFinished() && cp.exitCode() == 0 ? dest : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_base = QDir(m_tmp.path()).canonicalPath();
        m_master = m_base + QStringLiteral("/master");
        const QString sigs = m_base + QStringLiteral("/sigs");
        writeAll(sigs + "/t.hdb",
            QCryptographicHash::hash(kEicar, QCryptographicHash::Md5).toHex() + ':'
                + QByteArray::number(kEicar.size()) + ":Mamori.Test.EICAR\n");
        writeAll(sigs + "/t.ndb", "Mamori.Test.Body:0:*:" + kMarker.toHex() + '\n');
        writeAll(m_master + "/eicar.com", kEicar);
        for (int i = 0; i < kCleanFiles; ++i) // unique contents
            writeAll(m_master + QStringLiteral("/clean/d%1/f%2").arg(i % 4).arg(i),
                QByteArray::number(i).repeated(1 + i * 37));
        QString error;
        m_engine = ScanEngine::compile(sigs, ScanEngine::Limits(), &error);
        QVERIFY2(m_engine, qPrintable(error));
    }

    void cleanSetFollowsThePattern()
    {
        ScanCache cache;
        cache.setPattern(QStringLiteral("p1"));
        QVERIFY(!cache.isClean(digest(1), QStringLiteral("p1")));
        QVERIFY(cache.markClean(digest(1), QStringLiteral("p1")));
        QVERIFY(cache.isClean(digest(1), QStringLiteral("p1")));
        // A job still running on another pattern neither trusts nor records.
        QVERIFY(!cache.isClean(digest(1), QStringLiteral("p0")));
        QVERIFY(!cache.markClean(digest(2), QStringLiteral("p0")));
        QCOMPARE(cache.cleanCount(), 1);

        cache.rememberStat(key(1), digest(1));
        cache.setPattern(QStringLiteral("p1"));
        QCOMPARE(cache.cleanCount(), 1);
        cache.setPattern(QStringLiteral("p2"));
        QCOMPARE(cache.cleanCount(), 0);
        QVERIFY(!cache.isClean(digest(1), QStringLiteral("p2")));
        // The stat index is about content, not verdicts: it survives.
        QCOMPARE(cache.digestForStat(key(1)), std::optional(digest(1)));
        const auto c = cache.counters();
        QCOMPARE(c.hashHits, 1);
        QCOMPARE(c.statHits, 1);
    }

    void boundedWithSecondChance()
    {
        ScanCache cache({10, 5});
        fill(cache, QString(), 10, 5);
        // Touched entries get a second chance over untouched ones.
        for (quint32 i = 0; i < 5; ++i)
            QVERIFY(cache.isClean(digest(i), QString()));
        for (quint32 i = 100; i < 105; ++i)
            cache.markClean(digest(i), QString());
        QCOMPARE(cache.cleanCount(), 10);
        for (quint32 i = 0; i < 5; ++i)
            QVERIFY(cache.isClean(digest(i), QString()));
        for (quint32 i = 5; i < 10; ++i)
            QVERIFY(!cache.isClean(digest(i), QString()));
        for (quint32 i = 0; i < 1000; ++i)
            cache.rememberStat(key(i), digest(i));
        QCOMPARE(cache.statCount(), 5);
        QVERIFY(cache.counters().evictions >= 5 + 995);
    }

    // The one way the appliance replaces a file it keeps (scan cache, golden
    // image index, TLS key and certificate): the mode asked for, and a
    // failed write leaves the old file and nothing beside it.
    void replaceFileIsWholeOrNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept"));
        const auto writing = [](const QByteArray &bytes) {
            return [bytes](int fd) { return fs::writeAll(fd, bytes.constData(), bytes.size()); };
        };
        QString why;
        QVERIFY2(fs::replaceFile(path, writing("old"), &why, 0644), qPrintable(why));
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0644u);

        const bool replaced = fs::replaceFile(
            path,
            [](int fd) {
                if (!fs::writeAll(fd, "part", 4))
                    return false;
                errno = ENOSPC;
                return false;
            },
            &why);
        QVERIFY(!replaced);
        QVERIFY2(why.startsWith(QStringLiteral("cannot write: ")), qPrintable(why));
        QFile kept(path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {QStringLiteral("kept")});

        QVERIFY2(fs::replaceFile(path, writing("new"), &why), qPrintable(why));
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        kept.close();
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("new"));

        // A folder that is not there: refused before anything is written.
        QVERIFY(!fs::replaceFile(dir.filePath(QStringLiteral("missing/kept")), writing("x"), &why));
        QVERIFY2(
            why.startsWith(QStringLiteral("cannot create a file beside it: ")), qPrintable(why));
    }

    void saveAndLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cache.bin"));
        ScanCache cache;
        cache.setPattern(QStringLiteral("2024.1"));
        fill(cache, QStringLiteral("2024.1"), 300, 200);
        QString error;
        QVERIFY2(cache.save(path, &error), qPrintable(error));
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(
            QDir(dir.path()).entryList(QDir::Files), QStringList {QStringLiteral("cache.bin")});
        // Saving over an existing file replaces it.
        QVERIFY(cache.save(path, &error));

        ScanCache loaded;
        QVERIFY2(loaded.load(path, QStringLiteral("2024.1"), &error), qPrintable(error));
        QCOMPARE(loaded.patternVersion(), QStringLiteral("2024.1"));
        QCOMPARE(loaded.cleanCount(), 300);
        QCOMPARE(loaded.statCount(), 200);
        for (quint32 i = 0; i < 300; ++i)
            QVERIFY(loaded.isClean(digest(i), QStringLiteral("2024.1")));
        for (quint32 i = 0; i < 200; ++i)
            QCOMPARE(loaded.digestForStat(key(i)), std::optional(digest(i)));

        // Another pattern: verdicts go, the stat index stays.
        ScanCache updated;
        QVERIFY(updated.load(path, QStringLiteral("2024.2")));
        QCOMPARE(updated.patternVersion(), QStringLiteral("2024.2"));
        QCOMPARE(updated.cleanCount(), 0);
        QCOMPARE(updated.statCount(), 200);

        // A smaller cache keeps what fits.
        ScanCache small({50, 20});
        QVERIFY(small.load(path, QStringLiteral("2024.1")));
        QCOMPARE(small.cleanCount(), 50);
        QCOMPARE(small.statCount(), 20);

        ScanCache missing;
        QVERIFY(!missing.load(dir.filePath(QStringLiteral("none")), QStringLiteral("x")));
        QCOMPARE(missing.patternVersion(), QStringLiteral("x"));
    }

    void corruptFilesLoadEmpty()
    {
        QTemporaryDir dir;
        const QString good = dir.filePath(QStringLiteral("good.bin"));
        const QString bad = dir.filePath(QStringLiteral("bad.bin"));
        ScanCache cache;
        cache.setPattern(QStringLiteral("p"));
        fill(cache, QStringLiteral("p"), 10, 10);
        QVERIFY(cache.save(good));
        const QByteArray original = readAll(good);
        QVERIFY(original.size() > 900);

        const auto expectEmpty = [&](const QByteArray &data, const char *what, qsizetype at) {
            writeAll(bad, data);
            ScanCache target;
            fill(target, QString(), 3, 3); // a failed load must not keep these either
            if (target.load(bad, QStringLiteral("p"))) {
                QFAIL(
                    qPrintable(QStringLiteral("%1 at %2 loaded").arg(QLatin1String(what)).arg(at)));
            }
            QCOMPARE(target.cleanCount(), 0);
            QCOMPARE(target.statCount(), 0);
            QCOMPARE(target.patternVersion(), QStringLiteral("p"));
        };
        for (qsizetype len = 0; len < original.size(); ++len) {
            expectEmpty(original.left(len), "truncation", len);
            if (QTest::currentTestFailed())
                return;
        }
        QRandomGenerator gen(42);
        for (qsizetype at = 0; at < original.size(); ++at) {
            QByteArray flipped = original;
            flipped[at] = char(flipped[at] ^ char(1 + gen.bounded(255)));
            expectEmpty(flipped, "flipped byte", at);
            if (QTest::currentTestFailed())
                return;
        }
        for (int i = 0; i < 300; ++i) {
            QByteArray junk(qsizetype(gen.bounded(4096)), Qt::Uninitialized);
            for (auto &c : junk)
                c = char(gen.bounded(256));
            // Half of them with a valid head, to get past the magic.
            if (i % 2 == 0)
                junk.replace(0, qMin<qsizetype>(junk.size(), 16), original.left(16));
            expectEmpty(junk, "random", i);
            if (QTest::currentTestFailed())
                return;
        }
        expectEmpty(original + QByteArray("x"), "appended", 0);
    }

    void concurrentUse()
    {
        ScanCache cache({500, 500});
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&cache, t] {
                for (quint32 i = 0; i < 5000; ++i) {
                    const quint32 n = i * 4 + quint32(t);
                    cache.markClean(digest(n % 900), QString());
                    cache.isClean(digest((n * 7) % 900), QString());
                    cache.rememberStat(key(n % 900), digest(n % 900));
                    cache.digestForStat(key((n * 3) % 900));
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(cache.cleanCount(), 500);
        QCOMPARE(cache.statCount(), 500);
    }

    void clonesShareTheCache()
    {
        ScanCache cache;
        cache.setPattern(QStringLiteral("p1"));
        const QString vmA = clone(QStringLiteral("a")), vmB = clone(QStringLiteral("b"));
        QVERIFY(!vmA.isEmpty() && !vmB.isEmpty());
        const ScanOutcome a = scan(vmA, QStringLiteral("p1"), cache);
        QCOMPARE(a.totals.files, kCleanFiles + 1);
        QCOMPARE(a.totals.cacheHits, 0);
        QCOMPARE(a.totals.detections, 1);
        // Another clone: every clean content is known, though not its inodes.
        const ScanOutcome b = scan(vmB, QStringLiteral("p1"), cache);
        QCOMPARE(b.totals.cacheHits, kCleanFiles);
        QCOMPARE(b.totals.statHits, 0);
        QCOMPARE(b.totals.cacheMisses, 1); // an infection is never cached
        QCOMPARE(b.totals.detections, 1);

        // The same VM again: known by stat, not a byte read.
        const QStringList clean {QStringLiteral("/clean")};
        const ScanOutcome b2 = scan(vmB, QStringLiteral("p1"), cache, clean);
        QCOMPARE(b2.totals.files, kCleanFiles);
        QCOMPARE(b2.totals.statHits, kCleanFiles);
        QCOMPARE(b2.totals.bytesRead, 0);

        // A changed file in the clone is a miss; the rest still hit by stat.
        writeAll(vmB + "/clean/d3/f3", "changed in clone B");
        const ScanOutcome b3 = scan(vmB, QStringLiteral("p1"), cache, clean);
        QCOMPARE(b3.totals.cacheMisses, 1);
        QCOMPARE(b3.totals.statHits, kCleanFiles - 1);

        // Saved and loaded (an appliance restart): still no reads.
        const QString file = m_base + QStringLiteral("/cache.bin");
        QVERIFY(cache.save(file));
        ScanCache restarted;
        QVERIFY(restarted.load(file, QStringLiteral("p1")));
        const ScanOutcome b4 = scan(vmB, QStringLiteral("p1"), restarted, clean);
        QCOMPARE(b4.totals.bytesRead, 0);
        QCOMPARE(b4.totals.statHits, kCleanFiles);

        // A new pattern: a job still on the old one neither uses nor fills
        // the cache, and a job on the new one scans everything again.
        cache.setPattern(QStringLiteral("p2"));
        const ScanOutcome old = scan(vmB, QStringLiteral("p1"), cache, clean);
        QCOMPARE(old.totals.cacheHits, 0);
        QCOMPARE(cache.cleanCount(), 0);
        const ScanOutcome fresh = scan(vmB, QStringLiteral("p2"), cache, clean);
        QCOMPARE(fresh.totals.cacheHits, 0);
        QCOMPARE(fresh.totals.cacheMisses, kCleanFiles);
        // The stat index survived the pattern change: clone A's copies are
        // known clean under p2 without being read.
        const ScanOutcome a2 = scan(vmA, QStringLiteral("p2"), cache, clean);
        QCOMPARE(a2.totals.statHits, kCleanFiles - 1);
        QCOMPARE(a2.totals.cacheMisses, 1); // f3: clone B's copy changed
    }

    // Files over the snapshot limit are hashed and scanned in place.
    void largeFilesScannedInPlace()
    {
        const QString vm = m_base + QStringLiteral("/large");
        QByteArray filler(33 << 20, Qt::Uninitialized);
        QRandomGenerator(99).fillRange(
            reinterpret_cast<quint32 *>(filler.data()), filler.size() / 4);
        writeAll(vm + "/clean.bin", filler);
        writeAll(vm + "/marked.bin", filler + kMarker);
        ScanCache cache;
        cache.setPattern(QStringLiteral("p1"));
        const ScanOutcome first = scan(vm, QStringLiteral("p1"), cache);
        QCOMPARE(first.totals.detections, 1);
        QCOMPARE(first.totals.cacheMisses, 2);
        QVERIFY(first.totals.bytesRead >= 2 * filler.size());
        const ScanOutcome again = scan(vm, QStringLiteral("p1"), cache);
        QCOMPARE(again.totals.statHits, 1);
        QCOMPARE(again.totals.detections, 1);
    }
};

QTEST_GUILESS_MAIN(TestScanCache)
#include "tst_scan_cache.moc"
