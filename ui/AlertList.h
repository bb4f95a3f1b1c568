// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QTreeWidget;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

// The latest alerts of the whole fleet, newest first: when, which appliance,
// what happened, in the current language (retranslated when it changes).
// Shown to every role: the appliance sends each role the events it may see.
class AlertList : public QWidget
{
    Q_OBJECT

public:
    enum Column { TimeCol, ApplianceCol, AlertCol, DetailCol, ColCount };
    static constexpr int kMaxAlerts = 200;

    explicit AlertList(console::Fleet *fleet, QWidget *parent = nullptr);
    QTreeWidget *view() const { return m_view; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Entry
    {
        int applianceId = 0;
        QJsonObject event;
    };
    void add(console::ApplianceConnection *connection, const QJsonObject &event);
    void rebuild();

    console::Fleet *m_fleet;
    QTreeWidget *m_view;
    QList<Entry> m_entries; // newest first
};

} // namespace mamori::ui
