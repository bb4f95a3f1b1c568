// SPDX-License-Identifier: GPL-2.0-or-later
#include "AppIdentity.h"

#include <QApplication>

// The icons live in a static library: its resources are registered by hand
// (outside any namespace, as Q_INIT_RESOURCE requires).
static void registerIcons()
{
    Q_INIT_RESOURCE(mamori_console); // rcc names it after mamori-console.qrc
}

namespace mamori::ui {

QIcon consoleIcon()
{
    registerIcons();
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        icon.addFile(QStringLiteral(":/icons/%1/mamori-console.png").arg(size), QSize(size, size));
    icon.addFile(QStringLiteral(":/icons/mamori-console.svg"));
    return icon;
}

QIcon actionIcon(const char *name)
{
    registerIcons();
    return QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(QLatin1String(name)));
}

void setConsoleIdentity()
{
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Mamori"));
    QApplication::setWindowIcon(consoleIcon());
}

} // namespace mamori::ui
