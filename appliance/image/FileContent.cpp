// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/FileContent.h"

#include <cstring>

namespace mamori::appliance::image {

FileContent::Status FileContent::stream(
    const GuestFile &file, const Sink &sink, qint64 *bytesRead, QString *error)
{
    const auto refused = [&] {
        *error = QStringLiteral("the file's content could not be kept");
        return Status::Failed;
    };
    if (!file.mapped) {
        QByteArray content;
        if (!m_volume.readUnmapped(file, &content, error))
            return Status::Failed;
        *bytesRead += content.size();
        return content.isEmpty() || sink(content.constData(), content.size()) ? Status::Ok
                                                                              : refused();
    }
    if (m_buffer.empty())
        m_buffer.resize(kChunk);
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
            if (e.zero) {
                std::memset(m_buffer.data(), 0, size_t(n));
            } else {
                if (!m_disk.read(m_buffer.data(), n, e.diskOffset + done, error))
                    return Status::Failed;
                *bytesRead += n;
            }
            if (!sink(m_buffer.data(), n))
                return refused();
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

FileContent::Status FileContent::read(
    const GuestFile &file, QByteArray *content, qint64 *bytesRead, QString *error)
{
    content->resize(0);
    return stream(
        file,
        [content](const char *data, qint64 size) {
            content->append(data, size);
            return true;
        },
        bytesRead, error);
}

} // namespace mamori::appliance::image
