// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabArchive.h"
#include "appliance/lab/LabContent_p.h"

#include <QStringList>

namespace mamori::appliance::labcontent {
namespace {

const char *const kWords[] = {
    "budget",
    "quarterly",
    "meeting",
    "report",
    "invoice",
    "customer",
    "project",
    "schedule",
    "review",
    "draft",
    "final",
    "sales",
    "summary",
    "contract",
    "delivery",
    "order",
    "team",
    "minutes",
    "agenda",
    "plan",
    "forecast",
    "revenue",
    "expense",
    "travel",
    "approval",
    "policy",
    "training",
    "update",
    "office",
    "network",
    "printer",
    "account",
    "password",
    "support",
    "ticket",
    "vendor",
    "quote",
    "estimate",
    "proposal",
    "tokyo",
    "osaka",
    "branch",
    "monthly",
    "weekly",
    "annual",
    "inventory",
    "shipping",
    "payroll",
    "audit",
    "the",
    "and",
    "for",
    "with",
    "from",
    "will",
    "next",
    "please",
    "check",
    "attached",
    "thanks",
    "regards",
    "status",
    "issue",
};

// A PE file's first bytes as a linker writes them; the rest is noise.
QByteArray peHeader()
{
    QByteArray h(0x80, '\0');
    h[0] = 'M';
    h[1] = 'Z';
    h[0x02] = char(0x90);
    h[0x04] = 0x03;
    h[0x08] = 0x04;
    h[0x0c] = char(0xff);
    h[0x0d] = char(0xff);
    h[0x10] = char(0xb8);
    h[0x18] = 0x40;
    h[0x3c] = char(0x80); // e_lfanew
    const QByteArray stub("This program cannot be run in DOS mode.\r\r\n$");
    h.replace(0x4e, stub.size(), stub);
    h.append("PE\0\0", 4);
    h.append("\x64\x86", 2); // x86-64
    return h;
}

QByteArray fillTo(QByteArray head, LabRandom &rng, qint64 size)
{
    if (head.size() >= size)
        return head.left(size);
    const qsizetype at = head.size();
    head.resize(size);
    rng.fill(head.data() + at, size - at);
    return head;
}

// Text is built by appending, one draw per statement: it is fast, and the
// operands of + are evaluated in an unspecified order that would make the
// bytes depend on the compiler.
template<typename Line> QByteArray linesTo(QByteArray head, qint64 size, Line line)
{
    head.reserve(size + 256);
    while (head.size() < size)
        line(head);
    head.truncate(qMax<qint64>(size, 0));
    return head;
}

void appendWord(QByteArray &out, LabRandom &rng)
{
    out.append(rng.pick(kWords));
}

void appendSentence(QByteArray &out, LabRandom &rng)
{
    const qsizetype start = out.size();
    for (int n = int(rng.range(4, 14)); n > 0; --n) {
        appendWord(out, rng);
        out.append(' ');
    }
    out[start] = char(out[start] - 'a' + 'A');
    out[out.size() - 1] = '.';
}

void appendNumber(QByteArray &out, qint64 value, int width = 0)
{
    out.append(QByteArray::number(value).rightJustified(width, '0'));
}

void appendTimestamp(QByteArray &out, LabRandom &rng, bool withTime = true)
{
    out.append("2024-");
    appendNumber(out, rng.range(1, 12), 2);
    out.append('-');
    appendNumber(out, rng.range(1, 28), 2);
    if (!withTime)
        return;
    out.append(' ');
    appendNumber(out, rng.range(0, 23), 2);
    out.append(':');
    appendNumber(out, rng.range(0, 59), 2);
    out.append(':');
    appendNumber(out, rng.range(0, 59), 2);
}

QByteArray docx(LabRandom &rng, qint64 size)
{
    QByteArray body;
    while (body.size() < size) {
        body.append("<w:p><w:r><w:t>");
        appendSentence(body, rng);
        body.append("</w:t></w:r></w:p>");
    }
    using labarchive::Entry;
    const QList<Entry> entries {
        {QStringLiteral("[Content_Types].xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
            "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
            "PartName=\"/word/document.xml\" "
            "ContentType=\"application/"
            "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {QStringLiteral("_rels/.rels"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
            "Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
        {QStringLiteral("word/document.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document "
            "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + body + "</w:body></w:document>"},
    };
    return labarchive::zip(entries, labarchive::dosTimeFrom(rng.next()));
}

} // namespace

QString word(LabRandom &rng)
{
    return QString::fromLatin1(rng.pick(kWords));
}

QString sentence(LabRandom &rng)
{
    QByteArray out;
    appendSentence(out, rng);
    return QString::fromLatin1(out);
}

qint64 fileSize(LabRandom &rng, qint64 lo, qint64 hi)
{
    // Each octave above `lo` is 0.6 times as likely as the one below, and
    // sizes are uniform within one. Integers only: std::log and std::exp may
    // differ in the last bit between C libraries.
    lo = qMax<qint64>(1, lo);
    int octave = 0;
    while ((lo << (octave + 1)) < hi && rng.chance(60))
        ++octave;
    const qint64 base = lo << octave;
    return qMin(hi, base + qint64(rng.below(quint64(base))));
}

QByteArray make(Kind kind, LabRandom &rng, qint64 size)
{
    switch (kind) {
    case Kind::PeBinary:
        return fillTo(peHeader(), rng, size);
    case Kind::Text:
        return linesTo({}, size, [&](QByteArray &out) {
            appendSentence(out, rng);
            out.append("\r\n");
        });
    case Kind::Log:
        return linesTo({}, size, [&](QByteArray &out) {
            appendTimestamp(out, rng);
            out.append(rng.chance(10) ? ", Warning " : ", Info    ");
            appendSentence(out, rng);
            out.append("\r\n");
        });
    case Kind::Csv:
        return linesTo("date,customer,item,quantity,amount\r\n", size, [&](QByteArray &out) {
            appendTimestamp(out, rng, false);
            out.append(',');
            appendWord(out, rng);
            out.append(',');
            appendWord(out, rng);
            out.append(',');
            appendNumber(out, rng.range(1, 500));
            out.append(',');
            const qint64 cents = rng.range(100, 9999999);
            appendNumber(out, cents / 100);
            out.append('.');
            appendNumber(out, cents % 100, 2);
            out.append("\r\n");
        });
    case Kind::Xml:
        return linesTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n", size,
            [&](QByteArray &out) {
                out.append("  <add key=\"");
                appendWord(out, rng);
                out.append("\" value=\"");
                appendNumber(out, qint64(rng.below(100000)));
                out.append("\" />\r\n");
            });
    case Kind::Json:
        return linesTo("{\n", size, [&](QByteArray &out) {
            out.append("  \"");
            appendWord(out, rng);
            appendNumber(out, qint64(rng.below(1000)));
            out.append("\": \"");
            appendSentence(out, rng);
            out.append("\",\n");
        });
    case Kind::Docx:
        return docx(rng, size);
    case Kind::Pdf:
        return fillTo("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
                      "endobj\n2 0 obj\n<< /Length 0 /Filter /FlateDecode >>\nstream\n",
            rng, size);
    case Kind::Jpeg:
        return fillTo(QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48"
                                 "\x00\x00",
                          20),
            rng, size);
    case Kind::Png:
        return fillTo(QByteArray("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16), rng, size);
    case Kind::Blob:
        break;
    }
    return rng.bytes(size);
}

} // namespace mamori::appliance::labcontent
