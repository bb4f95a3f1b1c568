// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <array>
#include <clamav.h>
#include <cstddef>
#include <cstdint>

namespace mamori::appliance::detail {

// SHA-256 through libclamav's OpenSSL-backed hash API: on CPUs with SHA
// extensions it is several times faster than libsodium's portable code, and
// hashing is all a clone VM's scan does once the cache is warm.
class Sha256
{
public:
    using Digest = std::array<std::uint8_t, 32>;

    Sha256() : m_ctx(cl_hash_init("sha256")) { }
    ~Sha256()
    {
        if (m_ctx)
            cl_hash_destroy(m_ctx);
    }
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    bool isValid() const { return m_ctx != nullptr; }
    void update(const void *data, std::size_t size)
    {
        if (m_ctx && size > 0)
            cl_update_hash(m_ctx, data, size);
    }
    // cl_finish_hash frees the context, so a Sha256 gives one digest only.
    bool finish(Digest *out)
    {
        if (!m_ctx)
            return false;
        const int rc = cl_finish_hash(m_ctx, out->data());
        m_ctx = nullptr;
        return rc == 0;
    }

private:
    void *m_ctx;
};

} // namespace mamori::appliance::detail
