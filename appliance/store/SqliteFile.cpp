// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/store/SqliteFile.h"

#include <QSqlQuery>
#include <QUuid>

namespace mamori::appliance {
namespace {

constexpr int kMostProblems = 10;

} // namespace

SqliteFile::SqliteFile(const QString &path)
    : m_connection(QStringLiteral("file-") + QUuid::createUuid().toString(QUuid::Id128))
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        m_error = QStringLiteral("cannot open %1: %2").arg(path, m_db.lastError().text());
}

SqliteFile::~SqliteFile()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool isDamageError(const QSqlError &error)
{
    // Qt reports sqlite3_errcode(): primary codes 11 (CORRUPT) and 26 (NOTADB).
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("11") || code == QLatin1String("26");
}

IntegrityReport checkIntegrity(QSqlDatabase &db, IntegrityDepth depth)
{
    IntegrityReport report;
    QSqlQuery q(db);
    const QString sql = depth == IntegrityDepth::Quick
        ? QStringLiteral("PRAGMA quick_check(%1)").arg(kMostProblems)
        : QStringLiteral("PRAGMA integrity_check(%1)").arg(kMostProblems);
    if (!q.exec(sql)) {
        report.damaged = isDamageError(q.lastError());
        report.problems << q.lastError().databaseText();
        return report;
    }
    // A row may hold several lines ("*** in database main ***\nPage 23: ...").
    while (q.next())
        report.problems << q.value(0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (q.lastError().isValid()) {
        report.damaged = isDamageError(q.lastError());
        report.problems << q.lastError().databaseText();
        return report;
    }
    report.ok = report.problems == QStringList {QStringLiteral("ok")};
    report.damaged = !report.ok;
    if (report.ok)
        report.problems.clear();
    return report;
}

IntegrityReport checkIntegrity(const QString &path, IntegrityDepth depth)
{
    SqliteFile file(path);
    if (!file.isOpen()) {
        IntegrityReport report;
        report.problems << file.error();
        return report;
    }
    return checkIntegrity(file.db(), depth);
}

QString damagedStoreMessage(
    const QString &path, const QStringList &problems, const QString &dataDir)
{
    return QStringLiteral(
        "database damaged: %1 fails its integrity check (%2). The appliance does not run on "
        "damaged data. Way out: 'mamori-appliance db check --data %3' lists the backups; with "
        "the appliance stopped, 'mamori-appliance db restore --data %3' puts the newest good one "
        "back (mamori-appliance(8), \"Damaged database\").")
        .arg(path, problems.mid(0, 4).join(QLatin1String("; ")), dataDir);
}

} // namespace mamori::appliance
