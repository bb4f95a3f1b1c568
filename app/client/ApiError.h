// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/ConflictReason.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace mamori::console {

// What went wrong with one request to an appliance, precise enough for
// programs (kind, httpStatus, code) and explained for people (userMessage).
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(mamori::console::ApiError)

public:
    enum class Kind {
        None,
        Refused, // no connection: refused, host not found, connection lost
        Timeout, // connect or total time ran out
        Tls, // no secure connection (not TLS, handshake failed, not trusted yet)
        PinMismatch, // the appliance's key or certificate is not the trusted one
        Http, // the appliance answered with an error (code says which)
        Protocol, // an answer that is not what the API promises
        Cancelled, // given up on purpose (no password entered, client destroyed)
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    // Http: the appliance's stable error code (docs/api.md, Errors). Other
    // kinds: a detail word the console sets ("host_not_found",
    // "connection_lost", "response_too_large", "not_trusted", "no_password").
    QString code;
    // Http conflict: the state that refused it (protocol::ConflictReason's
    // name), when the appliance says; userMessage() then names it.
    QString reason;
    QString message; // English technical detail, for logs
    QString address; // "host:port" of the appliance
    int retryAfterSeconds = -1; // from Retry-After (locked_out), -1 when absent

    bool ok() const { return kind == Kind::None; }
    // One or two translated sentences: what happened and what to do.
    QString userMessage() const;
    // What a conflict's reason means for the administrator, and what to do.
    static QString conflictText(protocol::ConflictReason reason);
    // For logs: "Http 403 forbidden: the role ... (127.0.0.1:8443)".
    QString toString() const;
    static QString kindName(Kind kind);
};

// The outcome of one request: on success the answer's JSON object.
struct ApiResult
{
    ApiError error;
    int httpStatus = 0;
    QJsonObject json;

    bool ok() const { return error.ok(); }
};

// What a complete answer of an appliance means: a 2xx's JSON object, or the
// error a 4xx/5xx carries (docs/api.md, Errors). `retryAfter` is the
// Retry-After header's value. Pure, so that fuzz/fuzz_console_answers drives it.
ApiResult resultOfAnswer(int httpStatus, const QByteArray &body, const QByteArray &retryAfter);

} // namespace mamori::console

Q_DECLARE_METATYPE(mamori::console::ApiError)
