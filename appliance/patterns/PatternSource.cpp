// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/patterns/PatternSource.h"

#include "appliance/fs/PosixIo.h"
#include "mamori/Version.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <curl/curl.h>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

namespace mamori::appliance::patternsource {
namespace {

constexpr qint64 kChunk = 1 << 20;

bool isHttp(const QString &source)
{
    return source.startsWith(QLatin1String("https://"))
        || source.startsWith(QLatin1String("http://"));
}

QString folderOf(const QString &source)
{
    return source.mid(4);
}

struct Sink
{
    QByteArray *memory = nullptr;
    QFile *file = nullptr;
    QCryptographicHash *hash = nullptr;
    qint64 limit = 0;
    qint64 received = 0;
    bool tooLarge = false;
    bool writeFailed = false;
    int writeErrno = 0;
    const std::atomic<bool> *cancel = nullptr;
};

size_t onData(char *data, size_t size, size_t count, void *user)
{
    auto *sink = static_cast<Sink *>(user);
    const qint64 n = qint64(size * count);
    if (sink->received + n > sink->limit) {
        sink->tooLarge = true;
        return 0; // aborts the transfer
    }
    sink->received += n;
    if (sink->hash)
        sink->hash->addData(QByteArrayView(data, n));
    if (sink->memory)
        sink->memory->append(data, n);
    if (sink->file && sink->file->write(data, n) != n) {
        sink->writeFailed = true;
        sink->writeErrno = errno;
        return 0;
    }
    return size_t(n);
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *sink = static_cast<Sink *>(user);
    return sink->cancel && sink->cancel->load() ? 1 : 0;
}

bool httpGet(const QString &url, int timeoutSeconds, const PatternFetchLimits &limits, Sink *sink,
    QString *error)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CURL *curl = curl_easy_init();
    if (!curl) {
        *error = QStringLiteral("libcurl could not start a transfer");
        return false;
    }
    const QByteArray target = url.toUtf8();
    const QByteArray agent = QByteArray("mamori-appliance/") + kVersion;
    char curlError[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, target.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    // A redirect may not leave TLS once the admin asked for it.
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR,
        url.startsWith(QLatin1String("https:")) ? "https" : "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(limits.connectTimeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(timeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, long(limits.lowSpeedBytesPerSecond));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(sink->limit));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, agent.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curlError);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, sink);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, sink);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);

    if (sink->tooLarge || rc == CURLE_FILESIZE_EXCEEDED)
        *error =
            QStringLiteral("%1 is larger than %2 bytes").arg(url, QString::number(sink->limit));
    else if (sink->writeFailed)
        *error = QStringLiteral("cannot store %1: %2").arg(url, sink->file->errorString());
    else if (rc == CURLE_ABORTED_BY_CALLBACK)
        *error = QStringLiteral("the transfer of %1 was cancelled").arg(url);
    else if (rc != CURLE_OK)
        *error = QStringLiteral("cannot fetch %1: %2")
                     .arg(url, QString::fromUtf8(*curlError ? curlError : curl_easy_strerror(rc)));
    else if (status != 200)
        *error =
            QStringLiteral("cannot fetch %1: HTTP status %2").arg(url, QString::number(status));
    else
        return true;
    return false;
}

bool readLocal(const QString &path, qint64 limit, Sink *sink, QString *error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, in.errorString());
        return false;
    }
    sink->limit = limit;
    while (true) {
        if (sink->cancel && sink->cancel->load()) {
            *error = QStringLiteral("reading %1 was cancelled").arg(path);
            return false;
        }
        const QByteArray chunk = in.read(kChunk);
        if (chunk.isEmpty())
            break;
        if (onData(const_cast<char *>(chunk.constData()), 1, size_t(chunk.size()), sink) == 0) {
            *error = sink->tooLarge
                ? QStringLiteral("%1 is larger than %2 bytes").arg(path, QString::number(limit))
                : QStringLiteral("cannot store %1").arg(path);
            return false;
        }
    }
    if (in.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, in.errorString());
        return false;
    }
    return true;
}

} // namespace

bool isValidSource(const QString &source, QString *error)
{
    if (isHttp(source)) {
        const QUrl url(source, QUrl::StrictMode);
        if (url.isValid() && !url.host().isEmpty())
            return true;
    } else if (source.startsWith(QLatin1String("dir:")) && QDir::isAbsolutePath(folderOf(source))) {
        return true;
    }
    *error = QStringLiteral("the update source must be an http:// or https:// URL of an index, "
                            "or dir:/ABSOLUTE/FOLDER; got '%1'")
                 .arg(source);
    return false;
}

bool fetchIndex(const QString &source, const PatternFetchLimits &limits, PatternSourceIndex *out,
    QString *error, const std::atomic<bool> *cancel)
{
    if (!isValidSource(source, error))
        return false;
    QByteArray body;
    Sink sink;
    sink.memory = &body;
    sink.limit = limits.maxIndexBytes;
    sink.cancel = cancel;
    const QString where =
        isHttp(source) ? source : folderOf(source) + QStringLiteral("/index.json");
    if (isHttp(source) ? !httpGet(source, limits.indexTimeoutSeconds, limits, &sink, error)
                       : !readLocal(where, limits.maxIndexBytes, &sink, error))
        return false;

    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue version = o.value(QStringLiteral("version"));
    bool numeric = version.isDouble() && version.toDouble() == double(version.toInteger());
    out->version = numeric ? version.toInteger() : version.toString().toLongLong(&numeric);
    const QString released = o.value(QStringLiteral("released")).toString();
    out->released = QDateTime::fromString(released, Qt::ISODate);
    const QString bundle = o.value(QStringLiteral("bundle")).toString();
    out->sha256 = o.value(QStringLiteral("sha256")).toString().toLatin1().toLower();
    if (!numeric || out->version < 1 || !released.endsWith(QLatin1Char('Z'))
        || !out->released.isValid() || bundle.isEmpty() || out->sha256.size() != 64
        || QByteArray::fromHex(out->sha256).toHex() != out->sha256) {
        *error = QStringLiteral("%1 is not a valid pattern index "
                                "({\"version\", \"released\", \"bundle\", \"sha256\"})")
                     .arg(where);
        return false;
    }
    if (isHttp(source)) {
        const QUrl url = QUrl(source).resolved(QUrl(bundle));
        if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
            *error = QStringLiteral("%1: the bundle must be an http or https URL").arg(where);
            return false;
        }
        out->bundle = url.toString();
    } else {
        out->bundle = QDir(folderOf(source)).absoluteFilePath(bundle);
    }
    return true;
}

bool fetchBundle(const PatternSourceIndex &index, const QString &destination,
    const PatternFetchLimits &limits, QString *error, const std::atomic<bool> *cancel,
    int *writeErrno)
{
    const int fd = ::open(QFile::encodeName(destination).constData(),
        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    QFile file;
    if (fd < 0 || !file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
        if (writeErrno)
            *writeErrno = errno ? errno : EIO;
        *error = QStringLiteral("cannot create %1: %2").arg(destination, fs::errnoText());
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    Sink sink;
    sink.file = &file;
    sink.hash = &hash;
    sink.limit = limits.maxBundleBytes;
    sink.cancel = cancel;
    const bool http = isHttp(index.bundle);
    bool ok = http ? httpGet(index.bundle, limits.bundleTimeoutSeconds, limits, &sink, error)
                   : readLocal(index.bundle, limits.maxBundleBytes, &sink, error);
    // QFile buffers: a full disk may show only when the rest is written.
    if (ok && (!file.flush() || ::fsync(file.handle()) != 0)) {
        sink.writeFailed = true;
        sink.writeErrno = errno;
        ok = false;
    }
    file.close();
    if (sink.writeFailed) {
        if (writeErrno)
            *writeErrno = sink.writeErrno ? sink.writeErrno : EIO;
        *error = QStringLiteral("cannot store the download in %1: %2")
                     .arg(destination, fs::errnoText(sink.writeErrno ? sink.writeErrno : EIO));
        return false;
    }
    if (!ok)
        return false;
    if (hash.result().toHex() != index.sha256) {
        *error = QStringLiteral("%1 does not match the SHA-256 in the index "
                                "(still being published?)")
                     .arg(index.bundle);
        return false;
    }
    return true;
}

} // namespace mamori::appliance::patternsource
