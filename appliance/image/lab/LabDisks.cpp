// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/lab/LabDisks.h"

#include "appliance/image/ImageBuilder.h"
#include "appliance/lab/LabImageGenerator.h"
#include "appliance/lab/LabThreatDropper.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QUuid>
#include <QXmlStreamWriter>

namespace mamori::appliance::image {
namespace {

// Every lab names its domains the same way, whatever machine builds it.
const QUuid kNamespace = QUuid::fromString(QLatin1String("6d616d6f-7269-4c61-6244-6f6d61696e73"));

qint64 treeBytes(const QString &root)
{
    qint64 total = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

// The build-time test file of folder VM `index`, in the folder.
bool dropThreat(const QString &root, int index, QString *error)
{
    using Threat = LabThreatDropper::Threat;
    static const struct
    {
        Threat threat;
        const char *name;
    } kinds[] = {{Threat::Eicar, "Downloads/invoice-%1.pdf.exe"},
        {Threat::Marker, "Downloads/setup-%1.exe"},
        {Threat::ZippedMarker, "Desktop/photos-%1.zip"}};
    const auto &kind = kinds[(index / 5) % 3];
    const QString path = root + QStringLiteral("/Users/") + LabImageGenerator::userOf(root)
        + QLatin1Char('/') + QString::fromLatin1(kind.name).arg(index);
    if (QFile::exists(path))
        return true;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    const QByteArray body = LabThreatDropper::body(kind.threat, 1000 + index);
    if (!f.open(QIODevice::WriteOnly) || f.write(body) != body.size() || !f.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

QString goldenOf(const QString &disks, const QString &fs)
{
    return QDir(disks).filePath(QStringLiteral("golden-%1.qcow2").arg(fs));
}

} // namespace

QString LabDisks::vmName(int index)
{
    return QStringLiteral("vdi-%1").arg(index, 3, 10, QLatin1Char('0'));
}

bool LabDisks::build(const QString &labDir, const Options &options, QString *error)
{
    const QString disks = QDir(labDir).filePath(QStringLiteral("disks"));
    const QString master = QDir(labDir).filePath(QStringLiteral("master"));
    const QString stampPath = QDir(disks).filePath(QStringLiteral("lab-disks.json"));
    const QJsonObject stamp {{QStringLiteral("format"), 1},
        {QStringLiteral("count"), options.count},
        {QStringLiteral("file_systems"), QJsonArray::fromStringList(options.fileSystems)},
        {QStringLiteral("seed"), QString::number(options.seed)}};
    QFile stampFile(stampPath);
    if (stampFile.open(QIODevice::ReadOnly)) {
        if (QJsonDocument::fromJson(stampFile.readAll()).object() == stamp)
            return true;
        *error =
            QStringLiteral("%1 holds disks made with other options (see %2)").arg(disks, stampPath);
        return false;
    }
    for (const QString &fs : options.fileSystems) {
        if (fs != u"ext4" && fs != u"ntfs") {
            *error = QStringLiteral("the lab makes ext4 and ntfs disks, not %1").arg(fs);
            return false;
        }
    }
    const QMap<QString, QString> roots = LabImageGenerator::vmRoots(labDir);
    if (options.count < 1 || options.count > roots.size() || options.fileSystems.isEmpty()) {
        *error = QStringLiteral("the lab has %1 folder VMs: as many image VMs at most")
                     .arg(roots.size());
        return false;
    }
    // qemu-nbd's sockets while the disks are written: a short path.
    QTemporaryDir sockets(QDir::tempPath() + QStringLiteral("/mamori-lab-XXXXXX"));
    if (!QDir().mkpath(disks) || !sockets.isValid()) {
        *error = QStringLiteral("cannot make %1").arg(disks);
        return false;
    }
    // Room for the tree twice over (NTFS keeps small files in 4 KiB clusters).
    const qint64 diskBytes = ((std::max<qint64>(treeBytes(master) * 2, 32 << 20) >> 20) + 32) << 20;
    for (const QString &fs : options.fileSystems) {
        const QString golden = goldenOf(disks, fs);
        if (QFile::exists(golden))
            continue;
        const QString raw = golden + QStringLiteral(".raw");
        const bool made = fs == u"ext4"
            ? ImageBuilder::extDisk(master, raw, diskBytes, error)
            : ImageBuilder::ntfsDisk(master, raw, diskBytes, sockets.path(), error);
        const bool converted = made
            && ImageBuilder::toQcow2(raw, golden + QStringLiteral(".part"), error)
            && QFile::rename(golden + QStringLiteral(".part"), golden);
        QFile::remove(raw);
        if (!converted)
            return false;
    }
    for (int i = 1; i <= options.count; ++i) {
        const QString root = roots.value(LabImageGenerator::vmName(i));
        if (hasThreat(i) && !dropThreat(root, i, error))
            return false;
        const QString fs = options.fileSystems.at((i - 1) % options.fileSystems.size());
        const QString clone = QDir(disks).filePath(vmName(i) + QStringLiteral(".qcow2"));
        const QString part = clone + QStringLiteral(".part");
        if (QFile::exists(clone))
            continue;
        if (!ImageBuilder::overlay(goldenOf(disks, fs), part, error)
            || ImageBuilder::applyDifference(
                   master, root, part, QStringLiteral("qcow2"), sockets.path(), error)
                < 0
            || !QFile::rename(part, clone))
            return false;
    }
    QSaveFile out(stampPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(stamp).toJson()) < 0
        || !out.commit()) {
        *error = out.errorString();
        return false;
    }
    return true;
}

QString LabDisks::writeDomains(const QString &labDir, QString *error)
{
    const QString path = QDir(labDir).filePath(QStringLiteral("lab-domains.xml"));
    QString xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartElement(QStringLiteral("node"));
    const auto domain = [&](const QString &name, int runState,
                            const std::function<void()> &devices) {
        w.writeStartElement(QStringLiteral("domain"));
        w.writeAttribute(QStringLiteral("type"), QStringLiteral("test"));
        w.writeNamespace(
            QStringLiteral("http://libvirt.org/schemas/domain/test/1.0"), QStringLiteral("test"));
        w.writeTextElement(QStringLiteral("name"), name);
        w.writeTextElement(QStringLiteral("uuid"),
            QUuid::createUuidV5(kNamespace, name).toString(QUuid::WithoutBraces));
        w.writeTextElement(QStringLiteral("memory"), QStringLiteral("2097152"));
        w.writeStartElement(QStringLiteral("os"));
        w.writeTextElement(QStringLiteral("type"), QStringLiteral("hvm"));
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("devices"));
        devices();
        w.writeEndElement();
        // 1 running, 5 shut off (libvirt's test driver).
        w.writeTextElement(QStringLiteral("http://libvirt.org/schemas/domain/test/1.0"),
            QStringLiteral("runstate"), QString::number(runState));
        w.writeEndElement();
    };
    const QMap<QString, QString> roots = LabImageGenerator::vmRoots(labDir);
    for (auto it = roots.begin(); it != roots.end(); ++it) {
        domain(it.key(), 1, [&] {
            w.writeStartElement(QStringLiteral("filesystem"));
            w.writeAttribute(QStringLiteral("type"), QStringLiteral("mount"));
            w.writeEmptyElement(QStringLiteral("source"));
            w.writeAttribute(QStringLiteral("dir"), it.value());
            w.writeEmptyElement(QStringLiteral("target"));
            w.writeAttribute(QStringLiteral("dir"), QStringLiteral("c"));
            w.writeEndElement();
        });
    }
    const QDir disks(QDir(labDir).filePath(QStringLiteral("disks")));
    for (const QString &file :
        disks.entryList({QStringLiteral("vdi-*.qcow2")}, QDir::Files, QDir::Name)) {
        domain(file.chopped(6), 5, [&] {
            w.writeStartElement(QStringLiteral("disk"));
            w.writeAttribute(QStringLiteral("type"), QStringLiteral("file"));
            w.writeAttribute(QStringLiteral("device"), QStringLiteral("disk"));
            w.writeEmptyElement(QStringLiteral("driver"));
            w.writeAttribute(QStringLiteral("name"), QStringLiteral("qemu"));
            w.writeAttribute(QStringLiteral("type"), QStringLiteral("qcow2"));
            w.writeEmptyElement(QStringLiteral("source"));
            w.writeAttribute(QStringLiteral("file"), disks.filePath(file));
            w.writeEmptyElement(QStringLiteral("target"));
            w.writeAttribute(QStringLiteral("dev"), QStringLiteral("vda"));
            w.writeAttribute(QStringLiteral("bus"), QStringLiteral("virtio"));
            w.writeEndElement();
        });
    }
    w.writeEndElement();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(xml.toUtf8()) < 0 || !f.commit()) {
        *error = f.errorString();
        return {};
    }
    return path;
}

} // namespace mamori::appliance::image
