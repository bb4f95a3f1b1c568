// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QWidget>

class QTreeView;

namespace mamori::console {
class AlertModel;
} // namespace mamori::console

namespace mamori::ui {

// The latest alerts of the whole fleet (console::AlertModel), newest first:
// when, which appliance, what happened, in the current language.
class AlertList : public QWidget
{
    Q_OBJECT

public:
    explicit AlertList(console::AlertModel *alerts, QWidget *parent = nullptr);
    QTreeView *view() const { return m_view; }

private:
    QTreeView *m_view;
};

} // namespace mamori::ui
