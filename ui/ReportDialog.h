// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Confirm.h"
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
class QUrl;

namespace mamori::ui {

// "Report…": the period, the format and the file; writes the report on OK
// and says where it went (or what went wrong) without closing. The file's
// extension follows the format (and typing a .pdf or .csv name picks the
// format), an existing file is replaced only when the admin says so, and a
// written report can be opened from the dialog.
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
    QPushButton *openButton() const { return m_open; }

    // Asked before an existing file is replaced (tests replace it).
    ConfirmFunction confirm;
    // Opens the written report in the desktop's program for it (tests
    // replace it: there is no desktop to hand the file to).
    std::function<bool(const QUrl &)> openFile;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void browse();
    void formatChosen();
    void pathEdited(const QString &text);
    // The format the combo box shows: "pdf" or "csv".
    QString suffix() const;

    console::Fleet *m_fleet;
    ResourcesFunction m_resources;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_format;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QPushButton *m_open;
    QString m_chosenInFileDialog; // its overwrite question was asked there
    QString m_written;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QFormLayout *m_form;
    QList<QLabel *> m_labels;
};

} // namespace mamori::ui
