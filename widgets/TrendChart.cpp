// SPDX-License-Identifier: GPL-2.0-or-later
#include "TrendChart.h"

#include "StatusIcon.h"
#include "app/models/StatusText.h"

#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionFocusRect>

#include <algorithm>
#include <cmath>

namespace mamori::widgets {

using console::StatusText;

TrendChart::TrendChart(QWidget *parent) : PickableChart(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
}

void TrendChart::setBuckets(const QList<Bucket> &buckets, bool daily)
{
    m_buckets = buckets;
    m_daily = daily;
    if (m_current >= m_buckets.size())
        m_current = int(m_buckets.size()) - 1;
    if (hovered() >= m_buckets.size())
        forgetHover();
    update();
}

void TrendChart::setCurrentBucket(int index)
{
    m_current = (index >= 0 && index < m_buckets.size()) ? index : -1;
    if (m_current >= 0)
        setAccessibleDescription(describe(m_current));
    update();
}

QDateTime TrendChart::bucketEnd(int index) const
{
    const QDateTime start = m_buckets[index].start;
    return m_daily ? start.addDays(1) : start.addSecs(3600);
}

QRect TrendChart::bucketRect(int index) const
{
    const QRectF plot = plotRect();
    const double slot = plot.width() / std::max<qsizetype>(1, m_buckets.size());
    return QRectF(plot.left() + slot * index, plot.top(), slot, plot.height()).toRect();
}

QSize TrendChart::sizeHint() const
{
    return {320, 150};
}

QSize TrendChart::minimumSizeHint() const
{
    return {200, fontMetrics().height() * 2 + 80};
}

int TrendChart::maximum() const
{
    int top = 0;
    for (const Bucket &b : m_buckets)
        top = std::max(top, b.count);
    return std::max(top, 1);
}

QRectF TrendChart::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const double left = fm.horizontalAdvance(QLocale().toString(maximum())) + 8;
    return QRectF(left, fm.height() / 2.0, width() - left - 4, height() - fm.height() * 2 - 4);
}

QRectF TrendChart::barRect(int index, int top) const
{
    const QRectF plot = plotRect();
    const double slot = plot.width() / std::max<qsizetype>(1, m_buckets.size());
    const double h = plot.height() * m_buckets[index].count / top;
    return QRectF(plot.left() + slot * index + slot * 0.12, plot.bottom() - h, slot * 0.76, h);
}

int TrendChart::bucketAt(const QPoint &point) const
{
    const QRectF plot = plotRect();
    if (m_buckets.isEmpty() || point.x() < plot.left() || point.x() >= plot.right())
        return -1;
    const double slot = plot.width() / m_buckets.size();
    return std::min(int((point.x() - plot.left()) / slot), int(m_buckets.size()) - 1);
}

QString TrendChart::bucketLabel(int index) const
{
    const QDateTime start = m_buckets[index].start.toLocalTime();
    return m_daily ? StatusText::date(start.date()) : StatusText::timeOfDay(start.time());
}

void TrendChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = plotRect();
    const int top = maximum();
    const QColor text = palette().color(QPalette::WindowText);
    const QColor grid = palette().color(QPalette::Mid);
    p.setPen(QPen(grid, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.setPen(QPen(grid, 1, Qt::DotLine));
    p.drawLine(plot.topLeft(), plot.topRight());
    p.setPen(text);
    const QFontMetrics fm = fontMetrics();
    p.drawText(QRectF(0, plot.top() - fm.height() / 2.0, plot.left() - 4, fm.height()),
        Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(top));
    p.drawText(QRectF(0, plot.bottom() - fm.height() / 2.0, plot.left() - 4, fm.height()),
        Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(0));
    p.setPen(Qt::NoPen);
    // The bar under the mouse or the keyboard, its whole column lit.
    for (int i : {hovered(), hasFocus() ? m_current : -1}) {
        if (i >= 0) {
            p.setBrush(palette().color(QPalette::Highlight).lighter(170));
            p.drawRect(bucketRect(i));
        }
    }
    p.setBrush(StatusIcon::colour(protocol::ProtectionStatus::Infected));
    for (int i = 0; i < m_buckets.size(); ++i) {
        if (m_buckets[i].count > 0)
            p.drawRect(barRect(i, top));
    }
    if (hasFocus() && m_current >= 0) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = bucketRect(m_current);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &p, this);
    }
    // A few times under the axis, never overlapping.
    if (m_buckets.isEmpty())
        return;
    p.setPen(text);
    const double slot = plot.width() / m_buckets.size();
    const int labelWidth = fm.horizontalAdvance(bucketLabel(0)) + 12;
    const int every = std::max(1, int(std::ceil(labelWidth / slot)));
    double taken = plot.left() - labelWidth; // right end of the last label drawn
    for (int i = 0; i < m_buckets.size(); i += every) {
        // Centred under its bar, never out of the plot, never on another.
        const double left = std::clamp(plot.left() + slot * (i + 0.5) - labelWidth / 2.0,
            plot.left(), plot.right() - labelWidth);
        if (left < taken)
            continue;
        p.drawText(QRectF(left, plot.bottom() + 2, labelWidth, fm.height()),
            Qt::AlignHCenter | Qt::AlignTop, bucketLabel(i));
        taken = left + labelWidth;
    }
}

QString TrendChart::describe(int index) const
{
    const QDateTime start = m_buckets[index].start;
    const QString when =
        m_daily ? StatusText::date(start.toLocalTime().date()) : StatusText::time(start);
    return tr("%1: %n detection(s)", nullptr, m_buckets[index].count).arg(when);
}

void TrendChart::activate(int index)
{
    setCurrentBucket(index);
    Q_EMIT bucketActivated(m_buckets[index].start, bucketEnd(index));
}

QString TrendChart::clickHint() const
{
    return tr("Click to list these incidents.");
}

void TrendChart::step(int by)
{
    if (m_buckets.isEmpty())
        return;
    const int n = int(m_buckets.size());
    setCurrentBucket(m_current < 0 ? (by > 0 ? 0 : n - 1) : std::clamp(m_current + by, 0, n - 1));
}

void TrendChart::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
        step(1);
        return;
    case Qt::Key_Left:
        step(-1);
        return;
    case Qt::Key_Home:
        setCurrentBucket(0);
        return;
    case Qt::Key_End:
        setCurrentBucket(int(m_buckets.size()) - 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0)
            activate(m_current);
        return;
    default:
        PickableChart::keyPressEvent(event);
    }
}

bool TrendChart::event(QEvent *event)
{
    // The keyboard starts on the latest bar: the one most often wanted.
    if (event->type() == QEvent::FocusIn && m_current < 0 && !m_buckets.isEmpty())
        setCurrentBucket(int(m_buckets.size()) - 1);
    return PickableChart::event(event);
}

} // namespace mamori::widgets
