// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricSeriesBuffer.h"

#include <algorithm>
#include <cmath>

namespace mamori::widgets {

namespace {

bool earlier(const QPointF &a, const QPointF &b)
{
    return a.x() < b.x();
}

} // namespace

void MetricSeriesBuffer::setWindow(qint64 windowMs)
{
    m_window = std::max<qint64>(windowMs, 1);
    trim();
}

void MetricSeriesBuffer::replace(QList<QPointF> points)
{
    std::stable_sort(points.begin(), points.end(), earlier);
    m_points = std::move(points);
    trim();
}

void MetricSeriesBuffer::append(qint64 t, double v)
{
    const QPointF p(double(t), v);
    if (m_points.isEmpty() || t > newest()) {
        m_points.append(p);
        trim();
        return;
    }
    if (t < newest() - m_window)
        return;
    auto it = std::lower_bound(m_points.begin(), m_points.end(), p, earlier);
    if (it != m_points.end() && qint64(it->x()) == t)
        it->setY(v);
    else
        m_points.insert(it, p);
}

qint64 MetricSeriesBuffer::newest() const
{
    return m_points.isEmpty() ? 0 : qint64(m_points.constLast().x());
}

void MetricSeriesBuffer::trim()
{
    if (m_points.isEmpty())
        return;
    const double oldest = double(newest() - m_window);
    const auto keep =
        std::lower_bound(m_points.cbegin(), m_points.cend(), QPointF(oldest, 0), earlier);
    const qsizetype drop = keep - m_points.cbegin();
    if (drop > 0)
        m_points.remove(0, drop);
}

QList<QPointF> MetricSeriesBuffer::decimate(const QList<QPointF> &points, qint64 bucketMs)
{
    if (points.size() <= 2 || bucketMs <= 1)
        return points;
    const auto bucketOf = [bucketMs](const QPointF &p) {
        return qint64(std::floor(p.x() / double(bucketMs)));
    };
    QList<QPointF> out;
    out.reserve(std::min<qsizetype>(points.size(),
        2 * qsizetype((points.constLast().x() - points.constFirst().x()) / double(bucketMs)) + 4));
    out.append(points.constFirst());
    qsizetype i = 1;
    while (i < points.size() - 1) {
        const qint64 bucket = bucketOf(points[i]);
        qsizetype lo = i;
        qsizetype hi = i;
        qsizetype j = i + 1;
        for (; j < points.size() - 1 && bucketOf(points[j]) == bucket; ++j) {
            if (points[j].y() < points[lo].y())
                lo = j;
            if (points[j].y() > points[hi].y())
                hi = j;
        }
        // Time order inside the bucket, so the line does not double back.
        out.append(points[std::min(lo, hi)]);
        if (lo != hi)
            out.append(points[std::max(lo, hi)]);
        i = j;
    }
    out.append(points.constLast());
    return out;
}

QList<QList<QPointF>> MetricSeriesBuffer::splitAtGaps(const QList<QPointF> &points, qint64 minGapMs)
{
    if (points.size() < 3)
        return {points};
    QList<double> steps;
    steps.reserve(points.size() - 1);
    for (qsizetype i = 1; i < points.size(); ++i)
        steps.append(points[i].x() - points[i - 1].x());
    auto middle = steps.begin() + steps.size() / 2;
    std::nth_element(steps.begin(), middle, steps.end());
    const double gap = std::max(5 * *middle, double(minGapMs));
    QList<QList<QPointF>> runs;
    qsizetype from = 0;
    for (qsizetype i = 1; i < points.size(); ++i) {
        if (points[i].x() - points[i - 1].x() > gap) {
            runs.append(points.mid(from, i - from));
            from = i;
        }
    }
    runs.append(points.mid(from));
    return runs;
}

} // namespace mamori::widgets
