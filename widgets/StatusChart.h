// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "PickableChart.h"
#include "protocol/ProtectionStatus.h"

#include <QList>

namespace mamori::widgets {

// VMs by protection status as a donut, each status a segment in its colour
// (StatusIcon::colour, the one place colours are defined) with its count and
// word in a legend beside it. A segment opens the list it counts: click it,
// or focus the chart, choose a segment with the arrow keys and press Enter.
class StatusChart : public PickableChart
{
    Q_OBJECT

public:
    struct Segment
    {
        protocol::ProtectionStatus status;
        QString label; // the status in the admin's language
        int count = 0;
    };

    explicit StatusChart(QWidget *parent = nullptr);

    void setSegments(const QList<Segment> &segments);
    QList<Segment> segments() const { return m_segments; }
    // The segment the keyboard is on (-1: none), among those with a count.
    int currentSegment() const { return m_current; }
    void setCurrentSegment(int index);
    // The segment (index into segments()) under a point of the widget, or -1.
    int segmentAt(const QPoint &point) const;
    // Where a segment's legend line is, for tests and for a mouse click.
    QRect legendRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void segmentActivated(protocol::ProtectionStatus status);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    int partAt(const QPoint &point) const override { return segmentAt(point); }
    QString describe(int index) const override;
    QString clickHint() const override;
    void activate(int index) override;

private:
    QRectF donutRect() const;
    int total() const;
    void step(int by);

    QList<Segment> m_segments;
    int m_current = -1;
};

} // namespace mamori::widgets
