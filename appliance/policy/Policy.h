// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTime>

namespace mamori::appliance {

// The appliance's scan policy, in one place (docs/api.md, Policy). Read and
// changed through GET/PUT /api/v1/policy and applied without a restart.
struct Policy
{
    int maxConcurrentScans = 1;

    struct Schedule
    {
        bool enabled = true;
        QStringList days{QStringLiteral("sat")}; // mon..sun
        QTime windowStart{1, 0};
        QTime windowEnd{5, 0}; // may be before the start: the window crosses midnight
        QString kind = QStringLiteral("full");
    } schedule;

    QStringList hotPaths{QStringLiteral("/tmp"), QStringLiteral("/home/*/Downloads"),
                         QStringLiteral("/Users/*/Downloads")};
    QString automaticAction = QStringLiteral("quarantine"); // quarantine, delete, none

    QString realtimeDefault = QStringLiteral("on"); // on, off, block
    QHash<QString, QString> realtimeByVm;           // VM id → mode

    struct Limits
    {
        qint64 maxFileSizeMb = 100;
        qint64 maxScanSizeMb = 400;
        int maxRecursion = 16;
        int maxFiles = 10000;
    } limits;

    QStringList exclusions;

    int maxPatternAgeHours = 48;
    int maxDaysBetweenFullScans = 7;
    bool rescanOnPatternChange = false;
    int patternCheckMinutes = 0; // 0: only when asked

    // Scans pause while the host uses more than this % of its baseline.
    int governorCpuPercent = 150;
    int governorIoPercent = 200;

    QString realtimeMode(const QString &vmId) const;

    QJsonObject toJson() const;
    // Strict: unknown keys, wrong types and out-of-range values are refused
    // with a message naming the field; `base` supplies what `json` omits.
    static bool fromJson(const QJsonObject &json, const Policy &base, Policy *out, QString *error);
};

} // namespace mamori::appliance
