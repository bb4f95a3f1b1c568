// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/CommandLine.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mamori-appliance"));
    return mamori::appliance::runCommandLine(QCoreApplication::arguments());
}
