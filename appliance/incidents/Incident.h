// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/scan/ScanTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace mamori::appliance {

struct IncidentHistoryEntry
{
    QDateTime time;
    QString user; // "system" for automatic steps
    QString action; // "detected" or one of IncidentService::actions()
    QString note;
    QString outcome; // "ok" or "failed: why"

    QJsonObject toJson() const;
};

// Severity: "high" when the engine named a threat; "medium" when the file is
// suspicious without a verdict (unscannable, or a "Heuristics." name).
// action: the latest thing done to the file — none, quarantined, deleted,
// restored, allowed. state: new -> acknowledged -> resolved.
struct Incident
{
    qint64 seq = 0;
    QString id; // "inc-000042"
    QString vm;
    QString vmName;
    QByteArray path; // inside the VM, the bytes the guest named it with
    QString root; // the VM's root on the host where it was found: file actions start there
    QString hostPath; // root + the escaped path; for people
    QString threat;
    QString sha256;
    qint64 size = 0;
    QString severity;
    QString source; // job id or "realtime" of the first detection
    QDateTime firstSeen;
    QDateTime lastSeen;
    int detections = 1;
    QString action = QStringLiteral("none");
    QString state = QStringLiteral("new");
    QString assignee;
    QString quarantineId;
    QList<IncidentHistoryEntry> history;

    bool isOpen() const { return state != QLatin1String("resolved"); }
    QJsonObject toJson(bool withHistory = true) const;
};

struct IncidentFilter
{
    QString state; // new, acknowledged, resolved, "open" (not resolved) or empty: all
    QString vm;
    QDateTime since; // last_seen at or after
    qint64 beforeSeq = 0; // > 0: only incidents older than this one (the next page)
    int limit = 1000;
};

QString incidentTime(const QDateTime &time);

} // namespace mamori::appliance
