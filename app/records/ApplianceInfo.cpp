// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApplianceInfo.h"

#include "RecordReader.h"

namespace mamori::console {

Parsed<ApplianceInfo> parseApplianceInfo(const QJsonObject &answer)
{
    RecordReader r(answer);
    ApplianceInfo info;
    info.id = r.uuid(QStringLiteral("id"));
    info.hostName = r.text(QStringLiteral("host_name"));
    info.lab = r.flag(QStringLiteral("lab")); // absent from older appliances: not a lab
    RecordReader versions = r.child(QStringLiteral("versions"), true);
    info.applianceVersion = versions.text(QStringLiteral("appliance"));
    info.engineVersion = versions.text(QStringLiteral("engine"));
    info.patternVersion = versions.text(QStringLiteral("pattern"));
    r.adopt(versions);
    info.uptimeSeconds =
        r.count(QStringLiteral("uptime_seconds"), 0, 0, std::numeric_limits<qint64>::max());
    info.started = r.time(QStringLiteral("started"));
    RecordReader policy = r.child(QStringLiteral("policy"), true);
    info.maxConcurrentScans = int(policy.count(QStringLiteral("max_concurrent_scans"), 1, 1));
    r.adopt(policy);
    return finish(r, std::move(info));
}

Parsed<ApplianceInfo> parseApplianceInfo(const QByteArray &json)
{
    return parseBytes<ApplianceInfo>(
        json, [](const QJsonObject &o) { return parseApplianceInfo(o); });
}

Parsed<Session> parseSession(const QJsonObject &answer)
{
    RecordReader r(answer);
    Session s;
    s.token = r.string(QStringLiteral("token"));
    s.user = r.string(QStringLiteral("user"));
    const QString role = r.string(QStringLiteral("role"));
    s.expires = r.time(QStringLiteral("expires"));
    if (r.ok() && s.token.isEmpty())
        r.fail(QStringLiteral("field 'token' is empty"));
    if (const auto known = protocol::roleFromName(role))
        s.role = *known;
    else if (r.ok())
        r.fail(QStringLiteral("field 'role': no such role '%1'").arg(role));
    return finish(r, std::move(s));
}

Parsed<Session> parseSession(const QByteArray &json)
{
    return parseBytes<Session>(json, [](const QJsonObject &o) { return parseSession(o); });
}

} // namespace mamori::console
