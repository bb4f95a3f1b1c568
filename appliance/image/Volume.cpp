// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/Volume.h"

#include <QList>

namespace mamori::appliance::image {

Volume::~Volume() = default;

bool splitGuestPath(const QByteArray &path, QList<QByteArray> *components)
{
    components->clear();
    for (const QByteArray &part : path.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..")
            return false;
        components->append(part);
    }
    return true;
}

} // namespace mamori::appliance::image
