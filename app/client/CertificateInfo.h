// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace mamori::console {

// The identity an appliance presents, in the two forms the console pins:
// the certificate's fingerprint (what the appliance prints and the admin
// compares) and its public key's hash (what libcurl checks in the handshake).
struct CertificateInfo
{
    QByteArray der;
    QString fingerprint; // SHA-256 of the DER certificate, "AB:CD:..."
    QByteArray spkiSha256Base64; // SHA-256 of the DER SubjectPublicKeyInfo, base64
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;

    bool isNull() const { return der.isEmpty(); }
    // Empty (isNull) when `der` is not an X.509 certificate.
    static CertificateInfo fromDer(const QByteArray &der);
    static CertificateInfo fromPem(const QByteArray &pem);
    static QString fingerprintOf(const QByteArray &der);
};

} // namespace mamori::console

Q_DECLARE_METATYPE(mamori::console::CertificateInfo)
