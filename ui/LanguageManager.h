// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QLocale>
#include <QObject>
#include <QTranslator>

namespace mamori::ui {

// Installs the console's and Qt's own translations and switches them at run
// time; widgets retranslate on QEvent::LanguageChange.
class LanguageManager : public QObject
{
    Q_OBJECT

public:
    explicit LanguageManager(QObject *parent = nullptr);

    // "ja", "en", or empty for the system locale.
    bool setLanguage(const QString &language);
    QString language() const { return m_language; }
    QLocale locale() const { return m_locale; }
    // The font family the whole interface uses in Japanese: the first
    // installed of the CJK families that draw Latin letters and digits too
    // (Noto Sans CJK JP first); empty when none is.
    static QString japaneseFamily();

Q_SIGNALS:
    void languageChanged(const QString &language);

private:
    void applyFont(bool japanese);

    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    QString m_language;
    QLocale m_locale;
    QString m_defaultFamily; // the application font's family before Japanese
};

} // namespace mamori::ui
