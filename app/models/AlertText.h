// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/Alert.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace mamori::console {

// The appliance's events in the administrator's language: the name of each
// event type (docs/api.md, Events) and a sentence for each alert. What the
// appliance itself wrote (an error message for its log) stays as it is, in
// English, after the translated part. Plain text: names in it are the
// guest's.
class AlertText
{
    Q_DECLARE_TR_FUNCTIONS(mamori::console::AlertText)

public:
    using VmName = std::function<QString(const QUuid &vm)>;

    static QString typeName(const QString &type);
    // One sentence for the alert; `vmName` names its VM (the id when empty).
    static QString describe(const Alert &alert, const VmName &vmName = {});
};

} // namespace mamori::console
