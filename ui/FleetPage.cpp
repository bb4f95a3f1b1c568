// SPDX-License-Identifier: GPL-2.0-or-later
#include "FleetPage.h"

#include "SecurityPages.h"
#include "app/fleet/Fleet.h"
#include "app/fleet/FleetFilterModel.h"
#include "app/fleet/FleetModel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>

namespace mamori::ui {

using console::FleetModel;
using protocol::ProtectionStatus;

namespace {

const QList<ProtectionStatus> kStatuses {ProtectionStatus::Infected, ProtectionStatus::Unprotected,
    ProtectionStatus::AtRisk, ProtectionStatus::Unknown, ProtectionStatus::Scanning,
    ProtectionStatus::Protected};

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><th align=left valign=top>%1</th><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

FleetPage::FleetPage(console::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_filter(new console::FleetFilterModel(this)),
      m_search(new QLineEdit(this)), m_status(new QComboBox(this)), m_view(new QTreeView(this)),
      m_detail(new QTextBrowser(this))
{
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
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setStretchLastSection(false);
    m_view->setColumnWidth(FleetModel::NameColumn, 260);
    m_view->setColumnWidth(FleetModel::ProtectionColumn, 170);
    m_detail->setObjectName(QStringLiteral("fleetDetail"));

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

    connect(m_search, &QLineEdit::textChanged, m_filter, &console::FleetFilterModel::setSearchText);
    connect(m_status, &QComboBox::currentIndexChanged, this, &FleetPage::applyStatusFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateDetail();
        Q_EMIT currentChanged();
    });
    connect(fleet, &console::Fleet::applianceChanged, this, &FleetPage::updateDetail);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &at) {
        if (!at.isValid())
            m_view->expandAll();
        fitColumns();
    });
    m_view->expandAll();
    retranslate();
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
        m_status->addItem(FleetModel::statusIcon(s), FleetModel::statusText(s), int(s));
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
    m_view->expandAll();
}

int FleetPage::currentHost() const
{
    return m_view->currentIndex().data(FleetModel::HostIdRole).toInt();
}

QString FleetPage::currentVm() const
{
    const QUuid id = m_view->currentIndex().data(FleetModel::VmIdRole).toUuid();
    return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
}

void FleetPage::updateDetail()
{
    const QModelIndex index = m_view->currentIndex();
    console::ApplianceConnection *c = m_fleet->connection(currentHost());
    if (!index.isValid() || !c) {
        m_detail->setHtml(tr("<p>Select a host or a virtual machine to see its details.</p>"));
        return;
    }
    QString html;
    const QString vmId = currentVm();
    if (vmId.isEmpty()) {
        const QJsonObject info = c->info();
        html = QStringLiteral("<h3>%1</h3><table cellspacing=4>")
                   .arg(c->displayName().toHtmlEscaped());
        html += row(tr("Address"), c->entry().url);
        html += row(tr("Signed in as"),
            c->role().isEmpty() ? tr("not signed in")
                                : tr("%1 (%2)").arg(c->entry().userName, c->role()));
        html += row(tr("Appliance version"),
            info[QStringLiteral("versions")][QStringLiteral("appliance")].toString());
        html += row(
            tr("Engine"), info[QStringLiteral("versions")][QStringLiteral("engine")].toString());
        html += row(tr("Pattern file"),
            info[QStringLiteral("versions")][QStringLiteral("pattern")].toString());
        html += row(tr("Virtual machines"), QLocale().toString(int(c->vms().size())));
        html += row(tr("Certificate fingerprint"), c->entry().certFingerprint);
        html += row(tr("Protection status"),
            index.siblingAtColumn(FleetModel::ProtectionColumn).data().toString());
        html += QStringLiteral("</table>");
    } else {
        QJsonObject vm;
        for (const QJsonValue &v : c->vms()) {
            if (v[QStringLiteral("id")].toString() == vmId)
                vm = v.toObject();
        }
        html = QStringLiteral("<h3>%1</h3><table cellspacing=4>")
                   .arg(index.siblingAtColumn(0).data().toString().toHtmlEscaped());
        html += row(tr("Host"), c->displayName());
        html += row(tr("VM id"), vmId);
        html += row(tr("Power"), index.siblingAtColumn(FleetModel::PowerColumn).data().toString());
        html += row(tr("Protection status"),
            index.siblingAtColumn(FleetModel::ProtectionColumn).data().toString());
        const QString reason = FleetModel::reasonText(
            vm[QStringLiteral("protection")][QStringLiteral("reason")].toString());
        if (!reason.isEmpty())
            html += row(tr("Why"), reason);
        html += row(tr("Kind"),
            vm[QStringLiteral("kind")].toString() == QLatin1String("image")
                ? tr("Image VM (disks read from outside)")
                : tr("Directory VM (files on the host)"));
        html += row(tr("Real-time scanning"),
            SecurityText::realtimeModeText(vm[QStringLiteral("realtime")].toString()));
        html += row(
            tr("Last scan"), index.siblingAtColumn(FleetModel::LastScanColumn).data().toString());
        html += row(tr("Open incidents"),
            index.siblingAtColumn(FleetModel::IncidentsColumn).data().toString());
        if (vm.contains(QStringLiteral("root")) && !vm[QStringLiteral("root")].toString().isEmpty())
            html += row(tr("Files on the host"), vm[QStringLiteral("root")].toString());
        for (const QJsonValue &d : vm[QStringLiteral("disks")].toArray())
            html += row(tr("Disk %1").arg(d[QStringLiteral("target")].toString()),
                tr("%1 (%2)").arg(d[QStringLiteral("source")].toString(),
                    d[QStringLiteral("format")].toString()));
        if (!vm[QStringLiteral("golden_image")].toString().isEmpty())
            html += row(tr("Golden image"), vm[QStringLiteral("golden_image")].toString());
        const QString moved = index.data(FleetModel::MovedFromRole).toString();
        if (!moved.isEmpty())
            html += row(tr("Moved from"), moved);
        html += QStringLiteral("</table>");
    }
    m_detail->setHtml(html);
}

} // namespace mamori::ui
