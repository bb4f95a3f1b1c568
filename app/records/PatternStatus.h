// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace mamori::console {

// Pattern versions are date-like numbers ("2026112501"): longer is newer,
// then by text.
bool patternVersionLess(const QString &a, const QString &b);

struct PatternVersion
{
    QString version;
    QDateTime released;
    QDateTime installed;
    int signatures = 0;

    bool operator==(const PatternVersion &) const = default;
};

// The update source as the appliance last saw it.
struct PatternSource
{
    QString url;
    QString newest; // empty: not known
    QDateTime newestReleased;
    QDateTime checked;
    QDateTime seenSince; // since when `newest` is available
    QString error; // the last check's failure, in the appliance's words
    // The appliance's own answer to "is there something newer to install?"
    // (absent from older appliances: then newest > active decides).
    std::optional<bool> updateAvailable;
    QString heldBack; // the newest version, held back since it was rolled back

    bool operator==(const PatternSource &) const = default;
};

// GET /api/v1/patterns, and the answer of an update or a rollback.
struct PatternStatus
{
    std::optional<PatternVersion> active; // none on a fresh appliance
    QList<PatternVersion> previous;
    PatternSource source;
    // Only in the answer of an update or a check: "updated", "up_to_date"
    // (nothing was installed) or "update_available" (a check installs nothing).
    QString outcome;

    QString activeVersion() const { return active ? active->version : QString(); }
    // No pattern at all, or a newer one waits at the source.
    bool isOutdated() const;
    bool operator==(const PatternStatus &) const = default;
};

Parsed<PatternStatus> parsePatternStatus(const QJsonObject &answer);
Parsed<PatternStatus> parsePatternStatus(const QByteArray &json);

} // namespace mamori::console
