// SPDX-License-Identifier: GPL-2.0-or-later
#include "app/ConsoleOptions.h"
#include "mamori/Version.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mamori-console"));
    QApplication::setOrganizationName(QStringLiteral("Mamori"));
    QApplication::setApplicationVersion(QLatin1String(mamori::kVersion));

    // Translate --help and errors too: pick the language before parsing fully.
    mamori::ui::LanguageManager language;
    const QStringList args = QApplication::arguments();
    const qsizetype langAt = args.indexOf(QStringLiteral("--lang"));
    language.setLanguage(langAt >= 0 && langAt + 1 < args.size() ? args.at(langAt + 1)
                                                                   : QString());

    const auto options = mamori::console::ConsoleOptions::parse(args);
    if (options.outcome != mamori::console::ConsoleOptions::Outcome::Run) {
        const bool ok = options.outcome == mamori::console::ConsoleOptions::Outcome::ExitOk;
        std::fputs(options.message.toLocal8Bit().constData(), ok ? stdout : stderr);
        if (!ok)
            std::fputs("\n", stderr);
        return ok ? 0 : 2;
    }

    mamori::ui::MainWindow window;
    window.show();
    return app.exec();
}
