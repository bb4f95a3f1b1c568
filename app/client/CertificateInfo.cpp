// SPDX-License-Identifier: GPL-2.0-or-later
#include "CertificateInfo.h"

#include <QCryptographicHash>
#include <QSslCertificate>

#include <optional>

namespace mamori::console {

namespace {

struct Tlv
{
    quint8 tag = 0;
    qsizetype start = 0; // first byte of the tag
    qsizetype content = 0; // first byte of the value
    qsizetype end = 0; // one past the value
};

// Reads one DER element at `pos` that must end by `limit`.
std::optional<Tlv> readTlv(const QByteArray &der, qsizetype pos, qsizetype limit)
{
    if (pos + 2 > limit)
        return std::nullopt;
    Tlv t;
    t.start = pos;
    t.tag = quint8(der[pos++]);
    qsizetype length = quint8(der[pos++]);
    if (length & 0x80) {
        const int bytes = int(length & 0x7f);
        if (bytes == 0 || bytes > 4 || pos + bytes > limit)
            return std::nullopt;
        length = 0;
        for (int i = 0; i < bytes; ++i)
            length = (length << 8) | quint8(der[pos++]);
    }
    if (length > limit - pos)
        return std::nullopt;
    t.content = pos;
    t.end = pos + length;
    return t;
}

// The SubjectPublicKeyInfo exactly as encoded in the certificate: libcurl
// hashes these bytes for CURLOPT_PINNEDPUBLICKEY, so we must not re-encode.
QByteArray subjectPublicKeyInfo(const QByteArray &der)
{
    constexpr quint8 kSequence = 0x30;
    constexpr quint8 kExplicitVersion = 0xa0;
    const auto cert = readTlv(der, 0, der.size());
    if (!cert || cert->tag != kSequence || cert->end != der.size())
        return {};
    const auto tbs = readTlv(der, cert->content, cert->end);
    if (!tbs || tbs->tag != kSequence)
        return {};
    qsizetype pos = tbs->content;
    auto field = readTlv(der, pos, tbs->end);
    if (field && field->tag == kExplicitVersion)
        field = readTlv(der, field->end, tbs->end);
    // serial, signature algorithm, issuer, validity, subject, then the key
    for (int i = 0; i < 5 && field; ++i)
        field = readTlv(der, field->end, tbs->end);
    if (!field || field->tag != kSequence)
        return {};
    return der.mid(field->start, field->end - field->start);
}

} // namespace

QString CertificateInfo::fingerprintOf(const QByteArray &der)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex(':').toUpper());
}

CertificateInfo CertificateInfo::fromDer(const QByteArray &der)
{
    const QByteArray spki = subjectPublicKeyInfo(der);
    if (spki.isEmpty())
        return {};
    CertificateInfo info;
    info.der = der;
    info.fingerprint = fingerprintOf(der);
    info.spkiSha256Base64 = QCryptographicHash::hash(spki, QCryptographicHash::Sha256).toBase64();
    const QSslCertificate cert(der, QSsl::Der);
    if (!cert.isNull()) {
        info.subject = cert.subjectDisplayName();
        info.issuer = cert.issuerDisplayName();
        info.notBefore = cert.effectiveDate();
        info.notAfter = cert.expiryDate();
    }
    return info;
}

CertificateInfo CertificateInfo::fromPem(const QByteArray &pem)
{
    static const QByteArray begin = "-----BEGIN CERTIFICATE-----";
    static const QByteArray end = "-----END CERTIFICATE-----";
    const qsizetype from = pem.indexOf(begin);
    const qsizetype to = pem.indexOf(end, from);
    if (from < 0 || to < 0)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
        pem.mid(from + begin.size(), to - from - begin.size()).simplified().replace(' ', ""),
        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    return fromDer(*decoded);
}

} // namespace mamori::console
