// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/http/HttpMessage.h"
#include "protocol/Role.h"

#include <QList>
#include <QString>
#include <optional>

namespace mamori::appliance {

// One row of the endpoint × role table (docs/api.md, Roles).
struct Endpoint
{
    const char *method;  // "GET", "POST", ...
    const char *pattern; // "/api/v1/vms/{id}"
    bool authenticated;  // false only for logging in
    bool audited;        // state-changing: recorded in the audit log
    bool securityAdmin;
    bool virtualizationAdmin;
    bool auditor;

    bool allows(protocol::Role role) const;
};

// The whole table: the appliance checks every request against it, and
// nothing that is not in it is served.
const QList<Endpoint> &endpoints();

struct RouteMatch
{
    const Endpoint *endpoint = nullptr; // null: path known, method not (405)
    QStringList parameters;             // values of {placeholders}, in order
    QStringList allowedMethods;         // for 405's Allow header
};

// nullopt: no such path (404).
std::optional<RouteMatch> matchRoute(const QByteArray &method, const QString &path);

// What the router decides from the request alone, before a session is looked
// up: the endpoint and its parameters, or the error to answer with. A pure
// function of the request, so that fuzz/fuzz_http_request can drive it.
struct RouteDecision
{
    std::optional<protocol::ErrorCode> error; // set: answer with it, nothing else
    QString message;
    QList<QPair<QByteArray, QByteArray>> headers; // Allow, with a 405
    const Endpoint *endpoint = nullptr; // set exactly when there is no error
    QStringList parameters;
    QString token; // from "Authorization: Bearer TOKEN" when the endpoint needs one
};
RouteDecision routeRequest(const HttpRequest &request);

// The API takes no body or a JSON one.
bool acceptsBody(const HttpRequest &request);

} // namespace mamori::appliance
