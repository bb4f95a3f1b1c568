// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/inventory/DomainDisks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>
#include <QtEndian>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

const QLatin1String kDomain("domain");
const QLatin1String kDevices("devices");
const QLatin1String kDisk("disk");

QString attribute(const QXmlStreamReader &reader, const char *name)
{
    return reader.attributes().value(QLatin1String(name)).toString();
}

// <source file=…> or <source dev=…>; relative paths mean nothing to us.
QString sourcePath(const QXmlStreamReader &reader)
{
    QString path = attribute(reader, "file");
    if (path.isEmpty())
        path = attribute(reader, "dev");
    if (path.isEmpty() || !QDir::isAbsolutePath(path))
        return {};
    return QDir::cleanPath(path);
}

// One <disk> element, the reader on its start tag.
VmDisk readDisk(QXmlStreamReader &reader)
{
    VmDisk disk;
    disk.type = attribute(reader, "type");
    if (disk.type.isEmpty())
        disk.type = QStringLiteral("file");
    // Nesting of <backingStore> elements: level 0 is the disk itself.
    int backingLevel = 0;
    int depth = 1;
    while (!reader.atEnd() && depth > 0) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::EndElement) {
            --depth;
            if (reader.name() == u"backingStore")
                --backingLevel;
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        ++depth;
        const auto name = reader.name();
        if (name == u"backingStore") {
            ++backingLevel;
            // An empty <backingStore/> ends the chain.
            if (!reader.attributes().isEmpty())
                disk.backing.append(BackingImage {});
            continue;
        }
        if (backingLevel == 0) {
            if (name == u"driver" && depth == 2)
                disk.format = attribute(reader, "type");
            else if (name == u"source" && depth == 2)
                disk.source = sourcePath(reader);
            else if (name == u"target" && depth == 2)
                disk.target = attribute(reader, "dev");
            else if (name == u"readonly" && depth == 2)
                disk.readOnly = true;
        } else if (!disk.backing.isEmpty()) {
            if (name == u"format")
                disk.backing.last().format = attribute(reader, "type");
            else if (name == u"source")
                disk.backing.last().path = sourcePath(reader);
        }
    }
    // libvirt never probes formats: a disk without a driver type is raw.
    if (disk.format.isEmpty())
        disk.format = QStringLiteral("raw");
    // A backing image we cannot name ends what we know of the chain.
    for (qsizetype i = 0; i < disk.backing.size(); ++i) {
        if (disk.backing[i].path.isEmpty()) {
            disk.backing.resize(i);
            break;
        }
    }
    return disk;
}

qint64 nanoseconds(const struct timespec &ts)
{
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

constexpr quint32 kQcow2Magic = 0x514649fb; // "QFI\xfb"
constexpr quint32 kBackingFormatExtension = 0xe2792aca;

bool preadAll(int fd, void *buffer, qint64 size, qint64 offset)
{
    char *p = static_cast<char *>(buffer);
    while (size > 0) {
        const ssize_t n = ::pread(fd, p, size_t(size), offset);
        if (n <= 0)
            return false;
        p += n;
        size -= n;
        offset += n;
    }
    return true;
}

// The backing file a qcow2 image names (as written, maybe relative) and its
// format; false for anything that is not a qcow2 image with a backing file.
bool readQcow2Backing(const QString &path, QString *backing, QString *format)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    uchar header[112] = {};
    const bool ok = preadAll(fd, header, 104, 0);
    const auto be32 = [&](int at) { return qFromBigEndian<quint32>(header + at); };
    const auto be64 = [&](int at) { return qFromBigEndian<quint64>(header + at); };
    bool found = false;
    if (ok && be32(0) == kQcow2Magic && (be32(4) == 2 || be32(4) == 3)) {
        const quint64 nameOffset = be64(8);
        const quint32 nameSize = be32(16);
        QByteArray name(qsizetype(std::min<quint32>(nameSize, 4096)), '\0');
        if (nameOffset != 0 && nameSize > 0 && nameSize <= 1023
            && preadAll(fd, name.data(), nameSize, qint64(nameOffset))) {
            *backing = QFile::decodeName(name);
            found = true;
            // Header extensions follow the header: type, length, data
            // padded to 8 bytes, until type 0.
            qint64 at = be32(4) == 3 ? be32(100) : 72;
            for (int i = 0; i < 64; ++i) {
                uchar ext[8];
                if (!preadAll(fd, ext, 8, at))
                    break;
                const quint32 type = qFromBigEndian<quint32>(ext);
                const quint32 length = qFromBigEndian<quint32>(ext + 4);
                if (type == 0 || length > 65536)
                    break;
                if (type == kBackingFormatExtension && length < 64) {
                    QByteArray fmt(qsizetype(length), '\0');
                    if (preadAll(fd, fmt.data(), length, at + 8))
                        *format = QString::fromLatin1(fmt);
                }
                at += 8 + ((qint64(length) + 7) & ~qint64(7));
            }
        }
    }
    ::close(fd);
    return found;
}

} // namespace

bool disksFromDomainXml(const QString &xml, QList<VmDisk> *disks, QString *error)
{
    QXmlStreamReader reader(xml);
    QList<VmDisk> found;
    int depth = 0;
    bool inDevices = false;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const auto name = reader.name();
            if (depth == 1 && name != kDomain)
                break;
            if (depth == 2 && name == kDevices)
                inDevices = true;
            if (depth == 3 && inDevices && name == kDisk) {
                const QString device = attribute(reader, "device");
                const bool storage = device.isEmpty() || device == u"disk" || device == u"lun";
                VmDisk disk = readDisk(reader); // consumes the end tag
                --depth;
                if (storage)
                    found.append(disk);
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (depth == 2)
                inDevices = false;
            --depth;
        }
    }
    if (reader.hasError()) {
        *error = reader.errorString();
        return false;
    }
    *disks = std::move(found);
    return true;
}

QList<BackingImage> BackingChainReader::readChain(const QString &path)
{
    QList<BackingImage> chain;
    QString current = path;
    for (int i = 0; i < kMaxDepth; ++i) {
        QString name, format;
        if (!readQcow2Backing(current, &name, &format))
            break;
        // A protocol ("nbd://…", "json:{…}") is not a file we can follow.
        if (name.contains(QLatin1String("://")) || name.startsWith(QLatin1String("json:")))
            break;
        const QString next = QDir::cleanPath(
            QDir::isAbsolutePath(name) ? name : QFileInfo(current).absoluteDir().filePath(name));
        if (next == path || std::any_of(chain.cbegin(), chain.cend(), [&](const BackingImage &b) {
                return b.path == next;
            }))
            break;
        chain.append(BackingImage {next, format});
        if (format == u"raw")
            break;
        current = next;
    }
    return chain;
}

void BackingChainReader::fill(VmDisk *disk)
{
    if (!disk->backing.isEmpty() || disk->format != u"qcow2" || disk->source.isEmpty())
        return;
    struct stat st;
    if (::stat(QFile::encodeName(disk->source).constData(), &st) != 0) {
        m_cache.remove(disk->source);
        return;
    }
    Cached &cached = m_cache[disk->source];
    if (cached.size != qint64(st.st_size) || cached.mtimeNs != nanoseconds(st.st_mtim)) {
        cached.size = qint64(st.st_size);
        cached.mtimeNs = nanoseconds(st.st_mtim);
        cached.chain = readChain(disk->source);
    }
    disk->backing = cached.chain;
}

} // namespace mamori::appliance
