// SPDX-License-Identifier: GPL-2.0-or-later
#include "FleetPage.h"

#include "DetailRows.h"
#include "FleetSelection.h"
#include "VmActions.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetFilterModel.h"
#include "app/models/FleetModel.h"
#include "app/models/StatusText.h"
#include "widgets/StatusIcon.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QUrl>

namespace mamori::ui {

using console::FleetModel;
using console::StatusText;
using protocol::ProtectionStatus;

namespace {

const QList<ProtectionStatus> kStatuses {ProtectionStatus::Infected, ProtectionStatus::Unprotected,
    ProtectionStatus::AtRisk, ProtectionStatus::Unknown, ProtectionStatus::Scanning,
    ProtectionStatus::Protected};

const auto row = &DetailRows::row;

// What the host's appliance answers but could not be read, line by line.
QString troubleRow(const QModelIndex &index)
{
    const QString trouble = index.data(FleetModel::TroubleRole).toString();
    if (trouble.isEmpty())
        return {};
    return row(FleetPage::tr("Problem"), trouble).replace(QLatin1Char('\n'), QLatin1String("<br>"));
}

} // namespace

FleetPage::FleetPage(console::Fleet *fleet, FleetSelection *selection, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_selection(selection),
      m_filter(new console::FleetFilterModel(this)), m_search(new QLineEdit(this)),
      m_status(new QComboBox(this)), m_view(new QTreeView(this)), m_detail(new QTextBrowser(this)),
      m_result(new QLabel(this))
{
    confirm = defaultConfirm(this);
    m_filter->setSourceModel(fleet->model());
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("fleetSearch"));
    m_status->setObjectName(QStringLiteral("fleetStatusFilter"));
    m_view->setObjectName(QStringLiteral("fleetView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FleetModel::NameColumn, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true); // cheap layout with 10,000 rows
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setStretchLastSection(false);
    m_view->setColumnWidth(FleetModel::NameColumn, 260);
    m_view->setColumnWidth(FleetModel::ProtectionColumn, 170);
    m_detail->setObjectName(QStringLiteral("fleetDetail"));
    // "Reconnect" in a host's details is a link the page handles.
    m_detail->setOpenLinks(false);
    connect(m_detail, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.toString() == QLatin1String("mamori:reconnect"))
            if (console::ApplianceConnection *c = m_fleet->connection(currentHost()))
                c->reconnect();
    });
    m_result->setObjectName(QStringLiteral("fleetResult"));
    m_result->setTextFormat(Qt::PlainText); // VM names and the appliance's messages
    m_result->setWordWrap(true);
    m_result->hide();
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_status, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter);
    layout->addWidget(m_result);

    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu *menu = contextMenu(m_view->indexAt(at));
        if (!menu)
            return;
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(at));
    });
    // Double-click or Enter (the platform's activation) opens a VM's page.
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QUuid vm = index.data(FleetModel::VmIdRole).toUuid();
        if (!vm.isNull())
            Q_EMIT vmRequested(index.data(FleetModel::HostIdRole).toInt(), vm);
    });

    connect(m_search, &QLineEdit::textChanged, m_filter, &console::FleetFilterModel::setSearchText);
    connect(m_status, &QComboBox::currentIndexChanged, this, &FleetPage::applyStatusFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &FleetPage::updateSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &FleetPage::updateSelection);
    connect(fleet, &console::Fleet::applianceChanged, this, &FleetPage::updateDetail);
    connect(fleet->model(), &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
            if (current.isValid() && current.parent() == topLeft.parent()
                && current.row() >= topLeft.row() && current.row() <= bottomRight.row())
                updateDetail();
        });
    // A host shows its VMs from the first ones on; after that the admin
    // decides.
    m_fit.setSingleShot(true);
    m_fit.setInterval(0);
    connect(&m_fit, &QTimer::timeout, this, &FleetPage::fitColumns);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &host, int first) {
            if (host.isValid() && first == 0 && m_filter->rowCount(host) > 0)
                m_view->expand(host);
            // Sizing lays out every row: once for all rows inserted now.
            if (!m_fit.isActive())
                m_fit.start();
        });
    expandHosts();
    retranslate();
}

// Every host open. Not QTreeView::expandAll(), which keeps a persistent
// index for every row (10,000 VMs) and so makes every re-sort of the
// proxy walk them all.
void FleetPage::expandHosts()
{
    for (int row = 0; row < m_filter->rowCount(); ++row)
        m_view->expand(m_filter->index(row, 0));
}

void FleetPage::retranslate()
{
    m_search->setPlaceholderText(tr("Search by name…"));
    m_search->setAccessibleName(tr("Search"));
    const int current = std::max(0, m_status->currentIndex());
    m_status->blockSignals(true);
    m_status->clear();
    m_status->addItem(tr("All statuses"));
    for (ProtectionStatus s : kStatuses)
        m_status->addItem(widgets::StatusIcon::icon(s), StatusText::protection(s), int(s));
    m_status->setCurrentIndex(current);
    m_status->blockSignals(false);
    m_status->setAccessibleName(tr("Protection status filter"));
    fitColumns();
    updateDetail();
}

// Sizes the columns to their (translated) titles and the rows on screen;
// QTreeView looks only at visible rows, so this stays cheap with 10,000 VMs.
void FleetPage::fitColumns()
{
    for (int c = FleetModel::PowerColumn; c < FleetModel::ColumnCount; ++c)
        m_view->resizeColumnToContents(c);
}

void FleetPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FleetPage::applyStatusFilter()
{
    const QVariant v = m_status->currentData();
    m_filter->setStatusFilter(v.isValid() ? QList<ProtectionStatus> {ProtectionStatus(v.toInt())}
                                          : QList<ProtectionStatus> {});
    expandHosts();
}

void FleetPage::showStatus(ProtectionStatus status)
{
    m_search->clear();
    m_status->setCurrentIndex(m_status->findData(int(status)));
}

QMenu *FleetPage::contextMenu(const QModelIndex &index)
{
    const QUuid vm = index.data(FleetModel::VmIdRole).toUuid();
    const int host = index.data(FleetModel::HostIdRole).toInt();
    if (vm.isNull())
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("fleetVmMenu"));
    QAction *open = menu->addAction(tr("&Open VM page"));
    open->setObjectName(QStringLiteral("openVmAction"));
    connect(open, &QAction::triggered, this, [this, host, vm] { Q_EMIT vmRequested(host, vm); });
    menu->addSeparator();
    const VmActions actions(m_fleet, confirm);
    const char *const names[] = {"scanNowAction", "isolateAction", "releaseAction"};
    for (auto a :
        {VmActions::Action::ScanNow, VmActions::Action::Isolate, VmActions::Action::Release}) {
        QAction *item = menu->addAction(VmActions::label(a));
        item->setObjectName(QLatin1String(names[int(a)]));
        const QString why = actions.refusal(a, host, vm);
        item->setEnabled(why.isEmpty());
        item->setToolTip(why);
        connect(item, &QAction::triggered, this, [this, a, host, vm] {
            QPointer<FleetPage> self(this);
            VmActions(m_fleet, confirm).run(a, host, vm, [self](const QString &result) {
                if (!self || result.isEmpty())
                    return;
                self->m_result->setText(result);
                self->m_result->show();
            });
        });
    }
    menu->setToolTipsVisible(true);
    return menu;
}

int FleetPage::currentHost() const
{
    return m_view->currentIndex().data(FleetModel::HostIdRole).toInt();
}

QUuid FleetPage::currentVm() const
{
    return m_view->currentIndex().data(FleetModel::VmIdRole).toUuid();
}

void FleetPage::updateSelection()
{
    QList<QPair<int, QUuid>> vms;
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows()) {
        const QUuid vm = row.data(FleetModel::VmIdRole).toUuid();
        if (!vm.isNull())
            vms.append({row.data(FleetModel::HostIdRole).toInt(), vm});
    }
    if (m_selection)
        m_selection->set(currentHost(), currentVm(), vms);
    updateDetail();
}

void FleetPage::updateDetail()
{
    const QModelIndex index = m_view->currentIndex();
    console::ApplianceConnection *c = m_fleet->connection(currentHost());
    if (!index.isValid() || !c) {
        m_detail->setHtml(tr("<p>Select a host or a virtual machine to see its details.</p>"));
        return;
    }
    const auto column = [&index](int at) { return index.siblingAtColumn(at).data().toString(); };
    QString html;
    const QUuid vmId = currentVm();
    if (vmId.isNull()) {
        const console::ApplianceInfo &info = c->info();
        html = QStringLiteral("<h3>%1</h3><table cellspacing=4>")
                   .arg(c->displayName().toHtmlEscaped());
        html += row(tr("Address"), c->entry().url);
        html += row(tr("Signed in as"),
            c->role() ? tr("%1 (%2)").arg(c->entry().userName, StatusText::role(c->role()))
                      : tr("not signed in"));
        const QDateTime contact = c->lastContact();
        html += row(tr("Last contact"),
            c->isOnline() || !contact.isValid()
                ? StatusText::time(contact)
                : tr("%1 (%2)").arg(StatusText::time(contact), StatusText::age(contact)));
        html += row(tr("Appliance version"), info.applianceVersion);
        html += row(tr("Engine"), info.engineVersion);
        html += row(tr("Pattern file"), info.patternVersion);
        html += row(tr("Virtual machines"),
            QLocale().toString(m_fleet->model()->rowCount(m_fleet->model()->hostIndex(c->id()))));
        html += row(tr("Certificate fingerprint"), c->entry().certFingerprint);
        html += row(tr("Protection status"), column(FleetModel::ProtectionColumn));
        html += troubleRow(index);
        html += QStringLiteral("</table>");
        if (!c->isOnline())
            html += QStringLiteral("<p><a href=\"mamori:reconnect\">%1</a></p>")
                        .arg(tr("Reconnect now").toHtmlEscaped());
    } else {
        const console::Vm *vm = m_fleet->model()->vm(vmId);
        html = QStringLiteral("<h3>%1</h3><table cellspacing=4>")
                   .arg(column(FleetModel::NameColumn).toHtmlEscaped());
        html += row(tr("Host"), c->displayName());
        html += row(tr("VM id"), vmId.toString(QUuid::WithoutBraces));
        html += row(tr("Power"), column(FleetModel::PowerColumn));
        html += row(tr("Protection status"), column(FleetModel::ProtectionColumn));
        html += troubleRow(index);
        const QString reason = vm ? StatusText::reason(vm->reason) : QString();
        if (!reason.isEmpty())
            html += row(tr("Why"), reason);
        if (vm) {
            html += row(tr("Kind"), StatusText::vmKind(vm->kind));
            html += row(tr("Real-time scanning"), StatusText::realtimeMode(vm->realtime));
        }
        html += row(tr("Last scan"), column(FleetModel::LastScanColumn));
        html += row(tr("Open incidents"), column(FleetModel::IncidentsColumn));
        if (vm)
            html += DetailRows::storage(*vm);
        const QString moved = index.data(FleetModel::MovedFromRole).toString();
        if (!moved.isEmpty())
            html += row(tr("Moved from"), moved);
        html += QStringLiteral("</table>");
    }
    m_detail->setHtml(html);
}

} // namespace mamori::ui
