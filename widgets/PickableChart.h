// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QWidget>

namespace mamori::widgets {

// A chart whose parts (a donut's segments, a trend's bars) open what they
// count: the part under the mouse is lit, a click opens it, and its tooltip
// says what it counts and that a click lists it. The keyboard's way through
// the parts is the chart's own.
class PickableChart : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

protected:
    // The part under a point, or -1.
    virtual int partAt(const QPoint &point) const = 0;
    // "Infected: 3 VMs (25 %)": what a part counts.
    virtual QString describe(int index) const = 0;
    // "Click to list these VMs.": what a click on a part does.
    virtual QString clickHint() const = 0;
    // Opens a part (a click, or Enter on the current part).
    virtual void activate(int index) = 0;

    // The part under the mouse, or -1.
    int hovered() const { return m_hover; }
    // After the parts changed: the one under the mouse is no longer known.
    void forgetHover() { m_hover = -1; }

    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    int m_hover = -1;
};

} // namespace mamori::widgets
