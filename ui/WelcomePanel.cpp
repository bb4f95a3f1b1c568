// SPDX-License-Identifier: GPL-2.0-or-later
#include "WelcomePanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mamori::ui {

WelcomePanel::WelcomePanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_text(new QLabel(this)),
      m_add(new QPushButton(this)), m_guide(new QPushButton(this))
{
    setObjectName(QStringLiteral("welcomePanel"));
    m_add->setObjectName(QStringLiteral("welcomeAddAppliance"));
    m_guide->setObjectName(QStringLiteral("welcomeGuide"));
    m_add->setDefault(true);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);

    // A column of readable width in the middle of the window.
    auto *column = new QWidget(this);
    column->setFixedWidth(m_text->fontMetrics().averageCharWidth() * 72);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_guide);
    buttons->addStretch();
    auto *inner = new QVBoxLayout(column);
    inner->addWidget(m_title);
    inner->addSpacing(m_text->fontMetrics().height());
    inner->addWidget(m_text);
    inner->addSpacing(m_text->fontMetrics().height());
    inner->addLayout(buttons);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    connect(m_add, &QPushButton::clicked, this, &WelcomePanel::addRequested);
    connect(m_guide, &QPushButton::clicked, this, &WelcomePanel::guideRequested);
    retranslate();
}

void WelcomePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WelcomePanel::retranslate()
{
    m_title->setText(tr("Add your first appliance"));
    m_text->setText(
        tr("Mamori watches the security appliance on each hypervisor host. Add one, and its "
           "virtual machines, scans, pattern files and incidents appear here.\n\n"
           "You need the appliance's address, its certificate fingerprint (it prints it when "
           "it starts, and mamori-appliance fingerprint shows it on the host) and an account "
           "made there with mamori-appliance user add."));
    m_add->setText(tr("&Add Appliance…"));
    m_guide->setText(tr("Read the Administrator's &Guide"));
}

} // namespace mamori::ui
