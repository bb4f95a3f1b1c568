// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ErrorCode.h"

#include <algorithm>
#include <array>
#include <utility>

namespace mamori::protocol {
namespace {

struct Entry {
    ErrorCode code;
    const char *name;
    int status;
};

constexpr std::array kEntries{
    Entry{ErrorCode::BadRequest, "bad_request", 400},
    Entry{ErrorCode::InvalidArgument, "invalid_argument", 400},
    Entry{ErrorCode::Unauthenticated, "unauthenticated", 401},
    Entry{ErrorCode::TokenExpired, "token_expired", 401},
    Entry{ErrorCode::BadCredentials, "bad_credentials", 401},
    Entry{ErrorCode::LockedOut, "locked_out", 429},
    Entry{ErrorCode::Forbidden, "forbidden", 403},
    Entry{ErrorCode::NotFound, "not_found", 404},
    Entry{ErrorCode::MethodNotAllowed, "method_not_allowed", 405},
    Entry{ErrorCode::Conflict, "conflict", 409},
    Entry{ErrorCode::PayloadTooLarge, "payload_too_large", 413},
    Entry{ErrorCode::UnsupportedMediaType, "unsupported_media_type", 415},
    Entry{ErrorCode::PathOutsideVm, "path_outside_vm", 400},
    Entry{ErrorCode::Unavailable, "unavailable", 503},
    Entry{ErrorCode::UnsafePath, "unsafe_path", 409},
    Entry{ErrorCode::Internal, "internal", 500},
    Entry{ErrorCode::RateLimited, "rate_limited", 429},
    Entry{ErrorCode::HeadersTooLarge, "headers_too_large", 431},
    Entry{ErrorCode::ImageVmReadOnly, "image_vm_read_only", 409},
};

const Entry &entryFor(ErrorCode code)
{
    for (const auto &e : kEntries) {
        if (e.code == code)
            return e;
    }
    return entryFor(ErrorCode::Internal);
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    return QString::fromLatin1(entryFor(code).name);
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const auto &e : kEntries) {
        if (name == QLatin1String(e.name))
            return e.code;
    }
    return std::nullopt;
}

int httpStatusFor(ErrorCode code)
{
    return entryFor(code).status;
}

} // namespace mamori::protocol
