// SPDX-License-Identifier: GPL-2.0-or-later
#include "TestHttp.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <curl/curl.h>

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

} // namespace

QString TestResponse::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

TestResponse TestHttp::request(const QByteArray &method, const QString &path,
    const QByteArray &body, const QString &token, const QByteArray &contentType) const
{
    TestResponse r;
    CURL *curl = curl_easy_init();
    const QByteArray url = (m_baseUrl + path).toUtf8();
    const QByteArray ca = m_certificatePath.toLocal8Bit();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.constData());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r.headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 90L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_slist *headers = nullptr;
    const QByteArray auth = "Authorization: Bearer " + token.toUtf8();
    if (!token.isEmpty())
        headers = curl_slist_append(headers, auth.constData());
    const QByteArray type = "Content-Type: " + contentType;
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
    const CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        r.curlError = QString::fromUtf8(curl_easy_strerror(rc));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    r.json = QJsonDocument::fromJson(r.body).object();
    return r;
}

TestResponse TestHttp::login(const QString &user, const QString &password) const
{
    const QJsonObject body {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}};
    return request("POST", QStringLiteral("/api/v1/session"),
        QJsonDocument(body).toJson(QJsonDocument::Compact));
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
