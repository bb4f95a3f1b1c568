// SPDX-License-Identifier: GPL-2.0-or-later
// What keeps the console from surprising its admin: the report dialog never
// writes one format under the other's name nor replaces a file unasked;
// --help works without a display; its windows are titled Mamori; its
// Japanese follows the glossary; an empty console says what to do first and
// F1 opens the guide.
#include "app/client/SecretStore.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/AuditModel.h"
#include "app/models/StatusText.h"
#include "app/store/ConsoleStore.h"
#include "mamori/Version.h"
#include "ui/AddApplianceDialog.h"
#include "ui/AppIdentity.h"
#include "ui/Confirm.h"
#include "ui/HelpWindow.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/Pages.h"
#include "ui/ReportDialog.h"
#include "ui/ReportWriter.h"
#include "ui/WelcomePanel.h"
#include "widgets/MetricChart.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QUrl>

using namespace mamori;

namespace {
QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
// Calls `answer` with the modal `Dialog` once it is up (exec() blocks the
// test until then).
template<class Dialog, class Answer> void answerWhenUp(QObject *owner, Answer answer)
{
    auto *poll = new QTimer(owner);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, owner, [poll, answer] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        answer(dialog);
    });
    poll->start();
}
} // namespace

class TestConsoleUx : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    console::ConsoleStore m_store;
    console::MemorySecretStore m_secrets;
    std::unique_ptr<console::Fleet> m_fleet;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_store.open(m_dir.path()));
        m_fleet = std::make_unique<console::Fleet>(&m_store, &m_secrets);
    }

    // Choosing CSV turns report.pdf into report.csv, so the PDF written
    // before is left alone; typing a .pdf name picks PDF again; a name
    // without an extension gets the format's.
    void reportFileNameFollowsTheFormat()
    {
        ui::ReportDialog dialog(m_fleet.get(), {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.confirm = [](const QString &) { return true; };
        QCOMPARE(dialog.format()->currentData().toString(), QStringLiteral("pdf"));
        QVERIFY2(dialog.path()->text().endsWith(QLatin1String(".pdf")),
            qPrintable(dialog.path()->text()));

        const QString pdf = m_dir.filePath(QStringLiteral("fleet.pdf"));
        dialog.path()->setText(pdf);
        QVERIFY(dialog.write());
        const QByteArray pdfBytes = contents(pdf);
        QVERIFY(pdfBytes.startsWith("%PDF"));

        dialog.format()->setCurrentIndex(dialog.format()->findData(QStringLiteral("csv")));
        QCOMPARE(dialog.path()->text(), m_dir.filePath(QStringLiteral("fleet.csv")));
        QVERIFY(dialog.write());
        QCOMPARE(contents(pdf), pdfBytes);
        const auto rows = ui::ReportWriter::parseCsv(
            QString::fromUtf8(contents(m_dir.filePath(QStringLiteral("fleet.csv")))));
        QVERIFY(!rows.isEmpty());
        QCOMPARE(rows.first().first(), QStringLiteral("Section"));

        dialog.path()->clear();
        QTest::keyClicks(dialog.path(), m_dir.filePath(QStringLiteral("typed.PDF")));
        QCOMPARE(dialog.format()->currentData().toString(), QStringLiteral("pdf"));
        QCOMPARE(dialog.path()->text(), m_dir.filePath(QStringLiteral("typed.PDF")));

        dialog.format()->setCurrentIndex(dialog.format()->findData(QStringLiteral("csv")));
        QCOMPARE(dialog.path()->text(), m_dir.filePath(QStringLiteral("typed.csv")));

        dialog.path()->setText(m_dir.filePath(QStringLiteral("plain")));
        QVERIFY(dialog.write());
        QCOMPARE(dialog.path()->text(), m_dir.filePath(QStringLiteral("plain.csv")));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("plain.csv"))));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("plain"))));
    }

    // An existing file is replaced only after the admin says yes; a written
    // report offers Open, which hands the file to the desktop.
    void overwritingAsksAndTheResultOpens()
    {
        ui::ReportDialog dialog(m_fleet.get(), {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString path = m_dir.filePath(QStringLiteral("existing.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("the admin's own numbers\n");
        }
        dialog.format()->setCurrentIndex(dialog.format()->findData(QStringLiteral("csv")));
        dialog.path()->setText(path);
        QStringList asked;
        bool answer = false;
        dialog.confirm = [&](const QString &question) {
            asked << question;
            return answer;
        };
        QList<QUrl> opened;
        dialog.openFile = [&](const QUrl &url) {
            opened << url;
            return true;
        };

        QVERIFY(!dialog.write());
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(path), qPrintable(asked.first()));
        QCOMPARE(contents(path), QByteArray("the admin's own numbers\n"));
        QVERIFY(dialog.status()->text().contains(path));
        QVERIFY(!dialog.openButton()->isVisible());

        answer = true;
        QVERIFY(dialog.write());
        QCOMPARE(asked.size(), 2);
        QVERIFY(contents(path).contains("Section"));
        QVERIFY(dialog.openButton()->isVisible());
        QTest::mouseClick(dialog.openButton(), Qt::LeftButton);
        QCOMPARE(opened, QList<QUrl> {QUrl::fromLocalFile(path)});

        // Another file: Open no longer stands for the one just written.
        dialog.format()->setCurrentIndex(dialog.format()->findData(QStringLiteral("pdf")));
        QVERIFY(!dialog.openButton()->isVisible());
    }

    // --help and --version answer on a machine without any display: no
    // DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM.
    void helpAndVersionNeedNoDisplay()
    {
        const auto run = [](const QStringList &args, QByteArray *out) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
                env.remove(QString::fromLatin1(name));
            p.setProcessEnvironment(env);
            p.start(qEnvironmentVariable("MAMORI_CONSOLE"), args);
            if (!p.waitForFinished(30000))
                return -1;
            *out = p.readAllStandardOutput();
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        };
        QByteArray out;
        QCOMPARE(run({QStringLiteral("--version")}, &out), 0);
        QCOMPARE(out, QByteArray("mamori-console ") + kVersion + "\n");

        QCOMPARE(run({QStringLiteral("--help")}, &out), 0);
        QVERIFY2(out.contains("--lang") && out.contains("--lab") && out.contains("virtual desktop"),
            out.constData());

        QCOMPARE(
            run({QStringLiteral("--lang"), QStringLiteral("ja"), QStringLiteral("--help")}, &out),
            0);
        QVERIFY2(out.contains("--lang") && QString::fromUtf8(out).contains(u"仮想デスクトップ"),
            out.constData());
    }

    // Message boxes say "Mamori", not the program's file name, and every
    // window carries the Mamori icon.
    void messageBoxesAreTitledMamori()
    {
        ui::setConsoleIdentity();
        QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("Mamori"));
        const QIcon icon = QApplication::windowIcon();
        QVERIFY(!icon.isNull());
        QVERIFY(!icon.pixmap(QSize(48, 48)).isNull());
        ui::ReportDialog dialog(m_fleet.get(), {});
        QCOMPARE(dialog.windowIcon().cacheKey(), icon.cacheKey());

        QString title;
        answerWhenUp<QMessageBox>(this, [&title](QMessageBox *box) {
            title = box->windowTitle();
            box->button(QMessageBox::No)->click();
        });
        const bool yes = ui::defaultConfirm(nullptr)(QStringLiteral("Remove it?"));
        QVERIFY(!yes);
        QCOMPARE(title, QStringLiteral("Mamori"));
    }

    // The Japanese a Japanese admin expects (GLOSSARY.md): quarantine (隔離)
    // and network isolation (ネットワーク分離) never share a word, a powered-on
    // VM is 稼働中 while a running scan is 実行中, a waiting scan 実行待ち, and
    // no English is left in the outcome words and byte counts.
    void japaneseFollowsTheGlossary()
    {
        ui::LanguageManager language;
        QVERIFY(language.setLanguage(QStringLiteral("ja")));
        // The incident page's action buttons.
        const auto button = [](const char *source) {
            return QCoreApplication::translate("mamori::ui::IncidentsPage", source);
        };
        const QString quarantine = button("&Quarantine");
        const QString restore = button("Rest&ore…");
        const QString isolate = button("&Isolate VM…");
        const QString release = button("Release V&M");
        QVERIFY2(quarantine.contains(u"隔離"), qPrintable(quarantine));
        QVERIFY2(restore.contains(u"復元"), qPrintable(restore));
        for (const QString &network : {isolate, release}) {
            QVERIFY2(network.contains(u"ネットワーク") && network.contains(u"分離")
                    && !network.contains(u"隔離"),
                qPrintable(network));
        }
        QVERIFY(release != restore);

        using console::StatusText;
        QCOMPARE(StatusText::power(console::Power::Running), QStringLiteral("稼働中"));
        QCOMPARE(StatusText::jobState(console::JobState::Running), QStringLiteral("実行中"));
        QCOMPARE(StatusText::jobState(console::JobState::Queued), QStringLiteral("実行待ち"));
        QCOMPARE(
            console::AuditModel::outcomeText(QStringLiteral("success")), QStringLiteral("成功"));
        for (qint64 bytes : {0, 1, 512, 1536, 5 * 1024 * 1024}) {
            const QString shown = StatusText::bytes(bytes);
            QVERIFY2(!shown.contains(QLatin1String("byte")), qPrintable(shown));
            const QString rate =
                widgets::MetricChart::formatValue(widgets::MetricChart::Metric::DiskRead, bytes);
            QVERIFY2(!rate.contains(QLatin1String("byte")) && !rate.contains(QLatin1String("/s")),
                qPrintable(rate));
        }

        // Words the glossary retires are gone from the whole translation.
        QFile ts(QStringLiteral(MAMORI_SOURCE_DIR "/translations/mamori_ja.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        for (const char16_t *retired : {u"待ち行列", u"アイドル", u"検出元", u"サインイン",
                 u"隔離を解除", u"ネットワークから隔離"})
            QVERIFY2(!text.contains(QStringView(retired)), qPrintable(QString::fromUtf16(retired)));

        QVERIFY(language.setLanguage(QStringLiteral("en")));
        QCOMPARE(button("Release V&M"), QStringLiteral("Release V&M"));
    }

    // A console without appliances says what to do first instead of showing
    // empty pages; its button opens Add Appliance; the pages come with the
    // first appliance and go with the last.
    void emptyConsoleSaysWhatToDoFirst()
    {
        QTemporaryDir dir;
        console::ConsoleStore store;
        QVERIFY(store.open(dir.path()));
        console::MemorySecretStore secrets;
        console::Fleet fleet(&store, &secrets);
        ui::MainWindow window(&fleet, nullptr);
        ui::addPages(&window, &fleet);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *welcome = window.findChild<ui::WelcomePanel *>();
        auto *overview = window.findChild<QWidget *>(QStringLiteral("overviewPage"));
        QVERIFY(welcome && overview);
        QVERIFY(welcome->isVisible());
        QVERIFY(!overview->isVisible());

        QString opened;
        answerWhenUp<ui::AddApplianceDialog>(this, [&opened](ui::AddApplianceDialog *dialog) {
            opened = dialog->windowTitle();
            dialog->reject();
        });
        QTest::mouseClick(welcome->addButton(), Qt::LeftButton);
        QCOMPARE(opened, QStringLiteral("Add Appliance"));

        // An appliance the console knows (unreachable here: port 9 is closed).
        console::ApplianceEntry entry;
        entry.displayName = QStringLiteral("kvm-a");
        entry.url = QStringLiteral("https://127.0.0.1:9");
        entry.userName = QStringLiteral("sec");
        const int id = store.addAppliance(entry);
        QVERIFY(id > 0);
        entry.id = id;
        secrets.writeSecret(console::secretKeyFor(entry), QStringLiteral("pw"), {});
        fleet.start();
        QTRY_VERIFY(overview->isVisible());
        QVERIFY(!welcome->isVisible());
        fleet.removeAppliance(id);
        QTRY_VERIFY(welcome->isVisible());
        QVERIFY(!overview->isVisible());
    }

    // F1 opens the administrator's guide built into the program, in the
    // console's language, and a language switch turns its page.
    void f1OpensTheGuide()
    {
        ui::LanguageManager language;
        QVERIFY(language.setLanguage(QStringLiteral("en")));
        ui::MainWindow window(m_fleet.get(), &language);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *guide = window.findChild<QAction *>(QStringLiteral("guideAction"));
        QVERIFY(guide);
        QCOMPARE(guide->shortcut(), QKeySequence(Qt::Key_F1));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_F1);
        ui::HelpWindow *help = nullptr;
        QTRY_VERIFY((help = window.findChild<ui::HelpWindow *>()) && help->isVisible());
        QVERIFY2(help->browser()->toPlainText().contains(QLatin1String("administrator's guide")),
            qPrintable(help->browser()->toPlainText().left(200)));

        QVERIFY(language.setLanguage(QStringLiteral("ja")));
        QTRY_VERIFY(help->browser()->toPlainText().contains(u"管理者ガイド"));
        QVERIFY(language.setLanguage(QStringLiteral("en")));
        QTRY_VERIFY(
            help->browser()->toPlainText().contains(QLatin1String("administrator's guide")));
    }
};

QTEST_MAIN(TestConsoleUx)
#include "tst_console_ux.moc"
