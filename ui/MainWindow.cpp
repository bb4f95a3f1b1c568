// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/MainWindow.h"

#include "mamori/Version.h"
#include "ui_MainWindow.h"

#include <QEvent>
#include <QMessageBox>

namespace mamori::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_ui(new Ui::MainWindow)
{
    m_ui->setupUi(this);
    m_ui->quitAction->setShortcut(QKeySequence::Quit);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

MainWindow::~MainWindow() = default;

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_ui->retranslateUi(this);
    QMainWindow::changeEvent(event);
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

} // namespace mamori::ui
