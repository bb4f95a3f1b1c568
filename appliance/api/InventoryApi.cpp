// SPDX-License-Identifier: GPL-2.0-or-later
// GET /api/v1/appliance, GET /api/v1/vms, GET /api/v1/vms/{id}, GET/PUT /api/v1/policy.
#include "appliance/Config.h"
#include "appliance/ProtectionService.h"
#include "appliance/api/ApiService.h"
#include "appliance/api/RoleView.h"
#include "appliance/engine/ScanEngine.h"
#include "appliance/incidents/IncidentService.h"
#include "appliance/inventory/InventoryMonitor.h"
#include "appliance/patterns/PatternService.h"
#include "appliance/policy/PolicyStore.h"
#include "appliance/scheduler/ScanScheduler.h"
#include "mamori/Version.h"
#include "protocol/ApiPaths.h"
#include "protocol/JsonReader.h"

namespace mamori::appliance {

namespace path = protocol::path;

using protocol::ErrorCode;
using protocol::Role;

namespace {

QJsonArray disksJson(const QList<VmDisk> &disks)
{
    QJsonArray out;
    for (const VmDisk &d : disks) {
        QJsonArray backing;
        for (const BackingImage &b : d.backing)
            backing.append(QJsonObject {
                {QStringLiteral("path"), b.path}, {QStringLiteral("format"), b.format}});
        out.append(QJsonObject {{QStringLiteral("target"), d.target},
            {QStringLiteral("type"), d.type}, {QStringLiteral("format"), d.format},
            {QStringLiteral("source"), d.source}, {QStringLiteral("backing"), backing},
            {QStringLiteral("golden_image"), d.goldenImage()},
            {QStringLiteral("readable"), d.isReadable()}});
    }
    return out;
}

QJsonObject vmJson(const ApplianceServices &s, const VmRecord &vm, Role role,
    const ProtectionService::Snapshot &snap)
{
    const QString id = vm.id.toString(QUuid::WithoutBraces);
    QJsonObject o {{QStringLiteral("id"), id}, {QStringLiteral("name"), vm.name},
        {QStringLiteral("power"), vm.power}, {QStringLiteral("kind"), vm.kind()},
        {QStringLiteral("protection"), s.protection->evaluate(vm, snap).toJson()}};
    // Nothing watches inside a disk image: no real-time scanning there.
    if (s.policy)
        o.insert(QStringLiteral("realtime"),
            vm.isImage() ? QStringLiteral("unavailable") : snap.policy.realtimeMode(id));
    if (!vm.disks.isEmpty()) {
        o.insert(QStringLiteral("disks"), disksJson(vm.disks));
        o.insert(QStringLiteral("golden_image"), vm.goldenImage());
    }
    if (s.scans) {
        const ScanScheduler::VmScans scans = snap.scans.value(id);
        o.insert(QStringLiteral("last_scan"),
            scans.lastScan.isValid() ? isoUtc(scans.lastScan) : QString());
        o.insert(QStringLiteral("last_full_scan"),
            scans.lastFullScan.isValid() ? isoUtc(scans.lastFullScan) : QString());
    }
    if (s.incidents) {
        o.insert(QStringLiteral("open_incidents"), snap.openIncidents.value(id));
        o.insert(QStringLiteral("isolated"), snap.isolated.contains(id));
    }
    o.insert(QStringLiteral("root"), vm.root);
    return vmForRole(o, role);
}

} // namespace

void registerInventoryApi(ApiService &api)
{
    const ApplianceServices &s = api.services();
    api.route("GET", path::kAppliance, [&s](const ApiCall &call) {
        const QJsonObject versions {{QStringLiteral("appliance"), QLatin1String(kVersion)},
            {QStringLiteral("engine"), ScanEngine::libraryVersion()},
            {QStringLiteral("pattern"), s.patterns ? s.patterns->activeVersion() : QString()}};
        const Policy policy = s.policy ? s.policy->policy() : Policy {};
        call.ok({{QStringLiteral("id"), s.applianceId},
            {QStringLiteral("host_name"), s.config->effectiveHostName()},
            {QStringLiteral("lab"), s.config->lab}, {QStringLiteral("versions"), versions},
            {QStringLiteral("uptime_seconds"), s.started.secsTo(QDateTime::currentDateTimeUtc())},
            {QStringLiteral("started"), isoUtc(s.started)},
            {QStringLiteral("vm_count"), int(s.inventory->vms().size())},
            {QStringLiteral("policy"),
                QJsonObject {{QStringLiteral("max_concurrent_scans"), policy.maxConcurrentScans},
                    {QStringLiteral("automatic_action"), policy.automaticAction},
                    {QStringLiteral("realtime_default"), policy.realtimeDefault}}},
            {QStringLiteral("user"), call.session.user},
            {QStringLiteral("role"), protocol::roleName(call.session.role)}});
    });
    api.route("GET", path::kVms, [&s](const ApiCall &call) {
        QJsonArray vms;
        const ProtectionService::Snapshot snap = s.protection->snapshot();
        for (const VmRecord &vm : s.inventory->vms())
            vms.append(vmJson(s, vm, call.session.role, snap));
        call.ok({{QStringLiteral("vms"), vms}});
    });
    api.route("GET", path::kVm, [&s](const ApiCall &call) {
        const QUuid id = QUuid::fromString(call.parameters.value(0));
        const auto vm = id.isNull() ? std::nullopt : s.inventory->vm(id);
        if (!vm) {
            call.fail(ErrorCode::NotFound,
                QStringLiteral("no VM with id %1").arg(call.parameters.value(0)));
            return;
        }
        call.ok(vmJson(s, *vm, call.session.role,
            s.protection->snapshot(vm->id.toString(QUuid::WithoutBraces))));
    });
    api.route(
        "GET", path::kPolicy, [&s](const ApiCall &call) { call.ok(s.policy->policy().toJson()); });
    api.route("PUT", path::kPolicy, [&api, &s](const ApiCall &call) {
        auto reader = protocol::JsonReader::parse(call.request.body);
        QString error;
        if (!reader.ok()) {
            call.fail(ErrorCode::BadRequest, reader.error());
            return;
        }
        const auto next = s.policy->validate(reader.object(), &error);
        if (!next) {
            api.audit(call, QStringLiteral("policy.update"), {}, QStringLiteral("failure"), error);
            call.fail(ErrorCode::InvalidArgument, error);
            return;
        }
        // The policy, its audit record and its event are kept together or
        // not at all; only then is it put in force.
        RecordedChange change = api.change();
        QSqlError stored;
        if (!s.policy->store(*next, &stored))
            change.fail(stored, QStringLiteral("the policy could not be stored"));
        change.audit(api.auditRecord(call, QStringLiteral("policy.update"), {},
            QStringLiteral("success"), QString::fromUtf8(call.request.body.left(2000))));
        change.event(QStringLiteral("policy.changed"), {});
        if (!change.commit())
            return api.refuseChange(call, change, QStringLiteral("policy.update"), {});
        s.policy->adopt(*next);
        call.ok(s.policy->policy().toJson());
    });
}

} // namespace mamori::appliance
