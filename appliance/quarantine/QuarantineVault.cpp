// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/quarantine/QuarantineVault.h"

#include "appliance/fs/GuestPath.h"
#include "appliance/quarantine/VaultIo_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {

using protocol::ErrorCode;
using namespace vaultio;

namespace {

constexpr qsizetype kChunk = 1 << 20;

bool fail(QuarantineError *error, ErrorCode code, const QString &message)
{
    if (error)
        *error = {code, message};
    return false;
}

// A file that is not there (any more) is not found; one whose path now runs
// through a symbolic link is not touched at all.
ErrorCode codeForErrno(int err)
{
    switch (err) {
    case ENOENT:
    case ENOTDIR:
        return ErrorCode::NotFound;
    case ELOOP:
    case EXDEV:
        return ErrorCode::UnsafePath;
    default:
        return ErrorCode::Internal;
    }
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return bytes;
}

bool validId(const QString &id)
{
    if (id.size() != 34 || !id.startsWith(QLatin1String("q-")))
        return false;
    return std::all_of(id.begin() + 2, id.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray metadataJson(const QuarantineItem &item, const QByteArray &key)
{
    QJsonObject o = item.toJson();
    o.insert(QStringLiteral("format"), 2);
    o.insert(QStringLiteral("mtime_sec"), item.mtimeSec);
    o.insert(QStringLiteral("mtime_nsec"), item.mtimeNsec);
    o.insert(QStringLiteral("key"), QString::fromLatin1(key.toHex()));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

} // namespace

QJsonObject QuarantineItem::toJson() const
{
    const QDateTime mtime =
        QDateTime::fromMSecsSinceEpoch(mtimeSec * 1000 + mtimeNsec / 1000000, Qt::UTC);
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("root"), original.root},
        {QStringLiteral("path"), fs::displayPath(original.path)},
        {QStringLiteral("original_path"), original.hostPath()},
        {QStringLiteral("owner"), static_cast<qint64>(owner)},
        {QStringLiteral("group"), static_cast<qint64>(group)},
        {QStringLiteral("mode"), QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'))},
        {QStringLiteral("mtime"), isoTime(mtime)},
        {QStringLiteral("size"), size},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("quarantined"), isoTime(quarantined)},
    };
}

QuarantineVault::QuarantineVault(const QString &dataDir)
    : m_dataDir(dataDir), m_path(dataDir + QStringLiteral("/quarantine"))
{ }

QuarantineVault::~QuarantineVault()
{
    if (m_dirFd >= 0)
        ::close(m_dirFd);
}

bool QuarantineVault::open(QString *error)
{
    const QByteArray path = QFile::encodeName(m_path);
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST) {
        *error = QStringLiteral("cannot create %1: %2").arg(m_path, errnoText(errno));
        return false;
    }
    const int fd = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || ::fchmod(fd, 0700) != 0) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, errnoText(errno));
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    if (m_dirFd >= 0)
        ::close(m_dirFd);
    m_dirFd = fd;
    return true;
}

void QuarantineVault::fault(const char *point) const
{
    if (m_faultHook)
        m_faultHook(point);
}

std::optional<QuarantineVault::Loaded> QuarantineVault::load(const QString &id) const
{
    QByteArray data;
    if (m_dirFd < 0 || !validId(id) || !readSmallFile(m_dirFd, id + QStringLiteral(".json"), &data))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    Loaded loaded;
    QuarantineItem &it = loaded.item;
    it.id = o.value(QStringLiteral("id")).toString();
    it.original = vmFileOf(o, QStringLiteral("path"));
    it.owner = static_cast<uint>(o.value(QStringLiteral("owner")).toInteger());
    it.group = static_cast<uint>(o.value(QStringLiteral("group")).toInteger());
    it.mode = o.value(QStringLiteral("mode")).toString().toUInt(nullptr, 8);
    it.mtimeSec = o.value(QStringLiteral("mtime_sec")).toInteger();
    it.mtimeNsec = o.value(QStringLiteral("mtime_nsec")).toInteger();
    it.size = o.value(QStringLiteral("size")).toInteger(-1);
    it.sha256 = o.value(QStringLiteral("sha256")).toString();
    it.quarantined =
        QDateTime::fromString(o.value(QStringLiteral("quarantined")).toString(), Qt::ISODateWithMs);
    loaded.key = QByteArray::fromHex(o.value(QStringLiteral("key")).toString().toLatin1());
    if (it.id != id || it.original.path.isEmpty() || it.size < 0 || it.sha256.size() != 64
        || loaded.key.size() != 32)
        return std::nullopt;
    return loaded;
}

std::optional<QuarantineItem> QuarantineVault::item(const QString &id) const
{
    if (auto loaded = load(id))
        return loaded->item;
    return std::nullopt;
}

QList<QuarantineItem> QuarantineVault::list() const
{
    QList<QuarantineItem> items;
    const QStringList names = QDir(m_path).entryList({QStringLiteral("q-*.json")}, QDir::Files);
    for (const QString &name : names) {
        if (auto loaded = load(name.chopped(5)))
            items.append(loaded->item);
    }
    std::sort(items.begin(), items.end(), [](const QuarantineItem &a, const QuarantineItem &b) {
        return a.quarantined < b.quarantined;
    });
    return items;
}

bool QuarantineVault::removeEntry(const QString &id)
{
    // Metadata first: once it is gone the item is gone, and a blob left
    // behind by a crash is an orphan that recover() deletes.
    const bool ok = unlinkIfExists(m_dirFd, id + QStringLiteral(".json")) && syncDirectory(m_dirFd)
        && unlinkIfExists(m_dirFd, id + QStringLiteral(".blob"));
    syncDirectory(m_dirFd);
    return ok;
}

bool QuarantineVault::abortQuarantine(
    const QString &id, QuarantineError *error, ErrorCode code, const QString &message)
{
    // Nothing has touched the original yet: dropping the vault side is safe.
    removeEntry(id);
    unlinkIfExists(m_dirFd, id + QStringLiteral(".json.tmp"));
    unlinkIfExists(m_dirFd, id + QStringLiteral(".intent"));
    syncDirectory(m_dirFd);
    return fail(error, code, message);
}

bool QuarantineVault::quarantine(const fs::VmFile &file, QuarantineItem *item,
    QuarantineError *error, const QString &expectedSha256, const QString &wantedId)
{
    if (m_dirFd < 0)
        return fail(error, ErrorCode::Internal, QStringLiteral("the quarantine vault is not open"));
    if (!wantedId.isEmpty() && (!validId(wantedId) || load(wantedId)))
        return fail(error, ErrorCode::Internal,
            QStringLiteral("the quarantine item name %1 is not free").arg(wantedId));
    fs::VmFile original {file.root, {}};
    if (!fs::normalizeVmPath(file.path, &original.path) || original.path == "/")
        return fail(error, ErrorCode::InvalidArgument,
            QStringLiteral("not a file path inside the VM: %1").arg(fs::displayPath(file.path)));
    const QString hostPath = original.hostPath();
    const fs::VmRoot root(original.root);
    if (!root.isOpen())
        return fail(error, ErrorCode::NotFound,
            QStringLiteral("the VM root %1 cannot be opened: %2")
                .arg(original.root, errnoText(errno)));
    QByteArray encName;
    const Fd dir = root.openParent(original.path, &encName);
    if (!dir.valid())
        return fail(error, codeForErrno(errno),
            QStringLiteral("cannot open the folder of %1: %2")
                .arg(hostPath, fs::resolveErrorText(errno)));
    const Fd src(::openat(
        dir.get(), encName.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (!src.valid())
        return fail(error, codeForErrno(errno),
            QStringLiteral("cannot open %1: %2").arg(hostPath, fs::resolveErrorText(errno)));
    struct stat before
    {
    };
    if (::fstat(src.get(), &before) != 0 || !S_ISREG(before.st_mode))
        return fail(error, ErrorCode::InvalidArgument,
            QStringLiteral("%1 is not a regular file").arg(hostPath));

    QuarantineItem it;
    it.id = wantedId.isEmpty() ? QStringLiteral("q-") + QString::fromLatin1(randomBytes(16).toHex())
                               : wantedId;
    it.original = original;
    it.owner = before.st_uid;
    it.group = before.st_gid;
    it.mode = before.st_mode & 07777;
    it.mtimeSec = before.st_mtim.tv_sec;
    it.mtimeNsec = before.st_mtim.tv_nsec;
    it.size = before.st_size;
    it.quarantined = QDateTime::currentDateTimeUtc();
    const QByteArray key = randomBytes(32);
    const QString id = it.id;

    const QJsonObject intent {{QStringLiteral("op"), QStringLiteral("quarantine")},
        {QStringLiteral("root"), original.root},
        {QStringLiteral("path"), fs::displayPath(original.path)},
        {QStringLiteral("time"), isoTime(it.quarantined)}};
    QString ioError;
    if (!writeFileAtomically(
            m_dirFd, id + QStringLiteral(".intent"), QJsonDocument(intent).toJson(), {}, &ioError))
        return fail(error, ErrorCode::Internal, ioError);
    fault("quarantine.intent");

    const Fd blob(::openat(m_dirFd, QFile::encodeName(id + QStringLiteral(".blob")).constData(),
        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!blob.valid() || !writeAll(blob.get(), kBlobHeader, kBlobHeaderSize))
        return abortQuarantine(id, error, ErrorCode::Internal,
            QStringLiteral("cannot write to the vault: %1").arg(errnoText(errno)));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qsizetype n = readSome(src.get(), buffer.data(), buffer.size());
        if (n < 0)
            return abortQuarantine(id, error, ErrorCode::Internal,
                QStringLiteral("cannot read %1: %2").arg(hostPath, errnoText(errno)));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        xorWithKey(buffer.data(), n, total, key);
        if (!writeAll(blob.get(), buffer.constData(), n))
            return abortQuarantine(id, error, ErrorCode::Internal,
                QStringLiteral("cannot write to the vault: %1").arg(errnoText(errno)));
        if (total == 0)
            fault("quarantine.copying");
        total += n;
    }
    struct stat after
    {
    };
    if (::fstat(src.get(), &after) != 0 || total != before.st_size
        || after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec
        || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec
        || after.st_ctim.tv_sec != before.st_ctim.tv_sec
        || after.st_ctim.tv_nsec != before.st_ctim.tv_nsec)
        return abortQuarantine(id, error, ErrorCode::Conflict,
            QStringLiteral("%1 changed while it was being quarantined").arg(hostPath));
    it.sha256 = QString::fromLatin1(hash.result().toHex());
    if (!expectedSha256.isEmpty() && it.sha256 != expectedSha256.toLower())
        return abortQuarantine(id, error, ErrorCode::Conflict,
            QStringLiteral("%1 no longer has the detected content (SHA-256 %2, "
                           "detected %3)")
                .arg(hostPath, it.sha256, expectedSha256));
    if (::fsync(blob.get()) != 0)
        return abortQuarantine(id, error, ErrorCode::Internal,
            QStringLiteral("cannot sync the vault: %1").arg(errnoText(errno)));
    fault("quarantine.blob");

    if (!writeFileAtomically(
            m_dirFd, id + QStringLiteral(".json"), metadataJson(it, key),
            [this] { fault("quarantine.metadata-temp"); }, &ioError))
        return abortQuarantine(id, error, ErrorCode::Internal, ioError);
    fault("quarantine.metadata");

    // Unlink through the directory we read from, and only the inode we copied:
    // a guest may have renamed another file into its place meanwhile.
    struct stat now
    {
    };
    if (::fstatat(dir.get(), encName.constData(), &now, AT_SYMLINK_NOFOLLOW) != 0
        || now.st_dev != before.st_dev || now.st_ino != before.st_ino)
        return abortQuarantine(id, error, ErrorCode::Conflict,
            QStringLiteral("%1 was replaced while it was being quarantined").arg(hostPath));
    if (::unlinkat(dir.get(), encName.constData(), 0) != 0)
        return abortQuarantine(id, error, ErrorCode::Internal,
            QStringLiteral("cannot remove %1: %2").arg(hostPath, errnoText(errno)));
    syncDirectory(dir.get());
    fault("quarantine.unlinked");
    unlinkIfExists(m_dirFd, id + QStringLiteral(".intent"));
    syncDirectory(m_dirFd);
    if (item)
        *item = it;
    return true;
}

bool QuarantineVault::destroy(const QString &id, QuarantineError *error)
{
    if (!load(id))
        return fail(error, ErrorCode::NotFound, QStringLiteral("no quarantined item %1").arg(id));
    if (!removeEntry(id))
        return fail(error, ErrorCode::Internal,
            QStringLiteral("cannot remove %1: %2").arg(id, errnoText(errno)));
    return true;
}

} // namespace mamori::appliance
