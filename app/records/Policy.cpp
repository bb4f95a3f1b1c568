// SPDX-License-Identifier: GPL-2.0-or-later
#include "Policy.h"

#include "RecordReader.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace mamori::console {
namespace {

constexpr std::array kActions {std::pair {"quarantine", AutomaticAction::Quarantine},
    std::pair {"delete", AutomaticAction::Delete}, std::pair {"none", AutomaticAction::None}};
const QString kTimeFormat = QStringLiteral("HH:mm");

} // namespace

QString automaticActionName(AutomaticAction action)
{
    return wordFor(kActions, action);
}

Parsed<Policy> parsePolicy(const QJsonObject &answer)
{
    RecordReader r(answer);
    Policy p;
    PolicyEdit &e = p.edit;
    e.maxConcurrentScans = int(r.count(QStringLiteral("max_concurrent_scans"), 1, 1, 64));
    RecordReader s = r.child(QStringLiteral("schedule"), true);
    e.schedule.enabled = s.flag(QStringLiteral("enabled"));
    e.schedule.days = s.optionalStringList(QStringLiteral("days")).value_or(QStringList());
    e.schedule.windowStart = QTime::fromString(s.text(QStringLiteral("window_start")), kTimeFormat);
    e.schedule.windowEnd = QTime::fromString(s.text(QStringLiteral("window_end")), kTimeFormat);
    e.schedule.kind = valueFor<ScanKind>(
        std::array {std::pair {"full", ScanKind::Full}, std::pair {"quick", ScanKind::Quick}},
        s.text(QStringLiteral("kind"), QStringLiteral("full")))
                          .value_or(ScanKind::Full);
    r.adopt(s);
    e.automaticAction =
        r.word(QStringLiteral("automatic_action"), kActions, AutomaticAction::Unknown);
    RecordReader realtime = r.child(QStringLiteral("realtime"), true);
    e.realtimeDefault = realtimeModeFromName(realtime.text(QStringLiteral("default")));
    const QJsonObject byVm = realtime.optionalObject(QStringLiteral("vms")).value_or(QJsonObject());
    for (auto it = byVm.begin(); it != byVm.end(); ++it) {
        if (!it.value().isString()) {
            realtime.fail(QStringLiteral("field 'vms': expected strings"));
            break;
        }
        p.realtimeByVm.insert(it.key(), realtimeModeFromName(it.value().toString()));
    }
    r.adopt(realtime);
    RecordReader l = r.child(QStringLiteral("limits"), true);
    e.limits.maxFileSizeMb = int(l.count(QStringLiteral("max_file_size_mb"), 100));
    e.limits.maxScanSizeMb = int(l.count(QStringLiteral("max_scan_size_mb"), 400));
    e.limits.maxRecursion = int(l.count(QStringLiteral("max_recursion"), 16));
    e.limits.maxFiles = int(l.count(QStringLiteral("max_files"), 10000));
    r.adopt(l);
    e.exclusions = r.optionalStringList(QStringLiteral("exclusions")).value_or(QStringList());
    RecordReader a = r.child(QStringLiteral("at_risk"), true);
    e.maxPatternAgeHours = int(a.count(QStringLiteral("max_pattern_age_hours"), 48));
    e.maxDaysBetweenFullScans = int(a.count(QStringLiteral("max_days_between_full_scans"), 7));
    r.adopt(a);
    return finish(r, std::move(p));
}

Parsed<Policy> parsePolicy(const QByteArray &json)
{
    return parseBytes<Policy>(json, [](const QJsonObject &o) { return parsePolicy(o); });
}

QJsonObject policyRequestBody(const PolicyEdit &e, const Policy &current)
{
    QJsonObject byVm;
    for (auto it = current.realtimeByVm.begin(); it != current.realtimeByVm.end(); ++it)
        byVm.insert(it.key(), realtimeModeName(it.value()));
    return {{QStringLiteral("max_concurrent_scans"), e.maxConcurrentScans},
        {QStringLiteral("schedule"),
            QJsonObject {{QStringLiteral("enabled"), e.schedule.enabled},
                {QStringLiteral("days"), QJsonArray::fromStringList(e.schedule.days)},
                {QStringLiteral("window_start"), e.schedule.windowStart.toString(kTimeFormat)},
                {QStringLiteral("window_end"), e.schedule.windowEnd.toString(kTimeFormat)},
                {QStringLiteral("kind"), scanKindName(e.schedule.kind)}}},
        {QStringLiteral("automatic_action"), automaticActionName(e.automaticAction)},
        {QStringLiteral("realtime"),
            QJsonObject {{QStringLiteral("default"), realtimeModeName(e.realtimeDefault)},
                {QStringLiteral("vms"), byVm}}},
        {QStringLiteral("limits"),
            QJsonObject {{QStringLiteral("max_file_size_mb"), e.limits.maxFileSizeMb},
                {QStringLiteral("max_scan_size_mb"), e.limits.maxScanSizeMb},
                {QStringLiteral("max_recursion"), e.limits.maxRecursion},
                {QStringLiteral("max_files"), e.limits.maxFiles}}},
        {QStringLiteral("exclusions"), QJsonArray::fromStringList(e.exclusions)},
        {QStringLiteral("at_risk"),
            QJsonObject {{QStringLiteral("max_pattern_age_hours"), e.maxPatternAgeHours},
                {QStringLiteral("max_days_between_full_scans"), e.maxDaysBetweenFullScans}}}};
}

} // namespace mamori::console
