// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// HTTP/1.1 on the wire: what the appliance makes of the bytes of a request
// and the bytes of its answers. Pure functions of their input, with no
// socket, thread or clock, so that the server, the tests and fuzz harnesses
// call the same code. Anything the
// parser does not accept is an error code of docs/api.md (answered as JSON):
// bad_request (400), payload_too_large (413) or headers_too_large (431).

#include "appliance/http/HttpMessage.h"
#include "protocol/ErrorCode.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QMultiHash>
#include <QString>

namespace mamori::appliance {

struct HttpLimits
{
    qsizetype maxHeadBytes = 32 * 1024; // request line, headers and the blank line
    int maxHeaderCount = 100;
    qint64 maxBodyBytes = 1 << 20;
};

// The request line and headers of one request.
struct RequestHead
{
    QByteArray method;
    QByteArray target; // as sent
    QString path; // percent-decoded, no query
    QMultiHash<QString, QString> query; // percent-decoded
    QHash<QByteArray, QByteArray> headers; // names lower-cased; repeats joined with ", "
    bool http10 = false;
    qint64 contentLength = 0; // of the body; 0 with `chunked`
    bool chunked = false;
    bool keepAlive = true;
    bool expectContinue = false; // "Expect: 100-continue"
};

struct HttpError
{
    protocol::ErrorCode code = protocol::ErrorCode::BadRequest;
    QString message;
};

struct HeadParse
{
    enum class Status { Incomplete, Complete, Failed };
    Status status = Status::Incomplete;
    qsizetype consumed = 0; // Complete: bytes of the head, blank line included
    RequestHead head; // Complete
    HttpError error; // Failed
};

// Parses the head at the start of `bytes` (what a connection has received
// of the request so far). Incomplete until the blank line has come, unless
// what came is already wrong or over the limits. Lines end with CRLF; a bare
// LF, a folded header, a control byte, a target other than "/path?query",
// a version other than HTTP/1.0 and 1.1, a Content-Length that is not a
// plain decimal number (or differs between repeats), a Transfer-Encoding
// other than "chunked", or both framings at once are bad_request.
HeadParse parseRequestHead(QByteArrayView bytes, const HttpLimits &limits);

// The path and query of an origin-form target ("/a/b?x=1&y"). The path
// may not hold a NUL or other control byte (raw or percent-escaped), an
// escaped '/', a "." or ".." segment, or bytes that are not UTF-8; '+' is
// not a space. False with `error` set (bad_request) otherwise.
bool parseRequestTarget(
    QByteArrayView target, QString *path, QMultiHash<QString, QString> *query, HttpError *error);

// A chunked body as it arrives (RFC 9112 section 7.1): chunk extensions and
// trailers are read and dropped.
class ChunkedDecoder
{
public:
    enum class Status { NeedMore, Done, Failed };

    // Consumes what it can of `bytes`, appending the data to *body.
    Status feed(QByteArrayView bytes, qsizetype *consumed, QByteArray *body, qint64 maxBodyBytes,
        HttpError *error);

private:
    enum class State { Size, Data, DataEnd, Trailer, Done };
    State m_state = State::Size;
    qint64 m_remaining = 0; // of the current chunk's data
    qsizetype m_lineBytes = 0; // of the size line or trailers read so far
};

// The response as it goes on the wire. `close` adds "Connection: close";
// `headOnly` leaves the body out (an answer to HEAD). Headers of `r` whose
// name or value holds CR, LF or NUL are dropped, as are Content-Length and
// the server's own ones (Cache-Control, X-Content-Type-Options,
// Content-Type, Connection, Date).
QByteArray serializeResponse(
    const HttpResponse &r, bool close, bool headOnly, const QByteArray &date);
// An IMF-fixdate for a Date header ("Sun, 06 Nov 1994 08:49:37 GMT").
QByteArray httpDate(qint64 secondsSinceEpoch);

} // namespace mamori::appliance
