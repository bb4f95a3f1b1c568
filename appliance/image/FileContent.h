// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"
#include "appliance/image/Volume.h"

#include <atomic>
#include <functional>
#include <vector>

namespace mamori::appliance::image {

// Reads a guest file's content in order: mapped files extent by extent from
// the disk in large requests (holes become zeros without a read), the
// others through their file system library.
class FileContent
{
public:
    enum class Status { Ok, Failed, Cancelled };
    // Gets the content in order, in pieces; false stops the read (Failed).
    using Sink = std::function<bool(const char *data, qint64 size)>;

    // `disk` is the whole disk the extents' offsets refer to.
    FileContent(BlockReader &disk, Volume &volume, const std::atomic_bool &cancelled)
        : m_disk(disk), m_volume(volume), m_cancelled(cancelled)
    { }

    // *bytesRead counts what was asked of the disk for the content.
    Status stream(const GuestFile &file, const Sink &sink, qint64 *bytesRead, QString *error);
    // The whole content into *content (which keeps its capacity), read from
    // the disk straight into it: no buffer in between, no copy.
    Status read(const GuestFile &file, QByteArray *content, qint64 *bytesRead, QString *error);

private:
    // The largest read a file's content asks of the disk; QemuNbdServer
    // sizes qemu-nbd's malloc thresholds for it.
    static constexpr qint64 kChunk = 256 << 10;

    // Each piece of a mapped file in order: read into `into` at its offset
    // in the file when given, else into m_buffer and handed to `sink`.
    Status readExtents(
        const GuestFile &file, char *into, const Sink *sink, qint64 *bytesRead, QString *error);

    BlockReader &m_disk;
    Volume &m_volume;
    const std::atomic_bool &m_cancelled;
    std::vector<char> m_buffer;
};

} // namespace mamori::appliance::image
