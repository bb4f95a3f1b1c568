// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/scan/ScanCache.h"

#include "appliance/scan/CacheIo_p.h"
#include "appliance/scan/ClockMap_p.h"
#include "appliance/scan/Sha256_p.h"

#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

using detail::Reader;
using detail::Writer;
using fs::errnoText;

constexpr char kMagic[8] = {'M', 'A', 'M', 'O', 'R', 'I', 'S', 'C'};
constexpr quint32 kFormat = 1;
constexpr quint32 kMaxPatternLength = 4096;
constexpr qint64 kStatEntrySize = 5 * 8 + 32;

struct DigestHash
{
    // The digest is already uniformly distributed.
    std::size_t operator()(const ScanCache::Digest &d) const
    {
        std::size_t h;
        std::memcpy(&h, d.data(), sizeof h);
        return h;
    }
};

struct KeyHash
{
    std::size_t operator()(const ScanCache::FileKey &k) const
    {
        std::size_t h = 0xcbf29ce484222325ull;
        for (const quint64 v :
            {k.device, k.inode, quint64(k.size), quint64(k.mtimeNs), quint64(k.ctimeNs)})
            h = (h ^ v) * 0x100000001b3ull;
        return h ^ (h >> 29);
    }
};

} // namespace

struct ScanCache::Maps
{
    explicit Maps(const Limits &limits)
        : clean(std::size_t(std::max<qint64>(0, limits.maxCleanHashes))),
          stat(std::size_t(std::max<qint64>(0, limits.maxStatEntries)))
    { }
    detail::ClockMap<Digest, bool, DigestHash> clean;
    detail::ClockMap<FileKey, Digest, KeyHash> stat;
};

ScanCache::ScanCache() : ScanCache(Limits()) { }

ScanCache::ScanCache(const Limits &limits) : m_limits(limits), m_maps(new Maps(limits)) { }

ScanCache::~ScanCache() = default;

QString ScanCache::patternVersion() const
{
    std::lock_guard lock(m_mutex);
    return m_pattern;
}

void ScanCache::setPattern(const QString &version)
{
    std::lock_guard lock(m_mutex);
    if (version == m_pattern)
        return;
    m_pattern = version;
    m_maps->clean.clear();
}

std::optional<ScanCache::Digest> ScanCache::digestForStat(const FileKey &key)
{
    std::lock_guard lock(m_mutex);
    if (const Digest *d = m_maps->stat.find(key)) {
        ++m_counters.statHits;
        return *d;
    }
    ++m_counters.statMisses;
    return std::nullopt;
}

void ScanCache::rememberStat(const FileKey &key, const Digest &digest)
{
    std::lock_guard lock(m_mutex);
    m_counters.evictions += m_maps->stat.insert(key, digest);
}

bool ScanCache::isClean(const Digest &digest, const QString &patternVersion)
{
    std::lock_guard lock(m_mutex);
    if (patternVersion == m_pattern && m_maps->clean.find(digest)) {
        ++m_counters.hashHits;
        return true;
    }
    ++m_counters.hashMisses;
    return false;
}

bool ScanCache::markClean(const Digest &digest, const QString &patternVersion)
{
    std::lock_guard lock(m_mutex);
    if (patternVersion != m_pattern)
        return false;
    m_counters.evictions += m_maps->clean.insert(digest, true);
    return true;
}

void ScanCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_maps->clean.clear();
    m_maps->stat.clear();
}

qint64 ScanCache::cleanCount() const
{
    std::lock_guard lock(m_mutex);
    return qint64(m_maps->clean.size());
}

qint64 ScanCache::statCount() const
{
    std::lock_guard lock(m_mutex);
    return qint64(m_maps->stat.size());
}

ScanCache::Counters ScanCache::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

void ScanCache::resetCounters()
{
    std::lock_guard lock(m_mutex);
    m_counters = Counters();
}

QString ScanCache::toHex(const Digest &digest)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest.data()), qsizetype(digest.size()))
            .toHex());
}

bool ScanCache::save(const QString &path, QString *error) const
{
    QString why;
    const bool saved = fs::replaceFile(
        path,
        [&](int fd) {
            std::lock_guard lock(m_mutex);
            Writer w(fd);
            w.header(kMagic, kFormat, m_pattern.toUtf8().left(kMaxPatternLength));
            w.u64(m_maps->clean.size());
            w.u64(m_maps->stat.size());
            m_maps->clean.forEach([&](const Digest &d, bool) { w.bytes(d.data(), d.size()); });
            m_maps->stat.forEach([&](const FileKey &k, const Digest &d) {
                w.u64(k.device);
                w.u64(k.inode);
                w.u64(quint64(k.size));
                w.u64(quint64(k.mtimeNs));
                w.u64(quint64(k.ctimeNs));
                w.bytes(d.data(), d.size());
            });
            return w.finish();
        },
        &why);
    if (!saved && error)
        *error = QStringLiteral("cannot save the scan cache to %1: %2").arg(path, why);
    return saved;
}

bool ScanCache::load(const QString &path, const QString &currentPatternVersion, QString *error)
{
    auto maps = std::make_unique<Maps>(m_limits);
    bool samePattern = false;
    QString why;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        why = errnoText();
    } else {
        struct stat st;
        Reader r(fd);
        char magic[sizeof kMagic];
        quint32 format = 0, patternLength = 0;
        quint64 cleanCount = 0, statCount = 0;
        QByteArray pattern;
        const bool header = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
            && r.bytes(magic, sizeof magic) && std::memcmp(magic, kMagic, sizeof magic) == 0
            && r.u32(&format) && format == kFormat && r.u32(&patternLength)
            && patternLength <= kMaxPatternLength;
        if (header) {
            pattern.resize(qsizetype(patternLength));
            const qint64 size = st.st_size;
            const qint64 fixed = qint64(sizeof kMagic) + 8 + patternLength + 16 + 32;
            // The counts must account for the file's size exactly, which also
            // keeps a corrupt count from driving a huge loop.
            const bool sized = r.bytes(pattern.data(), patternLength) && r.u64(&cleanCount)
                && r.u64(&statCount) && cleanCount <= quint64(size / 32)
                && statCount <= quint64(size / kStatEntrySize)
                && fixed + qint64(cleanCount) * 32 + qint64(statCount) * kStatEntrySize == size;
            bool ok = sized;
            for (quint64 i = 0; ok && i < cleanCount; ++i) {
                Digest d;
                ok = r.bytes(d.data(), d.size());
                if (ok)
                    maps->clean.insert(d, true);
            }
            for (quint64 i = 0; ok && i < statCount; ++i) {
                FileKey k;
                Digest d;
                quint64 sz = 0, mt = 0, ct = 0;
                ok = r.u64(&k.device) && r.u64(&k.inode) && r.u64(&sz) && r.u64(&mt) && r.u64(&ct)
                    && r.bytes(d.data(), d.size());
                k.size = qint64(sz);
                k.mtimeNs = qint64(mt);
                k.ctimeNs = qint64(ct);
                if (ok)
                    maps->stat.insert(k, d);
            }
            if (ok && r.checksumMatches())
                samePattern = QString::fromUtf8(pattern) == currentPatternVersion;
            else
                why = sized ? QStringLiteral("corrupt") : QStringLiteral("truncated or corrupt");
        } else {
            why = QStringLiteral("not a scan cache of this format");
        }
        ::close(fd);
    }
    const bool loaded = why.isEmpty();
    if (!loaded) {
        maps = std::make_unique<Maps>(m_limits);
        if (error)
            *error = QStringLiteral("scan cache %1 not loaded: %2").arg(path, why);
    } else if (!samePattern) {
        maps->clean.clear();
    }
    std::lock_guard lock(m_mutex);
    m_maps = std::move(maps);
    m_pattern = currentPatternVersion;
    return loaded;
}

} // namespace mamori::appliance
