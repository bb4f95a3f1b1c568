// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApiError.h"

#include "protocol/ErrorCode.h"

#include <QJsonDocument>

namespace mamori::console {

namespace {

// The appliance locks a user name out for 15 minutes (docs/api.md, Session).
constexpr int kDefaultLockoutMinutes = 15;

} // namespace

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Refused:
        return QStringLiteral("Refused");
    case Kind::Timeout:
        return QStringLiteral("Timeout");
    case Kind::Tls:
        return QStringLiteral("Tls");
    case Kind::PinMismatch:
        return QStringLiteral("PinMismatch");
    case Kind::Http:
        return QStringLiteral("Http");
    case Kind::Protocol:
        return QStringLiteral("Protocol");
    case Kind::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return {};
}

QString ApiError::toString() const
{
    QString s = kindName(kind);
    if (httpStatus)
        s += QLatin1Char(' ') + QString::number(httpStatus);
    if (!code.isEmpty())
        s += QLatin1Char(' ') + code;
    if (!message.isEmpty())
        s += QStringLiteral(": ") + message;
    if (!address.isEmpty())
        s += QStringLiteral(" (%1)").arg(address);
    return s;
}

QString ApiError::userMessage() const
{
    using protocol::ErrorCode;
    const QString where = address.isEmpty() ? tr("the appliance") : address;
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Refused:
        if (code == QLatin1String("host_not_found"))
            return tr("The address of the appliance %1 could not be found. Check the address.")
                .arg(where);
        if (code == QLatin1String("connection_lost"))
            return tr("The connection to the appliance at %1 was lost. Check that it is running "
                      "and that the network is working; the console will try again.")
                .arg(where);
        return tr("The appliance at %1 refused the connection. Check that it is running and that "
                  "the address and port are right.")
            .arg(where);
    case Kind::Timeout:
        return tr("The appliance at %1 did not answer in time. Check that it is running and that "
                  "the network is working, then try again.")
            .arg(where);
    case Kind::Tls:
        if (code == QLatin1String("not_trusted"))
            return tr("The certificate of the appliance at %1 is not trusted yet. Compare its "
                      "certificate fingerprint with the one the appliance shows, then trust it.")
                .arg(where);
        return tr("No secure connection could be made to the appliance at %1. Check that the "
                  "address and port belong to a Mamori appliance.")
            .arg(where);
    case Kind::PinMismatch:
        return tr("The appliance at %1 presented a certificate other than the one you trusted. "
                  "The console will not connect to it. If the appliance was reinstalled, compare "
                  "the new certificate fingerprint with the one the appliance shows and trust it "
                  "again; otherwise someone may be intercepting the connection.")
            .arg(where);
    case Kind::Protocol:
        if (code == QLatin1String("response_too_large"))
            return tr("The appliance at %1 sent an answer that is too large. Check that the "
                      "address belongs to a Mamori appliance.")
                .arg(where);
        return tr("The appliance at %1 sent an answer the console does not understand. Check "
                  "that the address belongs to a Mamori appliance of a supported version.")
            .arg(where);
    case Kind::Cancelled:
        if (code == QLatin1String("no_password"))
            return tr("No password was entered, so the console did not sign in to the "
                      "appliance at %1.")
                .arg(where);
        return tr("The request was cancelled.");
    case Kind::Http:
        break;
    }

    const auto known = protocol::errorCodeFromName(code);
    if (known) {
        switch (*known) {
        case ErrorCode::BadRequest:
        case ErrorCode::UnsupportedMediaType:
            return tr("The appliance did not accept the request as the console sent it. This is a "
                      "fault in the console; please report it.");
        case ErrorCode::InvalidArgument:
            return tr("The appliance did not accept a value in the request. Check what you entered "
                      "and try again.");
        case ErrorCode::PathOutsideVm:
            return tr("The path is outside the virtual machine's files. Choose a path inside the "
                      "virtual machine.");
        case ErrorCode::Unauthenticated:
            return tr("You are not signed in to the appliance at %1, or your session was ended. "
                      "Sign in again.")
                .arg(where);
        case ErrorCode::TokenExpired:
            return tr("Your session on the appliance at %1 has expired. Sign in again.").arg(where);
        case ErrorCode::BadCredentials:
            return tr("The user name or password is wrong. Check both and sign in again.");
        case ErrorCode::LockedOut: {
            const int minutes =
                retryAfterSeconds > 0 ? (retryAfterSeconds + 59) / 60 : kDefaultLockoutMinutes;
            return tr("Too many failed sign-ins. Try again in %n minute(s).", nullptr, minutes);
        }
        case ErrorCode::Forbidden:
            return tr("Your role on this appliance may not do this.");
        case ErrorCode::NotFound:
            return tr("The item was not found on the appliance. It may have been removed; refresh "
                      "and try again.");
        case ErrorCode::MethodNotAllowed:
            return tr("The appliance at %1 does not support this action. Its version may be older "
                      "than the console's.")
                .arg(where);
        case ErrorCode::Conflict:
            if (const auto why = protocol::conflictReasonFromName(reason))
                return conflictText(*why);
            return tr("This cannot be done now because of the item's current state. Refresh and "
                      "try again.");
        case ErrorCode::PayloadTooLarge:
        case ErrorCode::HeadersTooLarge:
            return tr("The request is too large for the appliance. Send less at once.");
        case ErrorCode::RateLimited:
            return tr("The appliance at %1 is busy with too many requests of this kind. Try "
                      "again in a few seconds.")
                .arg(where);
        case ErrorCode::Unavailable:
            return tr(
                "A service the appliance at %1 needs (the scan engine or the update source) is "
                "not available. Try again later; the appliance's log has the details.")
                .arg(where);
        case ErrorCode::UnsafePath:
            return tr("The file's folder in the virtual machine has been replaced by a link or "
                      "removed, so the appliance did not touch it. A quarantined file stays in "
                      "quarantine; check the virtual machine and try again.");
        case ErrorCode::StorageFull:
            return tr("The appliance at %1 has no space left in its data folder, so it changed "
                      "nothing. Free space on the appliance and try again.")
                .arg(where);
        case ErrorCode::StorageReadOnly:
            return tr("The appliance at %1 cannot write to its data folder (it is read-only), so "
                      "it changed nothing. Check the appliance's storage and try again.")
                .arg(where);
        case ErrorCode::StorageUnavailable:
            return tr("The appliance at %1 could not reach its storage, so it changed nothing. "
                      "Try again; if it happens again, check the appliance's log.")
                .arg(where);
        case ErrorCode::Internal:
            return tr("The appliance at %1 had an internal error. Try again; if it happens again, "
                      "check the appliance's log.")
                .arg(where);
        case ErrorCode::ImageVmReadOnly:
            return tr("The file is inside the virtual machine's disk image, which the appliance "
                      "only reads: it cannot be quarantined, deleted or restored from outside. "
                      "Isolate the virtual machine from the network instead.");
        }
    }
    if (httpStatus >= 500)
        return tr("The appliance at %1 answered with an error (HTTP %2). Try again later.")
            .arg(where)
            .arg(httpStatus);
    return tr("The appliance at %1 refused the request (HTTP %2).").arg(where).arg(httpStatus);
}

QString ApiError::conflictText(protocol::ConflictReason reason)
{
    using protocol::ConflictReason;
    switch (reason) {
    case ConflictReason::IncidentResolved:
        return tr("The incident is resolved, so it can no longer be acknowledged or assigned. "
                  "The file and VM actions still work on it.");
    case ConflictReason::AlreadyAcknowledged:
        return tr("The incident is already acknowledged. Assign or resolve it instead.");
    case ConflictReason::AlreadyResolved:
        return tr("The incident is already resolved; nothing was changed.");
    case ConflictReason::AlreadyQuarantined:
        return tr("The file is already in quarantine. Delete it for good, or restore it if it is "
                  "safe.");
    case ConflictReason::NotInQuarantine:
        return tr("The file is not in quarantine, so there is nothing to restore.");
    case ConflictReason::FileDeleted:
        return tr("The file was deleted for good; no file action is possible any more. Resolve "
                  "the incident.");
    case ConflictReason::FileAllowed:
        return tr("The file is allowed: it is trusted on every VM. No other file action applies "
                  "to it.");
    case ConflictReason::VmAlreadyIsolated:
        return tr("The VM is already isolated from the network.");
    case ConflictReason::VmNotIsolated:
        return tr("The VM is not isolated from the network, so there is nothing to release.");
    case ConflictReason::FileMissing:
        return tr("The file is no longer where it was found in the VM (it was moved or removed), "
                  "so the appliance did not touch anything. Scan the VM again to find it.");
    case ConflictReason::FileChanged:
        return tr("The file in the VM has changed since it was detected, so the appliance did "
                  "not touch it. Scan the VM again; a new detection opens its own incident.");
    case ConflictReason::FileExists:
        return tr("Another file now has the original's name in the VM, so the file stays in "
                  "quarantine. Move that file away in the VM and restore again.");
    }
    return {};
}

ApiResult resultOfAnswer(int httpStatus, const QByteArray &body, const QByteArray &retryAfter)
{
    ApiResult r;
    r.httpStatus = httpStatus;
    const auto fail = [&](const QString &message) {
        r.error.kind = ApiError::Kind::Protocol;
        r.error.message = message;
        return r;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && doc.isObject();
    if (httpStatus >= 200 && httpStatus < 300) {
        if (!isObject)
            return fail(QStringLiteral("HTTP %1 with a body that is not a JSON object: %2")
                            .arg(httpStatus)
                            .arg(parseError.error == QJsonParseError::NoError
                                    ? QStringLiteral("not an object")
                                    : parseError.errorString()));
        r.json = doc.object();
        return r;
    }
    if (httpStatus < 400)
        return fail(QStringLiteral("unexpected HTTP status %1").arg(httpStatus));
    r.error.kind = ApiError::Kind::Http;
    r.error.httpStatus = httpStatus;
    bool seconds = false;
    const int retryAfterSeconds = retryAfter.toInt(&seconds);
    if (seconds && retryAfterSeconds >= 0)
        r.error.retryAfterSeconds = retryAfterSeconds;
    const QJsonValue error = doc.object().value(QLatin1String("error"));
    const QJsonValue errorCode = error.toObject().value(QLatin1String("code"));
    if (isObject && error.isObject() && errorCode.isString()) {
        r.error.code = errorCode.toString();
        r.error.message = error.toObject().value(QLatin1String("message")).toString();
        r.error.reason = error.toObject().value(QLatin1String("reason")).toString();
    } else {
        r.error.message = QStringLiteral("HTTP %1 without an error object").arg(httpStatus);
    }
    return r;
}

} // namespace mamori::console
