// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/ProtectionStatus.h"

#include <QColor>
#include <QWidget>

namespace mamori::widgets {

// A protection status shown as a shape, a colour and a word: never colour
// alone, so that it reads the same for colour-blind admins and in print.
class StatusBadge : public QWidget
{
    Q_OBJECT

public:
    explicit StatusBadge(QWidget *parent = nullptr);

    void setStatus(protocol::ProtectionStatus status);
    protocol::ProtectionStatus status() const { return m_status; }
    QString text() const;

    static QString statusText(protocol::ProtectionStatus status);
    static QColor statusColor(protocol::ProtectionStatus status);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    protocol::ProtectionStatus m_status = protocol::ProtectionStatus::Unknown;
};

} // namespace mamori::widgets
