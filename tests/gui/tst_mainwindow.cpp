// SPDX-License-Identifier: GPL-2.0-or-later
#include "mamori/Version.h"
#include "ui/MainWindow.h"

#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensWithTitleAndMenus()
    {
        mamori::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Mamori Console"));

        QStringList menus;
        for (QAction *a : window.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus, QStringList({"&File", "&Help"}));

        QVERIFY(window.close());
        QVERIFY(!window.isVisible());
    }

    void quitActionClosesTheWindow()
    {
        mamori::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *quit = window.findChild<QAction *>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(QKeySequence::Quit));
        quit->trigger();
        QVERIFY(!window.isVisible());
    }

    void versionFlagPrintsTheProjectVersion()
    {
        QProcess p;
        p.start(qEnvironmentVariable("MAMORI_CONSOLE"), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(),
                 QByteArray("mamori-console ") + mamori::kVersion + "\n");
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
