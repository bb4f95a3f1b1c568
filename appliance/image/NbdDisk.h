// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/BlockReader.h"

#include <atomic>
#include <memory>
#include <vector>

struct nbd_handle;

namespace mamori::appliance::image {

// One disk exported over NBD on a Unix socket (by qemu-nbd or by a libvirt
// backup job), read with libnbd. Not thread-safe: one scan thread uses it.
class NbdDisk final : public BlockReader
{
public:
    struct Options
    {
        QString socketPath;
        QString exportName; // qemu-nbd: empty; a libvirt backup job: the disk's target
        bool writable = false; // the lab only
    };

    // A range of the disk and which layer of its backing chain holds it:
    // 0 no layer (reads as zeros), 1 the disk's own image (a clone's
    // overlay), 2 its backing image, and so on (qemu:allocation-depth).
    struct DepthRange
    {
        qint64 offset = 0;
        qint64 length = 0;
        quint32 depth = 0;
        bool operator==(const DepthRange &) const = default;
    };

    ~NbdDisk() override;
    NbdDisk(const NbdDisk &) = delete;
    NbdDisk &operator=(const NbdDisk &) = delete;

    static std::unique_ptr<NbdDisk> connect(const Options &options, QString *error);

    qint64 size() const override { return m_size; }
    bool read(void *buffer, qint64 length, qint64 offset, QString *error) override;
    bool write(const void *buffer, qint64 length, qint64 offset, QString *error) override;
    bool flush(QString *error) override;
    bool isWritable() const override { return m_writable; }

    // Whether the server offers qemu:allocation-depth (qemu-nbd -A does).
    bool hasAllocationDepth() const { return m_allocationDepth; }
    // The depths of the whole disk, in order, adjacent ranges of one depth merged.
    bool allocationDepths(std::vector<DepthRange> *ranges, QString *error);

    // Bytes asked of the server by read() since the connection was made.
    qint64 bytesRead() const { return m_bytesRead.load(std::memory_order_relaxed); }

private:
    NbdDisk() = default;

    nbd_handle *m_nbd = nullptr;
    qint64 m_size = 0;
    qint64 m_maxRequest = 4 << 20;
    bool m_allocationDepth = false;
    bool m_writable = false;
    std::atomic<qint64> m_bytesRead {0};
};

} // namespace mamori::appliance::image
