// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/CommandLine.h"

#include "mamori/Version.h"

#include <cstdio>

namespace mamori::appliance {
namespace {

const char kUsage[] = R"(Usage: mamori-appliance COMMAND [OPTIONS]

The Mamori host appliance: scans the virtual machines of this host from
outside and serves the appliance API to Mamori consoles.

Options:
  --version   print the version and exit
  --help      print this help and exit
)";

} // namespace

int runCommandLine(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help")
        || args.first() == QLatin1String("-h") || args.first() == QLatin1String("help")) {
        std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == QLatin1String("--version")) {
        std::printf("mamori-appliance %s\n", kVersion);
        return 0;
    }
    std::fprintf(stderr, "mamori-appliance: unknown command '%s' (see --help)\n",
                 qPrintable(args.first()));
    return 2;
}

} // namespace mamori::appliance
