// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/GoldenIndex.h"

#include "appliance/fs/PosixIo.h"
#include "appliance/scan/CacheIo_p.h"
#include "appliance/scan/ClockMap_p.h"

#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance::image {
namespace {

using appliance::detail::Reader;
using appliance::detail::Writer;
using appliance::fs::errnoText;

constexpr char kMagic[8] = {'M', 'A', 'M', 'O', 'R', 'I', 'G', 'I'};
constexpr quint32 kFormat = 1;
constexpr quint32 kMaxText = 4096;

struct DigestHash
{
    std::size_t operator()(const GoldenIndex::Digest &d) const
    {
        std::size_t h;
        std::memcpy(&h, d.data(), sizeof h);
        return h;
    }
};

} // namespace

struct GoldenIndex::Maps
{
    explicit Maps(const Limits &l)
        : keys(std::size_t(std::max<qint64>(0, l.maxKeys))),
          threats(std::size_t(std::max<qint64>(0, l.maxThreats)))
    { }
    appliance::detail::ClockMap<Digest, Digest, DigestHash> keys;
    appliance::detail::ClockMap<Digest, QString, DigestHash> threats;
};

GoldenIndex::GoldenIndex() : GoldenIndex(Limits()) { }

GoldenIndex::GoldenIndex(const Limits &limits) : m_limits(limits), m_maps(new Maps(limits)) { }

GoldenIndex::~GoldenIndex() = default;

std::optional<GoldenIndex::Digest> GoldenIndex::digestFor(const Digest &extentKey)
{
    std::lock_guard lock(m_mutex);
    if (const Digest *d = m_maps->keys.find(extentKey))
        return *d;
    return std::nullopt;
}

void GoldenIndex::remember(const Digest &extentKey, const Digest &content)
{
    std::lock_guard lock(m_mutex);
    m_maps->keys.insert(extentKey, content);
}

std::optional<QString> GoldenIndex::threatFor(const Digest &content, const QString &patternVersion)
{
    std::lock_guard lock(m_mutex);
    if (patternVersion != m_pattern)
        return std::nullopt;
    if (const QString *t = m_maps->threats.find(content))
        return *t;
    return std::nullopt;
}

void GoldenIndex::rememberThreat(
    const Digest &content, const QString &threat, const QString &patternVersion)
{
    std::lock_guard lock(m_mutex);
    if (patternVersion == m_pattern)
        m_maps->threats.insert(content, threat.left(int(kMaxText)));
}

QString GoldenIndex::patternVersion() const
{
    std::lock_guard lock(m_mutex);
    return m_pattern;
}

void GoldenIndex::setPattern(const QString &version)
{
    std::lock_guard lock(m_mutex);
    if (version == m_pattern)
        return;
    m_pattern = version;
    m_maps->threats.clear();
}

qint64 GoldenIndex::keyCount() const
{
    std::lock_guard lock(m_mutex);
    return qint64(m_maps->keys.size());
}

qint64 GoldenIndex::threatCount() const
{
    std::lock_guard lock(m_mutex);
    return qint64(m_maps->threats.size());
}

void GoldenIndex::clear()
{
    std::lock_guard lock(m_mutex);
    m_maps->keys.clear();
    m_maps->threats.clear();
}

bool GoldenIndex::save(const QString &path, QString *error) const
{
    const auto fail = [&](const QString &why, int fd, const QByteArray &tmp) {
        if (error)
            *error = QStringLiteral("cannot save the golden image index to %1: %2").arg(path, why);
        if (fd >= 0)
            ::close(fd);
        if (!tmp.isEmpty())
            ::unlink(tmp.constData());
        return false;
    };
    QByteArray tmp = QFile::encodeName(path) + ".tmp-XXXXXX";
    const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0)
        return fail(errnoText(), -1, {});
    if (::fchmod(fd, 0600) != 0)
        return fail(errnoText(), fd, tmp);
    bool written;
    {
        std::lock_guard lock(m_mutex);
        Writer w(fd);
        const QByteArray pattern = m_pattern.toUtf8().left(kMaxText);
        w.bytes(kMagic, sizeof kMagic);
        w.u32(kFormat);
        w.u32(quint32(pattern.size()));
        w.bytes(pattern.constData(), std::size_t(pattern.size()));
        w.u64(m_maps->keys.size());
        w.u64(m_maps->threats.size());
        m_maps->keys.forEach([&](const Digest &k, const Digest &d) {
            w.bytes(k.data(), k.size());
            w.bytes(d.data(), d.size());
        });
        m_maps->threats.forEach([&](const Digest &d, const QString &threat) {
            const QByteArray t = threat.toUtf8().left(kMaxText);
            w.bytes(d.data(), d.size());
            w.u32(quint32(t.size()));
            w.bytes(t.constData(), std::size_t(t.size()));
        });
        written = w.finish();
    }
    if (!written || ::fsync(fd) != 0)
        return fail(errnoText(), fd, tmp);
    if (::close(fd) != 0)
        return fail(errnoText(), -1, tmp);
    if (::rename(tmp.constData(), QFile::encodeName(path).constData()) != 0)
        return fail(errnoText(), -1, tmp);
    const int dirFd = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(),
        O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return true;
}

bool GoldenIndex::load(const QString &path, const QString &currentPatternVersion, QString *error)
{
    auto maps = std::make_unique<Maps>(m_limits);
    QString why;
    bool samePattern = false;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        why = errnoText();
    } else {
        struct stat st;
        Reader r(fd);
        char magic[sizeof kMagic];
        quint32 format = 0, patternLength = 0;
        quint64 keys = 0, threats = 0;
        QByteArray pattern;
        bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && r.bytes(magic, sizeof magic)
            && std::memcmp(magic, kMagic, sizeof magic) == 0 && r.u32(&format) && format == kFormat
            && r.u32(&patternLength) && patternLength <= kMaxText;
        if (ok) {
            pattern.resize(qsizetype(patternLength));
            // Counts bounded by the file's size before any loop trusts them.
            ok = r.bytes(pattern.data(), patternLength) && r.u64(&keys) && r.u64(&threats)
                && keys <= quint64(st.st_size / 64) && threats <= quint64(st.st_size / 36);
        }
        for (quint64 i = 0; ok && i < keys; ++i) {
            Digest k, d;
            ok = r.bytes(k.data(), k.size()) && r.bytes(d.data(), d.size());
            if (ok)
                maps->keys.insert(k, d);
        }
        for (quint64 i = 0; ok && i < threats; ++i) {
            Digest d;
            quint32 length = 0;
            ok = r.bytes(d.data(), d.size()) && r.u32(&length) && length <= kMaxText;
            QByteArray t(qsizetype(length), '\0');
            ok = ok && r.bytes(t.data(), length);
            if (ok)
                maps->threats.insert(d, QString::fromUtf8(t));
        }
        if (ok && r.checksumMatches())
            samePattern = QString::fromUtf8(pattern) == currentPatternVersion;
        else
            why = QStringLiteral("not a golden image index, truncated or corrupt");
        ::close(fd);
    }
    const bool loaded = why.isEmpty();
    if (!loaded) {
        maps = std::make_unique<Maps>(m_limits);
        if (error)
            *error = QStringLiteral("golden image index %1 not loaded: %2").arg(path, why);
    } else if (!samePattern) {
        maps->threats.clear();
    }
    std::lock_guard lock(m_mutex);
    m_maps = std::move(maps);
    m_pattern = currentPatternVersion;
    return loaded;
}

} // namespace mamori::appliance::image
