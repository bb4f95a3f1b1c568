// SPDX-License-Identifier: GPL-2.0-or-later
#include "Vm.h"

#include "RecordReader.h"

#include <array>
#include <utility>

namespace mamori::console {
namespace {

constexpr std::array kPowers {std::pair {"running", Power::Running},
    std::pair {"paused", Power::Paused}, std::pair {"shut-off", Power::ShutOff}};
constexpr std::array kRealtimeModes {std::pair {"on", RealtimeMode::On},
    std::pair {"off", RealtimeMode::Off}, std::pair {"block", RealtimeMode::Block},
    std::pair {"unavailable", RealtimeMode::Unavailable}};
constexpr std::array kKinds {
    std::pair {"directory", VmKind::Directory}, std::pair {"image", VmKind::Image}};

Parsed<QString> parseBacking(const QJsonObject &object)
{
    RecordReader r(object);
    QString path = r.string(QStringLiteral("path"));
    return finish(r, std::move(path));
}

Parsed<VmDisk> parseDisk(const QJsonObject &object)
{
    RecordReader r(object);
    VmDisk d;
    d.target = r.text(QStringLiteral("target"));
    d.type = r.text(QStringLiteral("type"));
    d.format = r.text(QStringLiteral("format"));
    d.source = r.text(QStringLiteral("source"));
    d.goldenImage = r.text(QStringLiteral("golden_image"));
    d.readable = r.flag(QStringLiteral("readable"));
    if (r.ok() && r.has(QStringLiteral("backing"))) {
        Parsed<QList<QString>> backing =
            parseArray<QString>(r.object(), QStringLiteral("backing"), &parseBacking);
        if (!backing)
            r.fail(backing.error());
        else
            d.backing = std::move(*backing);
    }
    return finish(r, std::move(d));
}

} // namespace

Power powerFromName(const QString &name)
{
    return valueFor<Power>(kPowers, name).value_or(Power::Unknown);
}

QString realtimeModeName(RealtimeMode mode)
{
    return wordFor(kRealtimeModes, mode);
}

RealtimeMode realtimeModeFromName(const QString &name)
{
    return valueFor<RealtimeMode>(kRealtimeModes, name).value_or(RealtimeMode::Unknown);
}

Parsed<Vm> parseVm(const QJsonObject &object)
{
    RecordReader r(object);
    Vm vm;
    vm.id = r.uuid(QStringLiteral("id"));
    vm.name = r.string(QStringLiteral("name"));
    vm.power = r.word(QStringLiteral("power"), kPowers, Power::Unknown);
    RecordReader protection = r.child(QStringLiteral("protection"));
    vm.status = protocol::protectionStatusFromName(protection.string(QStringLiteral("status")))
                    .value_or(protocol::ProtectionStatus::Unknown);
    vm.reason = protection.text(QStringLiteral("reason"));
    r.adopt(protection);
    vm.realtime = r.word(QStringLiteral("realtime"), kRealtimeModes, RealtimeMode::Unknown);
    vm.lastScan = r.time(QStringLiteral("last_scan"));
    vm.lastFullScan = r.time(QStringLiteral("last_full_scan"));
    vm.openIncidents = int(r.count(QStringLiteral("open_incidents")));
    vm.isolated = r.flag(QStringLiteral("isolated"));
    vm.root = r.text(QStringLiteral("root"));
    // Before image VMs an appliance said no kind: its VMs were all folders.
    vm.kind = r.has(QStringLiteral("kind"))
        ? r.word(QStringLiteral("kind"), kKinds, VmKind::Unknown)
        : VmKind::Directory;
    vm.goldenImage = r.text(QStringLiteral("golden_image"));
    if (r.ok() && r.has(QStringLiteral("disks"))) {
        Parsed<QList<VmDisk>> disks =
            parseArray<VmDisk>(r.object(), QStringLiteral("disks"), &parseDisk);
        if (!disks)
            r.fail(disks.error());
        else
            vm.disks = std::move(*disks);
    }
    return finish(r, std::move(vm));
}

Parsed<Vm> parseVm(const QByteArray &json)
{
    return parseBytes<Vm>(json, [](const QJsonObject &o) { return parseVm(o); });
}

Parsed<QList<Vm>> parseVmList(const QJsonObject &answer)
{
    return parseArray<Vm>(
        answer, QStringLiteral("vms"), [](const QJsonObject &o) { return parseVm(o); });
}

Parsed<QList<Vm>> parseVmList(const QByteArray &json)
{
    return parseBytes<QList<Vm>>(json, [](const QJsonObject &o) { return parseVmList(o); });
}

} // namespace mamori::console
