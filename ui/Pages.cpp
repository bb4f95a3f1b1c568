// SPDX-License-Identifier: GPL-2.0-or-later
#include "Pages.h"

#include "MainWindow.h"
#include "MetricsPages.h"
#include "SecurityPages.h"

namespace mamori::ui {

void addPages(MainWindow *window, console::Fleet *fleet)
{
    addMetricsPages(window, fleet);
    addSecurityPages(window, fleet, window->fleetPage());
    // The overview is what an admin sees first.
    window->movePage(QStringLiteral("overviewPage"), 0);
}

} // namespace mamori::ui
