// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QWidget>

class QTextBrowser;

namespace mamori::ui {

// The administrator's guide (docs/admin-guide*.md, built into the program so
// that it reads offline and always matches this version) in the language of
// the console; a language switch turns the page.
class HelpWindow : public QWidget
{
    Q_OBJECT

public:
    explicit HelpWindow(QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    // The guide in the console's language: qrc:/help/admin-guide(.ja).md
    static QUrl guideUrl();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QTextBrowser *m_browser;
};

} // namespace mamori::ui
