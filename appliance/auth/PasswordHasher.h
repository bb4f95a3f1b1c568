// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace mamori::appliance {

// Argon2id password hashes (libsodium's crypto_pwhash_str format, which
// carries its own salt and cost parameters, so costs can be raised later
// without invalidating stored hashes).
class PasswordHasher
{
public:
    static bool initialize();
    static QString hash(const QByteArray &password);
    static bool verify(const QString &hash, const QByteArray &password);
    // Burns the same time as a real verification, so that a login for an
    // unknown user cannot be told apart from a wrong password by timing.
    static void verifyDummy(const QByteArray &password);
    static bool needsRehash(const QString &hash);
};

} // namespace mamori::appliance
