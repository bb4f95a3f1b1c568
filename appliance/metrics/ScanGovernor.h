// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "MetricSample.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <optional>

namespace mamori::appliance {

class Baseline;

// Decides when scanning should yield because the host is busy compared with
// its baseline.
//
// What it measures is the host MINUS the appliance itself (its own CPU and
// its own read+write): "is everyone else busier than usual?". Counting the
// scan's own load would make every scan look like a busy host, so a scan that
// pushes I/O above budget would pause itself, resume once the host calms
// down, pause again, and so on forever; the budget would then cap the
// scanner rather than protect the VMs. The scan's share is shown and judged
// separately (the "appliance" scope, % of baseline in the console).
// The appliance's process I/O counts bytes submitted by it, the host's
// counts device I/O; both are bytes per second and their difference is
// clamped at 0.
//
// Pause: CPU or I/O of the others stays above max(baseline, floor) x budget
// for pauseAfterSeconds. Resume: both stay below resumeFraction of their
// thresholds for resumeAfterSeconds (hysteresis: a load hovering at the
// threshold does not flap). No host baseline yet: never pauses, and a paused
// governor counts that as "below". Time is the samples' own t, so tests drive
// it with a fake clock.
class ScanGovernor : public QObject
{
    Q_OBJECT
public:
    struct Policy
    {
        bool enabled = true;
        double cpuPercentOfBaseline = 150; // Policy::governorCpuPercent
        double ioPercentOfBaseline = 200; // Policy::governorIoPercent, read+write
        int pauseAfterSeconds = 5;
        int resumeAfterSeconds = 10;
        double resumeFraction = 0.9;
        // Thresholds never go below budget x these: on a nearly idle host,
        // 150 % of 0.3 % CPU is still an idle host and yielding helps nobody.
        double cpuFloorPercent = 5.0; // % of the machine
        double ioFloorBps = 1024.0 * 1024.0;
    };

    explicit ScanGovernor(QObject *parent = nullptr);

    void setPolicy(const Policy &policy);
    Policy policy() const { return m_policy; }

    // Feeds one host sample with the appliance's sample of the same tick.
    void evaluate(const MetricSample &host, const std::optional<MetricSample> &appliance,
        const Baseline &baseline);
    // The same with the baselines given: CPU % and read+write bytes/s.
    void evaluate(const MetricSample &host, const std::optional<MetricSample> &appliance,
        std::optional<double> cpuBaseline, std::optional<double> ioBaseline);

    bool isPaused() const { return m_paused; }
    QString reason() const { return m_reason; }
    // Why scans are held back, for programs and translation (docs/api.md,
    // Scans, held_back): {"code": "host_busy", "cpu": {"value", "threshold",
    // "baseline"}, "io": {...}} with the figure(s) that were over their
    // threshold when the hold began; empty while not paused.
    QJsonObject hold() const { return m_hold; }
    // {"enabled", "paused", "reason", "since", "cpu": {"value", "threshold",
    //  "baseline"}, "io": {...}}: the figures of the last sample, "others"
    // meaning host minus appliance.
    QJsonObject toJson() const;
    void reset();

Q_SIGNALS:
    void pauseRequested(const QString &reason);
    void resumeRequested();

private:
    struct Figure
    {
        double value = 0;
        std::optional<double> baseline;
        double threshold = 0; // 0: no baseline
    };

    static QJsonObject figureJson(const Figure &figure);

    Policy m_policy;
    bool m_paused = false;
    QString m_reason;
    QJsonObject m_hold;
    qint64 m_since = 0;
    qint64 m_prevT = -1;
    qint64 m_overMs = 0;
    qint64 m_underMs = 0;
    Figure m_cpu;
    Figure m_io;
};

} // namespace mamori::appliance
