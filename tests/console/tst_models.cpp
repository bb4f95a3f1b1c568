// SPDX-License-Identifier: GPL-2.0-or-later
// The console's models besides the fleet tree (tst_fleet_model): each under
// QAbstractItemModelTester, changing row by row, never reset; and the
// FleetUpdater that feeds them a frame at a time.
#include "app/fleet/FleetUpdater.h"
#include "app/models/AlertModel.h"
#include "app/models/AuditModel.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/PatternModel.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace mamori::console;

namespace {

const auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

QUuid vm(int n)
{
    return QUuid(quint32(n), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42);
}

ScanJob job(const QString &id, JobState state, const QString &origin = QStringLiteral("manual"),
    int queuedSecondsAgo = 0)
{
    ScanJob j;
    j.id = id;
    j.vm = vm(1);
    j.vmName = QStringLiteral("desk-") + id;
    j.kind = ScanKind::Full;
    j.origin = origin;
    j.state = state;
    j.queued = QDateTime::currentDateTimeUtc().addSecs(-queuedSecondsAgo);
    if (state != JobState::Queued)
        j.started = j.queued.addSecs(1);
    if (j.hasEnded())
        j.finished = j.started.addSecs(1);
    return j;
}

Incident incident(const QString &id, Severity severity, IncidentState state = IncidentState::New)
{
    Incident i;
    i.id = id;
    i.vm = vm(1);
    i.vmName = QStringLiteral("desk-1");
    i.path = QStringLiteral("/Users/a/") + id;
    i.threat = QStringLiteral("Mamori.Test");
    i.severity = severity;
    i.state = state;
    i.action = FileAction::Quarantined;
    // Fixed, so that two copies of one incident differ only where a test
    // changes them.
    i.lastSeen = QDateTime(QDate(2026, 11, 25), QTime(21, 53), Qt::UTC);
    return i;
}

// The texts of a parent's rows in one column.
QStringList texts(const QAbstractItemModel &m, const QModelIndex &parent, int column)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(parent); ++r)
        out << m.index(r, column, parent).data().toString();
    return out;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The queue: running on top, then waiting in the order they will run,
    // then the recent ones under their own row; a job moves as it changes.
    void scanJobsMoveThroughTheQueue()
    {
        ScanJobModel model;
        QAbstractItemModelTester tester(&model, kFatal);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setHost(1, QStringLiteral("kvm-01"));
        model.setHostState(1, true, false);
        model.setJobs(1,
            {job(QStringLiteral("a"), JobState::Running),
                job(QStringLiteral("s"), JobState::Queued, QStringLiteral("scheduled"), 60),
                job(QStringLiteral("m"), JobState::Queued, QStringLiteral("manual"))});
        const QModelIndex host = model.hostIndex(1);
        // Manual before scheduled, whichever came first.
        QCOMPARE(texts(model, host, ScanJobModel::VmColumn),
            QStringList(
                {QStringLiteral("desk-a"), QStringLiteral("desk-m"), QStringLiteral("desk-s")}));
        QCOMPARE(texts(model, host, ScanJobModel::PositionColumn),
            QStringList(
                {QStringLiteral("▶ Now"), QStringLiteral("Waiting"), QStringLiteral("Waiting")}));
        QCOMPARE(texts(model, host, ScanJobModel::StateColumn),
            QStringList(
                {QStringLiteral("Running"), QStringLiteral("Waiting, number 1 in the queue"),
                    QStringLiteral("Waiting, number 2 in the queue")}));
        QCOMPARE(host.siblingAtColumn(ScanJobModel::StateColumn).data().toString(),
            QStringLiteral("1 running, 2 waiting"));
        QCOMPARE(model.runningCount(), 1);
        QCOMPARE(model.waitingCount(), 2);

        // Progress repaints its cells only.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        ScanJob a = job(QStringLiteral("a"), JobState::Running);
        a.progress.files = 12;
        model.applyJob(1, a);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][0].value<QModelIndex>().column(), int(ScanJobModel::ProgressColumn));
        QVERIFY(model.index(0, ScanJobModel::ProgressColumn, host)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("12 files")));

        // It ends: out of the queue, into the recent scans; the next one runs.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        model.applyJob(1, job(QStringLiteral("a"), JobState::Finished));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1); // the "Recent scans" row, with it
        model.applyJob(
            1, job(QStringLiteral("s"), JobState::Running, QStringLiteral("scheduled"), 60));
        QCOMPARE(moved.count(), 1); // from second to first
        // The one still waiting is first in the queue now, and says so.
        QCOMPARE(model.index(1, ScanJobModel::StateColumn, host).data().toString(),
            QStringLiteral("Waiting, number 1 in the queue"));
        QCOMPARE(texts(model, host, ScanJobModel::VmColumn),
            QStringList({QStringLiteral("desk-s"), QStringLiteral("desk-m"), QString()}));
        QCOMPARE(model.index(2, 0, host).data().toString(), QStringLiteral("Recent scans"));
        const QModelIndex recent = model.index(2, 0, host);
        QCOMPARE(
            texts(model, recent, ScanJobModel::VmColumn), QStringList {QStringLiteral("desk-a")});
        QCOMPARE(model.index(0, ScanJobModel::StateColumn, recent).data().toString(),
            QStringLiteral("Finished: clean"));
        QCOMPARE(model.jobIndex(1, QStringLiteral("a")).parent(), recent);
        QCOMPARE(model.job(1, QStringLiteral("a"))->state, JobState::Finished);
        // An older snapshot of it (an answer that crossed the event of its
        // end) does not bring it back into the queue.
        model.applyJob(1, job(QStringLiteral("a"), JobState::Running));
        QCOMPARE(model.jobIndex(1, QStringLiteral("a")).parent(), recent);
        QCOMPARE(model.job(1, QStringLiteral("a"))->state, JobState::Finished);
        QCOMPARE(model.runningCount(), 1);

        // A list that no longer has a job drops it; the last recent one
        // takes its group row along.
        model.setJobs(1, {job(QStringLiteral("s"), JobState::Running)});
        QCOMPARE(model.rowCount(host), 1);
        QCOMPARE(model.jobs(1).size(), 1);
        model.setHostState(1, false, false);
        QCOMPARE(host.siblingAtColumn(ScanJobModel::StateColumn).data().toString(),
            QStringLiteral("Not connected"));
        model.removeHost(1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.count(), 0);
    }

    void recentScansAreBounded()
    {
        ScanJobModel model;
        QAbstractItemModelTester tester(&model, kFatal);
        model.setHost(1, QStringLiteral("kvm-01"));
        for (int i = 0; i < ScanJobModel::kRecentJobs + 10; ++i) {
            ScanJob j = job(QString::number(i), JobState::Finished);
            j.finished = QDateTime::currentDateTimeUtc().addSecs(i);
            model.applyJob(1, j);
        }
        const QModelIndex recent = model.index(0, 0, model.hostIndex(1));
        QCOMPARE(model.rowCount(recent), ScanJobModel::kRecentJobs);
        // Newest first.
        QCOMPARE(model.index(0, ScanJobModel::VmColumn, recent).data().toString(),
            QStringLiteral("desk-%1").arg(ScanJobModel::kRecentJobs + 9));
    }

    void incidentsChangeRowByRow()
    {
        IncidentModel model;
        IncidentFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, kFatal);
        QAbstractItemModelTester filterTester(&filter, kFatal);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setHost(1, QStringLiteral("kvm-01"));
        model.setHost(2, QStringLiteral("kvm-02"));
        model.setIncidents(1,
            {incident(QStringLiteral("inc-1"), Severity::High),
                incident(QStringLiteral("inc-2"), Severity::Low)});
        model.applyIncident(2, incident(QStringLiteral("inc-1"), Severity::Critical));
        QCOMPARE(model.rowCount(), 3); // the same id on two appliances is two incidents
        QCOMPARE(
            model.find(2, QStringLiteral("inc-1"), IncidentModel::HostColumn).data().toString(),
            QStringLiteral("kvm-02"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        Incident acknowledged = incident(QStringLiteral("inc-2"), Severity::Low);
        acknowledged.assignee = QStringLiteral("bob");
        model.applyIncident(1, acknowledged);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][0].value<QModelIndex>().column(), int(IncidentModel::AssigneeColumn));

        filter.setSeverityFilter(Severity::Critical);
        QCOMPARE(filter.rowCount(), 1);
        filter.setSeverityFilter(std::nullopt);
        model.applyIncident(
            1, incident(QStringLiteral("inc-1"), Severity::High, IncidentState::Resolved));
        QCOMPARE(filter.rowCount(), 2); // open ones by default
        filter.setStateFilter(IncidentFilterModel::StateFilter::Resolved);
        QCOMPARE(filter.rowCount(), 1);
        filter.setStateFilter(IncidentFilterModel::StateFilter::All);
        filter.setSearchText(QStringLiteral("KVM-02"));
        QCOMPARE(filter.rowCount(), 1);

        const auto open = model.openBySeverity();
        QCOMPARE(open[size_t(Severity::Critical)], 1);
        QCOMPARE(open[size_t(Severity::Low)], 1);
        QCOMPARE(open[size_t(Severity::High)], 0);

        model.setIncidents(1, {incident(QStringLiteral("inc-2"), Severity::Low)});
        QCOMPARE(model.rowCount(), 2);
        model.removeHost(2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.incident(model.index(0, 0))->id, QStringLiteral("inc-2"));
        QCOMPARE(reset.count(), 0);
    }

    void patternsPerAppliance()
    {
        PatternModel model;
        QAbstractItemModelTester tester(&model, kFatal);
        model.setHost(1, QStringLiteral("kvm-01"));
        model.setHost(2, QStringLiteral("kvm-02"));
        model.setOnline(1, true);
        PatternStatus p;
        p.active = PatternVersion {QStringLiteral("2026112501"), {}, {}, 3};
        p.source.newest = QStringLiteral("2026112502");
        model.setPatterns(1, p);
        const QModelIndex row = model.hostIndex(1);
        QVERIFY(row.data(PatternModel::OutdatedRole).toBool());
        QCOMPARE(row.siblingAtColumn(PatternModel::StatusColumn).data().toString(),
            QStringLiteral("Outdated: a newer pattern file is available"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setResult(1, QStringLiteral("Updated to 2026112502"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][0].value<QModelIndex>().column(), int(PatternModel::ResultColumn));
        p.active->version = QStringLiteral("2026112502");
        model.setPatterns(1, p);
        QVERIFY(!row.data(PatternModel::OutdatedRole).toBool());
        QCOMPARE(model.hostIndex(2, PatternModel::StatusColumn).data().toString(),
            QStringLiteral("Not connected"));
        model.removeHost(1);
        QCOMPARE(model.rowCount(), 1);
    }

    void alertsNewestFirstAndBounded()
    {
        FleetModel fleet;
        fleet.setHost(7, QStringLiteral("kvm-07"));
        AlertModel model(&fleet);
        QAbstractItemModelTester tester(&model, kFatal);
        for (int i = 0; i < AlertModel::kMaxAlerts + 5; ++i) {
            Alert a;
            a.applianceId = i % 2 ? 8 : 7;
            a.seq = i;
            a.type = QStringLiteral("appliance.trouble");
            a.what = QStringLiteral("inventory");
            a.message = QString::number(i);
            model.addAlert(a);
        }
        QCOMPARE(model.rowCount(), AlertModel::kMaxAlerts);
        QCOMPARE(model.alert(0)->seq, AlertModel::kMaxAlerts + 4);
        QCOMPARE(model.index(0, AlertModel::ApplianceColumn).data().toString(),
            QStringLiteral("kvm-07"));
        QVERIFY(model.index(0, AlertModel::DetailColumn)
                    .data()
                    .toString()
                    .endsWith(QString::number(AlertModel::kMaxAlerts + 4)));
        model.removeHost(8);
        QCOMPARE(model.rowCount(), AlertModel::kMaxAlerts / 2);
    }

    void auditAndActionLogs()
    {
        AuditModel audit;
        QAbstractItemModelTester tester(&audit, kFatal);
        QList<AuditRecord> page;
        for (int seq = 1; seq <= 3; ++seq) {
            AuditRecord r;
            r.seq = seq;
            r.timeText = QStringLiteral("2026-11-25T21:53:0%1Z").arg(seq);
            r.time = QDateTime::fromString(r.timeText, Qt::ISODate);
            r.action = QStringLiteral("session.login");
            page.append(r);
        }
        audit.append(page);
        audit.append({});
        QCOMPARE(audit.rowCount(), 3);
        QCOMPARE(audit.index(2, AuditModel::SeqColumn).data(Qt::EditRole).toLongLong(), 3);
        audit.clear();
        QCOMPARE(audit.rowCount(), 0);

        ActionLogModel actions;
        QAbstractItemModelTester actionsTester(&actions, kFatal);
        QSignalSpy inserted(&actions, &QAbstractItemModel::rowsInserted);
        QList<ActionRecord> log;
        for (int id = 2; id >= 1; --id)
            log.append({id, QDateTime::currentDateTimeUtc(), 1, QStringLiteral("kvm-01"),
                QStringLiteral("scan.start"), QStringLiteral("/api/v1/scans"),
                QStringLiteral("success")});
        actions.setActions(log);
        log.prepend({3, QDateTime::currentDateTimeUtc(), 1, QStringLiteral("kvm-01"),
            QStringLiteral("scan.cancel"), QStringLiteral("/api/v1/scans/x"),
            QStringLiteral("success")});
        actions.setActions(log); // only the new one goes in
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted[1][1].toInt(), 0);
        QCOMPARE(inserted[1][2].toInt(), 0);
        // In words, and what the path named rather than the path.
        QCOMPARE(actions.index(0, ActionLogModel::ActionColumn).data().toString(),
            QStringLiteral("Cancel a scan"));
        QCOMPARE(
            actions.index(0, ActionLogModel::TargetColumn).data().toString(), QStringLiteral("x"));
    }

    // A guest chooses its file and VM names: every tooltip that shows one
    // (which a view would read as rich text) holds it escaped, as text.
    void guestTextIsNeverMarkup()
    {
        const QString hostile = QStringLiteral("invoice<br><b>Verified clean</b>.exe");
        const auto isText = [&hostile](const QVariant &tip) {
            const QString html = tip.toString();
            return html.contains(hostile.toHtmlEscaped()) && !html.contains(QLatin1String("<b>"));
        };

        IncidentModel incidents;
        incidents.setHost(1, QStringLiteral("kvm-01"));
        Incident i = incident(QStringLiteral("inc-1"), Severity::High);
        i.path = QStringLiteral("/Users/a/") + hostile;
        incidents.applyIncident(1, i);
        QVERIFY(isText(incidents.index(0, IncidentModel::FileColumn).data(Qt::ToolTipRole)));

        ScanJobModel jobs;
        jobs.setHost(1, QStringLiteral("kvm-01"));
        ScanJob running = job(QStringLiteral("a"), JobState::Running);
        running.progress.currentPath = hostile;
        jobs.applyJob(1, running);
        QVERIFY(isText(
            jobs.index(0, ScanJobModel::PathColumn, jobs.hostIndex(1)).data(Qt::ToolTipRole)));

        FleetModel fleet;
        fleet.setHost(1, QStringLiteral("kvm-01"));
        AlertModel alerts(&fleet);
        Alert a;
        a.applianceId = 1;
        a.seq = 1;
        a.type = QStringLiteral("appliance.trouble");
        a.what = hostile;
        a.message = hostile;
        alerts.addAlert(a);
        QVERIFY(isText(alerts.index(0, AlertModel::DetailColumn).data(Qt::ToolTipRole)));
        // The tray's notifications (their body is markup to the desktop).
        QVERIFY(isText(StatusText::notificationBody(hostile)));
    }

    // What the appliances report within a frame reaches each model in one
    // batch, the latest word winning.
    void updaterAppliesAFrameAtATime()
    {
        FleetModel fleet;
        ScanJobModel jobs;
        IncidentModel incidents;
        AlertModel alerts(&fleet);
        QAbstractItemModelTester tester(&fleet, kFatal);
        FleetUpdater updater(&fleet, &jobs, &incidents, &alerts);
        fleet.setHost(1, QStringLiteral("kvm-01"));
        jobs.setHost(1, QStringLiteral("kvm-01"));
        incidents.setHost(1, QStringLiteral("kvm-01"));
        fleet.setHostReachable(1, true, QDateTime::currentDateTimeUtc());

        Vm desk;
        desk.id = vm(1);
        desk.name = QStringLiteral("desk-1");
        desk.power = Power::Running;
        desk.status = mamori::protocol::ProtectionStatus::Protected;
        updater.vmList(1, {desk});
        Vm later = desk;
        later.status = mamori::protocol::ProtectionStatus::Scanning;
        updater.vm(1, later);
        updater.vmChange(1, {vm(1), QStringLiteral("desk-1b"), Power::Paused, std::nullopt});
        updater.job(1, job(QStringLiteral("a"), JobState::Queued));
        updater.job(1, job(QStringLiteral("a"), JobState::Running));
        updater.incident(1, incident(QStringLiteral("inc-1"), Severity::High));
        QVERIFY(updater.isPending());
        QCOMPARE(fleet.vmCount(), 0); // nothing before the frame ends

        QSignalSpy inserted(&fleet, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&fleet, &QAbstractItemModel::dataChanged);
        QSignalSpy flushed(&updater, &FleetUpdater::flushed);
        QVERIFY(flushed.wait(1000));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 2); // the VM's row once, its host's once
        QCOMPARE(fleet.vm(vm(1))->name, QStringLiteral("desk-1b"));
        QCOMPARE(fleet.vm(vm(1))->power, Power::Paused);
        QCOMPARE(fleet.vm(vm(1))->status, mamori::protocol::ProtectionStatus::Scanning);
        QCOMPARE(jobs.jobs(1).size(), 1);
        QCOMPARE(jobs.jobs(1).first().state, JobState::Running);
        QCOMPARE(incidents.rowCount(), 1);

        // A job's end stands against what was reported of it before the end
        // and arrives after it, within one frame: a single report, or a list.
        updater.job(1, job(QStringLiteral("a"), JobState::Cancelled));
        updater.job(1, job(QStringLiteral("a"), JobState::Running));
        updater.flush();
        QCOMPARE(jobs.job(1, QStringLiteral("a"))->state, JobState::Cancelled);
        updater.job(1, job(QStringLiteral("b"), JobState::Running));
        updater.flush();
        updater.job(1, job(QStringLiteral("b"), JobState::Finished));
        updater.jobList(1,
            {job(QStringLiteral("a"), JobState::Cancelled),
                job(QStringLiteral("b"), JobState::Running)});
        updater.flush();
        QCOMPARE(jobs.job(1, QStringLiteral("b"))->state, JobState::Finished);
        QCOMPARE(jobs.runningCount(), 0);

        updater.vmRemoved(1, vm(1));
        updater.vmChange(1, {vm(1), QStringLiteral("again"), Power::Running, std::nullopt});
        updater.flush();
        QCOMPARE(fleet.vmCount(), 0); // the removal stands
        updater.vm(1, desk);
        updater.forget(1);
        updater.flush();
        QCOMPARE(fleet.vmCount(), 0);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
