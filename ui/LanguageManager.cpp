// SPDX-License-Identifier: GPL-2.0-or-later
#include "LanguageManager.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QLibraryInfo>

namespace mamori::ui {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) { }

QString LanguageManager::japaneseFamily()
{
    const QStringList installed = QFontDatabase::families(QFontDatabase::Japanese);
    for (const char *family : {"Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP",
             "IPAexGothic", "IPAPGothic", "TakaoPGothic", "VL PGothic"}) {
        if (installed.contains(QLatin1String(family)))
            return QLatin1String(family);
    }
    return {};
}

// One font for a whole line: with a Latin default font, Japanese text takes
// its glyphs from a CJK fallback while digits and Latin letters stay in the
// default font, so "ベースライン比 81%" changes font after the kana. In
// Japanese the whole interface uses one CJK family, which has both.
void LanguageManager::applyFont(bool japanese)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return;
    QFont font = QApplication::font();
    if (m_defaultFamily.isEmpty())
        m_defaultFamily = font.family();
    const QString family = japanese ? japaneseFamily() : QString();
    const QString wanted = family.isEmpty() ? m_defaultFamily : family;
    if (font.family() == wanted)
        return;
    font.setFamilies({wanted});
    QApplication::setFont(font);
}

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
    applyFont(lang == QLatin1String("ja"));
    Q_EMIT languageChanged(language);
    return loaded;
}

} // namespace mamori::ui
