// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace mamori::console {

// What the console's command line asks for.
struct ConsoleOptions
{
    Q_DECLARE_TR_FUNCTIONS(ConsoleOptions)

public:
    enum class Outcome { Run, ExitOk, ExitError };

    QString language; // "ja", "en" or empty: follow the system locale
    QString dataDir; // empty: QStandardPaths' app data folder
    QStringList labDir; // lab hosts to connect to (mamori-appliance lab --dir DIR)
    Outcome outcome = Outcome::Run;
    QString message; // printed before exiting (help, version, or an error)

    static ConsoleOptions parse(const QStringList &arguments);

    // The arguments without the options QGuiApplication and QApplication take
    // for themselves (-platform, -style, -qwindowgeometry …), so that the
    // command line can be judged before a display is opened.
    static QStringList withoutQtOptions(const QStringList &arguments);
};

} // namespace mamori::console
