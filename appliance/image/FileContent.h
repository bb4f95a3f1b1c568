// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"
#include "appliance/image/Volume.h"

#include <atomic>

namespace mamori::appliance::image {

// Reads a guest file's whole content into memory: mapped files extent by
// extent from the disk in large requests (holes become zeros without a
// read), the others through their file system library.
class FileContent
{
public:
    enum class Status { Ok, Failed, Cancelled };

    // `disk` is the whole disk the extents' offsets refer to.
    FileContent(BlockReader &disk, Volume &volume, const std::atomic_bool &cancelled)
        : m_disk(disk), m_volume(volume), m_cancelled(cancelled)
    { }

    // Replaces *content with the file's bytes; *bytesRead counts what was
    // asked of the disk for them.
    Status read(const GuestFile &file, QByteArray *content, qint64 *bytesRead, QString *error);

private:
    static constexpr qint64 kRequest = 4 << 20;

    BlockReader &m_disk;
    Volume &m_volume;
    const std::atomic_bool &m_cancelled;
};

} // namespace mamori::appliance::image
