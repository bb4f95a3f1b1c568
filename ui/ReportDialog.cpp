// SPDX-License-Identifier: GPL-2.0-or-later
#include "ReportDialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace mamori::ui {

ReportDialog::ReportDialog(console::Fleet *fleet, ResourcesFunction resources, QWidget *parent)
    : QDialog(parent), m_fleet(fleet), m_resources(std::move(resources)),
      m_from(new QDateEdit(QDate::currentDate().addDays(-30), this)),
      m_to(new QDateEdit(QDate::currentDate(), this)), m_format(new QComboBox(this)),
      m_path(new QLineEdit(this)), m_browse(new QPushButton(this)), m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Close, this)),
      m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("reportDialog"));
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_format->addItem(QString(), QStringLiteral("pdf"));
    m_format->addItem(QString(), QStringLiteral("csv"));
    m_path->setObjectName(QStringLiteral("reportPath"));
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setWordWrap(true);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    for (QWidget *field : std::initializer_list<QWidget *> {m_from, m_to, m_format, m_path}) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_labels.append(label);
        if (field == m_path)
            m_form->addRow(label, fileRow);
        else
            m_form->addRow(label, field);
    }
    m_form->addRow(m_status);
    m_form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ReportDialog::write);
    connect(m_browse, &QPushButton::clicked, this, &ReportDialog::browse);
    retranslate();
}

void ReportDialog::browse()
{
    const bool pdf = m_format->currentData().toString() == QLatin1String("pdf");
    auto *files = new QFileDialog(this, tr("Save report"), m_path->text(),
        pdf ? tr("PDF documents (*.pdf)") : tr("CSV files (*.csv)"));
    files->setAcceptMode(QFileDialog::AcceptSave);
    files->setDefaultSuffix(pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
    files->setAttribute(Qt::WA_DeleteOnClose);
    connect(files, &QFileDialog::fileSelected, m_path, &QLineEdit::setText);
    files->open();
}

bool ReportDialog::write()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_status->setText(tr("Choose a file to write the report to."));
        return false;
    }
    const QDateTime start(m_from->date(), QTime(0, 0));
    const QDateTime end(m_to->date(), QTime(23, 59, 59));
    const ReportResources use = m_resources ? m_resources() : ReportResources {};
    QString error;
    const bool ok = m_format->currentData().toString() == QLatin1String("pdf")
        ? ReportWriter::writePdf(m_fleet, start, end, path, &error, use)
        : ReportWriter::writeCsv(m_fleet, start, end, path, &error, use);
    m_status->setText(ok ? tr("The report was written to %1.").arg(path) : error);
    return ok;
}

void ReportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ReportDialog::retranslate()
{
    setWindowTitle(tr("Report"));
    const QStringList labels {tr("Period &from:"), tr("&to:"), tr("F&ormat:"), tr("F&ile:")};
    for (int i = 0; i < m_labels.size(); ++i)
        m_labels[i]->setText(labels[i]);
    m_format->setItemText(0, tr("PDF document"));
    m_format->setItemText(1, tr("CSV (spreadsheet)"));
    m_browse->setText(tr("&Browse…"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write report"));
}

} // namespace mamori::ui
