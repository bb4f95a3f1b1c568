// SPDX-License-Identifier: GPL-2.0-or-later
// The console's command line: what is judged before a display is opened.
#include "app/ConsoleOptions.h"

#include <QProcess>
#include <QTest>

using mamori::console::ConsoleOptions;

class TestConsoleOptions : public QObject
{
    Q_OBJECT

private slots:
    void qtOptionsAreLeftToQt()
    {
        const QStringList args = {QStringLiteral("mamori-console"), QStringLiteral("-platform"),
            QStringLiteral("offscreen"), QStringLiteral("--style=Fusion"),
            QStringLiteral("-reverse"), QStringLiteral("--lang"), QStringLiteral("ja"),
            QStringLiteral("-qwindowgeometry"), QStringLiteral("800x600"), QStringLiteral("--data"),
            QStringLiteral("/tmp/x")};
        const QStringList kept = ConsoleOptions::withoutQtOptions(args);
        QCOMPARE(kept,
            QStringList({QStringLiteral("mamori-console"), QStringLiteral("--lang"),
                QStringLiteral("ja"), QStringLiteral("--data"), QStringLiteral("/tmp/x")}));
        const ConsoleOptions options = ConsoleOptions::parse(kept);
        QCOMPARE(options.outcome, ConsoleOptions::Outcome::Run);
        QCOMPARE(options.language, QStringLiteral("ja"));
        QCOMPARE(options.dataDir, QStringLiteral("/tmp/x"));
    }

    void unknownOptionIsAnError()
    {
        const ConsoleOptions options = ConsoleOptions::parse(ConsoleOptions::withoutQtOptions(
            {QStringLiteral("mamori-console"), QStringLiteral("--bogus")}));
        QCOMPARE(options.outcome, ConsoleOptions::Outcome::ExitError);
        QVERIFY2(options.message.contains(QLatin1String("bogus")), qPrintable(options.message));
    }

    // Without a display, a wrong option is reported with exit status 2
    // (QApplication would abort the program before reading it).
    void wrongCommandLineNeedsNoDisplay()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("MAMORI_CONSOLE"), {QStringLiteral("--bogus")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains("bogus"), "no error message");

        p.start(qEnvironmentVariable("MAMORI_CONSOLE"),
            {QStringLiteral("--lang"), QStringLiteral("fr")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestConsoleOptions)
#include "tst_console_options.moc"
