// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/fs/PosixIo.h"
#include "appliance/scan/Sha256_p.h"

#include <QByteArray>
#include <QString>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

// Buffered reading and writing of the scan cache file, with a SHA-256 over
// every byte so that a torn or tampered file is refused as a whole.
namespace mamori::appliance::detail {

using fs::writeAll;

// Buffers writes and hashes every byte for the trailing checksum.
class Writer
{
public:
    explicit Writer(int fd) : m_fd(fd) { m_buffer.reserve(kCapacity); }
    void bytes(const void *data, std::size_t size)
    {
        m_sha.update(data, size);
        const char *p = static_cast<const char *>(data);
        if (m_buffer.size() + size > kCapacity)
            flush();
        if (size >= kCapacity)
            m_ok = m_ok && writeAll(m_fd, p, qsizetype(size));
        else
            m_buffer.insert(m_buffer.end(), p, p + size);
    }
    void u32(quint32 v)
    {
        v = qToLittleEndian(v);
        bytes(&v, sizeof v);
    }
    void u64(quint64 v)
    {
        v = qToLittleEndian(v);
        bytes(&v, sizeof v);
    }
    // What every cache file starts with: its magic, its format, and the
    // pattern version its verdicts are for.
    void header(const char (&magic)[8], quint32 format, const QByteArray &pattern)
    {
        bytes(magic, sizeof magic);
        u32(format);
        u32(quint32(pattern.size()));
        bytes(pattern.constData(), std::size_t(pattern.size()));
    }
    bool finish()
    {
        Sha256::Digest sum;
        m_ok = m_ok && m_sha.finish(&sum);
        flush();
        m_ok = m_ok
            && writeAll(m_fd, reinterpret_cast<const char *>(sum.data()), qsizetype(sum.size()));
        return m_ok;
    }

private:
    static constexpr std::size_t kCapacity = 1 << 20;
    void flush()
    {
        m_ok = m_ok && writeAll(m_fd, m_buffer.data(), qsizetype(m_buffer.size()));
        m_buffer.clear();
    }
    int m_fd;
    bool m_ok = true;
    std::vector<char> m_buffer;
    Sha256 m_sha;
};

class Reader
{
public:
    explicit Reader(int fd) : m_fd(fd), m_buffer(1 << 20) { }
    bool bytes(void *out, std::size_t size, bool hashed = true)
    {
        char *dst = static_cast<char *>(out);
        while (size > 0) {
            if (m_pos == m_end && !fill())
                return false;
            const std::size_t n = std::min(size, m_end - m_pos);
            std::memcpy(dst, m_buffer.data() + m_pos, n);
            if (hashed)
                m_sha.update(dst, n);
            m_pos += n;
            dst += n;
            size -= n;
        }
        return true;
    }
    bool u32(quint32 *v)
    {
        const bool ok = bytes(v, sizeof *v);
        *v = qFromLittleEndian(*v);
        return ok;
    }
    bool u64(quint64 *v)
    {
        const bool ok = bytes(v, sizeof *v);
        *v = qFromLittleEndian(*v);
        return ok;
    }
    bool checksumMatches()
    {
        Sha256::Digest expected, stored;
        return m_sha.finish(&expected) && bytes(stored.data(), stored.size(), false)
            && expected == stored;
    }

private:
    bool fill()
    {
        for (;;) {
            const ssize_t n = ::read(m_fd, m_buffer.data(), m_buffer.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            m_pos = 0;
            m_end = std::size_t(n);
            return true;
        }
    }
    int m_fd;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    Sha256 m_sha;
};

} // namespace mamori::appliance::detail
