// SPDX-License-Identifier: GPL-2.0-or-later
// The pattern bundle reader and its manifest parser (docs/patterns.md). An
// input that starts with the bundle magic is a whole bundle: the harness
// signs its manifest again with a key of its own that it trusts under the
// header's key id (a fuzzer cannot forge Ed25519, and the code after the
// signature check is what needs the inputs), opens it, extracts it into an
// empty folder and checks that what came out is what the manifest lists. Any
// other input is a manifest: what parse() accepts must write back (toJson)
// into a manifest that parses to the same content.

#include "FuzzCheck.h"
#include "appliance/patterns/PatternBundle.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtEndian>

#include <sodium.h>

using namespace mamori::appliance;
using mamori::fuzz::check;

namespace {

constexpr char kMagic[] = "MAMORIPB";

struct Fixture
{
    QTemporaryDir work; // in TMPDIR: point it at a tmpfs for long runs
    QByteArray publicKey, secretKey;
};

Fixture &fixture()
{
    static Fixture *f = [] {
        auto *made = new Fixture;
        check(made->work.isValid() && sodium_init() >= 0, "the harness's fixture is set up");
        unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        const unsigned char seed[crypto_sign_SEEDBYTES] = {'m', 'a', 'm', 'o', 'r', 'i'};
        crypto_sign_seed_keypair(pk, sk, seed);
        made->publicKey = QByteArray(reinterpret_cast<const char *>(pk), sizeof pk);
        made->secretKey = QByteArray(reinterpret_cast<const char *>(sk), sizeof sk);
        return made;
    }();
    return *f;
}

void checkManifest(const QByteArray &json)
{
    QString error;
    const auto m = PatternManifest::parse(json, &error);
    if (!m) {
        check(!error.isEmpty(), "a refused manifest says why");
        return;
    }
    const auto again = PatternManifest::parse(m->toJson(), &error);
    check(again.has_value(), "what parse() accepts, toJson() writes back readable", error);
    check(again->version == m->version && again->files.size() == m->files.size()
            && again->released.toSecsSinceEpoch() == m->released.toSecsSinceEpoch(),
        "a manifest written back has the same content");
    for (qsizetype i = 0; i < m->files.size(); ++i) {
        const PatternFile &a = m->files.at(i), &b = again->files.at(i);
        check(a.name == b.name && a.size == b.size && a.sha256 == b.sha256,
            "a manifest written back lists the same files");
        check(isPatternFileName(a.name), "a listed file has an acceptable name", a.name);
    }
}

void checkBundle(QByteArray bundle)
{
    Fixture &f = fixture();
    QHash<QString, QByteArray> trusted;
    if (bundle.size() >= kPatternBundleHeaderBytes) {
        const quint32 manifestSize = qFromBigEndian<quint32>(bundle.constData() + 84);
        if (manifestSize <= bundle.size() - kPatternBundleHeaderBytes) {
            crypto_sign_detached(reinterpret_cast<unsigned char *>(bundle.data() + 20), nullptr,
                reinterpret_cast<const unsigned char *>(bundle.constData() + 88), manifestSize,
                reinterpret_cast<const unsigned char *>(f.secretKey.constData()));
        }
        trusted.insert(QString::fromLatin1(bundle.mid(12, 8).toHex()), f.publicKey);
    }
    const QString path = f.work.filePath(QStringLiteral("input.mpb"));
    {
        QFile out(path);
        check(out.open(QIODevice::WriteOnly | QIODevice::Truncate)
                && out.write(bundle) == bundle.size(),
            "the harness writes its input");
    }
    QString error;
    {
        PatternBundleReader untrusted;
        check(!untrusted.open(path, {}, &error) && !error.isEmpty(),
            "no bundle opens without a trusted key");
    }
    PatternBundleReader reader;
    error.clear();
    if (!reader.open(path, trusted, &error)) {
        check(!error.isEmpty(), "a refused bundle says why");
        return;
    }
    const QString dir = f.work.filePath(QStringLiteral("extracted"));
    QDir(dir).removeRecursively();
    check(QDir().mkdir(dir), "the harness makes an empty folder");
    if (reader.extractTo(dir, &error))
        check(verifyPatternFiles(dir, reader.manifest().files, &error),
            "an extracted bundle holds exactly the files its manifest lists", error);
    else
        check(!error.isEmpty(), "a refused extraction says why");
    QDir(dir).removeRecursively();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = mamori::fuzz::bytesOf(data, size);
    if (input.startsWith(kMagic))
        checkBundle(QByteArray(input.constData(), input.size()));
    else
        checkManifest(input);
    return 0;
}
