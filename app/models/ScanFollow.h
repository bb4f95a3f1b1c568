// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/ScanJob.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace mamori::console {

// How far a running scan is and how long it still needs, from what the
// VM's previous scan of the same kind went through (the job's expected
// totals), and why a waiting scan waits: the words the Scans page uses.
class ScanFollow
{
    Q_DECLARE_TR_FUNCTIONS(mamori::console::ScanFollow)

public:
    struct Estimate
    {
        int percent = 0; // 0..99 while it runs: the end is the appliance's to say
        std::optional<qint64> secondsLeft; // none until the rate is known
    };
    // Nothing for a job that does not run or has no expected totals.
    static std::optional<Estimate> estimate(const ScanJob &job, const QDateTime &now);
    // "1,234 of about 4,000 files (31 %), about 3 minutes left, 1.2 GB".
    static QString progressText(const ScanJob &job, const QDateTime &now);
    // "Held back: the host is busy (CPU 71 % against a threshold of 60 %)".
    static QString holdText(const ScanHold &hold);
    static QString timeLeftText(qint64 seconds);
    // The notice when a scan ends: "Scan of desk-001 on kvm-01 finished: clean (4,012 files)".
    static QString endText(const ScanJob &job, const QString &host);
};

} // namespace mamori::console
