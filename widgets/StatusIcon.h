// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/ProtectionStatus.h"

#include <QColor>
#include <QIcon>
#include <QList>

namespace mamori::widgets {

// How a protection status looks, defined once: a shape and a mark of its
// own (never colour alone: colour blindness, greyed rows, monochrome
// printouts) and a colour. The words are console::StatusText's.
class StatusIcon
{
public:
    static QColor colour(protocol::ProtectionStatus status);
    static QIcon icon(protocol::ProtectionStatus status);
    // Every status's icon, indexed by int(status) (FleetModel::setStatusIcons).
    static QList<QIcon> all();
};

} // namespace mamori::widgets
