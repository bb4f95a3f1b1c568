// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <optional>

namespace mamori::protocol {

// Stable error codes of the appliance API. The appliance sends them as
// strings; the console translates them. Never renumber or rename one: add.
enum class ErrorCode {
    BadRequest,        // malformed JSON, wrong type, missing field
    InvalidArgument,   // well-formed but the value is not acceptable
    Unauthenticated,   // no token, unknown token
    TokenExpired,      // the token was valid once and has expired
    BadCredentials,    // wrong user or password
    LockedOut,         // too many failed logins
    Forbidden,         // the role may not do this
    NotFound,          // no such resource
    MethodNotAllowed,  // the resource exists, the method does not
    Conflict,          // the state does not allow this now
    PayloadTooLarge,   // body over the limit
    UnsupportedMediaType,
    PathOutsideVm,     // a path that resolves outside the VM's root
    Unavailable,       // a dependency (engine, source) is not available
    Internal,          // a bug or an I/O failure on the appliance
    UnsafePath,        // a file action's path in a VM runs through a symlink or a folder that is gone
    RateLimited,       // too many requests of this kind at once; Retry-After says when
    HeadersTooLarge,   // the request line and headers are over the limit
    ImageVmReadOnly,   // quarantine, delete or restore of a file inside an image VM's disk:
                       // the appliance only reads disk images; isolate the VM instead
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString &name);
int httpStatusFor(ErrorCode code);

} // namespace mamori::protocol
