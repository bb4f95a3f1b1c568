// SPDX-License-Identifier: GPL-2.0-or-later
// What the appliance's care of its database costs (docs/reliability.md,
// "Damaged database"): PRAGMA quick_check at every open, PRAGMA
// integrity_check and a backup (VACUUM INTO) daily, and a restore — on a
// database of realistic size, filled through the appliance's own schema.
#include "appliance/incidents/IncidentService.h"
#include "appliance/store/Database.h"
#include "appliance/store/DatabaseBackup.h"
#include "appliance/store/SqliteFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sys/resource.h>

using namespace mamori::appliance;

namespace {

double cpuSeconds()
{
    rusage u {};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
    return false;
}

// Median wall and CPU milliseconds of `runs` runs of `what`.
void measure(const char *name, int runs, const std::function<bool()> &what)
{
    std::vector<double> wall, cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double c0 = cpuSeconds();
        t.start();
        if (!what()) {
            std::printf("%-34s FAILED\n", name);
            return;
        }
        wall.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back((cpuSeconds() - c0) * 1000);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-34s median %8.1f ms wall  %8.1f ms CPU  (min %.1f, max %.1f ms wall, %d runs)\n",
        name, wall[wall.size() / 2], cpu[cpu.size() / 2], wall.front(), wall.back(), runs);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cost of the appliance's database care"));
    parser.addHelpOption();
    const QCommandLineOption events(QStringLiteral("events"), QStringLiteral("events"),
        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption incidents(QStringLiteral("incidents"), QStringLiteral("incidents"),
        QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("runs of each"),
        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption dirOption(QStringLiteral("dir"),
        QStringLiteral("data folder to fill (default: a temporary one)"), QStringLiteral("DIR"));
    parser.addOptions({events, incidents, runs, dirOption});
    parser.process(app);

    QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/mamori-bench-store-XXXXXX"));
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temp.path();
    const int n = std::max(1, parser.value(runs).toInt());
    QString error;
    {
        Database db;
        if (!db.open(dir, &error)
            || !db.migrateModule(
                QStringLiteral("incidents"), IncidentService::schemaSteps(), &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        // Rows like the appliance's own: a scan event's JSON, an incident's
        // paths, hash and threat name.
        const bool filled =
            exec(db.db(),
                QStringLiteral(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                    "INSERT INTO events(time, type, data) SELECT strftime('%Y-%m-%dT%H:%M:%fZ', "
                    "'now'), "
                    "'scan.progress', json_object('job', 'job-' || (i / 100), 'vm', "
                    "lower(hex(randomblob(16))), "
                    "'files', i, 'bytes', i * 4096, 'path', '/Users/user' || (i % 50) || "
                    "'/AppData/Local/Temp/file' || i || '.tmp') FROM n")
                    .arg(parser.value(events)))
            && exec(db.db(),
                QStringLiteral(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                    "INSERT INTO incidents(vm, vm_name, path, host_path, threat, sha256, size, "
                    "severity, "
                    "source, first_seen, last_seen, detections, action, state, assignee, "
                    "quarantine_id) "
                    "SELECT lower(hex(randomblob(16))), 'desktop-' || (i % 25), "
                    "'/Users/user/Downloads/setup' || i || '.exe', "
                    "'/srv/vms/desktop/Users/user/Downloads/setup' || i || '.exe', "
                    "'Win.Trojan.Agent-' || (i % 300), lower(hex(randomblob(32))), 4096 + i, "
                    "'high', 'scan', "
                    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                    "1, 'none', "
                    "CASE WHEN i % 3 = 0 THEN 'resolved' ELSE 'new' END, '', '' FROM n")
                    .arg(parser.value(incidents)));
        if (!filled)
            return 1;
    }
    const QString path = Database::filePath(dir);
    std::printf("database: %s, %lld bytes (%s events, %s incidents)\n", qPrintable(path),
        QFileInfo(path).size(), qPrintable(parser.value(events)),
        qPrintable(parser.value(incidents)));

    measure("open (configure + quick_check)", n, [&] {
        Database db;
        return db.open(dir, &error);
    });
    measure("quick_check alone", n, [&] { return checkIntegrity(path, IntegrityDepth::Quick).ok; });
    measure("integrity_check (daily)", n,
        [&] { return checkIntegrity(path, IntegrityDepth::Full).ok; });
    measure("backup (VACUUM INTO + check + fsync)", n,
        [&] { return DatabaseBackup::take(dir, QStringLiteral("daily"), &error).has_value(); });
    const auto backups = DatabaseBackup::list(dir);
    std::printf("backup file: %lld bytes\n", backups.isEmpty() ? 0LL : backups.first().bytes);
    measure("restore (integrity_check + copy)", n,
        [&] { return DatabaseBackup::restore(dir, {}, &error).has_value(); });
    return 0;
}
