// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/ImageScanWorker.h"

#include "appliance/engine/ScanEngine.h"
#include "appliance/fs/GuestPath.h"
#include "appliance/image/BackupJob.h"
#include "appliance/image/DiskExporter.h"
#include "appliance/image/GoldenIndex.h"
#include "appliance/image/GuestDisks.h"
#include "appliance/image/ImageFileScanner.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scan/ScanTargets.h"
#include "appliance/scan/Sha256_p.h"
#include "appliance/scan/WorkerRefusal.h"
#include "protocol/ErrorCode.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <malloc.h>

namespace mamori::appliance::image {
namespace {

using protocol::ErrorCode;
using protocol::errorCodeName;
using Clock = std::chrono::steady_clock;

using scanworker::kProgressInterval;
using scanworker::refuse;

void hashText(appliance::detail::Sha256 &sha, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    sha.update(bytes.constData(), std::size_t(bytes.size() + 1)); // with its NUL: no run-ons
}

void hashNumber(appliance::detail::Sha256 &sha, qint64 value)
{
    const QByteArray text = QByteArray::number(value);
    sha.update(text.constData(), std::size_t(text.size() + 1));
}

// The key of a whole scan of a powered-off VM (GoldenIndex::scanFor): every
// image of every disk by its file identity (path, device, inode, size,
// mtime: qemu-nbd and libvirt rewrite a qcow2 file they write to, so any
// guest write changes them), and all that decides the scan's outcome
// besides: its kind, exclusions, pattern and engine limits. None for a VM
// that is running or has a disk that is not an image file.
std::optional<ScanCache::Digest> wholeScanKey(const ImageScanRequest &request)
{
    const ScanRequest &scan = request.scan;
    if (request.power != u"shut-off" || scan.kind != u"full" || !scan.engine)
        return std::nullopt;
    appliance::detail::Sha256 sha;
    sha.update("mamori-image-scan-1", 20);
    for (const VmDisk &disk : request.disks) {
        if (!disk.isReadable())
            return std::nullopt;
        QStringList chain;
        for (const BackingImage &b : disk.backing)
            chain << b.path;
        chain << disk.source;
        ScanCache::Digest identity {};
        if (!GuestDisks::imageIdentity(chain, &identity))
            return std::nullopt;
        hashText(sha, disk.target);
        sha.update(identity.data(), identity.size());
    }
    hashText(sha, scan.kind);
    for (const QString &glob : scan.exclusions)
        hashText(sha, glob);
    hashText(sha, scan.patternVersion);
    const ScanEngine::Limits &limits = scan.engine->limits();
    for (const qint64 n : {limits.maxFileSize, limits.maxScanSize, qint64(limits.maxRecursion),
             qint64(limits.maxFiles)})
        hashNumber(sha, n);
    ScanCache::Digest key {};
    if (!sha.finish(&key))
        return std::nullopt;
    return key;
}

} // namespace

// One run of the scan thread: the state the file callback needs.
class ImageScanWorker::Run
{
public:
    explicit Run(ImageScanWorker &worker) : w(worker), req(worker.m_request.scan) { }
    void execute();

private:
    struct Target
    {
        GuestDisks::Mounted *volume = nullptr;
        QByteArray start; // inside the volume
        QByteArray vmPath; // as asked, normalized
    };

    // The bytes of a path inside the VM (fs/GuestPath.h): the volume's own
    // path, after "/vda2" when the VM has several file systems.
    QByteArray vmPathOf(const GuestDisks::Mounted &m, const QByteArray &path) const
    {
        const QByteArray inner = path.isEmpty() ? QByteArray("/") : path;
        if (!m_prefixed)
            return inner;
        return '/' + m.name.toUtf8() + (inner == "/" ? QByteArray() : inner);
    }
    static QString shown(const QByteArray &vmPath) { return fs::displayPath(vmPath); }
    bool targets(std::vector<Target> *out);
    bool scanFile(GuestDisks::Mounted &m, FileContent &reader, const GuestFile &file);
    void reportProgress(bool force);
    void fail(const QString &code, const QString &why);
    qint64 bytesRead() const;
    void replay(const GoldenIndex::ScanRecord &record);
    void emitDetection(const GoldenIndex::ScanRecord::Found &found);
    void remember(const ScanCache::Digest &key);

    ImageScanWorker &w;
    const ScanRequest &req;
    ScanOutcome m_outcome;
    ScanProgress &p = m_outcome.totals;
    GuestDisks m_disks;
    bool m_prefixed = false;
    bool m_quick = false;
    qint64 m_sinceNs = std::numeric_limits<qint64>::min();
    QList<QByteArray> m_hotPaths;
    std::unique_ptr<Exclusions> m_exclusions;
    std::unique_ptr<ImageFileScanner> m_scanner;
    Clock::time_point m_lastProgress;
    QList<GoldenIndex::ScanRecord::Found> m_found; // for the whole scan's record
};

ImageScanWorker::ImageScanWorker(
    ImageScanRequest request, ImageScanEnvironment environment, ScanCache &cache, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_environment(std::move(environment)),
      m_cache(cache)
{
    qRegisterMetaType<ScanProgress>();
    qRegisterMetaType<Detection>();
    qRegisterMetaType<ScanOutcome>();
}

ImageScanWorker::~ImageScanWorker()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

bool ImageScanWorker::validate(
    const ImageScanRequest &request, QString *errorCode, QString *message)
{
    const QString &kind = request.scan.kind;
    if (kind != u"full" && kind != u"quick" && kind != u"custom")
        return refuse(errorCode, message, ErrorCode::InvalidArgument,
            QStringLiteral("unknown scan kind \"%1\"").arg(kind));
    if (!request.scan.engine)
        return refuse(
            errorCode, message, ErrorCode::Unavailable, QStringLiteral("no scan engine is loaded"));
    if (request.disks.isEmpty())
        return refuse(
            errorCode, message, ErrorCode::NotFound, QStringLiteral("the VM has no disk to read"));
    if (kind == u"custom" && request.scan.paths.isEmpty())
        return refuse(errorCode, message, ErrorCode::InvalidArgument,
            QStringLiteral("a custom scan needs at least one path"));
    for (const QString &path : request.scan.paths) {
        QByteArray normalized;
        QString code;
        if (!ScanTargets::parseVmPath(path, &normalized, &code))
            return refuse(errorCode, message,
                code == u"path_outside_vm" ? ErrorCode::PathOutsideVm : ErrorCode::InvalidArgument,
                QStringLiteral("the path \"%1\" is not a path inside the VM").arg(path));
    }
    return true;
}

bool ImageScanWorker::start()
{
    if (m_thread.joinable())
        return false;
    m_thread = std::thread([this] { run(); });
    return true;
}

bool ImageScanWorker::checkpoint()
{
    return m_control.checkpoint([this](bool paused) { Q_EMIT pausedChanged(paused); });
}

void ImageScanWorker::run()
{
    Run(*this).execute();
    // What the scan allocated and freed (file contents, file system
    // metadata, libclamav's work) stays in this thread's malloc arena, which
    // the next scan's thread inherits, unless it is handed back: a first
    // scan of a golden image otherwise keeps ~10 MiB resident afterwards.
    ::malloc_trim(0);
}

void ImageScanWorker::Run::fail(const QString &code, const QString &why)
{
    m_outcome.state = ScanOutcome::Failed;
    m_outcome.errorCode = code;
    m_outcome.error = why;
    Q_EMIT w.finished(m_outcome);
}

qint64 ImageScanWorker::Run::bytesRead() const
{
    return m_disks.bytesRead();
}

void ImageScanWorker::Run::reportProgress(bool force)
{
    const auto now = Clock::now();
    if (force || now - m_lastProgress >= kProgressInterval) {
        m_lastProgress = now;
        p.bytesRead = std::max(p.bytesRead, bytesRead()); // also once the disks are closed
        Q_EMIT w.progress(p);
    }
}

bool ImageScanWorker::Run::targets(std::vector<Target> *out)
{
    auto &volumes = m_disks.volumes();
    if (req.kind != u"custom") {
        for (auto &m : volumes)
            out->push_back({&m, "/", vmPathOf(m, "/")});
        return true;
    }
    for (const QString &path : req.paths) {
        QByteArray normalized;
        QString code;
        if (!ScanTargets::parseVmPath(path, &normalized, &code)) {
            ++p.errors;
            Q_EMIT w.fileError(path, code);
            continue;
        }
        QByteArray inner = normalized;
        GuestDisks::Mounted *volume = nullptr;
        if (!m_prefixed) {
            volume = volumes.empty() ? nullptr : &volumes.front();
        } else {
            const qsizetype slash = normalized.indexOf('/', 1);
            const QByteArray first = normalized.mid(1, slash < 0 ? -1 : slash - 1);
            for (auto &m : volumes) {
                if (m.name.toUtf8() == first)
                    volume = &m;
            }
            inner = slash < 0 ? QByteArray("/") : normalized.mid(slash);
        }
        if (!volume) {
            ++p.errors;
            Q_EMIT w.fileError(shown(normalized), errorCodeName(ErrorCode::NotFound));
            continue;
        }
        out->push_back({volume, inner, normalized});
    }
    // A path inside another listed one is scanned with it.
    std::sort(out->begin(), out->end(),
        [](const Target &a, const Target &b) { return a.vmPath < b.vmPath; });
    std::vector<Target> kept;
    for (const Target &t : *out) {
        if (kept.empty() || !fs::isUnder(t.vmPath, kept.back().vmPath))
            kept.push_back(t);
    }
    out->swap(kept);
    return true;
}

bool ImageScanWorker::Run::scanFile(
    GuestDisks::Mounted &m, FileContent &reader, const GuestFile &file)
{
    const QByteArray vmPath = vmPathOf(m, file.path);
    if (m_exclusions->matches(vmPath)) {
        ++p.excluded;
        return true;
    }
    if (m_quick) {
        const bool changed = file.mtimeNs >= m_sinceNs || file.ctimeNs >= m_sinceNs;
        const bool hot = std::any_of(m_hotPaths.cbegin(), m_hotPaths.cend(),
            [&](const QByteArray &h) { return fs::isUnder(vmPath, h); });
        if (!changed && !hot)
            return true;
    }
    if (!w.checkpoint())
        return false;
    p.currentPath = shown(vmPath);
    using R = ImageFileScanner::Result;
    const R r = m_scanner->scan(file, reader, m.disk->clone, p.currentPath, &m.disk->pending);
    if (r.kind == R::Cancelled)
        return false;
    ++p.files;
    p.bytes += file.size;
    if (r.byExtents) {
        ++p.statHits;
        p.goldenHits += r.golden;
    }
    switch (r.kind) {
    case R::CachedByContent:
        ++p.cacheHits;
        break;
    case R::Clean:
        ++p.cacheMisses;
        break;
    case R::Infected: {
        r.cachedThreat ? ++p.cacheHits : ++p.cacheMisses;
        ++p.detections;
        // No root: the file is inside a disk image, which file actions refuse.
        m_found.append(
            {vmPath, QStringLiteral("%1:%2:%3").arg(m.disk->disk.source, m.name, shown(file.path)),
                r.threat, r.sha256, file.size});
        emitDetection(m_found.back());
        break;
    }
    case R::Incomplete:
        ++p.incomplete;
        Q_EMIT w.incomplete(p.currentPath, r.reason);
        break;
    case R::Error:
        ++p.errors;
        Q_EMIT w.fileError(p.currentPath, r.reason);
        break;
    case R::Cancelled:
        break;
    }
    reportProgress(false);
    return true;
}

void ImageScanWorker::Run::emitDetection(const GoldenIndex::ScanRecord::Found &found)
{
    Detection d;
    d.vmId = req.vmId;
    d.jobId = req.jobId;
    d.vmPath = found.vmPath;
    d.hostPath = found.hostPath;
    d.threat = found.threat;
    d.sha256 = found.sha256;
    d.size = found.size;
    Q_EMIT w.detection(d);
}

// The same scan of the same unchanged images: what it found then, with
// nothing exported, walked or read. Every file counts as known by its
// extents, as it would have been.
void ImageScanWorker::Run::replay(const GoldenIndex::ScanRecord &record)
{
    p.files = record.files;
    p.bytes = record.bytes;
    p.excluded = record.excluded;
    p.cacheHits = record.files;
    p.statHits = record.files;
    p.goldenHits = record.goldenHits;
    p.detections = record.detections.size();
    for (const GoldenIndex::ScanRecord::Found &f : record.detections)
        emitDetection(f);
    reportProgress(true);
    Q_EMIT w.finished(m_outcome);
}

// Kept only for a scan that saw every file to its verdict, of images that
// did not change while it ran.
void ImageScanWorker::Run::remember(const ScanCache::Digest &key)
{
    GoldenIndex *golden = w.m_environment.golden;
    if (w.m_control.isCancelled() || p.errors != 0 || p.incomplete != 0 || !p.unscannable.isEmpty()
        || wholeScanKey(w.m_request) != key)
        return;
    golden->rememberScan(
        key, {p.files, p.bytes, p.excluded, p.goldenHits, m_found}, req.patternVersion);
}

void ImageScanWorker::Run::execute()
{
    QString code, why;
    if (!validate(w.m_request, &code, &why))
        return fail(code, why);
    const ImageScanEnvironment &env = w.m_environment;
    const auto wholeKey = env.golden ? wholeScanKey(w.m_request) : std::nullopt;
    if (wholeKey) {
        if (const auto record = env.golden->scanFor(*wholeKey, req.patternVersion))
            return replay(*record);
    }
    std::unique_ptr<DiskExporter> exporter;
    if (env.exporter)
        exporter = env.exporter(w.m_request);
    else if (w.m_request.power == u"shut-off")
        exporter = std::make_unique<QemuNbdExporter>(env.runtimeDir, req.jobId);
    else
        exporter = std::make_unique<BackupJobExporter>(
            env.libvirtUri, w.m_request.domain, env.runtimeDir, env.dataDir, req.jobId);
    if (!exporter->open(w.m_request.disks, &code, &why))
        return fail(code, why);

    // qemu-nbd exports a VM that is off: its image files stay as they are.
    m_disks.open(*exporter, w.m_request.disks, env.golden,
        w.m_request.power == u"shut-off" && exporter->ownLayers() == 1);
    for (const GuestDisks::Unscannable &u : m_disks.unscannable()) {
        p.unscannable << QStringLiteral("%1: %2").arg(u.name, u.what);
        Q_EMIT w.incomplete(
            QLatin1Char('/') + u.name, QStringLiteral("not scannable: %1").arg(u.what));
    }
    m_prefixed = m_disks.volumes().size() > 1;
    m_quick = req.kind == u"quick";
    if (req.lastCompletedScan.isValid())
        m_sinceNs = req.lastCompletedScan.toMSecsSinceEpoch() * 1'000'000;
    for (const QString &hot : req.hotPaths) {
        QByteArray normalized;
        QString ignored;
        if (ScanTargets::parseVmPath(hot, &normalized, &ignored))
            m_hotPaths << normalized;
    }
    m_exclusions = std::make_unique<Exclusions>(req.exclusions);
    m_scanner = std::make_unique<ImageFileScanner>(
        *req.engine, w.m_cache, env.golden, req.patternVersion, w.m_control.cancelledFlag());

    std::vector<Target> list;
    targets(&list);
    bool stopped = false;
    for (const Target &t : list) {
        if (stopped)
            break;
        GuestDisks::Mounted &m = *t.volume;
        if (m_exclusions->matchesSelfOrAncestor(t.vmPath)) {
            ++p.excluded;
            continue;
        }
        FileContent reader(*m.disk->nbd, *m.volume, w.m_control.cancelledFlag());
        Volume::Walk walk;
        walk.file = [&](const GuestFile &file) { return scanFile(m, reader, file); };
        walk.problem = [&](const QByteArray &path, const QString &reason) {
            ++p.errors;
            Q_EMIT w.fileError(shown(vmPathOf(m, path)), reason);
        };
        walk.enter = [&](const QByteArray &dir) {
            if (!m_exclusions->matches(vmPathOf(m, dir)))
                return true;
            ++p.excluded;
            return false;
        };
        QString error;
        if (!m.volume->walk(t.start, walk, &error)) {
            if (w.m_control.isCancelled()) {
                stopped = true;
            } else if (!error.isEmpty()) {
                ++p.errors;
                Q_EMIT w.fileError(shown(t.vmPath), error);
            }
        }
    }
    if (env.golden)
        m_disks.commitKeys(*env.golden);
    p.bytesRead = bytesRead();
    m_disks.close();
    exporter->close();
    if (wholeKey)
        remember(*wholeKey);

    p.currentPath.clear();
    if (w.m_control.isCancelled())
        m_outcome.state = ScanOutcome::Cancelled;
    reportProgress(true);
    Q_EMIT w.finished(m_outcome);
}

} // namespace mamori::appliance::image
