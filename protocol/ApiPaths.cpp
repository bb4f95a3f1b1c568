// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ApiPaths.h"

#include <QUrl>

namespace mamori::protocol::path {

QString make(const char *pattern, const QString &id, const Query &query)
{
    QString path = QLatin1String(pattern);
    path.replace(QLatin1String("{id}"), QString::fromLatin1(QUrl::toPercentEncoding(id)));
    for (qsizetype i = 0; i < query.size(); ++i) {
        path += QLatin1Char(i == 0 ? '?' : '&');
        path += QString::fromLatin1(QUrl::toPercentEncoding(query[i].first)) + QLatin1Char('=')
            + QString::fromLatin1(QUrl::toPercentEncoding(query[i].second));
    }
    return path;
}

} // namespace mamori::protocol::path
