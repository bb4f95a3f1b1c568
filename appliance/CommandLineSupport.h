// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

// What every `mamori-appliance` command shares: its options, its messages
// and its exit statuses (ExitCodes.h).
namespace mamori::appliance {

class Database;

// "mamori-appliance: MESSAGE (see mamori-appliance --help)"; exit status 2.
int usageError(const QString &message);
// "mamori-appliance: MESSAGE"; returns `code`.
int failure(const QString &message, int code = 1);
// A failed Database::open: status 3 when the file is damaged, else 1.
int databaseFailure(const Database &db, const QString &message);

struct Parsed
{
    QCommandLineParser parser;
    QStringList positional;
    QString dataDir;
};

// Parses --data DIR (default: the service's folder) and `extra`.
bool parse(const QStringList &args, Parsed *out, QString *error,
    const QList<QCommandLineOption> &extra = {});

} // namespace mamori::appliance
