// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// What a scan worker (ScanWorker, image::ImageScanWorker) shares when it
// refuses a request or reports progress.

#include "protocol/ErrorCode.h"

#include <QString>

#include <chrono>

namespace mamori::appliance::scanworker {

// How often a running job reports its progress at most.
inline constexpr auto kProgressInterval = std::chrono::milliseconds(250);

// Fills the optional error code and message of a refused request; false.
inline bool refuse(
    QString *errorCode, QString *message, protocol::ErrorCode code, const QString &why)
{
    if (errorCode)
        *errorCode = protocol::errorCodeName(code);
    if (message)
        *message = why;
    return false;
}

} // namespace mamori::appliance::scanworker
