// SPDX-License-Identifier: GPL-2.0-or-later
#include "Incident.h"

#include "RecordReader.h"

#include <array>
#include <utility>

namespace mamori::console {
namespace {

constexpr std::array kSeverities {std::pair {"low", Severity::Low},
    std::pair {"medium", Severity::Medium}, std::pair {"high", Severity::High},
    std::pair {"critical", Severity::Critical}};
constexpr std::array kStates {std::pair {"new", IncidentState::New},
    std::pair {"acknowledged", IncidentState::Acknowledged},
    std::pair {"resolved", IncidentState::Resolved}};
constexpr std::array kFileActions {std::pair {"none", FileAction::None},
    std::pair {"quarantined", FileAction::Quarantined}, std::pair {"deleted", FileAction::Deleted},
    std::pair {"restored", FileAction::Restored}, std::pair {"allowed", FileAction::Allowed}};
constexpr std::array kActions {std::pair {"quarantine", IncidentAction::Quarantine},
    std::pair {"delete", IncidentAction::Delete}, std::pair {"restore", IncidentAction::Restore},
    std::pair {"allow", IncidentAction::Allow}, std::pair {"isolate-vm", IncidentAction::IsolateVm},
    std::pair {"release-vm", IncidentAction::ReleaseVm},
    std::pair {"acknowledge", IncidentAction::Acknowledge},
    std::pair {"assign", IncidentAction::Assign}, std::pair {"resolve", IncidentAction::Resolve}};

Parsed<IncidentStep> parseStep(const QJsonObject &object)
{
    RecordReader r(object);
    IncidentStep step;
    step.time = r.time(QStringLiteral("time"));
    step.user = r.text(QStringLiteral("user"));
    step.action = r.text(QStringLiteral("action"));
    step.note = r.text(QStringLiteral("note"));
    step.outcome = r.text(QStringLiteral("outcome"));
    return finish(r, std::move(step));
}

} // namespace

QString severityName(Severity severity)
{
    return wordFor(kSeverities, severity);
}

Severity severityFromName(const QString &name)
{
    return valueFor<Severity>(kSeverities, name).value_or(Severity::Unknown);
}

QString incidentStateName(IncidentState state)
{
    return wordFor(kStates, state);
}

QString incidentActionName(IncidentAction action)
{
    return wordFor(kActions, action);
}

std::optional<IncidentAction> incidentActionFromName(const QString &name)
{
    return valueFor<IncidentAction>(kActions, name);
}

Parsed<Incident> parseIncident(const QJsonObject &object)
{
    RecordReader r(object);
    Incident i;
    i.id = r.string(QStringLiteral("id"));
    i.vm = r.uuid(QStringLiteral("vm"));
    i.vmName = r.text(QStringLiteral("vm_name"));
    i.path = r.text(QStringLiteral("path"));
    i.threat = r.text(QStringLiteral("threat"));
    i.sha256 = r.text(QStringLiteral("sha256"));
    i.size = r.count(QStringLiteral("size"), 0, 0, std::numeric_limits<qint64>::max());
    i.severity = r.word(QStringLiteral("severity"), kSeverities, Severity::Unknown);
    i.source = r.text(QStringLiteral("source"));
    i.firstSeen = r.time(QStringLiteral("first_seen"));
    i.lastSeen = r.time(QStringLiteral("last_seen"));
    i.detections = int(r.count(QStringLiteral("detections")));
    i.action = r.word(QStringLiteral("action"), kFileActions, FileAction::Unknown);
    i.state = r.word(QStringLiteral("state"), kStates, IncidentState::Unknown);
    i.assignee = r.text(QStringLiteral("assignee"));
    if (r.ok() && r.has(QStringLiteral("history"))) {
        Parsed<QList<IncidentStep>> steps =
            parseArray<IncidentStep>(r.object(), QStringLiteral("history"), &parseStep);
        if (!steps)
            r.fail(steps.error());
        else
            i.history = std::move(*steps);
        i.hasHistory = true;
    }
    return finish(r, std::move(i));
}

Parsed<Incident> parseIncident(const QByteArray &json)
{
    return parseBytes<Incident>(json, [](const QJsonObject &o) { return parseIncident(o); });
}

Parsed<QList<Incident>> parseIncidentList(const QJsonObject &answer)
{
    return parseArray<Incident>(
        answer, QStringLiteral("incidents"), [](const QJsonObject &o) { return parseIncident(o); });
}

Parsed<QList<Incident>> parseIncidentList(const QByteArray &json)
{
    return parseBytes<QList<Incident>>(
        json, [](const QJsonObject &o) { return parseIncidentList(o); });
}

} // namespace mamori::console
