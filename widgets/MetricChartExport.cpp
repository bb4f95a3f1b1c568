// SPDX-License-Identifier: GPL-2.0-or-later
// What an admin takes away from a chart: the shown samples as CSV for a
// spreadsheet or a report, and the chart as drawn as a PNG.
#include "MetricChart.h"

#include <QDateTime>
#include <QIODevice>
#include <QPixmap>

namespace mamori::widgets {

bool MetricChart::exportCsv(QIODevice *device) const
{
    if (!device || !device->isWritable())
        return false;
    // Machine-readable: fixed English header, C-locale numbers, and local
    // time with its UTC offset so the file stays unambiguous elsewhere.
    QByteArray out = "time,value,baseline,percent_of_baseline\n";
    for (const auto &p : std::as_const(m_shown)) {
        auto when = QDateTime::fromMSecsSinceEpoch(qint64(p.x()));
        when = when.toOffsetFromUtc(when.offsetFromUtc());
        out += when.toString(Qt::ISODateWithMs).toUtf8() + ',' + QByteArray::number(p.y(), 'g', 15)
            + ',';
        if (m_baseline)
            out += QByteArray::number(*m_baseline, 'g', 15);
        out += ',';
        if (const auto percent = percentOf(m_metric, p.y(), m_baseline))
            out += QByteArray::number(*percent, 'f', 2);
        out += '\n';
    }
    return device->write(out) == out.size();
}

bool MetricChart::grabPng(const QString &path)
{
    const QPixmap pixmap = grab();
    return !pixmap.isNull() && pixmap.save(path, "PNG");
}

} // namespace mamori::widgets
