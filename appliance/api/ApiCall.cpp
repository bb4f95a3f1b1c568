// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/api/ApiCall.h"

#include <QJsonDocument>

namespace mamori::appliance {

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

void ApiCall::ok(const QJsonObject &body) const
{
    HttpResponse r;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    responder.respond(r);
}

void ApiCall::okJson(const QByteArray &body) const
{
    HttpResponse r;
    r.body = body;
    responder.respond(r);
}

void ApiCall::fail(protocol::ErrorCode code, const QString &message,
    const QList<QPair<QByteArray, QByteArray>> &headers) const
{
    HttpResponse r = jsonError(code, message);
    r.headers.append(headers);
    responder.respond(r);
}

void ApiCall::fail(const QString &codeName, const QString &message, const QString &reason) const
{
    responder.respond(
        jsonError(protocol::errorCodeFromName(codeName).value_or(protocol::ErrorCode::Internal),
            message, reason));
}

bool ApiCall::queryInteger(const QString &name, qint64 min, qint64 max, qint64 *value) const
{
    const QString text = request.query.value(name);
    if (text.isEmpty())
        return true;
    bool parsed = false;
    const qint64 v = text.toLongLong(&parsed);
    if (!parsed || v < min || v > max) {
        fail(protocol::ErrorCode::InvalidArgument,
            QStringLiteral("query parameter '%1' must be an integer from %2 to %3")
                .arg(name)
                .arg(min)
                .arg(max));
        return false;
    }
    *value = v;
    return true;
}

} // namespace mamori::appliance
