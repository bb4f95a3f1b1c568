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
    std::pair {"off", RealtimeMode::Off}, std::pair {"block", RealtimeMode::Block}};

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
