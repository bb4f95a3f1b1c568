// SPDX-License-Identifier: GPL-2.0-or-later
// The appliance's handling of one HTTP request, from the bytes on the wire to
// the router's decision and the answer's bytes, without a socket. The input
// is a raw HTTP/1.1 request, fed as HttpConnection feeds it: the head through
// parseRequestHead, a chunked body through ChunkedDecoder (in pieces whose
// sizes the input's last byte chooses), then routeRequest, acceptsBody,
// ApiCall's query readers, the JSON body reader, and serializeResponse for
// the refusal or for an answer carrying the request's own header values.

#include "FuzzCheck.h"
#include "appliance/api/AccessPolicy.h"
#include "appliance/api/ApiCall.h"
#include "appliance/http/HttpWire.h"
#include "protocol/JsonReader.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

using namespace mamori::appliance;
using mamori::fuzz::bytesOf;
using mamori::fuzz::check;
using mamori::protocol::ErrorCode;

namespace {

void checkHttpError(const HttpError &e)
{
    check(e.code == ErrorCode::BadRequest || e.code == ErrorCode::PayloadTooLarge
            || e.code == ErrorCode::HeadersTooLarge,
        "the wire parsers refuse with 400, 413 or 431 only", e.message);
    check(!e.message.isEmpty(), "a refusal says why");
}

void checkHead(const RequestHead &head, const HttpLimits &limits)
{
    check(head.path.startsWith(QLatin1Char('/')), "a path starts with '/'", head.path);
    for (const QString &segment : head.path.split(QLatin1Char('/')))
        check(segment != QLatin1String(".") && segment != QLatin1String(".."),
            "no dot segment in a path", head.path);
    check(std::none_of(
              head.path.begin(), head.path.end(), [](QChar c) { return c.unicode() < 0x20; }),
        "no control character in a path", head.path);
    check(head.headers.size() <= limits.maxHeaderCount, "no more headers than the limit");
    check(!(head.chunked && head.contentLength != 0), "one framing of the body");
    check(head.contentLength >= 0 && head.contentLength <= limits.maxBodyBytes,
        "a declared body within the limit");
    for (auto it = head.headers.cbegin(); it != head.headers.cend(); ++it)
        check(it.key() == it.key().toLower(), "header names lower-cased");
}

// A chunked body decodes to the same bytes whether it comes whole or in
// pieces, as a network may cut it anywhere.
ChunkedDecoder::Status decodeChunked(
    QByteArrayView rest, qsizetype piece, qint64 maxBody, QByteArray *body)
{
    ChunkedDecoder whole;
    QByteArray wholeBody;
    qsizetype used = 0;
    HttpError error;
    const auto wholeStatus = whole.feed(rest, &used, &wholeBody, maxBody, &error);
    check(used >= 0 && used <= rest.size(), "the decoder consumes what it was given at most");
    if (wholeStatus == ChunkedDecoder::Status::Failed)
        checkHttpError(error);
    check(wholeBody.size() <= maxBody, "a decoded body within the limit");

    ChunkedDecoder pieces;
    qsizetype offset = 0;
    auto status = ChunkedDecoder::Status::NeedMore;
    QByteArray buffer;
    while (status == ChunkedDecoder::Status::NeedMore && offset < rest.size()) {
        const qsizetype n = std::min(piece, rest.size() - offset);
        buffer.append(rest.data() + offset, n);
        offset += n;
        qsizetype consumed = 0;
        HttpError e;
        status = pieces.feed(buffer, &consumed, body, maxBody, &e);
        buffer.remove(0, consumed);
    }
    check(status == wholeStatus || wholeStatus == ChunkedDecoder::Status::Failed
            || status == ChunkedDecoder::Status::Failed,
        "a chunked body ends the same in pieces as whole");
    if (status == ChunkedDecoder::Status::Done && wholeStatus == ChunkedDecoder::Status::Done)
        check(*body == wholeBody, "a chunked body decodes the same in pieces as whole");
    return status;
}

void checkAnswer(const HttpResponse &r, const QByteArray &head)
{
    const QByteArray wire = serializeResponse(r, false, false, httpDate(0));
    const qsizetype end = wire.indexOf("\r\n\r\n");
    check(end > 0, "an answer has a head");
    QList<QByteArray> lines = wire.left(end + 2).split('\n');
    lines.removeLast(); // after the last line's LF
    for (const QByteArray &line : lines) {
        check(line.endsWith('\r'), "every line of an answer's head ends with CR LF");
        check(!line.chopped(1).contains('\r') && !line.contains('\0'),
            "no CR or NUL inside an answer's header line", QString::fromLatin1(head));
    }
    check(wire.mid(end + 4) == r.body, "the body follows the head unchanged");
}

void checkRefusal(const RouteDecision &d)
{
    const HttpResponse r = jsonError(*d.error, d.message);
    check(r.status >= 400 && r.status < 500, "the router refuses with a 4xx status");
    const QJsonObject error =
        QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toObject();
    check(
        error.value(QStringLiteral("code")).toString() == mamori::protocol::errorCodeName(*d.error),
        "a refusal carries its error code as JSON", QString::fromUtf8(r.body));
    check(d.endpoint == nullptr, "a refused request has no endpoint");
    checkAnswer(r, {});
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
    for (const char *name : {"after", "before", "offset", "wait", "limit", "since"}) {
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
    if (size == 0)
        return 0;
    const QByteArray input = bytesOf(data, size);
    HttpLimits limits;
    limits.maxBodyBytes = 64 * 1024; // small, so that the fuzzer reaches it
    const HeadParse parsed = parseRequestHead(input, limits);
    if (parsed.status == HeadParse::Status::Failed) {
        checkHttpError(parsed.error);
        return 0;
    }
    if (parsed.status == HeadParse::Status::Incomplete) {
        check(input.size() <= limits.maxHeadBytes, "a head is complete or refused at its limit");
        return 0;
    }
    check(parsed.consumed > 0 && parsed.consumed <= input.size(), "the head lies in the input");
    const RequestHead &head = parsed.head;
    checkHead(head, limits);

    HttpRequest request;
    request.method = head.method;
    request.path = head.path;
    request.query = head.query;
    request.headers = head.headers;
    request.peerAddress = QStringLiteral("192.0.2.1");
    const QByteArrayView rest = QByteArrayView(input).sliced(parsed.consumed);
    if (head.chunked) {
        const qsizetype piece = 1 + qsizetype(data[size - 1] % 16);
        if (decodeChunked(rest, piece, limits.maxBodyBytes, &request.body)
            != ChunkedDecoder::Status::Done)
            return 0;
    } else {
        if (rest.size() < head.contentLength)
            return 0; // the connection would wait for the rest
        request.body = rest.first(qsizetype(head.contentLength)).toByteArray();
    }

    const RouteDecision decision = routeRequest(request);
    if (decision.error)
        checkRefusal(decision);
    else
        checkRouted(request, decision);

    // An answer that carries a request's header values (a handler echoing
    // something it was sent) cannot inject a header or split the answer.
    HttpResponse echo;
    echo.body = request.body;
    for (auto it = head.headers.cbegin(); it != head.headers.cend(); ++it)
        echo.headers.append(qMakePair(it.key(), it.value()));
    checkAnswer(echo, input.left(parsed.consumed));
    return 0;
}
