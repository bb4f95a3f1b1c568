// SPDX-License-Identifier: GPL-2.0-or-later
// What the main window's trust prompts do with a real appliance
// (docs/security.md, "Re-trust and remembered passwords"): a re-trust after
// a certificate change pins the certificate the admin was shown, even when
// the appliance changed it again meanwhile; the password prompt puts the
// password in the keyring only when "remember" is ticked. Runs under
// tests/support/with-keyring: a real Secret Service (GNOME keyring) of its
// own on a private D-Bus session, which the test reads back.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "ModalDriver.h"
#include "app/client/KeychainSecretStore.h"
#include "app/fleet/ApplianceConnection.h"
#include "ui/MainWindow.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace mamori;
using console::ApplianceConnection;
using mamori::test::ApplianceProcess;
using mamori::test::ModalDriver;

namespace {

// Stops the appliance, gives it a new TLS identity and starts it again on
// the same port, as an admin who reinstalls it would (or an impostor).
// Empty, or what went wrong.
QString restartWithNewIdentity(ApplianceProcess &app)
{
    const quint16 port = app.port();
    if (!app.stop())
        return QStringLiteral("the appliance did not stop: ") + QString::fromUtf8(app.output());
    QByteArray out;
    if (ApplianceProcess::run({QStringLiteral("identity"), QStringLiteral("renew"),
                                  QStringLiteral("--data"), app.dataDir()},
            {}, &out)
        != 0)
        return QStringLiteral("identity renew failed: ") + QString::fromUtf8(out);
    if (!app.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)}))
        return QStringLiteral("the appliance did not start: ") + QString::fromUtf8(app.output());
    return {};
}

bool sameFingerprint(const QString &a, const QString &b)
{
    return !a.isEmpty() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// What the keyring holds under `key`, read through the console's own store.
console::SecretResult readBack(console::SecretStore *keyring, const QString &key)
{
    std::optional<console::SecretResult> got;
    keyring->readSecret(key, [&](console::SecretResult r) { got = r; });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 30000))
        return {console::SecretResult::Status::Failed, {}, QStringLiteral("no answer")};
    return *got;
}

bool online(const console::Fleet &fleet)
{
    const ApplianceConnection *c = fleet.connections().value(0);
    return c && c->state() == ApplianceConnection::State::Online;
}

} // namespace

class TestConsoleTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
    }

    // The certificate changes twice between the prompt and the click: the
    // console pins the one it showed, then refuses the second new one.
    void retrustPinsTheCertificateThatWasShown()
    {
        ApplianceProcess app;
        QVERIFY(app.addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword));
        QVERIFY(app.start());
        const QString first = app.fingerprint();
        test::ConsoleFixture console;
        QVERIFY(console.add(app, QStringLiteral("kvm-01"), QStringLiteral("sec"), 0));
        ApplianceConnection *c = console.connection();
        QVERIFY(sameFingerprint(c->entry().certFingerprint, first));
        ui::MainWindow window(console.fleet.get(), nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QString problem = restartWithNewIdentity(app);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString second = app.fingerprint();
        QString third;
        QVERIFY(second != first);

        QStringList mismatchTexts;
        QString trustText;
        ModalDriver driver;
        driver.on(QStringLiteral("pinMismatchBox"), [&](QWidget *w) {
            auto *box = static_cast<QMessageBox *>(w);
            mismatchTexts << box->text();
            if (mismatchTexts.size() == 1) {
                // While the admin compares fingerprints, the appliance
                // changes its certificate once more.
                problem = restartWithNewIdentity(app);
                if (problem.isEmpty())
                    third = app.fingerprint();
                for (QAbstractButton *b : box->buttons()) {
                    if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                        b->click();
                }
            } else {
                for (QAbstractButton *b : box->buttons()) {
                    if (box->buttonRole(b) == QMessageBox::RejectRole)
                        b->click(); // Keep Blocked
                }
            }
        });
        driver.on(QStringLiteral("trustCertificateBox"), [&](QWidget *w) {
            auto *box = static_cast<QMessageBox *>(w);
            trustText = box->text();
            box->button(QMessageBox::Yes)->click();
        });

        // A fresh look at the appliance would find the third certificate
        // and trust nothing.
        QString refused;
        driver.on(QStringLiteral("trustRefusedBox"), [&](QWidget *w) {
            auto *box = static_cast<QMessageBox *>(w);
            refused = box->text();
            box->button(QMessageBox::Ok)->click();
        });

        QSignalSpy states(c, &ApplianceConnection::stateChanged);
        QTRY_VERIFY_WITH_TIMEOUT(
            mismatchTexts.size() >= 2 || !refused.isEmpty() || !problem.isEmpty(), 60000);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(refused.isEmpty(), qPrintable(refused));
        QVERIFY(!third.isEmpty() && third != second);

        // The first box showed the second certificate; trusting it asked
        // about exactly that one, not about what the appliance had by then.
        QVERIFY2(mismatchTexts[0].contains(second), qPrintable(mismatchTexts[0]));
        QVERIFY2(trustText.contains(second), qPrintable(trustText));
        QVERIFY2(!trustText.contains(third), qPrintable(trustText));
        // The second certificate is pinned and kept in the console's store...
        QVERIFY(sameFingerprint(c->entry().certFingerprint, second));
        QVERIFY(sameFingerprint(console.store.appliances().value(0).certFingerprint, second));
        // ...so the third one is refused: blocked again, never online.
        QVERIFY2(mismatchTexts[1].contains(QStringLiteral("Trusted: ") + second),
            qPrintable(mismatchTexts[1]));
        QVERIFY2(mismatchTexts[1].contains(QStringLiteral("Presented: ") + third),
            qPrintable(mismatchTexts[1]));
        QCOMPARE(c->state(), ApplianceConnection::State::PinMismatch);
        QVERIFY(sameFingerprint(c->presentedFingerprint(), third));
        for (const QList<QVariant> &s : std::as_const(states))
            QVERIFY(s.value(0).value<ApplianceConnection::State>()
                != ApplianceConnection::State::Online);
        QVERIFY(app.stop());
    }

    // The console starts without the password: it asks. Unticked, the
    // password is used and forgotten (asked again at the next start);
    // ticked, it is in the keyring and the next start asks nothing.
    void passwordIsRememberedOnlyWhenTicked()
    {
        console::KeychainSecretStore keyring(
            QStringLiteral("mamori-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        std::optional<console::SecretResult> probe;
        keyring.writeSecret(QStringLiteral("probe"), QStringLiteral("x"),
            [&](console::SecretResult r) { probe = r; });
        QTRY_VERIFY_WITH_TIMEOUT(probe.has_value(), 30000);
        QVERIFY2(probe->ok() && keyring.isPersistent(),
            qPrintable(QStringLiteral("no keyring (run under tests/support/with-keyring): ")
                + probe->message));

        ApplianceProcess app;
        QVERIFY(app.addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword));
        QVERIFY(app.start());
        const QString password = QString::fromUtf8(test::kConsolePassword);
        QTemporaryDir dir;
        console::ConsoleStore store;
        QVERIFY(store.open(dir.path()));
        {
            console::Fleet fleet(&store, &keyring);
            QVERIFY(test::ConsoleFixture::addToFleet(
                &fleet, app, QStringLiteral("kvm-01"), QStringLiteral("sec")));
        }
        const QString key = console::secretKeyFor(store.appliances().value(0));
        QCOMPARE(readBack(&keyring, key).status, console::SecretResult::Status::NotFound);

        // Starts the console again, answers its password prompts (ticking
        // "remember" as told, or cancelling) until the appliance is online.
        // How many prompts there were.
        const auto startConsole = [&](console::Fleet &fleet, std::optional<bool> remember) {
            ui::MainWindow window(&fleet, nullptr);
            int asked = 0;
            test::ModalDriver driver;
            driver.on(QStringLiteral("passwordDialog"), [&](QWidget *dialog) {
                ++asked;
                auto *box = dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
                QVERIFY(box && box->isEnabled()); // a keyring answers
                QVERIFY(!box->isChecked()); // never ticked for the admin
                if (!remember)
                    return static_cast<QDialog *>(dialog)->reject();
                box->setChecked(*remember);
                dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(password);
                dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            });
            fleet.start();
            (void)QTest::qWaitFor([&] { return online(fleet); }, 30000);
            return asked;
        };
        // A wrong password kept from before: the console asks again, and
        // "remember" left unticked takes the old one out of the keyring.
        {
            std::optional<console::SecretResult> written;
            keyring.writeSecret(
                key, QStringLiteral("wrong"), [&](console::SecretResult r) { written = r; });
            QTRY_VERIFY_WITH_TIMEOUT(written.has_value() && written->ok(), 30000);
            console::Fleet fleet(&store, &keyring);
            QCOMPARE(startConsole(fleet, false), 1);
            QVERIFY(online(fleet));
            QCOMPARE(readBack(&keyring, key).status, console::SecretResult::Status::NotFound);
        }
        for (const bool remember : {false, true}) {
            console::Fleet fleet(&store, &keyring);
            QCOMPARE(startConsole(fleet, remember), 1);
            QVERIFY(online(fleet));
            // The keyring runs its jobs in order: this read comes after any
            // write the answer caused.
            const console::SecretResult kept = readBack(&keyring, key);
            if (remember) {
                QVERIFY2(kept.ok(), qPrintable(kept.message));
                QCOMPARE(kept.secret, password);
            } else {
                QCOMPARE(kept.status, console::SecretResult::Status::NotFound);
            }
        }

        console::Fleet fleet(&store, &keyring);
        QCOMPARE(startConsole(fleet, std::nullopt), 0);
        QVERIFY(online(fleet));
        fleet.removeAppliance(fleet.connections().value(0)->id());
        QTRY_COMPARE_WITH_TIMEOUT(
            readBack(&keyring, key).status, console::SecretResult::Status::NotFound, 30000);
        QVERIFY(app.stop());
    }
};

QTEST_MAIN(TestConsoleTrust)
#include "tst_console_trust.moc"
