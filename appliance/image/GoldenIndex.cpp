// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/GoldenIndex.h"

#include "appliance/fs/PosixIo.h"
#include "appliance/scan/CacheIo_p.h"
#include "appliance/scan/ClockMap_p.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
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
// 2 added the whole scans; a file of format 1 still loads.
constexpr quint32 kFormat = 2;
constexpr quint32 kFormatWithoutScans = 1;
constexpr quint32 kMaxDetectionsPerScan = 100'000;
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
          threats(std::size_t(std::max<qint64>(0, l.maxThreats))),
          scans(std::size_t(std::max<qint64>(0, l.maxScans)))
    { }
    appliance::detail::ClockMap<Digest, Digest, DigestHash> keys;
    appliance::detail::ClockMap<Digest, QString, DigestHash> threats;
    appliance::detail::ClockMap<Digest, GoldenIndex::ScanRecord, DigestHash> scans;
};

namespace {

void writeText(Writer &w, const QByteArray &text)
{
    const QByteArray t = text.left(kMaxText);
    w.u32(quint32(t.size()));
    w.bytes(t.constData(), std::size_t(t.size()));
}

bool readText(Reader &r, QByteArray *text)
{
    quint32 length = 0;
    if (!r.u32(&length) || length > kMaxText)
        return false;
    text->resize(qsizetype(length));
    return r.bytes(text->data(), length);
}

void writeScan(Writer &w, const GoldenIndex::ScanRecord &s)
{
    w.u64(quint64(s.files));
    w.u64(quint64(s.bytes));
    w.u64(quint64(s.excluded));
    w.u64(quint64(s.goldenHits));
    const auto count = std::min<qsizetype>(s.detections.size(), kMaxDetectionsPerScan);
    w.u32(quint32(count));
    for (qsizetype i = 0; i < count; ++i) {
        const GoldenIndex::ScanRecord::Found &f = s.detections.at(i);
        writeText(w, f.vmPath);
        writeText(w, f.hostPath.toUtf8());
        writeText(w, f.threat.toUtf8());
        writeText(w, f.sha256.toUtf8());
        w.u64(quint64(f.size));
    }
}

bool readScan(Reader &r, GoldenIndex::ScanRecord *s)
{
    quint64 files = 0, bytes = 0, excluded = 0, golden = 0;
    quint32 count = 0;
    if (!r.u64(&files) || !r.u64(&bytes) || !r.u64(&excluded) || !r.u64(&golden) || !r.u32(&count)
        || count > kMaxDetectionsPerScan)
        return false;
    s->files = qint64(files);
    s->bytes = qint64(bytes);
    s->excluded = qint64(excluded);
    s->goldenHits = qint64(golden);
    for (quint32 i = 0; i < count; ++i) {
        GoldenIndex::ScanRecord::Found f;
        QByteArray host, threat, sha;
        quint64 size = 0;
        if (!readText(r, &f.vmPath) || !readText(r, &host) || !readText(r, &threat)
            || !readText(r, &sha) || !r.u64(&size))
            return false;
        f.hostPath = QString::fromUtf8(host);
        f.threat = QString::fromUtf8(threat);
        f.sha256 = QString::fromUtf8(sha);
        f.size = qint64(size);
        s->detections.append(f);
    }
    return true;
}

} // namespace

GoldenIndex::GoldenIndex() : GoldenIndex(Limits()) { }

GoldenIndex::GoldenIndex(const Limits &limits)
    : m_limits(limits), m_maps(new Maps(limits)),
      m_blocks(std::make_unique<BackingBlockCache>(limits.maxBackingBlockBytes))
{ }

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

std::optional<GoldenIndex::ScanRecord> GoldenIndex::scanFor(
    const Digest &scanKey, const QString &patternVersion)
{
    std::lock_guard lock(m_mutex);
    if (patternVersion != m_pattern)
        return std::nullopt;
    if (const ScanRecord *s = m_maps->scans.find(scanKey))
        return *s;
    return std::nullopt;
}

void GoldenIndex::rememberScan(
    const Digest &scanKey, const ScanRecord &record, const QString &patternVersion)
{
    std::lock_guard lock(m_mutex);
    if (patternVersion == m_pattern)
        m_maps->scans.insert(scanKey, record);
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
    m_maps->scans.clear();
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

qint64 GoldenIndex::scanCount() const
{
    std::lock_guard lock(m_mutex);
    return qint64(m_maps->scans.size());
}

void GoldenIndex::clear()
{
    std::lock_guard lock(m_mutex);
    m_maps->keys.clear();
    m_maps->threats.clear();
    m_maps->scans.clear();
}

bool GoldenIndex::save(const QString &path, QString *error) const
{
    QString why;
    const bool saved = fs::replaceFile(
        path,
        [&](int fd) {
            std::lock_guard lock(m_mutex);
            Writer w(fd);
            w.header(kMagic, kFormat, m_pattern.toUtf8().left(kMaxText));
            w.u64(m_maps->keys.size());
            w.u64(m_maps->threats.size());
            m_maps->keys.forEach([&](const Digest &k, const Digest &d) {
                w.bytes(k.data(), k.size());
                w.bytes(d.data(), d.size());
            });
            m_maps->threats.forEach([&](const Digest &d, const QString &threat) {
                w.bytes(d.data(), d.size());
                writeText(w, threat.toUtf8());
            });
            w.u64(m_maps->scans.size());
            m_maps->scans.forEach([&](const Digest &k, const ScanRecord &s) {
                w.bytes(k.data(), k.size());
                writeScan(w, s);
            });
            return w.finish();
        },
        &why);
    if (!saved && error)
        *error = QStringLiteral("cannot save the golden image index to %1: %2").arg(path, why);
    return saved;
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
            && std::memcmp(magic, kMagic, sizeof magic) == 0 && r.u32(&format)
            && (format == kFormat || format == kFormatWithoutScans) && r.u32(&patternLength)
            && patternLength <= kMaxText;
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
            QByteArray t;
            ok = r.bytes(d.data(), d.size()) && readText(r, &t);
            if (ok)
                maps->threats.insert(d, QString::fromUtf8(t));
        }
        quint64 scans = 0;
        if (ok && format == kFormat)
            ok = r.u64(&scans) && scans <= quint64(st.st_size / 68);
        for (quint64 i = 0; ok && i < scans; ++i) {
            Digest k;
            ScanRecord s;
            ok = r.bytes(k.data(), k.size()) && readScan(r, &s);
            if (ok)
                maps->scans.insert(k, s);
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
        maps->scans.clear();
    }
    std::lock_guard lock(m_mutex);
    m_maps = std::move(maps);
    m_pattern = currentPatternVersion;
    return loaded;
}

} // namespace mamori::appliance::image
