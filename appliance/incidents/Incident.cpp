// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/incidents/Incident.h"

#include "appliance/fs/GuestPath.h"

#include <QJsonArray>

namespace mamori::appliance {

QString incidentTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonObject IncidentHistoryEntry::toJson() const
{
    return {{QStringLiteral("time"), incidentTime(time)}, {QStringLiteral("user"), user},
        {QStringLiteral("action"), action}, {QStringLiteral("note"), note},
        {QStringLiteral("outcome"), outcome}};
}

QJsonObject Incident::toJson(bool withHistory) const
{
    QJsonObject o {{QStringLiteral("id"), id}, {QStringLiteral("vm"), vm},
        {QStringLiteral("vm_name"), vmName}, {QStringLiteral("path"), fs::displayPath(path)},
        {QStringLiteral("host_path"), hostPath}, {QStringLiteral("threat"), threat},
        {QStringLiteral("sha256"), sha256}, {QStringLiteral("size"), size},
        {QStringLiteral("severity"), severity}, {QStringLiteral("source"), source},
        {QStringLiteral("first_seen"), incidentTime(firstSeen)},
        {QStringLiteral("last_seen"), incidentTime(lastSeen)},
        {QStringLiteral("detections"), detections}, {QStringLiteral("action"), action},
        {QStringLiteral("state"), state}, {QStringLiteral("assignee"), assignee},
        {QStringLiteral("quarantine_id"), quarantineId}};
    if (withHistory) {
        QJsonArray entries;
        for (const IncidentHistoryEntry &entry : history)
            entries.append(entry.toJson());
        o.insert(QStringLiteral("history"), entries);
    }
    return o;
}

} // namespace mamori::appliance
