// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel's nodes, shared by its source files only.
#pragma once

#include "FleetModel.h"

#include <QLoggingCategory>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <utility>

namespace mamori::console {

using protocol::ProtectionStatus;

Q_DECLARE_LOGGING_CATEGORY(lcFleet)

constexpr int kStatusCount = int(ProtectionStatus::Infected) + 1;

struct FleetModel::VmReport
{
    QUuid id;
    QString name;
    Power power = Power::Unknown;
    ProtectionStatus status = ProtectionStatus::Unknown;
    QString reason;
    QString root;
};

struct FleetModel::Vm
{
    QUuid id;
    Host *host = nullptr;
    int row = -1; // -1 while waiting to be inserted
    quint64 mark = 0;
    QString name;
    Power power = Power::Unknown;
    ProtectionStatus status = ProtectionStatus::Unknown;
    QString reason;
    QString root;
    QDateTime lastScan;
    QVarLengthArray<std::pair<int, int>, 1> incidentsBySource; // host id, count
    int openIncidents = 0;
    QString movedFrom;
    QDateTime movedAt;
    // Other hosts that list this VM without running it (host id, what they
    // report): where it goes if its own host stops listing it.
    QVarLengthArray<std::pair<int, VmReport>, 1> shadows;
};

struct FleetModel::Host
{
    int id = 0;
    int row = 0;
    QString name;
    bool reachable = false;
    QDateTime lastContact;
    QString patternVersion;
    std::vector<std::unique_ptr<Vm>> vms;
    // Kept up to date on every change so that the roll-up costs O(1), not a
    // walk over thousands of VMs per event.
    std::array<int, kStatusCount> statusCounts {};
    int running = 0;
    int openIncidents = 0;
    QSet<QUuid> shadows; // VMs living elsewhere that this host also lists

    ProtectionStatus worstStatus() const
    {
        for (int s = kStatusCount - 1; s > 0; --s) {
            if (statusCounts[size_t(s)] > 0)
                return ProtectionStatus(s);
        }
        return ProtectionStatus::Protected;
    }
    ProtectionStatus shownStatus() const
    {
        return reachable ? worstStatus() : ProtectionStatus::Unknown;
    }
    void count(const Vm &vm, int sign)
    {
        statusCounts[size_t(vm.status)] += sign;
        running += vm.power == Power::Running ? sign : 0;
        openIncidents += sign * vm.openIncidents;
    }
    void renumber(int from)
    {
        for (size_t i = size_t(from); i < vms.size(); ++i)
            vms[i]->row = int(i);
    }
};

// A VM that left its host while no other host listed it: where it was and
// the history it takes along if it turns up on another host soon.
struct FleetModel::Departed
{
    int hostId = 0;
    QString hostName;
    qint64 atMs = 0;
    QDateTime lastScan;
    QVarLengthArray<std::pair<int, int>, 1> incidentsBySource;
};

// What a host row shows of its VMs: a change here repaints the host row.
struct FleetModel::Summary
{
    ProtectionStatus status;
    int running;
    int vms;
    int openIncidents;
    bool operator==(const Summary &) const = default;
};

} // namespace mamori::console
