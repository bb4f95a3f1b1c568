// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "MetricSample.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace mamori::appliance {

// The metrics module's tables: minute averages of the last 24 h and the
// baselines. Used by MetricsHistory and Baseline; a default-constructed
// (invalid) QSqlDatabase turns persistence off.
class MetricsStore
{
public:
    explicit MetricsStore(QSqlDatabase db);
    // For Database::migrateModule("metrics", ...).
    static QList<const char *> schemaSteps();
    bool isEnabled() const { return m_db.isValid(); }

    struct MinuteRow
    {
        QString scope;
        MetricSample average; // t = start of the minute
        int samples = 0;
    };
    // Adds the rows (a minute already stored, e.g. half written before a
    // restart, becomes the sample-weighted mean of both) and deletes minutes
    // that started before `pruneBeforeMs`, in one transaction.
    bool saveMinutes(const QList<MinuteRow> &rows, qint64 pruneBeforeMs, QString *error);
    bool loadMinutes(qint64 sinceMs, QList<MinuteRow> *out, QString *error);

    struct BaselineRow
    {
        QString scope;
        Metric metric = Metric::Cpu;
        QString method; // "automatic" or "captured"
        double value = 0;
        qint64 windowStart = 0; // ms since the epoch
        qint64 windowEnd = 0;
        int samples = 0;
        int scanningSamples = 0;
    };
    // Replaces every row of `method` with `rows`.
    bool replaceBaselines(const QString &method, const QList<BaselineRow> &rows, QString *error);
    bool loadBaselines(QList<BaselineRow> *out, QString *error);

private:
    QSqlDatabase m_db;
};

} // namespace mamori::appliance
