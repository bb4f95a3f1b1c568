// SPDX-License-Identifier: GPL-2.0-or-later
#include "StartScanDialog.h"

#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetModel.h"
#include "app/models/StatusText.h"
#include "widgets/StatusIcon.h"

#include <QCollator>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>

namespace mamori::ui {

using console::ApplianceConnection;
using console::StatusText;

namespace {

constexpr int kHostRole = Qt::UserRole + 1;
constexpr int kVmRole = Qt::UserRole + 2;

} // namespace

StartScanDialog::StartScanDialog(console::Fleet *fleet, const QList<QPair<int, QUuid>> &selected,
    int currentHost, QWidget *parent)
    : QDialog(parent), m_fleet(fleet), m_kind(new QComboBox(this)), m_paths(new QLineEdit(this)),
      m_vms(new QTreeWidget(this)), m_count(new QLabel(this)), m_error(new QLabel(this)),
      m_ok(nullptr)
{
    setObjectName(QStringLiteral("startScanDialog"));
    setWindowTitle(tr("Start scan"));
    m_kind->setObjectName(QStringLiteral("scanKind"));
    for (console::ScanKind k :
        {console::ScanKind::Full, console::ScanKind::Quick, console::ScanKind::Custom})
        m_kind->addItem(StatusText::scanKind(k), int(k));
    m_paths->setObjectName(QStringLiteral("scanPaths"));
    m_paths->setPlaceholderText(tr("Paths inside the VM, separated by ;"));
    m_vms->setObjectName(QStringLiteral("scanVmList"));
    m_vms->setColumnCount(2);
    m_vms->setHeaderLabels({tr("Host / VM"), tr("Protection status")});
    m_vms->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_vms->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_vms->header()->setStretchLastSection(false);
    m_vms->setUniformRowHeights(true);
    m_vms->setMinimumSize(460, 300);
    m_count->setObjectName(QStringLiteral("scanVmCount"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText); // it quotes what was typed

    QSet<QUuid> ticked;
    for (const auto &[host, vm] : selected)
        ticked.insert(vm);
    const console::FleetModel *model = fleet->model();
    QCollator names; // "desk-2" before "desk-10"
    names.setNumericMode(true);
    for (ApplianceConnection *c : fleet->connections()) {
        auto *host = new QTreeWidgetItem(m_vms, {c->displayName()});
        host->setData(0, kHostRole, c->id());
        host->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
        const bool may = c->mayAct();
        if (!may) {
            host->setDisabled(true);
            host->setText(1, StatusText::roleRefusal(c->role(), tr("start scans")));
        }
        QList<console::Vm> vms = model->vms(c->id());
        std::sort(vms.begin(), vms.end(), [&names](const console::Vm &a, const console::Vm &b) {
            return names.compare(a.name, b.name) < 0;
        });
        for (const console::Vm &vm : std::as_const(vms)) {
            const QModelIndex index = model->vmIndex(vm.id);
            const auto status =
                protocol::ProtectionStatus(index.data(console::FleetModel::StatusRole).toInt());
            auto *item = new QTreeWidgetItem(host, {vm.name, StatusText::protection(status)});
            item->setIcon(1, widgets::StatusIcon::icon(status));
            item->setData(0, kHostRole, c->id());
            item->setData(0, kVmRole, vm.id);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            const bool on =
                may && (ticked.contains(vm.id) || (ticked.isEmpty() && currentHost == c->id()));
            item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
            if (!may)
                item->setDisabled(true);
        }
        host->setExpanded(true);
    }

    auto *all = new QPushButton(tr("Tick &all"), this);
    all->setObjectName(QStringLiteral("scanTickAll"));
    auto *none = new QPushButton(tr("Tick &none"), this);
    none->setObjectName(QStringLiteral("scanTickNone"));
    connect(all, &QPushButton::clicked, this, [this] { setAllChecked(true); });
    connect(none, &QPushButton::clicked, this, [this] { setAllChecked(false); });
    auto *tick = new QHBoxLayout;
    tick->addWidget(m_count, 1);
    tick->addWidget(all);
    tick->addWidget(none);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = box->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Start scan"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Paths:"), m_paths);
    auto *vmsLabel = new QLabel(tr("&VMs to scan:"), this);
    vmsLabel->setBuddy(m_vms);
    form->addRow(vmsLabel);
    form->addRow(m_vms);
    form->addRow(tick);
    form->addRow(m_error);
    form->addRow(box);

    const auto syncPaths = [this] { m_paths->setEnabled(kind() == console::ScanKind::Custom); };
    syncPaths();
    connect(m_kind, &QComboBox::currentIndexChanged, this, syncPaths);
    connect(m_vms, &QTreeWidget::itemChanged, this, &StartScanDialog::validate);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, this, [this] {
        if (checkPaths())
            accept();
    });
    validate();
}

void StartScanDialog::setAllChecked(bool checked)
{
    for (int h = 0; h < m_vms->topLevelItemCount(); ++h) {
        QTreeWidgetItem *host = m_vms->topLevelItem(h);
        for (int v = 0; v < host->childCount(); ++v) {
            if (!host->child(v)->isDisabled())
                host->child(v)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
        }
    }
}

int StartScanDialog::checkedCount() const
{
    int n = 0;
    for (const QList<QUuid> &vms : plan())
        n += int(vms.size());
    return n;
}

QMap<int, QList<QUuid>> StartScanDialog::plan() const
{
    QMap<int, QList<QUuid>> out;
    for (int h = 0; h < m_vms->topLevelItemCount(); ++h) {
        const QTreeWidgetItem *host = m_vms->topLevelItem(h);
        for (int v = 0; v < host->childCount(); ++v) {
            const QTreeWidgetItem *vm = host->child(v);
            if (!vm->isDisabled() && vm->checkState(0) == Qt::Checked)
                out[vm->data(0, kHostRole).toInt()].append(vm->data(0, kVmRole).toUuid());
        }
    }
    return out;
}

console::ScanKind StartScanDialog::kind() const
{
    return console::ScanKind(m_kind->currentData().toInt());
}

QStringList StartScanDialog::paths() const
{
    QStringList list;
    for (const QString &p : m_paths->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
        list.append(p.trimmed());
    return list;
}

void StartScanDialog::validate()
{
    const int n = checkedCount();
    m_count->setText(tr("%n VM(s) ticked.", nullptr, n));
    m_ok->setEnabled(n > 0);
    m_ok->setToolTip(n > 0 ? QString() : tr("Tick at least one VM."));
}

bool StartScanDialog::checkPaths()
{
    if (kind() != console::ScanKind::Custom)
        return true;
    const QStringList list = paths();
    if (list.isEmpty()) {
        m_error->setText(tr("A custom scan needs at least one path."));
        return false;
    }
    for (const QString &p : list) {
        if (!p.startsWith(QLatin1Char('/'))) {
            m_error->setText(tr("“%1” is not an absolute path inside the VM.").arg(p));
            return false;
        }
    }
    return true;
}

} // namespace mamori::ui
