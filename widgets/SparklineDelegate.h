// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace mamori::widgets {

// A table cell that shows a metric's recent values as a small line against
// its baseline (a dashed line) beside the cell's text ("94% of baseline").
// The values come from PointsRole (QList<double>, oldest first), the
// baseline from BaselineRole (double; absent: none).
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum Role { PointsRole = Qt::UserRole + 40, BaselineRole };
    static constexpr int kLineWidth = 90;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace mamori::widgets
