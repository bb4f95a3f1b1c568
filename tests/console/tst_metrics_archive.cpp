// SPDX-License-Identifier: GPL-2.0-or-later
#include "app/metrics/MetricsArchive.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using mamori::console::MetricPoint;
using mamori::console::MetricsArchive;
using mamori::console::parseBaseline;
using mamori::console::parseMetricSeries;

namespace {

QList<MetricPoint> series(qint64 start, int n, qint64 step = 1000)
{
    QList<MetricPoint> points;
    for (int i = 0; i < n; ++i)
        points.append({start + i * step, double(i % 100), 1e9 + i, 4096.0 * i, 8192.0 * i});
    return points;
}

} // namespace

class TestMetricsArchive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storeAndReload()
    {
        QTemporaryDir dir;
        const qint64 t0 = 1'700'000'000'000;
        const auto points = series(t0, 600);
        {
            MetricsArchive archive;
            QString error;
            QVERIFY2(archive.open(dir.path(), &error), qPrintable(error));
            QVERIFY(archive.store(1, QStringLiteral("host"), points));
            QVERIFY(archive.store(1, QStringLiteral("vm:abc"), points.mid(0, 10)));
            QVERIFY(archive.store(2, QStringLiteral("host"), points.mid(0, 5)));
            // The same t again replaces, never duplicates.
            QVERIFY(archive.store(1, QStringLiteral("host"), points.mid(0, 3)));
            QCOMPARE(archive.count(), 615);
        }
        MetricsArchive archive;
        QVERIFY(archive.open(dir.path()));
        QCOMPARE(archive.samples(1, QStringLiteral("host"), 0, t0 * 2), points);
        QCOMPARE(archive.samples(1, QStringLiteral("vm:abc"), 0, t0 * 2).size(), 10);
        QCOMPARE(archive.latestTime(1, QStringLiteral("host")), t0 + 599'000);
        QCOMPARE(archive.latestTime(3, QStringLiteral("host")), 0);
        // A window.
        QCOMPARE(
            archive.samples(1, QStringLiteral("host"), t0 + 100'000, t0 + 199'000).size(), 100);
        // Minute averages: 600 s = 10 minutes (t0 is minute-aligned? not
        // necessarily), each the mean of its seconds.
        const auto minutes = archive.samples(1, QStringLiteral("host"), 0, t0 * 2, 60'000);
        QVERIFY(minutes.size() >= 10 && minutes.size() <= 11);
        for (const MetricPoint &m : minutes)
            QCOMPARE(m.t % 60'000, 0);
        double memSum = 0;
        int n = 0;
        for (const MetricPoint &p : points) {
            if (p.t / 60'000 == minutes.first().t / 60'000) {
                memSum += p.mem;
                ++n;
            }
        }
        QCOMPARE(minutes.first().mem, memSum / n);
        QVERIFY(archive.removeAppliance(2));
        QCOMPARE(archive.count(), 610);
    }

    void retentionPrunes()
    {
        QTemporaryDir dir;
        MetricsArchive archive;
        QVERIFY(archive.open(dir.path()));
        QCOMPARE(archive.retentionMs(), 24LL * 3600 * 1000);
        archive.setRetentionMs(60'000);
        const qint64 t0 = 1'700'000'000'000;
        QVERIFY(archive.store(1, QStringLiteral("host"), series(t0, 300)));
        QVERIFY(archive.prune());
        const auto kept = archive.samples(1, QStringLiteral("host"), 0, t0 * 2);
        QCOMPARE(kept.size(), 61);
        QCOMPARE(kept.first().t, t0 + 299'000 - 60'000);
    }

    void sizeIsBounded()
    {
        QTemporaryDir dir;
        MetricsArchive archive;
        QVERIFY(archive.open(dir.path()));
        archive.setMaxSamples(1000);
        const qint64 t0 = 1'700'000'000'000;
        QVERIFY(archive.store(1, QStringLiteral("host"), series(t0, 800)));
        QVERIFY(archive.store(1, QStringLiteral("appliance"), series(t0 + 500'000, 800)));
        QVERIFY(archive.prune());
        QCOMPARE(archive.count(), 1000);
        // The oldest 600 went: host's first 500 s, then both scopes' next 50 s.
        QCOMPARE(archive.latestTime(1, QStringLiteral("host")), t0 + 799'000);
        QCOMPARE(archive.samples(1, QStringLiteral("appliance"), 0, t0 * 2).size(), 750);
        QCOMPARE(archive.samples(1, QStringLiteral("host"), 0, t0 * 2).size(), 250);
        QCOMPARE(archive.samples(1, QStringLiteral("host"), 0, t0 * 2).first().t, t0 + 550'000);
    }

    void fileIsPrivateAndVersioned()
    {
        QTemporaryDir dir;
        MetricsArchive archive;
        QVERIFY(archive.open(dir.path()));
        QVERIFY(archive.store(1, QStringLiteral("host"), series(1000, 5)));
        const QFile::Permissions perms = QFile::permissions(archive.path());
        // rw------- (Qt's "User" bits are the owner's as this process sees them).
        QCOMPARE(perms & 0x0FFF, QFile::ReadUser | QFile::WriteUser);
        for (const char *suffix : {"-wal", "-shm"}) {
            const QString side = archive.path() + QLatin1String(suffix);
            if (QFile::exists(side))
                QCOMPARE(QFile::permissions(side) & (QFile::ReadOther | QFile::ReadGroup),
                    QFile::Permissions());
        }
        archive.close();
        // A newer schema is refused and left alone.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            db.setDatabaseName(archive.path());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        MetricsArchive again;
        QString error;
        QVERIFY(!again.open(dir.path(), &error));
        QVERIFY(!error.isEmpty());
    }

    void parsesAnswers()
    {
        const QByteArray json = R"({"interval_ms":1000,"now":3000,"cpus":4,"memory_total":8,
            "scopes":{"host":{"t":[1000,2000,3000],"cpu":[1.5,2,3],"mem":[10,11,12],
            "read":[0,4096,0],"write":[1,2,3]},"vm:x":{"t":[],"cpu":[],"mem":[],"read":[],
            "write":[]}}})";
        const auto answer = parseMetricSeries(json);
        QVERIFY2(answer.ok(), qPrintable(answer.error()));
        const auto &parsed = answer->scopes;
        QCOMPARE(parsed.value(QStringLiteral("host")).size(), 3);
        QCOMPARE(parsed.value(QStringLiteral("host"))[1], (MetricPoint {2000, 2, 11, 4096, 2}));
        QVERIFY(parsed.value(QStringLiteral("vm:x")).isEmpty());
        // What a feed stores is what it received.
        QTemporaryDir dir;
        MetricsArchive archive;
        QVERIFY(archive.open(dir.path()));
        QVERIFY(archive.store(1, parsed));
        QCOMPARE(archive.samples(1, QStringLiteral("host"), 0, 5000),
            parsed.value(QStringLiteral("host")));
        const auto b = parseBaseline(
            QByteArray(R"({"scopes":{"host":{"cpu":{"value":12.5},"read":{"value":null}}}})"));
        QVERIFY(b.ok());
        using mamori::protocol::Metric;
        QCOMPARE(b->value(QStringLiteral("host"), Metric::Cpu), 12.5);
        QVERIFY(!b->value(QStringLiteral("host"), Metric::Read));
        QVERIFY(!b->value(QStringLiteral("vm:y"), Metric::Cpu));
    }
};

QTEST_GUILESS_MAIN(TestMetricsArchive)
#include "tst_metrics_archive.moc"
