// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/FileContent.h"

#include <cstring>

namespace mamori::appliance::image {

FileContent::Status FileContent::read(
    const GuestFile &file, QByteArray *content, qint64 *bytesRead, QString *error)
{
    if (!file.mapped) {
        if (!m_volume.readUnmapped(file, content, error))
            return Status::Failed;
        *bytesRead += content->size();
        return Status::Ok;
    }
    // The buffer keeps its capacity from file to file (no reallocation).
    content->resize(file.size);
    char *out = content->data();
    for (const FileExtent &e : file.extents) {
        if (e.fileOffset + e.length > file.size) {
            *error = QStringLiteral("an extent runs past the end of the file");
            return Status::Failed;
        }
        if (e.zero) {
            std::memset(out + e.fileOffset, 0, size_t(e.length));
            continue;
        }
        for (qint64 done = 0; done < e.length;) {
            if (m_cancelled.load(std::memory_order_relaxed))
                return Status::Cancelled;
            const qint64 n = std::min(kRequest, e.length - done);
            if (!m_disk.read(out + e.fileOffset + done, n, e.diskOffset + done, error))
                return Status::Failed;
            *bytesRead += n;
            done += n;
        }
    }
    return Status::Ok;
}

} // namespace mamori::appliance::image
