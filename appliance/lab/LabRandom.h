// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QtEndian>
#include <QtGlobal>

#include <cstring>
#include <iterator>

// The lab's own PRNG (xoshiro256** seeded through splitmix64): QRandomGenerator
// does not promise the same sequence across Qt versions, and a lab must be
// byte-identical for a given seed on every machine.
namespace mamori::appliance {

// One splitmix64 step; also used to derive independent sub-seeds.
inline quint64 labMix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

inline quint64 labMix(quint64 a, quint64 b)
{
    return labMix(labMix(a) ^ (b * 0xd1b54a32d192ed03ull));
}

class LabRandom
{
public:
    explicit LabRandom(quint64 seed)
    {
        quint64 x = seed;
        for (quint64 &word : m_s) {
            x += 0x9e3779b97f4a7c15ull;
            word = labMix(x - 0x9e3779b97f4a7c15ull);
        }
    }

    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, n); n > 0. Multiply-shift keeps it exact across platforms.
    quint64 below(quint64 n)
    {
        __extension__ using Wide = unsigned __int128;
        return quint64(Wide(next()) * n >> 64);
    }
    // Uniform in [lo, hi].
    qint64 range(qint64 lo, qint64 hi) { return lo + qint64(below(quint64(hi - lo) + 1)); }
    // True with probability percent / 100.
    bool chance(int percent) { return below(100) < quint64(percent); }
    // In [0, 1).
    double unit() { return double(next() >> 11) * 0x1.0p-53; }

    template<typename List> const auto &pick(const List &list)
    {
        return list[qsizetype(below(quint64(std::size(list))))];
    }

    void fill(char *data, qsizetype size)
    {
        qsizetype i = 0;
        for (; i + 8 <= size; i += 8) {
            const quint64 v = qToLittleEndian(next());
            std::memcpy(data + i, &v, 8);
        }
        if (i < size) {
            const quint64 v = qToLittleEndian(next());
            std::memcpy(data + i, &v, size_t(size - i));
        }
    }

    QByteArray bytes(qsizetype size)
    {
        QByteArray out(size, Qt::Uninitialized);
        fill(out.data(), size);
        return out;
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    quint64 m_s[4];
};

} // namespace mamori::appliance
