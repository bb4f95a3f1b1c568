// SPDX-License-Identifier: GPL-2.0-or-later
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
#include <QMessageBox>
#include <QStandardPaths>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mamori-console"));
    QApplication::setOrganizationName(QStringLiteral("Mamori"));
    QApplication::setApplicationVersion(QLatin1String(mamori::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("mamori-console"));

    // Translate --help and errors too: pick the language before parsing fully.
    mamori::ui::LanguageManager language;
    const QStringList args = QApplication::arguments();
    const qsizetype langAt = args.indexOf(QStringLiteral("--lang"));
    language.setLanguage(langAt >= 0 && langAt + 1 < args.size() ? args.at(langAt + 1) : QString());

    const auto options = mamori::console::ConsoleOptions::parse(args);
    if (options.outcome != mamori::console::ConsoleOptions::Outcome::Run) {
        const bool ok = options.outcome == mamori::console::ConsoleOptions::Outcome::ExitOk;
        std::fputs(options.message.toLocal8Bit().constData(), ok ? stdout : stderr);
        if (!ok)
            std::fputs("\n", stderr);
        return ok ? 0 : 2;
    }

    const QString dataDir = options.dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : options.dataDir;
    mamori::console::ConsoleStore store;
    QString error;
    if (!store.open(dataDir, &error)) {
        QMessageBox::critical(nullptr, QObject::tr("Mamori Console"), error);
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
