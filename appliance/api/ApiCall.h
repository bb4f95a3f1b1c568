// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/api/AccessPolicy.h"
#include "appliance/auth/SessionStore.h"
#include "appliance/http/HttpServer.h"
#include "protocol/ErrorCode.h"

#include <QJsonArray>
#include <QJsonObject>

namespace mamori::appliance {

// One authenticated, authorised API request on its way to a handler.
struct ApiCall
{
    HttpRequest request;
    HttpResponder responder;
    const Endpoint *endpoint = nullptr;
    QStringList parameters; // values of the pattern's {placeholders}
    Session session; // empty for POST /api/v1/session
    QString token;

    void ok(const QJsonObject &body) const;
    // A 200 whose JSON body is already serialised (a JsonPage).
    void okJson(const QByteArray &body) const;
    void fail(protocol::ErrorCode code, const QString &message,
        const QList<QPair<QByteArray, QByteArray>> &headers = {}) const;
    // Fails with the stable code's name as the appliance's parts report it.
    // `reason`: a protocol::ConflictReason name, or empty.
    void fail(const QString &codeName, const QString &message, const QString &reason = {}) const;

    // An optional integer query parameter; answers 400 itself and returns
    // false when it is malformed or out of range.
    bool queryInteger(const QString &name, qint64 min, qint64 max, qint64 *value) const;
};

QString isoUtc(const QDateTime &t);

} // namespace mamori::appliance
