// SPDX-License-Identifier: GPL-2.0-or-later
#include "PatternsPage.h"

#include "PolicyDialog.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/PatternModel.h"
#include "app/models/StatusText.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTreeView>

namespace mamori::ui {

using console::ApplianceConnection;
using console::PatternModel;
using console::StatusText;

PatternsPage::PatternsPage(console::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_view(new QTreeView(this)),
      m_updateSelected(new QPushButton(this)), m_updateAll(new QPushButton(this)),
      m_rollback(new QPushButton(this)), m_checkNow(new QPushButton(this)),
      m_allowAgain(new QPushButton(this)), m_policy(new QPushButton(this)),
      m_atOnce(new QSpinBox(this)), m_atOnceLabel(new QLabel(this)),
      m_progress(new QProgressBar(this))
{
    confirm = defaultConfirm(this);
    fleet->patterns()->setWarningIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_view->setObjectName(QStringLiteral("patternsView"));
    m_view->setModel(fleet->patterns());
    m_view->setRootIsDecorated(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_updateSelected->setObjectName(QStringLiteral("updateSelectedButton"));
    m_updateAll->setObjectName(QStringLiteral("updateAllButton"));
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_checkNow->setObjectName(QStringLiteral("checkNowButton"));
    m_allowAgain->setObjectName(QStringLiteral("allowAgainButton"));
    m_policy->setObjectName(QStringLiteral("patternPolicyButton"));
    m_atOnce->setObjectName(QStringLiteral("updatesAtOnce"));
    m_atOnce->setRange(1, 16);
    m_atOnce->setValue(1);
    m_atOnceLabel->setBuddy(m_atOnce);
    m_progress->setObjectName(QStringLiteral("updateProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->hide(); // until the first update of this session

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_updateSelected);
    buttons->addWidget(m_updateAll);
    buttons->addWidget(m_atOnceLabel);
    buttons->addWidget(m_atOnce);
    buttons->addWidget(m_rollback);
    buttons->addWidget(m_checkNow);
    buttons->addWidget(m_allowAgain);
    buttons->addWidget(m_policy);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);

    connect(m_updateSelected, &QPushButton::clicked, this, &PatternsPage::updateSelected);
    connect(m_updateAll, &QPushButton::clicked, this, &PatternsPage::updateAll);
    connect(m_rollback, &QPushButton::clicked, this, &PatternsPage::rollbackSelected);
    connect(m_checkNow, &QPushButton::clicked, this, &PatternsPage::checkNow);
    connect(m_allowAgain, &QPushButton::clicked, this, &PatternsPage::allowAgainSelected);
    connect(m_policy, &QPushButton::clicked, this, [this] {
        const QList<int> hosts = selectedHosts();
        ApplianceConnection *c = m_fleet->connection(hosts.isEmpty() ? 0 : hosts.first());
        if (!c && !m_fleet->connections().isEmpty())
            c = m_fleet->connections().first();
        if (c)
            PolicyDialog::showFor(m_fleet, c, this);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &PatternsPage::updateActions);
    connect(fleet, &console::Fleet::connectionStateChanged, this, &PatternsPage::updateActions);
    connect(fleet, &console::Fleet::connectionAdded, this, &PatternsPage::updateActions);
    connect(fleet, &console::Fleet::connectionRemoved, this, &PatternsPage::updateActions);
    // A rollback or an allow-again changes what may be allowed again.
    connect(
        fleet->patterns(), &QAbstractItemModel::dataChanged, this, &PatternsPage::updateActions);
    retranslate();
}

void PatternsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PatternsPage::retranslate()
{
    m_updateSelected->setText(tr("&Update selected"));
    m_updateAll->setText(tr("Update &all"));
    m_atOnceLabel->setText(tr("Appliances at a &time:"));
    m_atOnce->setToolTip(tr("Pattern updates are staggered: this many appliances update at "
                            "once, the next one starts when one finishes."));
    m_rollback->setText(tr("&Rollback…"));
    m_checkNow->setText(tr("C&heck now"));
    m_allowAgain->setText(tr("Allo&w again…"));
    m_policy->setText(tr("&Policy…"));
    m_progress->setFormat(tr("%v of %m appliances updated"));
    updateActions();
}

QList<int> PatternsPage::selectedHosts() const
{
    QList<int> out;
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows())
        out.append(row.data(PatternModel::HostIdRole).toInt());
    return out;
}

void PatternsPage::selectHosts(const QList<int> &hostIds)
{
    QItemSelection selection;
    for (int id : hostIds) {
        const QModelIndex at = m_fleet->patterns()->hostIndex(id);
        if (at.isValid())
            selection.select(at, at.siblingAtColumn(PatternModel::ColumnCount - 1));
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void PatternsPage::updateActions()
{
    const QList<int> selected = selectedHosts();
    ApplianceConnection *refusing = nullptr;
    bool anyMay = false;
    for (ApplianceConnection *c : m_fleet->connections()) {
        if (c->mayAct())
            anyMay = true;
        else if (!refusing || selected.contains(c->id()))
            refusing = c;
    }
    bool selectionMay = !selected.isEmpty();
    for (int id : selected) {
        ApplianceConnection *c = m_fleet->connection(id);
        if (c && !c->mayAct())
            selectionMay = false;
    }
    const QString why = StatusText::roleRefusal(
        refusing ? refusing->role() : std::nullopt, tr("update or roll back pattern files"));
    const bool busy = updating();
    m_updateAll->setEnabled(anyMay && !busy);
    m_updateAll->setToolTip(anyMay ? tr("Update every appliance, staggered.") : why);
    m_updateSelected->setEnabled(selectionMay && !busy);
    m_updateSelected->setToolTip(selected.isEmpty() ? tr("Select one or more appliances first.")
            : selectionMay ? tr("Update the selected appliances, staggered.")
                           : why);
    m_rollback->setEnabled(selectionMay && selected.size() == 1 && !busy);
    m_rollback->setToolTip(selected.size() != 1 ? tr("Select one appliance to roll back.")
            : selectionMay                      ? tr("Return to the previous pattern file.")
                                                : why);
    m_policy->setEnabled(!m_fleet->connections().isEmpty());
    ApplianceConnection *one = selected.size() == 1 ? m_fleet->connection(selected[0]) : nullptr;
    const QString held = one ? one->patterns().source.heldBack : QString();
    m_allowAgain->setEnabled(selectionMay && !held.isEmpty() && !busy);
    m_allowAgain->setToolTip(held.isEmpty()
            ? tr("Select an appliance that holds a pattern file back after a rollback.")
            : selectionMay ? tr("Let updates install %1 again.").arg(held)
                           : why);
    m_checkNow->setEnabled(anyMay && !busy);
    m_checkNow->setToolTip(anyMay ? tr("Ask the update source of the selected appliances (or of "
                                       "all) for its newest pattern file. Nothing is installed.")
                                  : why);
}

QString PatternsPage::outcomeText(const console::PatternStatus &p)
{
    if (p.outcome == QLatin1String("update_available"))
        return tr("Update available: %1").arg(p.source.newest);
    if (p.outcome == QLatin1String("up_to_date") || p.outcome.isEmpty()) {
        if (!p.source.heldBack.isEmpty())
            return tr("Nothing installed: %1 is held back after rollback").arg(p.source.heldBack);
        if (p.outcome == QLatin1String("up_to_date"))
            return tr("Already up to date (%1)").arg(p.activeVersion());
    }
    return tr("Updated to %1").arg(p.activeVersion());
}

void PatternsPage::allowAgainSelected()
{
    const QList<int> hosts = selectedHosts();
    ApplianceConnection *c = hosts.size() == 1 ? m_fleet->connection(hosts.first()) : nullptr;
    if (!c || !c->mayAct() || c->patterns().source.heldBack.isEmpty())
        return;
    const QString held = c->patterns().source.heldBack;
    if (!confirm(tr("Allow %1 again on %2? It was rolled back; the next update installs it.")
                     .arg(held, c->displayName())))
        return;
    const int id = c->id();
    QPointer<PatternsPage> self(this);
    c->allowPatternAgain([self, id, held](const console::Reply<console::PatternStatus> &r) {
        if (self)
            self->setResult(id,
                r.ok() ? tr("%1 is allowed again; update to install it.").arg(held)
                       : r.error.userMessage());
    });
}

void PatternsPage::checkNow()
{
    QList<int> ids = selectedHosts();
    if (ids.isEmpty()) {
        for (ApplianceConnection *c : m_fleet->connections())
            ids.append(c->id());
    }
    QPointer<PatternsPage> self(this);
    for (int id : std::as_const(ids)) {
        ApplianceConnection *c = m_fleet->connection(id);
        if (!c || !c->mayAct())
            continue;
        setResult(id, tr("Checking…"));
        c->checkPatternSource([self, id](const console::Reply<console::PatternStatus> &r) {
            if (self)
                self->setResult(id, r.ok() ? outcomeText(r.value) : r.error.userMessage());
        });
    }
}

void PatternsPage::setResult(int hostId, const QString &text)
{
    m_fleet->patterns()->setResult(hostId, text);
}

QString PatternsPage::resultFor(int hostId) const
{
    return m_fleet->patterns()->result(hostId);
}

void PatternsPage::updateSelected()
{
    updateAppliances(selectedHosts());
}

void PatternsPage::updateAll()
{
    QList<int> ids;
    for (ApplianceConnection *c : m_fleet->connections()) {
        if (c->mayAct())
            ids.append(c->id());
    }
    if (ids.size() > 1
        && !confirm(tr(
            "Update the pattern file of %n appliance(s), %1 at a time?", nullptr, int(ids.size()))
                        .arg(m_atOnce->value())))
        return;
    updateAppliances(ids);
}

void PatternsPage::updateAppliances(const QList<int> &hostIds)
{
    if (hostIds.isEmpty() || updating())
        return;
    m_queue = hostIds;
    m_progress->setRange(0, int(hostIds.size()));
    m_progress->setValue(0);
    m_progress->show();
    for (int id : hostIds)
        setResult(id, tr("Waiting for its turn"));
    startNext();
}

void PatternsPage::startNext()
{
    while (m_running < m_atOnce->value() && !m_queue.isEmpty()) {
        const int id = m_queue.takeFirst();
        ApplianceConnection *c = m_fleet->connection(id);
        if (!c) {
            m_progress->setValue(m_progress->value() + 1);
            continue;
        }
        if (!c->mayAct()) {
            m_progress->setValue(m_progress->value() + 1);
            setResult(id, StatusText::roleRefusal(c->role(), tr("update pattern files")));
            continue;
        }
        ++m_running;
        setResult(id, tr("Updating…"));
        Q_EMIT updateStarted(id);
        QPointer<PatternsPage> self(this);
        c->updatePattern([self, id](const console::Reply<console::PatternStatus> &r) {
            if (!self)
                return;
            --self->m_running;
            self->m_progress->setValue(self->m_progress->value() + 1);
            if (r.ok())
                self->setResult(id, outcomeText(r.value));
            else if (r.error.code == QLatin1String("conflict"))
                self->setResult(id, tr("Already up to date"));
            else
                self->setResult(id, r.error.userMessage());
            Q_EMIT self->updateEnded(id, r.ok());
            self->startNext();
        });
    }
    updateActions();
    if (m_running == 0 && m_queue.isEmpty())
        Q_EMIT updatesFinished();
}

void PatternsPage::rollbackSelected()
{
    const QList<int> hosts = selectedHosts();
    if (hosts.size() != 1)
        return;
    ApplianceConnection *c = m_fleet->connection(hosts.first());
    if (!c || !c->mayAct())
        return;
    if (!confirm(tr("Roll %1 back from pattern file %2 to the previous one? The scan cache "
                    "is emptied and version %2 is not installed again by updates.")
                     .arg(c->displayName(), c->patterns().activeVersion())))
        return;
    const int id = c->id();
    QPointer<PatternsPage> self(this);
    c->rollbackPattern([self, id](const console::Reply<console::PatternStatus> &r) {
        if (!self)
            return;
        self->setResult(id,
            r.ok() ? tr("Rolled back to %1").arg(r.value.activeVersion()) : r.error.userMessage());
        Q_EMIT self->rolledBack(id, r.ok());
    });
}

} // namespace mamori::ui
