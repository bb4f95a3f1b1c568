// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// A pattern bundle: one file holding a signed manifest and the signature
// files it lists. The layout is in docs/patterns.md; keep the two in step.
namespace mamori::appliance {

inline constexpr int kPatternBundleFormat = 1;
inline constexpr qint64 kMaxPatternBundleBytes = 512ll << 20;
inline constexpr int kMaxPatternBundleFiles = 1000;
inline constexpr qint64 kMaxPatternManifestBytes = 1ll << 20;
// magic (8) + format (4) + key id (8) + signature (64) + manifest length (4)
inline constexpr qint64 kPatternBundleHeaderBytes = 88;

struct PatternFile
{
    QString name;
    qint64 size = 0;
    QByteArray sha256; // lower-case hex
};

struct PatternManifest
{
    int format = kPatternBundleFormat;
    qint64 version = 0;
    QDateTime released; // UTC, whole seconds
    QList<PatternFile> files;

    // The exact bytes that are signed and stored in the bundle.
    QByteArray toJson() const;
    // Strict: unknown keys, wrong types, bad names, duplicates and values
    // out of range are all refused.
    static std::optional<PatternManifest> parse(const QByteArray &json, QString *error);
};

// A plain file name of a kind libclamav loads (.hdb, .ndb, .cvd, ...): no
// directory part, not hidden, only [A-Za-z0-9._-].
bool isPatternFileName(const QString &name);

// Checks that `dir` holds exactly `files`, each with its size and SHA-256.
bool verifyPatternFiles(const QString &dir, const QList<PatternFile> &files, QString *error);

namespace patternkeys {

// "0123456789abcdef": the first 8 bytes of the SHA-256 of the public key.
QString keyId(const QByteArray &publicKey);
// Key files hold one line: the base64 of the raw libsodium key.
QByteArray readPublicKey(const QString &path, QString *error);
// Refuses a secret key file that others than its owner may read.
QByteArray readSecretKey(const QString &path, QString *error);
// Writes DIR/pattern.key (0600) and DIR/pattern.pub; never overwrites.
bool generate(const QString &dir, QString *keyId, QString *error);
// Public keys in `dir` (*.pub) by key id; unreadable ones are reported.
QHash<QString, QByteArray> loadTrusted(const QString &dir, QString *error);

} // namespace patternkeys

// Signs and writes a bundle of `files` (paths; each keeps its file name).
bool writePatternBundle(const QString &out, const QByteArray &secretKey, qint64 version,
    const QDateTime &released, const QStringList &files, QString *error);

// Reads a bundle: open() verifies the header and the manifest's signature,
// extractTo() then copies the files out checking each against the manifest.
class PatternBundleReader
{
public:
    bool open(const QString &path, const QHash<QString, QByteArray> &trustedKeys, QString *error);
    const PatternManifest &manifest() const { return m_manifest; }
    const QString &keyId() const { return m_keyId; }
    // `dir` must exist and be empty.
    bool extractTo(const QString &dir, QString *error);

private:
    QFile m_file;
    PatternManifest m_manifest;
    QString m_keyId;
};

} // namespace mamori::appliance
