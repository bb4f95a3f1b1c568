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

Q_SIGNALS:
    void languageChanged(const QString &language);

private:
    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    QString m_language;
    QLocale m_locale;
};

} // namespace mamori::ui
