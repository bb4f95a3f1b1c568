// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScansPage.h"

#include "FleetSelection.h"
#include "PolicyDialog.h"
#include "StartScanDialog.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QPointer>
#include <QPushButton>
#include <QTreeView>

namespace mamori::ui {

using console::ApplianceConnection;
using console::ScanJobModel;
using console::StatusText;

ScansPage::ScansPage(console::Fleet *fleet, FleetSelection *selection, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_selection(selection), m_view(new QTreeView(this)),
      m_start(new QPushButton(this)), m_cancel(new QPushButton(this)),
      m_runNow(new QPushButton(this)), m_policy(new QPushButton(this)), m_hint(new QLabel(this)),
      m_result(new QLabel(this))
{
    confirm = defaultConfirm(this);
    m_view->setObjectName(QStringLiteral("scansView"));
    // Before the view's own handler, which moves the selection away.
    connect(fleet->scanJobs(), &QAbstractItemModel::rowsAboutToBeRemoved, this,
        &ScansPage::keepSelection);
    m_view->setModel(fleet->scanJobs());
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    // Columns as wide as their contents (and headers, in either language);
    // the current file takes the rest.
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    m_view->expandToDepth(0);
    m_start->setObjectName(QStringLiteral("startScanButton"));
    m_cancel->setObjectName(QStringLiteral("cancelScanButton"));
    m_runNow->setObjectName(QStringLiteral("runScanNowButton"));
    m_policy->setObjectName(QStringLiteral("scanPolicyButton"));
    m_result->setObjectName(QStringLiteral("scanResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText); // names of VMs and appliances in it
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_runNow);
    buttons->addWidget(m_policy);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_result);

    connect(m_start, &QPushButton::clicked, this, &ScansPage::openStartDialog);
    connect(m_cancel, &QPushButton::clicked, this, &ScansPage::cancelCurrentJob);
    connect(m_runNow, &QPushButton::clicked, this, &ScansPage::runCurrentJobNow);
    connect(m_policy, &QPushButton::clicked, this, &ScansPage::openPolicy);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &ScansPage::updateActions);
    // The current job's state decides whether it can be cancelled.
    connect(fleet->scanJobs(), &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const QModelIndex current = m_view->currentIndex();
            if (current.parent() == topLeft.parent() && current.row() >= topLeft.row()
                && current.row() <= bottomRight.row())
                updateActions();
        });
    // An appliance's queue is open from the start, and its recent scans
    // unless the admin closed them.
    connect(fleet->scanJobs(), &QAbstractItemModel::rowsInserted, this, &ScansPage::restoreView);
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (index.parent().isValid() && index.data(ScanJobModel::JobIdRole).toString().isEmpty())
            m_recentCollapsed.insert(index.data(ScanJobModel::HostIdRole).toInt());
    });
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (index.parent().isValid())
            m_recentCollapsed.remove(index.data(ScanJobModel::HostIdRole).toInt());
    });
    connect(fleet, &console::Fleet::connectionStateChanged, this, &ScansPage::updateActions);
    connect(fleet, &console::Fleet::connectionAdded, this, &ScansPage::updateActions);
    connect(fleet, &console::Fleet::connectionRemoved, this, &ScansPage::updateActions);
    retranslate();
}

void ScansPage::keepSelection(const QModelIndex &parent, int first, int last)
{
    const QModelIndex current = m_view->currentIndex();
    if (current.parent() == parent && current.row() >= first && current.row() <= last) {
        m_keptJob = current.data(ScanJobModel::JobIdRole).toString();
        m_keptHost = current.data(ScanJobModel::HostIdRole).toInt();
    }
}

void ScansPage::restoreView(const QModelIndex &parent, int first, int last)
{
    ScanJobModel *model = m_fleet->scanJobs();
    for (int row = first; row <= last; ++row) {
        const QModelIndex at = model->index(row, 0, parent);
        const bool host = !parent.isValid();
        const bool recentGroup = parent.isValid() && !parent.parent().isValid()
            && at.data(ScanJobModel::JobIdRole).toString().isEmpty();
        if (host
            || (recentGroup
                && !m_recentCollapsed.contains(at.data(ScanJobModel::HostIdRole).toInt())))
            m_view->expand(at);
    }
    if (m_keptJob.isEmpty())
        return;
    // A job that moved from the queue to the recent scans stays selected.
    const QModelIndex kept = model->jobIndex(m_keptHost, std::exchange(m_keptJob, {}));
    if (kept.isValid())
        m_view->setCurrentIndex(kept);
}

void ScansPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ScansPage::retranslate()
{
    m_start->setText(tr("S&tart scan…")); // Alt+S is the Settings menu
    m_cancel->setText(tr("&Cancel scan"));
    m_runNow->setText(tr("Run &now"));
    m_policy->setText(tr("&Policy…"));
    m_hint->setText(tr("Each appliance scans at most as many VMs at once as its policy allows "
                       "(normally one): the others wait in the scan queue in the order shown."));
    updateActions();
}

QString ScansPage::currentJob() const
{
    return m_view->currentIndex().data(ScanJobModel::JobIdRole).toString();
}

void ScansPage::selectJob(const QString &jobId)
{
    ScanJobModel *model = m_fleet->scanJobs();
    for (ApplianceConnection *c : m_fleet->connections()) {
        const QModelIndex at = model->jobIndex(c->id(), jobId);
        if (at.isValid()) {
            m_view->setCurrentIndex(at);
            return;
        }
    }
}

ApplianceConnection *ScansPage::currentConnection() const
{
    return m_fleet->connection(m_view->currentIndex().data(ScanJobModel::HostIdRole).toInt());
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
            : refusing         ? StatusText::roleRefusal(refusing->role(), tr("start scans"))
                               : tr("No appliance is connected."));
    m_policy->setEnabled(!m_fleet->connections().isEmpty());
    m_policy->setToolTip(tr("View or change the scan policy of an appliance."));

    ApplianceConnection *c = currentConnection();
    const int state = m_view->currentIndex().data(ScanJobModel::JobStateRole).toInt();
    const bool cancellable = state == int(console::JobState::Running)
        || state == int(console::JobState::Paused) || state == int(console::JobState::Queued);
    if (!cancellable) {
        m_cancel->setEnabled(false);
        m_cancel->setToolTip(tr("Select a running or waiting scan to cancel it."));
    } else if (!c || !c->mayAct()) {
        m_cancel->setEnabled(false);
        m_cancel->setToolTip(
            StatusText::roleRefusal(c ? c->role() : std::nullopt, tr("cancel scans")));
    } else {
        m_cancel->setEnabled(true);
        m_cancel->setToolTip(tr("Cancel the selected scan."));
    }

    const console::ScanJob *job = c ? m_fleet->scanJobs()->job(c->id(), currentJob()) : nullptr;
    const bool manual = job && job->origin == QLatin1String("manual");
    const bool waiting = job
        && (job->state == console::JobState::Queued
            || (job->state == console::JobState::Paused && job->heldBack));
    if (!manual || !waiting) {
        m_runNow->setEnabled(false);
        m_runNow->setToolTip(tr("Select a waiting or held-back manual scan to start it now."));
    } else if (!c->mayAct()) {
        m_runNow->setEnabled(false);
        m_runNow->setToolTip(StatusText::roleRefusal(c->role(), tr("start scans")));
    } else {
        m_runNow->setEnabled(true);
        m_runNow->setToolTip(tr("Start this scan now, even while the host is busy or another "
                                "scan runs. The appliance records who did it."));
    }
}

void ScansPage::runCurrentJobNow()
{
    const QString id = currentJob();
    ApplianceConnection *c = currentConnection();
    if (id.isEmpty() || !c || !c->mayAct())
        return;
    const console::ScanJob *job = m_fleet->scanJobs()->job(c->id(), id);
    const QString vm = job ? job->vmName : QString();
    QPointer<ScansPage> self(this);
    c->runScanNow(
        id, [self, name = c->displayName(), vm](const console::Reply<console::ScanJob> &r) {
            if (self)
                self->showResult(r.ok() ? tr("%1: the scan of %2 runs now.").arg(name, vm)
                                        : tr("%1: %2").arg(name, r.error.userMessage()));
        });
}

void ScansPage::showResult(const QString &text)
{
    m_results.prepend(text);
    while (m_results.size() > 8)
        m_results.removeLast();
    m_result->setText(m_results.join(QLatin1Char('\n')));
}

void ScansPage::startScan(Target target, console::ScanKind kind, const QStringList &paths)
{
    // Which VMs on which appliance: an empty list means all of its VMs.
    QMap<int, QList<QUuid>> plan;
    if (target == Target::WholeFleet) {
        for (ApplianceConnection *c : m_fleet->connections())
            plan.insert(c->id(), {});
    } else if (target == Target::SelectedHost) {
        if (m_selection && m_selection->currentHost() > 0)
            plan.insert(m_selection->currentHost(), {});
    } else if (m_selection) {
        for (const auto &[host, vm] : m_selection->selectedVms())
            plan[host].append(vm);
        if (plan.isEmpty() && !m_selection->currentVm().isNull())
            plan[m_selection->currentHost()].append(m_selection->currentVm());
    }
    if (plan.isEmpty()) {
        showResult(tr("Select VMs or a host on the Hosts and VMs page first."));
        return;
    }
    startScans(plan, kind, paths);
}

void ScansPage::startScans(
    const QMap<int, QList<QUuid>> &plan, console::ScanKind kind, const QStringList &paths)
{
    QPointer<ScansPage> self(this);
    for (auto it = plan.cbegin(); it != plan.cend(); ++it) {
        ApplianceConnection *c = m_fleet->connection(it.key());
        if (!c)
            continue;
        const QString name = c->displayName();
        if (!c->mayAct()) {
            showResult(
                tr("%1: %2").arg(name, StatusText::roleRefusal(c->role(), tr("start scans"))));
            continue;
        }
        c->startScans(it.value(), kind, paths,
            [self, name](const console::Reply<QList<console::ScanJob>> &r) {
                if (!self)
                    return;
                self->showResult(r.ok()
                        ? tr("%1: %n scan(s) queued.", nullptr, int(r.value.size())).arg(name)
                        : tr("%1: %2").arg(name, r.error.userMessage()));
            });
    }
}

void ScansPage::cancelCurrentJob()
{
    const QString id = currentJob();
    ApplianceConnection *c = currentConnection();
    if (id.isEmpty() || !c || !c->mayAct())
        return;
    const console::ScanJob *job = m_fleet->scanJobs()->job(c->id(), id);
    const QString vm = job ? job->vmName : QString();
    const QString name = c->displayName();
    if (!confirm(tr("Cancel the scan of %1 on %2?").arg(vm, name)))
        return;
    QPointer<ScansPage> self(this);
    c->cancelScan(id, [self, name, vm](const console::Reply<console::ScanJob> &r) {
        if (self)
            self->showResult(r.ok() ? tr("%1: the scan of %2 was cancelled.").arg(name, vm)
                                    : tr("%1: %2").arg(name, r.error.userMessage()));
    });
}

void ScansPage::openStartDialog()
{
    auto *dialog = new StartScanDialog(m_fleet,
        m_selection ? m_selection->selectedVms() : QList<QPair<int, QUuid>> {},
        m_selection && m_selection->currentVm().isNull() ? m_selection->currentHost() : 0, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { startScans(dialog->plan(), dialog->kind(), dialog->paths()); });
    dialog->open();
}

void ScansPage::openPolicy()
{
    ApplianceConnection *c = currentConnection();
    if (!c && !m_fleet->connections().isEmpty())
        c = m_fleet->connections().first();
    if (c)
        PolicyDialog::showFor(m_fleet, c, this);
}

} // namespace mamori::ui
