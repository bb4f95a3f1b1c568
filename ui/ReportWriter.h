// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QStringList>

class QWidget;

namespace mamori::console {
class Fleet;
}

namespace mamori::ui {

// Reports for the fleet in the current language: the protection status of
// every VM, and the incidents seen in a period. CSV (UTF-8 with BOM, RFC
// 4180 quoting) and PDF.
class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(mamori::ui::ReportWriter)

public:
    // Rows of the two tables, each with its header row first.
    static QList<QStringList> protectionRows(const console::Fleet *fleet);
    static QList<QStringList> incidentRows(
        const console::Fleet *fleet, const QDateTime &from, const QDateTime &to);

    // One CSV table: a section column ("Protection status", "Incident") and
    // the columns of both tables.
    static bool writeCsv(const console::Fleet *fleet, const QDateTime &from, const QDateTime &to,
        const QString &path, QString *error);
    static bool writePdf(const console::Fleet *fleet, const QDateTime &from, const QDateTime &to,
        const QString &path, QString *error);
    // Splits CSV text written by writeCsv back into rows (for tests and imports).
    static QList<QStringList> parseCsv(const QString &text);

    // The "Report…" dialog: period, format, file; writes on OK.
    static void openDialog(console::Fleet *fleet, QWidget *parent);
};

} // namespace mamori::ui
