// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpMessage.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace mamori::appliance {

HttpResponse jsonError(
    mamori::protocol::ErrorCode code, const QString &message, const QString &reason)
{
    QJsonObject error {{QStringLiteral("code"), mamori::protocol::errorCodeName(code)},
        {QStringLiteral("message"), message}};
    if (!reason.isEmpty())
        error.insert(QStringLiteral("reason"), reason);
    HttpResponse r;
    r.status = mamori::protocol::httpStatusFor(code);
    r.body = QJsonDocument(QJsonObject {{QStringLiteral("error"), error}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

} // namespace mamori::appliance
