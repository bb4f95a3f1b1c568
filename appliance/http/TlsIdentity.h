// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace mamori::appliance {

// The appliance's self-signed TLS identity in DIR/tls/{key,cert}.pem: an
// ECDSA P-256 key and a certificate for this host and loopback. Clients pin
// it, so it is created once and kept.
class TlsIdentity
{
public:
    // Loads DIR/tls/key.pem and cert.pem. Refuses a missing file, a key file
    // that group or others may access, and a certificate that does not belong
    // to the key: an identity is never made up again behind the admin's back.
    static std::optional<TlsIdentity> load(const QString &dir, QString *error);
    // A new key and certificate in DIR/tls, replacing what is there.
    static std::optional<TlsIdentity> create(const QString &dir, QString *error);
    // Whether DIR/tls holds a key or a certificate (whole, damaged or alone).
    static bool present(const QString &dir);
    // create() when nothing is present, else load().
    static std::optional<TlsIdentity> loadOrCreate(const QString &dir, QString *error);

    QByteArray certificatePem() const { return m_certificatePem; }
    QByteArray privateKeyPem() const { return m_privateKeyPem; }
    // SHA-256 of the DER certificate: "AB:CD:..." (32 upper-case hex bytes).
    QString fingerprint() const;
    // Base64 of the SHA-256 of the DER SubjectPublicKeyInfo, as libcurl's
    // CURLOPT_PINNEDPUBLICKEY "sha256//BASE64" wants it.
    QByteArray publicKeySha256Base64() const;

private:
    QByteArray m_certificatePem;
    QByteArray m_privateKeyPem;
    QByteArray m_certificateDer;
    QByteArray m_publicKeyDer;
};

} // namespace mamori::appliance
