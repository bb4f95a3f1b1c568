// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ReportWriter.h"

namespace mamori::console {
class Fleet;
class MetricsArchive;
} // namespace mamori::console

namespace mamori::ui {

class MainWindow;

// Adds the Overview page (first) and the Performance page to the window.
// Both share one metrics archive, <dataDir>/metrics.sqlite beside the
// console's database, owned by the window.
void addMetricsPages(MainWindow *window, console::Fleet *fleet);

// The archive addMetricsPages opened for this window (nullptr before).
console::MetricsArchive *metricsArchive(MainWindow *window);

// The window's metrics history and the baselines its Overview page keeps,
// for the report's resource section.
ReportWriter::Resources reportResources(MainWindow *window);

} // namespace mamori::ui
