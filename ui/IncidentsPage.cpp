// SPDX-License-Identifier: GPL-2.0-or-later
#include "IncidentsPage.h"

#include "MainWindow.h"
#include "MetricsPages.h"
#include "ReportDialog.h"
#include "app/client/ApplianceClient.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>

#include <memory>

namespace mamori::ui {

using console::ApplianceConnection;

namespace {
const QStringList kActions {QStringLiteral("quarantine"), QStringLiteral("delete"),
    QStringLiteral("restore"), QStringLiteral("allow"), QStringLiteral("isolate-vm"),
    QStringLiteral("release-vm"), QStringLiteral("acknowledge"), QStringLiteral("assign"),
    QStringLiteral("resolve")};
const QStringList kMulti {QStringLiteral("acknowledge"), QStringLiteral("assign"),
    QStringLiteral("quarantine"), QStringLiteral("resolve")};
const QStringList kDestructive {QStringLiteral("delete"), QStringLiteral("allow"),
    QStringLiteral("isolate-vm"), QStringLiteral("restore")};

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

IncidentsPage::IncidentsPage(console::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_model(new IncidentModel(fleet, this)),
      m_filter(new IncidentFilterModel(this)), m_search(new QLineEdit(this)),
      m_state(new QComboBox(this)), m_severity(new QComboBox(this)), m_view(new QTableView(this)),
      m_detail(new QTextBrowser(this)), m_result(new QLabel(this)), m_report(new QPushButton(this))
{
    confirm = defaultConfirm(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(IncidentModel::SortRole);
    m_search->setObjectName(QStringLiteral("incidentSearch"));
    m_search->setClearButtonEnabled(true);
    m_state->setObjectName(QStringLiteral("incidentStateFilter"));
    m_severity->setObjectName(QStringLiteral("incidentSeverityFilter"));
    m_view->setObjectName(QStringLiteral("incidentsView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(IncidentModel::Time, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Every column as wide as its contents, but the file path takes what is
    // left and elides in the middle (the detail pane has it whole).
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(IncidentModel::File, QHeaderView::Stretch);
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
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->setObjectName(QStringLiteral("reportButton"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_state, 1);
    filters->addWidget(m_severity, 1);
    auto *buttons = new QGridLayout;
    for (int i = 0; i < kActions.size(); ++i) {
        auto *button = new QPushButton(this);
        button->setObjectName(kActions[i] + QStringLiteral("Button"));
        button->setProperty("action", kActions[i]);
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
    connect(m_state, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setStateFilter(m_state->currentData().toString()); });
    connect(m_severity, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setSeverityFilter(m_severity->currentData().toString()); });
    connect(m_report, &QPushButton::clicked, this, &IncidentsPage::openReport);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &IncidentsPage::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &IncidentsPage::loadDetail);

    // A reload keeps the selection (by appliance and incident id).
    auto kept = std::make_shared<QList<Target>>();
    auto current = std::make_shared<Target>();
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this, kept, current] {
        *kept = selectedTargets();
        const QModelIndex cur = m_view->currentIndex();
        *current = {cur.data(IncidentModel::HostIdRole).toInt(),
            cur.data(IncidentModel::IdRole).toString()};
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this, kept, current] {
        const QSignalBlocker block(m_view->selectionModel());
        for (const Target &t : *kept) {
            const QModelIndex at = m_filter->mapFromSource(m_model->find(t.hostId, t.id));
            if (at.isValid())
                m_view->selectionModel()->select(
                    at, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        const QModelIndex cur =
            m_filter->mapFromSource(m_model->find(current->hostId, current->id));
        if (cur.isValid())
            m_view->selectionModel()->setCurrentIndex(cur, QItemSelectionModel::NoUpdate);
        updateActions();
        loadDetail();
    });
    auto follow = [this](ApplianceConnection *c) {
        connect(c, &ApplianceConnection::incidentsChanged, m_model, &IncidentModel::reload);
        connect(c, &ApplianceConnection::stateChanged, this, &IncidentsPage::updateActions);
    };
    connect(fleet, &console::Fleet::connectionAdded, this, [this, follow](ApplianceConnection *c) {
        follow(c);
        m_model->reload();
    });
    connect(fleet, &console::Fleet::connectionRemoved, m_model, &IncidentModel::reload);
    for (ApplianceConnection *c : fleet->connections())
        follow(c);
    m_model->reload();
    retranslate();
}

void IncidentsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString IncidentsPage::actionLabel(const QString &a) const
{
    static const QHash<QString, const char *> labels {
        {QStringLiteral("quarantine"), QT_TR_NOOP("&Quarantine")},
        {QStringLiteral("delete"), QT_TR_NOOP("&Delete…")},
        {QStringLiteral("restore"), QT_TR_NOOP("Rest&ore…")},
        {QStringLiteral("allow"), QT_TR_NOOP("A&llow…")},
        {QStringLiteral("isolate-vm"), QT_TR_NOOP("&Isolate VM…")},
        {QStringLiteral("release-vm"), QT_TR_NOOP("Release V&M")},
        {QStringLiteral("acknowledge"), QT_TR_NOOP("Ac&knowledge")},
        {QStringLiteral("assign"), QT_TR_NOOP("Assi&gn…")},
        {QStringLiteral("resolve"), QT_TR_NOOP("Resol&ve")}};
    return tr(labels.value(a));
}

void IncidentsPage::retranslate()
{
    m_search->setPlaceholderText(tr("Search incidents"));
    const QSignalBlocker b1(m_state);
    const QSignalBlocker b2(m_severity);
    const int state = qMax(0, m_state->currentIndex());
    const int severity = qMax(0, m_severity->currentIndex());
    m_state->clear();
    m_state->addItem(tr("Open incidents"), QStringLiteral("open"));
    m_state->addItem(tr("All states"), QString());
    for (const QString &s :
        {QStringLiteral("new"), QStringLiteral("acknowledged"), QStringLiteral("resolved")})
        m_state->addItem(SecurityText::incidentStateText(s), s);
    m_state->setCurrentIndex(state);
    m_severity->clear();
    m_severity->addItem(tr("All severities"), QString());
    for (const QString &s : {QStringLiteral("critical"), QStringLiteral("high"),
             QStringLiteral("medium"), QStringLiteral("low")})
        m_severity->addItem(SecurityText::severityText(s), s);
    m_severity->setCurrentIndex(severity);
    m_filter->setStateFilter(m_state->currentData().toString());
    m_filter->setSeverityFilter(m_severity->currentData().toString());
    for (QPushButton *b : std::as_const(m_actions))
        b->setText(actionLabel(b->property("action").toString()));
    m_report->setText(tr("&Report…"));
    m_report->setToolTip(tr("Write a report of the fleet's protection status and incidents."));
    updateActions();
    loadDetail();
}

QPushButton *IncidentsPage::actionButton(const QString &action) const
{
    for (QPushButton *b : m_actions) {
        if (b->property("action").toString() == action)
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
        const QString a = b->property("action").toString();
        if (refusing) {
            b->setEnabled(false);
            b->setToolTip(SecurityText::roleRefusal(refusing, tr("act on incidents")));
        } else if (targets.isEmpty()) {
            b->setEnabled(false);
            b->setToolTip(tr("Select one or more incidents first."));
        } else if (targets.size() > 1 && !kMulti.contains(a)) {
            b->setEnabled(false);
            b->setToolTip(tr("This action applies to one incident at a time."));
        } else {
            b->setEnabled(true);
            b->setToolTip(
                tr("Apply to the %n selected incident(s).", nullptr, int(targets.size())));
        }
    }
}

void IncidentsPage::askAction(const QString &action)
{
    const QList<Target> targets = selectedTargets();
    if (targets.isEmpty())
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("incidentNoteDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(
        QString(actionLabel(action)).remove(QLatin1Char('&')).remove(QChar(0x2026)));
    auto *note = new QLineEdit(dialog);
    note->setObjectName(QStringLiteral("incidentNote"));
    auto *assignee = new QLineEdit(dialog);
    assignee->setObjectName(QStringLiteral("incidentAssignee"));
    auto *error = new QLabel(dialog);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *form = new QFormLayout(dialog);
    form->addRow(new QLabel(tr("%n incident(s) selected.", nullptr, int(targets.size())), dialog));
    form->addRow(tr("&Note:"), note);
    if (action == QLatin1String("assign"))
        form->addRow(tr("&Assignee:"), assignee);
    else
        assignee->hide();
    form->addRow(error);
    form->addRow(box);
    connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, dialog, [=, this] {
        if (action == QLatin1String("assign") && assignee->text().trimmed().isEmpty()) {
            error->setText(tr("Enter the user name of the assignee."));
            return;
        }
        dialog->accept();
        runAction(action, note->text().trimmed(), assignee->text().trimmed());
    });
    dialog->open();
}

void IncidentsPage::runAction(const QString &action, const QString &note, const QString &assignee)
{
    QList<Target> targets = selectedTargets();
    if (targets.isEmpty())
        return;
    if (!kMulti.contains(action))
        targets = targets.mid(0, 1);
    if (kDestructive.contains(action)) {
        const QModelIndex at = m_model->find(targets[0].hostId, targets[0].id);
        const QJsonObject o = at.data(IncidentModel::RecordRole).toJsonObject();
        QString question;
        if (action == QLatin1String("delete"))
            question = tr("Delete %1 from VM %2 for good?");
        else if (action == QLatin1String("allow"))
            question = tr(
                "Trust %1 on every VM from now on? It is restored if it is quarantined. (VM %2)");
        else if (action == QLatin1String("restore"))
            question = tr("Restore %1, detected as a threat, to VM %2?");
        else
            question = tr("Cut VM %2 off the network? (incident file %1)");
        if (!confirm(question.arg(str(o, "path"), str(o, "vm_name"))))
            return;
    }
    QJsonObject body {{QStringLiteral("action"), action}, {QStringLiteral("note"), note}};
    if (action == QLatin1String("assign"))
        body.insert(QStringLiteral("assignee"), assignee);
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
        c->act("POST", QStringLiteral("/api/v1/incidents/%1/actions").arg(t.id), body,
            QStringLiteral("incident.") + action,
            [self, lines, left, t, name = c->displayName()](const console::ApiResult &r) {
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
    const QJsonObject o =
        m_model->find(t.hostId, t.id).data(IncidentModel::RecordRole).toJsonObject();
    if (!c
        || !confirm(tr("%1 is inside the disk image of VM %2, which the appliance only reads. "
                       "Cut VM %2 off the network instead?")
                        .arg(str(o, "path"), str(o, "vm_name"))))
        return;
    QPointer<IncidentsPage> self(this);
    c->act("POST", QStringLiteral("/api/v1/incidents/%1/actions").arg(t.id),
        {{QStringLiteral("action"), QStringLiteral("isolate-vm")}},
        QStringLiteral("incident.isolate-vm"),
        [self, t, name = c->displayName()](const console::ApiResult &r) {
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
    ApplianceConnection *c = m_fleet->connection(cur.data(IncidentModel::HostIdRole).toInt());
    if (!c)
        return;
    showDetail(cur.data(IncidentModel::RecordRole).toJsonObject(), c->displayName());
    const quint64 request = ++m_detailRequest;
    QPointer<IncidentsPage> self(this);
    c->client()->request("GET",
        QStringLiteral("/api/v1/incidents/%1").arg(cur.data(IncidentModel::IdRole).toString()), {},
        [self, request, host = c->displayName()](const console::ApiResult &r) {
            if (self && r.ok() && request == self->m_detailRequest)
                self->showDetail(r.json, host);
        });
}

void IncidentsPage::showDetail(const QJsonObject &o, const QString &host)
{
    auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><th align=left>%1</th><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(str(o, "id").toHtmlEscaped());
    html += row(tr("Severity"), SecurityText::severityText(str(o, "severity")));
    html += row(tr("Threat"), str(o, "threat")) + row(tr("Host"), host)
        + row(tr("VM"), str(o, "vm_name"));
    html += row(tr("File"), str(o, "path")) + row(tr("SHA-256"), str(o, "sha256"));
    html += row(tr("Size"), SecurityText::bytesText(o.value(QStringLiteral("size")).toInteger()));
    html += row(tr("Found by"), SecurityText::detectionSourceText(str(o, "source")));
    html += row(tr("First seen"), SecurityText::timeText(str(o, "first_seen")));
    html += row(tr("Last seen"), SecurityText::timeText(str(o, "last_seen")));
    html += row(tr("Detections"), QString::number(o.value(QStringLiteral("detections")).toInt()));
    html += row(tr("Action taken"), SecurityText::fileActionText(str(o, "action")));
    html += row(tr("State"), SecurityText::incidentStateText(str(o, "state")));
    html += row(tr("Assignee"), str(o, "assignee")) + QStringLiteral("</table>");
    const QJsonArray history = o.value(QStringLiteral("history")).toArray();
    if (!history.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><table>").arg(tr("History").toHtmlEscaped());
        for (const QJsonValue &v : history) {
            const QJsonObject h = v.toObject();
            html +=
                QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(SecurityText::timeText(str(h, "time")).toHtmlEscaped(),
                        str(h, "user").toHtmlEscaped(), str(h, "action").toHtmlEscaped(),
                        str(h, "outcome").toHtmlEscaped(), str(h, "note").toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
    }
    m_detail->setHtml(html);
}

void IncidentsPage::openReport()
{
    QPointer<MainWindow> main(qobject_cast<MainWindow *>(window()));
    auto *dialog = new ReportDialog(
        m_fleet, [main] { return reportResources(main); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace mamori::ui
