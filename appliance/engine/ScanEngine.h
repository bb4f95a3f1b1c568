// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <memory>

struct cl_engine;

namespace mamori::appliance {

// A compiled libclamav engine for one pattern. Immutable once compiled and
// safe to scan with from many threads; held by shared_ptr so that a pattern
// swap never leaves a moment without an engine, and a running scan keeps the
// engine it started with until it ends.
class ScanEngine
{
public:
    struct Limits
    {
        qint64 maxFileSize = 100ll << 20; // larger files are reported, not scanned
        qint64 maxScanSize = 400ll << 20; // data scanned per file, archives included
        int maxRecursion = 16; // archive nesting depth
        int maxFiles = 10000; // files inside one archive

        bool operator==(const Limits &) const = default;
    };

    struct Result
    {
        enum class Verdict { Clean, Infected, Incomplete, Error };
        Verdict verdict = Verdict::Clean;
        QString threat; // Infected: the signature name
        QString detail; // Incomplete: "limits exceeded" / "encrypted archive"; Error: why
        qint64 scannedBytes = 0;

        // Gives a scanner's result (any type with kind Clean, Infected,
        // Incomplete, Error, a threat and a reason) this verdict.
        template<typename Scanned> void copyTo(Scanned *out) const
        {
            switch (verdict) {
            case Verdict::Clean:
                out->kind = Scanned::Clean;
                break;
            case Verdict::Infected:
                out->kind = Scanned::Infected;
                out->threat = threat;
                break;
            case Verdict::Incomplete:
                out->kind = Scanned::Incomplete;
                out->reason = detail;
                break;
            case Verdict::Error:
                out->kind = Scanned::Error;
                out->reason = detail;
                break;
            }
        }
    };

    ~ScanEngine();
    ScanEngine(const ScanEngine &) = delete;
    ScanEngine &operator=(const ScanEngine &) = delete;

    // Loads every signature file libclamav knows in `signatureDir` (.hdb,
    // .hsb, .ndb, .ldb, .yar, .cvd, .cld, ...) and compiles the engine.
    static std::shared_ptr<const ScanEngine> compile(
        const QString &signatureDir, const Limits &limits, QString *error);
    static QString libraryVersion();

    // Scans an open file descriptor; `name` only labels the result.
    Result scan(int fd, const QString &name) const;
    // Scans bytes in memory (a file read out of a disk image), under the
    // same limits; `name` only labels the result.
    Result scanMemory(const void *data, qint64 size, const QString &name) const;
    Result scanFile(const QString &path) const;

    unsigned signatureCount() const { return m_signatures; }
    const Limits &limits() const { return m_limits; }

private:
    ScanEngine() = default;

    cl_engine *m_engine = nullptr;
    unsigned m_signatures = 0;
    Limits m_limits;
};

} // namespace mamori::appliance
