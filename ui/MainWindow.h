// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QSystemTrayIcon;
class QToolBar;

namespace Ui {
class MainWindow;
}

namespace mamori::console {
class ApplianceConnection;
struct CertificateInfo;
class Fleet;
struct Alert;
struct Incident;
} // namespace mamori::console

namespace mamori::ui {

class FleetSelection;
class HelpWindow;
class LanguageManager;
class WelcomePanel;

// The window: navigation between the pages it is given (Pages makes them),
// the menus, the status bar, and the questions an appliance may need
// answered (a password, a changed certificate).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page { Overview, Fleet, Performance, Scans, Patterns, Incidents, Audit };

    MainWindow(console::Fleet *fleet, LanguageManager *language, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page to the navigation (and the View menu, with Alt+N), after
    // those added before.
    void addPage(QWidget *page, Page id);
    void showPage(Page id);
    // What File › Remove Appliance removes.
    void setFleetSelection(FleetSelection *selection);
    int unseenIncidents() const { return m_unseenIncidents; }
    // Help › Administrator's Guide (F1): the bundled guide in the console's
    // language, in a window of its own.
    void showGuide();

    // Asks for the password of the appliance (NeedsPassword, SignInFailed);
    // the answer goes to the keyring only when "remember" is ticked.
    void askPassword(console::ApplianceConnection *connection);
    // Says that the appliance presented another certificate; trusting it
    // pins exactly the certificate shown here.
    void warnPinMismatch(console::ApplianceConnection *connection);

    // View › Refresh (F5): every appliance that answers is read again, and
    // the page shown reloads what it fetches itself; returns at once.
    void refresh();
    // Reconnects the selected appliance, or every one out of reach when the
    // selected one is online or none is selected.
    void reconnect();
    QToolBar *toolBar() const { return m_toolBar; }
    QWidget *currentPage() const;

Q_SIGNALS:
    // Refresh asks `page` to reload what it fetches itself (Pages wires it).
    void refreshRequested(QWidget *page);
    // The toolbar's page actions (Pages wires them to the page that does it).
    void startScanRequested();
    void updatePatternRequested();
    void reportRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct PageEntry
    {
        QWidget *widget;
        Page id;
        QAction *action;
    };
    void retranslate();
    void showAbout();
    void addAppliance();
    void removeAppliance();
    void onConnectionState(console::ApplianceConnection *connection);
    void trustPresented(console::ApplianceConnection *connection, const QString &shown,
        const console::CertificateInfo &certificate);
    void onIncident(console::ApplianceConnection *connection, const console::Incident &incident);
    void onAlert(console::ApplianceConnection *connection, const console::Alert &alert);
    void updateStatusBar();
    void updateActions();
    void makeToolBar();
    // The signed-in user and role of each appliance, for the status bar.
    QString rolesText() const;
    // Incidents and the audit log are hidden from every signed-in role.
    bool detectionsHidden() const;
    // Without any appliance the window says what to do first instead of
    // showing empty pages.
    void updateEmptyState();
    QString pageTitle(Page id) const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    console::Fleet *m_fleet;
    LanguageManager *m_language;
    QPointer<FleetSelection> m_selection;
    QSystemTrayIcon *m_tray = nullptr;
    WelcomePanel *m_welcome;
    QAction *m_guideAction;
    QToolBar *m_toolBar = nullptr;
    QMenu *m_actionsMenu = nullptr;
    QAction *m_refreshAction;
    QAction *m_reconnectAction;
    QAction *m_startScanAction;
    QAction *m_updatePatternAction;
    QAction *m_reportAction;
    QLabel *m_rolesLabel;
    QPointer<HelpWindow> m_help;
    QList<PageEntry> m_pages;
    QSet<int> m_prompting; // connections with a dialog open
    int m_unseenIncidents = 0;
};

} // namespace mamori::ui
