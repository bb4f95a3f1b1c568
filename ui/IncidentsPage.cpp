// SPDX-License-Identifier: GPL-2.0-or-later
#include "IncidentsPage.h"

#include "ReportDialog.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentActions.h"
#include "app/models/IncidentModel.h"
#include "app/models/StatusText.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>

#include <memory>

namespace mamori::ui {

using console::ApplianceConnection;
using console::IncidentAction;
using console::IncidentFilterModel;
using console::IncidentModel;
using console::StatusText;

namespace {

const QList<IncidentAction> kActions {IncidentAction::Quarantine, IncidentAction::Delete,
    IncidentAction::Restore, IncidentAction::Allow, IncidentAction::IsolateVm,
    IncidentAction::ReleaseVm, IncidentAction::Acknowledge, IncidentAction::Assign,
    IncidentAction::Resolve};
// What may be done to several incidents at once.
const QList<IncidentAction> kMulti {IncidentAction::Acknowledge, IncidentAction::Assign,
    IncidentAction::Quarantine, IncidentAction::Resolve};
const QList<IncidentAction> kDestructive {IncidentAction::Delete, IncidentAction::Allow,
    IncidentAction::IsolateVm, IncidentAction::Restore};

} // namespace

IncidentsPage::IncidentsPage(console::Fleet *fleet, ResourcesFunction resources, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_resources(std::move(resources)),
      m_filter(new IncidentFilterModel(this)), m_search(new QLineEdit(this)),
      m_state(new QComboBox(this)), m_severity(new QComboBox(this)), m_timeLabel(new QLabel(this)),
      m_timeClear(new QToolButton(this)), m_view(new QTableView(this)),
      m_detail(new QTextBrowser(this)), m_result(new QLabel(this)), m_report(new QPushButton(this))
{
    confirm = defaultConfirm(this);
    m_filter->setSourceModel(fleet->incidents());
    m_filter->setSortRole(IncidentModel::SortRole);
    m_filter->setDynamicSortFilter(true);
    m_search->setObjectName(QStringLiteral("incidentSearch"));
    m_search->setClearButtonEnabled(true);
    m_state->setObjectName(QStringLiteral("incidentStateFilter"));
    m_severity->setObjectName(QStringLiteral("incidentSeverityFilter"));
    m_timeLabel->setObjectName(QStringLiteral("incidentTimeFilter"));
    m_timeClear->setObjectName(QStringLiteral("incidentTimeFilterClear"));
    m_timeClear->setAutoRaise(true);
    m_timeClear->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_timeLabel->hide();
    m_timeClear->hide();
    m_view->setObjectName(QStringLiteral("incidentsView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(IncidentModel::TimeColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Every column as wide as its contents, but the file path takes what is
    // left and elides in the middle (the detail pane has it whole).
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(
        IncidentModel::FileColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setMinimumSectionSize(60);
    m_view->verticalHeader()->hide();
    // One line per incident: long paths are elided, the detail pane has them whole.
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_detail->setObjectName(QStringLiteral("incidentDetail"));
    m_result->setObjectName(QStringLiteral("incidentResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText); // the appliance's messages in it
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->setObjectName(QStringLiteral("reportButton"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_timeLabel);
    filters->addWidget(m_timeClear);
    filters->addWidget(m_state, 1);
    filters->addWidget(m_severity, 1);
    auto *buttons = new QGridLayout;
    for (int i = 0; i < kActions.size(); ++i) {
        auto *button = new QPushButton(this);
        const QString name = console::incidentActionName(kActions[i]);
        button->setObjectName(name + QStringLiteral("Button"));
        button->setProperty("action", int(kActions[i]));
        connect(button, &QPushButton::clicked, this, [this, a = kActions[i]] { askAction(a); });
        // Four to a row: the longest labels (Japanese) fit at 1366 px.
        buttons->addWidget(button, i / 4, i % 4);
        m_actions.append(button);
    }
    buttons->addWidget(m_report, 2, 3);
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addLayout(buttons);
    lowerLayout->addWidget(m_detail, 1);
    lowerLayout->addWidget(m_result);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(lower);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter, &IncidentFilterModel::setSearchText);
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStateFilter(IncidentFilterModel::StateFilter(m_state->currentData().toInt()));
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant v = m_severity->currentData();
        m_filter->setSeverityFilter(
            v.isValid() ? std::optional(console::Severity(v.toInt())) : std::nullopt);
    });
    connect(m_timeClear, &QToolButton::clicked, this, [this] { setTimeFilter({}, {}); });
    connect(m_report, &QPushButton::clicked, this, &IncidentsPage::openReport);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &IncidentsPage::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &IncidentsPage::loadDetail);
    // The current incident's change is shown at once (its history comes
    // with the next detail answer).
    connect(fleet->incidents(), &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
            if (current.isValid() && current.row() >= topLeft.row()
                && current.row() <= bottomRight.row())
                loadDetail();
            updateActions();
        });
    // A VM's isolation decides isolate and release.
    connect(fleet->model(), &QAbstractItemModel::dataChanged, this, &IncidentsPage::updateActions);
    connect(fleet, &console::Fleet::connectionStateChanged, this, &IncidentsPage::updateActions);
    connect(fleet, &console::Fleet::connectionAdded, this, &IncidentsPage::updateActions);
    connect(fleet, &console::Fleet::connectionRemoved, this, &IncidentsPage::updateActions);
    retranslate();
}

void IncidentsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString IncidentsPage::actionLabel(IncidentAction a)
{
    switch (a) {
    case IncidentAction::Quarantine:
        return tr("&Quarantine");
    case IncidentAction::Delete:
        return tr("&Delete…");
    case IncidentAction::Restore:
        return tr("Rest&ore…");
    case IncidentAction::Allow:
        return tr("A&llow…");
    case IncidentAction::IsolateVm:
        return tr("&Isolate VM…");
    case IncidentAction::ReleaseVm:
        return tr("Release V&M");
    case IncidentAction::Acknowledge:
        return tr("Ac&knowledge");
    case IncidentAction::Assign:
        return tr("Assi&gn…");
    case IncidentAction::Resolve:
        return tr("Resol&ve");
    }
    return {};
}

void IncidentsPage::retranslate()
{
    using StateFilter = IncidentFilterModel::StateFilter;
    m_search->setPlaceholderText(tr("Search incidents"));
    const QSignalBlocker b1(m_state);
    const QSignalBlocker b2(m_severity);
    const int state = qMax(0, m_state->currentIndex());
    const int severity = qMax(0, m_severity->currentIndex());
    m_state->clear();
    m_state->addItem(tr("Open incidents"), int(StateFilter::Open));
    m_state->addItem(tr("All states"), int(StateFilter::All));
    m_state->addItem(StatusText::incidentState(console::IncidentState::New), int(StateFilter::New));
    m_state->addItem(StatusText::incidentState(console::IncidentState::Acknowledged),
        int(StateFilter::Acknowledged));
    m_state->addItem(
        StatusText::incidentState(console::IncidentState::Resolved), int(StateFilter::Resolved));
    m_state->setCurrentIndex(state);
    m_severity->clear();
    m_severity->addItem(tr("All severities"));
    for (console::Severity s : {console::Severity::Critical, console::Severity::High,
             console::Severity::Medium, console::Severity::Low})
        m_severity->addItem(StatusText::severity(s), int(s));
    m_severity->setCurrentIndex(severity);
    m_filter->setStateFilter(StateFilter(m_state->currentData().toInt()));
    const QVariant s = m_severity->currentData();
    m_filter->setSeverityFilter(
        s.isValid() ? std::optional(console::Severity(s.toInt())) : std::nullopt);
    for (QPushButton *b : std::as_const(m_actions))
        b->setText(actionLabel(IncidentAction(b->property("action").toInt())));
    showTimeFilter();
    m_report->setText(tr("&Report…"));
    m_report->setToolTip(tr("Write a report of the fleet's protection status and incidents."));
    updateActions();
    loadDetail();
}

QPushButton *IncidentsPage::actionButton(IncidentAction action) const
{
    for (QPushButton *b : m_actions) {
        if (b->property("action").toInt() == int(action))
            return b;
    }
    return nullptr;
}

QList<IncidentsPage::Target> IncidentsPage::selectedTargets() const
{
    QList<Target> out;
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows())
        out.append({row.data(IncidentModel::HostIdRole).toInt(),
            row.data(IncidentModel::IdRole).toString()});
    return out;
}

void IncidentsPage::updateActions()
{
    const QList<Target> targets = selectedTargets();
    ApplianceConnection *refusing = nullptr;
    for (const Target &t : targets) {
        ApplianceConnection *c = m_fleet->connection(t.hostId);
        if (c && !c->mayAct())
            refusing = c;
    }
    if (targets.isEmpty()) {
        const QList<ApplianceConnection *> connections = m_fleet->connections();
        for (ApplianceConnection *c : connections) {
            if (!c->mayAct())
                refusing = c;
        }
        if (refusing && std::any_of(connections.cbegin(), connections.cend(), [](auto *c) {
                return c->mayAct();
            }))
            refusing = nullptr;
    }
    for (QPushButton *b : std::as_const(m_actions)) {
        const auto a = IncidentAction(b->property("action").toInt());
        if (refusing) {
            b->setEnabled(false);
            b->setToolTip(StatusText::roleRefusal(refusing->role(), tr("act on incidents")));
        } else if (targets.isEmpty()) {
            b->setEnabled(false);
            b->setToolTip(tr("Select one or more incidents first."));
        } else if (targets.size() > 1 && !kMulti.contains(a)) {
            b->setEnabled(false);
            b->setToolTip(tr("This action applies to one incident at a time."));
        } else {
            QString refusal;
            const int applicable = int(applicableTargets(a, targets, &refusal).size());
            b->setEnabled(applicable > 0);
            if (applicable == 0)
                b->setToolTip(refusal);
            else if (applicable < targets.size())
                b->setToolTip(tr("Apply to %1 of the %n selected incident(s); it does not apply to "
                                 "the others in their state.",
                    nullptr, int(targets.size()))
                                  .arg(applicable));
            else
                b->setToolTip(
                    tr("Apply to the %n selected incident(s).", nullptr, int(targets.size())));
        }
    }
}

QList<IncidentsPage::Target> IncidentsPage::applicableTargets(
    IncidentAction action, const QList<Target> &targets, QString *refusal) const
{
    QList<Target> out;
    for (const Target &t : targets) {
        const console::Incident *i = m_fleet->incidents()->incident(t.hostId, t.id);
        if (!i)
            continue;
        console::IncidentVmFacts facts;
        if (const console::Vm *vm = m_fleet->model()->vm(i->vm)) {
            facts.isolated = vm->isolated;
            facts.image = vm->kind == console::VmKind::Image;
        }
        const auto why = console::incidentActionRefusal(action, *i, facts);
        if (!why)
            out.append(t);
        else if (refusal && refusal->isEmpty())
            *refusal = *why;
    }
    return out;
}

void IncidentsPage::askAction(IncidentAction action)
{
    const QList<Target> targets = selectedTargets();
    if (targets.isEmpty())
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("incidentNoteDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(actionLabel(action).remove(QLatin1Char('&')).remove(QChar(0x2026)));
    auto *note = new QLineEdit(dialog);
    note->setObjectName(QStringLiteral("incidentNote"));
    auto *assignee = new QLineEdit(dialog);
    assignee->setObjectName(QStringLiteral("incidentAssignee"));
    auto *error = new QLabel(dialog);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *form = new QFormLayout(dialog);
    form->addRow(new QLabel(tr("%n incident(s) selected.", nullptr, int(targets.size())), dialog));
    form->addRow(tr("&Note:"), note);
    if (action == IncidentAction::Assign)
        form->addRow(tr("&Assignee:"), assignee);
    else
        assignee->hide();
    form->addRow(error);
    form->addRow(box);
    connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, dialog, [=, this] {
        if (action == IncidentAction::Assign && assignee->text().trimmed().isEmpty()) {
            error->setText(tr("Enter the user name of the assignee."));
            return;
        }
        dialog->accept();
        runAction(action, note->text().trimmed(), assignee->text().trimmed());
    });
    dialog->open();
}

void IncidentsPage::runAction(IncidentAction action, const QString &note, const QString &assignee)
{
    // Only where the incident's state allows it (the buttons say so).
    QList<Target> targets = applicableTargets(action, selectedTargets());
    if (targets.isEmpty())
        return;
    if (!kMulti.contains(action))
        targets = targets.mid(0, 1);
    if (kDestructive.contains(action)) {
        const console::Incident *i =
            m_fleet->incidents()->incident(targets[0].hostId, targets[0].id);
        if (!i)
            return;
        QString question;
        if (action == IncidentAction::Delete)
            question = tr("Delete %1 from VM %2 for good?");
        else if (action == IncidentAction::Allow)
            question = tr(
                "Trust %1 on every VM from now on? It is restored if it is quarantined. (VM %2)");
        else if (action == IncidentAction::Restore)
            question = tr("Restore %1, detected as a threat, to VM %2?");
        else
            question = tr("Cut VM %2 off the network? (incident file %1)");
        // Shown as plain text (defaultConfirm): the names are the guest's.
        if (!confirm(question.arg(i->path, i->vmName)))
            return;
    }
    auto lines = std::make_shared<QStringList>();
    auto left = std::make_shared<int>(int(targets.size()));
    m_result->setText(tr("Working…"));
    QPointer<IncidentsPage> self(this);
    for (const Target &t : targets) {
        ApplianceConnection *c = m_fleet->connection(t.hostId);
        if (!c) {
            --*left;
            continue;
        }
        c->incidentAction(t.id, action, note, assignee,
            [self, lines, left, t, name = c->displayName()](
                const console::Reply<console::Incident> &r) {
                lines->append(r.ok() ? tr("%1 (%2): done.").arg(t.id, name)
                                     : tr("%1 (%2): %3").arg(t.id, name, r.error.userMessage()));
                if (--*left == 0 && self) {
                    self->m_result->setText(lines->join(QLatin1Char('\n')));
                    self->loadDetail();
                }
                if (self && r.error.code == QLatin1String("image_vm_read_only"))
                    self->offerIsolation(t);
            });
    }
}

void IncidentsPage::offerIsolation(const Target &t)
{
    ApplianceConnection *c = m_fleet->connection(t.hostId);
    const console::Incident *i = m_fleet->incidents()->incident(t.hostId, t.id);
    // Shown as plain text (defaultConfirm): the names are the guest's.
    if (!c || !i
        || !confirm(tr("%1 is inside the disk image of VM %2, which the appliance only reads. "
                       "Cut VM %2 off the network instead?")
                        .arg(i->path, i->vmName)))
        return;
    QPointer<IncidentsPage> self(this);
    c->incidentAction(t.id, IncidentAction::IsolateVm, {}, {},
        [self, t, name = c->displayName()](const console::Reply<console::Incident> &r) {
            if (!self)
                return;
            self->m_result->setText(r.ok()
                    ? tr("%1 (%2): the VM is isolated.").arg(t.id, name)
                    : tr("%1 (%2): %3").arg(t.id, name, r.error.userMessage()));
            self->loadDetail();
        });
}

void IncidentsPage::loadDetail()
{
    const QModelIndex cur = m_view->currentIndex();
    if (!cur.isValid()) {
        m_detail->setPlainText(tr("Select an incident to see its whole record and history."));
        return;
    }
    const int hostId = cur.data(IncidentModel::HostIdRole).toInt();
    const QString id = cur.data(IncidentModel::IdRole).toString();
    ApplianceConnection *c = m_fleet->connection(hostId);
    const console::Incident *known = m_fleet->incidents()->incident(hostId, id);
    if (!c || !known)
        return;
    showDetail(*known, c->displayName());
    const quint64 request = ++m_detailRequest;
    QPointer<IncidentsPage> self(this);
    c->fetchIncident(
        id, [self, request, host = c->displayName()](const console::Reply<console::Incident> &r) {
            if (self && r.ok() && request == self->m_detailRequest)
                self->showDetail(r.value, host);
        });
}

void IncidentsPage::showDetail(const console::Incident &i, const QString &host)
{
    // Every value is escaped: the guest chose the file name, the threat's
    // name came from its file, notes from whoever wrote them.
    auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><th align=left>%1</th><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h3>%1</h3><table>")
                       .arg(StatusText::incidentRef(host, i.id).toHtmlEscaped());
    html += row(tr("Severity"), StatusText::severity(i.severity));
    html += row(tr("Threat"), i.threat) + row(tr("Host"), host) + row(tr("VM"), i.vmName);
    html += row(tr("File"), i.path) + row(tr("SHA-256"), i.sha256);
    html += row(tr("Size"), StatusText::bytes(i.size));
    html += row(tr("Found by"), StatusText::detectionSource(i.source));
    html += row(tr("First seen"), StatusText::time(i.firstSeen));
    html += row(tr("Last seen"), StatusText::time(i.lastSeen));
    html += row(tr("Detections"), QString::number(i.detections));
    html += row(tr("Action taken"), StatusText::fileAction(i.action));
    html += row(tr("State"), StatusText::incidentState(i.state));
    html += row(tr("Assignee"), i.assignee) + QStringLiteral("</table>");
    if (!i.history.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><table>").arg(tr("History").toHtmlEscaped());
        for (const console::IncidentStep &h : i.history) {
            html +=
                QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(StatusText::time(h.time).toHtmlEscaped(), h.user.toHtmlEscaped(),
                        h.action.toHtmlEscaped(), h.outcome.toHtmlEscaped(),
                        h.note.toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
    }
    m_detail->setHtml(html);
}

void IncidentsPage::showFilter(const Filter &filter)
{
    using StateFilter = IncidentFilterModel::StateFilter;
    m_state->setCurrentIndex(
        m_state->findData(int(filter.allStates ? StateFilter::All : StateFilter::Open)));
    m_severity->setCurrentIndex(filter.severity ? m_severity->findData(int(*filter.severity)) : 0);
    m_search->setText(filter.label);
    m_filter->setSubjectFilter(filter.vm, filter.threat);
    setTimeFilter(filter.from, filter.to);
    auto ends = std::make_shared<QMetaObject::Connection>();
    *ends = connect(m_search, &QLineEdit::textEdited, this, [this, ends] {
        m_filter->setSubjectFilter({}, {});
        setTimeFilter({}, {});
        disconnect(*ends);
    });
}

void IncidentsPage::setTimeFilter(const QDateTime &from, const QDateTime &to)
{
    m_filter->setTimeFilter(from, to);
    showTimeFilter();
}

void IncidentsPage::showTimeFilter()
{
    const QDateTime from = m_filter->timeFrom().toLocalTime();
    const QDateTime to = m_filter->timeTo().toLocalTime();
    const bool on = from.isValid() && to.isValid();
    m_timeLabel->setVisible(on);
    m_timeClear->setVisible(on);
    m_timeClear->setToolTip(tr("Show incidents of any time"));
    m_timeClear->setAccessibleName(m_timeClear->toolTip());
    if (!on)
        return;
    // A whole day by its date, an hour by its start and end.
    if (from.time() == QTime(0, 0) && to == from.addDays(1)) {
        m_timeLabel->setText(tr("First detected on %1").arg(StatusText::date(from.date())));
    } else {
        m_timeLabel->setText(tr("First detected %1–%2")
                                 .arg(StatusText::time(from), StatusText::timeOfDay(to.time())));
    }
}

void IncidentsPage::openReport()
{
    auto *dialog = new ReportDialog(m_fleet, m_resources, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace mamori::ui
