// SPDX-License-Identifier: GPL-2.0-or-later
// Scans, patterns and incidents: the security administrator's endpoints.
#include "appliance/Config.h"
#include "appliance/api/ApiService.h"
#include "appliance/api/JsonPage.h"
#include "appliance/api/RoleView.h"
#include "appliance/incidents/IncidentService.h"
#include "appliance/incidents/IncidentStore.h"
#include "appliance/inventory/InventoryMonitor.h"
#include "appliance/patterns/PatternService.h"
#include "appliance/scheduler/ScanScheduler.h"
#include "protocol/ApiPaths.h"
#include "protocol/JsonReader.h"

#include <QPointer>

namespace mamori::appliance {

namespace path = protocol::path;

using protocol::ErrorCode;

namespace {

void startScans(ApiService &api, const ApiCall &call)
{
    const ApplianceServices &s = api.services();
    auto reader = protocol::JsonReader::parse(call.request.body);
    QStringList vms;
    if (reader.object().value(QStringLiteral("vms")) == QJsonValue(QStringLiteral("all"))) {
        for (const VmRecord &vm : s.inventory->vms())
            vms << vm.id.toString(QUuid::WithoutBraces);
    } else {
        vms = reader.stringList(QStringLiteral("vms"));
    }
    const QString kind = reader.string(QStringLiteral("kind"));
    const QStringList paths = reader.has(QStringLiteral("paths"))
        ? reader.stringList(QStringLiteral("paths"))
        : QStringList();
    if (!reader.ok()) {
        call.fail(ErrorCode::BadRequest, reader.error());
        return;
    }
    if (vms.isEmpty() || vms.size() > 10000) {
        call.fail(ErrorCode::InvalidArgument,
            QStringLiteral("vms must name 1 to 10000 VMs, or be \"all\""));
        return;
    }
    QStringList ids;
    QString code, message;
    const bool queued =
        s.scans->enqueue(vms, kind, paths, QStringLiteral("manual"), &ids, &code, &message);
    api.audit(call, QStringLiteral("scan.start"), vms.join(u','),
        queued ? QStringLiteral("success") : QStringLiteral("failure"),
        queued ? kind + QLatin1Char(' ') + paths.join(u',') : message);
    if (!queued) {
        call.fail(code, message);
        return;
    }
    QJsonArray jobs;
    for (const QString &id : ids)
        jobs.append(jobForRole(*s.scans->job(id), call.session.role));
    call.ok({{QStringLiteral("jobs"), jobs}});
}

void incidentAction(ApiService &api, const ApiCall &call)
{
    const ApplianceServices &s = api.services();
    auto reader = protocol::JsonReader::parse(call.request.body);
    const QString action = reader.string(QStringLiteral("action"));
    const QString note = reader.optionalString(QStringLiteral("note")).value_or(QString());
    const QString assignee = reader.optionalString(QStringLiteral("assignee")).value_or(QString());
    if (reader.ok() && note.size() > 4000)
        reader.fail(QStringLiteral("field 'note': at most 4000 characters"));
    if (!reader.ok()) {
        call.fail(ErrorCode::BadRequest, reader.error());
        return;
    }
    const QString id = call.parameters.value(0);
    const QString auditAction = QStringLiteral("incident.") + action;
    QString code, message, reason;
    // The incident's new state, its history, the VM's isolation flag, the
    // audit record and the incident.changed / vm.isolation events commit
    // together; what the action did outside the database (a file moved
    // into the vault, a VM's network) is undone when they do not.
    RecordedChange change = api.change();
    const bool done =
        s.incidents->act(id, action, note, call.session.user, assignee, &code, &message, &reason);
    if (!done) {
        change.rollback();
        s.incidents->undoLastAct();
        const StorageFault fault = code == QLatin1String("internal")
            ? storageFaultOfFolder(s.config->dataDir)
            : StorageFault::None;
        if (fault != StorageFault::None) {
            code = protocol::errorCodeName(errorCodeFor(fault));
            message = describeStorageFault(fault, s.config->dataDir, message);
        }
        api.audit(call, auditAction, id, QStringLiteral("failure"), message);
        call.fail(code, message, reason);
        return;
    }
    change.audit(api.auditRecord(call, auditAction, id, QStringLiteral("success"), note));
    if (!change.commit()) {
        s.incidents->undoLastAct();
        return api.refuseChange(call, change, auditAction, id);
    }
    s.incidents->finishLastAct();
    call.ok(incidentForRole(s.incidents->get(id)->toJson(), call.session.role));
}

} // namespace

void registerSecurityApi(ApiService &api)
{
    const ApplianceServices &s = api.services();

    api.route("POST", path::kScans, [&api](const ApiCall &call) { startScans(api, call); });
    api.route("GET", path::kScans, [&s](const ApiCall &call) {
        qint64 limit = 200;
        qint64 offset = 0;
        if (!call.queryInteger(QStringLiteral("limit"), 1, 5000, &limit)
            || !call.queryInteger(QStringLiteral("offset"), 0, 1 << 30, &offset))
            return;
        const QString state = call.request.query.value(QStringLiteral("state"));
        JsonPage page(s.config->listPageBytes, int(limit));
        for (const QJsonValue &job : s.scans->jobs(state, int(limit) + 1, int(offset))) {
            if (!page.add(jobForRole(job.toObject(), call.session.role)))
                break;
        }
        call.okJson(page.body("jobs",
            {{QStringLiteral("paused"), s.scans->isPaused()},
                {QStringLiteral("next_offset"), offset + page.count()}}));
    });
    api.route("GET", path::kScan, [&s](const ApiCall &call) {
        const auto job = s.scans->job(call.parameters.value(0));
        if (!job)
            return call.fail(ErrorCode::NotFound,
                QStringLiteral("no scan job %1").arg(call.parameters.value(0)));
        call.ok(jobForRole(*job, call.session.role));
    });
    // A change to one job, audited as `action`; answers the job.
    const auto jobChange =
        [&api, &s](const QString &action,
            bool (ScanScheduler::*change)(const QString &, QString *, QString *)) {
            return [&api, &s, action, change](const ApiCall &call) {
                QString code, message;
                const QString id = call.parameters.value(0);
                const bool done = (s.scans->*change)(id, &code, &message);
                api.audit(call, action, id,
                    done ? QStringLiteral("success") : QStringLiteral("failure"), message);
                if (!done)
                    return call.fail(code, message);
                call.ok(jobForRole(*s.scans->job(id), call.session.role));
            };
        };
    api.route(
        "DELETE", path::kScan, jobChange(QStringLiteral("scan.cancel"), &ScanScheduler::cancel));
    // An administrator overrides the governor's hold (and the limit of
    // concurrent scans) for one job.
    api.route("POST", path::kScanRunNow,
        jobChange(QStringLiteral("scan.run-now"), &ScanScheduler::runNow));

    api.route("GET", path::kPatterns, [&s](const ApiCall &call) { call.ok(s.patterns->status()); });
    api.route("POST", path::kPatternUpdate, [&api, &s](const ApiCall &call) {
        QPointer<ApiService> guard(&api);
        s.patterns->checkForUpdate([guard, call, &s](
                                       bool ok, const QString &code, const QString &message) {
            if (!guard)
                return;
            // Nothing installed is no update: it is recorded as the check it was.
            const bool updated = code == QLatin1String("updated");
            guard->audit(call,
                ok && !updated ? QStringLiteral("pattern.check") : QStringLiteral("pattern.update"),
                s.patterns->activeVersion(),
                ok ? QStringLiteral("success") : QStringLiteral("failure"), message);
            if (!ok)
                return call.fail(code, message);
            QJsonObject status = s.patterns->status();
            status.insert(QStringLiteral("outcome"), code);
            call.ok(status);
        });
    });
    api.route("POST", path::kPatternAllowAgain, [&api, &s](const ApiCall &call) {
        QString code, message;
        const QString held = s.patterns->status()
                                 .value(QStringLiteral("source"))
                                 .toObject()
                                 .value(QStringLiteral("held_back"))
                                 .toString();
        const bool done = s.patterns->allowAgain(&code, &message);
        api.audit(call, QStringLiteral("pattern.allow-again"), held,
            done ? QStringLiteral("success") : QStringLiteral("failure"), message);
        if (!done)
            return call.fail(code, message);
        call.ok(s.patterns->status());
    });
    // "Check now": reads the source's index, installs nothing.
    api.route("POST", path::kPatternCheck, [&api, &s](const ApiCall &call) {
        QPointer<ApiService> guard(&api);
        s.patterns->checkForUpdate(
            [guard, call, &s](bool ok, const QString &code, const QString &message) {
                if (!guard)
                    return;
                if (!ok)
                    return call.fail(code, message);
                QJsonObject status = s.patterns->status();
                status.insert(QStringLiteral("outcome"), code);
                call.ok(status);
            },
            false);
    });
    api.route("POST", path::kPatternRollback, [&api, &s](const ApiCall &call) {
        QString code, message;
        const QString from = s.patterns->activeVersion();
        const bool done = s.patterns->rollback(&code, &message);
        api.audit(call, QStringLiteral("pattern.rollback"), from,
            done ? QStringLiteral("success") : QStringLiteral("failure"),
            done ? QStringLiteral("now %1").arg(s.patterns->activeVersion()) : message);
        if (!done)
            return call.fail(code, message);
        call.ok(s.patterns->status());
    });

    api.route("GET", path::kIncidents, [&s](const ApiCall &call) {
        IncidentFilter filter;
        qint64 limit = 1000;
        if (!call.queryInteger(QStringLiteral("limit"), 1, 5000, &limit))
            return;
        filter.limit = int(limit) + 1; // one more: are there more?
        const QString before = call.request.query.value(QStringLiteral("before"));
        if (!before.isEmpty() && (filter.beforeSeq = IncidentStore::seqFor(before)) == 0)
            return call.fail(ErrorCode::InvalidArgument,
                QStringLiteral("before must be an incident id, not '%1'").arg(before));
        filter.state = call.request.query.value(QStringLiteral("state"));
        filter.vm = call.request.query.value(QStringLiteral("vm"));
        const QString since = call.request.query.value(QStringLiteral("since"));
        if (!since.isEmpty()) {
            filter.since = QDateTime::fromString(since, Qt::ISODate);
            if (!filter.since.isValid())
                return call.fail(
                    ErrorCode::InvalidArgument, QStringLiteral("since must be an ISO 8601 time"));
        }
        JsonPage page(s.config->listPageBytes, int(limit));
        QString last;
        for (const Incident &i : s.incidents->list(filter)) {
            if (!page.add(incidentForRole(i.toJson(false), call.session.role)))
                break;
            last = i.id;
        }
        call.okJson(page.body("incidents", {{QStringLiteral("next_before"), last}}));
    });
    api.route("GET", path::kIncident, [&s](const ApiCall &call) {
        const auto incident = s.incidents->get(call.parameters.value(0));
        if (!incident)
            return call.fail(ErrorCode::NotFound,
                QStringLiteral("no incident %1").arg(call.parameters.value(0)));
        call.ok(incidentForRole(incident->toJson(), call.session.role));
    });
    api.route(
        "POST", path::kIncidentActions, [&api](const ApiCall &call) { incidentAction(api, call); });
}

} // namespace mamori::appliance
