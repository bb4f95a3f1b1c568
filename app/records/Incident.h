// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace mamori::console {

enum class Severity { Low, Medium, High, Critical, Unknown };
enum class IncidentState { New, Acknowledged, Resolved, Unknown };
enum class FileAction { None, Quarantined, Deleted, Restored, Allowed, Unknown };
// What POST /api/v1/incidents/{id}/actions takes.
enum class IncidentAction {
    Quarantine,
    Delete,
    Restore,
    Allow,
    IsolateVm,
    ReleaseVm,
    Acknowledge,
    Assign,
    Resolve
};

QString severityName(Severity severity);
Severity severityFromName(const QString &name);
QString incidentStateName(IncidentState state);
QString incidentActionName(IncidentAction action);
std::optional<IncidentAction> incidentActionFromName(const QString &name);

struct IncidentStep
{
    QDateTime time;
    QString user;
    QString action;
    QString note;
    QString outcome;

    bool operator==(const IncidentStep &) const = default;
};

// One incident (docs/api.md, Incidents). Every text in it that came from
// inside a VM (path, threat name, notes) is the guest's: show it as text.
struct Incident
{
    QString id;
    QUuid vm;
    QString vmName;
    QString path; // inside the VM
    QString threat;
    QString sha256;
    qint64 size = 0;
    Severity severity = Severity::Unknown;
    QString source; // "realtime", or the id of the scan job that found it
    QDateTime firstSeen;
    QDateTime lastSeen;
    int detections = 0;
    FileAction action = FileAction::Unknown;
    IncidentState state = IncidentState::Unknown;
    QString assignee;
    bool hasHistory = false; // lists leave the history out
    QList<IncidentStep> history;

    bool isOpen() const { return state != IncidentState::Resolved; }
    bool operator==(const Incident &) const = default;
};

Parsed<Incident> parseIncident(const QJsonObject &object);
// GET /api/v1/incidents/{id} and the actions' answer.
Parsed<Incident> parseIncident(const QByteArray &json);
// GET /api/v1/incidents: {"incidents": [...]}.
Parsed<QList<Incident>> parseIncidentList(const QJsonObject &answer);
Parsed<QList<Incident>> parseIncidentList(const QByteArray &json);

} // namespace mamori::console
