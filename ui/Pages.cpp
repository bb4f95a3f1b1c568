// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/Pages.h"

#include "ui/MainWindow.h"

namespace mamori::ui {

void addPages(MainWindow *, console::Fleet *)
{
}

} // namespace mamori::ui
