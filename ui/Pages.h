// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

namespace mamori::console {
class Fleet;
}

namespace mamori::ui {

class MainWindow;

// Adds every page of the console to the main window, in navigation order.
void addPages(MainWindow *window, console::Fleet *fleet);

} // namespace mamori::ui
