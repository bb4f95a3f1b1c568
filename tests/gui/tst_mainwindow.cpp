// SPDX-License-Identifier: GPL-2.0-or-later
#include "app/client/SecretStore.h"
#include "app/fleet/Fleet.h"
#include "app/store/ConsoleStore.h"
#include "mamori/Version.h"
#include "ui/AddApplianceDialog.h"
#include "ui/FleetPage.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/Pages.h"

#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori;

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    console::ConsoleStore m_store;
    console::MemorySecretStore m_secrets;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_store.open(m_dir.path())); }

    void opensWithTitleAndMenus()
    {
        console::Fleet fleet(&m_store, &m_secrets);
        ui::MainWindow window(&fleet, nullptr);
        ui::addPages(&window, &fleet);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Mamori Console"));

        QStringList menus;
        for (QAction *a : window.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus, QStringList({"&File", "&View", "&Actions", "&Settings", "&Help"}));
        QVERIFY(window.findChild<ui::FleetPage *>());

        QVERIFY(window.close());
        QVERIFY(!window.isVisible());
    }

    void quitActionClosesTheWindow()
    {
        console::Fleet fleet(&m_store, &m_secrets);
        ui::MainWindow window(&fleet, nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *quit = window.findChild<QAction *>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(QKeySequence::Quit));
        quit->trigger();
        QVERIFY(!window.isVisible());
    }

    // Switching the language at run time retranslates the open window and
    // dialogs at once, without a restart.
    void languageSwitchesAtRunTime()
    {
        console::Fleet fleet(&m_store, &m_secrets);
        ui::LanguageManager language;
        QVERIFY(language.setLanguage(QStringLiteral("en")));
        ui::MainWindow window(&fleet, &language);
        ui::AddApplianceDialog dialog(&fleet, &window);
        window.show();
        dialog.show();
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Add Appliance"));

        QVERIFY(language.setLanguage(QStringLiteral("ja")));
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("ファイル(&F)"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Mamori コンソール"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("アプライアンスの追加"));
        QCOMPARE(QLocale().language(), QLocale::Japanese);

        QVERIFY(language.setLanguage(QStringLiteral("en")));
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Add Appliance"));
    }

    void versionFlagPrintsTheProjectVersion()
    {
        QProcess p;
        p.start(qEnvironmentVariable("MAMORI_CONSOLE"), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(
            p.readAllStandardOutput(), QByteArray("mamori-console ") + mamori::kVersion + "\n");
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
