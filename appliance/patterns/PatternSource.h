// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <atomic>

// The update source: where the appliance learns of and fetches new pattern
// bundles. Everything here blocks; PatternService calls it on a worker
// thread only.
namespace mamori::appliance {

struct PatternSourceIndex
{
    qint64 version = 0;
    QDateTime released;
    QString bundle; // absolute URL, or absolute path for a dir: source
    QByteArray sha256; // of the whole bundle file, lower-case hex
};

struct PatternFetchLimits
{
    qint64 maxIndexBytes = 64 << 10;
    qint64 maxBundleBytes = 512ll << 20;
    int connectTimeoutSeconds = 15;
    int indexTimeoutSeconds = 30;
    int bundleTimeoutSeconds = 900;
    // Aborts a transfer slower than this for 60 s (a stalled mirror).
    int lowSpeedBytesPerSecond = 1024;
};

namespace patternsource {

// "https://HOST/PATH/index.json", "http://...", or "dir:PATH" (a folder
// holding index.json). Anything else is refused.
bool isValidSource(const QString &source, QString *error);
bool fetchIndex(const QString &source, const PatternFetchLimits &limits, PatternSourceIndex *out,
    QString *error, const std::atomic<bool> *cancel);
// Fetches the bundle into `destination` (created, mode 0600) and checks its
// size and SHA-256 against the index. A failure to store what arrived (a
// full disk) sets *writeErrno: that is not the bundle's fault.
bool fetchBundle(const PatternSourceIndex &index, const QString &destination,
    const PatternFetchLimits &limits, QString *error, const std::atomic<bool> *cancel,
    int *writeErrno = nullptr);

} // namespace patternsource
} // namespace mamori::appliance
