// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace mamori::ui {

// Asks before a destructive action; true to go ahead. Pages keep one in a
// member so that tests can replace it.
using ConfirmFunction = std::function<bool(const QString &question)>;

// A question box whose default (Enter, Escape) is the safe answer. The
// question is shown as plain text: it quotes file and VM names, which are
// the guest's to choose, and must not be able to rewrite the box.
ConfirmFunction defaultConfirm(QWidget *parent);

} // namespace mamori::ui
