// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ApiError.h"
#include "CertificateInfo.h"

#include <QByteArray>
#include <QString>

#include <curl/curl.h>

namespace mamori::console {

// One HTTP exchange with an appliance on one libcurl easy handle: builds the
// request with the client's trust settings and turns whatever came back
// into an ApiResult. Internal to ApplianceClient.
class ApplianceTransfer
{
public:
    // An answer slower than this for Setup::stallSeconds drips: it is cut.
    static constexpr long kStallBytesPerSecond = 100;

    struct Setup
    {
        QString url;
        QByteArray method;
        QByteArray body; // sent when hasBody
        bool hasBody = false;
        QByteArray token;
        // Base64 SHA-256 of the pinned key; empty only for a first-contact probe,
        // which must then not send a token either.
        QByteArray pinnedKey;
        QString pinnedFingerprint;
        int timeoutMs = 30000;
        // Cut when fewer than kStallBytesPerSecond arrive for this long
        // (waiting for the first byte included); 0: no such cut.
        int stallSeconds = 0;
        qint64 maxResponseSize = 16 * 1024 * 1024;
        bool freshConnection = false;
    };

    explicit ApplianceTransfer(Setup setup);
    ~ApplianceTransfer();
    ApplianceTransfer(const ApplianceTransfer &) = delete;
    ApplianceTransfer &operator=(const ApplianceTransfer &) = delete;

    CURL *easy() const { return m_easy; }
    const Setup &setup() const { return m_setup; }
    ApiResult result(CURLcode code, const QString &address) const;
    // The certificate the peer presented in this transfer's handshake (null
    // when the transfer reused a connection or never got that far).
    CertificateInfo peerCertificate() const;
    QString presentedFingerprint() const { return m_presentedFingerprint; }

private:
    static size_t onBody(char *data, size_t size, size_t count, void *self);
    static size_t onHeader(char *data, size_t size, size_t count, void *self);
    static int onPrereq(void *self, char *, char *, int, int);

    Setup m_setup;
    CURL *m_easy = nullptr;
    curl_slist *m_headers = nullptr;
    QByteArray m_urlBytes;
    QByteArray m_authHeader;
    QByteArray m_pinOption;
    QByteArray m_response;
    QByteArray m_retryAfter;
    QString m_presentedFingerprint;
    bool m_tooLarge = false;
    bool m_fingerprintMismatch = false;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
};

} // namespace mamori::console
