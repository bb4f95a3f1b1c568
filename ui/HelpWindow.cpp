// SPDX-License-Identifier: GPL-2.0-or-later
#include "HelpWindow.h"

#include <QEvent>
#include <QLocale>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace mamori::ui {

HelpWindow::HelpWindow(QWidget *parent)
    : QWidget(parent, Qt::Window), m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("helpWindow"));
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setOpenExternalLinks(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    resize(900, 700);
    retranslate();
}

QUrl HelpWindow::guideUrl()
{
    return QUrl(QLocale().language() == QLocale::Japanese
            ? QStringLiteral("qrc:/help/admin-guide.ja.md")
            : QStringLiteral("qrc:/help/admin-guide.md"));
}

void HelpWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HelpWindow::retranslate()
{
    setWindowTitle(tr("Administrator's Guide"));
    if (m_browser->source() != guideUrl())
        m_browser->setSource(guideUrl(), QTextDocument::MarkdownResource);
}

} // namespace mamori::ui
