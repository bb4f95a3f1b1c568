// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/policy/Policy.h"

#include <QJsonArray>
#include <QUuid>

namespace mamori::appliance {
namespace {

const QStringList kDays{QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                        QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                        QStringLiteral("sun")};
const QStringList kModes{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("block")};

// Reads one policy object field by field and remembers the first problem.
class Reader
{
public:
    Reader(const QJsonObject &o, QString prefix) : m_o(o), m_prefix(std::move(prefix)) {}

    void allow(const QStringList &keys)
    {
        for (const QString &k : m_o.keys()) {
            if (!keys.contains(k))
                fail(k, QStringLiteral("is not a policy setting"));
        }
    }

    void integer(const QString &key, qint64 min, qint64 max, auto *target)
    {
        if (!m_o.contains(key))
            return;
        const QJsonValue v = m_o.value(key);
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max)) {
            fail(key, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
            return;
        }
        *target = static_cast<std::remove_pointer_t<decltype(target)>>(d);
    }

    void boolean(const QString &key, bool *target)
    {
        if (!m_o.contains(key))
            return;
        if (!m_o.value(key).isBool())
            return fail(key, QStringLiteral("must be true or false"));
        *target = m_o.value(key).toBool();
    }

    void choice(const QString &key, const QStringList &choices, QString *target)
    {
        if (!m_o.contains(key))
            return;
        const QString v = m_o.value(key).toString();
        if (!m_o.value(key).isString() || !choices.contains(v))
            return fail(key, QStringLiteral("must be one of: %1").arg(choices.join(u", ")));
        *target = v;
    }

    void time(const QString &key, QTime *target)
    {
        if (!m_o.contains(key))
            return;
        const QTime t = QTime::fromString(m_o.value(key).toString(), QStringLiteral("HH:mm"));
        if (!t.isValid())
            return fail(key, QStringLiteral("must be a time of day as HH:MM"));
        *target = t;
    }

    void paths(const QString &key, QStringList *target, const QStringList &choices = {})
    {
        if (!m_o.contains(key))
            return;
        if (!m_o.value(key).isArray())
            return fail(key, QStringLiteral("must be a list of strings"));
        QStringList out;
        for (const QJsonValue &v : m_o.value(key).toArray()) {
            const QString s = v.toString();
            if (!v.isString() || s.isEmpty() || s.size() > 1024)
                return fail(key, QStringLiteral("must be a list of non-empty strings"));
            if (!choices.isEmpty() && !choices.contains(s))
                return fail(key, QStringLiteral("may only hold: %1").arg(choices.join(u", ")));
            if (choices.isEmpty() && s.split(QLatin1Char('/')).contains(QStringLiteral("..")))
                return fail(key, QStringLiteral("may not contain '..'"));
            out.append(s);
        }
        if (out.size() > 1000)
            return fail(key, QStringLiteral("may hold at most 1000 entries"));
        *target = out;
    }

    QJsonObject object(const QString &key)
    {
        if (m_o.contains(key) && !m_o.value(key).isObject())
            fail(key, QStringLiteral("must be an object"));
        return m_o.value(key).toObject();
    }

    void fail(const QString &key, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1%2 %3").arg(m_prefix, key, what);
    }
    QString error() const { return m_error; }
    void adopt(const Reader &inner)
    {
        if (m_error.isEmpty())
            m_error = inner.m_error;
    }

private:
    const QJsonObject m_o; // a copy (shared, cheap): callers pass temporaries
    QString m_prefix;
    QString m_error;
};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QString Policy::realtimeMode(const QString &vmId) const
{
    return realtimeByVm.value(vmId, realtimeDefault);
}

QJsonObject Policy::toJson() const
{
    QJsonObject byVm;
    for (auto it = realtimeByVm.begin(); it != realtimeByVm.end(); ++it)
        byVm.insert(it.key(), it.value());
    return {
        {QStringLiteral("max_concurrent_scans"), maxConcurrentScans},
        {QStringLiteral("schedule"),
         QJsonObject{{QStringLiteral("enabled"), schedule.enabled},
                     {QStringLiteral("days"), toArray(schedule.days)},
                     {QStringLiteral("window_start"), schedule.windowStart.toString(u"HH:mm")},
                     {QStringLiteral("window_end"), schedule.windowEnd.toString(u"HH:mm")},
                     {QStringLiteral("kind"), schedule.kind}}},
        {QStringLiteral("hot_paths"), toArray(hotPaths)},
        {QStringLiteral("automatic_action"), automaticAction},
        {QStringLiteral("realtime"), QJsonObject{{QStringLiteral("default"), realtimeDefault},
                                                 {QStringLiteral("vms"), byVm}}},
        {QStringLiteral("limits"),
         QJsonObject{{QStringLiteral("max_file_size_mb"), limits.maxFileSizeMb},
                     {QStringLiteral("max_scan_size_mb"), limits.maxScanSizeMb},
                     {QStringLiteral("max_recursion"), limits.maxRecursion},
                     {QStringLiteral("max_files"), limits.maxFiles}}},
        {QStringLiteral("exclusions"), toArray(exclusions)},
        {QStringLiteral("at_risk"),
         QJsonObject{{QStringLiteral("max_pattern_age_hours"), maxPatternAgeHours},
                     {QStringLiteral("max_days_between_full_scans"), maxDaysBetweenFullScans}}},
        {QStringLiteral("patterns"),
         QJsonObject{{QStringLiteral("rescan_on_change"), rescanOnPatternChange},
                     {QStringLiteral("check_minutes"), patternCheckMinutes}}},
        {QStringLiteral("governor"),
         QJsonObject{{QStringLiteral("cpu_percent_of_baseline"), governorCpuPercent},
                     {QStringLiteral("io_percent_of_baseline"), governorIoPercent}}},
    };
}

bool Policy::fromJson(const QJsonObject &json, const Policy &base, Policy *out, QString *error)
{
    Policy p = base;
    Reader r(json, QString());
    r.allow({QStringLiteral("max_concurrent_scans"), QStringLiteral("schedule"),
             QStringLiteral("hot_paths"), QStringLiteral("automatic_action"),
             QStringLiteral("realtime"), QStringLiteral("limits"), QStringLiteral("exclusions"),
             QStringLiteral("at_risk"), QStringLiteral("patterns"), QStringLiteral("governor")});
    r.integer(QStringLiteral("max_concurrent_scans"), 1, 16, &p.maxConcurrentScans);
    r.paths(QStringLiteral("hot_paths"), &p.hotPaths);
    r.paths(QStringLiteral("exclusions"), &p.exclusions);
    r.choice(QStringLiteral("automatic_action"),
             {QStringLiteral("quarantine"), QStringLiteral("delete"), QStringLiteral("none")},
             &p.automaticAction);

    const QJsonObject schedule = r.object(QStringLiteral("schedule"));
    Reader s(schedule, QStringLiteral("schedule."));
    s.allow({QStringLiteral("enabled"), QStringLiteral("days"), QStringLiteral("window_start"),
             QStringLiteral("window_end"), QStringLiteral("kind")});
    s.boolean(QStringLiteral("enabled"), &p.schedule.enabled);
    s.paths(QStringLiteral("days"), &p.schedule.days, kDays);
    s.time(QStringLiteral("window_start"), &p.schedule.windowStart);
    s.time(QStringLiteral("window_end"), &p.schedule.windowEnd);
    s.choice(QStringLiteral("kind"), {QStringLiteral("full"), QStringLiteral("quick")},
             &p.schedule.kind);
    if (p.schedule.windowStart == p.schedule.windowEnd)
        s.fail(QStringLiteral("window_end"), QStringLiteral("must differ from window_start"));
    r.adopt(s);

    const QJsonObject realtime = r.object(QStringLiteral("realtime"));
    Reader rt(realtime, QStringLiteral("realtime."));
    rt.allow({QStringLiteral("default"), QStringLiteral("vms")});
    rt.choice(QStringLiteral("default"), kModes, &p.realtimeDefault);
    const QJsonObject byVm = rt.object(QStringLiteral("vms"));
    if (realtime.contains(QStringLiteral("vms"))) {
        p.realtimeByVm.clear();
        for (auto it = byVm.begin(); it != byVm.end(); ++it) {
            if (QUuid::fromString(it.key()).isNull())
                rt.fail(QStringLiteral("vms"), QStringLiteral("keys must be VM ids"));
            else if (!kModes.contains(it.value().toString()))
                rt.fail(QStringLiteral("vms.") + it.key(),
                        QStringLiteral("must be one of: on, off, block"));
            else
                p.realtimeByVm.insert(it.key(), it.value().toString());
        }
    }
    r.adopt(rt);

    Reader l(r.object(QStringLiteral("limits")), QStringLiteral("limits."));
    l.allow({QStringLiteral("max_file_size_mb"), QStringLiteral("max_scan_size_mb"),
             QStringLiteral("max_recursion"), QStringLiteral("max_files")});
    l.integer(QStringLiteral("max_file_size_mb"), 1, 4096, &p.limits.maxFileSizeMb);
    l.integer(QStringLiteral("max_scan_size_mb"), 1, 16384, &p.limits.maxScanSizeMb);
    l.integer(QStringLiteral("max_recursion"), 1, 64, &p.limits.maxRecursion);
    l.integer(QStringLiteral("max_files"), 1, 1000000, &p.limits.maxFiles);
    r.adopt(l);

    Reader a(r.object(QStringLiteral("at_risk")), QStringLiteral("at_risk."));
    a.allow({QStringLiteral("max_pattern_age_hours"),
             QStringLiteral("max_days_between_full_scans")});
    a.integer(QStringLiteral("max_pattern_age_hours"), 1, 24 * 365, &p.maxPatternAgeHours);
    a.integer(QStringLiteral("max_days_between_full_scans"), 1, 365, &p.maxDaysBetweenFullScans);
    r.adopt(a);

    Reader pt(r.object(QStringLiteral("patterns")), QStringLiteral("patterns."));
    pt.allow({QStringLiteral("rescan_on_change"), QStringLiteral("check_minutes")});
    pt.boolean(QStringLiteral("rescan_on_change"), &p.rescanOnPatternChange);
    pt.integer(QStringLiteral("check_minutes"), 0, 7 * 24 * 60, &p.patternCheckMinutes);
    r.adopt(pt);

    Reader g(r.object(QStringLiteral("governor")), QStringLiteral("governor."));
    g.allow({QStringLiteral("cpu_percent_of_baseline"), QStringLiteral("io_percent_of_baseline")});
    g.integer(QStringLiteral("cpu_percent_of_baseline"), 100, 10000, &p.governorCpuPercent);
    g.integer(QStringLiteral("io_percent_of_baseline"), 100, 100000, &p.governorIoPercent);
    r.adopt(g);

    if (!r.error().isEmpty()) {
        *error = r.error();
        return false;
    }
    *out = p;
    return true;
}

} // namespace mamori::appliance
