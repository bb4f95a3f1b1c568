// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/JsonPage.h"

#include <QJsonDocument>

namespace mamori::appliance {

bool JsonPage::add(const QJsonObject &item)
{
    if (m_more)
        return false;
    const QByteArray json = QJsonDocument(item).toJson(QJsonDocument::Compact);
    if (m_count >= m_limit || (m_count > 0 && m_items.size() + 1 + json.size() > m_budget)) {
        m_more = true;
        return false;
    }
    if (m_count > 0)
        m_items += ',';
    m_items += json;
    ++m_count;
    return true;
}

QByteArray JsonPage::body(const char *name, QJsonObject extra) const
{
    extra.insert(QStringLiteral("more"), m_more);
    QByteArray b = QJsonDocument(extra).toJson(QJsonDocument::Compact);
    b.chop(1); // the closing brace: the array goes last
    if (b.size() > 1)
        b += ',';
    b += '"' + QByteArray(name) + "\":[" + m_items + "]}";
    return b;
}

} // namespace mamori::appliance
