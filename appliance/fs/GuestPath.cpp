// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/fs/GuestPath.h"

#include <QList>

namespace mamori::appliance::fs {
namespace {

// The length of the valid UTF-8 sequence (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF) starting at p[0], or 0.
int utf8SequenceLength(const unsigned char *p, qsizetype left)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int length;
    unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            low = 0xA0; // overlong
        else if (c == 0xED)
            high = 0x9F; // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            low = 0x90; // overlong
        else if (c == 0xF4)
            high = 0x8F; // above U+10FFFF
    } else {
        return 0;
    }
    if (left < length || p[1] < low || p[1] > high)
        return 0;
    for (int i = 2; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    return length;
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    return -1;
}

} // namespace

QString displayPath(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    // Most names are plain ASCII: no need to look further.
    qsizetype plain = 0;
    while (plain < size && p[plain] < 0x80 && p[plain] != '\\')
        ++plain;
    if (plain == size)
        return QString::fromLatin1(bytes);

    static constexpr char kHex[] = "0123456789ABCDEF";
    QString out;
    out.reserve(size + 8);
    out.append(QLatin1StringView(bytes.first(plain)));
    for (qsizetype i = plain; i < size;) {
        if (p[i] == '\\') {
            out.append(QLatin1StringView("\\\\"));
            ++i;
            continue;
        }
        const int n = utf8SequenceLength(p + i, size - i);
        // U+FFFE and U+FFFF are valid UTF-8, but SQLite gives them back as
        // U+FFFD: escaped, a name survives every table it is written to.
        const bool nonCharacter = n == 3 && p[i] == 0xEF && p[i + 1] == 0xBF && p[i + 2] >= 0xBE;
        if (n == 0 || nonCharacter) {
            const char escaped[] = {'\\', 'x', kHex[p[i] >> 4], kHex[p[i] & 0xF]};
            out.append(QLatin1StringView(escaped, 4));
            ++i;
            continue;
        }
        out.append(QString::fromUtf8(bytes.sliced(i, n)));
        i += n;
    }
    return out;
}

bool parseDisplayPath(QStringView text, QByteArray *bytes)
{
    QByteArray out;
    out.reserve(text.size());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size;) {
        const char16_t c = text[i].unicode();
        if (c == u'\\') {
            if (i + 1 < size && text[i + 1] == u'\\') {
                out.append('\\');
                i += 2;
                continue;
            }
            if (i + 3 < size && text[i + 1] == u'x') {
                const int hi = hexValue(text[i + 2].unicode());
                const int lo = hexValue(text[i + 3].unicode());
                if (hi >= 0 && lo >= 0) {
                    out.append(char(hi << 4 | lo));
                    i += 4;
                    continue;
                }
            }
            return false;
        }
        if (c < 0x80) {
            out.append(char(c));
            ++i;
            continue;
        }
        // A run of non-ASCII text, with surrogate pairs checked.
        qsizetype end = i;
        while (end < size && text[end].unicode() >= 0x80) {
            if (text[end].isHighSurrogate()) {
                if (end + 1 >= size || !text[end + 1].isLowSurrogate())
                    return false;
                end += 2;
            } else if (text[end].isLowSurrogate()) {
                return false;
            } else {
                ++end;
            }
        }
        out.append(text.sliced(i, end - i).toUtf8());
        i = end;
    }
    *bytes = out;
    return true;
}

bool normalizeVmPath(QByteArrayView path, QByteArray *normalized)
{
    QList<QByteArrayView> parts;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype slash = path.indexOf('/', start);
        if (slash < 0)
            slash = path.size();
        const QByteArrayView part = path.sliced(start, slash - start);
        start = slash + 1;
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (parts.isEmpty())
                return false;
            parts.removeLast();
            continue;
        }
        parts.append(part);
    }
    QByteArray out;
    out.reserve(path.size() + 1);
    for (const QByteArrayView part : std::as_const(parts)) {
        out.append('/');
        out.append(part);
    }
    *normalized = out.isEmpty() ? QByteArray("/") : out;
    return true;
}

bool isUnder(QByteArrayView path, QByteArrayView dir)
{
    if (dir == "/")
        return true;
    return path.startsWith(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

} // namespace mamori::appliance::fs
