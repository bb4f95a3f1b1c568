// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/auth/PasswordHasher.h"

#include <sodium.h>

namespace mamori::appliance {
namespace {

// libsodium's "interactive" costs: 64 MiB and ~0.1 s here, the
// recommendation for online logins.
constexpr auto kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr auto kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

} // namespace

bool PasswordHasher::initialize()
{
    return sodium_init() >= 0;
}

QString PasswordHasher::hash(const QByteArray &password)
{
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.constData(), quint64(password.size()), kOps, kMem) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &hash, const QByteArray &password)
{
    const QByteArray h = hash.toLatin1();
    return crypto_pwhash_str_verify(h.constData(), password.constData(),
                                    quint64(password.size()))
           == 0;
}

void PasswordHasher::verifyDummy(const QByteArray &password)
{
    static const QString dummy = hash(QByteArrayLiteral("mamori-dummy-password"));
    verify(dummy, password);
}

bool PasswordHasher::needsRehash(const QString &hash)
{
    const QByteArray h = hash.toLatin1();
    return crypto_pwhash_str_needs_rehash(h.constData(), kOps, kMem) != 0;
}

} // namespace mamori::appliance
