// SPDX-License-Identifier: GPL-2.0-or-later
// The appliance's handling of one HTTP request, from the bytes on the wire to
// the router's decision, without a socket. The input is a raw HTTP/1.1
// request. libmicrohttpd parses the wire format; this harness splits the
// bytes the way MHD 0.9.75 does (request line, "Name: value" header lines,
// the query after '?' split at '&' and '=' with '+' as a space, and MHD's own
// MHD_http_unescape for the path and each query key and value, all handed on
// as C strings), then runs what HttpServer and ApiService do with the parts:
// addRequestHeader, addRequestQuery, routeRequest, acceptsBody, ApiCall's
// query readers and the JSON body reader.

#include "FuzzCheck.h"
#include "appliance/api/AccessPolicy.h"
#include "appliance/api/ApiCall.h"
#include "protocol/JsonReader.h"

#include <QJsonDocument>

#include <algorithm>
#include <limits>
#include <microhttpd.h>
#include <string>
#include <string_view>

using namespace mamori::appliance;
using mamori::fuzz::check;

namespace {

// MHD unescapes in place and hands on a C string: whatever follows a decoded
// %00 is cut off there.
std::string unescaped(std::string_view text, bool plusIsSpace)
{
    std::string s(text);
    if (plusIsSpace)
        std::replace(s.begin(), s.end(), '+', ' ');
    s.resize(MHD_http_unescape(s.data()));
    return s;
}

void addQuery(HttpRequest &request, std::string_view query)
{
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view arg = query.substr(0, amp);
        const size_t eq = arg.find('=');
        const std::string key = unescaped(arg.substr(0, eq), true);
        if (eq == std::string_view::npos) {
            addRequestQuery(request, key.c_str(), nullptr);
        } else {
            const std::string value = unescaped(arg.substr(eq + 1), true);
            addRequestQuery(request, key.c_str(), value.c_str());
        }
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
}

// "METHOD SP TARGET SP VERSION": the method ends at the first space, the
// version starts after the last one, and the target is what lies between.
bool setRequestLine(HttpRequest &request, std::string_view line)
{
    const size_t firstSpace = line.find(' ');
    if (firstSpace == 0 || firstSpace == std::string_view::npos)
        return false;
    const std::string method(line.substr(0, firstSpace));
    request.method = QByteArray(method.c_str());
    std::string_view rest = line.substr(firstSpace + 1);
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    while (!rest.empty() && rest.back() == ' ')
        rest.remove_suffix(1);
    const size_t lastSpace = rest.rfind(' ');
    if (lastSpace == std::string_view::npos)
        return false;
    const std::string_view version = rest.substr(lastSpace + 1);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return false; // MHD answers 505 itself
    const std::string_view target = rest.substr(0, lastSpace);
    const size_t question = target.find('?');
    if (question != std::string_view::npos)
        addQuery(request, target.substr(question + 1));
    // As HttpServer's buildRequest: MHD hands over the decoded path as a C string.
    request.path = QString::fromUtf8(unescaped(target.substr(0, question), false).c_str());
    return true;
}

// "Name: value" lines; MHD drops the whitespace around the value and closes
// the connection on a line without a colon.
bool addHeaders(HttpRequest &request, std::string_view head)
{
    while (!head.empty()) {
        const size_t end = head.find("\r\n");
        std::string_view line = head.substr(0, end);
        head.remove_prefix(end == std::string_view::npos ? head.size() : end + 2);
        const size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos)
            return false;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
            value.remove_suffix(1);
        addRequestHeader(
            request, std::string(line.substr(0, colon)).c_str(), std::string(value).c_str());
    }
    return true;
}

void checkError(const RouteDecision &d)
{
    const HttpResponse r = jsonError(*d.error, d.message);
    check(r.status >= 400 && r.status < 500, "the router refuses with a 4xx status");
    const QJsonObject error =
        QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toObject();
    check(
        error.value(QStringLiteral("code")).toString() == mamori::protocol::errorCodeName(*d.error),
        "a refusal carries its error code as JSON", QString::fromUtf8(r.body));
    check(d.endpoint == nullptr, "a refused request has no endpoint");
}

void checkRouted(const HttpRequest &request, const RouteDecision &d)
{
    check(d.endpoint != nullptr, "a request the router takes has an endpoint");
    check(request.method == d.endpoint->method, "the endpoint takes the request's method");
    const QStringList pattern = QString::fromLatin1(d.endpoint->pattern).split(QLatin1Char('/'));
    const QStringList path = request.path.split(QLatin1Char('/'));
    check(pattern.size() == path.size(), "the path has the pattern's segments", request.path);
    const auto placeholders = std::count_if(pattern.begin(), pattern.end(),
        [](const QString &s) { return s.startsWith(QLatin1Char('{')); });
    check(d.parameters.size() == placeholders, "one parameter per placeholder");
    for (const QString &p : d.parameters)
        check(!p.isEmpty() && !p.contains(QLatin1Char('/')),
            "a parameter is one non-empty path segment", p);
    check(
        !d.endpoint->authenticated || request.headers.value("authorization").startsWith("Bearer "),
        "an authenticated endpoint is reached with a bearer token only");

    // What the handlers read from a request they take.
    const ApiCall call {request, HttpResponder(), d.endpoint, d.parameters, {}, d.token};
    for (const char *name : {"after", "wait", "limit", "since"}) {
        qint64 value = -42;
        if (call.queryInteger(QLatin1String(name), 0, std::numeric_limits<qint64>::max(), &value))
            check(value == -42 || value >= 0, "queryInteger() stays in its range");
    }
    request.query.values(QStringLiteral("scope"));
    if (acceptsBody(request) && !request.body.isEmpty())
        mamori::protocol::JsonReader::parse(request.body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const size_t headEnd = input.find("\r\n\r\n");
    const std::string_view head = input.substr(0, headEnd);
    const size_t lineEnd = head.find("\r\n");

    HttpRequest request;
    request.peerAddress = QStringLiteral("192.0.2.1");
    if (!setRequestLine(request, head.substr(0, lineEnd)))
        return 0;
    if (lineEnd != std::string_view::npos && !addHeaders(request, head.substr(lineEnd + 2)))
        return 0;
    if (headEnd != std::string_view::npos) {
        const std::string_view body = input.substr(headEnd + 4);
        request.body = QByteArray(body.data(), qsizetype(body.size()));
    }

    const RouteDecision decision = routeRequest(request);
    if (decision.error)
        checkError(decision);
    else
        checkRouted(request, decision);
    return 0;
}
