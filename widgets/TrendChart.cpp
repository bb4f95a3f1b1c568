// SPDX-License-Identifier: GPL-2.0-or-later
#include "TrendChart.h"

#include "StatusIcon.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace mamori::widgets {

TrendChart::TrendChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void TrendChart::setBuckets(const QList<Bucket> &buckets, bool daily)
{
    m_buckets = buckets;
    m_daily = daily;
    update();
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
    return m_daily ? QLocale().toString(start.date(), QLocale::ShortFormat)
                   : QLocale().toString(start.time(), QStringLiteral("HH:mm"));
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
    p.setBrush(StatusIcon::colour(protocol::ProtectionStatus::Infected));
    for (int i = 0; i < m_buckets.size(); ++i) {
        if (m_buckets[i].count > 0)
            p.drawRect(barRect(i, top));
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

bool TrendChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int at = bucketAt(help->pos());
        if (at >= 0) {
            const QString when = m_daily
                ? QLocale().toString(m_buckets[at].start.toLocalTime().date(), QLocale::ShortFormat)
                : QLocale().toString(m_buckets[at].start.toLocalTime(), QLocale::ShortFormat);
            QToolTip::showText(help->globalPos(),
                tr("%1: %n detection(s)", nullptr, m_buckets[at].count).arg(when), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace mamori::widgets
