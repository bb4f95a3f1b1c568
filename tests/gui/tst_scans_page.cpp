// SPDX-License-Identifier: GPL-2.0-or-later
// The Scans page follows a scan: percentage and time left from the VM's
// previous scan, why a waiting scan waits, and a selection and an expansion
// that outlast the rows' moves. The jobs are given to the model as the
// appliance's answers and events carry them.
#include "ConsoleFixture.h"
#include "app/models/ScanFollow.h"
#include "app/models/ScanJobModel.h"
#include "ui/ScansPage.h"

#include <QPushButton>
#include <QTest>
#include <QTreeView>

using namespace mamori;
using console::JobState;
using console::ScanJob;
using console::ScanJobModel;

namespace {

constexpr int kHost = 1;

ScanJob job(const QString &id, JobState state)
{
    ScanJob j;
    j.id = id;
    j.vm = QUuid::createUuid();
    j.vmName = id + QStringLiteral("-vm");
    j.kind = console::ScanKind::Full;
    j.origin = QStringLiteral("manual");
    j.state = state;
    j.queued = QDateTime::currentDateTimeUtc().addSecs(-120);
    return j;
}

} // namespace

class TestScansPage : public QObject
{
    Q_OBJECT

    test::ConsoleFixture m_console;

    ScanJobModel *jobs() { return m_console.fleet->scanJobs(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_console.open());
        jobs()->setHost(kHost, QStringLiteral("kvm-01"));
        jobs()->setHostState(kHost, true, false);
    }

    void runningScanShowsPercentageAndTimeLeft()
    {
        ScanJob running = job(QStringLiteral("scan-a"), JobState::Running);
        running.started = QDateTime::currentDateTimeUtc().addSecs(-60);
        running.progress.files = 100;
        running.expectedFiles = 400;
        running.expectedBytes = 1 << 20;
        jobs()->applyJob(kHost, running);
        const QModelIndex at = jobs()->jobIndex(kHost, running.id, ScanJobModel::ProgressColumn);
        QCOMPARE(at.data(ScanJobModel::PercentRole).toInt(), 25);
        const QString text = at.data().toString();
        // 300 files to go at 100 a minute (no translator here: the plural is raw).
        QVERIFY2(text.startsWith(QStringLiteral("100 of about 400 files (25 %), about 3 minute(s) "
                                                "left")),
            qPrintable(text));

        // Without a previous scan: counts only.
        ScanJob first = running;
        first.expectedFiles = -1;
        QVERIFY(!console::ScanFollow::estimate(first, QDateTime::currentDateTimeUtc()));
        QVERIFY(console::ScanFollow::progressText(first, QDateTime::currentDateTimeUtc())
                    .startsWith(QStringLiteral("100 files")));
    }

    void waitingScanSaysWhyItIsHeldBack()
    {
        ScanJob waiting = job(QStringLiteral("scan-b"), JobState::Queued);
        waiting.heldBack = console::ScanHold {QStringLiteral("host_busy"), 71.2, 60.0, {}, {}};
        jobs()->applyJob(kHost, waiting);
        QCOMPARE(jobs()->jobIndex(kHost, waiting.id, ScanJobModel::StateColumn).data().toString(),
            QStringLiteral("Held back: the host is busy (CPU 71 % against a threshold of 60 %); "
                           "number 1 in the queue"));
    }

    void selectionAndExpansionOutlastMoves()
    {
        ui::ScansPage page(m_console.fleet.get(), nullptr);
        const auto select = [&](const QString &id) {
            page.view()->setCurrentIndex(jobs()->jobIndex(kHost, id));
        };
        // The waiting manual scan may be run now only with an appliance to ask.
        select(QStringLiteral("scan-b"));
        QCOMPARE(page.currentJob(), QStringLiteral("scan-b"));
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("runScanNowButton"))->isEnabled());

        select(QStringLiteral("scan-a"));
        ScanJob ended = *jobs()->job(kHost, QStringLiteral("scan-a"));
        ended.state = JobState::Finished;
        ended.finished = QDateTime::currentDateTimeUtc();
        jobs()->applyJob(kHost, ended); // from the queue to "Recent scans"
        QCOMPARE(page.currentJob(), QStringLiteral("scan-a"));
        const QModelIndex host = jobs()->hostIndex(kHost);
        const QModelIndex recent = jobs()->index(jobs()->rowCount(host) - 1, 0, host);
        QVERIFY(page.view()->isExpanded(recent));

        // Closed by the admin, it stays closed when its rows come again.
        page.view()->collapse(recent);
        jobs()->setJobs(kHost, {*jobs()->job(kHost, QStringLiteral("scan-b"))});
        QCOMPARE(jobs()->rowCount(host), 1); // no recent scans, no group
        ScanJob later = job(QStringLiteral("scan-c"), JobState::Finished);
        later.finished = QDateTime::currentDateTimeUtc();
        jobs()->applyJob(kHost, later);
        const QModelIndex again = jobs()->index(jobs()->rowCount(host) - 1, 0, host);
        QVERIFY(again.data(ScanJobModel::JobIdRole).toString().isEmpty());
        QVERIFY(!page.view()->isExpanded(again));
        // And a queued line the appliance no longer lists is gone.
        jobs()->setJobs(kHost, {later});
        QVERIFY(!jobs()->job(kHost, QStringLiteral("scan-b")));
        QCOMPARE(jobs()->waitingCount(), 0);
    }
};

QTEST_MAIN(TestScansPage)
#include "tst_scans_page.moc"
