// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QWidget;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

class FleetPage;
class MainWindow;

// Adds the security pages to the main window, in this order: Scans, Pattern
// Files, Incidents, Audit Log.
void addSecurityPages(MainWindow *window, console::Fleet *fleet, FleetPage *fleetPage);

// Asks before a destructive action; true to go ahead. Pages keep one in a
// member so that tests can replace it.
using ConfirmFunction = std::function<bool(const QString &question)>;
// A question box whose default (Enter, Escape) is the safe answer.
ConfirmFunction defaultConfirm(QWidget *parent);

class SecurityText
{
    Q_DECLARE_TR_FUNCTIONS(mamori::ui::SecurityText)

public:
    // The role name as the glossary says it ("security administrator").
    static QString roleName(const QString &role);
    // Why the role may not do this: "Your role on this appliance
    // (virtualization administrator) may not start scans." `deed` is the
    // translated verb phrase ("start scans").
    static QString roleRefusal(const console::ApplianceConnection *connection, const QString &deed);
    static QString severityText(const QString &severity);
    static QString incidentStateText(const QString &state);
    static QString fileActionText(const QString &action);
    static QString jobStateText(const QString &state);
    static QString scanKindText(const QString &kind);
    // An ISO 8601 time from the appliance in the local zone, short form.
    static QString timeText(const QString &iso);
    static QString bytesText(qint64 bytes);
};

} // namespace mamori::ui
