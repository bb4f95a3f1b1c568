// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"
#include "ScanJob.h"
#include "Vm.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTime>

namespace mamori::console {

enum class AutomaticAction { Quarantine, Delete, None, Unknown };

QString automaticActionName(AutomaticAction action);

struct PolicySchedule
{
    bool enabled = false;
    QStringList days; // "mon" … "sun"
    QTime windowStart;
    QTime windowEnd;
    ScanKind kind = ScanKind::Full;

    bool operator==(const PolicySchedule &) const = default;
};

struct PolicyLimits
{
    int maxFileSizeMb = 100;
    int maxScanSizeMb = 400;
    int maxRecursion = 16;
    int maxFiles = 10000;

    bool operator==(const PolicyLimits &) const = default;
};

// What the console edits of an appliance's policy (PUT /api/v1/policy
// takes any part of it).
struct PolicyEdit
{
    int maxConcurrentScans = 1;
    PolicySchedule schedule;
    AutomaticAction automaticAction = AutomaticAction::Quarantine;
    RealtimeMode realtimeDefault = RealtimeMode::On;
    PolicyLimits limits;
    QStringList exclusions;
    int maxPatternAgeHours = 48;
    int maxDaysBetweenFullScans = 7;

    bool operator==(const PolicyEdit &) const = default;
};

// GET /api/v1/policy (docs/api.md, Policy): the edited parts, and the
// per-VM real-time settings that an edit keeps.
struct Policy
{
    PolicyEdit edit;
    QHash<QString, RealtimeMode> realtimeByVm; // by VM id

    bool operator==(const Policy &) const = default;
};

Parsed<Policy> parsePolicy(const QJsonObject &answer);
Parsed<Policy> parsePolicy(const QByteArray &json);
// The body of PUT /api/v1/policy for `edit`, keeping `current`'s per-VM
// real-time settings.
QJsonObject policyRequestBody(const PolicyEdit &edit, const Policy &current);

} // namespace mamori::console
