// SPDX-License-Identifier: GPL-2.0-or-later
// The security pages against a real appliance: scans started and
// cancelled, an incident restored, a pattern update, the audit log's chain,
// the policy, a report, and what the virtualization administrator may do.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "app/metrics/MetricsArchive.h"
#include "app/models/IncidentModel.h"
#include "app/models/PatternModel.h"
#include "app/models/ScanFollow.h"
#include "app/models/ScanJobModel.h"
#include "ui/AuditPage.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"
#include "ui/IncidentsPage.h"
#include "ui/PatternsPage.h"
#include "ui/PolicyDialog.h"
#include "ui/ReportWriter.h"
#include "ui/ScansPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include <memory>

using namespace mamori;
using mamori::test::ApplianceProcess;
using mamori::test::writeFile;

namespace {

const QByteArray kPassword = test::kConsolePassword;

// A console signed in as `user` to the one appliance of these tests.
struct Console : test::ConsoleFixture
{
    bool connect(const ApplianceProcess &app, const QString &user)
    {
        return add(app, QStringLiteral("kvm-01"), user, 3);
    }
};

// Whether a job is waiting or running.
bool busy(const QList<console::ScanJob> &jobs)
{
    return std::any_of(
        jobs.cbegin(), jobs.cend(), [](const console::ScanJob &j) { return !j.hasEnded(); });
}

template<typename T> T *waitForDialog(QWidget *parent, const QString &name)
{
    T *found = nullptr;
    (void)QTest::qWaitFor([&] { return (found = parent->findChild<T *>(name)) != nullptr; }, 5000);
    return found;
}

} // namespace

class TestSecurityPages : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<Console> m_sec;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword));
        QVERIFY(m_app->addUser(
            QStringLiteral("virt"), QStringLiteral("virtualization-admin"), kPassword));
        // Distinct files per VM (no scan cache hits between them), enough
        // that a scan of three takes a while.
        for (const QString &name :
            {QStringLiteral("desk-001"), QStringLiteral("desk-002"), QStringLiteral("desk-003")}) {
            for (int i = 0; i < 400; ++i)
                QVERIFY(writeFile(
                    QStringLiteral("%1/%2/Windows/f%3.dll").arg(m_app->vmsDir(), name).arg(i),
                    (name + QString::number(i)).toUtf8().repeated(10000)));
        }
        const QString feed =
            test::installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026112501);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(QStringLiteral(R"("inventory_interval_ms": 200, "pattern_source": "%1")")
                             .arg(feed)
                             .toUtf8());
        QVERIFY(m_app->start());
        m_sec = std::make_unique<Console>();
        QVERIFY(m_sec->connect(*m_app, QStringLiteral("sec")));
        QVERIFY(m_sec->connection()->mayAct());
    }

    void cleanupTestCase()
    {
        m_sec.reset();
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void virtualizationAdminHasNoSecurityAction()
    {
        Console virt;
        QVERIFY(virt.connect(*m_app, QStringLiteral("virt")));
        QVERIFY(!virt.connection()->mayAct());
        ui::FleetSelection selection;
        ui::ScansPage scans(virt.fleet.get(), &selection);
        ui::IncidentsPage incidents(virt.fleet.get());
        ui::PatternsPage patterns(virt.fleet.get());
        auto *start = scans.findChild<QPushButton *>(QStringLiteral("startScanButton"));
        QVERIFY(!start->isEnabled());
        QCOMPARE(start->toolTip(),
            QStringLiteral("Your role on this appliance (virtualization "
                           "administrator) may not start scans."));
        QVERIFY(!scans.findChild<QPushButton *>(QStringLiteral("cancelScanButton"))->isEnabled());
        for (QPushButton *b : incidents.findChildren<QPushButton *>()) {
            if (b->property("action").isValid()) {
                QVERIFY2(!b->isEnabled(), qPrintable(b->objectName()));
                QVERIFY(b->toolTip().contains(QStringLiteral("virtualization administrator")));
            }
        }
        patterns.selectHosts({virt.connection()->id()});
        for (const char *name : {"updateSelectedButton", "updateAllButton", "rollbackButton"}) {
            auto *b = patterns.findChild<QPushButton *>(QLatin1String(name));
            QVERIFY2(!b->isEnabled(), name);
            QVERIFY(b->toolTip().contains(QStringLiteral("virtualization administrator")));
        }
        ui::PolicyDialog policy(virt.fleet.get(), virt.connection());
        QVERIFY(!policy.findChild<QPushButton *>(QStringLiteral("policyApply"))->isEnabled());
    }

    void scanStartedFromTheScansPageAndCancelled()
    {
        console::ApplianceConnection *c = m_sec->connection();
        // The automatic first scans of the new VMs may still run: a full
        // scan asked for now widens a VM's queued job and keeps its place.
        ui::FleetSelection selection;
        ui::ScansPage page(m_sec->fleet.get(), &selection);
        console::ScanJobModel *jobs = m_sec->fleet->scanJobs();
        QStringList asked;
        page.confirm = [&](const QString &q) {
            asked.append(q);
            return true;
        };
        page.findChild<QPushButton *>(QStringLiteral("startScanButton"))->click();
        auto *dialog = waitForDialog<QDialog>(&page, QStringLiteral("startScanDialog"));
        QVERIFY(dialog);
        auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("scanKind"));
        kind->setCurrentIndex(kind->findData(int(console::ScanKind::Full)));
        dialog->findChild<QPushButton *>(QStringLiteral("scanTickAll"))->click();
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            page.resultLabel()->text().contains(QStringLiteral("3 scan(s) queued")), 10000);

        // The queue shows one running on top and the others waiting, numbered.
        QString waitingId;
        const QModelIndex host = jobs->hostIndex(c->id());
        const bool found = QTest::qWaitFor(
            [&] {
                waitingId.clear();
                for (int i = 0; i < jobs->rowCount(host); ++i) {
                    const QModelIndex row = jobs->index(i, 0, host);
                    const int state = row.data(console::ScanJobModel::JobStateRole).toInt();
                    if (state == int(console::JobState::Queued)
                        || state == int(console::JobState::Running))
                        waitingId = row.data(console::ScanJobModel::JobIdRole).toString();
                }
                return !waitingId.isEmpty();
            },
            10000);
        QVERIFY(found);
        const QString first =
            jobs->index(0, console::ScanJobModel::StateColumn, host).data().toString();
        QVERIFY2(first == QLatin1String("Running")
                || first == QLatin1String("Waiting, number 1 in the queue"),
            qPrintable(first));
        page.selectJob(waitingId);
        // The end of a scan is announced once (status bar and tray).
        QSignalSpy ended(m_sec->fleet.get(), &console::Fleet::scanEnded);
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("cancelScanButton"))->isEnabled());
        page.findChild<QPushButton *>(QStringLiteral("cancelScanButton"))->click();
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked[0].startsWith(QStringLiteral("Cancel the scan of desk-")));
        auto stateOf = [&](const QString &id) {
            const console::ScanJob *job = jobs->job(c->id(), id);
            return job ? job->state : console::JobState::Unknown;
        };
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(waitingId), console::JobState::Cancelled, 20000);
        int endsOfIt = 0;
        for (const QList<QVariant> &e : std::as_const(ended)) {
            const auto job = e.at(1).value<console::ScanJob>();
            if (job.id == waitingId) {
                ++endsOfIt;
                QCOMPARE(console::ScanFollow::endText(job, QStringLiteral("kvm-01")),
                    QStringLiteral("Scan of %1 on kvm-01 was cancelled.").arg(job.vmName));
            }
        }
        QCOMPARE(endsOfIt, 1);
        QVERIFY(page.resultLabel()->text().contains(QStringLiteral("was cancelled")));
        // Cancel the rest so that later tests start with an idle appliance,
        // also a job the appliance queues meanwhile (each one once).
        QSet<QString> cancelled {waitingId};
        auto cancelRest = [&] {
            for (const console::ScanJob &j : jobs->jobs(c->id())) {
                if (!j.hasEnded() && !cancelled.contains(j.id)) {
                    cancelled.insert(j.id);
                    page.selectJob(j.id);
                    page.cancelCurrentJob();
                }
            }
            return !busy(jobs->jobs(c->id()));
        };
        const bool idle = QTest::qWaitFor(cancelRest, 60000);
        QString shown;
        for (const console::ScanJob &j : jobs->jobs(c->id()))
            shown += QStringLiteral(" %1 %2 %3;").arg(j.id, j.vmName).arg(int(j.state));
        QVERIFY2(
            idle, qPrintable(QStringLiteral("jobs still shown as waiting or running:") + shown));
    }

    void incidentRestoredFromTheIncidentsPage()
    {
        ui::IncidentsPage page(m_sec->fleet.get());
        QStringList asked;
        page.confirm = [&](const QString &q) {
            asked.append(q);
            return true;
        };
        const QString path =
            m_app->vmsDir() + QStringLiteral("/desk-003/Users/alice/Downloads/invoice.pdf.exe");
        const QByteArray content =
            QByteArray("header ") + test::bodyMarker() + QByteArray(" trailer");
        QVERIFY(writeFile(path, content));
        auto *model = page.filterModel();
        auto rowOf = [&] {
            for (int r = 0; r < model->rowCount(); ++r) {
                const console::Incident *i =
                    m_sec->fleet->incidents()->incident(model->mapToSource(model->index(r, 0)));
                if (i && i->action == console::FileAction::Quarantined)
                    return r;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowOf() >= 0, 20000);
        QVERIFY(!QFile::exists(path));
        page.view()->selectRow(rowOf());
        QVERIFY(page.actionButton(console::IncidentAction::Restore)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(
            page.detail()->toPlainText().contains(QStringLiteral("History")), 10000);
        page.actionButton(console::IncidentAction::Restore)->click();
        auto *dialog = waitForDialog<QDialog>(&page, QStringLiteral("incidentNoteDialog"));
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("incidentNote"))
            ->setText(QStringLiteral("false positive"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked[0].contains(QStringLiteral("invoice.pdf.exe")));
        QTRY_VERIFY_WITH_TIMEOUT(
            page.resultLabel()->text().contains(QStringLiteral("done")), 10000);
        QFile back(path);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), content);

        // Several at once: acknowledge with a result per incident.
        page.view()->selectAll();
        QTRY_VERIFY(page.actionButton(console::IncidentAction::Acknowledge)->isEnabled());
        page.runAction(console::IncidentAction::Acknowledge, QStringLiteral("seen"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !page.resultLabel()->text().contains(QStringLiteral("Working")), 10000);
        QVERIFY(page.resultLabel()->text().contains(QStringLiteral("inc-")));
        QCOMPARE(asked.size(), 1); // acknowledging asks nothing
    }

    void patternUpdateFromThePatternsPage()
    {
        console::ApplianceConnection *c = m_sec->connection();
        ui::PatternsPage page(m_sec->fleet.get());
        page.confirm = [](const QString &) { return true; };
        console::PatternModel *model = m_sec->fleet->patterns();
        QCOMPARE(model->rowCount(), 1);
        page.selectHosts({c->id()});
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("updateSelectedButton"))->isEnabled());
        QSignalSpy finished(&page, &ui::PatternsPage::updatesFinished);
        page.findChild<QPushButton *>(QStringLiteral("updateSelectedButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(page.resultFor(c->id()), QStringLiteral("Updated to 2026112502"));
        QCOMPARE(page.progress()->value(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->hostIndex(c->id(), console::PatternModel::ActiveColumn).data().toString(),
            QStringLiteral("2026112502"), 10000);
        QVERIFY(!model->hostIndex(c->id()).data(console::PatternModel::OutdatedRole).toBool());
    }

    // One truth about the pattern: a check installs nothing and says so; a
    // rollback holds the newer version back (not "outdated", not
    // "updated") until it is allowed again.
    void patternHeldBackAfterRollbackAndAllowedAgain()
    {
        console::ApplianceConnection *c = m_sec->connection();
        ui::PatternsPage page(m_sec->fleet.get());
        page.confirm = [](const QString &) { return true; };
        console::PatternModel *model = m_sec->fleet->patterns();
        page.selectHosts({c->id()});
        auto button = [&](const char *name) {
            return page.findChild<QPushButton *>(QLatin1String(name));
        };
        QVERIFY(!button("allowAgainButton")->isEnabled());
        button("checkNowButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            page.resultFor(c->id()), QStringLiteral("Already up to date (2026112502)"), 20000);

        QSignalSpy rolled(&page, &ui::PatternsPage::rolledBack);
        button("rollbackButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(rolled.count(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->hostIndex(c->id(), console::PatternModel::ActiveColumn).data().toString(),
            QStringLiteral("2026112501"), 10000);
        const QString status =
            model->hostIndex(c->id(), console::PatternModel::StatusColumn).data().toString();
        QVERIFY2(status.startsWith(QStringLiteral("Held back after rollback: 2026112502")),
            qPrintable(status));
        QVERIFY(!model->hostIndex(c->id()).data(console::PatternModel::OutdatedRole).toBool());
        QTRY_VERIFY(button("allowAgainButton")->isEnabled());

        // An update installs nothing, and says so.
        QSignalSpy finished(&page, &ui::PatternsPage::updatesFinished);
        button("updateSelectedButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(page.resultFor(c->id()),
            QStringLiteral("Nothing installed: 2026112502 is held back after rollback"));

        button("allowAgainButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            page.resultFor(c->id()).contains(QStringLiteral("allowed again")), 20000);
        QTRY_VERIFY(model->hostIndex(c->id()).data(console::PatternModel::OutdatedRole).toBool());
        button("updateSelectedButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QCOMPARE(page.resultFor(c->id()), QStringLiteral("Updated to 2026112502"));
    }

    void auditChainIsVerified()
    {
        ui::AuditPage page(m_sec->fleet.get());
        QSignalSpy loaded(&page, &ui::AuditPage::loaded);
        page.load();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QVERIFY2(page.chainLabel()->text().startsWith(QStringLiteral("Chain intact (")),
            qPrintable(page.chainLabel()->text()));
        QVERIFY(page.auditModel()->rowCount() > 5);
        page.search()->setText(QStringLiteral("Restore the file")); // incident.restore, in words
        QCOMPARE(page.auditModel()->rowCount(), 1);
        page.loadActions();
        QVERIFY(page.actionsModel()->rowCount() >= 1); // filtered by the same search
    }

    void policyIsCheckedAndApplied()
    {
        console::ApplianceConnection *c = m_sec->connection();
        ui::PolicyDialog dialog(m_sec->fleet.get(), c);
        QString error;
        QVERIFY(dialog.editedPolicy(&error).has_value());
        auto *scheduled = dialog.findChild<QCheckBox *>(QStringLiteral("policyScheduled"));
        scheduled->setChecked(true);
        for (QCheckBox *b : dialog.findChildren<QCheckBox *>())
            b->setChecked(b == scheduled);
        dialog.apply();
        QCOMPARE(
            dialog.resultLabel()->text(), QStringLiteral("Scheduled scans need at least one day."));
        scheduled->setChecked(false);
        dialog.concurrency()->setValue(2);
        QSignalSpy applied(&dialog, &ui::PolicyDialog::applied);
        dialog.apply();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 10000);
        QCOMPARE(applied[0][0].toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(c->policy().edit.maxConcurrentScans, 2, 10000);
    }

    void reportWrittenAndParsedBack()
    {
        // An hour of host samples in the console's history: CPU 20 % and
        // 30 % in turn against a baseline of 10 %.
        console::MetricsArchive archive;
        QVERIFY(archive.open(m_work.filePath(QStringLiteral("console-metrics"))));
        const int id = m_sec->connection()->id();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<console::MetricPoint> points;
        for (int i = 0; i < 60; ++i)
            points.append({now - (60 - i) * 60000, i % 2 ? 30.0 : 20.0, 4e9, 1e6, 2e6});
        QVERIFY(archive.store(id, QStringLiteral("host"), points));
        ui::ReportWriter::Resources resources;
        resources.archive = &archive;
        resources.baselines.insert(
            id, *console::parseBaseline(QByteArray(R"({"scopes": {"host": {"cpu": {"value": 10},
                "mem": {"value": 2e9}, "read": {"value": 1e6}, "write": {"value": 1e6}}}})")));

        const QString path = m_work.filePath(QStringLiteral("report.csv"));
        QString error;
        QVERIFY2(ui::ReportWriter::writeCsv(m_sec->fleet.get(),
                     QDateTime::currentDateTimeUtc().addDays(-1),
                     QDateTime::currentDateTimeUtc().addDays(1), path, &error, resources),
            qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = ui::ReportWriter::parseCsv(QString::fromUtf8(f.readAll()));
        QCOMPARE(rows.value(0).value(0), QStringLiteral("Section"));
        int vms = 0;
        int incidents = 0;
        for (const QStringList &row : rows) {
            if (row.value(0) == QLatin1String("Protection status")) {
                ++vms;
                QVERIFY(row.value(2).startsWith(QStringLiteral("desk-00")));
            }
            if (row.value(0) == QLatin1String("Incident")) {
                ++incidents;
                // Named with its host: unambiguous across appliances.
                QVERIFY2(row.value(1).contains(QStringLiteral("/inc-")), qPrintable(row.value(1)));
                QCOMPARE(row.value(7), QStringLiteral("/Users/alice/Downloads/invoice.pdf.exe"));
            }
        }
        QCOMPARE(vms, 3);
        QCOMPARE(incidents, 1);
        QHash<QString, QStringList> use; // metric → row
        for (const QStringList &row : rows) {
            if (row.value(0) == QLatin1String("Resource use"))
                use.insert(row.value(2), row);
        }
        QCOMPARE(use.size(), 4);
        QCOMPARE(use[QStringLiteral("CPU")].value(1), QStringLiteral("kvm-01"));
        QCOMPARE(use[QStringLiteral("CPU")].value(3), QStringLiteral("25%"));
        QCOMPARE(use[QStringLiteral("CPU")].value(4), QStringLiteral("30%"));
        QCOMPARE(use[QStringLiteral("CPU")].value(6), QStringLiteral("250%"));
        QCOMPARE(use[QStringLiteral("Memory")].value(6), QStringLiteral("200%"));
        QCOMPARE(use[QStringLiteral("CPU")].value(7), QStringLiteral("60"));
        // The chart: bars above the baseline line for this host.
        const QImage chart =
            ui::ReportWriter::resourceChart(m_sec->fleet.get(), resources, {}, {}, QSize(900, 300));
        QCOMPARE(chart.size(), QSize(900, 300));
        if (qEnvironmentVariableIsSet("MAMORI_SAVE_CHART"))
            chart.save(qEnvironmentVariable("MAMORI_SAVE_CHART"));
        QVERIFY(chart.pixelColor(450, 200) != QColor(Qt::white));
        const QString pdf = m_work.filePath(QStringLiteral("report.pdf"));
        QVERIFY2(ui::ReportWriter::writePdf(m_sec->fleet.get(), {}, {}, pdf, &error, resources),
            qPrintable(error));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
    }
};

QTEST_MAIN(TestSecurityPages)

#include "tst_security_pages.moc"
