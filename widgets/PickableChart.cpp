// SPDX-License-Identifier: GPL-2.0-or-later
#include "PickableChart.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

namespace mamori::widgets {

void PickableChart::mouseMoveEvent(QMouseEvent *event)
{
    const int at = partAt(event->position().toPoint());
    if (at != m_hover) {
        m_hover = at;
        setCursor(at >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void PickableChart::leaveEvent(QEvent *event)
{
    m_hover = -1;
    update();
    QWidget::leaveEvent(event);
}

void PickableChart::mouseReleaseEvent(QMouseEvent *event)
{
    const int at = partAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && at >= 0) {
        activate(at);
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

bool PickableChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int at = partAt(help->pos());
        if (at >= 0)
            QToolTip::showText(help->globalPos(), describe(at) + u'\n' + clickHint(), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace mamori::widgets
