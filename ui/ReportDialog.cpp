// SPDX-License-Identifier: GPL-2.0-or-later
#include "ReportDialog.h"

#include "app/models/StatusText.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>

namespace mamori::ui {

namespace {
bool isReportSuffix(const QString &suffix)
{
    return suffix.compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0
        || suffix.compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0;
}

// `path` ending in `.suffix`: a .pdf or .csv ending is replaced, any other
// ending kept and the suffix added, so that a CSV never lands in a .pdf.
QString withSuffix(const QString &path, const QString &suffix)
{
    if (path.isEmpty())
        return path;
    const QString current = QFileInfo(path).suffix();
    if (current.compare(suffix, Qt::CaseInsensitive) == 0)
        return path;
    if (isReportSuffix(current))
        return path.left(path.size() - current.size()) + suffix;
    if (path.endsWith(QLatin1Char('.')))
        return path + suffix;
    return path + QLatin1Char('.') + suffix;
}
} // namespace

ReportDialog::ReportDialog(console::Fleet *fleet, ResourcesFunction resources, QWidget *parent)
    : QDialog(parent), m_fleet(fleet), m_resources(std::move(resources)),
      m_from(new QDateEdit(QDate::currentDate().addDays(-30), this)),
      m_to(new QDateEdit(QDate::currentDate(), this)), m_format(new QComboBox(this)),
      m_path(new QLineEdit(this)), m_browse(new QPushButton(this)), m_open(nullptr),
      m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Close, this)),
      m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("reportDialog"));
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_format->addItem(QString(), QStringLiteral("pdf"));
    m_format->addItem(QString(), QStringLiteral("csv"));
    m_path->setObjectName(QStringLiteral("reportPath"));
    // Wide enough to show a whole path in Documents, not just its end.
    m_path->setMinimumWidth(m_path->fontMetrics().averageCharWidth() * 48);
    m_path->setText(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                        .filePath(QStringLiteral("mamori-report-%1.pdf")
                                      .arg(QDate::currentDate().toString(Qt::ISODate))));
    m_open = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("reportOpen"));
    m_open->setVisible(false);
    confirm = defaultConfirm(this);
    openFile = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // file names and error messages
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
    connect(m_format, &QComboBox::currentIndexChanged, this, &ReportDialog::formatChosen);
    connect(m_path, &QLineEdit::textEdited, this, &ReportDialog::pathEdited);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (!openFile || !openFile(QUrl::fromLocalFile(m_written)))
            m_status->setText(tr("No program to open %1 was found.").arg(m_written));
    });
    retranslate();
}

QString ReportDialog::suffix() const
{
    return m_format->currentData().toString();
}

void ReportDialog::formatChosen()
{
    m_path->setText(withSuffix(m_path->text().trimmed(), suffix()));
    m_open->setVisible(false);
}

void ReportDialog::pathEdited(const QString &text)
{
    m_open->setVisible(false);
    const QString typed = QFileInfo(text.trimmed()).suffix().toLower();
    const int index = m_format->findData(typed);
    if (index >= 0 && index != m_format->currentIndex()) {
        const QSignalBlocker keepTheText(m_format);
        m_format->setCurrentIndex(index);
    }
}

void ReportDialog::browse()
{
    const bool pdf = suffix() == QLatin1String("pdf");
    auto *files = new QFileDialog(this, tr("Save report"), m_path->text(),
        pdf ? tr("PDF documents (*.pdf)") : tr("CSV files (*.csv)"));
    files->setAcceptMode(QFileDialog::AcceptSave);
    files->setDefaultSuffix(pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
    files->setAttribute(Qt::WA_DeleteOnClose);
    connect(files, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_chosenInFileDialog = file; // the file dialog asked before replacing it
        m_path->setText(file);
        pathEdited(file);
    });
    files->open();
}

bool ReportDialog::write()
{
    m_open->setVisible(false);
    const QString path = withSuffix(m_path->text().trimmed(), suffix());
    if (path.isEmpty()) {
        m_status->setText(tr("Choose a file to write the report to."));
        return false;
    }
    m_path->setText(path);
    const QFileInfo target(path);
    if (target.isDir()) {
        m_status->setText(tr("%1 is a folder: add a file name.").arg(path));
        return false;
    }
    if (target.exists() && path != m_chosenInFileDialog
        && !(confirm && confirm(tr("%1 already exists. Replace it with this report?").arg(path)))) {
        m_status->setText(tr("Nothing was written: %1 is kept as it was.").arg(path));
        return false;
    }
    m_chosenInFileDialog.clear(); // writing again replaces this report: ask then
    const QDateTime start(m_from->date(), QTime(0, 0));
    const QDateTime end(m_to->date(), QTime(23, 59, 59));
    const ReportResources use = m_resources ? m_resources() : ReportResources {};
    QString error;
    const bool ok = suffix() == QLatin1String("pdf")
        ? ReportWriter::writePdf(m_fleet, start, end, path, &error, use)
        : ReportWriter::writeCsv(m_fleet, start, end, path, &error, use);
    m_status->setText(ok ? tr("The report was written to %1.").arg(path) : error);
    if (ok)
        m_written = path;
    m_open->setVisible(ok);
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
    // The console's own date form, not QLocale's short one ("11/5/26").
    m_from->setDisplayFormat(console::StatusText::dateFormat());
    m_to->setDisplayFormat(console::StatusText::dateFormat());
    setWindowTitle(tr("Report"));
    const QStringList labels {tr("Period &from:"), tr("&to:"), tr("F&ormat:"), tr("F&ile:")};
    for (int i = 0; i < m_labels.size(); ++i)
        m_labels[i]->setText(labels[i]);
    m_format->setItemText(0, tr("PDF document"));
    m_format->setItemText(1, tr("CSV (spreadsheet)"));
    m_browse->setText(tr("&Browse…"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write report"));
    m_open->setText(tr("&Open Report"));
}

} // namespace mamori::ui
