// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/TlsIdentity.h"

#include "appliance/fs/PosixIo.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSysInfo>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

struct KeyDeleter
{
    void operator()(gnutls_x509_privkey_t k) const { gnutls_x509_privkey_deinit(k); }
};
struct CrtDeleter
{
    void operator()(gnutls_x509_crt_t c) const { gnutls_x509_crt_deinit(c); }
};
struct PubkeyDeleter
{
    void operator()(gnutls_pubkey_t p) const { gnutls_pubkey_deinit(p); }
};
using Key = std::unique_ptr<std::remove_pointer_t<gnutls_x509_privkey_t>, KeyDeleter>;
using Crt = std::unique_ptr<std::remove_pointer_t<gnutls_x509_crt_t>, CrtDeleter>;
using Pubkey = std::unique_ptr<std::remove_pointer_t<gnutls_pubkey_t>, PubkeyDeleter>;

QString tlsError(const char *what, int rc)
{
    return QStringLiteral("%1: %2").arg(
        QLatin1String(what), QString::fromUtf8(gnutls_strerror(rc)));
}

QString sysError(const QString &what)
{
    return QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno)));
}

// Takes ownership of GnuTLS-allocated output.
QByteArray take(gnutls_datum_t d)
{
    QByteArray out(reinterpret_cast<const char *>(d.data), int(d.size));
    gnutls_free(d.data);
    return out;
}

gnutls_datum_t datum(const QByteArray &bytes)
{
    return {reinterpret_cast<unsigned char *>(const_cast<char *>(bytes.constData())),
        unsigned(bytes.size())};
}

bool writeAtomically(const QString &path, const QByteArray &data, mode_t mode, QString *error)
{
    QString why;
    if (fs::replaceFile(
            path, [&](int fd) { return fs::writeAll(fd, data.constData(), data.size()); }, &why,
            mode))
        return true;
    *error = QStringLiteral("cannot save %1: %2").arg(path, why);
    return false;
}

std::optional<QByteArray> readFile(const QString &path, bool secret, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = sysError(QStringLiteral("cannot open %1").arg(path));
        return std::nullopt;
    }
    struct stat st = {};
    // fstat on the open descriptor: the mode checked is the mode of what is read.
    if (::fstat(fd, &st) != 0 || (secret && (st.st_mode & 077) != 0)) {
        *error = QStringLiteral("%1 may be accessed by group or others (mode %2); "
                                "it must be 0600")
                     .arg(path)
                     .arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'));
        ::close(fd);
        return std::nullopt;
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *error = QStringLiteral("cannot read %1").arg(path);
        return std::nullopt;
    }
    return file.readAll();
}

QByteArray generateKeyPem(QString *error)
{
    gnutls_x509_privkey_t raw = nullptr;
    int rc = gnutls_x509_privkey_init(&raw);
    Key key(raw);
    if (rc == 0)
        rc = gnutls_x509_privkey_generate(
            key.get(), GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0);
    gnutls_datum_t out {};
    if (rc == 0)
        rc = gnutls_x509_privkey_export2_pkcs8(
            key.get(), GNUTLS_X509_FMT_PEM, nullptr, GNUTLS_PKCS_PLAIN, &out);
    if (rc != 0) {
        *error = tlsError("cannot generate the TLS key", rc);
        return {};
    }
    return take(out);
}

QByteArray generateCertificatePem(gnutls_x509_privkey_t key, QString *error)
{
    QByteArray host = QSysInfo::machineHostName().toUtf8();
    if (host.isEmpty())
        host = "localhost";
    gnutls_x509_crt_t raw = nullptr;
    int rc = gnutls_x509_crt_init(&raw);
    Crt crt(raw);
    unsigned char serial[16] = {};
    if (rc == 0)
        rc = gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial);
    serial[0] = (serial[0] & 0x7f) | 0x40; // positive, and a full 16 bytes long in DER

    const QDateTime notBefore = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const unsigned char v4[4] = {127, 0, 0, 1};
    unsigned char v6[16] = {};
    v6[15] = 1;
    // Keeps the first error; the calls after it only touch a valid object.
    const auto step = [&rc](auto result) {
        if (rc == 0)
            rc = result;
    };
    if (rc == 0) {
        step(gnutls_x509_crt_set_version(crt.get(), 3));
        step(gnutls_x509_crt_set_serial(crt.get(), serial, sizeof serial));
        step(gnutls_x509_crt_set_activation_time(crt.get(), notBefore.toSecsSinceEpoch()));
        step(gnutls_x509_crt_set_expiration_time(
            crt.get(), notBefore.addYears(10).toSecsSinceEpoch()));
        step(gnutls_x509_crt_set_dn_by_oid(
            crt.get(), GNUTLS_OID_X520_COMMON_NAME, 0, host.constData(), unsigned(host.size())));
        step(gnutls_x509_crt_set_key(crt.get(), key));
        step(gnutls_x509_crt_set_subject_alt_name(
            crt.get(), GNUTLS_SAN_DNSNAME, "localhost", 9, GNUTLS_FSAN_APPEND));
        if (host != "localhost")
            step(gnutls_x509_crt_set_subject_alt_name(crt.get(), GNUTLS_SAN_DNSNAME,
                host.constData(), unsigned(host.size()), GNUTLS_FSAN_APPEND));
        step(gnutls_x509_crt_set_subject_alt_name(
            crt.get(), GNUTLS_SAN_IPADDRESS, v4, sizeof v4, GNUTLS_FSAN_APPEND));
        step(gnutls_x509_crt_set_subject_alt_name(
            crt.get(), GNUTLS_SAN_IPADDRESS, v6, sizeof v6, GNUTLS_FSAN_APPEND));
        step(gnutls_x509_crt_set_key_usage(crt.get(), GNUTLS_KEY_DIGITAL_SIGNATURE));
        step(gnutls_x509_crt_set_basic_constraints(crt.get(), 0, -1));
        step(gnutls_x509_crt_set_key_purpose_oid(crt.get(), GNUTLS_KP_TLS_WWW_SERVER, 1));
        unsigned char keyId[64];
        size_t keyIdSize = sizeof keyId;
        step(gnutls_x509_crt_get_key_id(crt.get(), 0, keyId, &keyIdSize));
        step(gnutls_x509_crt_set_subject_key_id(crt.get(), keyId, keyIdSize));
        step(gnutls_x509_crt_sign2(crt.get(), crt.get(), key, GNUTLS_DIG_SHA256, 0));
    }
    gnutls_datum_t out {};
    if (rc == 0)
        rc = gnutls_x509_crt_export2(crt.get(), GNUTLS_X509_FMT_PEM, &out);
    if (rc != 0) {
        *error = tlsError("cannot create the TLS certificate", rc);
        return {};
    }
    return take(out);
}

Key importKey(const QByteArray &pem, const QString &path, QString *error)
{
    gnutls_x509_privkey_t raw = nullptr;
    int rc = gnutls_x509_privkey_init(&raw);
    Key key(raw);
    const gnutls_datum_t d = datum(pem);
    if (rc == 0)
        rc = gnutls_x509_privkey_import2(
            key.get(), &d, GNUTLS_X509_FMT_PEM, nullptr, GNUTLS_PKCS_PLAIN);
    if (rc != 0) {
        *error = tlsError(QFile::encodeName(path).constData(), rc);
        return nullptr;
    }
    return key;
}

QByteArray keyId(int rc, const unsigned char *id, size_t size)
{
    return rc == 0 ? QByteArray(reinterpret_cast<const char *>(id), qsizetype(size)) : QByteArray();
}

} // namespace

namespace {

struct Paths
{
    QString tlsDir, key, cert;
};

Paths pathsIn(const QString &dir)
{
    const QString tlsDir = dir + QStringLiteral("/tls");
    return {tlsDir, tlsDir + QStringLiteral("/key.pem"), tlsDir + QStringLiteral("/cert.pem")};
}

bool makeTlsDir(const QString &dir, const Paths &paths, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    if (::mkdir(QFile::encodeName(paths.tlsDir).constData(), 0700) != 0 && errno != EEXIST) {
        *error = sysError(QStringLiteral("cannot create %1").arg(paths.tlsDir));
        return false;
    }
    return true;
}

} // namespace

bool TlsIdentity::present(const QString &dir)
{
    const Paths paths = pathsIn(dir);
    return QFileInfo::exists(paths.key) || QFileInfo::exists(paths.cert);
}

std::optional<TlsIdentity> TlsIdentity::loadOrCreate(const QString &dir, QString *error)
{
    return present(dir) ? load(dir, error) : create(dir, error);
}

std::optional<TlsIdentity> TlsIdentity::create(const QString &dir, QString *error)
{
    QString scratch;
    if (!error)
        error = &scratch;
    const Paths paths = pathsIn(dir);
    if (!makeTlsDir(dir, paths, error))
        return std::nullopt;
    const QByteArray keyPem = generateKeyPem(error);
    if (keyPem.isEmpty())
        return std::nullopt;
    const Key key = importKey(keyPem, paths.key, error);
    if (!key)
        return std::nullopt;
    const QByteArray certPem = generateCertificatePem(key.get(), error);
    // The key first: a crash between the two leaves a certificate that does
    // not belong to the key, which load() refuses, never a silent new identity.
    if (certPem.isEmpty() || !writeAtomically(paths.key, keyPem, 0600, error)
        || !writeAtomically(paths.cert, certPem, 0644, error))
        return std::nullopt;
    return load(dir, error);
}

std::optional<TlsIdentity> TlsIdentity::load(const QString &dir, QString *error)
{
    QString scratch;
    if (!error)
        error = &scratch;
    const Paths paths = pathsIn(dir);
    const QString &keyPath = paths.key;
    const QString &certPath = paths.cert;
    for (const QString &path : {keyPath, certPath}) {
        if (!QFileInfo::exists(path)) {
            *error = QStringLiteral("%1 is missing").arg(path);
            return std::nullopt;
        }
    }
    const std::optional<QByteArray> keyPem = readFile(keyPath, true, error);
    if (!keyPem)
        return std::nullopt;
    const Key key = importKey(*keyPem, keyPath, error);
    if (!key)
        return std::nullopt;
    const std::optional<QByteArray> certPem = readFile(certPath, false, error);
    if (!certPem)
        return std::nullopt;

    gnutls_x509_crt_t rawCrt = nullptr;
    gnutls_pubkey_t rawPub = nullptr;
    int rc = gnutls_x509_crt_init(&rawCrt);
    Crt crt(rawCrt);
    if (rc == 0)
        rc = gnutls_pubkey_init(&rawPub);
    Pubkey pub(rawPub);
    const gnutls_datum_t d = datum(*certPem);
    gnutls_datum_t der {}, spki {};
    QByteArray certificateDer, publicKeyDer;
    if (rc == 0)
        rc = gnutls_x509_crt_import(crt.get(), &d, GNUTLS_X509_FMT_PEM);
    if (rc == 0 && (rc = gnutls_x509_crt_export2(crt.get(), GNUTLS_X509_FMT_DER, &der)) == 0)
        certificateDer = take(der);
    if (rc == 0)
        rc = gnutls_pubkey_import_x509(pub.get(), crt.get(), 0);
    if (rc == 0 && (rc = gnutls_pubkey_export2(pub.get(), GNUTLS_X509_FMT_DER, &spki)) == 0)
        publicKeyDer = take(spki);
    if (rc != 0) {
        *error = tlsError(QFile::encodeName(certPath).constData(), rc);
        return std::nullopt;
    }

    unsigned char certId[64], privId[64];
    size_t certIdSize = sizeof certId, privIdSize = sizeof privId;
    const int certRc =
        gnutls_x509_crt_get_key_id(crt.get(), GNUTLS_KEYID_USE_SHA256, certId, &certIdSize);
    const int privRc =
        gnutls_x509_privkey_get_key_id(key.get(), GNUTLS_KEYID_USE_SHA256, privId, &privIdSize);
    const QByteArray a = keyId(certRc, certId, certIdSize);
    const QByteArray b = keyId(privRc, privId, privIdSize);
    if (a.isEmpty() || a != b) {
        *error = QStringLiteral("%1 does not belong to %2").arg(certPath, keyPath);
        return std::nullopt;
    }

    TlsIdentity id;
    id.m_certificatePem = *certPem;
    id.m_privateKeyPem = *keyPem;
    id.m_certificateDer = certificateDer;
    id.m_publicKeyDer = publicKeyDer;
    return id;
}

QString TlsIdentity::fingerprint() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(m_certificateDer, QCryptographicHash::Sha256)
            .toHex(':')
            .toUpper());
}

QByteArray TlsIdentity::publicKeySha256Base64() const
{
    return QCryptographicHash::hash(m_publicKeyDer, QCryptographicHash::Sha256).toBase64();
}

} // namespace mamori::appliance
