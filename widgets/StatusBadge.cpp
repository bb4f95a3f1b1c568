// SPDX-License-Identifier: GPL-2.0-or-later
#include "StatusBadge.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

namespace mamori::widgets {

using protocol::ProtectionStatus;

StatusBadge::StatusBadge(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void StatusBadge::setStatus(ProtectionStatus status)
{
    if (m_status == status)
        return;
    m_status = status;
    setAccessibleName(text());
    updateGeometry();
    update();
}

QString StatusBadge::text() const
{
    return statusText(m_status);
}

QString StatusBadge::statusText(ProtectionStatus status)
{
    switch (status) {
    case ProtectionStatus::Protected:
        return tr("Protected");
    case ProtectionStatus::Scanning:
        return tr("Scanning");
    case ProtectionStatus::AtRisk:
        return tr("At risk");
    case ProtectionStatus::Infected:
        return tr("Infected");
    case ProtectionStatus::Unprotected:
        return tr("Unprotected");
    case ProtectionStatus::Unknown:
        return tr("Unknown (unreachable)");
    }
    return {};
}

QColor StatusBadge::statusColor(ProtectionStatus status)
{
    switch (status) {
    case ProtectionStatus::Protected:
        return QColor(0x2e, 0x7d, 0x32);
    case ProtectionStatus::Scanning:
        return QColor(0x15, 0x65, 0xc0);
    case ProtectionStatus::AtRisk:
        return QColor(0xef, 0x8f, 0x00);
    case ProtectionStatus::Infected:
        return QColor(0xc6, 0x28, 0x28);
    case ProtectionStatus::Unprotected:
        return QColor(0x6a, 0x1b, 0x9a);
    case ProtectionStatus::Unknown:
        return QColor(0x75, 0x75, 0x75);
    }
    return {};
}

QSize StatusBadge::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.height() + 6 + fm.horizontalAdvance(text()) + 4, fm.height() + 4};
}

void StatusBadge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int d = fontMetrics().height() - 2;
    const QRectF mark(2, (height() - d) / 2.0, d, d);
    p.setPen(Qt::NoPen);
    p.setBrush(statusColor(m_status));
    // A shape per status, so that the mark differs even without colour.
    switch (m_status) {
    case ProtectionStatus::Protected:
        p.drawEllipse(mark);
        break;
    case ProtectionStatus::Infected:
    case ProtectionStatus::AtRisk: {
        QPainterPath tri;
        tri.moveTo(mark.center().x(), mark.top());
        tri.lineTo(mark.bottomRight());
        tri.lineTo(mark.bottomLeft());
        tri.closeSubpath();
        p.drawPath(tri);
        break;
    }
    default:
        p.drawRect(mark.adjusted(1, 1, -1, -1));
        break;
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(rect().adjusted(d + 8, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text());
}

void StatusBadge::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) {
        setAccessibleName(text());
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

} // namespace mamori::widgets
