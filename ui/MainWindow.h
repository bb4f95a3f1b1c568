// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QMainWindow>

#include <memory>

class QSystemTrayIcon;

namespace Ui {
class MainWindow;
}

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

class FleetPage;
class LanguageManager;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(console::Fleet *fleet, LanguageManager *language, QWidget *parent = nullptr);
    ~MainWindow() override;

    FleetPage *fleetPage() const { return m_fleetPage; }
    // Adds a page to the navigation (and the View menu, with Alt+N).
    void addPage(QWidget *page, const QString &objectName);
    void showPage(const QString &objectName);
    // Moves a page to `index` in the navigation (Alt+N follows the order).
    void movePage(const QString &objectName, int index);
    int unseenIncidents() const { return m_unseenIncidents; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showAbout();
    void addAppliance();
    void removeAppliance();
    void onConnectionState(console::ApplianceConnection *connection);
    void askPassword(console::ApplianceConnection *connection);
    void warnPinMismatch(console::ApplianceConnection *connection);
    void onIncident(console::ApplianceConnection *connection, const QJsonObject &incident);
    void onAlert(console::ApplianceConnection *connection, const QJsonObject &event);
    void updateStatusBar();
    QString pageTitle(const QString &objectName) const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    console::Fleet *m_fleet;
    LanguageManager *m_language;
    FleetPage *m_fleetPage;
    QSystemTrayIcon *m_tray = nullptr;
    QList<QAction *> m_pageActions;
    QSet<int> m_prompting; // connections with a dialog open
    int m_unseenIncidents = 0;
};

} // namespace mamori::ui
