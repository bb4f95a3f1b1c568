// SPDX-License-Identifier: GPL-2.0-or-later
#include "TestHttp.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <curl/curl.h>
#include <memory>
#include <vector>

namespace mamori::test {
namespace {

size_t onBody(char *data, size_t size, size_t count, void *user)
{
    static_cast<QByteArray *>(user)->append(data, qsizetype(size * count));
    return size * count;
}

size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        static_cast<QHash<QByteArray, QByteArray> *>(user)->insert(
            line.left(colon).toLower(), line.mid(colon + 1).trimmed());
    return size * count;
}

// One easy handle set up for `r`; its header list is freed by finish().
struct Transfer
{
    CURL *curl = nullptr;
    curl_slist *headers = nullptr;
    QByteArray url, ca, auth, type, body, method, source;
    TestResponse response;

    Transfer(const QString &baseUrl, const QString &certificatePath, const TestRequest &r,
        const QByteArray &contentType)
        : curl(curl_easy_init()), url((baseUrl + r.path).toUtf8()),
          ca(certificatePath.toLocal8Bit()), auth("Authorization: Bearer " + r.token.toUtf8()),
          type("Content-Type: " + contentType), body(r.body), method(r.method), source(r.source)
    {
        curl_easy_setopt(curl, CURLOPT_URL, url.constData());
        curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.constData());
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(r.timeoutMs));
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        if (!source.isEmpty())
            curl_easy_setopt(curl, CURLOPT_INTERFACE, source.constData());
        if (!r.token.isEmpty())
            headers = curl_slist_append(headers, auth.constData());
        if (!body.isEmpty()) {
            headers = curl_slist_append(headers, type.constData());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
        }
        // Small bodies go at once; a huge one asks first (Expect: 100-continue),
        // so that the appliance's early 413 is read instead of a broken pipe.
        if (body.size() < (1 << 20))
            headers = curl_slist_append(headers, "Expect:");
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    }
    Transfer(const Transfer &) = delete;
    Transfer &operator=(const Transfer &) = delete;

    TestResponse finish(CURLcode rc)
    {
        if (rc != CURLE_OK)
            response.curlError = QString::fromUtf8(curl_easy_strerror(rc));
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
        curl = nullptr;
        response.json = QJsonDocument::fromJson(response.body).object();
        return response;
    }
};

} // namespace

QString TestResponse::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

TestResponse TestHttp::request(const QByteArray &method, const QString &path,
    const QByteArray &body, const QString &token, const QByteArray &contentType) const
{
    Transfer t(m_baseUrl, m_certificatePath, TestRequest {method, path, body, token, {}, 90000},
        contentType);
    return t.finish(curl_easy_perform(t.curl));
}

QList<TestResponse> TestHttp::requestAll(const QList<TestRequest> &requests) const
{
    CURLM *multi = curl_multi_init();
    std::vector<std::unique_ptr<Transfer>> transfers;
    for (const TestRequest &r : requests) {
        transfers.push_back(
            std::make_unique<Transfer>(m_baseUrl, m_certificatePath, r, "application/json"));
        curl_multi_add_handle(multi, transfers.back()->curl);
    }
    QList<TestResponse> out(requests.size());
    int running = int(requests.size());
    while (running > 0) {
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg *m = curl_multi_info_read(multi, &left)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            // The message lives inside the easy handle: read it before the
            // handle is removed and freed.
            CURL *const done = m->easy_handle;
            const CURLcode result = m->data.result;
            for (size_t i = 0; i < transfers.size(); ++i) {
                if (transfers[i]->curl == done) {
                    curl_multi_remove_handle(multi, done);
                    out[qsizetype(i)] = transfers[i]->finish(result);
                    break;
                }
            }
        }
        if (running > 0)
            curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    curl_multi_cleanup(multi);
    return out;
}

QByteArray TestHttp::loginBody(const QString &user, const QString &password)
{
    const QJsonObject body {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

TestResponse TestHttp::login(const QString &user, const QString &password) const
{
    return request("POST", QStringLiteral("/api/v1/session"), loginBody(user, password));
}

QString TestHttp::token(const QString &user, const QString &password) const
{
    return login(user, password).json.value(QStringLiteral("token")).toString();
}

QHash<QString, QString> TestHttp::waitForVms(const QString &token, int count, int seconds) const
{
    QDeadlineTimer deadline(seconds * 1000);
    do {
        const QJsonArray vms = request("GET", QStringLiteral("/api/v1/vms"), {}, token)
                                   .json.value(QStringLiteral("vms"))
                                   .toArray();
        if (vms.size() == count) {
            QHash<QString, QString> ids;
            for (const QJsonValue &v : vms)
                ids.insert(
                    v[QStringLiteral("name")].toString(), v[QStringLiteral("id")].toString());
            return ids;
        }
        QThread::msleep(50);
    } while (!deadline.hasExpired());
    return {};
}

QJsonArray TestHttp::allPages(const QString &path, const QString &key, const QString &cursor,
    const QString &nextKey, const QString &token,
    const std::function<void(const TestResponse &)> &eachPage) const
{
    QJsonArray all;
    QString url = path;
    const QChar joiner = path.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    for (int page = 0; page < 100000; ++page) {
        const TestResponse r = request("GET", url, {}, token);
        if (eachPage)
            eachPage(r);
        for (const QJsonValue &v : r.json.value(key).toArray())
            all.append(v);
        if (!r.json.value(QStringLiteral("more")).toBool())
            break;
        const QJsonValue next = r.json.value(nextKey);
        url = path + joiner + cursor + QLatin1Char('=')
            + (next.isString() ? next.toString() : QString::number(next.toInteger()));
    }
    return all;
}

QJsonObject TestHttp::waitForEvent(const QString &token, qint64 *after, const QString &type,
    int seconds, const std::function<void()> &between) const
{
    QDeadlineTimer deadline(seconds * 1000);
    while (!deadline.hasExpired()) {
        const TestResponse r =
            request("GET", QStringLiteral("/api/v1/events?after=%1&wait=2").arg(*after), {}, token);
        for (const QJsonValue &e : r.json.value(QStringLiteral("events")).toArray()) {
            *after = e[QStringLiteral("seq")].toInteger();
            if (e[QStringLiteral("type")].toString() == type)
                return e.toObject();
        }
        if (between)
            between();
    }
    return {};
}

} // namespace mamori::test
