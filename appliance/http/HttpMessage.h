// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/ErrorCode.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMultiHash>
#include <QPair>
#include <QString>

namespace mamori::appliance {

struct HttpRequest
{
    QByteArray method;
    QString path; // percent-decoded path, no query
    QMultiHash<QString, QString> query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased; repeats joined with ", "
    QByteArray body;
    QString peerAddress; // "127.0.0.1" / "::1"
};

struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
};

// {"error":{"code":"...","message":"..."}} with the status docs/api.md gives the code;
// a non-empty `reason` (protocol::ConflictReason's name) is sent as "reason".
HttpResponse jsonError(
    mamori::protocol::ErrorCode code, const QString &message, const QString &reason = {});

} // namespace mamori::appliance
