// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabWorkload.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return mamori::appliance::runLabWorkload(QCoreApplication::arguments());
}
