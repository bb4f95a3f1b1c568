// SPDX-License-Identifier: GPL-2.0-or-later
// The Incidents page's actions against a real appliance: each button is
// enabled exactly where the incident's state allows its action, says why
// not where it does not, and a refusal of the appliance is shown as its
// reason in the admin's words.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "app/client/ApiError.h"
#include "app/models/IncidentModel.h"
#include "ui/IncidentsPage.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mamori;
using console::FileAction;
using console::IncidentAction;
using console::IncidentState;
using mamori::test::ApplianceProcess;

class TestIncidentActions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    test::ConsoleFixture m_console;
    QString m_path;
    QByteArray m_content;

    const console::Incident *incident()
    {
        console::IncidentModel *model = m_console.fleet->incidents();
        return model->rowCount() == 1 ? model->incident(model->index(0, 0)) : nullptr;
    }

    // Resolved incidents too (the page starts with the open ones).
    static void showAllStates(ui::IncidentsPage &page)
    {
        auto *states = page.findChild<QComboBox *>(QStringLiteral("incidentStateFilter"));
        states->setCurrentIndex(
            states->findData(int(console::IncidentFilterModel::StateFilter::All)));
    }

    // Which actions the page offers for the selected incident.
    static QList<IncidentAction> enabled(const ui::IncidentsPage &page)
    {
        QList<IncidentAction> out;
        for (IncidentAction a :
            {IncidentAction::Quarantine, IncidentAction::Delete, IncidentAction::Restore,
                IncidentAction::Allow, IncidentAction::IsolateVm, IncidentAction::ReleaseVm,
                IncidentAction::Acknowledge, IncidentAction::Assign, IncidentAction::Resolve}) {
            if (page.actionButton(a)->isEnabled())
                out.append(a);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword));
        QVERIFY(test::writeFile(
            m_app->vmsDir() + QStringLiteral("/desk-001/Windows/notepad.exe"), "clean"));
        const QString feed =
            test::installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026120501);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(QByteArrayLiteral(R"("inventory_interval_ms": 200)"));
        QVERIFY(m_app->start());
        QVERIFY(m_console.add(*m_app, QStringLiteral("kvm-01"), QStringLiteral("sec"), 1));
        // Found by real-time scanning and quarantined automatically.
        m_path = m_app->vmsDir() + QStringLiteral("/desk-001/Users/bob/Downloads/setup.exe");
        m_content = QByteArray("header ") + test::bodyMarker() + QByteArray(" trailer");
        QVERIFY(test::writeFile(m_path, m_content));
        QTRY_VERIFY_WITH_TIMEOUT(
            incident() && incident()->action == FileAction::Quarantined, 30000);
    }

    void cleanupTestCase()
    {
        m_console.fleet.reset();
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void buttonsFollowTheIncidentsState()
    {
        ui::IncidentsPage page(m_console.fleet.get());
        page.confirm = [](const QString &) { return true; };
        showAllStates(page);
        QCOMPARE(enabled(page), QList<IncidentAction>());
        page.view()->selectRow(0);
        // New, file in quarantine, VM on the network.
        QCOMPARE(enabled(page),
            (QList<IncidentAction> {IncidentAction::Delete, IncidentAction::Restore,
                IncidentAction::Allow, IncidentAction::IsolateVm, IncidentAction::Acknowledge,
                IncidentAction::Assign, IncidentAction::Resolve}));
        QCOMPARE(page.actionButton(IncidentAction::Quarantine)->toolTip(),
            console::ApiError::conflictText(protocol::ConflictReason::AlreadyQuarantined));
        QCOMPARE(page.actionButton(IncidentAction::ReleaseVm)->toolTip(),
            console::ApiError::conflictText(protocol::ConflictReason::VmNotIsolated));

        page.runAction(IncidentAction::Acknowledge, QStringLiteral("seen"));
        QTRY_COMPARE_WITH_TIMEOUT(incident()->state, IncidentState::Acknowledged, 10000);
        QTRY_VERIFY(!page.actionButton(IncidentAction::Acknowledge)->isEnabled());
        QCOMPARE(page.actionButton(IncidentAction::Acknowledge)->toolTip(),
            console::ApiError::conflictText(protocol::ConflictReason::AlreadyAcknowledged));

        page.runAction(IncidentAction::Resolve, QStringLiteral("done"));
        QTRY_COMPARE_WITH_TIMEOUT(incident()->state, IncidentState::Resolved, 10000);
        // A resolved incident keeps its file and VM actions.
        QTRY_COMPARE(enabled(page),
            (QList<IncidentAction> {IncidentAction::Delete, IncidentAction::Restore,
                IncidentAction::Allow, IncidentAction::IsolateVm}));
        QCOMPARE(page.actionButton(IncidentAction::Assign)->toolTip(),
            console::ApiError::conflictText(protocol::ConflictReason::IncidentResolved));
    }

    void refusalShowsTheAppliancesReason()
    {
        ui::IncidentsPage page(m_console.fleet.get());
        page.confirm = [](const QString &) { return true; };
        showAllStates(page);
        page.view()->selectRow(0);
        QVERIFY(page.actionButton(IncidentAction::Restore)->isEnabled());
        // Meanwhile another file took the quarantined file's name in the VM:
        // only the appliance can know, and it refuses.
        QVERIFY(test::writeFile(m_path, "a new, clean file"));
        page.runAction(IncidentAction::Restore, QStringLiteral("false positive"));
        const QString reason =
            console::ApiError::conflictText(protocol::ConflictReason::FileExists);
        QTRY_VERIFY_WITH_TIMEOUT(page.resultLabel()->text().contains(reason), 10000);
        QVERIFY2(!page.resultLabel()->text().contains(QStringLiteral("cannot be done now")),
            qPrintable(page.resultLabel()->text()));
        QFile kept(m_path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("a new, clean file"));
        QCOMPARE(incident()->action, FileAction::Quarantined);
    }
};

QTEST_MAIN(TestIncidentActions)
#include "tst_incident_actions.moc"
