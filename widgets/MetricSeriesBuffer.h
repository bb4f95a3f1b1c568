// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QPointF>

namespace mamori::widgets {

// Samples of one metric over a sliding time window, x = ms since epoch,
// sorted by x. Kept as a QList so that the whole window can be handed to
// QXYSeries::replace() without conversion: Qt 6's QList drops leading
// elements without moving the rest, so trimming the old end is cheap.
class MetricSeriesBuffer
{
public:
    explicit MetricSeriesBuffer(qint64 windowMs = 5 * 60 * 1000) : m_window(windowMs) { }

    qint64 window() const { return m_window; }
    // Shrinking drops the points that fall out; growing cannot bring back
    // points already dropped (the page reloads history with replace()).
    void setWindow(qint64 windowMs);

    // Replaces everything; sorts and keeps only the window ending at the
    // newest point.
    void replace(QList<QPointF> points);
    // A sample older than the newest is put in its place (a reconnect may
    // resend a few); one with the same time overwrites the old value.
    void append(qint64 t, double v);
    void clear() { m_points.clear(); }

    const QList<QPointF> &points() const { return m_points; }
    bool isEmpty() const { return m_points.isEmpty(); }
    qint64 newest() const;

    // Min/max per time bucket of `bucketMs`, so that a 24 h window of 1 s
    // samples draws as a few points per pixel and keeps every spike. The
    // buckets are aligned to the epoch, not to the first point: as the
    // window slides, only its newest bucket changes and the line does not
    // shimmer. The first and last points are always kept.
    static QList<QPointF> decimate(const QList<QPointF> &points, qint64 bucketMs);

    // The runs of points without a gap: a gap is a step in time over five
    // times the usual one (the median) and over `minGapMs`, e.g. while the
    // console or the appliance was not running. A line drawn across it
    // would show values nobody measured.
    static QList<QList<QPointF>> splitAtGaps(const QList<QPointF> &points, qint64 minGapMs = 3000);

private:
    void trim();

    qint64 m_window;
    QList<QPointF> m_points;
};

} // namespace mamori::widgets
