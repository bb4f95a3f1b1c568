// SPDX-License-Identifier: GPL-2.0-or-later
#include "SparklineDelegate.h"

#include "StatusIcon.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace mamori::widgets {

void SparklineDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem text = option;
    initStyleOption(&text, index);
    const QList<double> points = index.data(PointsRole).value<QList<double>>();
    const QVariant baseline = index.data(BaselineRole);
    const QRect line(
        option.rect.left() + 4, option.rect.top() + 3, kLineWidth, option.rect.height() - 6);
    text.rect.setLeft(line.right() + 8);
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    // Background and selection over the whole cell, the text beside the line.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);
    style->drawControl(QStyle::CE_ItemViewItem, &text, painter, option.widget);
    if (points.size() < 2)
        return;
    double low = points.first(), high = points.first();
    for (double v : points) {
        low = std::min(low, v);
        high = std::max(high, v);
    }
    if (baseline.isValid()) {
        low = std::min(low, baseline.toDouble());
        high = std::max(high, baseline.toDouble());
    }
    low = std::min(low, 0.0);
    const double range = high - low > 0 ? high - low : 1.0;
    const auto y = [&](double v) { return line.bottom() - (v - low) / range * line.height(); };
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor ink = (option.state & QStyle::State_Selected)
        ? option.palette.color(QPalette::HighlightedText)
        : StatusIcon::colour(protocol::ProtectionStatus::Scanning);
    if (baseline.isValid()) {
        painter->setPen(QPen(option.palette.color(QPalette::Mid), 1, Qt::DashLine));
        painter->drawLine(QPointF(line.left(), y(baseline.toDouble())),
            QPointF(line.right(), y(baseline.toDouble())));
    }
    QPainterPath path;
    for (int i = 0; i < points.size(); ++i) {
        const QPointF at(
            line.left() + double(i) * line.width() / (points.size() - 1), y(points[i]));
        i == 0 ? path.moveTo(at) : path.lineTo(at);
    }
    painter->setPen(QPen(ink, 1.5));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += kLineWidth + 12;
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 12));
    return size;
}

} // namespace mamori::widgets
