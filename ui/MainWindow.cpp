// SPDX-License-Identifier: GPL-2.0-or-later
#include "MainWindow.h"

#include "AddApplianceDialog.h"
#include "EventText.h"
#include "FleetPage.h"
#include "LanguageManager.h"
#include "app/client/ApplianceClient.h"
#include "app/fleet/Fleet.h"
#include "mamori/Version.h"
#include "ui_MainWindow.h"

#include <QActionGroup>
#include <QEvent>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSystemTrayIcon>

namespace mamori::ui {

using console::ApplianceConnection;

MainWindow::MainWindow(console::Fleet *fleet, LanguageManager *language, QWidget *parent)
    : QMainWindow(parent), m_ui(new Ui::MainWindow), m_fleet(fleet), m_language(language),
      m_fleetPage(new FleetPage(fleet, this))
{
    m_ui->setupUi(this);
    m_ui->quitAction->setShortcut(QKeySequence::Quit);
    m_ui->addApplianceAction->setShortcut(QKeySequence::New);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->addApplianceAction, &QAction::triggered, this, &MainWindow::addAppliance);
    connect(m_ui->removeApplianceAction, &QAction::triggered, this, &MainWindow::removeAppliance);
    connect(m_ui->navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        m_ui->pages->setCurrentIndex(row);
        QWidget *page = m_ui->pages->widget(row);
        if (page && page->objectName() == QLatin1String("incidentsPage") && m_unseenIncidents) {
            m_unseenIncidents = 0; // seen now: the badge goes
            retranslate();
        }
    });

    auto *languages = new QActionGroup(this);
    for (auto [action, code] : {std::pair {m_ui->systemLanguageAction, QString()},
             std::pair {m_ui->japaneseAction, QStringLiteral("ja")},
             std::pair {m_ui->englishAction, QStringLiteral("en")}}) {
        languages->addAction(action);
        // An init-capture: clang before 16 cannot capture a structured binding.
        connect(action, &QAction::triggered, this, [this, code = code] {
            if (m_language)
                m_language->setLanguage(code);
        });
    }
    if (m_language) {
        (m_language->language() == QLatin1String("ja") ? m_ui->japaneseAction : m_ui->englishAction)
            ->setChecked(true);
    }

    addPage(m_fleetPage, QStringLiteral("fleetPage"));
    connect(m_fleetPage, &FleetPage::currentChanged, this,
        [this] { m_ui->removeApplianceAction->setEnabled(m_fleetPage->currentHost() != 0); });
    m_ui->removeApplianceAction->setEnabled(false);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->show();
    }
    connect(fleet, &console::Fleet::connectionStateChanged, this, &MainWindow::onConnectionState);
    connect(fleet, &console::Fleet::connectionAdded, this, &MainWindow::updateStatusBar);
    connect(fleet, &console::Fleet::connectionRemoved, this, &MainWindow::updateStatusBar);
    connect(fleet, &console::Fleet::incidentOpened, this, &MainWindow::onIncident);
    connect(fleet, &console::Fleet::alertReceived, this, &MainWindow::onAlert);
    retranslate();
    for (ApplianceConnection *c : fleet->connections())
        onConnectionState(c);
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(QWidget *page, const QString &objectName)
{
    page->setObjectName(objectName);
    m_ui->pages->addWidget(page);
    m_ui->navigation->addItem(pageTitle(objectName));
    auto *action = m_ui->viewMenu->addAction(pageTitle(objectName));
    action->setData(objectName);
    connect(action, &QAction::triggered, this, [this, objectName] { showPage(objectName); });
    m_pageActions.append(action);
    retranslate();
    if (m_ui->navigation->currentRow() < 0)
        m_ui->navigation->setCurrentRow(0);
}

void MainWindow::movePage(const QString &objectName, int index)
{
    for (int i = 0; i < m_ui->pages->count(); ++i) {
        QWidget *page = m_ui->pages->widget(i);
        if (page->objectName() != objectName || i == index)
            continue;
        m_ui->navigation->blockSignals(true);
        m_ui->pages->removeWidget(page);
        m_ui->pages->insertWidget(index, page);
        m_ui->navigation->insertItem(index, m_ui->navigation->takeItem(i));
        QAction *action = m_pageActions.takeAt(i);
        m_pageActions.insert(index, action);
        m_ui->viewMenu->removeAction(action);
        m_ui->viewMenu->insertAction(m_ui->viewMenu->actions().value(index), action);
        m_ui->navigation->blockSignals(false);
        m_ui->navigation->setCurrentRow(0);
        m_ui->pages->setCurrentIndex(0);
        retranslate();
        return;
    }
}

void MainWindow::showPage(const QString &objectName)
{
    for (int i = 0; i < m_ui->pages->count(); ++i) {
        if (m_ui->pages->widget(i)->objectName() == objectName)
            m_ui->navigation->setCurrentRow(i);
    }
}

QString MainWindow::pageTitle(const QString &objectName) const
{
    if (objectName == QLatin1String("overviewPage"))
        return tr("Overview");
    if (objectName == QLatin1String("fleetPage"))
        return tr("Hosts and VMs");
    if (objectName == QLatin1String("performancePage"))
        return tr("Performance");
    if (objectName == QLatin1String("scansPage"))
        return tr("Scans");
    if (objectName == QLatin1String("patternsPage"))
        return tr("Pattern Files");
    if (objectName == QLatin1String("incidentsPage")) {
        return m_unseenIncidents > 0 ? tr("Incidents (%n new)", nullptr, m_unseenIncidents)
                                     : tr("Incidents");
    }
    if (objectName == QLatin1String("auditPage"))
        return tr("Audit Log");
    return objectName;
}

void MainWindow::retranslate()
{
    for (int i = 0; i < m_ui->pages->count(); ++i) {
        const QString name = m_ui->pages->widget(i)->objectName();
        m_ui->navigation->item(i)->setText(pageTitle(name));
        m_pageActions.value(i)->setText(pageTitle(name));
        // Alt+1 … Alt+9 in navigation order.
        m_pageActions.value(i)->setShortcut(
            i < 9 ? QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)) : QKeySequence());
    }
    // Wide enough for the longest page title in the current language.
    const int navigationWidth =
        m_ui->navigation->sizeHintForColumn(0) + 2 * m_ui->navigation->frameWidth() + 16;
    m_ui->navigation->setMinimumWidth(navigationWidth);
    m_ui->navigation->setMaximumWidth(std::max(navigationWidth, 220));
    updateStatusBar();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::updateStatusBar()
{
    int online = 0;
    int total = 0;
    for (ApplianceConnection *c : m_fleet->connections()) {
        ++total;
        online += c->state() == ApplianceConnection::State::Online;
    }
    m_ui->statusBar->showMessage(total == 0
            ? tr("No appliances yet: add one with File › Add Appliance.")
            : tr("%1 of %n appliance(s) online", nullptr, total).arg(online));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Mamori"),
        tr("<h3>Mamori %1</h3>"
           "<p>Agentless antivirus for virtual desktops: one security appliance "
           "per host scans every virtual machine from outside, one at a time.</p>"
           "<p>Free software under the GNU General Public License, version 2 or "
           "later.</p>")
            .arg(QLatin1String(kVersion)));
}

void MainWindow::addAppliance()
{
    AddApplianceDialog dialog(m_fleet, this);
    dialog.exec();
}

void MainWindow::removeAppliance()
{
    ApplianceConnection *c = m_fleet->connection(m_fleetPage->currentHost());
    if (!c)
        return;
    const auto answer = QMessageBox::warning(this, tr("Remove Appliance"),
        tr("Remove %1 from this console? The appliance keeps running and protecting its "
           "virtual machines; only this console stops watching it, and its saved password "
           "is removed from the keyring.")
            .arg(c->displayName()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_fleet->removeAppliance(c->id());
}

void MainWindow::onConnectionState(ApplianceConnection *c)
{
    updateStatusBar();
    if (m_prompting.contains(c->id()))
        return;
    switch (c->state()) {
    case ApplianceConnection::State::NeedsPassword:
    case ApplianceConnection::State::SignInFailed:
        // Never stack dialogs: ask when the window is free.
        QMetaObject::invokeMethod(
            this,
            [this, c = QPointer<ApplianceConnection>(c)] {
                if (c)
                    askPassword(c);
            },
            Qt::QueuedConnection);
        break;
    case ApplianceConnection::State::PinMismatch:
        QMetaObject::invokeMethod(
            this,
            [this, c = QPointer<ApplianceConnection>(c)] {
                if (c)
                    warnPinMismatch(c);
            },
            Qt::QueuedConnection);
        break;
    default:
        break;
    }
}

void MainWindow::askPassword(ApplianceConnection *c)
{
    m_prompting.insert(c->id());
    const QString reason = c->state() == ApplianceConnection::State::SignInFailed
        ? c->lastError().userMessage() + QLatin1Char('\n')
        : QString();
    bool ok = false;
    const QString password = QInputDialog::getText(this, tr("Sign In to %1").arg(c->displayName()),
        reason + tr("Password of %1 on %2:").arg(c->entry().userName, c->displayName()),
        QLineEdit::Password, {}, &ok);
    m_prompting.remove(c->id());
    if (ok && !password.isEmpty())
        c->providePassword(password, true);
}

void MainWindow::warnPinMismatch(ApplianceConnection *c)
{
    m_prompting.insert(c->id());
    QMessageBox box(QMessageBox::Critical, tr("Certificate Changed"),
        tr("%1 presented a different certificate than the one you trusted. "
           "The console has stopped talking to it: someone may be impersonating "
           "the appliance, or it was reinstalled.")
            .arg(c->displayName()),
        QMessageBox::NoButton, this);
    box.setInformativeText(tr("Trusted: %1\nPresented: %2\n\nCompare the presented fingerprint "
                              "with the output of “mamori-appliance fingerprint” on the host "
                              "before you trust it.")
                               .arg(c->entry().certFingerprint, c->presentedFingerprint()));
    QPushButton *retrust =
        box.addButton(tr("&Trust the New Certificate…"), QMessageBox::DestructiveRole);
    box.addButton(tr("Keep &Blocked"), QMessageBox::RejectRole);
    box.setDefaultButton(qobject_cast<QPushButton *>(box.buttons().last()));
    box.exec();
    m_prompting.remove(c->id());
    if (box.clickedButton() != retrust)
        return;
    QPointer<ApplianceConnection> guard(c);
    m_fleet->probe(
        c->entry().url, [this, guard](console::CertificateInfo info, console::ApiError e) {
            if (!guard)
                return;
            if (!e.ok() || info.isNull()) {
                QMessageBox::warning(this, tr("Certificate Changed"), e.userMessage());
                return;
            }
            const auto answer = QMessageBox::question(this, tr("Trust the New Certificate"),
                tr("Trust this certificate for %1?\n\nSHA-256: %2")
                    .arg(guard->displayName(), info.fingerprint),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
            if (answer == QMessageBox::Yes)
                guard->retrust(info);
        });
}

// Trouble that needs the admin now goes to the tray as well; the rest waits
// in the Overview's alert list (incidents have their own notice).
void MainWindow::onAlert(ApplianceConnection *c, const QJsonObject &event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    if (type != QLatin1String("appliance.trouble") && type != QLatin1String("pattern.refused"))
        return;
    const QString text = c->displayName() + QStringLiteral(": ") + EventText::describe(event, c);
    if (m_tray)
        m_tray->showMessage(EventText::typeName(type), text, QSystemTrayIcon::Warning);
    statusBar()->showMessage(text, 10000);
}

void MainWindow::onIncident(ApplianceConnection *c, const QJsonObject &incident)
{
    ++m_unseenIncidents;
    retranslate();
    const QString text =
        tr("%1 found in %2 on %3")
            .arg(incident.value(QStringLiteral("threat")).toString(),
                incident.value(QStringLiteral("vm_name")).toString(), c->displayName());
    if (m_tray)
        m_tray->showMessage(tr("New Incident"), text, QSystemTrayIcon::Critical);
    statusBar()->showMessage(text, 10000);
}

} // namespace mamori::ui
