// SPDX-License-Identifier: GPL-2.0-or-later
// What the console does to several appliances at once, against two real
// appliance processes: a staggered pattern update (one appliance at a time)
// and a rollback of each, and one policy applied to both with a result per
// appliance.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "PatternFixture.h"
#include "app/models/AlertModel.h"
#include "app/models/PatternModel.h"
#include "ui/AlertList.h"
#include "ui/PatternsPage.h"
#include "ui/PolicyDialog.h"
#include "ui/ReportDialog.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace mamori;
using namespace Qt::StringLiterals;
using mamori::test::ApplianceProcess;

namespace {

QString activeVersion(const console::ApplianceConnection *c)
{
    return c->patterns().activeVersion();
}

// What the Patterns page shows in `column` for the appliance.
QString shown(const test::ConsoleFixture &console, int hostId, int column)
{
    return console.fleet->patterns()->hostIndex(hostId, column).data().toString();
}

} // namespace

class TestFleetActions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    QTranslator m_english; // the plurals ("2 appliances") come from mamori_en
    std::vector<std::unique_ptr<ApplianceProcess>> m_apps;
    test::ConsoleFixture m_console;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
        QVERIFY(m_english.load(QStringLiteral(":/i18n/mamori_en.qm")));
        QCoreApplication::installTranslator(&m_english);
        for (const QString &host : {QStringLiteral("kvm-a"), QStringLiteral("kvm-b")}) {
            auto app = std::make_unique<ApplianceProcess>();
            QVERIFY(app->addUser(
                QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword));
            for (const QString &vm : {QStringLiteral("desk-1"), QStringLiteral("desk-2")}) {
                const QString dir = QStringLiteral("%1/%2/Windows").arg(app->vmsDir(), vm);
                QVERIFY(QDir().mkpath(dir));
                QFile f(dir + QStringLiteral("/app.exe"));
                QVERIFY(f.open(QIODevice::WriteOnly) && f.write("MZ app") > 0);
            }
            const QString work = m_work.filePath(host);
            QVERIFY(QDir().mkpath(work));
            const QString feed = test::installPatternWithUpdate(work, app->dataDir(), 2026112501);
            QVERIFY(!feed.isEmpty());
            app->setConfig(QStringLiteral(R"("inventory_interval_ms": 200, "pattern_source": "%1")")
                               .arg(feed)
                               .toUtf8());
            QVERIFY(app->start());
            QVERIFY(m_console.add(*app, host, QStringLiteral("sec"), 2));
            m_apps.push_back(std::move(app));
        }
        QCOMPARE(m_console.fleet->connections().size(), 2);
    }

    void cleanupTestCase()
    {
        m_console.fleet.reset();
        for (auto &app : m_apps)
            QVERIFY(app->stop());
    }

    // "Update all" with one at a time: the second appliance is sent its
    // update only after the first one answered; then each is rolled back,
    // after a confirmation that names the version.
    void patternUpdateIsStaggeredAndRolledBack()
    {
        ui::PatternsPage page(m_console.fleet.get());
        QStringList asked;
        bool answer = true;
        page.confirm = [&](const QString &question) {
            asked << question;
            return answer;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            activeVersion(m_console.connection(0)) == QLatin1String("2026112501")
                && activeVersion(m_console.connection(1)) == QLatin1String("2026112501"),
            20000);
        QCOMPARE(m_console.fleet->patterns()->rowCount(), 2);
        page.atOnce()->setValue(1);

        QStringList order;
        int running = 0;
        int mostAtOnce = 0;
        connect(&page, &ui::PatternsPage::updateStarted, this, [&](int id) {
            order << QStringLiteral("start %1").arg(id);
            mostAtOnce = std::max(mostAtOnce, ++running);
        });
        connect(&page, &ui::PatternsPage::updateEnded, this, [&](int id, bool ok) {
            order << QStringLiteral("end %1 %2").arg(id).arg(ok);
            --running;
        });
        QSignalSpy finished(&page, &ui::PatternsPage::updatesFinished);
        page.findChild<QPushButton *>(QStringLiteral("updateAllButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first(),
            QStringLiteral("Update the pattern files of 2 appliances, 1 at a time?"));
        QCOMPARE(mostAtOnce, 1);
        const int a = m_console.connection(0)->id();
        const int b = m_console.connection(1)->id();
        QCOMPARE(order,
            QStringList({QStringLiteral("start %1").arg(a), QStringLiteral("end %1 1").arg(a),
                QStringLiteral("start %1").arg(b), QStringLiteral("end %1 1").arg(b)}));
        QCOMPARE(page.progress()->value(), 2);
        for (int id : {a, b}) {
            QCOMPARE(page.resultFor(id), QStringLiteral("Updated to 2026112502"));
            QTRY_COMPARE_WITH_TIMEOUT(shown(m_console, id, console::PatternModel::ActiveColumn),
                QStringLiteral("2026112502"), 10000);
        }

        // Rollback asks first; "no" sends nothing.
        QSignalSpy rolled(&page, &ui::PatternsPage::rolledBack);
        auto *rollback = page.findChild<QPushButton *>(QStringLiteral("rollbackButton"));
        page.selectHosts({a});
        answer = false;
        rollback->click();
        QCOMPARE(asked.size(), 2);
        QVERIFY(asked.last().contains(QStringLiteral("2026112502")));
        QVERIFY(asked.last().contains(QStringLiteral("kvm-a")));
        QCOMPARE(rolled.count(), 0);
        answer = true;
        for (int id : {a, b}) {
            page.selectHosts({id});
            QTRY_VERIFY(rollback->isEnabled());
            rollback->click();
            QTRY_COMPARE_WITH_TIMEOUT(rolled.count(), id == a ? 1 : 2, 30000);
            QCOMPARE(rolled.last().at(0).toInt(), id);
            QVERIFY(rolled.last().at(1).toBool());
            QCOMPARE(page.resultFor(id), QStringLiteral("Rolled back to 2026112501"));
            QTRY_COMPARE_WITH_TIMEOUT(shown(m_console, id, console::PatternModel::ActiveColumn),
                QStringLiteral("2026112501"), 10000);
        }
        QCOMPARE(activeVersion(m_console.connection(0)), QStringLiteral("2026112501"));
        QCOMPARE(activeVersion(m_console.connection(1)), QStringLiteral("2026112501"));
    }

    // One policy, edited for the first appliance, applied to both after a
    // confirmation, with the count of successes.
    void onePolicyAppliedToBothAppliances()
    {
        console::ApplianceConnection *first = m_console.connection(0);
        console::ApplianceConnection *second = m_console.connection(1);
        ui::PolicyDialog dialog(m_console.fleet.get(), first);
        QStringList asked;
        dialog.confirm = [&](const QString &question) {
            asked << question;
            return true;
        };
        dialog.setAlsoApplyTo({second->id()});
        dialog.concurrency()->setValue(3);
        QSignalSpy applied(&dialog, &ui::PolicyDialog::applied);
        dialog.apply();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 20000);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QStringLiteral("2 appliances")), qPrintable(asked.first()));
        QCOMPARE(applied[0][0].toInt(), 2);
        QCOMPARE(applied[0][1].toInt(), 0);
        for (console::ApplianceConnection *c : {first, second})
            QTRY_COMPARE_WITH_TIMEOUT(c->policy().edit.maxConcurrentScans, 3, 10000);
        QVERIFY(!dialog.resultLabel()->text().isEmpty());
    }

    // Switching the language while the policy and report dialogs are open
    // retranslates them at once, back and forth.
    void openDialogsFollowTheLanguage()
    {
        ui::PolicyDialog policy(m_console.fleet.get(), m_console.connection(0));
        ui::ReportDialog report(m_console.fleet.get(), {});
        auto *apply = policy.findChild<QPushButton *>(QStringLiteral("policyApply"));
        QCOMPARE(policy.windowTitle(), QStringLiteral("Policy of kvm-a"));
        QCOMPARE(apply->text(), QStringLiteral("&Apply"));
        QCOMPARE(report.windowTitle(), QStringLiteral("Report"));
        const QString pdfEn = report.format()->itemText(0);

        QTranslator japanese;
        QVERIFY(japanese.load(QStringLiteral(":/i18n/mamori_ja.qm")));
        QCoreApplication::installTranslator(&japanese);
        QTRY_COMPARE(report.windowTitle(),
            QCoreApplication::translate("mamori::ui::ReportDialog", "Report"));
        QVERIFY(report.windowTitle() != QLatin1String("Report"));
        QVERIFY(report.format()->itemText(0) != pdfEn);
        QCOMPARE(policy.windowTitle(),
            QCoreApplication::translate("mamori::ui::PolicyDialog", "Policy of %1")
                .arg(u"kvm-a"_s));
        QVERIFY(policy.windowTitle() != QLatin1String("Policy of kvm-a"));
        QVERIFY(apply->text() != QLatin1String("&Apply"));
        QCoreApplication::removeTranslator(&japanese);
        QTRY_COMPARE(report.windowTitle(), QStringLiteral("Report"));
        QCOMPARE(apply->text(), QStringLiteral("&Apply"));
        QCOMPARE(report.format()->itemText(0), pdfEn);
    }

    // An appliance that loses its VM inventory says so; the console lists
    // the alert in the administrator's language and retranslates it.
    void applianceTroubleIsListedAsAnAlert()
    {
        ui::AlertList alerts(m_console.fleet->alerts());
        const QAbstractItemModel *model = alerts.view()->model();
        using Alerts = console::AlertModel;
        const QString vms = m_apps[1]->vmsDir();
        QVERIFY(QDir().rename(vms, vms + QStringLiteral(".away")));
        const auto text = [model](int row, int column) {
            return model->index(row, column).data().toString();
        };
        const auto troubleRow = [&]() -> int {
            for (int i = 0; i < model->rowCount(); ++i) {
                if (text(i, Alerts::ApplianceColumn) == QLatin1String("kvm-b")
                    && text(i, Alerts::AlertColumn) == QLatin1String("Appliance trouble"))
                    return i;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(troubleRow() >= 0, 20000);
        QVERIFY(QDir().rename(vms + QStringLiteral(".away"), vms));
        QVERIFY2(
            text(troubleRow(), Alerts::DetailColumn)
                .startsWith(QStringLiteral("VM inventory has a problem. The appliance reports: ")),
            qPrintable(text(troubleRow(), Alerts::DetailColumn)));
        QVERIFY(!text(troubleRow(), Alerts::TimeColumn).isEmpty());

        QTranslator japanese;
        QVERIFY(japanese.load(QStringLiteral(":/i18n/mamori_ja.qm")));
        QCoreApplication::installTranslator(&japanese);
        QTRY_COMPARE(text(0, Alerts::AlertColumn),
            QCoreApplication::translate("mamori::console::AlertText", "Appliance trouble"));
        QVERIFY(text(0, Alerts::AlertColumn) != QLatin1String("Appliance trouble"));
        QCoreApplication::removeTranslator(&japanese);
    }
};

QTEST_MAIN(TestFleetActions)

#include "tst_fleet_actions.moc"
