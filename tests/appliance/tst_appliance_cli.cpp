// SPDX-License-Identifier: GPL-2.0-or-later
#include "mamori/Version.h"

#include <QProcess>
#include <QTest>

class TestApplianceCli : public QObject
{
    Q_OBJECT

    QString m_program = qEnvironmentVariable("MAMORI_APPLIANCE");

    QByteArray run(const QStringList &args, int *exitCode)
    {
        QProcess p;
        p.start(m_program, args);
        if (!p.waitForFinished(30000))
            return {};
        *exitCode = p.exitCode();
        return p.readAllStandardOutput() + p.readAllStandardError();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!m_program.isEmpty(), "MAMORI_APPLIANCE not set"); }

    void versionComesFromTheProject()
    {
        int code = -1;
        const QByteArray out = run({QStringLiteral("--version")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(out, QByteArray("mamori-appliance ") + mamori::kVersion + "\n");
    }

    void unknownCommandFails()
    {
        int code = -1;
        const QByteArray out = run({QStringLiteral("frobnicate")}, &code);
        QCOMPARE(code, 2);
        QVERIFY(out.contains("unknown command"));
    }
};

QTEST_GUILESS_MAIN(TestApplianceCli)
#include "tst_appliance_cli.moc"
