// SPDX-License-Identifier: GPL-2.0-or-later
#include "PatternsPage.h"

#include "PolicyDialog.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTreeWidget>

namespace mamori::ui {

using console::ApplianceConnection;

PatternsPage::PatternsPage(console::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_view(new QTreeWidget(this)),
      m_updateSelected(new QPushButton(this)), m_updateAll(new QPushButton(this)),
      m_rollback(new QPushButton(this)), m_policy(new QPushButton(this)),
      m_atOnce(new QSpinBox(this)), m_atOnceLabel(new QLabel(this)),
      m_progress(new QProgressBar(this))
{
    confirm = defaultConfirm(this);
    m_view->setObjectName(QStringLiteral("patternsView"));
    m_view->setColumnCount(ColCount);
    m_view->setRootIsDecorated(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_updateSelected->setObjectName(QStringLiteral("updateSelectedButton"));
    m_updateAll->setObjectName(QStringLiteral("updateAllButton"));
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
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
    buttons->addWidget(m_policy);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);

    connect(m_updateSelected, &QPushButton::clicked, this, &PatternsPage::updateSelected);
    connect(m_updateAll, &QPushButton::clicked, this, &PatternsPage::updateAll);
    connect(m_rollback, &QPushButton::clicked, this, &PatternsPage::rollbackSelected);
    connect(m_policy, &QPushButton::clicked, this, [this] {
        const QList<int> hosts = selectedHosts();
        ApplianceConnection *c = m_fleet->connection(hosts.isEmpty() ? 0 : hosts.first());
        if (!c && !m_fleet->connections().isEmpty())
            c = m_fleet->connections().first();
        if (c)
            PolicyDialog::showFor(m_fleet, c, this);
    });
    connect(m_view, &QTreeWidget::itemSelectionChanged, this, &PatternsPage::updateActions);
    auto follow = [this](ApplianceConnection *c) {
        connect(c, &ApplianceConnection::patternsChanged, this, &PatternsPage::rebuild);
        connect(c, &ApplianceConnection::stateChanged, this, &PatternsPage::rebuild);
        connect(c, &ApplianceConnection::infoChanged, this, &PatternsPage::rebuild);
    };
    connect(fleet, &console::Fleet::connectionAdded, this, [this, follow](ApplianceConnection *c) {
        follow(c);
        rebuild();
    });
    connect(fleet, &console::Fleet::connectionRemoved, this, &PatternsPage::rebuild);
    for (ApplianceConnection *c : fleet->connections())
        follow(c);
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
    m_view->setHeaderLabels({tr("Host"), tr("Active pattern"), tr("Newest at the source"),
        tr("Available since"), tr("Status"), tr("Last result")});
    m_updateSelected->setText(tr("&Update selected"));
    m_updateAll->setText(tr("Update &all"));
    m_atOnceLabel->setText(tr("Appliances at a &time:"));
    m_atOnce->setToolTip(tr("Pattern updates are staggered: this many appliances update at "
                            "once, the next one starts when one finishes."));
    m_rollback->setText(tr("&Rollback…"));
    m_policy->setText(tr("&Policy…"));
    m_progress->setFormat(tr("%v of %m appliances updated"));
    rebuild();
}

void PatternsPage::rebuild()
{
    const QList<int> selected = selectedHosts();
    const QSignalBlocker block(m_view);
    m_view->clear();
    for (ApplianceConnection *c : m_fleet->connections()) {
        auto *item = new QTreeWidgetItem(m_view);
        item->setData(HostCol, HostIdRole, c->id());
        fill(item, c);
        item->setSelected(selected.contains(c->id()));
    }
    updateActions();
}

void PatternsPage::fill(QTreeWidgetItem *item, ApplianceConnection *c)
{
    const QJsonObject p = c->patterns();
    const QJsonObject active = p.value(QStringLiteral("active")).toObject();
    const QJsonObject source = p.value(QStringLiteral("source")).toObject();
    const QString version = active.value(QStringLiteral("version")).toString();
    const QString newest = source.value(QStringLiteral("newest")).toString();
    item->setText(HostCol, c->displayName());
    item->setText(ActiveCol, version.isEmpty() ? tr("None") : version);
    item->setText(NewestCol, newest);
    const QString since = source.value(QStringLiteral("seen_since")).toString();
    const bool outdated =
        !newest.isEmpty() && (version.isEmpty() || newest.toLongLong() > version.toLongLong());
    item->setText(SinceCol, outdated ? SecurityText::timeText(since) : QString());
    item->setData(HostCol, OutdatedRole, outdated);
    QString status;
    if (c->state() != ApplianceConnection::State::Online)
        status = tr("Not connected");
    else if (version.isEmpty())
        status = tr("Outdated: no pattern file installed");
    else if (outdated)
        status = tr("Outdated: a newer pattern file is available");
    else if (!source.value(QStringLiteral("error")).toString().isEmpty())
        status = tr("Up to date as far as known; the update source failed: %1")
                     .arg(source.value(QStringLiteral("error")).toString());
    else
        status = tr("Up to date");
    item->setText(StatusCol, status);
    if (outdated || version.isEmpty()) {
        item->setIcon(StatusCol, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        QFont bold = item->font(0);
        bold.setBold(true);
        for (int col = 0; col < ColCount; ++col)
            item->setFont(col, bold);
    }
    item->setText(ResultCol, m_results.value(c->id()));
    item->setToolTip(ResultCol, m_results.value(c->id()));
}

QList<int> PatternsPage::selectedHosts() const
{
    QList<int> out;
    for (const QTreeWidgetItem *item : m_view->selectedItems())
        out.append(item->data(HostCol, HostIdRole).toInt());
    return out;
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
    const QString why =
        SecurityText::roleRefusal(refusing, tr("update or roll back pattern files"));
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
}

void PatternsPage::setResult(int hostId, const QString &text)
{
    m_results.insert(hostId, text);
    rebuild();
}

QString PatternsPage::resultFor(int hostId) const
{
    return m_results.value(hostId);
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
        m_results.insert(id, tr("Waiting for its turn"));
    rebuild();
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
            setResult(id, SecurityText::roleRefusal(c, tr("update pattern files")));
            continue;
        }
        ++m_running;
        setResult(id, tr("Updating…"));
        Q_EMIT updateStarted(id);
        QPointer<PatternsPage> self(this);
        c->act("POST", QStringLiteral("/api/v1/patterns/update"), {},
            QStringLiteral("pattern.update"), [self, id](const console::ApiResult &r) {
                if (!self)
                    return;
                --self->m_running;
                self->m_progress->setValue(self->m_progress->value() + 1);
                const QString version = r.json.value(QStringLiteral("active"))
                                            .toObject()
                                            .value(QStringLiteral("version"))
                                            .toString();
                if (r.ok())
                    self->setResult(id, tr("Updated to %1").arg(version));
                else if (r.error.code == QLatin1String("conflict"))
                    self->setResult(id, tr("Already up to date"));
                else
                    self->setResult(id, r.error.userMessage());
                Q_EMIT self->updateEnded(id, r.ok());
                self->startNext();
            });
    }
    if (m_running == 0 && m_queue.isEmpty()) {
        updateActions();
        Q_EMIT updatesFinished();
    }
}

void PatternsPage::rollbackSelected()
{
    const QList<int> hosts = selectedHosts();
    if (hosts.size() != 1)
        return;
    ApplianceConnection *c = m_fleet->connection(hosts.first());
    if (!c || !c->mayAct())
        return;
    const QString version = c->patterns()
                                .value(QStringLiteral("active"))
                                .toObject()
                                .value(QStringLiteral("version"))
                                .toString();
    if (!confirm(tr("Roll %1 back from pattern file %2 to the previous one? The scan cache "
                    "is emptied and version %2 is not installed again by updates.")
                     .arg(c->displayName(), version)))
        return;
    const int id = c->id();
    QPointer<PatternsPage> self(this);
    c->act("POST", QStringLiteral("/api/v1/patterns/rollback"), {},
        QStringLiteral("pattern.rollback"), [self, id](const console::ApiResult &r) {
            if (!self)
                return;
            self->setResult(id,
                r.ok() ? tr("Rolled back to %1")
                             .arg(r.json.value(QStringLiteral("active"))
                                      .toObject()
                                      .value(QStringLiteral("version"))
                                      .toString())
                       : r.error.userMessage());
            Q_EMIT self->rolledBack(id, r.ok());
        });
}

} // namespace mamori::ui
