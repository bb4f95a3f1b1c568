// SPDX-License-Identifier: GPL-2.0-or-later
#include "IncidentMenu.h"

#include "IncidentsPage.h"
#include "app/models/IncidentModel.h"

#include <QItemSelectionModel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>

namespace mamori::ui {

using console::IncidentAction;

namespace {

const IncidentAction kActions[] = {IncidentAction::Acknowledge, IncidentAction::Assign,
    IncidentAction::Resolve, IncidentAction::Quarantine, IncidentAction::Restore,
    IncidentAction::Delete, IncidentAction::Allow, IncidentAction::IsolateVm,
    IncidentAction::ReleaseVm};

} // namespace

QMenu *incidentMenu(IncidentsPage *page, const QModelIndex &index, const OpenVmFunction &openVm)
{
    if (!index.isValid())
        return nullptr;
    const auto *incidents =
        qobject_cast<const console::IncidentModel *>(page->filterModel()->sourceModel());
    const console::Incident *incident =
        incidents ? incidents->incident(page->filterModel()->mapToSource(index)) : nullptr;
    const int host = index.data(console::IncidentModel::HostIdRole).toInt();
    auto *menu = new QMenu(page);
    menu->setObjectName(QStringLiteral("incidentMenu"));
    menu->setToolTipsVisible(true);
    QAction *open = menu->addAction(IncidentsPage::tr("&Open VM page"));
    open->setObjectName(QStringLiteral("openVmAction"));
    open->setEnabled(incident && !incident->vm.isNull());
    if (incident) {
        const QUuid vm = incident->vm;
        QObject::connect(open, &QAction::triggered, page, [openVm, host, vm] { openVm(host, vm); });
    }
    menu->addSeparator();
    for (IncidentAction a : kActions) {
        QPushButton *button = page->actionButton(a);
        if (!button)
            continue;
        QAction *item = menu->addAction(button->text());
        item->setObjectName(console::incidentActionName(a) + QStringLiteral("Action"));
        item->setEnabled(button->isEnabled());
        item->setToolTip(button->toolTip());
        QObject::connect(item, &QAction::triggered, button, &QPushButton::click);
        if (a == IncidentAction::Resolve || a == IncidentAction::Allow)
            menu->addSeparator();
    }
    return menu;
}

void installIncidentMenu(IncidentsPage *page, const OpenVmFunction &openVm)
{
    QTableView *view = page->view();
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(
        view, &QWidget::customContextMenuRequested, page, [page, view, openVm](const QPoint &at) {
            const QModelIndex index = view->indexAt(at);
            if (!index.isValid())
                return;
            // The menu acts on the row under the pointer, or on the
            // selection it is part of.
            if (!view->selectionModel()->isRowSelected(index.row(), index.parent()))
                view->selectRow(index.row());
            QMenu *menu = incidentMenu(page, index, openVm);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(view->viewport()->mapToGlobal(at));
        });
}

} // namespace mamori::ui
