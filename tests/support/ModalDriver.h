// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QApplication>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace mamori::test {

// Answers the console's modal dialogs (which run their own event loop in
// exec()) as an admin would: each time a dialog with a known object name
// becomes the active modal widget, its handler runs once. Handlers run from
// a timer, inside that dialog's event loop.
class ModalDriver
{
public:
    using Handler = std::function<void(QWidget *dialog)>;

    ModalDriver()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { poll(); });
        m_timer.start();
    }

    void on(const QString &objectName, Handler handler) { m_handlers[objectName] = handler; }

private:
    void poll()
    {
        QWidget *modal = QApplication::activeModalWidget();
        // Dialogs on the stack may share an address with one answered
        // before: a dialog counts as new once another (or none) was active.
        if (modal != m_answered)
            m_answered = nullptr;
        if (!modal || modal == m_answered || m_busy)
            return;
        const auto it = m_handlers.constFind(modal->objectName());
        if (it == m_handlers.constEnd())
            return;
        m_answered = modal;
        m_busy = true;
        (*it)(modal);
        m_busy = false;
    }

    QTimer m_timer;
    QHash<QString, Handler> m_handlers;
    QPointer<QWidget> m_answered;
    bool m_busy = false;
};

} // namespace mamori::test
