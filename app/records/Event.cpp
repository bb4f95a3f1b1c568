// SPDX-License-Identifier: GPL-2.0-or-later
#include "Event.h"

#include "RecordReader.h"
#include "protocol/EventType.h"
#include "protocol/JsonReader.h"

namespace mamori::console {
namespace {

namespace type = protocol::event;

bool startsWith(const QString &type, const char *prefix)
{
    return type.startsWith(QLatin1String(prefix));
}

QString readData(const QString &eventType, const QJsonObject &data, Event &e)
{
    if (eventType == QLatin1String(type::kScanIncomplete)
        || eventType == QLatin1String(type::kScanGovernor) || startsWith(eventType, "pattern.")
        || startsWith(eventType, "appliance.")) {
        RecordReader r(data);
        EventNotice n;
        if (r.has(QStringLiteral("vm")))
            n.vm = r.uuid(QStringLiteral("vm"));
        n.path = r.text(QStringLiteral("path"));
        n.reason = r.text(QStringLiteral("reason"));
        n.what = r.text(QStringLiteral("what"));
        n.message = r.text(QStringLiteral("message"));
        n.version = r.text(QStringLiteral("version"));
        n.previous = r.text(QStringLiteral("previous"));
        n.how = r.text(QStringLiteral("how"));
        n.newest = r.text(QStringLiteral("newest"));
        n.availableSeconds =
            r.count(QStringLiteral("available_seconds"), 0, 0, std::numeric_limits<qint64>::max());
        n.paused = r.flag(QStringLiteral("paused"));
        e.data = std::move(n);
        return r.error();
    }
    if (startsWith(eventType, "scan.")) {
        Parsed<ScanJob> job = parseScanJob(data);
        if (job)
            e.data = std::move(*job);
        return job.error();
    }
    if (startsWith(eventType, "incident.")) {
        Parsed<Incident> incident = parseIncident(data);
        if (incident)
            e.data = std::move(*incident);
        return incident.error();
    }
    if (startsWith(eventType, "vm.")) {
        RecordReader r(data);
        VmChange change;
        change.vm = r.uuid(QStringLiteral("vm"));
        change.name = r.text(QStringLiteral("name"));
        change.power = powerFromName(r.text(QStringLiteral("power")));
        if (eventType == QLatin1String(type::kVmIsolation))
            change.isolated = r.boolean(QStringLiteral("isolated"));
        e.data = std::move(change);
        return r.error();
    }
    return {}; // policy.changed, and types of newer appliances: nothing to read
}

} // namespace

Parsed<Event> parseEvent(const QJsonObject &object)
{
    RecordReader r(object);
    Event e;
    e.seq = r.integer(QStringLiteral("seq"), 1, protocol::kMaxJsonInteger);
    e.time = r.time(QStringLiteral("time"));
    e.type = r.string(QStringLiteral("type"));
    const QJsonObject data = r.optionalObject(QStringLiteral("data")).value_or(QJsonObject());
    if (!r.ok())
        return Parsed<Event>::failure(r.error());
    const QString error = readData(e.type, data, e);
    if (!error.isEmpty()) {
        e.data = std::monostate();
        e.dataError = QStringLiteral("%1 (seq %2): data: %3").arg(e.type).arg(e.seq).arg(error);
    }
    return e;
}

Parsed<EventPage> parseEventPage(const QJsonObject &answer)
{
    Parsed<QList<Event>> events = parseArray<Event>(
        answer, QStringLiteral("events"), [](const QJsonObject &o) { return parseEvent(o); });
    if (!events)
        return Parsed<EventPage>::failure(events.error());
    RecordReader r(answer);
    EventPage page;
    page.events = std::move(*events);
    page.lastSeq = r.integer(QStringLiteral("last_seq"), 0, protocol::kMaxJsonInteger);
    page.gap = r.flag(QStringLiteral("gap"));
    return finish(r, std::move(page));
}

Parsed<EventPage> parseEventPage(const QByteArray &json)
{
    return parseBytes<EventPage>(json, [](const QJsonObject &o) { return parseEventPage(o); });
}

} // namespace mamori::console
