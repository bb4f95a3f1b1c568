// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabArchive.h"

#include <QDateTime>
#include <QtEndian>

#include <array>
#include <cstring>

namespace mamori::appliance::labarchive {
namespace {

const std::array<quint32, 256> &crcTable()
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t {};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    return table;
}

void put16(QByteArray &out, quint32 v)
{
    out.append(char(v & 0xff)).append(char((v >> 8) & 0xff));
}

void put32(QByteArray &out, quint32 v)
{
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

// ustar numeric fields: zero-padded octal, NUL-terminated.
void putOctal(char *field, int width, quint64 value)
{
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), size_t(width - 1));
    field[width - 1] = '\0';
}

} // namespace

quint32 crc32(const QByteArray &data, quint32 crc)
{
    const auto &table = crcTable();
    crc = ~crc;
    for (const char ch : data)
        crc = table[(crc ^ quint8(ch)) & 0xff] ^ (crc >> 8);
    return ~crc;
}

QByteArray zip(const QList<Entry> &entries, quint32 dosTime)
{
    QByteArray out;
    QByteArray central;
    for (const Entry &e : entries) {
        const QByteArray name = e.name.toUtf8();
        const quint32 crc = crc32(e.data);
        const quint32 offset = quint32(out.size());
        // Bit 11: names are UTF-8; only set when it matters, as Windows does.
        const quint32 flags = name == e.name.toLatin1() ? 0 : 0x0800;
        put32(out, 0x04034b50);
        put16(out, 10); // version needed: 1.0
        put16(out, flags);
        put16(out, 0); // stored
        put32(out, dosTime);
        put32(out, crc);
        put32(out, quint32(e.data.size()));
        put32(out, quint32(e.data.size()));
        put16(out, quint32(name.size()));
        put16(out, 0);
        out.append(name).append(e.data);

        put32(central, 0x02014b50);
        put16(central, 0x031e); // made by: Unix, 3.0
        put16(central, 10);
        put16(central, flags);
        put16(central, 0);
        put32(central, dosTime);
        put32(central, crc);
        put32(central, quint32(e.data.size()));
        put32(central, quint32(e.data.size()));
        put16(central, quint32(name.size()));
        put16(central, 0); // extra
        put16(central, 0); // comment
        put16(central, 0); // disk
        put16(central, 0); // internal attributes
        put32(central, 0100644u << 16);
        put32(central, offset);
        central.append(name);
    }
    const quint32 centralOffset = quint32(out.size());
    out.append(central);
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, quint32(entries.size()));
    put16(out, quint32(entries.size()));
    put32(out, quint32(central.size()));
    put32(out, centralOffset);
    put16(out, 0);
    return out;
}

QByteArray tar(const QList<Entry> &entries, qint64 mtime)
{
    QByteArray out;
    for (const Entry &e : entries) {
        char header[512] = {};
        QByteArray name = e.name.toUtf8();
        if (name.size() > 100) {
            // ustar splits long names at a '/' into prefix (155) and name (100).
            const qsizetype split = name.indexOf('/', name.size() - 101);
            if (split < 0 || split > 155)
                continue;
            std::memcpy(header + 345, name.constData(), size_t(split));
            name = name.mid(split + 1);
        }
        std::memcpy(header, name.constData(), size_t(name.size()));
        putOctal(header + 100, 8, 0644);
        putOctal(header + 108, 8, 0);
        putOctal(header + 116, 8, 0);
        putOctal(header + 124, 12, quint64(e.data.size()));
        putOctal(header + 136, 12, quint64(mtime));
        header[156] = '0';
        std::memcpy(header + 257, "ustar", 6);
        std::memcpy(header + 263, "00", 2);
        std::memset(header + 148, ' ', 8);
        quint32 sum = 0;
        for (const char c : header)
            sum += quint8(c);
        putOctal(header + 148, 7, sum);
        header[155] = ' ';
        out.append(header, 512);
        out.append(e.data);
        out.append(QByteArray((512 - e.data.size() % 512) % 512, '\0'));
    }
    out.append(QByteArray(1024, '\0'));
    // Whole 10 KiB records, as tar(1) writes them.
    out.append(QByteArray((10240 - out.size() % 10240) % 10240, '\0'));
    return out;
}

QByteArray gzip(const QByteArray &data)
{
    QByteArray out;
    // No name, mtime 0, OS 3 (Unix): nothing varies with the machine.
    out.append("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    qsizetype pos = 0;
    do {
        const qsizetype len = qMin<qsizetype>(65535, data.size() - pos);
        const bool last = pos + len == data.size();
        out.append(char(last ? 1 : 0));
        put16(out, quint32(len));
        put16(out, quint32(~len & 0xffff));
        out.append(data.constData() + pos, len);
        pos += len;
    } while (pos < data.size());
    put32(out, crc32(data));
    put32(out, quint32(data.size() & 0xffffffffu));
    return out;
}

quint32 dosTimeFrom(quint64 value)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(unixTimeFrom(value), Qt::UTC);
    const QDate d = t.date();
    const QTime c = t.time();
    return quint32((d.year() - 1980) << 25 | d.month() << 21 | d.day() << 16 | c.hour() << 11
        | c.minute() << 5 | c.second() / 2);
}

qint64 unixTimeFrom(quint64 value)
{
    const qint64 start = 1420070400; // 2015-01-01T00:00:00Z
    const qint64 span = 10ll * 365 * 86400;
    return start + qint64(value % quint64(span)) / 2 * 2;
}

} // namespace mamori::appliance::labarchive
