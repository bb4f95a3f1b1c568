// SPDX-License-Identifier: GPL-2.0-or-later
#include "AuditPage.h"

#include "SecurityPages.h"
#include "app/client/ApplianceClient.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/store/ConsoleStore.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>

namespace mamori::ui {

namespace {
constexpr int kPage = 1000;
const QString kGenesis(64, QLatin1Char('0'));
const char *const kFields[] = {
    "time", "user", "role", "source", "action", "target", "outcome", "detail"};
} // namespace

QString auditRecordHash(const QJsonObject &r)
{
    auto esc = [](QString s) {
        return s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('\n'), QLatin1String("\\n"));
    };
    QStringList fields {QString::number(r.value(QStringLiteral("seq")).toInteger())};
    for (const char *f : kFields)
        fields.append(esc(r.value(QLatin1String(f)).toString()));
    fields.append(r.value(QStringLiteral("prev_hash")).toString());
    return QString::fromLatin1(QCryptographicHash::hash(
        fields.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha256)
                                   .toHex());
}

AuditChainCheck verifyAuditChain(const QJsonArray &records)
{
    AuditChainCheck check;
    QString previous;
    for (const QJsonValue &v : records) {
        const QJsonObject r = v.toObject();
        const qint64 seq = r.value(QStringLiteral("seq")).toInteger();
        const QString prev = r.value(QStringLiteral("prev_hash")).toString();
        const QString expectedPrev = !previous.isEmpty() ? previous : seq == 1 ? kGenesis : prev;
        if (prev != expectedPrev
            || auditRecordHash(r) != r.value(QStringLiteral("hash")).toString()) {
            check.intact = false;
            check.brokenAt = seq;
            return check;
        }
        previous = r.value(QStringLiteral("hash")).toString();
        ++check.count;
    }
    return check;
}

AuditPage::AuditPage(console::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_appliance(new QComboBox(this)),
      m_reload(new QPushButton(this)), m_search(new QLineEdit(this)), m_chain(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_records(new QStandardItemModel(0, 9, this)),
      m_filter(new QSortFilterProxyModel(this)), m_view(new QTableView(this)),
      m_actions(new QStandardItemModel(0, 5, this)),
      m_actionsFilter(new QSortFilterProxyModel(this)), m_actionsView(new QTableView(this))
{
    m_appliance->setObjectName(QStringLiteral("auditAppliance"));
    m_reload->setObjectName(QStringLiteral("auditReload"));
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setClearButtonEnabled(true);
    m_chain->setObjectName(QStringLiteral("auditChain"));
    m_chain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (auto [filter, model, view] : {std::tuple {m_filter, m_records, m_view},
             std::tuple {m_actionsFilter, m_actions, m_actionsView}}) {
        filter->setSourceModel(model);
        filter->setFilterKeyColumn(-1);
        filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
        view->setModel(filter);
        view->setSortingEnabled(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->horizontalHeader()->setStretchLastSection(true);
        view->verticalHeader()->hide();
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
    connect(m_reload, &QPushButton::clicked, this, [this] {
        load();
        loadActions();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == 1)
            loadActions();
    });
    connect(fleet, &console::Fleet::connectionAdded, this, &AuditPage::fillAppliances);
    connect(fleet, &console::Fleet::connectionRemoved, this, &AuditPage::fillAppliances);
    connect(fleet, &console::Fleet::connectionStateChanged, this, &AuditPage::fillAppliances);
    fillAppliances();
    retranslate();
}

void AuditPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AuditPage::retranslate()
{
    m_reload->setText(tr("&Load"));
    m_reload->setToolTip(tr("Fetch the whole audit log of the chosen appliance and check its "
                            "hash chain."));
    m_search->setPlaceholderText(tr("Search the audit log"));
    m_tabs->setTabText(0, tr("Appliance audit log"));
    m_tabs->setTabText(1, tr("My actions in this console"));
    setHeaders();
    fillAppliances();
    if (!m_loading && m_error.isEmpty())
        showCheck();
}

void AuditPage::setHeaders()
{
    m_records->setHorizontalHeaderLabels({tr("No."), tr("Time"), tr("User"), tr("Role"), tr("From"),
        tr("Action"), tr("Target"), tr("Outcome"), tr("Detail")});
    m_actions->setHorizontalHeaderLabels(
        {tr("Time"), tr("Appliance"), tr("Action"), tr("Target"), tr("Outcome")});
}

void AuditPage::fillAppliances()
{
    const int current = m_appliance->currentData().toInt();
    const QSignalBlocker block(m_appliance);
    m_appliance->clear();
    for (console::ApplianceConnection *c : m_fleet->connections()) {
        m_appliance->addItem(c->displayName(), c->id());
        const int row = m_appliance->count() - 1;
        const QString role = c->role();
        if (role == QLatin1String("virtualization-admin")) {
            m_appliance->setItemData(
                row, SecurityText::roleRefusal(c, tr("read the audit log")), Qt::ToolTipRole);
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
    m_fetched = {};
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
    c->client()->request("GET",
        QStringLiteral("/api/v1/audit?after=%1&limit=%2").arg(after).arg(kPage), {},
        [self, hostId, generation](const console::ApiResult &r) {
            if (!self || generation != self->m_generation)
                return;
            if (!r.ok()) {
                self->m_error = r.error.userMessage();
                return self->finish();
            }
            const QJsonArray page = r.json.value(QStringLiteral("records")).toArray();
            for (const QJsonValue &v : page)
                self->m_fetched.append(v);
            if (page.size() >= kPage) {
                const qint64 last = page.last().toObject().value(QStringLiteral("seq")).toInteger();
                return self->fetchPage(hostId, last, generation);
            }
            self->finish();
        });
}

void AuditPage::finish()
{
    if (!m_loading)
        return;
    m_loading = false;
    m_records->removeRows(0, m_records->rowCount());
    if (!m_error.isEmpty()) {
        m_checked = false;
        m_chain->setText(m_error);
        Q_EMIT loaded();
        return;
    }
    for (const QJsonValue &v : std::as_const(m_fetched)) {
        const QJsonObject r = v.toObject();
        QList<QStandardItem *> row;
        auto *seq = new QStandardItem;
        seq->setData(r.value(QStringLiteral("seq")).toInteger(), Qt::DisplayRole);
        row.append(seq);
        row.append(
            new QStandardItem(SecurityText::timeText(r.value(QStringLiteral("time")).toString())));
        for (const char *f : kFields) {
            if (qstrcmp(f, "time") != 0)
                row.append(new QStandardItem(r.value(QLatin1String(f)).toString()));
        }
        m_records->appendRow(row);
    }
    m_check = verifyAuditChain(m_fetched);
    m_checked = true;
    showCheck();
    Q_EMIT loaded();
}

void AuditPage::showCheck()
{
    if (!m_checked)
        m_chain->setText(tr("Choose an appliance and load its audit log to check its hash chain."));
    else if (m_check.intact)
        m_chain->setText(tr("Chain intact (%1 records)").arg(QLocale().toString(m_check.count)));
    else
        m_chain->setText(tr("Chain broken at record %1").arg(m_check.brokenAt));
}

void AuditPage::loadActions()
{
    m_actions->removeRows(0, m_actions->rowCount());
    const console::ConsoleStore *store = m_fleet->store();
    for (const console::ActionRecord &a : store->actions()) {
        m_actions->appendRow(
            {new QStandardItem(QLocale().toString(a.time.toLocalTime(), QLocale::ShortFormat)),
                new QStandardItem(a.applianceName), new QStandardItem(a.action),
                new QStandardItem(a.target), new QStandardItem(a.outcome)});
    }
}

} // namespace mamori::ui
