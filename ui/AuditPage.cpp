// SPDX-License-Identifier: GPL-2.0-or-later
#include "AuditPage.h"

#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/AuditModel.h"
#include "app/models/FleetModel.h"
#include "app/models/StatusText.h"
#include "app/store/ConsoleStore.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>

namespace mamori::ui {

namespace {
constexpr int kPage = 1000;
} // namespace

AuditPage::AuditPage(console::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_appliance(new QComboBox(this)),
      m_reload(new QPushButton(this)), m_search(new QLineEdit(this)), m_chain(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_records(new console::AuditModel(this)),
      m_filter(new QSortFilterProxyModel(this)), m_view(new QTableView(this)),
      m_actions(new console::ActionLogModel(this)),
      m_actionsFilter(new QSortFilterProxyModel(this)), m_actionsView(new QTableView(this))
{
    m_appliance->setObjectName(QStringLiteral("auditAppliance"));
    m_reload->setObjectName(QStringLiteral("auditReload"));
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setClearButtonEnabled(true);
    m_chain->setObjectName(QStringLiteral("auditChain"));
    m_chain->setTextFormat(Qt::PlainText); // names an appliance and its errors
    m_chain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (auto [filter, model, view] :
        {std::tuple<QSortFilterProxyModel *, QAbstractItemModel *, QTableView *> {
             m_filter, m_records, m_view},
            std::tuple<QSortFilterProxyModel *, QAbstractItemModel *, QTableView *> {
                m_actionsFilter, m_actions, m_actionsView}}) {
        filter->setSourceModel(model);
        filter->setFilterKeyColumn(-1);
        filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
        filter->setSortRole(Qt::EditRole);
        view->setModel(filter);
        view->setSortingEnabled(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->horizontalHeader()->setStretchLastSection(true);
        view->verticalHeader()->hide();
        view->setWordWrap(false); // a time or a role in one line, never two
        connect(m_search, &QLineEdit::textChanged, filter,
            &QSortFilterProxyModel::setFilterFixedString);
    }
    m_view->setObjectName(QStringLiteral("auditView"));
    m_actionsView->setObjectName(QStringLiteral("actionsView"));
    m_tabs->addTab(m_view, QString());
    m_tabs->addTab(m_actionsView, QString());

    auto *top = new QHBoxLayout;
    top->addWidget(m_appliance, 1);
    top->addWidget(m_reload);
    top->addWidget(m_search, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_chain);
    layout->addWidget(m_tabs, 1);

    connect(m_appliance, &QComboBox::activated, this, &AuditPage::load);
    connect(m_reload, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == 1)
            loadActions();
    });
    connect(fleet, &console::Fleet::connectionAdded, this, &AuditPage::fillAppliances);
    connect(fleet, &console::Fleet::connectionRemoved, this, &AuditPage::fillAppliances);
    connect(fleet, &console::Fleet::connectionStateChanged, this, &AuditPage::fillAppliances);
    m_records->setVmNames([fleet](const QUuid &id) {
        const console::Vm *vm = fleet->model()->vm(id);
        return vm ? vm->name : QString();
    });
    fillAppliances();
    retranslate();
}

// Opening the page loads the log: no button to press first.
void AuditPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loading && !m_checked)
        load();
    loadActions();
}

void AuditPage::refresh()
{
    load();
    loadActions();
}

void AuditPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AuditPage::retranslate()
{
    m_reload->setText(tr("&Reload"));
    m_reload->setToolTip(tr("Fetch the whole audit log of the chosen appliance and check its "
                            "hash chain."));
    m_search->setPlaceholderText(tr("Search the audit log"));
    m_tabs->setTabText(0, tr("Appliance audit log"));
    m_tabs->setTabText(1, tr("My actions in this console"));
    m_records->retranslate();
    m_actions->retranslate();
    fillAppliances();
    if (!m_loading && m_error.isEmpty())
        showCheck();
}

void AuditPage::fillAppliances()
{
    const int current = m_appliance->currentData().toInt();
    const QSignalBlocker block(m_appliance);
    m_appliance->clear();
    for (console::ApplianceConnection *c : m_fleet->connections()) {
        m_appliance->addItem(c->displayName(), c->id());
        const int row = m_appliance->count() - 1;
        if (c->role() == protocol::Role::VirtualizationAdmin) {
            m_appliance->setItemData(row,
                console::StatusText::toolTip(
                    console::StatusText::roleRefusal(c->role(), tr("read the audit log"))),
                Qt::ToolTipRole);
        }
    }
    const int at = m_appliance->findData(current);
    m_appliance->setCurrentIndex(at >= 0 ? at : 0);
}

void AuditPage::load()
{
    console::ApplianceConnection *c = m_fleet->connection(m_appliance->currentData().toInt());
    if (!c)
        return;
    if (c->role() && !c->maySeeDetections()) {
        // Said up front, rather than a refused request and an empty table.
        ++m_generation;
        m_loading = false;
        m_checked = false;
        m_records->clear();
        m_error = console::StatusText::roleRefusal(c->role(), tr("read the audit log"));
        m_chain->setText(m_error);
        Q_EMIT loaded();
        return;
    }
    m_fetched.clear();
    m_error.clear();
    m_loading = true;
    m_chain->setText(tr("Loading the audit log of %1…").arg(c->displayName()));
    fetchPage(c->id(), 0, ++m_generation);
}

void AuditPage::fetchPage(int hostId, qint64 after, quint64 generation)
{
    console::ApplianceConnection *c = m_fleet->connection(hostId);
    if (!c)
        return;
    QPointer<AuditPage> self(this);
    c->fetchAudit(after, kPage,
        [self, hostId, generation, after](const console::Reply<console::AuditLogPage> &r) {
            if (!self || generation != self->m_generation)
                return;
            if (!r.ok()) {
                self->m_error = r.error.userMessage();
                return self->finish();
            }
            self->m_fetched.append(r.value.records);
            self->m_head = r.value.head;
            self->m_anchor = r.value.anchor;
            // A page ends at its byte budget too (docs/api.md, Lists).
            if (r.value.more && r.value.nextAfter > after)
                return self->fetchPage(hostId, r.value.nextAfter, generation);
            self->m_hostId = hostId;
            self->finish();
        });
}

void AuditPage::finish()
{
    if (!m_loading)
        return;
    m_loading = false;
    m_records->clear();
    if (!m_error.isEmpty()) {
        m_checked = false;
        m_chain->setText(m_error);
        Q_EMIT loaded();
        return;
    }
    m_records->append(m_fetched);
    // Columns as wide as what they hold (the first thousand rows decide).
    m_view->resizeColumnsToContents();
    m_check = console::verifyAuditChain(m_fetched);
    m_checked = true;
    checkRememberedHead();
    showCheck();
    Q_EMIT loaded();
}

// The newest record verified last time must still be in the chain
// (docs/api.md, What a client checks): removing the newest records leaves a
// chain that holds together, so only a remembered head shows it.
void AuditPage::checkRememberedHead()
{
    m_headGone = {};
    console::ConsoleStore *store = m_fleet->store();
    if (!store || !m_check.intact)
        return;
    const QString key = QStringLiteral("audit.verified_head.%1").arg(m_hostId);
    const QStringList known = store->setting(key).toString().split(QLatin1Char(' '));
    const console::AuditEnd remembered {known.value(0).toLongLong(), known.value(1)};
    console::AuditLogPage whole;
    whole.records = m_fetched;
    whole.head = m_head;
    whole.anchor = m_anchor;
    if (!console::auditKeeps(whole, remembered)) {
        m_headGone = remembered; // remembered still: it warns again next time
        return;
    }
    if (m_head.seq > 0)
        store->setSetting(key, QStringLiteral("%1 %2").arg(m_head.seq).arg(m_head.hash));
}

void AuditPage::showCheck()
{
    if (!m_checked)
        m_chain->setText(tr("Choose an appliance and load its audit log to check its hash chain."));
    else if (m_headGone.seq > 0)
        m_chain->setText(tr("Records are missing: record %1, which the console verified "
                            "earlier, is no longer in this audit log. Records were removed or "
                            "rewritten on the appliance.")
                             .arg(m_headGone.seq));
    else if (m_check.intact)
        m_chain->setText(tr("Chain intact (%n record(s))", nullptr, int(m_check.count)));
    else
        m_chain->setText(tr("Chain broken at record %1").arg(m_check.brokenAt));
}

void AuditPage::loadActions()
{
    m_actions->setActions(m_fleet->store()->actions());
    m_actionsView->resizeColumnsToContents();
}

} // namespace mamori::ui
