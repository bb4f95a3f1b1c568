// SPDX-License-Identifier: GPL-2.0-or-later
#include "PatternStatus.h"

#include "RecordReader.h"

namespace mamori::console {
namespace {

Parsed<PatternVersion> parseVersion(const QJsonObject &object)
{
    RecordReader r(object);
    PatternVersion v;
    v.version = r.string(QStringLiteral("version"));
    v.released = r.time(QStringLiteral("released"));
    v.installed = r.time(QStringLiteral("installed"));
    v.signatures = int(r.count(QStringLiteral("signatures")));
    return finish(r, std::move(v));
}

} // namespace

bool patternVersionLess(const QString &a, const QString &b)
{
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

bool PatternStatus::isOutdated() const
{
    return !active
        || source.updateAvailable.value_or(patternVersionLess(active->version, source.newest));
}

Parsed<PatternStatus> parsePatternStatus(const QJsonObject &answer)
{
    RecordReader r(answer);
    PatternStatus status;
    if (const auto active = r.optionalObject(QStringLiteral("active"))) {
        Parsed<PatternVersion> v = parseVersion(*active);
        if (!v)
            return Parsed<PatternStatus>::failure(QStringLiteral("active: ") + v.error());
        status.active = std::move(*v);
    }
    if (r.ok() && r.has(QStringLiteral("previous"))) {
        Parsed<QList<PatternVersion>> previous =
            parseArray<PatternVersion>(answer, QStringLiteral("previous"), &parseVersion);
        if (!previous)
            return Parsed<PatternStatus>::failure(previous.error());
        status.previous = std::move(*previous);
    }
    RecordReader source = r.child(QStringLiteral("source"), true);
    status.source.url = source.text(QStringLiteral("url"));
    status.source.newest = source.text(QStringLiteral("newest"));
    status.source.newestReleased = source.time(QStringLiteral("newest_released"));
    status.source.checked = source.time(QStringLiteral("checked"));
    status.source.seenSince = source.time(QStringLiteral("seen_since"));
    status.source.error = source.text(QStringLiteral("error"));
    status.source.updateAvailable = source.optionalBoolean(QStringLiteral("update_available"));
    status.source.heldBack = source.text(QStringLiteral("held_back"));
    status.outcome = r.text(QStringLiteral("outcome"));
    r.adopt(source);
    return finish(r, std::move(status));
}

Parsed<PatternStatus> parsePatternStatus(const QByteArray &json)
{
    return parseBytes<PatternStatus>(
        json, [](const QJsonObject &o) { return parsePatternStatus(o); });
}

} // namespace mamori::console
