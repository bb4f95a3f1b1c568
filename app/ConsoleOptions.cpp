// SPDX-License-Identifier: GPL-2.0-or-later
#include "ConsoleOptions.h"

#include "mamori/Version.h"

#include <QCommandLineParser>

namespace mamori::console {

QStringList ConsoleOptions::withoutQtOptions(const QStringList &arguments)
{
    // As QGuiApplicationPrivate and QApplicationPrivate read them (Qt 6.4):
    // one or two leading dashes, some followed by a value.
    static const QStringList withValue = {QStringLiteral("platform"),
        QStringLiteral("platformpluginpath"), QStringLiteral("platformtheme"),
        QStringLiteral("plugin"), QStringLiteral("qwindowgeometry"), QStringLiteral("geometry"),
        QStringLiteral("qwindowtitle"), QStringLiteral("title"), QStringLiteral("qwindowicon"),
        QStringLiteral("icon"), QStringLiteral("display"), QStringLiteral("style"),
        QStringLiteral("stylesheet"), QStringLiteral("session")};
    static const QStringList flags = {QStringLiteral("reverse"), QStringLiteral("widgetcount"),
        QStringLiteral("nograb"), QStringLiteral("dograb"), QStringLiteral("sync")};
    QStringList kept;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (i == 0 || !arg.startsWith(u'-')) {
            kept << arg;
            continue;
        }
        if (arg == QLatin1String("--")) {
            kept << arguments.mid(i);
            break;
        }
        QString name = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
        const qsizetype equals = name.indexOf(u'=');
        const bool valueAttached = equals >= 0;
        if (valueAttached)
            name.truncate(equals);
        if (withValue.contains(name)) {
            if (!valueAttached)
                ++i; // its value
            continue;
        }
        if (flags.contains(name) || name.startsWith(QLatin1String("qmljsdebugger")))
            continue;
        kept << arg;
    }
    return kept;
}

ConsoleOptions ConsoleOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Mamori console: watch and command the agentless antivirus appliances of your "
           "virtual desktop hosts."));
    const QCommandLineOption helpOption(
        {QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help and exit."));
    const QCommandLineOption versionOption(
        QStringLiteral("version"), tr("Show the version and exit."));
    const QCommandLineOption langOption(
        QStringLiteral("lang"), tr("Language of the console: ja or en."), tr("language"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
        tr("Folder for the console's data (a separate profile)."), tr("folder"));
    parser.addOption(helpOption);
    parser.addOption(versionOption);
    parser.addOption(langOption);
    parser.addOption(dataOption);
    const QCommandLineOption labOption(QStringLiteral("lab"),
        tr("Connect to the lab host in this folder (made by mamori-appliance lab); may be "
           "repeated. For trying Mamori out only: it trusts the lab's files."),
        tr("folder"));
    parser.addOption(labOption);

    ConsoleOptions options;
    if (!parser.parse(arguments)) {
        options.outcome = Outcome::ExitError;
        options.message = parser.errorText();
        return options;
    }
    if (parser.isSet(helpOption)) {
        options.outcome = Outcome::ExitOk;
        options.message = parser.helpText();
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.outcome = Outcome::ExitOk;
        options.message = QStringLiteral("mamori-console %1\n").arg(QLatin1String(kVersion));
        return options;
    }
    options.language = parser.value(langOption);
    if (!options.language.isEmpty() && options.language != QLatin1String("ja")
        && options.language != QLatin1String("en")) {
        options.outcome = Outcome::ExitError;
        options.message = tr("Unknown language '%1': use ja or en.").arg(options.language);
        return options;
    }
    options.dataDir = parser.value(dataOption);
    options.labDir = parser.values(labOption);
    return options;
}

} // namespace mamori::console
