// SPDX-License-Identifier: GPL-2.0-or-later
#include "StatusChart.h"

#include "StatusIcon.h"

#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionFocusRect>

#include <cmath>

namespace mamori::widgets {

namespace {

constexpr double kHole = 0.58; // the inner radius, as a share of the outer
constexpr int kSpacing = 12;

// Angles in degrees, clockwise from 12 o'clock, of each segment.
struct Arc
{
    double start;
    double span;
};

QList<Arc> arcs(const QList<StatusChart::Segment> &segments, int total)
{
    QList<Arc> out;
    double at = 0;
    for (const StatusChart::Segment &s : segments) {
        const double span = total > 0 ? 360.0 * s.count / total : 0.0;
        out.append({at, span});
        at += span;
    }
    return out;
}

} // namespace

StatusChart::StatusChart(QWidget *parent) : PickableChart(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void StatusChart::setSegments(const QList<Segment> &segments)
{
    m_segments = segments;
    if (m_current >= m_segments.size())
        m_current = int(m_segments.size()) - 1;
    updateGeometry();
    update();
}

void StatusChart::setCurrentSegment(int index)
{
    m_current = (index >= 0 && index < m_segments.size()) ? index : -1;
    update();
}

int StatusChart::total() const
{
    int sum = 0;
    for (const Segment &s : m_segments)
        sum += s.count;
    return sum;
}

QRectF StatusChart::donutRect() const
{
    const int side = std::max(40, std::min(height() - 8, width() / 2 - kSpacing));
    return QRectF(4, (height() - side) / 2.0, side, side);
}

QRect StatusChart::legendRect(int index) const
{
    const int line = fontMetrics().height() + 6;
    const int left = int(donutRect().right()) + kSpacing;
    const int top = (height() - line * int(m_segments.size())) / 2;
    return QRect(left, top + index * line, width() - left - 2, line);
}

QSize StatusChart::sizeHint() const
{
    const int line = fontMetrics().height() + 6;
    const int tall = std::max(140, line * int(m_segments.size()) + 8);
    int wide = 0;
    for (const Segment &s : m_segments)
        wide = std::max(wide, fontMetrics().horizontalAdvance(s.label + QStringLiteral("  00000")));
    return {tall + kSpacing + wide + line + 16, tall};
}

QSize StatusChart::minimumSizeHint() const
{
    return sizeHint();
}

int StatusChart::segmentAt(const QPoint &point) const
{
    for (int i = 0; i < m_segments.size(); ++i) {
        if (legendRect(i).contains(point))
            return i;
    }
    const QRectF donut = donutRect();
    const QPointF d = QPointF(point) - donut.center();
    const double r = std::hypot(d.x(), d.y());
    const double outer = donut.width() / 2;
    if (r > outer || r < outer * kHole || total() == 0)
        return -1;
    // Clockwise from 12 o'clock, as drawn.
    double angle = std::atan2(d.x(), -d.y()) * 180.0 / M_PI;
    if (angle < 0)
        angle += 360;
    const QList<Arc> all = arcs(m_segments, total());
    for (int i = 0; i < all.size(); ++i) {
        if (all[i].span > 0 && angle >= all[i].start && angle < all[i].start + all[i].span)
            return i;
    }
    return -1;
}

QString StatusChart::describe(int index) const
{
    const Segment &s = m_segments[index];
    const int sum = total();
    return tr("%1: %n VM(s) (%2 of all)", nullptr, s.count)
        .arg(s.label,
            QLocale().toString(sum > 0 ? 100.0 * s.count / sum : 0.0, 'f', 0)
                + QLocale().percent());
}

void StatusChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF donut = donutRect();
    const int sum = total();
    const QList<Arc> all = arcs(m_segments, sum);
    if (sum == 0) {
        p.setPen(Qt::NoPen);
        p.setBrush(palette().color(QPalette::Mid));
        QPainterPath ring;
        ring.addEllipse(donut);
        const double inset = donut.width() * (1 - kHole) / 2;
        ring.addEllipse(donut.adjusted(inset, inset, -inset, -inset));
        p.drawPath(ring);
    }
    for (int i = 0; i < all.size(); ++i) {
        if (all[i].span <= 0)
            continue;
        const bool lifted = i == hovered() || (hasFocus() && i == m_current);
        const QRectF outer = lifted ? donut : donut.adjusted(3, 3, -3, -3);
        const double inset = donut.width() * (1 - kHole) / 2;
        const QRectF inner = donut.adjusted(inset, inset, -inset, -inset);
        // Qt's angles: counter-clockwise from 3 o'clock, in degrees.
        const double start = 90.0 - all[i].start;
        QPainterPath path;
        path.arcMoveTo(outer, start);
        path.arcTo(outer, start, -all[i].span);
        path.arcTo(inner, start - all[i].span, all[i].span);
        path.closeSubpath();
        p.setPen(QPen(palette().color(QPalette::Base), 1.5));
        p.setBrush(StatusIcon::colour(m_segments[i].status));
        p.drawPath(path);
    }
    // The total in the hole.
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    p.setFont(big);
    p.setPen(palette().color(QPalette::WindowText));
    const QRectF hole = donut.adjusted(
        donut.width() * 0.2, donut.height() * 0.2, -donut.width() * 0.2, -donut.height() * 0.2);
    p.drawText(
        hole.adjusted(0, 0, 0, -hole.height() / 4), Qt::AlignCenter, QLocale().toString(sum));
    p.setFont(font());
    p.drawText(
        hole.adjusted(0, hole.height() / 2, 0, 0), Qt::AlignHCenter | Qt::AlignTop, tr("VMs"));

    // The legend: icon (a shape per status, never colour alone), word, count.
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize);
    for (int i = 0; i < m_segments.size(); ++i) {
        const QRect line = legendRect(i);
        const Segment &s = m_segments[i];
        if (i == hovered() || (hasFocus() && i == m_current)) {
            p.setPen(Qt::NoPen);
            p.setBrush(palette().color(QPalette::Highlight).lighter(170));
            p.drawRoundedRect(line, 3, 3);
        }
        p.drawPixmap(line.left() + 2, line.center().y() - icon / 2,
            StatusIcon::icon(s.status).pixmap(icon, icon));
        const QRect text = line.adjusted(icon + 8, 0, -4, 0);
        p.setPen(palette().color(s.count > 0 ? QPalette::WindowText : QPalette::PlaceholderText));
        p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, s.label);
        QFont bold = font();
        bold.setBold(s.count > 0);
        p.setFont(bold);
        p.drawText(text, Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(s.count));
        p.setFont(font());
        if (hasFocus() && i == m_current) {
            QStyleOptionFocusRect option;
            option.initFrom(this);
            option.rect = line;
            style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &p, this);
        }
    }
}

void StatusChart::activate(int index)
{
    setCurrentSegment(index);
    Q_EMIT segmentActivated(m_segments[index].status);
}

QString StatusChart::clickHint() const
{
    return tr("Click to list these VMs.");
}

void StatusChart::step(int by)
{
    if (m_segments.isEmpty())
        return;
    const int n = int(m_segments.size());
    setCurrentSegment(m_current < 0 ? (by > 0 ? 0 : n - 1) : (m_current + by + n) % n);
    setAccessibleDescription(describe(m_current));
}

void StatusChart::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Down:
    case Qt::Key_Right:
        step(1);
        return;
    case Qt::Key_Up:
    case Qt::Key_Left:
        step(-1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0)
            Q_EMIT segmentActivated(m_segments[m_current].status);
        return;
    default:
        PickableChart::keyPressEvent(event);
    }
}

bool StatusChart::event(QEvent *event)
{
    if (event->type() == QEvent::FocusIn && m_current < 0 && !m_segments.isEmpty())
        m_current = 0;
    return PickableChart::event(event);
}

} // namespace mamori::widgets
