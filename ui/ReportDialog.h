// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ReportWriter.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace mamori::ui {

// "Report…": the period, the format and the file; writes the report on OK
// and says where it went (or what went wrong) without closing.
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    using ResourcesFunction = std::function<ReportResources()>;

    // `resources` is asked when the report is written.
    ReportDialog(console::Fleet *fleet, ResourcesFunction resources, QWidget *parent = nullptr);

    // Writes the report as set in the dialog; the status line tells.
    bool write();
    QLabel *status() const { return m_status; }
    QLineEdit *path() const { return m_path; }
    QComboBox *format() const { return m_format; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void browse();

    console::Fleet *m_fleet;
    ResourcesFunction m_resources;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_format;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QFormLayout *m_form;
    QList<QLabel *> m_labels;
};

} // namespace mamori::ui
