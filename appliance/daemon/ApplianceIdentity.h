// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/http/TlsIdentity.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace mamori::appliance {

// The appliance's TLS identity as its data folder remembers it. Consoles pin
// it, so a new one is made only on a folder that never had one, or on the
// admin's explicit `identity renew`. The database keeps the fingerprint
// (settings 'tls_fingerprint'), so that even a folder whose tls/ is gone
// entirely is known to have had an identity.
namespace ApplianceIdentity {

// At start: loads DIR/tls; creates it only on a first start. A missing,
// damaged or different key or certificate is refused with the way out.
std::optional<TlsIdentity> loadForStart(const QString &dataDir, QSqlDatabase db, QString *error);

QString recordedFingerprint(QSqlDatabase db);
bool recordFingerprint(QSqlDatabase db, const QString &fingerprint, QString *error);

struct Renewal
{
    QString oldFingerprint; // empty: the old identity could not be read
    QString oldProblem; // why not
    QString newFingerprint;
    QStringList retired; // where the old files went
};
// A new key and certificate; the old files are kept beside them as
// *.retired-<time>. The caller holds the DataFolderLock and audits it.
std::optional<Renewal> renew(const QString &dataDir, QSqlDatabase db, QString *error);

} // namespace ApplianceIdentity

} // namespace mamori::appliance
