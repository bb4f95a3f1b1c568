// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace mamori::test {

struct TestResponse
{
    long status = 0; // 0: no HTTP answer (see curlError)
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString curlError;

    QString errorCode() const;
};

// One request of TestHttp::requestAll.
struct TestRequest
{
    QByteArray method = "GET";
    QString path;
    QByteArray body;
    QString token;
    QByteArray source; // local address to send from ("127.0.0.5"); empty: any
    int timeoutMs = 90000;
};

// A blocking libcurl client for tests that talk to an appliance process
// (never used on a GUI thread). Verifies the appliance's certificate against
// its own cert.pem, like a pinned console would.
class TestHttp
{
public:
    TestHttp(QString baseUrl, QString certificatePath)
        : m_baseUrl(std::move(baseUrl)), m_certificatePath(std::move(certificatePath))
    { }

    TestResponse request(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QString &token = {}, const QByteArray &contentType = "application/json") const;
    // Sends all at once (one libcurl multi handle, a connection each) and
    // waits for every answer; answers in the order of `requests`.
    QList<TestResponse> requestAll(const QList<TestRequest> &requests) const;
    TestResponse login(const QString &user, const QString &password) const;
    static QByteArray loginBody(const QString &user, const QString &password);
    // Logs in and returns the token (empty on failure).
    QString token(const QString &user, const QString &password) const;
    // Follows the event stream from *after (long polls of 2 s) until an
    // event of `type` arrives or `seconds` pass; empty on timeout. `between`
    // runs between polls (to serve an event loop the test needs).
    // Polls GET /api/v1/vms until it lists `count` VMs, then gives them as
    // name → id; empty when that does not happen within `seconds`.
    QHash<QString, QString> waitForVms(const QString &token, int count, int seconds = 10) const;
    // Every page of a list answer (docs/api.md, Lists): GET `path`, then
    // again with `cursor`=the answer's `nextKey` while it says "more".
    // `eachPage` sees every answer.
    QJsonArray allPages(const QString &path, const QString &key, const QString &cursor,
        const QString &nextKey, const QString &token,
        const std::function<void(const TestResponse &)> &eachPage = {}) const;
    QJsonObject waitForEvent(const QString &token, qint64 *after, const QString &type,
        int seconds = 30, const std::function<void()> &between = {}) const;

private:
    QString m_baseUrl;
    QString m_certificatePath;
};

} // namespace mamori::test
