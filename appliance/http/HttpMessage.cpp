// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpMessage.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace mamori::appliance {

void addRequestHeader(HttpRequest &request, const char *name, const char *value)
{
    const QByteArray key = QByteArray(name).toLower();
    const QByteArray v(value ? value : "");
    auto it = request.headers.find(key);
    if (it == request.headers.end())
        request.headers.insert(key, v);
    else
        *it += ", " + v;
}

void addRequestQuery(HttpRequest &request, const char *key, const char *value)
{
    request.query.insert(QString::fromUtf8(key), QString::fromUtf8(value ? value : ""));
}

HttpResponse jsonError(mamori::protocol::ErrorCode code, const QString &message)
{
    const QJsonObject error {{QStringLiteral("code"), mamori::protocol::errorCodeName(code)},
        {QStringLiteral("message"), message}};
    HttpResponse r;
    r.status = mamori::protocol::httpStatusFor(code);
    r.body = QJsonDocument(QJsonObject {{QStringLiteral("error"), error}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

} // namespace mamori::appliance
