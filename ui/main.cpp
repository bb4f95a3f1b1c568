// SPDX-License-Identifier: GPL-2.0-or-later
#include "AppIdentity.h"
#include "LabSetup.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "Pages.h"
#include "app/ConsoleOptions.h"
#include "app/client/KeychainSecretStore.h"
#include "app/fleet/Fleet.h"
#include "app/store/ConsoleStore.h"
#include "mamori/Version.h"

#include <QApplication>
#include <QCoreApplication>
#include <QMessageBox>
#include <QStandardPaths>

#include <cstdio>

namespace {

// The --lang value, looked up before the options are parsed so that --help
// and the errors are in that language too.
QString requestedLanguage(const QStringList &args)
{
    const qsizetype at = args.indexOf(QStringLiteral("--lang"));
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
}

// Prints what the options say before exiting; the exit status.
int printOutcome(const mamori::console::ConsoleOptions &options)
{
    const bool ok = options.outcome == mamori::console::ConsoleOptions::Outcome::ExitOk;
    std::fputs(options.message.toLocal8Bit().constData(), ok ? stdout : stderr);
    if (!ok)
        std::fputs("\n", stderr);
    return ok ? 0 : 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("mamori-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mamori"));
    QCoreApplication::setApplicationVersion(QLatin1String(mamori::kVersion));

    // --help, --version and a wrong command line need no display: answer
    // them before a window system is opened (without one, QApplication
    // would abort first). Qt's own options (-platform, -style …) are left
    // out here and taken by QApplication below.
    {
        QCoreApplication core(argc, argv);
        mamori::ui::LanguageManager language;
        language.setLanguage(requestedLanguage(QCoreApplication::arguments()));
        const auto options = mamori::console::ConsoleOptions::parse(
            mamori::console::ConsoleOptions::withoutQtOptions(QCoreApplication::arguments()));
        if (options.outcome != mamori::console::ConsoleOptions::Outcome::Run)
            return printOutcome(options);
    }

    QApplication app(argc, argv);
    QApplication::setDesktopFileName(QStringLiteral("mamori-console"));
    mamori::ui::setConsoleIdentity();

    mamori::ui::LanguageManager language;
    const QStringList args = QApplication::arguments();
    language.setLanguage(requestedLanguage(args));

    const auto options = mamori::console::ConsoleOptions::parse(args);
    if (options.outcome != mamori::console::ConsoleOptions::Outcome::Run)
        return printOutcome(options);

    const QString dataDir = options.dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : options.dataDir;
    mamori::console::ConsoleStore store;
    QString error;
    if (!store.open(dataDir, &error)) {
        QMessageBox::critical(nullptr, QGuiApplication::applicationDisplayName(), error);
        return 1;
    }
    if (options.language.isEmpty()) {
        const QString saved = store.setting(QStringLiteral("language")).toString();
        if (!saved.isEmpty())
            language.setLanguage(saved);
    }
    QObject::connect(&language, &mamori::ui::LanguageManager::languageChanged, &language,
        [&store](const QString &lang) { store.setSetting(QStringLiteral("language"), lang); });

    mamori::console::KeychainSecretStore secrets;
    mamori::console::Fleet fleet(&store, &secrets);
    if (!options.labDir.isEmpty()
        && !mamori::ui::addLabAppliances(&fleet, options.labDir, &error)) {
        std::fprintf(stderr, "mamori-console: %s\n", qPrintable(error));
        return 1;
    }
    mamori::ui::MainWindow window(&fleet, &language);
    mamori::ui::addPages(&window, &fleet);
    window.showMaximized();
    fleet.start();
    return app.exec();
}
