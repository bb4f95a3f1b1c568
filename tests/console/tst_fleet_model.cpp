// SPDX-License-Identifier: GPL-2.0-or-later
#include "app/models/FleetFilterModel.h"
#include "app/models/FleetModel.h"

#include <QAbstractItemModelTester>
#include <QPixmap>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace mamori::console;
using mamori::protocol::ProtectionStatus;

namespace {

Vm vmJson(const QUuid &id, const QString &name, const QString &status,
    const QString &power = QStringLiteral("running"), const QString &reason = QStringLiteral("ok"))
{
    Vm v;
    v.id = id;
    v.name = name;
    v.power = powerFromName(power);
    v.status =
        mamori::protocol::protectionStatusFromName(status).value_or(ProtectionStatus::Unknown);
    v.reason = reason;
    return v;
}

// A UUID that a test can name again: vm(7) is always the same VM.
QUuid vm(int n)
{
    return QUuid(quint32(n), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42);
}

const QString kProtected = QStringLiteral("protected");
const QString kAtRisk = QStringLiteral("at-risk");
const QString kInfected = QStringLiteral("infected");

} // namespace

class TestFleetModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<FleetModel> model;
    std::unique_ptr<FleetFilterModel> proxy;
    std::unique_ptr<QAbstractItemModelTester> modelTester;
    std::unique_ptr<QAbstractItemModelTester> proxyTester;

    void addHost(int id, const QString &name)
    {
        model->setHost(id, name);
        model->setHostReachable(id, true, QDateTime::currentDateTimeUtc());
    }
    QModelIndex vmAt(const QUuid &id, int column = 0) const { return model->vmIndex(id, column); }
    // The VM as `hostId` reports it, with `count` open incidents.
    void setIncidents(int hostId, const QUuid &id, int count)
    {
        Vm v = *model->vm(id);
        v.openIncidents = count;
        model->applyVm(hostId, v);
    }
    int status(const QModelIndex &index) const
    {
        return index.data(FleetModel::StatusRole).toInt();
    }
    QStringList proxyChildren(const QModelIndex &parent) const
    {
        QStringList names;
        for (int r = 0; r < proxy->rowCount(parent); ++r)
            names << proxy->index(r, 0, parent).data().toString();
        return names;
    }

private Q_SLOTS:
    void init()
    {
        model = std::make_unique<FleetModel>();
        proxy = std::make_unique<FleetFilterModel>();
        proxy->setSourceModel(model.get());
        proxy->sort(FleetModel::NameColumn);
        const auto fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
        modelTester = std::make_unique<QAbstractItemModelTester>(model.get(), fatal);
        proxyTester = std::make_unique<QAbstractItemModelTester>(proxy.get(), fatal);
    }

    void cleanup()
    {
        proxyTester.reset();
        modelTester.reset();
        proxy.reset();
        model.reset();
    }

    void buildsTheTree()
    {
        addHost(1, QStringLiteral("kvm-01"));
        addHost(2, QStringLiteral("kvm-02"));
        model->applyVmList(1,
            {vmJson(vm(1), QStringLiteral("desk-001"), kProtected),
                vmJson(vm(2), QStringLiteral("desk-002"), kProtected)});
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->rowCount(model->hostIndex(1)), 2);
        QCOMPARE(model->rowCount(model->hostIndex(2)), 0);
        QCOMPARE(model->vmCount(), 2);
        const QModelIndex desk2 = vmAt(vm(2));
        QCOMPARE(desk2.data().toString(), QStringLiteral("desk-002"));
        QCOMPARE(desk2.parent(), model->hostIndex(1));
        QCOMPARE(desk2.data(FleetModel::VmIdRole).value<QUuid>(), vm(2));
        QCOMPARE(desk2.data(FleetModel::HostIdRole).toInt(), 1);
        QCOMPARE(vmAt(vm(2), FleetModel::ProtectionColumn).data().toString(),
            QStringLiteral("Protected"));
        QCOMPARE(vmAt(vm(2), FleetModel::PowerColumn).data().toString(), QStringLiteral("Running"));
        QVERIFY(model->hostIndex(1).data(FleetModel::VmIdRole).value<QUuid>().isNull());
        QCOMPARE(model->headerData(FleetModel::IncidentsColumn, Qt::Horizontal).toString(),
            QStringLiteral("Open incidents"));
        QVERIFY(vmAt(vm(2), FleetModel::ProtectionColumn).data(Qt::DecorationRole).isNull());
        // The GUI draws the icons; the model hands them out.
        QPixmap infected(16, 16);
        infected.fill(Qt::red);
        QList<QIcon> icons(FleetModel::kStatusCount);
        icons[int(ProtectionStatus::Protected)] = QIcon(infected);
        model->setStatusIcons(icons);
        QCOMPARE(vmAt(vm(2), FleetModel::ProtectionColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .cacheKey(),
            icons[int(ProtectionStatus::Protected)].cacheKey());

        QSignalSpy header(model.get(), &QAbstractItemModel::headerDataChanged);
        model->retranslate();
        QCOMPARE(header.count(), 1);
    }

    void updatesInPlace()
    {
        addHost(1, QStringLiteral("kvm-01"));
        const QList<Vm> list {vmJson(vm(1), QStringLiteral("a"), kProtected),
            vmJson(vm(2), QStringLiteral("b"), kProtected),
            vmJson(vm(3), QStringLiteral("c"), kProtected)};
        model->applyVmList(1, list);
        const QPersistentModelIndex c = vmAt(vm(3));

        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy aboutToReset(model.get(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy layout(model.get(), &QAbstractItemModel::layoutChanged);

        model->applyVmList(1, list); // nothing new: nothing to repaint
        QCOMPARE(changed.count(), 0);

        QList<Vm> next = list;
        next[1] = vmJson(vm(2), QStringLiteral("b"), kInfected, QStringLiteral("running"),
            QStringLiteral("open_incident"));
        model->applyVmList(1, next);
        QCOMPARE(changed.count(), 2); // the VM, and its host's roll-up
        const auto first = changed.at(0).at(0).value<QModelIndex>();
        QCOMPARE(first.data(FleetModel::VmIdRole).value<QUuid>(), vm(2));
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), model->hostIndex(1));
        QVERIFY(
            vmAt(vm(2), 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("incident")));

        // One VM leaves, one arrives: the others keep their rows' identity.
        next.removeAt(0);
        next.append(vmJson(vm(4), QStringLiteral("d"), kProtected));
        model->applyVmList(1, next);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model->rowCount(model->hostIndex(1)), 3);
        QVERIFY(c.isValid());
        QCOMPARE(c.row(), 1);
        QCOMPARE(c.data().toString(), QStringLiteral("c"));
        QVERIFY(!vmAt(vm(1)).isValid());

        model->applyVm(1, vmJson(vm(5), QStringLiteral("e"), kProtected));
        model->removeVm(1, vm(3));
        QCOMPARE(model->rowCount(model->hostIndex(1)), 3);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(aboutToReset.count(), 0);
        QCOMPARE(layout.count(), 0);
    }

    void rollsUpTheWorstState()
    {
        addHost(1, QStringLiteral("kvm-01"));
        const QModelIndex host = model->hostIndex(1, FleetModel::ProtectionColumn);
        model->applyVmList(1, {vmJson(vm(1), QStringLiteral("a"), kProtected)});
        QCOMPARE(status(host), int(ProtectionStatus::Protected));
        model->applyVm(1, vmJson(vm(2), QStringLiteral("b"), kAtRisk));
        QCOMPARE(status(host), int(ProtectionStatus::AtRisk));
        model->applyVm(1, vmJson(vm(3), QStringLiteral("c"), kInfected));
        QCOMPARE(status(host), int(ProtectionStatus::Infected));
        QCOMPARE(host.data().toString(), QStringLiteral("Infected"));
        model->applyVm(1, vmJson(vm(3), QStringLiteral("c"), kProtected));
        QCOMPARE(status(host), int(ProtectionStatus::AtRisk));
        model->removeVm(1, vm(2));
        QCOMPARE(status(host), int(ProtectionStatus::Protected));

        setIncidents(1, vm(1), 2);
        setIncidents(1, vm(3), 3);
        QCOMPARE(model->hostIndex(1, FleetModel::IncidentsColumn).data().toInt(), 5);
        QCOMPARE(model->hostIndex(1, FleetModel::PowerColumn).data().toString(),
            QStringLiteral("2 of 2 running"));
    }

    void unreachableHostShowsUnknownGreyed()
    {
        addHost(1, QStringLiteral("kvm-01"));
        addHost(2, QStringLiteral("kvm-02"));
        model->applyVmList(1,
            {vmJson(vm(1), QStringLiteral("a"), kInfected),
                vmJson(vm(2), QStringLiteral("b"), kProtected)});
        model->applyVmList(2, {vmJson(vm(3), QStringLiteral("c"), kProtected)});
        QVERIFY(!vmAt(vm(1)).data(Qt::ForegroundRole).isValid());

        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        const QDateTime lastContact = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
        model->setHostReachable(1, false, lastContact);
        QVERIFY(changed.count() >= 2); // the host row and its VMs
        for (const QUuid &id : {vm(1), vm(2)}) {
            const QModelIndex protection = vmAt(id, FleetModel::ProtectionColumn);
            QCOMPARE(status(protection), int(ProtectionStatus::Unknown));
            QCOMPARE(protection.data().toString(), QStringLiteral("Unknown (unreachable)"));
            QVERIFY(protection.data(Qt::ForegroundRole).isValid());
            QVERIFY(vmAt(id).data(Qt::ToolTipRole).toString().contains(QStringLiteral("3 hour")));
            QCOMPARE(protection.data(FleetModel::LastContactRole).toDateTime(), lastContact);
        }
        QCOMPARE(vmAt(vm(1)).data(FleetModel::LastKnownStatusRole).toInt(),
            int(ProtectionStatus::Infected));
        QVERIFY(vmAt(vm(1)).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Infected")));
        QCOMPARE(status(model->hostIndex(1)), int(ProtectionStatus::Unknown));
        QVERIFY(model->hostIndex(1).data(Qt::ForegroundRole).isValid());
        QVERIFY(!model->hostIndex(1).data(FleetModel::ReachableRole).toBool());
        QCOMPARE(status(vmAt(vm(3))), int(ProtectionStatus::Protected)); // other host untouched

        model->setHostReachable(1, true, QDateTime::currentDateTimeUtc());
        QCOMPARE(status(vmAt(vm(1))), int(ProtectionStatus::Infected));
        QVERIFY(!vmAt(vm(1)).data(Qt::ForegroundRole).isValid());

        model->setHost(3, QStringLiteral("new")); // not reached yet
        QCOMPARE(status(model->hostIndex(3)), int(ProtectionStatus::Unknown));
    }

    void migrationKeepsOneVmWithItsHistory()
    {
        addHost(1, QStringLiteral("kvm-01"));
        addHost(2, QStringLiteral("kvm-02"));
        model->applyVmList(1,
            {vmJson(vm(1), QStringLiteral("desk-001"), kInfected),
                vmJson(vm(2), QStringLiteral("desk-002"), kProtected)});
        model->applyVmList(2, {vmJson(vm(3), QStringLiteral("desk-003"), kProtected)});
        const QDateTime scanned = QDateTime::currentDateTimeUtc().addDays(-1);
        setIncidents(1, vm(1), 2);
        model->setVmLastScan(vm(1), scanned);
        const QPersistentModelIndex before = vmAt(vm(1));

        QSignalSpy moved(model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        // Both hosts report it during the switch-over; the source's copy is
        // paused, then shut off and kept defined.
        model->applyVmList(2,
            {vmJson(vm(3), QStringLiteral("desk-003"), kProtected),
                vmJson(vm(1), QStringLiteral("desk-001"), kInfected)});
        // The source still counts its incidents of the VM.
        Vm leftBehind =
            vmJson(vm(1), QStringLiteral("desk-001"), kInfected, QStringLiteral("shut-off"));
        leftBehind.openIncidents = 2;
        model->applyVmList(1, {leftBehind, vmJson(vm(2), QStringLiteral("desk-002"), kProtected)});
        model->removeVm(1, vm(1)); // a late vm.removed from the source

        QCOMPARE(moved.count(), 1);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model->vmCount(), 3);
        QCOMPARE(model->rowCount(model->hostIndex(1)), 1);
        QCOMPARE(model->rowCount(model->hostIndex(2)), 2);
        const QModelIndex after = vmAt(vm(1));
        QCOMPARE(after.parent(), model->hostIndex(2));
        QCOMPARE(QModelIndex(before), after);
        QCOMPARE(vmAt(vm(1), FleetModel::IncidentsColumn).data().toInt(), 2);
        QCOMPARE(vmAt(vm(1), FleetModel::PowerColumn).data().toString(), QStringLiteral("Running"));
        QCOMPARE(vmAt(vm(1), FleetModel::LastScanColumn)
                     .data(FleetModel::LastScanRole)
                     .toDateTime()
                     .toMSecsSinceEpoch(),
            scanned.toMSecsSinceEpoch());
        const QString note = after.data(FleetModel::MovedFromRole).toString();
        QVERIFY2(note.contains(QStringLiteral("kvm-01")), qPrintable(note));
        QVERIFY(after.data(Qt::ToolTipRole).toString().contains(note));
        QCOMPARE(status(model->hostIndex(1)), int(ProtectionStatus::Protected));
        QCOMPARE(status(model->hostIndex(2)), int(ProtectionStatus::Infected));
        QCOMPARE(model->hostIndex(2, FleetModel::IncidentsColumn).data().toInt(), 2);
        QCOMPARE(proxyChildren(proxy->mapFromSource(model->hostIndex(2))),
            QStringList({QStringLiteral("desk-001"), QStringLiteral("desk-003")}));

        // Incidents counted by the new host add up; the old host's go with it.
        setIncidents(2, vm(1), 1);
        QCOMPARE(vmAt(vm(1), FleetModel::IncidentsColumn).data().toInt(), 3);
        model->removeHost(1);
        QCOMPARE(vmAt(vm(1), FleetModel::IncidentsColumn).data().toInt(), 1);
        QCOMPARE(model->vmCount(), 2);
    }

    void migrationSurvivesTheSourceDroppingTheVmFirst()
    {
        addHost(1, QStringLiteral("kvm-01"));
        addHost(2, QStringLiteral("kvm-02"));
        model->applyVmList(1, {vmJson(vm(1), QStringLiteral("desk-001"), kInfected)});
        setIncidents(1, vm(1), 1);
        // The destination lists the incoming VM paused; the source's
        // vm.removed arrives before the destination's vm.power.
        model->applyVm(
            2, vmJson(vm(1), QStringLiteral("desk-001"), kInfected, QStringLiteral("paused")));
        QCOMPARE(vmAt(vm(1)).parent(), model->hostIndex(1));
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        model->removeVm(1, vm(1));
        QCOMPARE(removed.count(), 0);
        QCOMPARE(vmAt(vm(1)).parent(), model->hostIndex(2));
        QCOMPARE(vmAt(vm(1), FleetModel::PowerColumn).data().toString(), QStringLiteral("Paused"));
        QCOMPARE(vmAt(vm(1), FleetModel::IncidentsColumn).data().toInt(), 1);
        QVERIFY(!vmAt(vm(1)).data(FleetModel::MovedFromRole).toString().isEmpty());
        model->applyVm(2, vmJson(vm(1), QStringLiteral("desk-001"), kInfected));
        QCOMPARE(vmAt(vm(1), FleetModel::PowerColumn).data().toString(), QStringLiteral("Running"));

        // A copy the other host no longer lists is forgotten: the VM then
        // really goes when its own host drops it.
        model->applyVmList(
            1, {vmJson(vm(1), QStringLiteral("desk-001"), kInfected, QStringLiteral("shut-off"))});
        QCOMPARE(vmAt(vm(1)).parent(), model->hostIndex(2));
        model->applyVmList(1, {});
        model->applyVmList(2, {});
        QCOMPARE(model->vmCount(), 0);
        QCOMPARE(removed.count(), 1);

        // Removing a host hands its VMs to a host that still lists them.
        model->applyVmList(1, {vmJson(vm(5), QStringLiteral("desk-005"), kProtected)});
        model->applyVmList(
            2, {vmJson(vm(5), QStringLiteral("desk-005"), kProtected, QStringLiteral("shut-off"))});
        model->removeHost(1);
        QCOMPARE(model->vmCount(), 1);
        QCOMPARE(vmAt(vm(5)).parent(), model->hostIndex(2));
        QCOMPARE(
            vmAt(vm(5), FleetModel::PowerColumn).data().toString(), QStringLiteral("Shut off"));
    }

    // With appliances polled independently, the source's vm.removed may
    // arrive before the destination lists the VM at all: it is still the
    // same VM, moved, with its history.
    void migrationSurvivesTheDestinationReportingLast()
    {
        addHost(1, QStringLiteral("kvm-01"));
        addHost(2, QStringLiteral("kvm-02"));
        model->applyVmList(1, {vmJson(vm(1), QStringLiteral("desk-001"), kInfected)});
        setIncidents(1, vm(1), 1);
        const QDateTime scanned = QDateTime::currentDateTimeUtc().addDays(-1);
        model->setVmLastScan(vm(1), scanned);
        model->applyVmList(1, {});
        QCOMPARE(model->vmCount(), 0);
        model->applyVmList(2, {vmJson(vm(1), QStringLiteral("desk-001"), kInfected)});
        QCOMPARE(vmAt(vm(1)).parent(), model->hostIndex(2));
        const QString note = vmAt(vm(1)).data(FleetModel::MovedFromRole).toString();
        QVERIFY2(note.contains(QStringLiteral("kvm-01")), qPrintable(note));
        QCOMPARE(vmAt(vm(1), FleetModel::IncidentsColumn).data().toInt(), 1);
        QCOMPARE(vmAt(vm(1), FleetModel::LastScanColumn)
                     .data(FleetModel::LastScanRole)
                     .toDateTime()
                     .toMSecsSinceEpoch(),
            scanned.toMSecsSinceEpoch());

        // Back on the host it left: no move.
        model->applyVmList(2, {vmJson(vm(1), QStringLiteral("desk-001"), kInfected)});
        model->applyVmList(1, {vmJson(vm(2), QStringLiteral("desk-002"), kProtected)});
        model->applyVmList(1, {});
        model->applyVmList(1, {vmJson(vm(2), QStringLiteral("desk-002"), kProtected)});
        QVERIFY(vmAt(vm(2)).data(FleetModel::MovedFromRole).toString().isEmpty());
    }

    void filtersByStatusAndName()
    {
        addHost(1, QStringLiteral("kvm-01"));
        addHost(2, QStringLiteral("kvm-02"));
        model->applyVmList(1,
            {vmJson(vm(1), QStringLiteral("desk-001"), kProtected),
                vmJson(vm(2), QStringLiteral("desk-002"), kInfected)});
        model->applyVmList(2, {vmJson(vm(3), QStringLiteral("Lab-1"), kAtRisk)});
        QCOMPARE(proxy->rowCount(), 2);

        proxy->setStatusFilter({ProtectionStatus::Infected});
        QCOMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxyChildren(proxy->index(0, 0)), QStringList {QStringLiteral("desk-002")});

        proxy->setStatusFilter({ProtectionStatus::Protected});
        QCOMPARE(proxy->rowCount(), 1); // kvm-01 is Infected itself, shown for desk-001
        QCOMPARE(proxyChildren(proxy->index(0, 0)), QStringList {QStringLiteral("desk-001")});

        proxy->setStatusFilter({});
        proxy->setSearchText(QStringLiteral("lab"));
        QCOMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("kvm-02"));
        QCOMPARE(proxyChildren(proxy->index(0, 0)), QStringList {QStringLiteral("Lab-1")});

        proxy->setSearchText(QStringLiteral("KVM-01")); // a host's name lists its VMs
        QCOMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxyChildren(proxy->index(0, 0)).size(), 2);

        proxy->setSearchText(QString());
        proxy->setStatusFilter({ProtectionStatus::Unknown});
        QCOMPARE(proxy->rowCount(), 0);
        model->setHostReachable(2, false, QDateTime::currentDateTimeUtc()); // dynamic filter
        QCOMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxyChildren(proxy->index(0, 0)), QStringList {QStringLiteral("Lab-1")});
        QCOMPARE(proxy->statusFilter(), QList<ProtectionStatus> {ProtectionStatus::Unknown});
    }

    void sortsNumbersAsNumbers()
    {
        addHost(1, QStringLiteral("kvm-01"));
        model->applyVmList(1,
            {vmJson(vm(1), QStringLiteral("desk-10"), kProtected),
                vmJson(vm(2), QStringLiteral("desk-2"), kProtected),
                vmJson(vm(3), QStringLiteral("desk-1"), kProtected)});
        setIncidents(1, vm(1), 2);
        setIncidents(1, vm(2), 10);
        setIncidents(1, vm(3), 1);
        model->resortNow();
        const QModelIndex host = proxy->index(0, 0);
        QCOMPARE(proxyChildren(host),
            QStringList(
                {QStringLiteral("desk-1"), QStringLiteral("desk-2"), QStringLiteral("desk-10")}));
        proxy->sort(FleetModel::IncidentsColumn, Qt::AscendingOrder);
        QList<int> counts;
        for (int r = 0; r < proxy->rowCount(host); ++r)
            counts << proxy->index(r, FleetModel::IncidentsColumn, host).data().toInt();
        QCOMPARE(counts, QList<int>({1, 2, 10}));
        // A change shows at once; the row moves at the next re-sort, so that
        // a view lays out its rows once a tick, not once a change.
        setIncidents(1, vm(3), 20);
        QCOMPARE(proxy->index(0, FleetModel::IncidentsColumn, host).data().toInt(), 20);
        QVERIFY(model->isResortPending());
        QTRY_VERIFY_WITH_TIMEOUT(!model->isResortPending(), 5000);
        QCOMPARE(proxy->index(2, FleetModel::IncidentsColumn, host).data().toInt(), 20);
    }

    // A batch announces each run of changed rows once, over the columns
    // that changed, and the host row once.
    void batchesAnnounceRunsOfRows()
    {
        addHost(1, QStringLiteral("kvm-01"));
        QList<Vm> list;
        for (int i = 0; i < 6; ++i)
            list.append(vmJson(vm(i), QStringLiteral("desk-%1").arg(i), kProtected));
        model->applyVmList(1, list);
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        {
            FleetModel::Batch batch(model.get());
            for (int i : {1, 2, 4}) {
                Vm v = list[i];
                v.status = ProtectionStatus::AtRisk;
                model->applyVm(1, v);
            }
            QCOMPARE(changed.count(), 0);
        }
        QCOMPARE(changed.count(), 3); // rows 1-2, row 4, the host
        QCOMPARE(changed[0][0].value<QModelIndex>().row(), 1);
        QCOMPARE(changed[0][1].value<QModelIndex>().row(), 2);
        QCOMPARE(changed[0][0].value<QModelIndex>().column(), int(FleetModel::ProtectionColumn));
        QCOMPARE(changed[0][1].value<QModelIndex>().column(), int(FleetModel::ProtectionColumn));
        QCOMPARE(changed[1][0].value<QModelIndex>().row(), 4);
        QCOMPARE(changed[2][0].value<QModelIndex>(), model->hostIndex(1));
        // Re-sorting tells the views the rows' new sort keys, nothing else.
        changed.clear();
        model->resortNow();
        QCOMPARE(changed.count(), 2); // the VMs' rows 1-4, and the host
        QCOMPARE(changed[0][2].value<QList<int>>(), QList<int> {FleetModel::SortRole});
        QCOMPARE(vmAt(vm(2), FleetModel::ProtectionColumn).data(FleetModel::SortRole).toInt(),
            int(ProtectionStatus::AtRisk));
    }

    void staysCorrectAtFleetScale()
    {
        // The testers walk the whole tree on every signal; at this scale they
        // check the result once instead.
        proxyTester.reset();
        modelTester.reset();
        proxy->sort(FleetModel::ProtectionColumn);
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        constexpr int hosts = 200;
        constexpr int perHost = 50;
        for (int h = 0; h < hosts; ++h) {
            addHost(h + 1, QStringLiteral("kvm-%1").arg(h + 1));
            QList<Vm> list;
            for (int v = 0; v < perHost; ++v) {
                const int n = h * perHost + v;
                list.append(vmJson(vm(n), QStringLiteral("desk-%1").arg(n), kProtected));
            }
            model->applyVmList(h + 1, list);
        }
        QCOMPARE(model->hostCount(), hosts);
        QCOMPARE(model->vmCount(), hosts * perHost);
        QCOMPARE(inserted.count(), 2 * hosts); // one per host, one per VM list

        const QStringList states {kAtRisk, kInfected, kProtected};
        for (int i = 0; i < hosts * perHost; ++i) {
            const int h = i / perHost;
            model->applyVm(h + 1, vmJson(vm(i), QStringLiteral("desk-%1").arg(i), states[i % 3]));
        }
        QCOMPARE(model->vmCount(), hosts * perHost);
        QCOMPARE(model->rowCount(), hosts);
        for (int h = 0; h < hosts; ++h)
            QCOMPARE(model->rowCount(model->hostIndex(h + 1)), perHost);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 0);
        QVERIFY(changed.count() >= hosts * perHost * 2 / 3);
        QCOMPARE(status(vmAt(vm(4))), int(ProtectionStatus::Infected));
        QCOMPARE(status(model->hostIndex(7)), int(ProtectionStatus::Infected));
        QCOMPARE(proxy->rowCount(), hosts);
        QCOMPARE(proxy->rowCount(proxy->index(0, 0)), perHost);

        const auto fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
        QAbstractItemModelTester checkModel(model.get(), fatal);
        QAbstractItemModelTester checkProxy(proxy.get(), fatal);
    }
};

QTEST_MAIN(TestFleetModel)
#include "tst_fleet_model.moc"
