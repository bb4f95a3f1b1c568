// SPDX-License-Identifier: GPL-2.0-or-later
// Guest-controlled text shown as text (docs/security.md, "The console shows
// guest text as text"). A real appliance detects a file whose name, and a
// signature whose threat name, are HTML; the VM's name is HTML too. Each
// place of the console that shows them must show the characters, never
// render them: the confirmation boxes that gate a file action, the incident
// details, the alert list, the tooltips and the fleet page's VM details.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "app/models/AlertModel.h"
#include "app/models/FleetFilterModel.h"
#include "app/models/IncidentModel.h"
#include "ui/AlertList.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"
#include "ui/IncidentsPage.h"

#include <QAccessible>
#include <QApplication>
#include <QHelpEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>

#include <memory>

using namespace mamori;
using console::IncidentAction;
using mamori::test::ApplianceProcess;

namespace {

// What a guest (or whoever names VMs and writes notes) would like the admin
// to read as the console's own words.
const QString kVmName = QStringLiteral("desk<br><b>trusted");
const QString kPath = QStringLiteral("/Users/alice/invoice<br><b>Verified clean</b>.exe");
const QString kThreat = QStringLiteral("Evil<br><b>Verified clean</b>");
const QString kNote = QStringLiteral("<i>checked</i><br><a href=\"x\">ok</a>");
const QByteArray kThreatMarker = "MAMORI-HTML-THREAT-MARKER";

// The text a label shows, as the accessibility layer (a screen reader)
// reads it: rich text is rendered to plain text first, plain text is as is.
QString renderedText(QLabel *label)
{
    QAccessibleInterface *a = QAccessible::queryAccessibleInterface(label);
    return a ? a->text(QAccessible::Name) : QString();
}

// A rich text tooltip as QToolTip renders it.
QString renderedToolTip(const QString &toolTip)
{
    QLabel label;
    label.setText(toolTip); // QTipLabel's format: Qt::AutoText
    return renderedText(&label);
}

// The tooltip the view shows for `index`, through a real tooltip event.
QString shownToolTip(QAbstractItemView *view, const QModelIndex &index)
{
    QToolTip::hideText();
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    QHelpEvent event(QEvent::ToolTip, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);
    QLabel *tip = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (w->inherits("QTipLabel") && w->isVisible())
                    tip = qobject_cast<QLabel *>(w);
            }
            return tip != nullptr;
        },
        5000);
    return tip ? renderedText(tip) : QString();
}

// What a message box showed.
struct BoxSeen
{
    bool shown = false;
    Qt::TextFormat format = Qt::AutoText;
    QString text;
    QString rendered;
};

// Answers the next modal message box with `button`, noting what it showed.
void answerNextBox(QMessageBox::StandardButton button, BoxSeen *seen)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        auto *label = box->findChild<QLabel *>(QStringLiteral("qt_msgbox_label"));
        seen->shown = true;
        seen->format = box->textFormat();
        seen->text = box->text();
        seen->rendered = label ? renderedText(label) : QString();
        box->button(button)->click();
    });
    timer->start();
}

} // namespace

class TestGuestText : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<test::ConsoleFixture> m_console;

    QString vmRoot() const { return m_app->vmsDir() + u'/' + kVmName; }

    // The incident of the HTML-named file, once quarantined; its row in `page`.
    int incidentRow(ui::IncidentsPage &page) const
    {
        auto *model = page.filterModel();
        for (int r = 0; r < model->rowCount(); ++r) {
            const console::Incident *i =
                m_console->fleet->incidents()->incident(model->mapToSource(model->index(r, 0)));
            if (i && i->path == kPath && i->action == console::FileAction::Quarantined)
                return r;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword));
        QVERIFY(test::writeFile(vmRoot() + QStringLiteral("/Windows/clean.dll"), "clean"));
        // The usual signatures plus one whose name is HTML: ClamAV takes any
        // name without a colon, and so could a pattern file's author.
        const QString sigs = m_work.filePath(QStringLiteral("sig"));
        QVERIFY(test::makeSignatures(sigs));
        QFile ndb(sigs + QStringLiteral("/mamori.ndb"));
        QVERIFY(ndb.open(QIODevice::Append));
        ndb.write(kThreat.toUtf8() + ":0:*:" + kThreatMarker.toHex() + "\n");
        ndb.close();
        const QString keys = m_work.filePath(QStringLiteral("keys"));
        const QString bundle = test::buildBundle(keys, sigs, 2026120101, m_work.path());
        QVERIFY(!bundle.isEmpty());
        QVERIFY(test::trustAndImport(keys, bundle, m_app->dataDir()));
        m_app->setConfig(R"("inventory_interval_ms": 200)");
        QVERIFY(m_app->start());
        m_console = std::make_unique<test::ConsoleFixture>();
        QVERIFY(m_console->add(*m_app, QStringLiteral("kvm-01"), QStringLiteral("sec"), 1));
        QVERIFY(test::writeFile(
            vmRoot() + kPath, QByteArray("MZ ") + kThreatMarker + QByteArray(" payload")));
    }

    void cleanupTestCase()
    {
        m_console.reset();
        if (m_app)
            QVERIFY(m_app->stop());
    }

    // Restore, Allow, Delete and Isolate ask first; each box shows the file
    // and VM names as the characters they are, and "No" does nothing.
    void confirmationsShowNamesAsText()
    {
        ui::IncidentsPage page(m_console->fleet.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(incidentRow(page) >= 0, 30000);
        QVERIFY(!QFile::exists(vmRoot() + kPath));
        page.view()->selectRow(incidentRow(page));
        for (IncidentAction action : {IncidentAction::Restore, IncidentAction::Allow,
                 IncidentAction::Delete, IncidentAction::IsolateVm}) {
            BoxSeen seen;
            answerNextBox(QMessageBox::No, &seen);
            page.runAction(action, QStringLiteral("test"));
            QVERIFY2(seen.shown, qPrintable(QString::number(int(action))));
            QCOMPARE(seen.format, Qt::PlainText);
            QVERIFY2(seen.text.contains(kPath), qPrintable(seen.text));
            QVERIFY2(seen.text.contains(kVmName), qPrintable(seen.text));
            QVERIFY2(seen.rendered.contains(kPath), qPrintable(seen.rendered));
            QVERIFY2(seen.rendered.contains(kVmName), qPrintable(seen.rendered));
        }
        // Every "No" held: the file is still in the vault, the VM connected.
        QVERIFY(!QFile::exists(vmRoot() + kPath));
        QCOMPARE(incidentRow(page), page.view()->currentIndex().row());
        QVERIFY(page.resultLabel()->text().isEmpty());
    }

    // The incident's details, the table's tooltip and a note written by an
    // admin all show the characters.
    void incidentDetailsShowText()
    {
        ui::IncidentsPage page(m_console->fleet.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(incidentRow(page) >= 0, 30000);
        page.view()->selectRow(incidentRow(page));
        page.runAction(IncidentAction::Acknowledge, kNote);
        QTRY_VERIFY_WITH_TIMEOUT(
            page.resultLabel()->text().contains(QStringLiteral("done")), 10000);
        QCOMPARE(page.resultLabel()->textFormat(), Qt::PlainText);
        QTRY_VERIFY_WITH_TIMEOUT(page.detail()->toPlainText().contains(kNote), 10000);
        const QString detail = page.detail()->toPlainText();
        QVERIFY2(detail.contains(kPath), qPrintable(detail));
        QVERIFY2(detail.contains(kThreat), qPrintable(detail));
        QVERIFY2(detail.contains(kVmName), qPrintable(detail));

        const QModelIndex file =
            page.filterModel()->index(incidentRow(page), console::IncidentModel::FileColumn);
        QCOMPARE(file.data().toString(), kPath);
        const QString tip = shownToolTip(page.view(), file);
        QVERIFY2(tip.contains(kPath), qPrintable(tip));
    }

    // The alert of the new incident names the file and the threat.
    void alertsShowText()
    {
        console::AlertModel *alerts = m_console->fleet->alerts();
        ui::AlertList list(alerts);
        list.resize(1200, 400);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        auto *view = list.findChild<QTreeView *>(QStringLiteral("alertsView"));
        QVERIFY(view);
        int row = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int r = 0; r < alerts->rowCount(); ++r) {
                    if (alerts->index(r, console::AlertModel::DetailColumn)
                            .data()
                            .toString()
                            .contains(kPath))
                        row = r;
                }
                return row >= 0;
            }(),
            10000);
        const QModelIndex detail = alerts->index(row, console::AlertModel::DetailColumn);
        QVERIFY(detail.data().toString().contains(kThreat));
        const QString tip = shownToolTip(view, detail);
        QVERIFY2(tip.contains(kPath) && tip.contains(kThreat), qPrintable(tip));
        QVERIFY2(renderedToolTip(detail.data(Qt::ToolTipRole).toString()).contains(kThreat),
            qPrintable(detail.data(Qt::ToolTipRole).toString()));
    }

    // The fleet page's details of the VM show its name as characters.
    void vmDetailsShowText()
    {
        ui::FleetSelection selection;
        ui::FleetPage page(m_console->fleet.get(), &selection);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QModelIndex vm;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QModelIndexList found =
                    page.filterModel()->match(page.filterModel()->index(0, 0), Qt::DisplayRole,
                        kVmName, 1, Qt::MatchExactly | Qt::MatchRecursive);
                vm = found.value(0);
                return vm.isValid();
            }(),
            10000);
        page.view()->setCurrentIndex(vm);
        QTRY_VERIFY_WITH_TIMEOUT(!page.currentVm().isNull(), 5000);
        const QString detail = page.detail()->toPlainText();
        QVERIFY2(detail.contains(kVmName), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("kvm-01")), qPrintable(detail));
    }
};

QTEST_MAIN(TestGuestText)
#include "tst_guest_text.moc"
