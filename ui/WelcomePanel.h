// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace mamori::ui {

// What a console without any appliance shows instead of empty pages: what
// Mamori needs first and the two ways on (add an appliance, read the guide).
class WelcomePanel : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePanel(QWidget *parent = nullptr);

    QPushButton *addButton() const { return m_add; }
    QPushButton *guideButton() const { return m_guide; }

Q_SIGNALS:
    void addRequested();
    void guideRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_add;
    QPushButton *m_guide;
};

} // namespace mamori::ui
