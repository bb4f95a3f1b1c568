// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Confirm.h"
#include "app/records/Policy.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimeEdit;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

// One appliance's policy to view and edit, checked before it is sent, and
// applied to that appliance or to several (PUT /api/v1/policy) with a
// result per appliance.
class PolicyDialog : public QDialog
{
    Q_OBJECT

public:
    PolicyDialog(
        console::Fleet *fleet, console::ApplianceConnection *connection, QWidget *parent = nullptr);
    // Opens a window-modal dialog for the appliance; returns at once.
    static PolicyDialog *showFor(
        console::Fleet *fleet, console::ApplianceConnection *connection, QWidget *parent);

    // The policy as edited (the parts this dialog edits); none, and `error`
    // set, when a value is not acceptable.
    std::optional<console::PolicyEdit> editedPolicy(QString *error) const;
    // Checks the other appliances to apply the policy to as well.
    void setAlsoApplyTo(const QList<int> &hostIds);
    // Sends the policy; results appear in resultLabel().
    void apply();
    QLabel *resultLabel() const { return m_result; }
    QSpinBox *concurrency() const { return m_concurrency; }

    ConfirmFunction confirm;

Q_SIGNALS:
    void applied(int succeeded, int failed);

protected:
    void changeEvent(QEvent *event) override;

private:
    void load(const console::PolicyEdit &policy);
    void retranslate();

    console::Fleet *m_fleet;
    console::ApplianceConnection *m_connection;
    QSpinBox *m_concurrency;
    QCheckBox *m_scheduled;
    QList<QCheckBox *> m_days;
    QTimeEdit *m_windowStart;
    QTimeEdit *m_windowEnd;
    QComboBox *m_scheduleKind;
    QComboBox *m_automatic;
    QComboBox *m_realtime;
    QSpinBox *m_maxFile;
    QSpinBox *m_maxScan;
    QSpinBox *m_recursion;
    QSpinBox *m_maxFiles;
    QPlainTextEdit *m_exclusions;
    QSpinBox *m_patternAge;
    QSpinBox *m_fullScanDays;
    QListWidget *m_others;
    QLabel *m_result;
    QPushButton *m_apply;
    QFormLayout *m_form;
    QList<QLabel *> m_labels; // of m_form's rows, in order
    QLabel *m_windowTo;
    QGroupBox *m_othersBox;
    QLabel *m_readOnlyNote;
};

} // namespace mamori::ui
