// SPDX-License-Identifier: GPL-2.0-or-later
#include "MainWindow.h"

#include "AddApplianceDialog.h"
#include "AppIdentity.h"
#include "FleetSelection.h"
#include "HelpWindow.h"
#include "LanguageManager.h"
#include "WelcomePanel.h"
#include "app/client/SecretStore.h"
#include "app/fleet/Fleet.h"
#include "app/models/AlertModel.h"
#include "app/models/AlertText.h"
#include "app/models/ScanFollow.h"
#include "app/models/StatusText.h"
#include "mamori/Version.h"
#include "protocol/EventType.h"
#include "ui_MainWindow.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QVBoxLayout>

namespace mamori::ui {

using console::ApplianceConnection;

MainWindow::MainWindow(console::Fleet *fleet, LanguageManager *language, QWidget *parent)
    : QMainWindow(parent), m_ui(new Ui::MainWindow), m_fleet(fleet), m_language(language),
      m_welcome(new WelcomePanel(this)), m_guideAction(new QAction(this)),
      m_refreshAction(new QAction(this)), m_reconnectAction(new QAction(this)),
      m_startScanAction(new QAction(this)), m_updatePatternAction(new QAction(this)),
      m_reportAction(new QAction(this)), m_rolesLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    makeToolBar();
    m_ui->centralLayout->addWidget(m_welcome, 1);
    connect(m_welcome, &WelcomePanel::addRequested, this, &MainWindow::addAppliance);
    connect(m_welcome, &WelcomePanel::guideRequested, this, &MainWindow::showGuide);
    m_guideAction->setObjectName(QStringLiteral("guideAction"));
    m_guideAction->setShortcut(QKeySequence::HelpContents);
    m_ui->helpMenu->insertAction(m_ui->aboutAction, m_guideAction);
    connect(m_guideAction, &QAction::triggered, this, &MainWindow::showGuide);
    m_ui->quitAction->setShortcut(QKeySequence::Quit);
    m_ui->addApplianceAction->setShortcut(QKeySequence::New);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->addApplianceAction, &QAction::triggered, this, &MainWindow::addAppliance);
    connect(m_ui->removeApplianceAction, &QAction::triggered, this, &MainWindow::removeAppliance);
    connect(m_ui->navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        m_ui->pages->setCurrentIndex(row);
        if (row >= 0 && row < m_pages.size() && m_pages[row].id == Page::Incidents
            && m_unseenIncidents) {
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
    m_ui->removeApplianceAction->setEnabled(false);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->show();
    }
    connect(fleet, &console::Fleet::connectionStateChanged, this, &MainWindow::onConnectionState);
    connect(fleet, &console::Fleet::connectionAdded, this, &MainWindow::updateStatusBar);
    connect(fleet, &console::Fleet::connectionRemoved, this, &MainWindow::updateStatusBar);
    connect(fleet, &console::Fleet::connectionAdded, this, &MainWindow::updateEmptyState);
    connect(fleet, &console::Fleet::connectionRemoved, this, &MainWindow::updateEmptyState);
    connect(fleet, &console::Fleet::incidentOpened, this, &MainWindow::onIncident);
    connect(fleet, &console::Fleet::alertReceived, this, &MainWindow::onAlert);
    // The role arrives with the sign-in: the navigation and status bar follow.
    connect(fleet, &console::Fleet::applianceChanged, this, &MainWindow::retranslate);
    // A scan's end is news, not an alarm: the status bar, and the tray.
    connect(fleet, &console::Fleet::scanEnded, this,
        [this](ApplianceConnection *c, const console::ScanJob &job) {
            const QString text = console::ScanFollow::endText(job, c->displayName());
            if (m_tray)
                m_tray->showMessage(tr("Scan ended"), console::StatusText::notificationBody(text),
                    QSystemTrayIcon::Information);
            statusBar()->showMessage(text, 10000);
        });
    retranslate();
    updateEmptyState();
    for (console::ApplianceConnection *c : fleet->connections())
        onConnectionState(c);
}

void MainWindow::updateEmptyState()
{
    const bool empty = m_fleet->connections().isEmpty();
    m_welcome->setVisible(empty);
    m_ui->navigation->setVisible(!empty);
    m_ui->pages->setVisible(!empty);
}

void MainWindow::showGuide()
{
    if (!m_help)
        m_help = new HelpWindow(this);
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
}

MainWindow::~MainWindow() = default;

void MainWindow::makeToolBar()
{
    const auto icon = &actionIcon;
    m_ui->addApplianceAction->setIcon(icon("add-appliance"));
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setIcon(icon("refresh"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_reconnectAction->setObjectName(QStringLiteral("reconnectAction"));
    m_reconnectAction->setIcon(icon("reconnect"));
    m_reconnectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_startScanAction->setObjectName(QStringLiteral("startScanAction"));
    m_startScanAction->setIcon(icon("start-scan"));
    m_updatePatternAction->setObjectName(QStringLiteral("updatePatternAction"));
    m_updatePatternAction->setIcon(icon("update-pattern"));
    m_reportAction->setObjectName(QStringLiteral("reportAction"));
    m_reportAction->setIcon(icon("report"));
    m_reportAction->setShortcut(QKeySequence::Print);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_reconnectAction, &QAction::triggered, this, &MainWindow::reconnect);
    connect(m_startScanAction, &QAction::triggered, this, &MainWindow::startScanRequested);
    connect(m_updatePatternAction, &QAction::triggered, this, &MainWindow::updatePatternRequested);
    connect(m_reportAction, &QAction::triggered, this, &MainWindow::reportRequested);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    m_toolBar->addAction(m_ui->addApplianceAction);
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_startScanAction, m_updatePatternAction, m_reportAction});
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_refreshAction, m_reconnectAction});
    // Every toolbar action is in a menu as well: reachable from the keyboard.
    m_actionsMenu = new QMenu(this);
    m_actionsMenu->setObjectName(QStringLiteral("actionsMenu"));
    m_actionsMenu->addActions({m_startScanAction, m_updatePatternAction, m_reportAction});
    m_ui->menuBar->insertMenu(m_ui->settingsMenu->menuAction(), m_actionsMenu);
    m_ui->viewMenu->addAction(m_refreshAction);
    m_ui->viewMenu->addSeparator();
    m_ui->fileMenu->insertAction(m_ui->removeApplianceAction, m_reconnectAction);
    m_rolesLabel->setObjectName(QStringLiteral("rolesLabel"));
    m_rolesLabel->setTextFormat(Qt::PlainText); // names and user names
    m_ui->statusBar->addPermanentWidget(m_rolesLabel);
}

QWidget *MainWindow::currentPage() const
{
    return m_ui->pages->currentWidget();
}

void MainWindow::refresh()
{
    for (ApplianceConnection *c : m_fleet->connections()) {
        if (c->isOnline())
            c->resync();
        else if (c->state() == ApplianceConnection::State::Offline)
            c->reconnect();
    }
    if (QWidget *page = currentPage())
        Q_EMIT refreshRequested(page);
    statusBar()->showMessage(tr("Reading again from every appliance…"), 3000);
}

void MainWindow::reconnect()
{
    ApplianceConnection *selected =
        m_fleet->connection(m_selection ? m_selection->currentHost() : 0);
    if (selected && !selected->isOnline()) {
        selected->reconnect();
        return;
    }
    for (ApplianceConnection *c : m_fleet->connections()) {
        if (c->state() == ApplianceConnection::State::Offline
            || c->state() == ApplianceConnection::State::Stopped)
            c->reconnect();
    }
}

void MainWindow::updateActions()
{
    bool anyOut = false;
    for (ApplianceConnection *c : m_fleet->connections())
        anyOut |= c->state() == ApplianceConnection::State::Offline
            || c->state() == ApplianceConnection::State::Stopped;
    m_reconnectAction->setEnabled(anyOut);
    const bool any = !m_fleet->connections().isEmpty();
    for (QAction *a : {m_refreshAction, m_startScanAction, m_updatePatternAction, m_reportAction})
        a->setEnabled(any);
}

QString MainWindow::rolesText() const
{
    QStringList parts;
    for (ApplianceConnection *c : m_fleet->connections()) {
        parts << (c->role() ? tr("%1: %2 (%3)")
                                  .arg(c->displayName(), c->entry().userName,
                                      console::StatusText::role(c->role()))
                            : tr("%1: not signed in").arg(c->displayName()));
    }
    return parts.join(QStringLiteral(" · "));
}

bool MainWindow::detectionsHidden() const
{
    bool signedIn = false;
    for (ApplianceConnection *c : m_fleet->connections()) {
        if (!c->role())
            continue;
        signedIn = true;
        if (c->maySeeDetections())
            return false;
    }
    return signedIn;
}

void MainWindow::addPage(QWidget *page, Page id)
{
    static const char *const names[] = {"overviewPage", "fleetPage", "performancePage", "scansPage",
        "patternsPage", "incidentsPage", "auditPage"};
    page->setObjectName(QLatin1String(names[int(id)]));
    m_ui->pages->addWidget(page);
    m_ui->navigation->addItem(pageTitle(id));
    auto *action = m_ui->viewMenu->addAction(pageTitle(id));
    connect(action, &QAction::triggered, this, [this, id] { showPage(id); });
    m_pages.append({page, id, action});
    retranslate();
    if (m_ui->navigation->currentRow() < 0)
        m_ui->navigation->setCurrentRow(0);
}

void MainWindow::showPage(Page id)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages[i].id == id)
            m_ui->navigation->setCurrentRow(i);
    }
}

void MainWindow::setFleetSelection(FleetSelection *selection)
{
    m_selection = selection;
    connect(selection, &FleetSelection::changed, this, [this] {
        m_ui->removeApplianceAction->setEnabled(m_selection && m_selection->currentHost() != 0);
        updateActions();
    });
}

QString MainWindow::pageTitle(Page id) const
{
    switch (id) {
    case Page::Overview:
        return tr("Overview");
    case Page::Fleet:
        return tr("Hosts and VMs");
    case Page::Performance:
        return tr("Performance");
    case Page::Scans:
        return tr("Scans");
    case Page::Patterns:
        return tr("Pattern Files");
    case Page::Incidents:
        if (detectionsHidden())
            return tr("Incidents (not for your role)");
        return m_unseenIncidents > 0 ? tr("Incidents (%n new)", nullptr, m_unseenIncidents)
                                     : tr("Incidents");
    case Page::Audit:
        return detectionsHidden() ? tr("Audit Log (not for your role)") : tr("Audit Log");
    }
    return {};
}

void MainWindow::retranslate()
{
    ApplianceConnection *hiding = nullptr;
    for (ApplianceConnection *c : m_fleet->connections()) {
        if (c->role() && !c->maySeeDetections())
            hiding = c;
    }
    for (int i = 0; i < m_pages.size(); ++i) {
        m_ui->navigation->item(i)->setText(pageTitle(m_pages[i].id));
        const Page id = m_pages[i].id;
        const bool detections = id == Page::Incidents || id == Page::Audit;
        // Says up front what the role may not see, rather than an empty list.
        m_ui->navigation->item(i)->setToolTip(detections && hiding
                ? console::StatusText::roleRefusal(hiding->role(),
                    id == Page::Incidents ? tr("see incidents") : tr("read the audit log"))
                : QString());
        m_pages[i].action->setText(pageTitle(m_pages[i].id));
        // Alt+1 … Alt+9 in navigation order.
        m_pages[i].action->setShortcut(
            i < 9 ? QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)) : QKeySequence());
    }
    m_guideAction->setText(tr("Administrator's &Guide"));
    m_toolBar->setWindowTitle(tr("Main Toolbar"));
    m_actionsMenu->setTitle(tr("&Actions"));
    m_refreshAction->setText(tr("&Refresh"));
    m_refreshAction->setToolTip(tr("Read the current page again from every appliance (F5)"));
    m_reconnectAction->setText(tr("Re&connect"));
    m_reconnectAction->setToolTip(
        tr("Connect again now to the selected appliance, or to every one out of reach"));
    m_startScanAction->setText(tr("Start &Scan…"));
    m_updatePatternAction->setText(tr("&Update Patterns"));
    m_reportAction->setText(tr("&Report…"));
    // Short words under the icons; the menus keep the full ones.
    m_ui->addApplianceAction->setIconText(tr("Add Appliance"));
    m_startScanAction->setIconText(tr("Start Scan"));
    m_updatePatternAction->setIconText(tr("Update Patterns"));
    m_reportAction->setIconText(tr("Report"));
    m_refreshAction->setIconText(tr("Refresh"));
    m_reconnectAction->setIconText(tr("Reconnect"));
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
    m_rolesLabel->setText(rolesText());
    updateActions();
    int online = 0;
    int total = 0;
    for (ApplianceConnection *c : m_fleet->connections()) {
        ++total;
        online += c->isOnline();
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
    ApplianceConnection *c = m_fleet->connection(m_selection ? m_selection->currentHost() : 0);
    if (!c)
        return;
    QMessageBox box(QMessageBox::Warning, tr("Remove Appliance"),
        tr("Remove %1 from this console? The appliance keeps running and protecting its "
           "virtual machines; only this console stops watching it, and its saved password "
           "is removed from the keyring.")
            .arg(c->displayName()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setTextFormat(Qt::PlainText); // the appliance's name may hold anything
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() == QMessageBox::Yes)
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
    if (m_prompting.contains(c->id()))
        return;
    m_prompting.insert(c->id());
    const QString reason = c->state() == ApplianceConnection::State::SignInFailed
        ? c->lastError().userMessage() + QLatin1Char('\n')
        : QString();
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("passwordDialog"));
    dialog.setWindowTitle(tr("Sign In to %1").arg(c->displayName()));
    auto *text = new QLabel(
        reason + tr("Password of %1 on %2:").arg(c->entry().userName, c->displayName()), &dialog);
    text->setTextFormat(Qt::PlainText); // names and the appliance's message
    text->setWordWrap(true);
    auto *password = new QLineEdit(&dialog);
    password->setObjectName(QStringLiteral("passwordEdit"));
    password->setEchoMode(QLineEdit::Password);
    text->setBuddy(password);
    auto *remember = new QCheckBox(tr("&Remember the password in the system keyring"), &dialog);
    remember->setObjectName(QStringLiteral("rememberPassword"));
    const bool keyring = m_fleet->secrets() && m_fleet->secrets()->isPersistent();
    remember->setEnabled(keyring);
    if (!keyring)
        remember->setToolTip(tr("No keyring answers: the console asks again next time."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addWidget(password);
    layout->addWidget(remember);
    layout->addWidget(buttons);
    const QPointer<ApplianceConnection> guard(c);
    const int id = c->id();
    const bool ok = dialog.exec() == QDialog::Accepted;
    m_prompting.remove(id);
    if (guard && ok && !password->text().isEmpty())
        guard->providePassword(password->text(), remember->isChecked());
}

void MainWindow::warnPinMismatch(ApplianceConnection *c)
{
    if (m_prompting.contains(c->id()))
        return;
    m_prompting.insert(c->id());
    // What the admin compares is what gets trusted (trustPresented): the
    // certificate is kept now, whatever the appliance presents meanwhile.
    const QString shown = c->presentedFingerprint();
    const console::CertificateInfo shownCertificate = c->presentedCertificate();
    QMessageBox box(QMessageBox::Critical, tr("Certificate Changed"),
        tr("%1 presented a different certificate than the one you trusted. "
           "The console has stopped talking to it: someone may be impersonating "
           "the appliance, or it was reinstalled.")
                .arg(c->displayName())
            + QStringLiteral("\n\n")
            + tr("Trusted: %1\nPresented: %2\n\nCompare the presented fingerprint "
                 "with the output of “mamori-appliance fingerprint” on the host "
                 "before you trust it.")
                  .arg(c->entry().certFingerprint, shown),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("pinMismatchBox"));
    box.setTextFormat(Qt::PlainText);
    QPushButton *retrust =
        box.addButton(tr("&Trust the New Certificate…"), QMessageBox::DestructiveRole);
    box.addButton(tr("Keep &Blocked"), QMessageBox::RejectRole);
    box.setDefaultButton(qobject_cast<QPushButton *>(box.buttons().last()));
    const QPointer<ApplianceConnection> guard(c);
    const int id = c->id();
    box.exec();
    m_prompting.remove(id);
    if (guard && box.clickedButton() == retrust && !shown.isEmpty())
        trustPresented(guard, shown, shownCertificate);
}

// Pins the certificate whose fingerprint `shown` the admin compared: the
// one of the refused handshake (`certificate`, kept when the box was
// shown), or, if that was not kept, the appliance's current one only when
// it still is that certificate.
void MainWindow::trustPresented(
    ApplianceConnection *c, const QString &shown, const console::CertificateInfo &certificate)
{
    const QPointer<ApplianceConnection> guard(c);
    const auto confirmAndPin = [this, guard](const console::CertificateInfo &pin) {
        QMessageBox box(QMessageBox::Question, tr("Trust the New Certificate"),
            tr("Trust this certificate for %1?\n\nSHA-256: %2")
                .arg(guard->displayName(), pin.fingerprint),
            QMessageBox::Yes | QMessageBox::No, this);
        box.setObjectName(QStringLiteral("trustCertificateBox"));
        box.setTextFormat(Qt::PlainText);
        box.setDefaultButton(QMessageBox::No);
        if (box.exec() == QMessageBox::Yes && guard)
            guard->retrust(pin);
    };
    if (!certificate.isNull() && certificate.fingerprint.compare(shown, Qt::CaseInsensitive) == 0) {
        confirmAndPin(certificate);
        return;
    }
    m_fleet->probe(c->entry().url,
        [this, guard, shown, confirmAndPin](console::CertificateInfo info, console::ApiError e) {
            if (!guard)
                return;
            QString problem;
            if (!e.ok() || info.isNull())
                problem = e.userMessage();
            else if (info.fingerprint.compare(shown, Qt::CaseInsensitive) != 0)
                problem = tr("%1 now presents yet another certificate (%2), not the one you "
                             "compared (%3). Nothing was trusted.")
                              .arg(guard->displayName(), info.fingerprint, shown);
            if (problem.isEmpty())
                return confirmAndPin(info);
            QMessageBox box(
                QMessageBox::Warning, tr("Certificate Changed"), problem, QMessageBox::Ok, this);
            box.setObjectName(QStringLiteral("trustRefusedBox"));
            box.setTextFormat(Qt::PlainText);
            box.exec();
        });
}

// Trouble that needs the admin now goes to the tray as well; the rest waits
// in the Overview's alert list (incidents have their own notice).
void MainWindow::onAlert(ApplianceConnection *c, const console::Alert &alert)
{
    namespace type = protocol::event;
    if (alert.type != QLatin1String(type::kApplianceTrouble)
        && alert.type != QLatin1String(type::kPatternRefused)
        && alert.type != QLatin1String(console::kReadFailedAlert)
        && alert.type != QLatin1String(console::kUnreachableAlert))
        return;
    const QString text =
        c->displayName() + QStringLiteral(": ") + m_fleet->alerts()->describe(alert);
    if (m_tray)
        m_tray->showMessage(console::AlertText::typeName(alert.type),
            console::StatusText::notificationBody(text), QSystemTrayIcon::Warning);
    statusBar()->showMessage(text, 10000);
}

void MainWindow::onIncident(ApplianceConnection *c, const console::Incident &incident)
{
    // A role that may not read incidents learns of detections as counts only.
    if (!c->maySeeDetections())
        return;
    ++m_unseenIncidents;
    retranslate();
    const QString text =
        tr("%1 found in %2 on %3").arg(incident.threat, incident.vmName, c->displayName());
    if (m_tray)
        m_tray->showMessage(tr("New Incident"), console::StatusText::notificationBody(text),
            QSystemTrayIcon::Critical);
    statusBar()->showMessage(text, 10000);
}

} // namespace mamori::ui
