// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel's nodes: a host and the VMs living on it. Internal to
// app/models (FleetModel.cpp changes them, FleetModelData.cpp shows them).
#pragma once

#include "FleetModel.h"
#include "HostTrouble.h"

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace mamori::console {

struct FleetHost;

// What the proxy sorts a row by (FleetModel::SortRole), as of the model's
// last re-sort: between re-sorts a row keeps its place while its cells show
// the news.
struct FleetSortKeys
{
    QString name;
    int power = 0;
    int status = 0;
    QString pattern;
    qint64 lastScan = -1;
    int incidents = 0;
    bool operator==(const FleetSortKeys &) const = default;
};

struct FleetVm
{
    Vm vm; // as the host it lives on last reported it
    FleetHost *host = nullptr;
    int row = -1; // -1 while waiting to be inserted
    quint64 mark = 0;
    QDateTime lastScan; // the newest any host reported
    QVarLengthArray<std::pair<int, int>, 1> incidentsBySource; // host id, count
    int openIncidents = 0;
    QString movedFrom;
    QDateTime movedAt;
    // Other hosts that list this VM without running it (host id, what they
    // report): where it goes if its own host stops listing it.
    QVarLengthArray<std::pair<int, Vm>, 1> shadows;
    int dirtyFirst = FleetModel::ColumnCount; // columns changed in this batch
    int dirtyLast = -1;
    FleetSortKeys sortKeys;
};

struct FleetHost
{
    int id = 0;
    int row = 0;
    QString name;
    bool reachable = false;
    QDateTime lastContact;
    // What its appliance could not read, as the connection says; a host the
    // model is told nothing of counts its VMs as read.
    HostTrouble trouble {{}, true};
    QString patternVersion;
    std::vector<std::unique_ptr<FleetVm>> vms;
    // Kept up to date on every change so that the roll-up costs O(1), not a
    // walk over thousands of VMs per event.
    std::array<int, FleetModel::kStatusCount> statusCounts {};
    int running = 0;
    int openIncidents = 0;
    QSet<QUuid> shadows; // VMs living elsewhere that this host also lists
    FleetSortKeys sortKeys;

    protocol::ProtectionStatus worstStatus() const
    {
        for (int s = FleetModel::kStatusCount - 1; s > 0; --s) {
            if (statusCounts[size_t(s)] > 0)
                return protocol::ProtectionStatus(s);
        }
        return protocol::ProtectionStatus::Protected;
    }
    // The VMs' statuses are the appliance's word: it answers and its VM
    // list was read.
    bool vmsKnown() const { return reachable && trouble.vmsKnown(); }
    // A host whose reads fail is never better than Unknown, whatever its VMs.
    protocol::ProtectionStatus shownStatus() const
    {
        if (!vmsKnown())
            return protocol::ProtectionStatus::Unknown;
        return trouble.failures.isEmpty()
            ? worstStatus()
            : std::max(worstStatus(), protocol::ProtectionStatus::Unknown);
    }
    bool degraded() const { return reachable && !trouble.isEmpty(); }
    void count(const FleetVm &vm, int sign)
    {
        statusCounts[size_t(vm.vm.status)] += sign;
        running += vm.vm.power == Power::Running ? sign : 0;
        openIncidents += sign * vm.openIncidents;
    }
    // The host is only as well covered as its least recently scanned VM
    // (ms since the epoch; -1 for a VM never scanned; none without VMs).
    std::optional<qint64> oldestScan() const
    {
        if (vms.empty())
            return std::nullopt;
        qint64 oldest = std::numeric_limits<qint64>::max();
        for (const auto &vm : vms)
            oldest =
                std::min(oldest, vm->lastScan.isValid() ? vm->lastScan.toMSecsSinceEpoch() : -1);
        return oldest;
    }
    void renumber(int from)
    {
        for (size_t i = size_t(from); i < vms.size(); ++i)
            vms[i]->row = int(i);
    }
};

} // namespace mamori::console
