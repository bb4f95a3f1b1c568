// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/patterns/PatternBundle.h"

#include "appliance/fs/PosixIo.h"
#include "appliance/patterns/FileOps_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QtEndian>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

constexpr char kMagic[8] = {'M', 'A', 'M', 'O', 'R', 'I', 'P', 'B'};
constexpr qint64 kChunk = 1 << 20;
constexpr qint64 kMaxJsonInteger = (1ll << 53) - 1; // exact in a JSON number

// The extensions libclamav's cl_load() picks up from a directory.
const QSet<QString> &signatureExtensions()
{
    static const QSet<QString> set = {QStringLiteral("db"), QStringLiteral("hdb"),
        QStringLiteral("hdu"), QStringLiteral("fp"), QStringLiteral("sfp"), QStringLiteral("mdb"),
        QStringLiteral("mdu"), QStringLiteral("hsb"), QStringLiteral("hsu"), QStringLiteral("msb"),
        QStringLiteral("msu"), QStringLiteral("ndb"), QStringLiteral("ndu"), QStringLiteral("ldb"),
        QStringLiteral("ldu"), QStringLiteral("sdb"), QStringLiteral("zmd"), QStringLiteral("rmd"),
        QStringLiteral("pdb"), QStringLiteral("gdb"), QStringLiteral("wdb"), QStringLiteral("cbc"),
        QStringLiteral("ftm"), QStringLiteral("cfg"), QStringLiteral("cvd"), QStringLiteral("cld"),
        QStringLiteral("cud"), QStringLiteral("cdb"), QStringLiteral("cat"), QStringLiteral("crb"),
        QStringLiteral("idb"), QStringLiteral("ioc"), QStringLiteral("yar"), QStringLiteral("yara"),
        QStringLiteral("pwdb"), QStringLiteral("ign"), QStringLiteral("ign2"),
        QStringLiteral("imp")};
    return set;
}

QByteArray sha256Hex(QIODevice *device, qint64 size)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 left = size;
    while (left > 0) {
        const QByteArray chunk = device->read(qMin(left, kChunk));
        if (chunk.isEmpty())
            return {};
        hash.addData(chunk);
        left -= chunk.size();
    }
    return hash.result().toHex();
}

bool readExactly(QIODevice *device, char *out, qint64 size)
{
    return device->read(out, size) == size;
}

QString describeMissing(const QString &name)
{
    return QStringLiteral("the bundle ends inside '%1' (truncated)").arg(name);
}

} // namespace

bool isPatternFileName(const QString &name)
{
    if (name.isEmpty() || name.size() > 128 || name.startsWith(QLatin1Char('.')))
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')
            || (u >= '0' && u <= '9') || u == '.' || u == '_' || u == '-';
        if (!plain)
            return false;
    }
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot > 0 && signatureExtensions().contains(name.mid(dot + 1).toLower());
}

QByteArray PatternManifest::toJson() const
{
    QJsonArray list;
    for (const PatternFile &f : files)
        list.append(QJsonObject {{QStringLiteral("name"), f.name}, {QStringLiteral("size"), f.size},
            {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)}});
    const QJsonObject o {{QStringLiteral("format"), format}, {QStringLiteral("version"), version},
        {QStringLiteral("released"), released.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("files"), list}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<PatternManifest> PatternManifest::parse(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &why) {
        *error = QStringLiteral("manifest: %1").arg(why);
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return fail(parseError.error ? parseError.errorString() : QStringLiteral("not an object"));
    const QJsonObject o = doc.object();
    const QSet<QString> keys {QStringLiteral("format"), QStringLiteral("version"),
        QStringLiteral("released"), QStringLiteral("files")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!keys.contains(it.key()))
            return fail(QStringLiteral("unknown field '%1'").arg(it.key()));
    auto integer = [](const QJsonValue &v, qint64 min, qint64 max) -> std::optional<qint64> {
        if (!v.isDouble() || v.toDouble() != double(v.toInteger()))
            return std::nullopt;
        const qint64 n = v.toInteger();
        return n >= min && n <= max ? std::optional<qint64>(n) : std::nullopt;
    };
    PatternManifest m;
    if (integer(o.value(QStringLiteral("format")), 1, 1000) != kPatternBundleFormat)
        return fail(QStringLiteral("unsupported format"));
    const auto version = integer(o.value(QStringLiteral("version")), 1, kMaxJsonInteger);
    if (!version)
        return fail(QStringLiteral("'version' must be a positive integer"));
    m.version = *version;
    const QString released = o.value(QStringLiteral("released")).toString();
    m.released = QDateTime::fromString(released, Qt::ISODate);
    if (!released.endsWith(QLatin1Char('Z')) || !m.released.isValid())
        return fail(QStringLiteral("'released' must be an ISO 8601 UTC time"));
    const QJsonValue files = o.value(QStringLiteral("files"));
    if (!files.isArray() || files.toArray().isEmpty()
        || files.toArray().size() > kMaxPatternBundleFiles)
        return fail(QStringLiteral("'files' must list 1 to %1 files").arg(kMaxPatternBundleFiles));
    QSet<QString> seen;
    qint64 total = 0;
    for (const QJsonValue &v : files.toArray()) {
        const QJsonObject f = v.toObject();
        if (!v.isObject() || f.size() != 3)
            return fail(QStringLiteral("each file must be {name, size, sha256}"));
        PatternFile pf;
        pf.name = f.value(QStringLiteral("name")).toString();
        const auto size = integer(f.value(QStringLiteral("size")), 0, kMaxPatternBundleBytes);
        pf.sha256 = f.value(QStringLiteral("sha256")).toString().toLatin1();
        if (!isPatternFileName(pf.name))
            return fail(QStringLiteral("'%1' is not an acceptable file name").arg(pf.name));
        if (seen.contains(pf.name.toLower()))
            return fail(QStringLiteral("'%1' is listed twice").arg(pf.name));
        if (!size)
            return fail(QStringLiteral("'%1': bad size").arg(pf.name));
        const bool hex = pf.sha256.size() == 64
            && std::all_of(pf.sha256.begin(), pf.sha256.end(),
                [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
        if (!hex)
            return fail(QStringLiteral("'%1': bad sha256").arg(pf.name));
        seen.insert(pf.name.toLower());
        pf.size = *size;
        total += pf.size;
        m.files.append(pf);
    }
    if (total > kMaxPatternBundleBytes)
        return fail(QStringLiteral("the files add up to more than 512 MiB"));
    return m;
}

bool verifyPatternFiles(const QString &dir, const QList<PatternFile> &files, QString *error)
{
    const QStringList present =
        QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    if (present.size() != files.size()) {
        *error = QStringLiteral("%1 holds %2 files, expected %3")
                     .arg(dir, QString::number(present.size()), QString::number(files.size()));
        return false;
    }
    for (const PatternFile &f : files) {
        QFile file(dir + QLatin1Char('/') + f.name);
        const QFileInfo info(file.fileName());
        if (info.isSymLink() || !info.isFile() || info.size() != f.size
            || !file.open(QIODevice::ReadOnly) || sha256Hex(&file, f.size) != f.sha256) {
            *error = QStringLiteral("%1 is missing or altered").arg(file.fileName());
            return false;
        }
    }
    return true;
}

bool writePatternBundle(const QString &out, const QByteArray &secretKey, qint64 version,
    const QDateTime &released, const QStringList &files, QString *error)
{
    if (secretKey.size() != crypto_sign_SECRETKEYBYTES || sodium_init() < 0) {
        *error = QStringLiteral("not an Ed25519 secret key");
        return false;
    }
    if (version < 1 || version > kMaxJsonInteger) {
        *error = QStringLiteral("the version must be a positive integer");
        return false;
    }
    PatternManifest m;
    m.version = version;
    m.released = QDateTime::fromSecsSinceEpoch(released.toSecsSinceEpoch(), Qt::UTC);
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        m.files.append({QFileInfo(path).fileName(), file.size(), sha256Hex(&file, file.size())});
    }
    // Build exactly what a reader accepts, so a bad input fails here and not
    // on every appliance.
    const QByteArray manifest = m.toJson();
    if (!PatternManifest::parse(manifest, error))
        return false;
    qint64 total = kPatternBundleHeaderBytes + manifest.size();
    for (const PatternFile &f : m.files)
        total += f.size;
    if (manifest.size() > kMaxPatternManifestBytes || total > kMaxPatternBundleBytes) {
        *error = QStringLiteral("the bundle would be larger than 512 MiB");
        return false;
    }
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr,
        reinterpret_cast<const unsigned char *>(manifest.constData()), quint64(manifest.size()),
        reinterpret_cast<const unsigned char *>(secretKey.constData()));
    const QByteArray publicKey = secretKey.right(crypto_sign_PUBLICKEYBYTES);

    QByteArray header(kMagic, sizeof kMagic);
    char word[4];
    qToBigEndian<quint32>(kPatternBundleFormat, word);
    header.append(word, 4);
    header.append(QByteArray::fromHex(patternkeys::keyId(publicKey).toLatin1()));
    header.append(reinterpret_cast<const char *>(signature), sizeof signature);
    qToBigEndian<quint32>(quint32(manifest.size()), word);
    header.append(word, 4);

    QSaveFile save(out);
    bool ok = save.open(QIODevice::WriteOnly) && save.write(header) == header.size()
        && save.write(manifest) == manifest.size();
    for (int i = 0; ok && i < files.size(); ++i) {
        QFile in(files.at(i));
        ok = in.open(QIODevice::ReadOnly) && in.size() == m.files.at(i).size;
        for (qint64 left = m.files.at(i).size; ok && left > 0;) {
            const QByteArray chunk = in.read(qMin(left, kChunk));
            ok = !chunk.isEmpty() && save.write(chunk) == chunk.size();
            left -= chunk.size();
        }
    }
    if (!ok || !save.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(out, save.errorString());
        return false;
    }
    return true;
}

bool PatternBundleReader::open(
    const QString &path, const QHash<QString, QByteArray> &trustedKeys, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, m_file.errorString());
        return false;
    }
    const qint64 size = m_file.size();
    if (size > kMaxPatternBundleBytes) {
        *error = QStringLiteral("the bundle is larger than 512 MiB");
        return false;
    }
    char header[kPatternBundleHeaderBytes];
    if (size < kPatternBundleHeaderBytes || !readExactly(&m_file, header, sizeof header)
        || memcmp(header, kMagic, sizeof kMagic) != 0) {
        *error = QStringLiteral("not a Mamori pattern bundle");
        return false;
    }
    if (qFromBigEndian<quint32>(header + 8) != kPatternBundleFormat) {
        *error =
            QStringLiteral("unsupported bundle format %1").arg(qFromBigEndian<quint32>(header + 8));
        return false;
    }
    m_keyId = QString::fromLatin1(QByteArray(header + 12, 8).toHex());
    const unsigned char *signature = reinterpret_cast<const unsigned char *>(header + 20);
    const qint64 manifestSize = qFromBigEndian<quint32>(header + 84);
    if (manifestSize < 2 || manifestSize > kMaxPatternManifestBytes
        || manifestSize > size - kPatternBundleHeaderBytes) {
        *error = QStringLiteral("the manifest length is out of range");
        return false;
    }
    const QByteArray manifest = m_file.read(manifestSize);
    const auto key = trustedKeys.constFind(m_keyId);
    if (key == trustedKeys.constEnd()) {
        *error =
            QStringLiteral("signed by key %1, which this appliance does not trust").arg(m_keyId);
        return false;
    }
    if (manifest.size() != manifestSize || sodium_init() < 0
        || crypto_sign_verify_detached(signature,
               reinterpret_cast<const unsigned char *>(manifest.constData()),
               quint64(manifest.size()), reinterpret_cast<const unsigned char *>(key->constData()))
            != 0) {
        *error = QStringLiteral("the manifest's signature is not valid for key %1").arg(m_keyId);
        return false;
    }
    const auto parsed = PatternManifest::parse(manifest, error);
    if (!parsed)
        return false;
    m_manifest = *parsed;
    qint64 expected = kPatternBundleHeaderBytes + manifestSize;
    for (const PatternFile &f : m_manifest.files)
        expected += f.size;
    if (expected != size) {
        *error = expected < size ? QStringLiteral("the bundle has data its manifest does not list")
                                 : QStringLiteral("the bundle is shorter than its manifest says");
        return false;
    }
    return true;
}

bool PatternBundleReader::extractTo(const QString &dir, QString *error)
{
    for (const PatternFile &f : m_manifest.files) {
        const QString target = dir + QLatin1Char('/') + f.name;
        const int fd = ::open(QFile::encodeName(target).constData(),
            O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        QFile out;
        if (fd < 0 || !out.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
            *error = QStringLiteral("cannot create %1: %2").arg(target, fs::errnoText());
            if (fd >= 0)
                ::close(fd);
            return false;
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (qint64 left = f.size; left > 0;) {
            const QByteArray chunk = m_file.read(qMin(left, kChunk));
            if (chunk.isEmpty()) {
                *error = describeMissing(f.name);
                return false;
            }
            hash.addData(chunk);
            if (out.write(chunk) != chunk.size()) {
                *error = QStringLiteral("cannot write %1: %2").arg(target, out.errorString());
                return false;
            }
            left -= chunk.size();
        }
        if (!out.flush() || ::fsync(out.handle()) != 0) {
            *error = QStringLiteral("cannot write %1: %2").arg(target, fs::errnoText());
            return false;
        }
        if (hash.result().toHex() != f.sha256) {
            *error = QStringLiteral("'%1' does not match its SHA-256 in the manifest").arg(f.name);
            return false;
        }
    }
    char extra;
    if (m_file.read(&extra, 1) != 0) {
        *error = QStringLiteral("the bundle has data its manifest does not list");
        return false;
    }
    return fileops::syncDirectory(dir, error);
}

} // namespace mamori::appliance
