// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpWire.h"

#include <QDateTime>
#include <QStringDecoder>

#include <array>

namespace mamori::appliance {
namespace {

using protocol::ErrorCode;

constexpr qsizetype kMaxChunkLine = 1024;
constexpr int kMaxLengthDigits = 18; // fits in qint64

bool isTchar(uchar c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c != 0 && std::string_view("!#$%&'*+-.^_`|~").find(char(c)) != std::string_view::npos);
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTchar(uchar(c)))
            return false;
    }
    return true;
}

// Field values: visible characters, space, tab and obs-text; no controls.
bool isFieldValue(QByteArrayView s)
{
    for (char ch : s) {
        const uchar c = uchar(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

QList<QByteArrayView> split(QByteArrayView s, char separator)
{
    QList<QByteArrayView> parts;
    qsizetype start = 0;
    for (qsizetype i = s.indexOf(separator); i >= 0; i = s.indexOf(separator, start)) {
        parts.append(s.sliced(start, i - start));
        start = i + 1;
    }
    parts.append(s.sliced(start));
    return parts;
}

QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}

bool isDigits(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

HttpError httpError(ErrorCode code, const QString &message)
{
    return HttpError {code, message};
}

HeadParse failed(ErrorCode code, const QString &message)
{
    HeadParse p;
    p.status = HeadParse::Status::Failed;
    p.error = httpError(code, message);
    return p;
}

// Percent-decodes `raw`; `what` names the part for messages. Refuses raw
// bytes outside the visible ASCII range, bad escapes and decoded controls;
// with `inPath` also an escaped '/' (it would change the segments).
bool percentDecode(
    QByteArrayView raw, bool inPath, const char *what, QByteArray *out, HttpError *error)
{
    out->clear();
    out->reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const uchar c = uchar(raw[i]);
        if (c <= 0x20 || c >= 0x7f || c == '#') {
            *error = httpError(ErrorCode::BadRequest,
                QStringLiteral("the %1 holds a byte that must be escaped")
                    .arg(QLatin1String(what)));
            return false;
        }
        if (c != '%') {
            out->append(char(c));
            continue;
        }
        const int hi = i + 2 < raw.size() ? hexValue(raw[i + 1]) : -1;
        const int lo = hi >= 0 ? hexValue(raw[i + 2]) : -1;
        if (lo < 0) {
            *error = httpError(ErrorCode::BadRequest,
                QStringLiteral("the %1 holds a malformed %-escape").arg(QLatin1String(what)));
            return false;
        }
        const uchar b = uchar(hi * 16 + lo);
        if (b < 0x20 || b == 0x7f) {
            *error = httpError(ErrorCode::BadRequest,
                QStringLiteral("the %1 holds an escaped control byte (%%2)")
                    .arg(QLatin1String(what))
                    .arg(b, 2, 16, QLatin1Char('0')));
            return false;
        }
        if (inPath && b == '/') {
            *error = httpError(
                ErrorCode::BadRequest, QStringLiteral("the path holds an escaped '/' (%2F)"));
            return false;
        }
        out->append(char(b));
        i += 2;
    }
    return true;
}

bool utf8(const QByteArray &bytes, const char *what, QString *out, HttpError *error)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *out = decoder.decode(bytes);
    if (decoder.hasError()) {
        *error = httpError(
            ErrorCode::BadRequest, QStringLiteral("the %1 is not UTF-8").arg(QLatin1String(what)));
        return false;
    }
    return true;
}

bool parseRequestLine(QByteArrayView line, RequestHead *head, HttpError *error)
{
    const qsizetype first = line.indexOf(' ');
    const qsizetype second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0) {
        *error = httpError(ErrorCode::BadRequest,
            QStringLiteral("the request line is not 'METHOD TARGET HTTP/1.1'"));
        return false;
    }
    const QByteArrayView method = line.first(first);
    const QByteArrayView target = line.sliced(first + 1, second - first - 1);
    const QByteArrayView version = line.sliced(second + 1);
    if (!isToken(method)) {
        *error = httpError(ErrorCode::BadRequest, QStringLiteral("the method is not a token"));
        return false;
    }
    if (version == "HTTP/1.0") {
        head->http10 = true;
    } else if (version != "HTTP/1.1") {
        *error = httpError(
            ErrorCode::BadRequest, QStringLiteral("only HTTP/1.1 and HTTP/1.0 are spoken here"));
        return false;
    }
    if (target.isEmpty() || target.front() != '/') {
        *error = httpError(ErrorCode::BadRequest,
            QStringLiteral("the request target must be a path starting with '/'"));
        return false;
    }
    head->method = method.toByteArray();
    head->target = target.toByteArray();
    return true;
}

// Content-Length: every value (repeats, or a comma list) the same plain
// decimal number. Sets *huge when it has more digits than a qint64 holds.
bool parseContentLength(
    const QList<QByteArrayView> &values, qint64 *length, bool *huge, HttpError *error)
{
    QByteArray first;
    for (QByteArrayView header : values) {
        for (QByteArrayView part : split(header, ',')) {
            QByteArrayView v = trimmed(part);
            if (!isDigits(v)) {
                *error = httpError(ErrorCode::BadRequest,
                    QStringLiteral("Content-Length must be a decimal number"));
                return false;
            }
            while (v.size() > 1 && v.front() == '0')
                v = v.sliced(1);
            if (first.isNull())
                first = v.toByteArray();
            else if (first != v) {
                *error = httpError(ErrorCode::BadRequest,
                    QStringLiteral("Content-Length is given twice, differently"));
                return false;
            }
        }
    }
    *huge = first.size() > kMaxLengthDigits;
    *length = *huge ? -1 : first.toLongLong();
    return true;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView part : split(list, ',')) {
        if (trimmed(part).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

bool parseRequestTarget(
    QByteArrayView target, QString *path, QMultiHash<QString, QString> *query, HttpError *error)
{
    if (target.isEmpty() || target.front() != '/') {
        *error = httpError(ErrorCode::BadRequest,
            QStringLiteral("the request target must be a path starting with '/'"));
        return false;
    }
    const qsizetype mark = target.indexOf('?');
    const QByteArrayView rawPath = mark < 0 ? target : target.first(mark);
    QByteArray decoded;
    if (!percentDecode(rawPath, true, "path", &decoded, error))
        return false;
    for (QByteArrayView segment : split(decoded, '/')) {
        if (segment == "." || segment == "..") {
            *error = httpError(
                ErrorCode::BadRequest, QStringLiteral("the path holds a '.' or '..' segment"));
            return false;
        }
    }
    if (!utf8(decoded, "path", path, error))
        return false;
    query->clear();
    if (mark < 0)
        return true;
    for (QByteArrayView pair : split(target.sliced(mark + 1), '&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key, value;
        QString k, v;
        if (!percentDecode(eq < 0 ? pair : pair.first(eq), false, "query", &key, error)
            || !percentDecode(
                eq < 0 ? QByteArrayView() : pair.sliced(eq + 1), false, "query", &value, error)
            || !utf8(key, "query", &k, error) || !utf8(value, "query", &v, error))
            return false;
        if (!k.isEmpty())
            query->insert(k, v);
    }
    return true;
}

HeadParse parseRequestHead(QByteArrayView bytes, const HttpLimits &limits)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    const qsizetype headBytes = end < 0 ? bytes.size() : end + 4;
    // A bare LF is refused at once, so that a client speaking it does not
    // wait for a blank line that will never count. (Only in the head: what
    // follows it is the body.)
    for (qsizetype i = bytes.first(headBytes).indexOf('\n'); i >= 0;
         i = bytes.first(headBytes).indexOf('\n', i + 1)) {
        if (i == 0 || bytes[i - 1] != '\r')
            return failed(ErrorCode::BadRequest, QStringLiteral("lines must end with CR LF"));
    }
    if (headBytes > limits.maxHeadBytes)
        return failed(ErrorCode::HeadersTooLarge,
            QStringLiteral("the request line and headers exceed %1 bytes")
                .arg(limits.maxHeadBytes));
    HeadParse p;
    const qsizetype lineEnd = bytes.indexOf("\r\n");
    if (lineEnd < 0)
        return p; // Incomplete
    if (!parseRequestLine(bytes.first(lineEnd), &p.head, &p.error)) {
        p.status = HeadParse::Status::Failed;
        return p;
    }
    if (end < 0)
        return p; // the request line is fine; the headers have not all come

    RequestHead &h = p.head;
    QList<QByteArrayView> lengths, codings;
    int count = 0;
    for (qsizetype pos = lineEnd + 2; pos < end + 2;) {
        const qsizetype eol = bytes.indexOf("\r\n", pos);
        const QByteArrayView line = bytes.sliced(pos, eol - pos);
        pos = eol + 2;
        if (++count > limits.maxHeaderCount)
            return failed(ErrorCode::HeadersTooLarge,
                QStringLiteral("more than %1 headers").arg(limits.maxHeaderCount));
        if (line.front() == ' ' || line.front() == '\t')
            return failed(ErrorCode::BadRequest, QStringLiteral("folded header lines are refused"));
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView name = colon > 0 ? line.first(colon) : QByteArrayView();
        if (!isToken(name))
            return failed(
                ErrorCode::BadRequest, QStringLiteral("a header line is not 'Name: value'"));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return failed(ErrorCode::BadRequest,
                QStringLiteral("header %1 holds a control byte").arg(QString::fromLatin1(name)));
        const QByteArray key = name.toByteArray().toLower();
        if (key == "content-length")
            lengths.append(value);
        else if (key == "transfer-encoding")
            codings.append(value);
        auto it = h.headers.find(key);
        if (it == h.headers.end())
            h.headers.insert(key, value.toByteArray());
        else
            *it += ", " + value.toByteArray();
    }

    if (!lengths.isEmpty() && !codings.isEmpty())
        return failed(ErrorCode::BadRequest,
            QStringLiteral("Content-Length and Transfer-Encoding together are refused"));
    if (!codings.isEmpty()) {
        if (h.http10
            || h.headers.value("transfer-encoding").compare("chunked", Qt::CaseInsensitive))
            return failed(ErrorCode::BadRequest,
                QStringLiteral("the only Transfer-Encoding taken is 'chunked' (HTTP/1.1)"));
        h.chunked = true;
    }
    bool huge = false;
    if (!lengths.isEmpty() && !parseContentLength(lengths, &h.contentLength, &huge, &p.error)) {
        p.status = HeadParse::Status::Failed;
        return p;
    }
    if (huge || h.contentLength > limits.maxBodyBytes)
        return failed(ErrorCode::PayloadTooLarge,
            QStringLiteral("the request body is larger than %1 bytes").arg(limits.maxBodyBytes));
    const QByteArray connection = h.headers.value("connection");
    h.keepAlive = h.http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
    h.expectContinue = !h.http10 && hasToken(h.headers.value("expect"), "100-continue");
    if (!parseRequestTarget(h.target, &h.path, &h.query, &p.error)) {
        p.status = HeadParse::Status::Failed;
        return p;
    }
    p.status = HeadParse::Status::Complete;
    p.consumed = end + 4;
    return p;
}

ChunkedDecoder::Status ChunkedDecoder::feed(QByteArrayView bytes, qsizetype *consumed,
    QByteArray *body, qint64 maxBodyBytes, HttpError *error)
{
    qsizetype pos = 0;
    const auto fail = [&](ErrorCode code, const QString &message) {
        *consumed = pos;
        *error = httpError(code, message);
        return Status::Failed;
    };
    while (m_state != State::Done) {
        if (m_state == State::Data) {
            const qint64 take = std::min<qint64>(m_remaining, bytes.size() - pos);
            body->append(bytes.sliced(pos, take));
            pos += take;
            m_remaining -= take;
            if (m_remaining > 0)
                break;
            m_state = State::DataEnd;
            continue;
        }
        if (m_state == State::DataEnd) {
            if (bytes.size() - pos < 2)
                break;
            if (bytes[pos] != '\r' || bytes[pos + 1] != '\n')
                return fail(
                    ErrorCode::BadRequest, QStringLiteral("a chunk does not end with CR LF"));
            pos += 2;
            m_state = State::Size;
            continue;
        }
        const qsizetype eol = bytes.indexOf("\r\n", pos);
        if (eol < 0) {
            if (bytes.size() - pos > kMaxChunkLine || m_lineBytes + bytes.size() - pos > 32 * 1024)
                return fail(ErrorCode::BadRequest, QStringLiteral("a chunk line is too long"));
            break;
        }
        const QByteArrayView line = bytes.sliced(pos, eol - pos);
        pos = eol + 2;
        if (m_state == State::Trailer) {
            m_lineBytes += line.size() + 2;
            if (line.isEmpty())
                m_state = State::Done;
            else if (m_lineBytes > 32 * 1024)
                return fail(
                    ErrorCode::HeadersTooLarge, QStringLiteral("the trailers are too long"));
            continue;
        }
        const qsizetype semicolon = line.indexOf(';');
        const QByteArrayView digits = trimmed(semicolon < 0 ? line : line.first(semicolon));
        qint64 size = 0;
        bool hex = !digits.isEmpty();
        for (char c : digits)
            hex = hex && hexValue(c) >= 0;
        if (!hex || line.size() > kMaxChunkLine)
            return fail(ErrorCode::BadRequest, QStringLiteral("a chunk size is not hexadecimal"));
        if (digits.size() > 15)
            return fail(ErrorCode::PayloadTooLarge, QStringLiteral("a chunk is too large"));
        for (char c : digits)
            size = size * 16 + hexValue(c);
        if (size == 0) {
            m_state = State::Trailer;
            m_lineBytes = 0;
            continue;
        }
        if (body->size() + size > maxBodyBytes)
            return fail(ErrorCode::PayloadTooLarge,
                QStringLiteral("the request body is larger than %1 bytes").arg(maxBodyBytes));
        m_remaining = size;
        m_state = State::Data;
    }
    *consumed = pos;
    return m_state == State::Done ? Status::Done : Status::NeedMore;
}

QByteArray httpDate(qint64 secondsSinceEpoch)
{
    static constexpr std::array<const char *, 7> days {
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<const char *, 12> months {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC);
    const QDate d = t.date();
    const QTime tm = t.time();
    return QByteArray(days[size_t(d.dayOfWeek() - 1)]) + ", "
        + QByteArray::number(d.day()).rightJustified(2, '0') + ' ' + months[size_t(d.month() - 1)]
        + ' ' + QByteArray::number(d.year()) + ' '
        + QByteArray::number(tm.hour()).rightJustified(2, '0') + ':'
        + QByteArray::number(tm.minute()).rightJustified(2, '0') + ':'
        + QByteArray::number(tm.second()).rightJustified(2, '0') + " GMT";
}

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    default:
        return status < 400 ? "OK" : "Error";
    }
}

bool isOwnHeader(QByteArrayView name)
{
    for (const char *own : {"cache-control", "x-content-type-options", "content-type",
             "content-length", "connection", "date", "transfer-encoding"}) {
        if (name.compare(QByteArrayView(own), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isSafeValue(QByteArrayView v)
{
    return v.indexOf('\r') < 0 && v.indexOf('\n') < 0 && v.indexOf('\0') < 0;
}

} // namespace

QByteArray serializeResponse(
    const HttpResponse &r, bool close, bool headOnly, const QByteArray &date)
{
    QByteArray out;
    out.reserve(256 + (headOnly ? 0 : r.body.size()));
    out += "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    if (!date.isEmpty())
        out += "Date: " + date + "\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    if (!r.contentType.isEmpty() && isSafeValue(r.contentType))
        out += "Content-Type: " + r.contentType + "\r\n";
    for (const auto &[name, value] : r.headers) {
        if (isToken(name) && isSafeValue(value) && !isOwnHeader(name))
            out += name + ": " + value + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += r.body;
    return out;
}

} // namespace mamori::appliance
