// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/MetricSeries.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QImage>
#include <QList>
#include <QStringList>

class QWidget;

namespace mamori::console {
class Fleet;
class MetricsArchive;
} // namespace mamori::console

namespace mamori::ui {

// Where the report's resource section comes from: the console's metrics
// history and each appliance's baseline (GET /api/v1/baseline, by appliance
// id).
struct ReportResources
{
    const console::MetricsArchive *archive = nullptr;
    QHash<int, console::Baseline> baselines;
};

// Reports for the fleet in the current language: the protection status of
// every VM, the incidents seen in a period, and each host's resource use in
// that period against its no-scan baseline. CSV (UTF-8 with BOM, RFC 4180
// quoting) and PDF with a chart.
class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(mamori::ui::ReportWriter)

public:
    using Resources = ReportResources;

    // Host, metric, average, peak, baseline, average as % of baseline,
    // samples: one row per host and metric, header first.
    static QList<QStringList> resourceRows(const console::Fleet *fleet, const Resources &resources,
        const QDateTime &from, const QDateTime &to);
    // Average use of each host as % of its baseline, as grouped bars (CPU,
    // memory, disk read, disk write) against the 100 % line.
    static QImage resourceChart(const console::Fleet *fleet, const Resources &resources,
        const QDateTime &from, const QDateTime &to, const QSize &size);

    // Rows of the two tables, each with its header row first.
    static QList<QStringList> protectionRows(const console::Fleet *fleet);
    static QList<QStringList> incidentRows(
        const console::Fleet *fleet, const QDateTime &from, const QDateTime &to);

    // One CSV table: a section column ("Protection status", "Incident",
    // "Resource use") and the columns of the tables.
    static bool writeCsv(const console::Fleet *fleet, const QDateTime &from, const QDateTime &to,
        const QString &path, QString *error, const Resources &resources = {});
    static bool writePdf(const console::Fleet *fleet, const QDateTime &from, const QDateTime &to,
        const QString &path, QString *error, const Resources &resources = {});
    // Splits CSV text written by writeCsv back into rows (for tests and imports).
    static QList<QStringList> parseCsv(const QString &text);
};

} // namespace mamori::ui
