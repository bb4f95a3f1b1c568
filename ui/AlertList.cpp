// SPDX-License-Identifier: GPL-2.0-or-later
#include "AlertList.h"

#include "EventText.h"
#include "SecurityPages.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"

#include <QEvent>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mamori::ui {

AlertList::AlertList(console::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_view(new QTreeWidget(this))
{
    m_view->setObjectName(QStringLiteral("alertsView"));
    m_view->setColumnCount(ColCount);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(fleet, &console::Fleet::alertReceived, this, &AlertList::add);
    connect(fleet, &console::Fleet::connectionRemoved, this, [this](int id) {
        m_entries.removeIf([id](const Entry &e) { return e.applianceId == id; });
        rebuild();
    });
    rebuild();
}

void AlertList::add(console::ApplianceConnection *connection, const QJsonObject &event)
{
    m_entries.prepend({connection->id(), event});
    if (m_entries.size() > kMaxAlerts)
        m_entries.removeLast();
    rebuild();
}

void AlertList::rebuild()
{
    m_view->setHeaderLabels({tr("Time"), tr("Appliance"), tr("Alert"), tr("Details")});
    m_view->clear();
    QList<QTreeWidgetItem *> items;
    for (const Entry &e : std::as_const(m_entries)) {
        const console::ApplianceConnection *c = m_fleet->connection(e.applianceId);
        auto *item = new QTreeWidgetItem;
        item->setText(
            TimeCol, SecurityText::timeText(e.event.value(QStringLiteral("time")).toString()));
        item->setText(ApplianceCol, c ? c->displayName() : QString());
        item->setText(
            AlertCol, EventText::typeName(e.event.value(QStringLiteral("type")).toString()));
        const QString detail = EventText::describe(e.event, c);
        item->setText(DetailCol, detail);
        item->setToolTip(DetailCol, detail);
        items.append(item);
    }
    m_view->addTopLevelItems(items);
}

void AlertList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

} // namespace mamori::ui
