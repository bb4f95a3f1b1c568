// SPDX-License-Identifier: GPL-2.0-or-later
#include "Confirm.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>

namespace mamori::ui {

ConfirmFunction defaultConfirm(QWidget *parent)
{
    QPointer<QWidget> owner(parent);
    return [owner](const QString &question) {
        QMessageBox box(QMessageBox::Warning, QCoreApplication::applicationName(), question,
            QMessageBox::Yes | QMessageBox::No, owner);
        box.setTextFormat(Qt::PlainText);
        box.setDefaultButton(QMessageBox::No);
        box.setEscapeButton(QMessageBox::No);
        return box.exec() == QMessageBox::Yes;
    };
}

} // namespace mamori::ui
