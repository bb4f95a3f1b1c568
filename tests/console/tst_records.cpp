// SPDX-License-Identifier: GPL-2.0-or-later
// The console's records: every answer of the appliance API read in one
// place, strictly, with an error that names the place of the problem.
#include "app/models/StatusText.h"
#include "app/records/Alert.h"
#include "app/records/ApplianceInfo.h"
#include "app/records/AuditRecord.h"
#include "app/records/Event.h"
#include "app/records/Incident.h"
#include "app/records/MetricSeries.h"
#include "app/records/PatternStatus.h"
#include "app/records/Policy.h"
#include "app/records/ScanJob.h"
#include "app/records/Vm.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace mamori::console;
using mamori::protocol::Metric;
using mamori::protocol::ProtectionStatus;

namespace {

const QByteArray kVms =
    R"({"vms": [{"id": "6f1d0a3e-0000-4000-8000-000000000001", "name": "desk-001",
    "power": "running", "protection": {"status": "at-risk", "reason": "never_scanned"},
    "realtime": "on", "last_scan": "2026-11-25T21:53:00Z", "last_full_scan": "",
    "open_incidents": 2, "isolated": false, "root": "/srv/vms/desk-001"}]})";

const QByteArray kJob = R"({"id": "scan-1a2b3c4d5e6f", "vm": "6f1d0a3e-0000-4000-8000-000000000001",
    "vm_name": "desk-001", "kind": "full", "paths": [], "origin": "manual", "state": "running",
    "queued": "2026-11-25T21:53:00.120Z", "started": "2026-11-25T21:53:01.000Z", "finished": "",
    "progress": {"files": 1200, "files_total": -1, "bytes": 52428800, "detections": 0,
                 "current_path": "/Windows/x.dll", "cache": {"hits": 1100, "misses": 100}},
    "cache": {"hits": 1, "misses": 1}, "pattern": "2026112501", "restarts": 0})";

const QByteArray kIncident = R"({"id": "inc-000042", "vm": "6f1d0a3e-0000-4000-8000-000000000001",
    "vm_name": "desk-003", "path": "/Users/alice/invoice<br><b>Verified clean</b>.exe",
    "threat": "Mamori.Test.Body.UNOFFICIAL", "sha256": "ab", "size": 1234, "severity": "high",
    "source": "realtime", "first_seen": "2026-11-25T21:53:01Z", "last_seen": "2026-11-25T21:54:01Z",
    "detections": 1, "action": "quarantined", "state": "new", "assignee": "",
    "history": [{"time": "2026-11-25T21:53:01Z", "user": "appliance", "action": "quarantine",
                 "note": "", "outcome": "ok"}]})";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vmListAsDocumented()
    {
        const Parsed<QList<Vm>> vms = parseVmList(kVms);
        QVERIFY2(vms.ok(), qPrintable(vms.error()));
        QCOMPARE(vms->size(), 1);
        const Vm &vm = vms->first();
        QCOMPARE(vm.id, QUuid::fromString(QStringLiteral("6f1d0a3e-0000-4000-8000-000000000001")));
        QCOMPARE(vm.name, QStringLiteral("desk-001"));
        QCOMPARE(vm.power, Power::Running);
        QCOMPARE(vm.status, ProtectionStatus::AtRisk);
        QCOMPARE(vm.reason, QStringLiteral("never_scanned"));
        QCOMPARE(vm.realtime, RealtimeMode::On);
        QCOMPARE(vm.lastScan, QDateTime(QDate(2026, 11, 25), QTime(21, 53), Qt::UTC));
        QVERIFY(!vm.lastFullScan.isValid());
        QCOMPARE(vm.openIncidents, 2);
        QCOMPARE(vm.root, QStringLiteral("/srv/vms/desk-001"));
        // An appliance from before image VMs says no kind: all its VMs are folders.
        QCOMPARE(vm.kind, VmKind::Directory);
        QVERIFY(vm.disks.isEmpty());
    }

    // docs/api.md's image VM: kind, disks with their backing chain, golden
    // image, and real-time scanning "unavailable".
    void imageVmAsDocumented()
    {
        const Parsed<Vm> vm = parseVm(QByteArray(R"({"id": "9a0c0a3e-0000-4000-8000-000000000007",
            "name": "vdi-007", "power": "shut-off", "kind": "image",
            "protection": {"status": "at-risk", "reason": "filesystem_not_scannable"},
            "realtime": "unavailable", "root": "",
            "disks": [{"target": "vda", "type": "file", "format": "qcow2",
                       "source": "/img/vdi-007.qcow2",
                       "backing": [{"path": "/img/golden.qcow2", "format": "qcow2"}],
                       "golden_image": "/img/golden.qcow2", "readable": true},
                      {"target": "vdb", "type": "network", "format": "raw", "source": "",
                       "backing": [], "golden_image": "", "readable": false}],
            "golden_image": "/img/golden.qcow2"})"));
        QVERIFY2(vm.ok(), qPrintable(vm.error()));
        QCOMPARE(vm->kind, VmKind::Image);
        QCOMPARE(vm->realtime, RealtimeMode::Unavailable);
        QCOMPARE(vm->goldenImage, QStringLiteral("/img/golden.qcow2"));
        QCOMPARE(vm->disks.size(), 2);
        QCOMPARE(vm->disks[0].target, QStringLiteral("vda"));
        QCOMPARE(vm->disks[0].format, QStringLiteral("qcow2"));
        QCOMPARE(vm->disks[0].source, QStringLiteral("/img/vdi-007.qcow2"));
        QCOMPARE(vm->disks[0].backing, QStringList {QStringLiteral("/img/golden.qcow2")});
        QVERIFY(vm->disks[0].readable);
        QVERIFY(!vm->disks[1].readable);
        QCOMPARE(StatusText::reason(vm->reason),
            QStringLiteral("A file system on the VM's disks cannot be scanned."));
        QCOMPARE(
            StatusText::realtimeMode(vm->realtime), QStringLiteral("Not available for image VMs"));

        const Parsed<Vm> bad = parseVm(QByteArray(R"({"id": "9a0c0a3e-0000-4000-8000-000000000007",
            "name": "vdi-007", "protection": {"status": "protected"},
            "disks": [{"target": "vda", "backing": [{"format": "qcow2"}]}]})"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith(QStringLiteral("disks[0]: backing[0]: field 'path'")),
            qPrintable(bad.error()));
    }

    // Words of a newer appliance read as Unknown; what is missing or of the
    // wrong type is an error that says where.
    void vmProblemsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{\"vms\": [") << QStringLiteral("malformed JSON");
        QTest::newRow("no list") << QByteArray("{}") << QStringLiteral("field 'vms' is missing");
        QTest::newRow("no id") << QByteArray(R"({"vms": [{"name": "a"}]})")
                               << QStringLiteral("vms[0]: field 'id' is missing");
        QTest::newRow("bad id") << QByteArray(R"({"vms": [{"id": "x", "name": "a"}]})")
                                << QStringLiteral("vms[0]: field 'id': not a UUID");
        QTest::newRow("status type")
            << QByteArray(R"({"vms": [{"id": "6f1d0a3e-0000-4000-8000-000000000001", "name": "a",
                 "protection": {"status": 3}}]})")
            << QStringLiteral("vms[0]: protection: field 'status': expected a string");
        QTest::newRow("bad time") << QByteArray(
            R"({"vms": [{"id": "6f1d0a3e-0000-4000-8000-000000000001", "name": "a",
                 "protection": {"status": "protected"}, "last_scan": "yesterday"}]})")
                                  << QStringLiteral(
                                         "vms[0]: field 'last_scan': not an ISO 8601 time");
    }

    void vmProblemsAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const Parsed<QList<Vm>> vms = parseVmList(json);
        QVERIFY(!vms.ok());
        QVERIFY2(vms.error().startsWith(error), qPrintable(vms.error()));
    }

    void wordsOfNewerAppliancesAreUnknown()
    {
        const Parsed<Vm> vm = parseVm(QByteArray(R"({"id": "6f1d0a3e-0000-4000-8000-000000000001",
            "name": "a", "power": "hibernating", "protection": {"status": "quarantined-ish"}})"));
        QVERIFY2(vm.ok(), qPrintable(vm.error()));
        QCOMPARE(vm->power, Power::Unknown);
        QCOMPARE(vm->status, ProtectionStatus::Unknown);
        QVERIFY(vm->root.isEmpty()); // left out for a virtualization admin
    }

    void scanJob()
    {
        const Parsed<ScanJob> job = parseScanJob(kJob);
        QVERIFY2(job.ok(), qPrintable(job.error()));
        QCOMPARE(job->kind, ScanKind::Full);
        QCOMPARE(job->state, JobState::Running);
        QVERIFY(job->isActive());
        QCOMPARE(job->progress.files, 1200);
        QCOMPARE(job->progress.filesTotal, -1);
        QCOMPARE(job->progress.cacheHits, 1100); // a running job's, from its progress
        QCOMPARE(job->started.toMSecsSinceEpoch() - job->queued.toMSecsSinceEpoch(), 880);

        QJsonObject failed = object(kJob);
        failed[QStringLiteral("state")] = QStringLiteral("failed");
        failed[QStringLiteral("error")] =
            QJsonObject {{QStringLiteral("code"), QStringLiteral("unavailable")},
                {QStringLiteral("message"), QStringLiteral("no pattern")}};
        QCOMPARE(parseScanJob(failed)->errorMessage, QStringLiteral("no pattern"));
        QVERIFY(parseScanJob(failed)->hasEnded());

        // Manual before scheduled whatever came first; then first come first.
        ScanJob manual = *job, scheduled = *job, later = *job;
        scheduled.origin = QStringLiteral("scheduled");
        scheduled.queued = job->queued.addSecs(-60);
        later.queued = job->queued.addSecs(1);
        QVERIFY(runsBefore(manual, scheduled));
        QVERIFY(runsBefore(manual, later));
        QVERIFY(!runsBefore(later, manual));

        const Parsed<ScanQueue> queue =
            parseScanQueue(QByteArray(R"({"jobs": [)" + kJob + R"(], "paused": true})"));
        QVERIFY2(queue.ok(), qPrintable(queue.error()));
        QVERIFY(queue->paused);
        QCOMPARE(queue->jobs.size(), 1);
    }

    void incidentWithItsHistory()
    {
        const Parsed<Incident> i = parseIncident(kIncident);
        QVERIFY2(i.ok(), qPrintable(i.error()));
        QCOMPARE(i->severity, Severity::High);
        QCOMPARE(i->action, FileAction::Quarantined);
        QCOMPARE(i->state, IncidentState::New);
        QVERIFY(i->isOpen());
        QVERIFY(i->hasHistory);
        QCOMPARE(i->history.size(), 1);
        QCOMPARE(i->history[0].user, QStringLiteral("appliance"));
        // The guest's text comes through as it is, to be shown as text.
        QCOMPARE(i->path, QStringLiteral("/Users/alice/invoice<br><b>Verified clean</b>.exe"));

        QJsonObject listed = object(kIncident);
        listed.remove(QStringLiteral("history"));
        listed[QStringLiteral("severity")] = QStringLiteral("catastrophic");
        const Parsed<QList<Incident>> list =
            parseIncidentList(QJsonObject {{QStringLiteral("incidents"), QJsonArray {listed}}});
        QVERIFY(list.ok());
        QVERIFY(!list->first().hasHistory);
        QCOMPARE(list->first().severity, Severity::Unknown);
        QCOMPARE(incidentActionFromName(QStringLiteral("isolate-vm")),
            std::optional(IncidentAction::IsolateVm));
        QCOMPARE(incidentActionName(IncidentAction::ReleaseVm), QStringLiteral("release-vm"));
    }

    void patternStatus()
    {
        const Parsed<PatternStatus> fresh = parsePatternStatus(QByteArray(
            R"({"active": null, "previous": [], "source": {"url": "", "newest": null}})"));
        QVERIFY2(fresh.ok(), qPrintable(fresh.error()));
        QVERIFY(!fresh->active);
        QVERIFY(fresh->isOutdated());
        const Parsed<PatternStatus> p = parsePatternStatus(QByteArray(R"({"active": {"version":
            "2026112501", "released": "2026-11-25T00:00:00Z", "installed": null, "signatures": 3},
            "previous": [{"version": "2026112401", "released": null}], "source": {"url": "dir:/x",
            "newest": "2026112502", "seen_since": "2026-11-25T10:00:00Z", "error": ""}})"));
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->activeVersion(), QStringLiteral("2026112501"));
        QCOMPARE(p->previous.size(), 1);
        QVERIFY(p->isOutdated());
        QVERIFY(patternVersionLess(QStringLiteral("999999999"), QStringLiteral("2026112501")));
    }

    void policyRoundTrip()
    {
        const Parsed<Policy> policy = parsePolicy(QByteArray(R"({"max_concurrent_scans": 2,
            "schedule": {"enabled": true, "days": ["sat"], "window_start": "01:00",
                         "window_end": "05:00", "kind": "quick"},
            "hot_paths": ["/tmp"], "automatic_action": "delete",
            "realtime": {"default": "block", "vms": {"6f1d": "off"}},
            "limits": {"max_file_size_mb": 10, "max_scan_size_mb": 40, "max_recursion": 8,
                       "max_files": 100},
            "exclusions": ["*.vhdx"], "at_risk": {"max_pattern_age_hours": 24,
                                                  "max_days_between_full_scans": 3},
            "patterns": {"rescan_on_change": false, "check_minutes": 0},
            "governor": {"cpu_percent_of_baseline": 150, "io_percent_of_baseline": 200}})"));
        QVERIFY2(policy.ok(), qPrintable(policy.error()));
        QCOMPARE(policy->edit.schedule.kind, ScanKind::Quick);
        QCOMPARE(policy->edit.schedule.windowEnd, QTime(5, 0));
        QCOMPARE(policy->edit.automaticAction, AutomaticAction::Delete);
        QCOMPARE(policy->edit.realtimeDefault, RealtimeMode::Block);
        QCOMPARE(policy->realtimeByVm.value(QStringLiteral("6f1d")), RealtimeMode::Off);
        // What the console sends is read back as the same policy.
        const QJsonObject body = policyRequestBody(policy->edit, *policy);
        QCOMPARE(*parsePolicy(body), *policy);
        QVERIFY(!parsePolicy(QByteArray(R"({"max_concurrent_scans": "two"})")).ok());
    }

    void auditChain()
    {
        QList<AuditRecord> records;
        QString prev(64, QLatin1Char('0'));
        for (int seq = 1; seq <= 3; ++seq) {
            AuditRecord r;
            r.seq = seq;
            r.timeText = QStringLiteral("t");
            r.user = QStringLiteral("alice");
            r.detail = QStringLiteral("a\nb");
            r.prevHash = prev;
            r.hash = prev = auditRecordHash(r);
            records.append(r);
        }
        QVERIFY(verifyAuditChain(records).intact);
        QCOMPARE(verifyAuditChain(records).count, 3);
        records[1].user = QStringLiteral("mallory");
        QCOMPARE(verifyAuditChain(records).brokenAt, 2);
        records.removeAt(1);
        QCOMPARE(verifyAuditChain(records).brokenAt, 3);

        const Parsed<QList<AuditRecord>> page = parseAuditPage(QByteArray(R"({"records": [{"seq": 7,
            "time": "2026-11-25T21:53:01Z", "user": "alice", "role": "security-admin",
            "source": "127.0.0.1", "action": "session.login", "target": "", "outcome": "success",
            "detail": "", "prev_hash": "ab12", "hash": "cd34"}]})"));
        QVERIFY2(page.ok(), qPrintable(page.error()));
        QCOMPARE(page->first().timeText, QStringLiteral("2026-11-25T21:53:01Z"));
        QVERIFY(page->first().time.isValid());
        QVERIFY(!parseAuditPage(QByteArray(R"({"records": [{"seq": 0}]})")).ok());
    }

    // The newest record verified before must still be in the chain: the
    // removal of the newest records leaves a chain that holds together.
    void auditKeepsTheVerifiedHead()
    {
        AuditLogPage whole;
        for (qint64 seq = 1; seq <= 5; ++seq) {
            AuditRecord r;
            r.seq = seq;
            r.hash = QStringLiteral("h%1").arg(seq);
            r.action = QStringLiteral("session.login");
            whole.records.append(r);
        }
        whole.head = {5, QStringLiteral("h5")};
        QVERIFY(auditKeeps(whole, {}));
        QVERIFY(auditKeeps(whole, {4, QStringLiteral("h4")}));
        QVERIFY(!auditKeeps(whole, {4, QStringLiteral("other")})); // rewritten
        QVERIFY(!auditKeeps(whole, {7, QStringLiteral("h7")})); // the newest removed

        const QJsonObject answer {{QStringLiteral("records"), QJsonArray()},
            {QStringLiteral("head"),
                QJsonObject {
                    {QStringLiteral("seq"), 9}, {QStringLiteral("hash"), QStringLiteral("h9")}}},
            {QStringLiteral("anchor"),
                QJsonObject {
                    {QStringLiteral("seq"), 6}, {QStringLiteral("hash"), QStringLiteral("h6")}}},
            {QStringLiteral("more"), false}, {QStringLiteral("next_after"), 9}};
        Parsed<AuditLogPage> trimmed = parseAuditLogPage(answer);
        QVERIFY2(trimmed.ok(), qPrintable(trimmed.error()));
        QCOMPARE(trimmed->anchor, (AuditEnd {6, QStringLiteral("h6")}));
        // Trimmed away: fine only when an audit.trim record says so.
        QVERIFY(!auditKeeps(*trimmed, {4, QStringLiteral("h4")}));
        AuditRecord trim;
        trim.seq = 8;
        trim.action = QStringLiteral("audit.trim");
        AuditLogPage withTrim = *trimmed;
        withTrim.records.append(trim);
        QVERIFY(auditKeeps(withTrim, {4, QStringLiteral("h4")}));
    }

    void metricSeriesAndBaseline()
    {
        const Parsed<MetricSeries> s = parseMetricSeries(QByteArray(R"({"now": 1795647867617,
            "since": 1795647860000, "interval_ms": 1000, "cpus": 2, "memory_total": 25276063744,
            "scopes": {"host": {"t": [1, 2], "cpu": [12.5, 13], "mem": [100, 200],
                                "read": [0, 4096], "write": [8192, 0]}}})"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->now, 1795647867617);
        QCOMPARE(s->cpus, 2);
        const QList<MetricPoint> host = s->scopes.value(QStringLiteral("host"));
        QCOMPARE(host.size(), 2);
        QCOMPARE(host[1], (MetricPoint {2, 13, 200, 4096, 0}));
        QCOMPARE(host[0].value(Metric::Write), 8192.0);

        const Parsed<MetricSeries> ragged = parseMetricSeries(QByteArray(R"({"now": 1,
            "scopes": {"host": {"t": [1, 2], "cpu": [1], "mem": [1, 2], "read": [1, 2],
                                "write": [1, 2]}}})"));
        QVERIFY(!ragged.ok());
        QCOMPARE(
            ragged.error(), QStringLiteral("scopes.host: field 'cpu' has 1 values for 2 times"));

        const Parsed<Baseline> b = parseBaseline(QByteArray(R"({"scopes": {"host": {
            "cpu": {"value": 10, "source": "automatic"}, "mem": {"value": null, "source": "none"}}},
            "floors": {"cpu": 1}, "capturing": null})"));
        QVERIFY2(b.ok(), qPrintable(b.error()));
        QCOMPARE(b->value(QStringLiteral("host"), Metric::Cpu), std::optional(10.0));
        QCOMPARE(b->value(QStringLiteral("host"), Metric::Memory), std::nullopt);
        QCOMPARE(b->value(QStringLiteral("vm:x"), Metric::Cpu), std::nullopt);
    }

    void sessionAndAppliance()
    {
        const Parsed<Session> s = parseSession(QByteArray(
            R"({"token": "t0k", "user": "alice", "role": "auditor", "expires": "2026-11-26T00:00:00Z"})"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->role, mamori::protocol::Role::Auditor);
        QVERIFY(!parseSession(QByteArray(R"({"token": "", "user": "a", "role": "auditor"})")).ok());
        QVERIFY(!parseSession(QByteArray(R"({"token": "t", "user": "a", "role": "root"})")).ok());

        const Parsed<ApplianceInfo> info = parseApplianceInfo(QByteArray(R"({"id":
            "2b0c0000-0000-4000-8000-000000000001", "host_name": "kvm-01", "versions":
            {"appliance": "0.1.0", "engine": "", "pattern": ""}, "uptime_seconds": 3600,
            "started": "2026-11-25T21:53:00Z", "policy": {"max_concurrent_scans": 1},
            "user": "alice", "role": "security-admin"})"));
        QVERIFY2(info.ok(), qPrintable(info.error()));
        QCOMPARE(info->hostName, QStringLiteral("kvm-01"));
        QCOMPARE(info->applianceVersion, QStringLiteral("0.1.0"));
    }

    // Each event carries its record, typed; a known type whose data cannot
    // be read keeps its place in the sequence and says why.
    void eventPage()
    {
        const QByteArray page = R"({"events": [
            {"seq": 41, "time": "2026-11-25T21:53:01.250Z", "type": "scan.progress", "data": )"
            + kJob + R"(},
            {"seq": 42, "time": "2026-11-25T21:53:02Z", "type": "incident.opened", "data": )"
            + kIncident + R"(},
            {"seq": 43, "time": "2026-11-25T21:53:03Z", "type": "vm.isolation",
             "data": {"vm": "6f1d0a3e-0000-4000-8000-000000000001", "isolated": true}},
            {"seq": 44, "time": "2026-11-25T21:53:04Z", "type": "policy.changed", "data": {}},
            {"seq": 45, "time": "2026-11-25T21:53:05Z", "type": "vm.power", "data": {"vm": 7}},
            {"seq": 46, "time": "2026-11-25T21:53:06Z", "type": "something.new", "data": {"x": 1}},
            {"seq": 47, "time": "2026-11-25T21:53:07Z", "type": "appliance.trouble",
             "data": {"what": "inventory", "message": "gone"}}
            ], "last_seq": 47})";
        const Parsed<EventPage> p = parseEventPage(page);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->lastSeq, 47);
        QCOMPARE(p->events.size(), 7);
        QCOMPARE(p->events[0].time.time().msec(), 250);
        QVERIFY(p->events[0].as<ScanJob>());
        QCOMPARE(p->events[0].as<ScanJob>()->progress.files, 1200);
        QCOMPARE(p->events[1].as<Incident>()->id, QStringLiteral("inc-000042"));
        QCOMPARE(p->events[2].as<VmChange>()->isolated, std::optional(true));
        QVERIFY(std::holds_alternative<std::monostate>(p->events[3].data));
        QVERIFY(p->events[3].dataError.isEmpty());
        QVERIFY(std::holds_alternative<std::monostate>(p->events[4].data));
        QVERIFY2(p->events[4].dataError.startsWith(QStringLiteral("vm.power (seq 45): data: ")),
            qPrintable(p->events[4].dataError));
        QVERIFY(p->events[5].dataError.isEmpty());
        QCOMPARE(p->events[6].as<EventNotice>()->message, QStringLiteral("gone"));

        const auto alert = alertOf(p->events[1], 3);
        QVERIFY(alert);
        QCOMPARE(alert->applianceId, 3);
        QCOMPARE(alert->threat, QStringLiteral("Mamori.Test.Body.UNOFFICIAL"));
        QVERIFY(alertOf(p->events[6], 3));
        QVERIFY(!alertOf(p->events[0], 3));

        QVERIFY(
            !parseEventPage(QByteArray(R"({"events": [{"time": "", "type": "x"}], "last_seq": 1})"))
                 .ok());
        QVERIFY(!parseEventPage(QByteArray(R"({"events": []})")).ok());
    }

    // Damaged answers never crash a parser and always explain themselves.
    void damagedAnswers()
    {
        const QList<QByteArray> answers {kVms, "{\"jobs\": [" + kJob + "]}", kIncident,
            R"({"events": [{"seq": 1, "time": "2026-11-25T21:53:01Z", "type": "scan.queued", "data": )"
                + kJob + "}], \"last_seq\": 1}"};
        QRandomGenerator rng(42);
        for (int round = 0; round < 3000; ++round) {
            QByteArray body = answers[round % answers.size()];
            for (int n = 0; n < 4; ++n) {
                const qsizetype at = qsizetype(rng.bounded(int(body.size())));
                body[at] = char(rng.bounded(256));
            }
            const auto vms = parseVmList(body);
            QVERIFY(vms.ok() || !vms.error().isEmpty());
            const auto jobs = parseQueuedScans(body);
            QVERIFY(jobs.ok() || !jobs.error().isEmpty());
            const auto incident = parseIncident(body);
            QVERIFY(incident.ok() || !incident.error().isEmpty());
            const auto events = parseEventPage(body);
            QVERIFY(events.ok() || !events.error().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestRecords)
#include "tst_records.moc"
