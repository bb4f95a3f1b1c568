// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "PickableChart.h"

#include <QDateTime>
#include <QList>

namespace mamori::widgets {

// Counts over time as bars (detections per hour of the last 24 h, or per
// day of the last 7 days), in the colour of an infection (StatusIcon).
// Each bar says its time and count on hover; the axis names a few times.
// A bar opens the incidents it counts: click it, or focus the chart, choose
// a bar with the arrow keys and press Enter (as StatusChart's segments).
class TrendChart : public PickableChart
{
    Q_OBJECT

public:
    struct Bucket
    {
        QDateTime start;
        int count = 0;
    };

    explicit TrendChart(QWidget *parent = nullptr);

    // `daily`: bars are days (the axis shows dates), else hours.
    void setBuckets(const QList<Bucket> &buckets, bool daily);
    QList<Bucket> buckets() const { return m_buckets; }
    // The bar under a point, or -1.
    int bucketAt(const QPoint &point) const;
    // Where a bar's column is (tests, a mouse click).
    QRect bucketRect(int index) const;
    // The end of a bar's span: the next hour or day.
    QDateTime bucketEnd(int index) const;
    // The bar the keyboard is on (-1: none).
    int currentBucket() const { return m_current; }
    void setCurrentBucket(int index);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // The bar's span, [from, to).
    void bucketActivated(const QDateTime &from, const QDateTime &to);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    int partAt(const QPoint &point) const override { return bucketAt(point); }
    QString describe(int index) const override;
    QString clickHint() const override;
    void activate(int index) override;

private:
    QRectF plotRect() const;
    QRectF barRect(int index, int maximum) const;
    QString bucketLabel(int index) const;
    int maximum() const;
    void step(int by);

    QList<Bucket> m_buckets;
    bool m_daily = false;
    int m_current = -1;
};

} // namespace mamori::widgets
