// SPDX-License-Identifier: GPL-2.0-or-later
#include "PolicyDialog.h"

#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/StatusText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>

#include <memory>

namespace mamori::ui {

using console::ApplianceConnection;
using console::StatusText;

namespace {
const QStringList kDays {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
    QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"), QStringLiteral("sun")};

QSpinBox *spin(QWidget *parent, int min, int max, const QString &suffix = {})
{
    auto *s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setSuffix(suffix);
    return s;
}

void selectData(QComboBox *box, int value)
{
    const int at = box->findData(value);
    if (at >= 0)
        box->setCurrentIndex(at);
}
} // namespace

PolicyDialog::PolicyDialog(console::Fleet *fleet, ApplianceConnection *connection, QWidget *parent)
    : QDialog(parent), m_fleet(fleet), m_connection(connection), m_concurrency(spin(this, 1, 16)),
      m_scheduled(new QCheckBox(this)), m_windowStart(new QTimeEdit(this)),
      m_windowEnd(new QTimeEdit(this)), m_scheduleKind(new QComboBox(this)),
      m_automatic(new QComboBox(this)), m_realtime(new QComboBox(this)),
      m_maxFile(spin(this, 1, 4096)), m_maxScan(spin(this, 1, 65536)),
      m_recursion(spin(this, 1, 64)), m_maxFiles(spin(this, 1, 1000000)),
      m_exclusions(new QPlainTextEdit(this)), m_patternAge(spin(this, 1, 8760)),
      m_fullScanDays(spin(this, 1, 365)), m_others(new QListWidget(this)),
      m_result(new QLabel(this)), m_apply(new QPushButton(this)), m_form(new QFormLayout),
      m_windowTo(new QLabel(this)), m_othersBox(new QGroupBox(this)),
      m_readOnlyNote(new QLabel(this))
{
    confirm = defaultConfirm(this);
    setObjectName(QStringLiteral("policyDialog"));
    m_concurrency->setObjectName(QStringLiteral("policyConcurrency"));
    m_scheduled->setObjectName(QStringLiteral("policyScheduled"));
    m_windowStart->setDisplayFormat(QStringLiteral("HH:mm"));
    m_windowEnd->setDisplayFormat(QStringLiteral("HH:mm"));
    // Items get their words in retranslate(); the data is what is sent.
    for (console::ScanKind kind : {console::ScanKind::Full, console::ScanKind::Quick})
        m_scheduleKind->addItem(QString(), int(kind));
    for (console::AutomaticAction action : {console::AutomaticAction::Quarantine,
             console::AutomaticAction::Delete, console::AutomaticAction::None})
        m_automatic->addItem(QString(), int(action));
    for (console::RealtimeMode mode :
        {console::RealtimeMode::On, console::RealtimeMode::Off, console::RealtimeMode::Block})
        m_realtime->addItem(QString(), int(mode));
    m_result->setObjectName(QStringLiteral("policyResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText); // appliance names and messages
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_others->setObjectName(QStringLiteral("policyOthers"));

    auto *days = new QHBoxLayout;
    for (int i = 0; i < kDays.size(); ++i) {
        auto *box = new QCheckBox(this);
        days->addWidget(box);
        m_days.append(box);
    }
    auto *window = new QHBoxLayout;
    window->addWidget(m_windowStart);
    window->addWidget(m_windowTo);
    window->addWidget(m_windowEnd);
    const auto row = [this](QWidget *field) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_form->addRow(label, field);
        m_labels.append(label);
    };
    const auto layoutRow = [this](QLayout *field) {
        auto *label = new QLabel(this);
        m_form->addRow(label, field);
        m_labels.append(label);
    };
    row(m_concurrency);
    m_form->addRow(m_scheduled);
    layoutRow(days);
    layoutRow(window);
    for (QWidget *field :
        std::initializer_list<QWidget *> {m_scheduleKind, m_automatic, m_realtime, m_maxFile,
            m_maxScan, m_recursion, m_maxFiles, m_exclusions, m_patternAge, m_fullScanDays})
        row(field);
    for (ApplianceConnection *c : fleet->connections()) {
        if (c == connection)
            continue;
        auto *item = new QListWidgetItem(c->displayName(), m_others);
        item->setData(Qt::UserRole, c->id());
        item->setFlags(
            c->mayAct() ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable : Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    auto *othersLayout = new QVBoxLayout(m_othersBox);
    othersLayout->addWidget(m_others);
    m_othersBox->setVisible(m_others->count() > 0);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    box->addButton(m_apply, QDialogButtonBox::ApplyRole);
    m_apply->setObjectName(QStringLiteral("policyApply"));
    m_apply->setEnabled(connection->mayAct());
    // A role that may not change the policy sees it read-only, told why up
    // front, rather than fields that look editable and a refused Apply.
    const bool readOnly = !connection->mayAct();
    m_readOnlyNote->setObjectName(QStringLiteral("policyReadOnlyNote"));
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setTextFormat(Qt::PlainText);
    m_readOnlyNote->setVisible(readOnly);
    if (readOnly) {
        for (QWidget *field : findChildren<QWidget *>()) {
            if (auto *spinBox = qobject_cast<QAbstractSpinBox *>(field))
                spinBox->setReadOnly(true);
            else if (auto *text = qobject_cast<QPlainTextEdit *>(field))
                text->setReadOnly(true);
            else if (qobject_cast<QCheckBox *>(field) || qobject_cast<QComboBox *>(field))
                field->setEnabled(false);
        }
        m_apply->setVisible(false);
        m_othersBox->setVisible(false);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_readOnlyNote);
    layout->addLayout(m_form);
    layout->addWidget(m_othersBox);
    layout->addWidget(m_result);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &PolicyDialog::apply);
    retranslate();
    load(connection->policy().edit);
}

void PolicyDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PolicyDialog::retranslate()
{
    setWindowTitle(tr("Policy of %1").arg(m_connection->displayName()));
    const QStringList labels {tr("Scans at &once:"), tr("Days:"), tr("Window:"),
        tr("Scheduled scan &kind:"), tr("Action on &detection:"), tr("&Real-time scan by default:"),
        tr("Largest file to scan:"), tr("Most data per archive:"), tr("Deepest archive nesting:"),
        tr("Most files per archive:"), tr("E&xclusions:"),
        tr("At risk when the pattern file is older than:"), tr("At risk with no full scan for:")};
    for (int i = 0; i < m_labels.size(); ++i)
        m_labels[i]->setText(labels.value(i));
    m_scheduled->setText(tr("&Scheduled scans"));
    const QStringList dayNames {
        tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")};
    for (int i = 0; i < m_days.size(); ++i)
        m_days[i]->setText(dayNames[i]);
    m_windowTo->setText(tr("to"));
    m_concurrency->setToolTip(
        tr("Scans running at once on this appliance. One avoids scan storms."));
    m_maxFile->setSuffix(tr(" MB"));
    m_maxScan->setSuffix(tr(" MB"));
    m_patternAge->setSuffix(tr(" h"));
    m_fullScanDays->setSuffix(tr(" days"));
    m_scheduleKind->setItemText(0, tr("Full scan"));
    m_scheduleKind->setItemText(1, tr("Quick scan"));
    m_automatic->setItemText(0, tr("Quarantine"));
    m_automatic->setItemText(1, tr("Delete"));
    m_automatic->setItemText(2, tr("None (report only)"));
    for (int i = 0; i < m_realtime->count(); ++i)
        m_realtime->setItemText(
            i, StatusText::realtimeMode(console::RealtimeMode(m_realtime->itemData(i).toInt())));
    m_exclusions->setPlaceholderText(tr("One per line: /pagefile.sys, *.vhdx"));
    m_othersBox->setTitle(tr("Apply to several appliances as well"));
    for (int i = 0; i < m_others->count(); ++i) {
        QListWidgetItem *item = m_others->item(i);
        const ApplianceConnection *c = m_fleet->connection(item->data(Qt::UserRole).toInt());
        item->setToolTip(c && !c->mayAct()
                ? StatusText::toolTip(StatusText::roleRefusal(c->role(), tr("change the policy")))
                : QString());
    }
    m_readOnlyNote->setText(StatusText::roleRefusal(m_connection->role(), tr("change the policy"))
        + QLatin1Char(' ')
        + tr("This is the policy as it is; only a security administrator can change it."));
    m_apply->setText(tr("&Apply"));
    m_apply->setToolTip(m_connection->mayAct()
            ? tr("Check the values and send them to the appliances.")
            : StatusText::roleRefusal(m_connection->role(), tr("change the policy")));
}

PolicyDialog *PolicyDialog::showFor(
    console::Fleet *fleet, ApplianceConnection *connection, QWidget *parent)
{
    auto *dialog = new PolicyDialog(fleet, connection, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void PolicyDialog::load(const console::PolicyEdit &p)
{
    m_concurrency->setValue(p.maxConcurrentScans);
    m_scheduled->setChecked(p.schedule.enabled);
    for (int i = 0; i < kDays.size(); ++i)
        m_days[i]->setChecked(p.schedule.days.contains(kDays[i]));
    m_windowStart->setTime(p.schedule.windowStart);
    m_windowEnd->setTime(p.schedule.windowEnd);
    selectData(m_scheduleKind, int(p.schedule.kind));
    selectData(m_automatic, int(p.automaticAction));
    selectData(m_realtime, int(p.realtimeDefault));
    m_maxFile->setValue(p.limits.maxFileSizeMb);
    m_maxScan->setValue(p.limits.maxScanSizeMb);
    m_recursion->setValue(p.limits.maxRecursion);
    m_maxFiles->setValue(p.limits.maxFiles);
    m_exclusions->setPlainText(p.exclusions.join(QLatin1Char('\n')));
    m_patternAge->setValue(p.maxPatternAgeHours);
    m_fullScanDays->setValue(p.maxDaysBetweenFullScans);
}

std::optional<console::PolicyEdit> PolicyDialog::editedPolicy(QString *error) const
{
    console::PolicyEdit p;
    for (int i = 0; i < kDays.size(); ++i) {
        if (m_days[i]->isChecked())
            p.schedule.days.append(kDays[i]);
    }
    if (m_scheduled->isChecked() && p.schedule.days.isEmpty()) {
        *error = tr("Scheduled scans need at least one day.");
        return std::nullopt;
    }
    if (m_scheduled->isChecked() && m_windowStart->time() == m_windowEnd->time()) {
        *error = tr("The scan window must not start and end at the same time.");
        return std::nullopt;
    }
    if (m_maxScan->value() < m_maxFile->value()) {
        *error = tr("The most data per archive must be at least the largest file to scan.");
        return std::nullopt;
    }
    for (const QString &line : m_exclusions->toPlainText().split(QLatin1Char('\n'))) {
        const QString e = line.trimmed();
        if (e.isEmpty())
            continue;
        if (e.contains(QLatin1String(".."))) {
            *error = tr("The exclusion “%1” may not contain “..”.").arg(e);
            return std::nullopt;
        }
        p.exclusions.append(e);
    }
    p.maxConcurrentScans = m_concurrency->value();
    p.schedule.enabled = m_scheduled->isChecked();
    p.schedule.windowStart = m_windowStart->time();
    p.schedule.windowEnd = m_windowEnd->time();
    p.schedule.kind = console::ScanKind(m_scheduleKind->currentData().toInt());
    p.automaticAction = console::AutomaticAction(m_automatic->currentData().toInt());
    p.realtimeDefault = console::RealtimeMode(m_realtime->currentData().toInt());
    p.limits = {m_maxFile->value(), m_maxScan->value(), m_recursion->value(), m_maxFiles->value()};
    p.maxPatternAgeHours = m_patternAge->value();
    p.maxDaysBetweenFullScans = m_fullScanDays->value();
    return p;
}

void PolicyDialog::setAlsoApplyTo(const QList<int> &hostIds)
{
    for (int i = 0; i < m_others->count(); ++i) {
        QListWidgetItem *item = m_others->item(i);
        item->setCheckState(
            hostIds.contains(item->data(Qt::UserRole).toInt()) ? Qt::Checked : Qt::Unchecked);
    }
}

void PolicyDialog::apply()
{
    QString error;
    const std::optional<console::PolicyEdit> policy = editedPolicy(&error);
    if (!policy) {
        m_result->setText(error);
        return;
    }
    QList<ApplianceConnection *> targets {m_connection};
    for (int i = 0; i < m_others->count(); ++i) {
        const QListWidgetItem *item = m_others->item(i);
        ApplianceConnection *c = m_fleet->connection(item->data(Qt::UserRole).toInt());
        if (c && c->mayAct() && item->checkState() == Qt::Checked)
            targets.append(c);
    }
    if (targets.size() > 1
        && !confirm(tr("Apply this policy to %n appliance(s)? Their own settings for these "
                       "values are replaced.",
            nullptr, int(targets.size()))))
        return;
    auto lines = std::make_shared<QStringList>();
    auto left = std::make_shared<int>(int(targets.size()));
    auto failed = std::make_shared<int>(0);
    m_result->setText(tr("Applying…"));
    QPointer<PolicyDialog> self(this);
    // Each appliance keeps its own per-VM real-time settings.
    for (ApplianceConnection *c : targets) {
        c->changePolicy(*policy,
            [self, lines, left, failed, name = c->displayName()](
                const console::Reply<console::Policy> &r) {
                if (!r.ok())
                    ++*failed;
                lines->append(r.ok() ? tr("%1: applied.").arg(name)
                                     : tr("%1: %2").arg(name, r.error.userMessage()));
                if (--*left == 0 && self) {
                    self->m_result->setText(lines->join(QLatin1Char('\n')));
                    Q_EMIT self->applied(int(lines->size()) - *failed, *failed);
                }
            });
    }
}

} // namespace mamori::ui
