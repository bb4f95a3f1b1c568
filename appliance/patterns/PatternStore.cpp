// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/patterns/PatternStore.h"

#include "appliance/fs/PosixIo.h"
#include "appliance/fs/StorageFault.h"
#include "appliance/patterns/FileOps_p.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cerrno>
#include <csignal>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

const QString kInvalid = QStringLiteral("invalid_argument");
const QString kConflict = QStringLiteral("conflict");
const QString kInternal = QStringLiteral("internal");

bool fail(QString *code, QString *message, const QString &c, const QString &m)
{
    *code = c;
    *message = m;
    return false;
}

// A write in the patterns folder failed: a full or read-only folder says
// so, anything else is `otherwise`.
bool failWrite(QString *code, QString *message, const QString &root, const QString &otherwise,
    const QString &m)
{
    const StorageFault fault = storageFaultOfFolder(root);
    if (fault == StorageFault::None)
        return fail(code, message, otherwise, m);
    return fail(code, message, protocol::errorCodeName(errorCodeFor(fault)),
        describeStorageFault(fault, root, m));
}

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QJsonObject versionToJson(const PatternVersion &v)
{
    PatternManifest m; // reuse the manifest's file list encoding
    m.files = v.files;
    const QJsonObject manifest = QJsonDocument::fromJson(m.toJson()).object();
    return {{QStringLiteral("version"), v.version},
        {QStringLiteral("released"), isoTime(v.released)},
        {QStringLiteral("installed"), isoTime(v.installed)},
        {QStringLiteral("signatures"), v.signatures}, {QStringLiteral("key_id"), v.keyId},
        {QStringLiteral("files"), manifest.value(QStringLiteral("files"))}};
}

std::optional<PatternVersion> versionFromJson(const QJsonObject &o)
{
    PatternVersion v;
    v.version = o.value(QStringLiteral("version")).toInteger();
    v.released = QDateTime::fromString(o.value(QStringLiteral("released")).toString(), Qt::ISODate);
    v.installed =
        QDateTime::fromString(o.value(QStringLiteral("installed")).toString(), Qt::ISODate);
    v.signatures = o.value(QStringLiteral("signatures")).toInteger();
    v.keyId = o.value(QStringLiteral("key_id")).toString();
    // The file list goes through the manifest parser, which refuses bad names.
    const QJsonObject manifest {{QStringLiteral("format"), kPatternBundleFormat},
        {QStringLiteral("version"), v.version}, {QStringLiteral("released"), isoTime(v.released)},
        {QStringLiteral("files"), o.value(QStringLiteral("files"))}};
    QString error;
    const auto parsed = PatternManifest::parse(QJsonDocument(manifest).toJson(), &error);
    if (!parsed)
        return std::nullopt;
    v.files = parsed->files;
    return v;
}

} // namespace

bool PatternStore::isRefusal(const QString &code)
{
    return code != kInternal && !code.startsWith(QLatin1String("storage_"));
}

PatternStore::PatternStore(const QString &dataDir)
    : m_root(QDir(dataDir).absoluteFilePath(QStringLiteral("patterns")))
{ }

QString PatternStore::trustedDir() const
{
    return m_root + QStringLiteral("/trusted");
}

QString PatternStore::versionDir(qint64 version) const
{
    return m_root + QStringLiteral("/versions/") + QString::number(version);
}

QString PatternStore::lockFile() const
{
    return m_root + QStringLiteral("/lock");
}

std::optional<PatternVersion> PatternStore::active() const
{
    for (const PatternVersion &v : m_versions)
        if (v.version == m_active)
            return v;
    return std::nullopt;
}

QList<PatternVersion> PatternStore::previous() const
{
    QList<PatternVersion> out;
    for (const PatternVersion &v : m_versions)
        if (v.version < m_active)
            out.append(v);
    return out;
}

bool PatternStore::open(QString *error)
{
    for (const QString &dir : {m_root, trustedDir(), m_root + QStringLiteral("/versions"),
             m_root + QStringLiteral("/staging")}) {
        if (!QDir().mkpath(dir)) {
            *error = QStringLiteral("cannot create %1").arg(dir);
            return false;
        }
    }
    fileops::DirectoryLock lock(lockFile());
    if (!lock.ok()) {
        *error = lock.error();
        return false;
    }
    if (!reload(error))
        return false;
    // A crash between moving a version in and saving the state leaves an
    // unlisted version directory behind; a dead installer leaves staging.
    const QDir versions(m_root + QStringLiteral("/versions"));
    for (const QString &name : versions.entryList(QDir::AllEntries | QDir::NoDotAndDotDot)) {
        const bool listed = std::any_of(m_versions.begin(), m_versions.end(),
            [&](const auto &v) { return QString::number(v.version) == name; });
        if (!listed)
            fileops::removeTree(versions.absoluteFilePath(name));
    }
    const QDir staging(m_root + QStringLiteral("/staging"));
    for (const QString &name : staging.entryList(QDir::AllEntries | QDir::NoDotAndDotDot)) {
        const pid_t pid = pid_t(name.section(QLatin1Char('-'), 0, 0).toLongLong());
        if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH))
            fileops::removeTree(staging.absoluteFilePath(name));
    }
    return true;
}

bool PatternStore::reload(QString *error)
{
    QFile file(m_root + QStringLiteral("/state.json"));
    m_versions.clear();
    m_active = 0;
    m_rolledBackFrom = 0;
    m_source = {};
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    // A state file is a few KiB; read(limit) would reserve the whole limit.
    constexpr qint64 kMaxStateBytes = 16 << 20;
    if (file.size() > kMaxStateBytes) {
        *error = QStringLiteral("%1 is damaged (larger than 16 MiB)").arg(file.fileName());
        return false;
    }
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue &value : o.value(QStringLiteral("versions")).toArray()) {
        const auto v = versionFromJson(value.toObject());
        if (!v) {
            *error = QStringLiteral("%1 is damaged").arg(file.fileName());
            return false;
        }
        m_versions.append(*v);
    }
    std::sort(m_versions.begin(), m_versions.end(),
        [](const auto &a, const auto &b) { return a.version > b.version; });
    m_active = o.value(QStringLiteral("active")).toInteger();
    m_rolledBackFrom = o.value(QStringLiteral("rolled_back_from")).toInteger();
    m_source = o.value(QStringLiteral("source")).toObject();
    if (m_active != 0 && !active()) {
        *error = QStringLiteral("%1 is damaged: no active version").arg(file.fileName());
        return false;
    }
    return true;
}

bool PatternStore::save(QString *error)
{
    QJsonArray versions;
    for (const PatternVersion &v : m_versions)
        versions.append(versionToJson(v));
    const QJsonObject o {{QStringLiteral("format"), 1}, {QStringLiteral("active"), m_active},
        {QStringLiteral("rolled_back_from"), m_rolledBackFrom},
        {QStringLiteral("versions"), versions}, {QStringLiteral("source"), m_source}};
    return fileops::writeAtomically(
        m_root + QStringLiteral("/state.json"), QJsonDocument(o).toJson(), 0644, error);
}

bool PatternStore::setSourceState(const QJsonObject &state, QString *error)
{
    fileops::DirectoryLock lock(lockFile());
    if (!lock.ok()) {
        *error = lock.error();
        return false;
    }
    if (!reload(error))
        return false;
    m_source = state;
    return save(error);
}

bool PatternStore::trustKey(const QString &publicKeyFile, QString *keyId, QString *error)
{
    const QByteArray key = patternkeys::readPublicKey(publicKeyFile, error);
    if (key.isEmpty())
        return false;
    if (!QDir().mkpath(trustedDir())) {
        *error = QStringLiteral("cannot create %1").arg(trustedDir());
        return false;
    }
    *keyId = patternkeys::keyId(key);
    // Written from the decoded key, so the trusted file is always canonical.
    return fileops::writeAtomically(
        trustedDir() + QLatin1Char('/') + *keyId + QStringLiteral(".pub"), key.toBase64() + '\n',
        0644, error);
}

bool PatternStore::prepare(const QString &bundle, qint64 mustExceed,
    const ScanEngine::Limits &limits, Prepared *out, QString *code, QString *message) const
{
    QString error;
    const QHash<QString, QByteArray> trusted = patternkeys::loadTrusted(trustedDir(), &error);
    PatternBundleReader reader;
    if (!reader.open(bundle, trusted, &error)) {
        if (trusted.isEmpty())
            error += QStringLiteral(" (no key is trusted yet: see 'pattern trust')");
        return fail(code, message, kInvalid, error);
    }
    const PatternManifest &m = reader.manifest();
    out->info.version = m.version; // lets a refusal name the version
    if (m.version <= mustExceed)
        return fail(code, message, kConflict,
            QStringLiteral("version %1 is not newer than the installed version %2")
                .arg(m.version)
                .arg(mustExceed));
    char random[8];
    randombytes_buf(random, sizeof random);
    out->stagingDir = m_root
        + QStringLiteral("/staging/%1-%2")
              .arg(::getpid())
              .arg(QString::fromLatin1(QByteArray(random, sizeof random).toHex()));
    if (::mkdir(QFile::encodeName(out->stagingDir).constData(), 0755) != 0)
        return failWrite(code, message, m_root, kInternal,
            QStringLiteral("cannot create %1: %2").arg(out->stagingDir, fs::errnoText()));
    if (!reader.extractTo(out->stagingDir, &error)) {
        discard(out);
        return failWrite(code, message, m_root, kInvalid, error);
    }
    out->engine = ScanEngine::compile(out->stagingDir, limits, &error);
    if (!out->engine) {
        discard(out);
        return fail(code, message, kInvalid,
            QStringLiteral("version %1 does not compile: %2").arg(m.version).arg(error));
    }
    out->info.version = m.version;
    out->info.released = m.released;
    out->info.signatures = out->engine->signatureCount();
    out->info.keyId = reader.keyId();
    out->info.files = m.files;
    return true;
}

void PatternStore::discard(Prepared *prepared) const
{
    if (!prepared->stagingDir.isEmpty())
        fileops::removeTree(prepared->stagingDir);
    prepared->stagingDir.clear();
}

bool PatternStore::commit(Prepared *prepared, QString *code, QString *message, const QString &how)
{
    fileops::DirectoryLock lock(lockFile());
    QString error;
    if (!lock.ok() || !reload(&error)) {
        discard(prepared);
        return fail(code, message, kInternal, lock.ok() ? error : lock.error());
    }
    PatternVersion info = prepared->info;
    if (info.version <= m_active) {
        discard(prepared);
        return fail(code, message, kConflict,
            QStringLiteral("version %1 is not newer than the installed version %2")
                .arg(info.version)
                .arg(m_active));
    }
    const QString target = versionDir(info.version);
    fileops::removeTree(target); // a leftover of a version rolled back earlier
    if (::rename(QFile::encodeName(prepared->stagingDir).constData(),
            QFile::encodeName(target).constData())
            != 0
        || !fileops::syncDirectory(m_root + QStringLiteral("/versions"), &error)) {
        if (error.isEmpty())
            error = fs::errnoText();
        discard(prepared);
        return failWrite(
            code, message, m_root, kInternal, QStringLiteral("cannot install: %1").arg(error));
    }
    prepared->stagingDir.clear();
    if (m_beforeActivation && !m_beforeActivation(m_active, info.version, how, code, message)) {
        fileops::removeTree(target);
        return false;
    }
    info.installed = QDateTime::currentDateTimeUtc();
    m_versions.prepend(info);
    m_active = info.version;
    QList<qint64> pruned;
    while (m_versions.size() > 1 + kKeepPrevious)
        pruned.append(m_versions.takeLast().version);
    if (!save(&error)) {
        QString ignored;
        reload(&ignored);
        fileops::removeTree(target);
        return failWrite(code, message, m_root, kInternal, error);
    }
    for (qint64 v : pruned)
        fileops::removeTree(versionDir(v));
    prepared->info = info;
    return true;
}

bool PatternStore::install(const QString &bundle, const ScanEngine::Limits &limits,
    Prepared *installed, QString *code, QString *message)
{
    return prepare(bundle, m_active, limits, installed, code, message)
        && commit(installed, code, message, QStringLiteral("import"));
}

std::shared_ptr<const ScanEngine> PatternStore::compileVersion(
    const PatternVersion &v, const ScanEngine::Limits &limits, QString *error) const
{
    // The files were verified when installed; checking again catches a disk
    // fault or a hand edit before it becomes the engine.
    if (!verifyPatternFiles(versionDir(v.version), v.files, error))
        return nullptr;
    return ScanEngine::compile(versionDir(v.version), limits, error);
}

std::shared_ptr<const ScanEngine> PatternStore::compileActive(
    const ScanEngine::Limits &limits, QString *error) const
{
    const auto v = active();
    return v ? compileVersion(*v, limits, error) : nullptr;
}

bool PatternStore::allowAgain(QString *error)
{
    fileops::DirectoryLock lock(lockFile());
    if (!lock.ok()) {
        *error = lock.error();
        return false;
    }
    if (!reload(error))
        return false;
    m_rolledBackFrom = 0;
    return save(error);
}

bool PatternStore::rollback(const ScanEngine::Limits &limits,
    std::shared_ptr<const ScanEngine> *engine, QString *code, QString *message)
{
    fileops::DirectoryLock lock(lockFile());
    QString error;
    if (!lock.ok() || !reload(&error))
        return fail(code, message, kInternal, lock.ok() ? error : lock.error());
    const QList<PatternVersion> older = previous();
    if (!active() || older.isEmpty())
        return fail(code, message, kConflict,
            QStringLiteral("there is no earlier version to roll back to"));
    const PatternVersion &target = older.first();
    auto compiled = compileVersion(target, limits, &error);
    if (!compiled)
        return fail(code, message, kInternal,
            QStringLiteral("version %1 cannot be used: %2").arg(target.version).arg(error));
    const qint64 from = m_active;
    if (m_beforeActivation
        && !m_beforeActivation(from, target.version, QStringLiteral("rollback"), code, message))
        return false;
    m_rolledBackFrom = qMax(m_rolledBackFrom, from);
    m_active = target.version;
    m_versions.removeIf([from](const PatternVersion &v) { return v.version == from; });
    if (!save(&error)) {
        QString ignored;
        reload(&ignored);
        return failWrite(code, message, m_root, kInternal, error);
    }
    fileops::removeTree(versionDir(from));
    *engine = std::move(compiled);
    return true;
}

} // namespace mamori::appliance
