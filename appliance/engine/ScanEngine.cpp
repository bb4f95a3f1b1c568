// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/engine/ScanEngine.h"

#include "appliance/fs/PosixIo.h"

#include <QFile>
#include <QStringList>

#include <algorithm>
#include <clamav.h>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

namespace mamori::appliance {
namespace {

bool initLibrary(QString *error)
{
    static std::once_flag once;
    static cl_error_t rc = CL_SUCCESS;
    std::call_once(once, [] {
        rc = cl_init(CL_INIT_DEFAULT);
        // libclamav logs to stderr by default; the appliance reports results itself.
        cl_set_clcb_msg([](enum cl_msg, const char *, const char *, void *) {});
    });
    if (rc != CL_SUCCESS && error)
        *error = QStringLiteral("libclamav: %1").arg(QString::fromUtf8(cl_strerror(rc)));
    return rc == CL_SUCCESS;
}

// Every alert libclamav raises while it scans one file, in order: with
// CL_SCAN_GENERAL_ALLMATCHES the scan goes on after the first one, so that a
// limit reached in one part of an archive ("Heuristics.Limits.Exceeded.*")
// cannot hide a signature in another, whichever name libclamav would return.
struct Alerts
{
    QStringList names;
};

void onAlert(int, const char *name, void *context)
{
    if (context && name)
        static_cast<Alerts *>(context)->names.append(QString::fromUtf8(name));
}

bool isLimit(const QString &name)
{
    return name.startsWith(QLatin1String("Heuristics.Limits.Exceeded"));
}

bool isEncrypted(const QString &name)
{
    return name.startsWith(QLatin1String("Heuristics.Encrypted"));
}

// The same for every scan, whatever it reads from: all parsers, heuristics,
// what could not be scanned reported instead of passed silently, and every
// alert (see Alerts).
cl_scan_options scanOptions()
{
    cl_scan_options options = {};
    options.general = CL_SCAN_GENERAL_HEURISTICS | CL_SCAN_GENERAL_ALLMATCHES;
    options.parse = ~0u;
    options.heuristic = CL_SCAN_HEURISTIC_EXCEEDS_MAX | CL_SCAN_HEURISTIC_ENCRYPTED_ARCHIVE;
    return options;
}

// A detection wins: the first alert that is neither a limit nor an encrypted
// part. "Incomplete" only when the engine found nothing else.
ScanEngine::Result verdictOf(
    cl_error_t rc, const char *virname, unsigned long scanned, Alerts &alerts)
{
    ScanEngine::Result r;
    r.scannedBytes = qint64(scanned) * CL_COUNT_PRECISION;
    if (rc == CL_CLEAN)
        return r;
    if (rc != CL_VIRUS) {
        r.verdict = ScanEngine::Result::Verdict::Error;
        r.detail = QString::fromUtf8(cl_strerror(rc));
        return r;
    }
    if (virname)
        alerts.names.append(QString::fromUtf8(virname));
    for (const QString &found : std::as_const(alerts.names)) {
        if (!isLimit(found) && !isEncrypted(found)) {
            r.verdict = ScanEngine::Result::Verdict::Infected;
            r.threat = found;
            return r;
        }
    }
    // libclamav 1.4 reports a file over CL_ENGINE_MAX_FILESIZE as CL_VIRUS
    // without any name: a limit too.
    const bool encrypted = std::any_of(alerts.names.cbegin(), alerts.names.cend(), isEncrypted)
        && std::none_of(alerts.names.cbegin(), alerts.names.cend(), isLimit);
    r.verdict = ScanEngine::Result::Verdict::Incomplete;
    r.detail = encrypted ? QStringLiteral("encrypted archive") : QStringLiteral("limits exceeded");
    return r;
}

// One libclamav call (`call` fills in the name, the bytes scanned and the
// alerts) under scanOptions(), judged by verdictOf().
template<typename Call> ScanEngine::Result scanWith(Call call)
{
    cl_scan_options options = scanOptions();
    const char *virname = nullptr;
    unsigned long scanned = 0;
    Alerts alerts;
    const cl_error_t rc = call(&virname, &scanned, &options, &alerts);
    return verdictOf(rc, virname, scanned, alerts);
}

} // namespace

ScanEngine::~ScanEngine()
{
    if (m_engine)
        cl_engine_free(m_engine);
}

QString ScanEngine::libraryVersion()
{
    return QString::fromLatin1(cl_retver());
}

std::shared_ptr<const ScanEngine> ScanEngine::compile(
    const QString &signatureDir, const Limits &limits, QString *error)
{
    if (!initLibrary(error))
        return nullptr;
    std::shared_ptr<ScanEngine> engine(new ScanEngine);
    engine->m_limits = limits;
    engine->m_engine = cl_engine_new();
    if (!engine->m_engine) {
        *error = QStringLiteral("libclamav could not create an engine");
        return nullptr;
    }
    cl_engine *e = engine->m_engine;
    cl_engine_set_num(e, CL_ENGINE_MAX_FILESIZE, limits.maxFileSize);
    cl_engine_set_num(e, CL_ENGINE_MAX_SCANSIZE, limits.maxScanSize);
    cl_engine_set_num(e, CL_ENGINE_MAX_RECURSION, limits.maxRecursion);
    cl_engine_set_num(e, CL_ENGINE_MAX_FILES, limits.maxFiles);
    // libclamav's own clean cache (65,536 MD5s, ~4 MiB resident, an MD5
    // of every file scanned) repeats what the scan cache already knows by
    // SHA-256 (ScanCache, GoldenIndex): the appliance asks the engine only
    // about content it does not know.
    cl_engine_set_num(e, CL_ENGINE_DISABLE_CACHE, 1);
    cl_engine_set_clcb_virus_found(e, onAlert);

    const QByteArray dir = QFile::encodeName(signatureDir);
    const cl_error_t loaded = cl_load(dir.constData(), e, &engine->m_signatures, CL_DB_STDOPT);
    if (loaded != CL_SUCCESS) {
        *error = QStringLiteral("the signatures in %1 do not load: %2")
                     .arg(signatureDir, QString::fromUtf8(cl_strerror(loaded)));
        return nullptr;
    }
    if (engine->m_signatures == 0) {
        *error = QStringLiteral("%1 holds no signatures").arg(signatureDir);
        return nullptr;
    }
    const cl_error_t compiled = cl_engine_compile(e);
    if (compiled != CL_SUCCESS) {
        *error = QStringLiteral("the signatures in %1 do not compile: %2")
                     .arg(signatureDir, QString::fromUtf8(cl_strerror(compiled)));
        return nullptr;
    }
    return engine;
}

ScanEngine::Result ScanEngine::scan(int fd, const QString &name) const
{
    const QByteArray label = name.toUtf8();
    return scanWith([&](const char **virname, unsigned long *scanned, cl_scan_options *options,
                        Alerts *alerts) {
        return cl_scandesc_callback(
            fd, label.constData(), virname, scanned, m_engine, options, alerts);
    });
}

ScanEngine::Result ScanEngine::scanMemory(const void *data, qint64 size, const QString &name) const
{
    Result r;
    if (size == 0)
        return r; // as libclamav says of an empty file
    // libclamav would not scan past its size limit either; say so the same way.
    if (size > m_limits.maxFileSize) {
        r.verdict = Result::Verdict::Incomplete;
        r.detail = QStringLiteral("limits exceeded");
        return r;
    }
    cl_fmap_t *map = cl_fmap_open_memory(data, size_t(size));
    if (!map) {
        r.verdict = Result::Verdict::Error;
        r.detail = QStringLiteral("libclamav could not map the file");
        return r;
    }
    const QByteArray label = name.toUtf8();
    r = scanWith([&](const char **virname, unsigned long *scanned, cl_scan_options *options,
                     Alerts *alerts) {
        return cl_scanmap_callback(
            map, label.constData(), virname, scanned, m_engine, options, alerts);
    });
    cl_fmap_close(map);
    return r;
}

ScanEngine::Result ScanEngine::scanFile(const QString &path) const
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        Result r;
        r.verdict = Result::Verdict::Error;
        r.detail = fs::errnoText();
        return r;
    }
    Result r = scan(fd, path);
    ::close(fd);
    return r;
}

} // namespace mamori::appliance
