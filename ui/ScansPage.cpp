// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScansPage.h"

#include "FleetPage.h"
#include "PolicyDialog.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/fleet/FleetModel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QUuid>

namespace mamori::ui {

using console::ApplianceConnection;

namespace {
enum Column { PositionCol, VmCol, StateCol, KindCol, ProgressCol, CacheCol, PathCol, ColCount };

bool isActive(const QString &state)
{
    return state == QLatin1String("running") || state == QLatin1String("paused");
}
} // namespace

ScansPage::ScansPage(console::Fleet *fleet, FleetPage *fleetPage, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_fleetPage(fleetPage), m_view(new QTreeWidget(this)),
      m_start(new QPushButton(this)), m_cancel(new QPushButton(this)),
      m_policy(new QPushButton(this)), m_hint(new QLabel(this)), m_result(new QLabel(this))
{
    confirm = defaultConfirm(this);
    m_view->setObjectName(QStringLiteral("scansView"));
    m_view->setColumnCount(ColCount);
    m_view->setAlternatingRowColors(true);
    // Columns as wide as their contents (and headers, in either language);
    // the current file takes the rest.
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    m_start->setObjectName(QStringLiteral("startScanButton"));
    m_cancel->setObjectName(QStringLiteral("cancelScanButton"));
    m_policy->setObjectName(QStringLiteral("scanPolicyButton"));
    m_result->setObjectName(QStringLiteral("scanResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_policy);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_result);

    connect(m_start, &QPushButton::clicked, this, &ScansPage::openStartDialog);
    connect(m_cancel, &QPushButton::clicked, this, &ScansPage::cancelCurrentJob);
    connect(m_policy, &QPushButton::clicked, this, &ScansPage::openPolicy);
    connect(m_view, &QTreeWidget::currentItemChanged, this, &ScansPage::updateActions);
    connect(fleet, &console::Fleet::applianceChanged, this, &ScansPage::rebuild);
    connect(fleet, &console::Fleet::connectionStateChanged, this, &ScansPage::rebuild);
    connect(fleet, &console::Fleet::connectionRemoved, this, &ScansPage::rebuild);
    auto follow = [this](ApplianceConnection *c) {
        connect(c, &ApplianceConnection::jobsChanged, this, &ScansPage::rebuild);
        connect(c, &ApplianceConnection::infoChanged, this, &ScansPage::rebuild);
    };
    connect(fleet, &console::Fleet::connectionAdded, this, [this, follow](ApplianceConnection *c) {
        follow(c);
        rebuild();
    });
    for (ApplianceConnection *c : fleet->connections())
        follow(c);
    retranslate();
}

void ScansPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ScansPage::retranslate()
{
    m_view->setHeaderLabels({tr("Host / position"), tr("VM"), tr("State"), tr("Kind"),
        tr("Progress"), tr("Scan cache hits / misses"), tr("Current file")});
    m_start->setText(tr("&Start scan…"));
    m_cancel->setText(tr("&Cancel scan"));
    m_policy->setText(tr("&Policy…"));
    m_hint->setText(tr("Each appliance scans at most as many VMs at once as its policy allows "
                       "(normally one): the others wait in the scan queue in the order shown."));
    rebuild();
}

QString ScansPage::currentJob() const
{
    const QTreeWidgetItem *item = m_view->currentItem();
    return item ? item->data(0, JobIdRole).toString() : QString();
}

void ScansPage::selectJob(const QString &jobId)
{
    for (QTreeWidgetItemIterator it(m_view); *it; ++it) {
        if ((*it)->data(0, JobIdRole).toString() == jobId) {
            m_view->setCurrentItem(*it);
            return;
        }
    }
}

void ScansPage::rebuild()
{
    const QString current = currentJob();
    QSet<int> collapsed;
    for (int i = 0; i < m_view->topLevelItemCount(); ++i) {
        if (!m_view->topLevelItem(i)->isExpanded())
            collapsed.insert(m_view->topLevelItem(i)->data(0, HostIdRole).toInt());
    }
    const QSignalBlocker block(m_view);
    m_view->clear();
    for (ApplianceConnection *c : m_fleet->connections()) {
        auto *host = new QTreeWidgetItem(m_view);
        host->setData(0, HostIdRole, c->id());
        fillHost(host, c);
        host->setExpanded(!collapsed.contains(c->id()));
    }
    if (!current.isEmpty())
        selectJob(current);
    updateActions();
}

void ScansPage::fillHost(QTreeWidgetItem *host, ApplianceConnection *c)
{
    host->setText(PositionCol, c->displayName());
    QFont bold = host->font(0);
    bold.setBold(true);
    host->setFont(PositionCol, bold);
    int running = 0;
    int waiting = 0;
    QTreeWidgetItem *recent = nullptr;
    for (const QJsonValue &v : c->jobs()) {
        const QJsonObject job = v.toObject();
        const QString state = job.value(QStringLiteral("state")).toString();
        QTreeWidgetItem *item;
        if (isActive(state)) {
            item = jobItem(job, tr("▶ Now"));
            ++running;
        } else if (state == QLatin1String("queued")) {
            item = jobItem(job, tr("%1. waiting").arg(++waiting));
        } else {
            if (!recent) {
                recent = new QTreeWidgetItem;
                recent->setText(PositionCol, tr("Recent scans"));
            }
            recent->addChild(jobItem(
                job, SecurityText::timeText(job.value(QStringLiteral("finished")).toString())));
            continue;
        }
        host->addChild(item);
    }
    if (recent)
        host->addChild(recent);
    const std::function<void(QTreeWidgetItem *)> tag = [&](QTreeWidgetItem *i) {
        i->setData(0, HostIdRole, c->id());
        for (int k = 0; k < i->childCount(); ++k)
            tag(i->child(k));
    };
    tag(host);
    QString state;
    if (c->state() != ApplianceConnection::State::Online)
        state = tr("Not connected");
    else if (c->scansPaused())
        state = tr("Scans held back: the host is busy compared with its baseline");
    else if (running == 0 && waiting == 0)
        state = tr("Idle");
    else
        state = tr("%1 running, %2 waiting").arg(running).arg(waiting);
    host->setText(StateCol, state);
}

QTreeWidgetItem *ScansPage::jobItem(const QJsonObject &job, const QString &position)
{
    auto *item = new QTreeWidgetItem;
    const QString state = job.value(QStringLiteral("state")).toString();
    item->setData(0, JobIdRole, job.value(QStringLiteral("id")).toString());
    item->setData(0, JobStateRole, state);
    item->setText(PositionCol, position);
    item->setText(VmCol, job.value(QStringLiteral("vm_name")).toString());
    QString stateText = SecurityText::jobStateText(state);
    if (state == QLatin1String("paused")) {
        const QString reason = job.value(QStringLiteral("pause_reason")).toString();
        stateText = reason.isEmpty() ? tr("Paused by the governor")
                                     : tr("Paused by the governor (%1)").arg(reason);
    } else if (state == QLatin1String("finished")) {
        stateText = job.value(QStringLiteral("result")).toString() == QLatin1String("threats-found")
            ? tr("Finished: threats found")
            : tr("Finished: clean");
    } else if (state == QLatin1String("failed")) {
        stateText = tr("Failed: %1")
                        .arg(job.value(QStringLiteral("error"))
                                 .toObject()
                                 .value(QStringLiteral("message"))
                                 .toString());
    }
    item->setText(StateCol, stateText);
    if (isActive(state)) {
        QFont bold = item->font(0);
        bold.setBold(true);
        for (int col = 0; col < ColCount; ++col)
            item->setFont(col, bold);
    }
    item->setText(
        KindCol, SecurityText::scanKindText(job.value(QStringLiteral("kind")).toString()));
    const QJsonObject p = job.value(QStringLiteral("progress")).toObject();
    const QLocale locale;
    const qint64 files = p.value(QStringLiteral("files")).toInteger();
    const qint64 total = p.value(QStringLiteral("files_total")).toInteger(-1);
    const QString filesText = total > 0
        ? tr("%1 of %2 files").arg(locale.toString(files), locale.toString(total))
        : tr("%1 files").arg(locale.toString(files));
    item->setText(ProgressCol,
        tr("%1, %2").arg(
            filesText, SecurityText::bytesText(p.value(QStringLiteral("bytes")).toInteger())));
    const QJsonObject cache = p.contains(QStringLiteral("cache"))
        ? p.value(QStringLiteral("cache")).toObject()
        : job.value(QStringLiteral("cache")).toObject();
    item->setText(CacheCol,
        tr("%1 / %2").arg(locale.toString(cache.value(QStringLiteral("hits")).toInteger()),
            locale.toString(cache.value(QStringLiteral("misses")).toInteger())));
    if (isActive(state))
        item->setText(PathCol, p.value(QStringLiteral("current_path")).toString());
    return item;
}

void ScansPage::updateActions()
{
    bool anyMay = false;
    ApplianceConnection *refusing = nullptr;
    for (ApplianceConnection *c : m_fleet->connections()) {
        if (c->mayAct())
            anyMay = true;
        else if (!refusing)
            refusing = c;
    }
    m_start->setEnabled(anyMay);
    m_start->setToolTip(anyMay ? tr("Scan the selected VMs, a host or the whole fleet.")
                               : SecurityText::roleRefusal(refusing, tr("start scans")));
    m_policy->setEnabled(!m_fleet->connections().isEmpty());
    m_policy->setToolTip(tr("View or change the scan policy of an appliance."));

    const QTreeWidgetItem *item = m_view->currentItem();
    ApplianceConnection *c =
        item ? m_fleet->connection(item->data(0, HostIdRole).toInt()) : nullptr;
    const QString state = item ? item->data(0, JobStateRole).toString() : QString();
    const bool cancellable = isActive(state) || state == QLatin1String("queued");
    if (!cancellable) {
        m_cancel->setEnabled(false);
        m_cancel->setToolTip(tr("Select a running or waiting scan to cancel it."));
    } else if (!c || !c->mayAct()) {
        m_cancel->setEnabled(false);
        m_cancel->setToolTip(SecurityText::roleRefusal(c, tr("cancel scans")));
    } else {
        m_cancel->setEnabled(true);
        m_cancel->setToolTip(tr("Cancel the selected scan."));
    }
}

void ScansPage::showResult(const QString &text)
{
    m_results.prepend(text);
    while (m_results.size() > 8)
        m_results.removeLast();
    m_result->setText(m_results.join(QLatin1Char('\n')));
}

void ScansPage::startScan(Target target, const QString &kind, const QStringList &paths)
{
    // Which VMs on which appliance: an empty list means all of its VMs.
    QMap<int, QStringList> plan;
    if (target == Target::WholeFleet) {
        for (ApplianceConnection *c : m_fleet->connections())
            plan.insert(c->id(), {});
    } else if (target == Target::SelectedHost) {
        if (m_fleetPage && m_fleetPage->currentHost() > 0)
            plan.insert(m_fleetPage->currentHost(), {});
    } else if (m_fleetPage) {
        const auto rows = m_fleetPage->view()->selectionModel()->selectedRows();
        for (const QModelIndex &row : rows) {
            const QUuid vm = row.data(console::FleetModel::VmIdRole).toUuid();
            if (!vm.isNull())
                plan[row.data(console::FleetModel::HostIdRole).toInt()].append(
                    vm.toString(QUuid::WithoutBraces));
        }
        if (plan.isEmpty() && !m_fleetPage->currentVm().isEmpty())
            plan[m_fleetPage->currentHost()].append(m_fleetPage->currentVm());
    }
    if (plan.isEmpty()) {
        showResult(tr("Select VMs or a host on the Hosts and VMs page first."));
        return;
    }
    for (auto it = plan.cbegin(); it != plan.cend(); ++it) {
        ApplianceConnection *c = m_fleet->connection(it.key());
        if (!c)
            continue;
        if (!c->mayAct()) {
            showResult(tr("%1: %2").arg(
                c->displayName(), SecurityText::roleRefusal(c, tr("start scans"))));
            continue;
        }
        QJsonObject body {{QStringLiteral("kind"), kind}};
        if (it.value().isEmpty())
            body.insert(QStringLiteral("vms"), QStringLiteral("all"));
        else
            body.insert(QStringLiteral("vms"), QJsonArray::fromStringList(it.value()));
        if (kind == QLatin1String("custom"))
            body.insert(QStringLiteral("paths"), QJsonArray::fromStringList(paths));
        const QString name = c->displayName();
        c->act("POST", QStringLiteral("/api/v1/scans"), body, QStringLiteral("scan.start"),
            [this, name](const console::ApiResult &r) {
                if (r.ok())
                    showResult(tr("%1: %n scan(s) queued.", nullptr,
                        int(r.json.value(QStringLiteral("jobs")).toArray().size()))
                                   .arg(name));
                else
                    showResult(tr("%1: %2").arg(name, r.error.userMessage()));
            });
    }
}

void ScansPage::cancelCurrentJob()
{
    const QTreeWidgetItem *item = m_view->currentItem();
    const QString id = currentJob();
    if (!item || id.isEmpty())
        return;
    ApplianceConnection *c = m_fleet->connection(item->data(0, HostIdRole).toInt());
    if (!c || !c->mayAct())
        return;
    const QString vm = item->text(VmCol);
    if (!confirm(tr("Cancel the scan of %1 on %2?").arg(vm, c->displayName())))
        return;
    const QString name = c->displayName();
    c->act("DELETE", QStringLiteral("/api/v1/scans/%1").arg(id), {}, QStringLiteral("scan.cancel"),
        [this, name, vm](const console::ApiResult &r) {
            showResult(r.ok() ? tr("%1: the scan of %2 was cancelled.").arg(name, vm)
                              : tr("%1: %2").arg(name, r.error.userMessage()));
        });
}

void ScansPage::openStartDialog()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("startScanDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Start scan"));
    auto *kind = new QComboBox(dialog);
    kind->setObjectName(QStringLiteral("scanKind"));
    kind->addItem(tr("Full scan"), QStringLiteral("full"));
    kind->addItem(tr("Quick scan"), QStringLiteral("quick"));
    kind->addItem(tr("Custom scan"), QStringLiteral("custom"));
    auto *paths = new QLineEdit(dialog);
    paths->setObjectName(QStringLiteral("scanPaths"));
    paths->setPlaceholderText(tr("Paths inside the VM, separated by ;"));
    auto *vms = new QRadioButton(tr("The &VMs selected on the Hosts and VMs page"), dialog);
    vms->setObjectName(QStringLiteral("scanTargetVms"));
    auto *host = new QRadioButton(tr("Every VM of the selected &host"), dialog);
    host->setObjectName(QStringLiteral("scanTargetHost"));
    auto *all = new QRadioButton(tr("Every VM of the whole &fleet"), dialog);
    all->setObjectName(QStringLiteral("scanTargetFleet"));
    const bool hasVm = m_fleetPage && !m_fleetPage->currentVm().isEmpty();
    const bool hasHost = m_fleetPage && m_fleetPage->currentHost() > 0;
    vms->setEnabled(hasVm);
    host->setEnabled(hasHost);
    (hasVm ? vms : hasHost ? host : all)->setChecked(true);
    auto *error = new QLabel(dialog);
    error->setWordWrap(true);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    box->button(QDialogButtonBox::Ok)->setText(tr("Start scan"));
    auto *form = new QFormLayout(dialog);
    form->addRow(tr("&Kind:"), kind);
    form->addRow(tr("&Paths:"), paths);
    form->addRow(tr("Scan:"), vms);
    form->addRow(QString(), host);
    form->addRow(QString(), all);
    form->addRow(error);
    form->addRow(box);
    auto syncPaths = [kind, paths] {
        paths->setEnabled(kind->currentData().toString() == QLatin1String("custom"));
    };
    syncPaths();
    connect(kind, &QComboBox::currentIndexChanged, dialog, syncPaths);
    connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, dialog, [=, this] {
        const QString k = kind->currentData().toString();
        QStringList list;
        for (const QString &p : paths->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
            list.append(p.trimmed());
        if (k == QLatin1String("custom")) {
            if (list.isEmpty()) {
                error->setText(tr("A custom scan needs at least one path."));
                return;
            }
            for (const QString &p : list) {
                if (!p.startsWith(QLatin1Char('/'))) {
                    error->setText(tr("“%1” is not an absolute path inside the VM.").arg(p));
                    return;
                }
            }
        }
        const Target t = vms->isChecked() ? Target::SelectedVms
            : host->isChecked()           ? Target::SelectedHost
                                          : Target::WholeFleet;
        if (t == Target::WholeFleet && m_fleet->connections().size() > 1
            && !confirm(tr("Start a scan of every VM on %n appliance(s)?", nullptr,
                int(m_fleet->connections().size()))))
            return;
        dialog->accept();
        startScan(t, k, list);
    });
    dialog->open();
}

void ScansPage::openPolicy()
{
    const QTreeWidgetItem *item = m_view->currentItem();
    ApplianceConnection *c =
        item ? m_fleet->connection(item->data(0, HostIdRole).toInt()) : nullptr;
    if (!c && !m_fleet->connections().isEmpty())
        c = m_fleet->connections().first();
    if (c)
        PolicyDialog::showFor(m_fleet, c, this);
}

} // namespace mamori::ui
