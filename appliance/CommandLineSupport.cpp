// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/CommandLineSupport.h"

#include "appliance/Config.h"
#include "appliance/ExitCodes.h"
#include "appliance/store/Database.h"

#include <cstdio>

namespace mamori::appliance {

int usageError(const QString &message)
{
    std::fprintf(
        stderr, "mamori-appliance: %s (see mamori-appliance --help)\n", qPrintable(message));
    return kExitUsage;
}

int failure(const QString &message, int code)
{
    std::fprintf(stderr, "mamori-appliance: %s\n", qPrintable(message));
    return code;
}

int databaseFailure(const Database &db, const QString &message)
{
    return failure(message, db.damaged() ? kExitDamagedStore : kExitFailure);
}

// Parses options common to the subcommands; `extra` adds more.
bool parse(
    const QStringList &args, Parsed *out, QString *error, const QList<QCommandLineOption> &extra)
{
    const QCommandLineOption data(
        QStringLiteral("data"), QStringLiteral("data directory"), QStringLiteral("DIR"));
    out->parser.addOption(data);
    out->parser.addOptions(extra);
    if (!out->parser.parse(args)) {
        *error = out->parser.errorText();
        return false;
    }
    out->positional = out->parser.positionalArguments();
    out->dataDir = out->parser.isSet(data) ? out->parser.value(data) : Config::defaultDataDir();
    if (out->dataDir.isEmpty()) {
        *error = QStringLiteral("--data DIR must name a folder");
        return false;
    }
    return true;
}

} // namespace mamori::appliance
