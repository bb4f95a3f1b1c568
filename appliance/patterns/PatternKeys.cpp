// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/patterns/FileOps_p.h"
#include "appliance/patterns/PatternBundle.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

#include <sodium.h>
#include <sys/stat.h>

namespace mamori::appliance::patternkeys {
namespace {

QByteArray readKey(const QString &path, qsizetype expectedSize, const char *what, QString *error)
{
    QFile file(path);
    // A key file is one short line; a large file is not a key.
    if (!file.open(QIODevice::ReadOnly) || file.size() > 4096) {
        *error = QStringLiteral("cannot read %1: %2")
                     .arg(path, file.isOpen() ? QStringLiteral("too large") : file.errorString());
        return {};
    }
    const QByteArray text = file.readAll().trimmed();
    const auto decoded =
        QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != expectedSize) {
        *error = QStringLiteral("%1 is not an Ed25519 %2 key file").arg(path, QLatin1String(what));
        return {};
    }
    return decoded.decoded;
}

} // namespace

QString keyId(const QByteArray &publicKey)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(8).toHex());
}

QByteArray readPublicKey(const QString &path, QString *error)
{
    return readKey(path, crypto_sign_PUBLICKEYBYTES, "public", error);
}

QByteArray readSecretKey(const QString &path, QString *error)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) == 0 && (st.st_mode & 077) != 0) {
        *error = QStringLiteral("%1 may be read by others than its owner (chmod 600 it)").arg(path);
        return {};
    }
    QByteArray key = readKey(path, crypto_sign_SECRETKEYBYTES, "secret", error);
    // libsodium's secret key ends with its public key: check they belong together.
    unsigned char derived[crypto_sign_PUBLICKEYBYTES];
    if (!key.isEmpty()
        && (sodium_init() < 0
            || crypto_sign_ed25519_sk_to_pk(
                   derived, reinterpret_cast<const unsigned char *>(key.constData()))
                != 0
            || key.right(crypto_sign_PUBLICKEYBYTES)
                != QByteArray(reinterpret_cast<const char *>(derived), sizeof derived))) {
        *error = QStringLiteral("%1 is not a valid Ed25519 secret key").arg(path);
        return {};
    }
    return key;
}

bool generate(const QString &dir, QString *id, QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium could not be initialised");
        return false;
    }
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    const QString secretPath = dir + QStringLiteral("/pattern.key");
    const QString publicPath = dir + QStringLiteral("/pattern.pub");
    if (QFileInfo::exists(secretPath) || QFileInfo::exists(publicPath)) {
        *error = QStringLiteral("%1 already holds a pattern key; not overwriting it").arg(dir);
        return false;
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    QByteArray secret = QByteArray(reinterpret_cast<const char *>(sk), sizeof sk).toBase64() + '\n';
    sodium_memzero(sk, sizeof sk);
    const QByteArray publicKey(reinterpret_cast<const char *>(pk), sizeof pk);
    const bool ok = fileops::createExclusively(secretPath, secret, 0600, error)
        && fileops::createExclusively(publicPath, publicKey.toBase64() + '\n', 0644, error);
    sodium_memzero(secret.data(), size_t(secret.size()));
    if (ok)
        *id = keyId(publicKey);
    return ok;
}

QHash<QString, QByteArray> loadTrusted(const QString &dir, QString *error)
{
    QHash<QString, QByteArray> keys;
    const QStringList names = QDir(dir).entryList({QStringLiteral("*.pub")}, QDir::Files);
    for (const QString &name : names) {
        QString why;
        const QByteArray key = readPublicKey(dir + QLatin1Char('/') + name, &why);
        if (key.isEmpty()) {
            if (error)
                *error = why;
            continue;
        }
        keys.insert(keyId(key), key);
    }
    return keys;
}

} // namespace mamori::appliance::patternkeys
