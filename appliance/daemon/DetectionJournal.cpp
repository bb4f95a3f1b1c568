// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/DetectionJournal.h"

#include "appliance/fs/PosixIo.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace mamori::appliance {

DetectionJournal::~DetectionJournal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QByteArray DetectionJournal::encode(const Detection &d)
{
    const QJsonObject o {{QStringLiteral("vm"), d.vmId}, {QStringLiteral("job"), d.jobId},
        {QStringLiteral("path"), QString::fromLatin1(d.vmPath.toBase64())},
        {QStringLiteral("root"), d.root}, {QStringLiteral("host_path"), d.hostPath},
        {QStringLiteral("threat"), d.threat}, {QStringLiteral("sha256"), d.sha256},
        {QStringLiteral("size"), d.size}, {QStringLiteral("vm_name"), d.vmName},
        {QStringLiteral("unscannable"), d.unscannable}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Detection> DetectionJournal::decode(const QByteArray &line)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    Detection d;
    d.vmId = o.value(QStringLiteral("vm")).toString();
    d.jobId = o.value(QStringLiteral("job")).toString();
    d.vmPath = QByteArray::fromBase64(o.value(QStringLiteral("path")).toString().toLatin1());
    d.root = o.value(QStringLiteral("root")).toString();
    d.hostPath = o.value(QStringLiteral("host_path")).toString();
    d.threat = o.value(QStringLiteral("threat")).toString();
    d.sha256 = o.value(QStringLiteral("sha256")).toString();
    d.size = o.value(QStringLiteral("size")).toInteger();
    d.vmName = o.value(QStringLiteral("vm_name")).toString();
    d.unscannable = o.value(QStringLiteral("unscannable")).toBool();
    if (d.vmId.isEmpty() || d.vmPath.isEmpty())
        return std::nullopt;
    return d;
}

bool DetectionJournal::open(QList<Detection> *kept, QString *error)
{
    const QByteArray name = QFile::encodeName(m_path);
    m_fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, fs::errnoText());
        return false;
    }
    QByteArray content(kSize, '\0');
    const ssize_t got = ::pread(m_fd, content.data(), size_t(kSize), 0);
    content.truncate(got > 0 ? got : 0);
    m_end = 0;
    for (const QByteArray &line : content.split('\n')) {
        if (line.isEmpty() || line.at(0) == '\0')
            break;
        const auto d = decode(line);
        if (!d)
            break; // torn by a crash while it was written
        kept->append(*d);
        m_end += line.size() + 1;
    }
    // The space is taken now, while there is some.
    const int rc = ::posix_fallocate(m_fd, 0, kSize);
    if (rc != 0) {
        *error = QStringLiteral("cannot reserve %1 bytes for %2: %3")
                     .arg(kSize)
                     .arg(m_path, QString::fromLocal8Bit(strerror(rc)));
        return false;
    }
    return true;
}

bool DetectionJournal::append(const Detection &detection, QString *error)
{
    const QByteArray line = encode(detection) + '\n';
    if (m_fd < 0 || m_end + line.size() > kSize) {
        *error = QStringLiteral("the detection journal %1 is full").arg(m_path);
        return false;
    }
    if (::pwrite(m_fd, line.constData(), size_t(line.size()), m_end) != line.size()
        || ::fdatasync(m_fd) != 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, fs::errnoText());
        return false;
    }
    m_end += line.size();
    return true;
}

bool DetectionJournal::clear(QString *error)
{
    if (m_fd < 0 || m_end == 0)
        return true;
    const QByteArray zeros(m_end, '\0');
    if (::pwrite(m_fd, zeros.constData(), size_t(zeros.size()), 0) != zeros.size()
        || ::fdatasync(m_fd) != 0) {
        *error = QStringLiteral("cannot clear %1: %2").arg(m_path, fs::errnoText());
        return false;
    }
    m_end = 0;
    return true;
}

} // namespace mamori::appliance
