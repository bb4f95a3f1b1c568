// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace mamori::console {
class ApplianceConnection;
}

namespace mamori::ui {

// The appliance's events in the administrator's language: the name of each
// event type (docs/api.md, Events) and a sentence for those that are alerts.
// What the appliance itself wrote (an error message for its log) stays as it
// is, in English, after the translated part.
class EventText
{
    Q_DECLARE_TR_FUNCTIONS(mamori::ui::EventText)

public:
    static QString typeName(const QString &type);
    // One sentence for the event; `connection` names its VMs (may be null).
    static QString describe(
        const QJsonObject &event, const console::ApplianceConnection *connection);
};

} // namespace mamori::ui
