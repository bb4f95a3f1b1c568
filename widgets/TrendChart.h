// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

namespace mamori::widgets {

// Counts over time as bars (detections per hour of the last 24 h, or per
// day of the last 7 days), in the colour of an infection (StatusIcon).
// Each bar says its time and count on hover; the axis names a few times.
class TrendChart : public QWidget
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

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotRect() const;
    QRectF barRect(int index, int maximum) const;
    QString bucketLabel(int index) const;
    int maximum() const;

    QList<Bucket> m_buckets;
    bool m_daily = false;
};

} // namespace mamori::widgets
