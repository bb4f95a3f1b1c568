// SPDX-License-Identifier: GPL-2.0-or-later
// PerformancePage: scan spans, CSV and PNG export.
#include "PerformancePage.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/ScanJobModel.h"

#include <QDateTime>
#include <QFileDialog>
#include <QMap>
#include <QMessageBox>
#include <QSaveFile>
#include <QTextStream>

#include <array>
#include <optional>

namespace mamori::ui {

using console::ApplianceConnection;
using widgets::MetricChart;

void PerformancePage::updateSpans()
{
    QList<QPair<qint64, qint64>> spans;
    ApplianceConnection *c = connection();
    const QUuid vm = QUuid::fromString(protocol::vmOfScope(scope()));
    if (c) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const console::ScanJob &job : m_fleet->scanJobs()->jobs(c->id())) {
            if ((!vm.isNull() && job.vm != vm) || !job.started.isValid())
                continue;
            spans.append({job.started.toMSecsSinceEpoch(),
                job.finished.isValid() ? job.finished.toMSecsSinceEpoch() : now});
        }
    }
    for (MetricChart *chart : m_charts)
        chart->setScanSpans(spans);
}

bool PerformancePage::exportCsv(QIODevice *device) const
{
    QMap<qint64, std::array<std::optional<double>, 4>> rows;
    for (int i = 0; i < 4; ++i) {
        for (const QPointF &p : m_charts[i]->shownSamples())
            rows[qint64(p.x())][i] = p.y();
    }
    QTextStream out(device);
    out << "time,cpu_percent,cpu_baseline,memory_bytes,memory_baseline,read_bytes_per_s,"
           "read_baseline,write_bytes_per_s,write_baseline\n";
    const QLocale c = QLocale::c();
    const auto number = [&c](std::optional<double> v) {
        return v ? c.toString(*v, 'g', 15) : QString();
    };
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        QDateTime t = QDateTime::fromMSecsSinceEpoch(it.key());
        t = t.toOffsetFromUtc(t.offsetFromUtc());
        out << t.toString(Qt::ISODate);
        for (int i = 0; i < 4; ++i)
            out << ',' << number(it.value()[i]) << ',' << number(m_charts[i]->baseline());
        out << '\n';
    }
    out.flush();
    return out.status() == QTextStream::Ok;
}

bool PerformancePage::exportCsvTo(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    return exportCsv(&file) && file.commit();
}

QImage PerformancePage::grabCharts() const
{
    return m_chartArea->grab().toImage();
}

bool PerformancePage::exportPngTo(const QString &path) const
{
    return grabCharts().save(path, "PNG");
}

void PerformancePage::exportCsvDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), QStringLiteral("mamori-metrics.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty() && !exportCsvTo(path))
        QMessageBox::warning(this, tr("Export CSV"), tr("Cannot write %1.").arg(path));
}

void PerformancePage::exportPngDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export PNG"), QStringLiteral("mamori-metrics.png"), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !exportPngTo(path))
        QMessageBox::warning(this, tr("Export PNG"), tr("Cannot write %1.").arg(path));
}

} // namespace mamori::ui
