// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/AuditRecord.h"

#include <QCoreApplication>
#include <QUuid>

#include <functional>

namespace mamori::console {

// An appliance's audit record in the admin's words: what was done (never
// an API path), to what (VM names, not their ids), how it ended (never an
// HTTP status). The record itself keeps the appliance's words: the hash
// chain is over them.
class AuditText
{
    Q_DECLARE_TR_FUNCTIONS(mamori::console::AuditText)

public:
    using VmName = std::function<QString(const QUuid &)>;

    // "scan.start" → "Start scans"; a refused request ("POST
    // /api/v1/scans") → what it asked for; a word of a newer appliance as
    // it is.
    static QString action(const QString &action);
    // The target with VM ids replaced by the VMs' names where known.
    static QString target(const AuditRecord &record, const VmName &vmName);
    // What a console action logged as its API path ("/api/v1/scans/{id}")
    // names: the id in it, or nothing; any other target as it is.
    static QString requestTarget(const QString &target);
    // success, failure, denied in words; anything else as it is.
    static QString outcome(const QString &outcome);
    static QString role(const QString &roleName);
    // The detail, with the appliance's own words for a scan kind translated.
    static QString detail(const AuditRecord &record);
};

} // namespace mamori::console
