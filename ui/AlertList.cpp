// SPDX-License-Identifier: GPL-2.0-or-later
#include "AlertList.h"

#include "app/models/AlertModel.h"

#include <QHeaderView>
#include <QTreeView>
#include <QVBoxLayout>

namespace mamori::ui {

AlertList::AlertList(console::AlertModel *alerts, QWidget *parent)
    : QWidget(parent), m_view(new QTreeView(this))
{
    m_view->setObjectName(QStringLiteral("alertsView"));
    m_view->setModel(alerts);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

} // namespace mamori::ui
