// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/client/ApiError.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace mamori::console {

// What the console could not read of an appliance that follows its event
// stream: the reads that failed and why. A host whose VM list is not read
// (failed, or not yet) shows its VMs as Unknown, never a stale or default
// "Protected"; a host with other failed reads is degraded. Cleared read by
// read as answers succeed again (docs/reliability.md, A half-answering
// appliance).
struct HostTrouble
{
    Q_DECLARE_TR_FUNCTIONS(mamori::console::HostTrouble)

public:
    // The reads, by the word alerts and logs use for them.
    static constexpr char kInfo[] = "appliance";
    static constexpr char kVms[] = "vms";
    static constexpr char kPatterns[] = "patterns";
    static constexpr char kJobs[] = "scans";
    static constexpr char kIncidents[] = "incidents";
    static constexpr char kPolicy[] = "policy";

    struct Failure
    {
        QString area; // one of the words above
        ApiError error;
        bool operator==(const Failure &o) const
        {
            return area == o.area && error.kind == o.error.kind && error.code == o.error.code
                && error.httpStatus == o.error.httpStatus;
        }
    };

    QList<Failure> failures;
    bool vmsRead = false; // the VM list was read since the appliance was last reached

    bool isEmpty() const { return failures.isEmpty() && vmsRead; }
    bool vmsKnown() const { return vmsRead; }
    bool operator==(const HostTrouble &o) const
    {
        return failures == o.failures && vmsRead == o.vmsRead;
    }

    // "the VM list", "the pattern file status", ... in the current language.
    static QString areaName(const QString &area);
    // One sentence per failed read and why, in the current language; empty
    // when nothing is amiss.
    QString text() const;
    // "Could not read the VM list: <why>."
    static QString failureText(const QString &area, const ApiError &error);
};

} // namespace mamori::console
