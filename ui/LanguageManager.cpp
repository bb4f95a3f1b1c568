// SPDX-License-Identifier: GPL-2.0-or-later
#include "LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace mamori::ui {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) { }

bool LanguageManager::setLanguage(const QString &language)
{
    QString lang = language;
    if (lang.isEmpty())
        lang = QLocale::system().language() == QLocale::Japanese ? QStringLiteral("ja")
                                                                 : QStringLiteral("en");
    QCoreApplication::removeTranslator(&m_appTranslator);
    QCoreApplication::removeTranslator(&m_qtTranslator);

    const bool loaded = m_appTranslator.load(QStringLiteral(":/i18n/mamori_%1.qm").arg(lang));
    if (loaded)
        QCoreApplication::installTranslator(&m_appTranslator);
    if (m_qtTranslator.load(QStringLiteral("qtbase_%1").arg(lang),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qtTranslator);

    m_language = lang;
    m_locale = QLocale(lang == QLatin1String("ja") ? QLocale::Japanese : QLocale::English,
        lang == QLatin1String("ja") ? QLocale::Japan : QLocale::UnitedStates);
    QLocale::setDefault(m_locale);
    Q_EMIT languageChanged(language);
    return loaded;
}

} // namespace mamori::ui
