// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/FileContent.h"

#include <algorithm>
#include <cstring>

namespace mamori::appliance::image {
namespace {

FileContent::Status refusedBySink(QString *error)
{
    *error = QStringLiteral("the file's content could not be kept");
    return FileContent::Status::Failed;
}

} // namespace

FileContent::Status FileContent::stream(
    const GuestFile &file, const Sink &sink, qint64 *bytesRead, QString *error)
{
    if (!file.mapped) {
        QByteArray content;
        if (!m_volume.readUnmapped(file, &content, error))
            return Status::Failed;
        *bytesRead += content.size();
        return content.isEmpty() || sink(content.constData(), content.size())
            ? Status::Ok
            : refusedBySink(error);
    }
    if (m_buffer.empty())
        m_buffer.resize(kChunk);
    return readExtents(file, nullptr, &sink, bytesRead, error);
}

FileContent::Status FileContent::read(
    const GuestFile &file, QByteArray *content, qint64 *bytesRead, QString *error)
{
    if (!file.mapped) {
        content->resize(0);
        if (!m_volume.readUnmapped(file, content, error))
            return Status::Failed;
        *bytesRead += content->size();
        return Status::Ok;
    }
    if (content->capacity() < file.size)
        content->reserve(qsizetype(file.size)); // exactly: resize() would round up
    content->resize(qsizetype(file.size));
    return readExtents(file, content->data(), nullptr, bytesRead, error);
}

FileContent::Status FileContent::readExtents(
    const GuestFile &file, char *into, const Sink *sink, qint64 *bytesRead, QString *error)
{
    qint64 at = 0;
    for (const FileExtent &e : file.extents) {
        if (e.fileOffset != at || e.length < 0 || e.fileOffset + e.length > file.size) {
            *error = QStringLiteral("the file's extents do not describe its content");
            return Status::Failed;
        }
        for (qint64 done = 0; done < e.length;) {
            if (m_cancelled.load(std::memory_order_relaxed))
                return Status::Cancelled;
            const qint64 n = std::min(kChunk, e.length - done);
            char *piece = into ? into + at + done : m_buffer.data();
            if (e.zero) {
                std::memset(piece, 0, size_t(n));
            } else {
                if (!m_disk.read(piece, n, e.diskOffset + done, error))
                    return Status::Failed;
                *bytesRead += n;
            }
            if (sink && !(*sink)(piece, n))
                return refusedBySink(error);
            done += n;
        }
        at += e.length;
    }
    if (at != file.size) {
        *error = QStringLiteral("the file's extents do not describe its content");
        return Status::Failed;
    }
    return Status::Ok;
}

} // namespace mamori::appliance::image
