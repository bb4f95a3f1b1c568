// SPDX-License-Identifier: GPL-2.0-or-later
#include "StatusIcon.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QPolygonF>

#include <cmath>

namespace mamori::widgets {

using protocol::ProtectionStatus;

namespace {

// Drawn in a 16 × 16 box, scaled to the pixmap's size.
void drawStatus(QPainter &p, protocol::ProtectionStatus status)
{
    const QColor white(Qt::white);
    auto mark = [&](const QColor &colour) {
        p.setPen(QPen(colour, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
    };
    switch (status) {
    case protocol::ProtectionStatus::Protected: // a disc with a check mark
        p.setPen(Qt::NoPen);
        p.setBrush(StatusIcon::colour(status));
        p.drawEllipse(QPointF(8, 8), 7, 7);
        mark(white);
        p.drawPolyline(QPolygonF({{4.5, 8.5}, {7, 11}, {11.5, 5.5}}));
        break;
    case protocol::ProtectionStatus::Scanning: // a diamond with a lens
        p.setPen(Qt::NoPen);
        p.setBrush(StatusIcon::colour(status));
        p.drawPolygon(QPolygonF({{8, 0.5}, {15.5, 8}, {8, 15.5}, {0.5, 8}}));
        mark(white);
        p.drawEllipse(QPointF(7.3, 7.3), 2.3, 2.3);
        p.drawLine(QPointF(9, 9), QPointF(10.8, 10.8));
        break;
    case protocol::ProtectionStatus::AtRisk: // a warning triangle with "!"
        p.setPen(Qt::NoPen);
        p.setBrush(StatusIcon::colour(status));
        p.drawPolygon(QPolygonF({{8, 0.8}, {15.5, 14.8}, {0.5, 14.8}}));
        mark(QColor(0x21, 0x21, 0x21));
        p.drawLine(QPointF(8, 5.5), QPointF(8, 9.5));
        p.drawPoint(QPointF(8, 12.4));
        break;
    case protocol::ProtectionStatus::Infected: { // a stop sign with a cross
        QPolygonF octagon;
        for (int i = 0; i < 8; ++i) {
            const double a = (22.5 + 45.0 * i) * M_PI / 180.0;
            octagon << QPointF(8 + 7.6 * std::cos(a), 8 + 7.6 * std::sin(a));
        }
        p.setPen(Qt::NoPen);
        p.setBrush(StatusIcon::colour(status));
        p.drawPolygon(octagon);
        mark(white);
        p.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5));
        p.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5));
        break;
    }
    case protocol::ProtectionStatus::Unprotected: // a ring with a slash: "no protection"
        p.setPen(QPen(StatusIcon::colour(status), 2.2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(8, 8), 6.4, 6.4);
        p.drawLine(QPointF(3.6, 12.4), QPointF(12.4, 3.6));
        break;
    case protocol::ProtectionStatus::Unknown: // a square with a dash: "no data"
        p.setPen(Qt::NoPen);
        p.setBrush(StatusIcon::colour(status));
        p.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 2.5, 2.5);
        mark(white);
        p.drawLine(QPointF(5, 8), QPointF(11, 8));
        break;
    }
}

} // namespace

QColor StatusIcon::colour(ProtectionStatus status)
{
    switch (status) {
    case ProtectionStatus::Protected:
        return QColor(0x2e, 0x7d, 0x32);
    case ProtectionStatus::Scanning:
        return QColor(0x15, 0x65, 0xc0);
    case ProtectionStatus::AtRisk:
        return QColor(0xf9, 0xa8, 0x25);
    case ProtectionStatus::Infected:
        return QColor(0xc6, 0x28, 0x28);
    case ProtectionStatus::Unprotected:
        return QColor(0xe6, 0x51, 0x00);
    case ProtectionStatus::Unknown:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

QIcon StatusIcon::icon(ProtectionStatus status)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 16.0, size / 16.0);
        drawStatus(painter, status);
        painter.end();
        icon.addPixmap(QPixmap::fromImage(image));
    }
    return icon;
}

QList<QIcon> StatusIcon::all()
{
    QList<QIcon> icons;
    for (int s = 0; s <= int(ProtectionStatus::Infected); ++s)
        icons.append(icon(ProtectionStatus(s)));
    return icons;
}

} // namespace mamori::widgets
