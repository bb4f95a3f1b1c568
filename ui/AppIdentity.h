// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QIcon>

namespace mamori::ui {

// The console as the desktop shows it: every window and message box titled
// "Mamori" (not the program's file name, mamori-console) and the Mamori
// icon on every window. Call once the QApplication exists.
void setConsoleIdentity();

// The application icon from resources/ (the SVG where Qt can draw it, and
// the PNG sizes for where it cannot).
QIcon consoleIcon();
// An action's icon from resources/icons/actions/NAME.svg (the toolbar's).
QIcon actionIcon(const char *name);

} // namespace mamori::ui
