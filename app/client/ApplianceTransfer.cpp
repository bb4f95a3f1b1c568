// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApplianceTransfer.h"

#include <QCryptographicHash>

namespace mamori::console {

namespace {

// Every request waits at most this long for TCP and TLS to be set up.
constexpr long kConnectTimeoutMs = 10000;

CertificateInfo leafCertificate(CURL *easy)
{
    curl_certinfo *info = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &info) != CURLE_OK || !info
        || info->num_of_certs < 1)
        return {};
    for (curl_slist *field = info->certinfo[0]; field; field = field->next) {
        const QByteArray line(field->data);
        if (line.startsWith("Cert:"))
            return CertificateInfo::fromPem(line.mid(5));
    }
    return {};
}

ApiError networkError(CURLcode code)
{
    ApiError e;
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        e.kind = ApiError::Kind::Refused;
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        e.kind = ApiError::Kind::Refused;
        e.code = QStringLiteral("host_not_found");
        break;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        e.kind = ApiError::Kind::Refused;
        e.code = QStringLiteral("connection_lost");
        break;
    case CURLE_OPERATION_TIMEDOUT:
        e.kind = ApiError::Kind::Timeout;
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
        e.kind = ApiError::Kind::Tls;
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        e.kind = ApiError::Kind::Cancelled;
        break;
    default:
        e.kind = ApiError::Kind::Protocol;
        break;
    }
    return e;
}

} // namespace

ApplianceTransfer::ApplianceTransfer(Setup setup)
    : m_setup(std::move(setup)), m_easy(curl_easy_init())
{
    m_urlBytes = m_setup.url.toUtf8();
    curl_easy_setopt(m_easy, CURLOPT_URL, m_urlBytes.constData());
    curl_easy_setopt(m_easy, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(m_easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(m_easy, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(m_easy, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
    curl_easy_setopt(m_easy, CURLOPT_TIMEOUT_MS, long(m_setup.timeoutMs));
    if (m_setup.stallSeconds > 0) {
        curl_easy_setopt(m_easy, CURLOPT_LOW_SPEED_LIMIT, kStallBytesPerSecond);
        curl_easy_setopt(m_easy, CURLOPT_LOW_SPEED_TIME, long(m_setup.stallSeconds));
    }
    // An answer that says it is larger than we take is refused before a byte
    // of its body is read (onHeader checks too, whatever libcurl does).
    curl_easy_setopt(m_easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(m_setup.maxResponseSize));
    curl_easy_setopt(m_easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(m_easy, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    // The certificate is self-signed: there is no CA to verify it against.
    // The pinned key below is the trust, checked in the handshake before a
    // byte of the request (and so of a credential) is sent.
    curl_easy_setopt(m_easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(m_easy, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(m_easy, CURLOPT_CERTINFO, 1L);
    if (!m_setup.pinnedKey.isEmpty()) {
        m_pinOption = "sha256//" + m_setup.pinnedKey;
        // libcurl reuses a connection only for an equal pin string. The second
        // hash (of the fingerprint, never of a real key) makes the string
        // differ per trusted certificate, so a connection is reused only by a
        // transfer that trusts the certificate onPrereq checked when it was made.
        if (!m_setup.pinnedFingerprint.isEmpty())
            m_pinOption += ";sha256//"
                + QCryptographicHash::hash(
                    "mamori-certificate-pin:" + m_setup.pinnedFingerprint.toLatin1(),
                    QCryptographicHash::Sha256)
                      .toBase64();
        curl_easy_setopt(m_easy, CURLOPT_PINNEDPUBLICKEY, m_pinOption.constData());
    }
    if (!m_setup.pinnedFingerprint.isEmpty()) {
        curl_easy_setopt(m_easy, CURLOPT_PREREQFUNCTION, &ApplianceTransfer::onPrereq);
        curl_easy_setopt(m_easy, CURLOPT_PREREQDATA, this);
    }
    if (m_setup.freshConnection) {
        // An unverified first-contact connection must never be reused.
        curl_easy_setopt(m_easy, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(m_easy, CURLOPT_FORBID_REUSE, 1L);
    }
    if (m_setup.method == "GET")
        curl_easy_setopt(m_easy, CURLOPT_HTTPGET, 1L);
    else
        curl_easy_setopt(m_easy, CURLOPT_CUSTOMREQUEST, m_setup.method.constData());
    curl_easy_setopt(m_easy, CURLOPT_WRITEFUNCTION, &ApplianceTransfer::onBody);
    curl_easy_setopt(m_easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(m_easy, CURLOPT_HEADERFUNCTION, &ApplianceTransfer::onHeader);
    curl_easy_setopt(m_easy, CURLOPT_HEADERDATA, this);

    m_headers = curl_slist_append(m_headers, "Accept: application/json");
    m_headers = curl_slist_append(m_headers, "Expect:");
    if (!m_setup.token.isEmpty()) {
        m_authHeader = "Authorization: Bearer " + m_setup.token;
        m_headers = curl_slist_append(m_headers, m_authHeader.constData());
    }
    if (m_setup.hasBody) {
        m_headers = curl_slist_append(m_headers, "Content-Type: application/json");
        curl_easy_setopt(m_easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_setup.body.size()));
        curl_easy_setopt(m_easy, CURLOPT_POSTFIELDS, m_setup.body.constData());
    }
    curl_easy_setopt(m_easy, CURLOPT_HTTPHEADER, m_headers);
}

ApplianceTransfer::~ApplianceTransfer()
{
    curl_easy_cleanup(m_easy);
    curl_slist_free_all(m_headers);
    // The body may hold a password and the header a token: do not leave them
    // lying around in freed memory.
    m_setup.body.fill('\0');
    m_authHeader.fill('\0');
}

size_t ApplianceTransfer::onBody(char *data, size_t size, size_t count, void *self)
{
    auto *t = static_cast<ApplianceTransfer *>(self);
    const size_t n = size * count;
    if (t->m_response.size() + qint64(n) > t->m_setup.maxResponseSize) {
        t->m_tooLarge = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->m_response.append(data, qsizetype(n));
    return n;
}

size_t ApplianceTransfer::onHeader(char *data, size_t size, size_t count, void *self)
{
    auto *t = static_cast<ApplianceTransfer *>(self);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, qsizetype(n)).trimmed();
    const QByteArray lower = line.toLower();
    if (lower.startsWith("retry-after:"))
        t->m_retryAfter = line.mid(12).trimmed();
    if (lower.startsWith("content-length:")) {
        bool ok = false;
        const qint64 length = line.mid(15).trimmed().toLongLong(&ok);
        if (ok && length > t->m_setup.maxResponseSize) {
            t->m_tooLarge = true;
            return 0; // aborts the transfer before its body is read
        }
    }
    return n;
}

int ApplianceTransfer::onPrereq(void *self, char *, char *, int, int)
{
    // Runs once the connection stands and before the request goes out. A
    // reused connection has no new certificate: it was checked when made,
    // under the same pinned key (libcurl reuses only with equal TLS options).
    auto *t = static_cast<ApplianceTransfer *>(self);
    const CertificateInfo peer = leafCertificate(t->m_easy);
    if (peer.isNull())
        return CURL_PREREQFUNC_OK;
    t->m_presentedFingerprint = peer.fingerprint;
    if (peer.fingerprint.compare(t->m_setup.pinnedFingerprint, Qt::CaseInsensitive) == 0)
        return CURL_PREREQFUNC_OK;
    t->m_fingerprintMismatch = true;
    return CURL_PREREQFUNC_ABORT;
}

CertificateInfo ApplianceTransfer::peerCertificate() const
{
    return leafCertificate(m_easy);
}

ApiResult ApplianceTransfer::result(CURLcode code, const QString &address) const
{
    ApiResult r;
    r.error.address = address;
    long status = 0;
    curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
    r.httpStatus = int(status);
    const auto fail = [&](ApiError::Kind kind, const QString &detail, const QString &message) {
        r.error.kind = kind;
        r.error.code = detail;
        r.error.message = message;
        return r;
    };

    if (m_fingerprintMismatch || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH) {
        const QString presented =
            m_fingerprintMismatch ? m_presentedFingerprint : peerCertificate().fingerprint;
        return fail(ApiError::Kind::PinMismatch, {},
            QStringLiteral("the peer's %1 is not the pinned one (presented: %2)")
                .arg(m_fingerprintMismatch ? QStringLiteral("certificate")
                                           : QStringLiteral("public key"),
                    presented.isEmpty() ? QStringLiteral("unknown") : presented));
    }
    if (m_tooLarge || code == CURLE_FILESIZE_EXCEEDED)
        return fail(ApiError::Kind::Protocol, QStringLiteral("response_too_large"),
            QStringLiteral("the answer exceeds %1 bytes").arg(m_setup.maxResponseSize));
    if (code != CURLE_OK) {
        const ApiError e = networkError(code);
        const QString detail = m_errorBuffer[0] ? QString::fromUtf8(m_errorBuffer)
                                                : QString::fromUtf8(curl_easy_strerror(code));
        return fail(e.kind, e.code, detail);
    }

    ApiResult answer = resultOfAnswer(int(status), m_response, m_retryAfter);
    answer.error.address = address;
    return answer;
}

} // namespace mamori::console
