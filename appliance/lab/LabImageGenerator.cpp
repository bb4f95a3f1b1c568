// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabImageGenerator.h"

#include "appliance/lab/LabArchive.h"
#include "appliance/lab/LabContent_p.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSet>

#include <cmath>

namespace mamori::appliance {
namespace {

using labcontent::Kind;

struct Type
{
    const char *ext;
    Kind kind;
};

// Where files live on a desktop, what kinds they are and how big they get.
// "%U" is the desk user; weights are relative.
struct Place
{
    int weight;
    QList<const char *> dirs;
    QList<Type> types;
    qint64 lo, hi;
    enum Naming { Plain, System, Document, Cache } naming;
};

const QList<Place> &places()
{
    static const QList<Place> list {
        {28,
            {"Windows/System32", "Windows/SysWOW64", "Windows/System32/drivers",
                "Windows/System32/DriverStore/FileRepository/net%W.inf_amd64",
                "Windows/WinSxS/amd64_microsoft-windows-%W_31bf3856ad364e35_10.0.19041.%N_none"},
            {{"dll", Kind::PeBinary}, {"dll", Kind::PeBinary}, {"exe", Kind::PeBinary},
                {"sys", Kind::PeBinary}, {"mui", Kind::Blob}},
            2 << 10, 4 << 20, Place::System},
        {6, {"Windows/INF", "Windows/Logs/CBS", "Windows/Panther", "Windows/System32/LogFiles/WMI"},
            {{"inf", Kind::Text}, {"log", Kind::Log}, {"xml", Kind::Xml}}, 500, 256 << 10,
            Place::Plain},
        {22,
            {"Program Files/Microsoft Office/root/Office16",
                "Program Files/Google/Chrome/Application/120.0.6099.130",
                "Program Files/Mozilla Firefox", "Program Files/7-Zip",
                "Program Files (x86)/Adobe/Acrobat Reader DC/Reader",
                "Program Files/Notepad++/plugins/%W", "Program Files/Common Files/System/ado",
                "Program Files (x86)/Microsoft/Edge/Application/120.0.2210.91",
                "Program Files/Citrix/ICAService"},
            {{"exe", Kind::PeBinary}, {"dll", Kind::PeBinary}, {"dll", Kind::PeBinary},
                {"json", Kind::Json}, {"xml", Kind::Xml}, {"pak", Kind::Blob}, {"dat", Kind::Blob},
                {"txt", Kind::Text}},
            2 << 10, 6 << 20, Place::System},
        {7,
            {"ProgramData/Microsoft/Windows Defender/Scans/History/Service",
                "ProgramData/Microsoft/Windows/Start Menu/Programs", "ProgramData/Package Cache/%N",
                "ProgramData/Adobe/ARM/logs", "ProgramData/Citrix/Logs"},
            {{"log", Kind::Log}, {"lnk", Kind::Blob}, {"dat", Kind::Blob}, {"xml", Kind::Xml},
                {"msi", Kind::PeBinary}},
            100, 512 << 10, Place::Plain},
        {10,
            {"Users/%U/Documents", "Users/%U/Documents/Projects", "Users/%U/Documents/Finance",
                "Users/%U/Desktop", "Users/Public/Documents"},
            {{"docx", Kind::Docx}, {"docx", Kind::Docx}, {"txt", Kind::Text}, {"csv", Kind::Csv},
                {"pdf", Kind::Pdf}},
            1 << 10, 4 << 20, Place::Document},
        {5, {"Users/%U/Downloads"},
            {{"exe", Kind::PeBinary}, {"msi", Kind::PeBinary}, {"pdf", Kind::Pdf},
                {"jpg", Kind::Jpeg}},
            8 << 10, 8 << 20, Place::Document},
        {4, {"Users/%U/Pictures", "Users/%U/Pictures/Screenshots", "Users/Public/Pictures"},
            {{"jpg", Kind::Jpeg}, {"png", Kind::Png}}, 16 << 10, 4 << 20, Place::Document},
        {18,
            {"Users/%U/AppData/Local/Google/Chrome/User Data/Default/Cache/Cache_Data",
                "Users/%U/AppData/Local/Microsoft/Edge/User Data/Default/Cache/Cache_Data",
                "Users/%U/AppData/Roaming/Microsoft/Windows/Recent",
                "Users/%U/AppData/Roaming/Microsoft/Teams",
                "Users/%U/AppData/Local/Microsoft/Outlook",
                "Users/%U/AppData/Local/Packages/Microsoft.Windows.Photos_8wekyb3d8bbwe/"
                "LocalState"},
            {{"", Kind::Blob}, {"json", Kind::Json}, {"lnk", Kind::Blob}, {"log", Kind::Log},
                {"dat", Kind::Blob}},
            100, 128 << 10, Place::Cache},
    };
    return list;
}

struct Planned
{
    QString path;
    Kind kind = Kind::Blob;
    qint64 size = 0;
    enum Archive { None, Zip, Tgz } archive = None;
    QList<Planned> members; // archives only; a member that is a Zip nests
};

QString expand(QString dir, const QString &user, LabRandom &rng)
{
    dir.replace(QLatin1String("%U"), user);
    dir.replace(QLatin1String("%W"), labcontent::word(rng));
    dir.replace(QLatin1String("%N"), QString::number(rng.range(1000, 9999)));
    return dir;
}

QString stem(Place::Naming naming, LabRandom &rng)
{
    using labcontent::word;
    static const QList<const char *> prefixes {
        "ms", "win", "nt", "api-ms-win-core-", "shell", "crypt", "net", "dx", "wmi", "Windows."};
    switch (naming) {
    // One statement per draw: the operands of + have no defined order.
    case Place::System: {
        QString s = QString::fromLatin1(rng.pick(prefixes));
        s += word(rng);
        return rng.chance(30) ? s + QStringLiteral("32") : s;
    }
    case Place::Document: {
        QString s = word(rng);
        s += QLatin1Char(rng.chance(50) ? ' ' : '_');
        s += word(rng);
        s[0] = s[0].toUpper();
        return rng.chance(40) ? s + QStringLiteral(" 202") + QString::number(rng.range(0, 4)) : s;
    }
    case Place::Cache:
        return QStringLiteral("f_%1").arg(rng.below(0x1000000), 6, 16, QLatin1Char('0'));
    case Place::Plain:
        break;
    }
    const QString s = word(rng);
    return s + QString::number(rng.below(100));
}

class Planner
{
public:
    Planner(const LabImageOptions &o)
        : m_rng(labMix(o.seed, 1)), m_user(LabImageGenerator::userName(o.seed))
    { }

    QList<Planned> plan(const LabImageOptions &o)
    {
        QList<Planned> files;
        const auto fixed = [&](const QString &path, Kind kind, qint64 size) {
            files.append({unique(path), kind, size, Planned::None, {}});
        };
        fixed(QStringLiteral("Windows/System32/drivers/etc/hosts"), Kind::Text, 824);
        fixed(QStringLiteral("Windows/win.ini"), Kind::Text, 92);
        fixed(QStringLiteral("Windows/System32/ntoskrnl.exe"), Kind::PeBinary, 6 << 20);
        fixed(QStringLiteral("Users/Default/NTUSER.DAT"), Kind::Blob, 256 << 10);
        fixed(QStringLiteral("Users/%1/NTUSER.DAT").arg(m_user), Kind::Blob, 1 << 20);
        fixed(QStringLiteral("Users/%1/Desktop/desktop.ini").arg(m_user), Kind::Text, 282);

        const int archives = qMax(3, o.fileCount / 150);
        for (int i = 0; i < archives; ++i)
            files.append(archive(i % 3 == 2 ? Planned::Tgz : Planned::Zip, i == 0));

        int total = 0;
        for (const Place &p : places())
            total += p.weight;
        while (files.size() < o.fileCount) {
            qint64 at = m_rng.range(0, total - 1);
            const Place *place = &places().first();
            for (const Place &p : places()) {
                place = &p;
                if ((at -= p.weight) < 0)
                    break;
            }
            const Type type = m_rng.pick(place->types);
            const QString dir = expand(QString::fromLatin1(m_rng.pick(place->dirs)), m_user, m_rng);
            QString name = stem(place->naming, m_rng);
            if (*type.ext)
                name += QLatin1Char('.') + QString::fromLatin1(type.ext);
            files.append({unique(dir + QLatin1Char('/') + name), type.kind,
                labcontent::fileSize(m_rng, place->lo, place->hi), Planned::None, {}});
        }
        scale(files, o.totalBytes);
        return files;
    }

private:
    QString unique(const QString &path)
    {
        QString p = path;
        for (int n = 2; m_taken.contains(p.toLower()); ++n) {
            const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
            const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
            p = dot > slash ? path.left(dot) + QStringLiteral(" (%1)").arg(n) + path.mid(dot)
                            : path + QStringLiteral(" (%1)").arg(n);
        }
        m_taken.insert(p.toLower());
        return p;
    }

    QList<Planned> members(int count, const QString &folder)
    {
        static const QList<Type> types {{"txt", Kind::Text}, {"csv", Kind::Csv},
            {"docx", Kind::Docx}, {"dll", Kind::PeBinary}, {"jpg", Kind::Jpeg}, {"xml", Kind::Xml}};
        QList<Planned> out;
        QSet<QString> names;
        for (int i = 0; i < count; ++i) {
            const Type t = m_rng.pick(types);
            QString name = folder + stem(Place::Document, m_rng) + QLatin1Char('.')
                + QString::fromLatin1(t.ext);
            if (names.contains(name.toLower()))
                name = folder + QString::number(i) + QLatin1Char('-') + name.mid(folder.size());
            names.insert(name.toLower());
            out.append(
                {name, t.kind, labcontent::fileSize(m_rng, 200, 256 << 10), Planned::None, {}});
        }
        return out;
    }

    Planned archive(Planned::Archive kind, bool nested)
    {
        static const QList<const char *> zipDirs {"Users/%U/Downloads", "Users/%U/Documents",
            "Users/%U/Desktop", "Users/Public/Documents"};
        static const QList<const char *> tgzDirs {
            "ProgramData/Backups", "Users/%U/Downloads", "ProgramData/Citrix/Logs/archive"};
        const QString dir =
            expand(QString::fromLatin1(m_rng.pick(kind == Planned::Zip ? zipDirs : tgzDirs)),
                m_user, m_rng);
        const QString base = stem(Place::Document, m_rng);
        Planned a {unique(dir + QLatin1Char('/') + base
                       + QLatin1String(kind == Planned::Zip ? ".zip" : ".tar.gz")),
            Kind::Blob, 0, kind, members(int(m_rng.range(3, 10)), base + QLatin1Char('/'))};
        if (nested) {
            Planned inner {base + QStringLiteral("/attachments.zip"), Kind::Blob, 0, Planned::Zip,
                members(int(m_rng.range(2, 4)), QString())};
            a.members.append(inner);
        }
        return a;
    }

    static qint64 sum(const QList<Planned> &files)
    {
        qint64 s = 0;
        for (const Planned &f : files)
            s += f.size + sum(f.members);
        return s;
    }

    static void apply(QList<Planned> &files, double factor)
    {
        for (Planned &f : files) {
            if (f.archive == Planned::None)
                f.size = qMax<qint64>(100, std::llround(double(f.size) * factor));
            apply(f.members, factor);
        }
    }

    static void scale(QList<Planned> &files, qint64 totalBytes)
    {
        const qint64 s = sum(files);
        if (s > 0 && totalBytes > 0)
            apply(files, double(totalBytes) / double(s));
    }

    LabRandom m_rng;
    QString m_user;
    QSet<QString> m_taken;
};

QByteArray contentOf(const Planned &f, LabRandom &rng)
{
    if (f.archive == Planned::None)
        return labcontent::make(f.kind, rng, f.size);
    QList<labarchive::Entry> entries;
    for (const Planned &m : f.members)
        entries.append({m.path, contentOf(m, rng)});
    if (f.archive == Planned::Zip)
        return labarchive::zip(entries, labarchive::dosTimeFrom(rng.next()));
    return labarchive::gzip(labarchive::tar(entries, labarchive::unixTimeFrom(rng.next())));
}

bool writeFile(const QString &path, const QByteArray &data, qint64 mtime, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) || file.write(data) != data.size()
        || !file.setFileTime(
            QDateTime::fromSecsSinceEpoch(mtime, Qt::UTC), QFileDevice::FileModificationTime)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

LabImageGenerator::LabImageGenerator(const LabImageOptions &options) : m_options(options) { }

bool LabImageGenerator::generateMaster(const QString &masterDir, QString *error) const
{
    QString ignored;
    QString &err = error ? *error : ignored;
    if (QFileInfo::exists(masterDir)) {
        err = QStringLiteral("%1 already exists").arg(masterDir);
        return false;
    }
    const QString partial = masterDir + QStringLiteral(".partial");
    QDir(partial).removeRecursively();
    const QString user = userName(m_options.seed);
    QDir root;
    for (const QString &d : {QStringLiteral("Users/%1/AppData/Local/Temp").arg(user),
             QStringLiteral("Users/%1/Downloads").arg(user),
             QStringLiteral("Users/%1/Documents").arg(user),
             QStringLiteral("Users/%1/Desktop").arg(user), QStringLiteral("Windows/Temp")}) {
        if (!root.mkpath(partial + QLatin1Char('/') + d)) {
            err = QStringLiteral("cannot create %1/%2").arg(partial, d);
            return false;
        }
    }
    const QList<Planned> files = Planner(m_options).plan(m_options);
    QSet<QString> made;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const Planned &f = files[i];
        const QString path = partial + QLatin1Char('/') + f.path;
        const QString dir = QFileInfo(path).path();
        if (!made.contains(dir)) {
            if (!root.mkpath(dir)) {
                err = QStringLiteral("cannot create %1").arg(dir);
                return false;
            }
            made.insert(dir);
        }
        // One stream per file: a file's bytes do not depend on how big the
        // files before it came out.
        LabRandom rng(labMix(m_options.seed, 0x10000 + quint64(i)));
        const qint64 mtime = labarchive::unixTimeFrom(rng.next());
        if (!writeFile(path, contentOf(f, rng), mtime, &err))
            return false;
    }
    if (!QDir().rename(partial, masterDir)) {
        err = QStringLiteral("cannot rename %1 to %2").arg(partial, masterDir);
        return false;
    }
    return true;
}

QString LabImageGenerator::vmName(int vmIndex)
{
    return QStringLiteral("desk-%1").arg(vmIndex, 3, 10, QLatin1Char('0'));
}

QString LabImageGenerator::userName(quint64 seed)
{
    static const QList<const char *> names {"aiko.tanaka", "kenji.sato", "yuki.suzuki",
        "haruto.ito", "mei.kobayashi", "ren.yamamoto", "sakura.watanabe", "sota.nakamura"};
    return QString::fromLatin1(names[qsizetype(labMix(seed, 2) % quint64(names.size()))]);
}

QString LabImageGenerator::userOf(const QString &vmRoot)
{
    static const QStringList system {QStringLiteral("Default"), QStringLiteral("Public"),
        QStringLiteral("All Users"), QStringLiteral("Default User")};
    const QStringList users = QDir(vmRoot + QStringLiteral("/Users"))
                                  .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &u : users) {
        if (!system.contains(u))
            return u;
    }
    return QStringLiteral("user");
}

} // namespace mamori::appliance
