// SPDX-License-Identifier: GPL-2.0-or-later
// Runs one vault operation and dies by SIGKILL at the fault point named in
// MAMORI_FAULT_POINT, so that tst_quarantine can check what recover() makes
// of every half-done step.
//
//   quarantine_crash_helper DATA quarantine PATH
//   quarantine_crash_helper DATA restore ID [TARGET]
#include "appliance/quarantine/QuarantineVault.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <cstdlib>

using namespace mamori::appliance;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4)
        return 2;
    QuarantineVault vault(args.at(1));
    QString error;
    if (!vault.open(&error))
        return 3;
    const QByteArray point = qgetenv("MAMORI_FAULT_POINT");
    vault.setFaultHook([point](const char *at) {
        if (point == at)
            std::raise(SIGKILL);
    });
    QuarantineError failure;
    bool ok = false;
    if (args.at(2) == QLatin1String("quarantine")) {
        QuarantineItem item;
        ok = vault.quarantine({args.at(3), args.value(4).toUtf8()}, &item, &failure);
        if (ok)
            QTextStream(stdout) << item.id << '\n';
    } else if (args.at(2) == QLatin1String("restore")) {
        ok = vault.restore(args.at(3), args.value(4).toUtf8(), false, &failure);
    }
    if (!ok)
        QTextStream(stderr) << failure.message << '\n';
    return ok ? 0 : 1;
}
