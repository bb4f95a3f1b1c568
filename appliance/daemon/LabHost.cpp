// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/LabHost.h"

#include "appliance/Config.h"
#include "appliance/auth/UserStore.h"
#include "appliance/daemon/ApplianceDaemon.h"
#include "appliance/daemon/SignalWatcher.h"
#include "appliance/image/lab/LabDisks.h"
#include "appliance/lab/LabImageGenerator.h"
#include "appliance/lab/LabThreatDropper.h"
#include "appliance/lab/LabWorkloads.h"
#include "appliance/patterns/PatternCommands.h"
#include "appliance/store/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlQuery>

#include <cstdio>
#include <sodium.h>
#include <sys/stat.h>

namespace mamori::appliance {
namespace {

constexpr qint64 kPatternV1 = 2026110101;
constexpr qint64 kPatternV2 = 2026112501;

int fail(const QString &message)
{
    std::fprintf(stderr, "mamori-appliance lab: %s\n", qPrintable(message));
    return 1;
}

QString randomPassword()
{
    unsigned char raw[12];
    randombytes_buf(raw, sizeof raw);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(raw), sizeof raw)
                                   .toBase64(QByteArray::Base64UrlEncoding));
}

bool writeSignatures(const QString &dir, const QMap<QString, QByteArray> &files)
{
    QDir().mkpath(dir);
    for (auto it = files.begin(); it != files.end(); ++it) {
        QFile f(QDir(dir).filePath(it.key()));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(it.value()) != it.value().size())
            return false;
    }
    return true;
}

int pattern(const QStringList &args)
{
    return runPatternCommand(QStringList{QStringLiteral("pattern")} + args);
}

// The users, once: one per role, their passwords printed once and kept in
// DIR/lab-credentials (0600) for scripts and the console's --lab.
bool ensureUsers(const QString &dir, const QString &dataDir, QString *error)
{
    const QString path = QDir(dir).filePath(QStringLiteral("lab-credentials"));
    if (QFile::exists(path))
        return true;
    Database db;
    if (!db.open(dataDir, error))
        return false;
    UserStore users(db.db());
    QByteArray lines;
    for (const auto &[role, name] : {std::pair{protocol::Role::SecurityAdmin, "security"},
                                     std::pair{protocol::Role::VirtualizationAdmin, "virt"},
                                     std::pair{protocol::Role::Auditor, "auditor"}}) {
        const QString password = randomPassword();
        users.remove(QLatin1String(name), error);
        if (!users.add(QLatin1String(name), role, password.toUtf8(), error))
            return false;
        lines += protocol::roleName(role).toUtf8() + ' ' + name + ' ' + password.toUtf8() + '\n';
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    ::fchmod(f.handle(), 0600);
    f.write(lines);
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    std::printf("lab users (also in %s, mode 0600):\n%s", qPrintable(path), lines.constData());
    return true;
}

// The signed lab pattern installed, and a newer one waiting in the lab's
// own feed folder, so that "update" has something to do.
bool ensurePatterns(const QString &dir, const QString &dataDir, QString *error)
{
    const QString keys = QDir(dir).filePath(QStringLiteral("keys"));
    const QString feed = QDir(dir).filePath(QStringLiteral("feed"));
    if (QFile::exists(QDir(feed).filePath(QStringLiteral("index.json"))))
        return true;
    const QString v1 = QDir(dir).filePath(QStringLiteral("signatures/v1"));
    const QString v2 = QDir(dir).filePath(QStringLiteral("signatures/v2"));
    QDir().mkpath(feed);
    const QString bundle1 = QDir(dir).filePath(QStringLiteral("lab-%1.mpb").arg(kPatternV1));
    const QString bundle2 = QDir(feed).filePath(QStringLiteral("lab-%1.mpb").arg(kPatternV2));
    if (!writeSignatures(v1, LabThreatDropper::labPatternV1())
        || !writeSignatures(v2, LabThreatDropper::labPatternV2())
        || (!QFile::exists(keys + QStringLiteral("/pattern.key"))
            && pattern({QStringLiteral("keygen"), QStringLiteral("--out"), keys}) != 0)
        || pattern({QStringLiteral("build"), QStringLiteral("--key"), keys + QStringLiteral("/pattern.key"),
                    QStringLiteral("--version"), QString::number(kPatternV1), QStringLiteral("--from"), v1,
                    QStringLiteral("--out"), bundle1, QStringLiteral("--released"),
                    // Current when the lab is built: a new lab's VMs are at
                    // risk for real reasons only, not for a pattern dated
                    // long before it (the feed's newer one is "available").
                    QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate)})
               != 0
        || pattern({QStringLiteral("build"), QStringLiteral("--key"), keys + QStringLiteral("/pattern.key"),
                    QStringLiteral("--version"), QString::number(kPatternV2), QStringLiteral("--from"), v2,
                    QStringLiteral("--out"), bundle2})
               != 0
        || pattern({QStringLiteral("trust"), keys + QStringLiteral("/pattern.pub"), QStringLiteral("--data"), dataDir}) != 0
        || pattern({QStringLiteral("import"), bundle1, QStringLiteral("--data"), dataDir}) != 0) {
        *error = QStringLiteral("the lab patterns could not be made");
        return false;
    }
    QFile b(bundle2);
    b.open(QIODevice::ReadOnly);
    const QByteArray index = QJsonDocument(QJsonObject{
        {QStringLiteral("version"), kPatternV2},
        {QStringLiteral("released"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("bundle"), QFileInfo(bundle2).fileName()},
        {QStringLiteral("sha256"), QString::fromLatin1(QCryptographicHash::hash(b.readAll(), QCryptographicHash::Sha256).toHex())}})
                                 .toJson();
    QSaveFile f(QDir(feed).filePath(QStringLiteral("index.json")));
    return f.open(QIODevice::WriteOnly) && f.write(index) == index.size() && f.commit();
}

// Moves a VM's folder to another lab host, keeping its UUID, the way live
// migration moves a running VM: the source sees it leave, the target arrive.
int migrate(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption dirOption(QStringLiteral("dir"), {}, QStringLiteral("DIR"));
    const QCommandLineOption toOption(QStringLiteral("to"), {}, QStringLiteral("DIR"));
    p.addOptions({dirOption, toOption});
    if (!p.parse(args) || p.positionalArguments().size() != 3 || !p.isSet(dirOption) || !p.isSet(toOption))
        return fail(QStringLiteral("usage: mamori-appliance lab migrate VM --dir DIR --to DIR"));
    const QString vm = p.positionalArguments().at(2);
    const QString from = QDir(p.value(dirOption)).filePath(QStringLiteral("vms/") + vm);
    const QString to = QDir(p.value(toOption)).filePath(QStringLiteral("vms/") + vm);
    if (!QFileInfo(from).isDir() || QFileInfo::exists(to))
        return fail(QStringLiteral("%1 is not a VM of %2, or %3 has one by that name")
                        .arg(vm, p.value(dirOption), p.value(toOption)));
    QString error;
    Database source, target;
    if (!source.open(QDir(p.value(dirOption)).filePath(QStringLiteral("data")), &error)
        || !target.open(QDir(p.value(toOption)).filePath(QStringLiteral("data")), &error))
        return fail(error);
    const QString key = QStringLiteral("directory:") + vm;
    QSqlQuery q(source.db());
    q.prepare(QStringLiteral("SELECT uuid FROM vm_ids WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return fail(QStringLiteral("the source has no id for %1 yet").arg(vm));
    const QString uuid = q.value(0).toString();
    QSqlQuery insert(target.db());
    insert.prepare(QStringLiteral("INSERT OR REPLACE INTO vm_ids(key, uuid) VALUES(?, ?)"));
    insert.addBindValue(key);
    insert.addBindValue(uuid);
    if (!insert.exec() || !QDir().rename(from, to))
        return fail(QStringLiteral("could not move %1 to %2").arg(from, to));
    std::printf("moved %s (%s) to %s\n", qPrintable(vm), qPrintable(uuid), qPrintable(to));
    return 0;
}

} // namespace

int runLabCommand(const QStringList &args)
{
    if (args.value(1) == QLatin1String("lab") && args.value(2) == QLatin1String("migrate"))
        return migrate(args);
    QCommandLineParser p;
    const QCommandLineOption dirOption(QStringLiteral("dir"), {}, QStringLiteral("DIR"));
    const QCommandLineOption vmsOption(QStringLiteral("vms"), {}, QStringLiteral("N"), QStringLiteral("25"));
    const QCommandLineOption listenOption(QStringLiteral("listen"), {}, QStringLiteral("ADDR:PORT"),
                                          QStringLiteral("127.0.0.1:8443"));
    const QCommandLineOption nameOption(QStringLiteral("host-name"), {}, QStringLiteral("NAME"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), {}, QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption filesOption(QStringLiteral("files"), {}, QStringLiteral("N"), QStringLiteral("3000"));
    const QCommandLineOption mbOption(QStringLiteral("image-mb"), {}, QStringLiteral("MB"), QStringLiteral("96"));
    const QCommandLineOption dropOption(
        QStringLiteral("drop-seconds"), {}, QStringLiteral("S"), QStringLiteral("90"));
    // A still host for benchmarks: no workloads, no test threats appearing.
    const QCommandLineOption cleanOption(QStringLiteral("clean"));
    // Build (or check) the lab, its users and patterns, then exit.
    const QCommandLineOption prepareOption(QStringLiteral("prepare-only"));
    // Image VMs too: linked clones of golden disk images (qcow2).
    const QCommandLineOption disksOption(QStringLiteral("disks"), {}, QStringLiteral("FORMAT"));
    const QCommandLineOption diskFsOption(
        QStringLiteral("disk-fs"), {}, QStringLiteral("LIST"), QStringLiteral("ext4,ntfs"));
    const QCommandLineOption diskVmsOption(QStringLiteral("disk-vms"), {}, QStringLiteral("N"));
    // Seconds of the baseline captured at start; the first full scans follow.
    const QCommandLineOption baselineOption(
        QStringLiteral("baseline-seconds"), {}, QStringLiteral("S"), QStringLiteral("30"));
    p.addOptions({dirOption, vmsOption, listenOption, nameOption, seedOption, filesOption, mbOption,
        dropOption, cleanOption, prepareOption, disksOption, diskFsOption, diskVmsOption,
        baselineOption});
    if (!p.parse(args) || !p.isSet(dirOption)
        || (p.isSet(disksOption) && p.value(disksOption) != u"qcow2"))
        return fail(QStringLiteral(
            "usage: mamori-appliance lab --dir DIR [--vms 25] [--listen ADDR:PORT] "
            "[--host-name NAME] [--seed N] [--files N] [--image-mb MB] [--drop-seconds S] "
            "[--clean] [--prepare-only] [--baseline-seconds S] "
            "[--disks qcow2 [--disk-fs ext4,ntfs] [--disk-vms N]]"));
    const QString dir = QDir(p.value(dirOption)).absolutePath();
    const QString dataDir = QDir(dir).filePath(QStringLiteral("data"));
    const quint64 seed = p.value(seedOption).toULongLong();
    QDir().mkpath(dir);
    ::chmod(QFile::encodeName(dir).constData(), 0700);

    LabImageOptions image;
    image.seed = seed;
    image.fileCount = p.value(filesOption).toInt();
    image.totalBytes = p.value(mbOption).toLongLong() << 20;
    QString error;
    std::printf("building the lab host in %s (once)...\n", qPrintable(dir));
    std::fflush(stdout);
    if (!LabImageGenerator(image).buildLab(dir, p.value(vmsOption).toInt(), &error)
        || !ensureUsers(dir, dataDir, &error) || !ensurePatterns(dir, dataDir, &error))
        return fail(error);
    QString domains;
    if (p.isSet(disksOption)) {
        image::LabDisks::Options disks;
        disks.count = p.value(p.isSet(diskVmsOption) ? diskVmsOption : vmsOption).toInt();
        disks.fileSystems = p.value(diskFsOption).split(u',', Qt::SkipEmptyParts);
        disks.seed = seed;
        std::printf("building the lab's disk images in %s/disks (once)...\n", qPrintable(dir));
        std::fflush(stdout);
        if (!image::LabDisks::build(dir, disks, &error)
            || (domains = image::LabDisks::writeDomains(dir, &error)).isEmpty())
            return fail(error);
    }
    if (p.isSet(prepareOption)) {
        std::printf("lab ready in %s\n", qPrintable(dir));
        return 0;
    }

    Config cfg;
    cfg.dataDir = dataDir;
    cfg.listen = p.value(listenOption);
    // With disks, libvirt's test driver lists both kinds of VM.
    cfg.inventory = domains.isEmpty()
        ? QStringLiteral("directory:") + QDir(dir).filePath(QStringLiteral("vms"))
        : QStringLiteral("libvirt:test://") + domains;
    cfg.hostName = p.value(nameOption).isEmpty() ? QStringLiteral("lab-") + QString(cfg.listen).section(u':', -1)
                                                 : p.value(nameOption);
    cfg.patternSource = QStringLiteral("dir:") + QDir(dir).filePath(QStringLiteral("feed"));
    cfg.lab = true;

    SignalWatcher watcher;
    ApplianceDaemon daemon;
    if (!daemon.start(cfg, &error))
        return fail(error);
    const QString url = QStringLiteral("https://%1").arg(cfg.listen).replace(QStringLiteral(":0"), QStringLiteral(":%1").arg(daemon.port()));
    QSaveFile endpoint(QDir(dir).filePath(QStringLiteral("lab-endpoint.json")));
    endpoint.open(QIODevice::WriteOnly);
    endpoint.write(QJsonDocument(QJsonObject{{QStringLiteral("url"), url},
                                             {QStringLiteral("fingerprint"), daemon.fingerprint()},
                                             {QStringLiteral("host_name"), cfg.hostName}})
                       .toJson());
    endpoint.commit();

    LabWorkloads workloads;
    workloads.setGroupName(QStringLiteral("mamori-lab-%1").arg(daemon.port()));
    LabThreatDropper dropper(QDir(dir).filePath(QStringLiteral("vms")), seed);
    dropper.setInterval(std::chrono::seconds(p.value(dropOption).toInt()));
    if (!p.isSet(cleanOption)) {
        if (!workloads.start(LabImageGenerator::vmRoots(dir), seed, &error))
            std::fprintf(stderr, "lab: workloads not started: %s\n", qPrintable(error));
        daemon.setVmSources(workloads.sources());
        dropper.start();
        // What the demo shows first is true: a baseline from the first
        // minute, then every VM's first full scan, staggered by the policy.
        daemon.startLabFirstLook(p.value(baselineOption).toInt());
    }

    std::printf("mamori-appliance lab host %s\nlistening: %s\nfingerprint: %s\n",
        qPrintable(cfg.hostName), qPrintable(url), qPrintable(daemon.fingerprint()));
    std::fflush(stdout);
    QObject::connect(&watcher, &SignalWatcher::stopRequested, qApp, [](int) { QCoreApplication::quit(); });
    const int code = QCoreApplication::exec();
    dropper.stop();
    workloads.stop();
    daemon.stop();
    std::printf("stopped\n");
    return code;
}

} // namespace mamori::appliance
