// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/engine/ScanEngine.h"

#include <QFile>

#include <clamav.h>
#include <fcntl.h>
#include <cstring>
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

std::shared_ptr<const ScanEngine> ScanEngine::compile(const QString &signatureDir,
                                                      const Limits &limits, QString *error)
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

namespace {

cl_scan_options scanOptions()
{
    cl_scan_options options = {};
    options.general = CL_SCAN_GENERAL_HEURISTICS;
    options.parse = ~0u;
    // Report what could not be scanned instead of passing it silently.
    options.heuristic = CL_SCAN_HEURISTIC_EXCEEDS_MAX | CL_SCAN_HEURISTIC_ENCRYPTED_ARCHIVE;
    return options;
}

} // namespace

ScanEngine::Result ScanEngine::scan(int fd, const QString &name) const
{
    cl_scan_options options = scanOptions();
    const char *virname = nullptr;
    unsigned long scanned = 0;
    const QByteArray label = name.toUtf8();
    const cl_error_t rc = cl_scandesc(fd, label.constData(), &virname, &scanned, m_engine, &options);
    return interpret(rc, virname, scanned);
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
    cl_scan_options options = scanOptions();
    const char *virname = nullptr;
    unsigned long scanned = 0;
    const QByteArray label = name.toUtf8();
    const cl_error_t rc =
        cl_scanmap_callback(map, label.constData(), &virname, &scanned, m_engine, &options, nullptr);
    r = interpret(rc, virname, scanned);
    cl_fmap_close(map);
    return r;
}

ScanEngine::Result ScanEngine::interpret(int code, const char *virname, unsigned long scanned)
{
    const cl_error_t rc = cl_error_t(code);
    Result r;
    r.scannedBytes = qint64(scanned) * CL_COUNT_PRECISION;
    if (rc == CL_CLEAN)
        return r;
    if (rc == CL_VIRUS) {
        const QString found = QString::fromUtf8(virname ? virname : "");
        // libclamav 1.4 reports a file over CL_ENGINE_MAX_FILESIZE as
        // CL_VIRUS without a name unless a virus-found callback is set.
        if (!virname || found.startsWith(QLatin1String("Heuristics.Limits.Exceeded"))) {
            r.verdict = Result::Verdict::Incomplete;
            r.detail = QStringLiteral("limits exceeded");
        } else if (found.startsWith(QLatin1String("Heuristics.Encrypted"))) {
            r.verdict = Result::Verdict::Incomplete;
            r.detail = QStringLiteral("encrypted archive");
        } else {
            r.verdict = Result::Verdict::Infected;
            r.threat = found;
        }
        return r;
    }
    r.verdict = Result::Verdict::Error;
    r.detail = QString::fromUtf8(cl_strerror(rc));
    return r;
}

ScanEngine::Result ScanEngine::scanFile(const QString &path) const
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        Result r;
        r.verdict = Result::Verdict::Error;
        r.detail = QString::fromLocal8Bit(strerror(errno));
        return r;
    }
    Result r = scan(fd, path);
    ::close(fd);
    return r;
}

} // namespace mamori::appliance
