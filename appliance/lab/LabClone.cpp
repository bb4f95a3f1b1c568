// SPDX-License-Identifier: GPL-2.0-or-later
// Cloning the master into VM roots, and the lab directory as a whole.
#include "appliance/fs/PosixIo.h"
#include "appliance/lab/LabContent_p.h"
#include "appliance/lab/LabImageGenerator.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

// Reflink when the file system can (btrfs, XFS): VDI clones share blocks
// until written. Otherwise copy_file_range, and read/write as a last resort.
bool cloneFile(const QString &from, const QString &to, QString *error)
{
    const int in = ::open(QFile::encodeName(from).constData(), O_RDONLY | O_CLOEXEC);
    struct stat st
    {
    };
    if (in < 0 || ::fstat(in, &st) != 0) {
        *error = QStringLiteral("cannot read %1: %2").arg(from, fs::errnoText());
        if (in >= 0)
            ::close(in);
        return false;
    }
    const int out =
        ::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) {
        *error = QStringLiteral("cannot create %1: %2").arg(to, fs::errnoText());
        ::close(in);
        return false;
    }
    bool ok = ::ioctl(out, FICLONE, in) == 0;
    if (!ok) {
        bool plain = false;
        for (;;) {
            const ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, size_t(1) << 30, 0);
            if (n > 0)
                continue;
            if (n < 0 && errno == EINTR)
                continue;
            ok = n == 0;
            plain = n < 0
                && (errno == ENOSYS || errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP
                    || errno == EPERM);
            break;
        }
        if (plain) {
            char buffer[1 << 16];
            ok = true;
            for (;;) {
                const ssize_t n = ::read(in, buffer, sizeof buffer);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0) {
                    ok = n == 0;
                    break;
                }
                if (::write(out, buffer, size_t(n)) != n) {
                    ok = false;
                    break;
                }
            }
        }
    }
    // A clone keeps the master's dates, as a copied disk image does.
    const timespec times[2] = {st.st_atim, st.st_mtim};
    ok = ::futimens(out, times) == 0 && ok;
    if (!ok)
        *error = QStringLiteral("cannot copy %1: %2").arg(from, fs::errnoText());
    ok = ::close(out) == 0 && ok;
    ::close(in);
    return ok;
}

QStringList filesUnder(const QString &root, const QString &sub, const QStringList &suffixes = {})
{
    QStringList out;
    QDirIterator it(
        root + QLatin1Char('/') + sub, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (suffixes.isEmpty() || suffixes.contains(QFileInfo(path).suffix().toLower()))
            out.append(path.mid(root.size() + 1));
    }
    // Directory order differs between file systems; the choices must not.
    out.sort();
    return out;
}

bool writeNew(const QString &path, const QByteArray &data, QIODevice::OpenMode mode, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | mode) || f.write(data) != data.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

// What sets one desktop of the pool apart: its name, its user's latest work
// and the downloads it cleaned up.
bool personalize(const QString &root, int vmIndex, quint64 seed, QString *error)
{
    using labcontent::Kind;
    LabRandom rng(labMix(seed, 0x200000 + quint64(vmIndex)));
    const QString vm = LabImageGenerator::vmName(vmIndex);
    const QString user = LabImageGenerator::userOf(root);
    const QString home = root + QStringLiteral("/Users/") + user;
    if (!writeNew(root + QStringLiteral("/Windows/System32/drivers/etc/hostname"),
            vm.toUpper().toLatin1() + "\r\n", QIODevice::Truncate, error))
        return false;

    QStringList docs = filesUnder(
        home, QStringLiteral("Documents"), {QStringLiteral("txt"), QStringLiteral("csv")});
    for (int n = int(rng.range(1, 3)); n > 0 && !docs.isEmpty(); --n) {
        const QString doc = docs.takeAt(qsizetype(rng.below(quint64(docs.size()))));
        QByteArray more;
        for (int lines = int(rng.range(1, 20)); lines > 0; --lines)
            more += (labcontent::sentence(rng) + QStringLiteral("\r\n")).toUtf8();
        if (!writeNew(home + QLatin1Char('/') + doc, more, QIODevice::Append, error))
            return false;
    }

    static const QList<std::pair<const char *, Kind>> types {
        {"txt", Kind::Text}, {"docx", Kind::Docx}, {"csv", Kind::Csv}};
    for (int n = int(rng.range(2, 5)); n > 0; --n) {
        const auto &type = rng.pick(types);
        // Drawn one by one: argument evaluation order is unspecified.
        const QString folder =
            rng.chance(70) ? QStringLiteral("Documents") : QStringLiteral("Desktop");
        const QString first = labcontent::word(rng);
        const QString second = labcontent::word(rng);
        const QString name =
            QStringLiteral("%1/%2 %3 %4-%5.%6")
                .arg(folder, first, second, vm, QString::number(n), QLatin1String(type.first));
        const QByteArray data =
            labcontent::make(type.second, rng, labcontent::fileSize(rng, 300, 64 << 10));
        if (!writeNew(home + QLatin1Char('/') + name, data, QIODevice::Truncate, error))
            return false;
    }

    QStringList removable = filesUnder(home, QStringLiteral("Downloads"))
        + filesUnder(home, QStringLiteral("AppData/Local"));
    for (int n = int(rng.range(1, 3)); n > 0 && !removable.isEmpty(); --n) {
        const QString gone = removable.takeAt(qsizetype(rng.below(quint64(removable.size()))));
        if (!QFile::remove(home + QLatin1Char('/') + gone)) {
            *error = QStringLiteral("cannot remove %1/%2").arg(home, gone);
            return false;
        }
    }
    return true;
}

} // namespace

bool LabImageGenerator::cloneVm(
    const QString &masterDir, const QString &vmRoot, int vmIndex, quint64 seed, QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    if (QFileInfo::exists(vmRoot)) {
        err = QStringLiteral("%1 already exists").arg(vmRoot);
        return false;
    }
    if (!QFileInfo(masterDir).isDir()) {
        err = QStringLiteral("no master image at %1").arg(masterDir);
        return false;
    }
    // Hidden while incomplete, so that inventories listing VMs skip it.
    const QFileInfo target(vmRoot);
    const QString partial = target.absolutePath() + QStringLiteral("/.") + target.fileName()
        + QStringLiteral(".partial");
    QDir(partial).removeRecursively();
    const QString master = QFileInfo(masterDir).absoluteFilePath();
    QStringList entries;
    QDirIterator it(master, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (it.hasNext())
        entries.append(it.next().mid(master.size() + 1));
    entries.sort();
    QDir dir;
    if (!dir.mkpath(partial)) {
        err = QStringLiteral("cannot create %1").arg(partial);
        return false;
    }
    for (const QString &rel : entries) {
        const QString from = master + QLatin1Char('/') + rel;
        const QString to = partial + QLatin1Char('/') + rel;
        const QFileInfo info(from);
        if (info.isSymLink())
            continue;
        if (info.isDir()) {
            if (!dir.mkpath(to)) {
                err = QStringLiteral("cannot create %1").arg(to);
                return false;
            }
        } else if (!cloneFile(from, to, &err)) {
            return false;
        }
    }
    if (!personalize(partial, vmIndex, seed, &err))
        return false;
    if (!dir.rename(partial, vmRoot)) {
        err = QStringLiteral("cannot rename %1 to %2").arg(partial, vmRoot);
        return false;
    }
    return true;
}

bool LabImageGenerator::buildLab(const QString &labDir, int vmCount, QString *error) const
{
    QString ignored;
    QString &err = error ? *error : ignored;
    const QString master = labDir + QStringLiteral("/master");
    const QString stampPath = labDir + QStringLiteral("/lab.json");
    const QJsonObject stamp {{QStringLiteral("format"), 1},
        {QStringLiteral("seed"), QString::number(m_options.seed)},
        {QStringLiteral("files"), m_options.fileCount},
        {QStringLiteral("bytes"), QString::number(m_options.totalBytes)}};
    QFile stampFile(stampPath);
    if (stampFile.open(QIODevice::ReadOnly)) {
        if (QJsonDocument::fromJson(stampFile.readAll()).object() != stamp) {
            err = QStringLiteral("%1 holds a lab made with other options (see %2)")
                      .arg(labDir, stampPath);
            return false;
        }
        stampFile.close();
    } else if (QFileInfo::exists(master)) {
        err = QStringLiteral("%1 exists but %2 does not").arg(master, stampPath);
        return false;
    }
    if (!QFileInfo::exists(master)) {
        if (!QDir().mkpath(labDir) || !generateMaster(master, &err))
            return false;
        if (!writeNew(stampPath, QJsonDocument(stamp).toJson(), QIODevice::Truncate, &err))
            return false;
    }
    for (int i = 1; i <= vmCount; ++i) {
        const QString root = labDir + QStringLiteral("/vms/") + vmName(i);
        if (!QFileInfo::exists(root) && !cloneVm(master, root, i, m_options.seed, &err))
            return false;
    }
    return true;
}

QMap<QString, QString> LabImageGenerator::vmRoots(const QString &labDir)
{
    QMap<QString, QString> out;
    const QFileInfoList dirs = QDir(labDir + QStringLiteral("/vms"))
                                   .entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &d : dirs)
        out.insert(d.fileName(), d.absoluteFilePath());
    return out;
}

} // namespace mamori::appliance
