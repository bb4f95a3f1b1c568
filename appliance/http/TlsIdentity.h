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
    // Loads DIR/tls/key.pem and cert.pem, creating what is missing (a new key
    // also gets a new certificate). Refuses a key file that group or others
    // may access, and a certificate that does not belong to the key.
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
