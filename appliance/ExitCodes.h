// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

namespace mamori::appliance {

// Exit statuses of mamori-appliance, stable for scripts and for systemd
// (the unit does not restart on 3, 4 or 5: restarting cannot mend them).
enum ExitCode {
    kExitOk = 0,
    kExitFailure = 1,
    kExitUsage = 2,
    kExitDamagedStore = 3, // "database damaged: ..."
    kExitIdentity = 4, // "identity missing or damaged: ...", "identity replaced: ..."
    kExitBusy = 5, // "appliance running: ..."
};

} // namespace mamori::appliance
