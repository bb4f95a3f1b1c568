// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"
#include "protocol/Role.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace mamori::console {

// GET /api/v1/appliance.
struct ApplianceInfo
{
    QUuid id; // made on the appliance's first start, never changes
    QString hostName;
    QString applianceVersion;
    QString engineVersion; // empty while no pattern is installed
    QString patternVersion;
    qint64 uptimeSeconds = 0;
    QDateTime started;
    int maxConcurrentScans = 1;
    bool lab = false; // a lab host (mamori-appliance lab), not a real one

    bool operator==(const ApplianceInfo &) const = default;
};

// POST /api/v1/session.
struct Session
{
    QString token;
    QString user;
    protocol::Role role = protocol::Role::Auditor;
    QDateTime expires;
};

Parsed<ApplianceInfo> parseApplianceInfo(const QJsonObject &answer);
Parsed<ApplianceInfo> parseApplianceInfo(const QByteArray &json);
Parsed<Session> parseSession(const QJsonObject &answer);
Parsed<Session> parseSession(const QByteArray &json);

} // namespace mamori::console
