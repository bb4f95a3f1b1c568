// SPDX-License-Identifier: GPL-2.0-or-later
// The audit log's canonical form and hash chain, from both ends, with fields
// an attacker chooses (a login's user name, a path, a note).
//
// Input: records separated by 0x1e, fields separated by 0x1f. A record that
// starts with 0x01 has its fields decoded as the inside of JSON strings (as a
// login's user name arrives, \u escapes included); otherwise as UTF-8 (as a
// path or a header does).
//
// An input that starts with 0x02 goes through the appliance's database: up
// to kMaxRecords records (user, role, source, action, target, outcome,
// detail) are appended to a real appliance database; the appliance's own
// verify() must find the chain intact, every record must read back as
// written, and the console's check of the GET /api/v1/audit answer must
// agree. (The database is in memory, with the appliance's schema; SQLite
// still makes these inputs slower than the rest.)
//
// Any other input is one record with all ten fields of the canonical form
// (seq, time, user, role, source, action, target, outcome, detail,
// prev_hash): its canonical form must decode back to exactly its fields (no
// two records share one), and the console must compute the same hash from
// its JSON.

#include "FuzzCheck.h"
#include "app/records/AuditRecord.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/store/Database.h"
#include "protocol/JsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace mamori::appliance;
using mamori::fuzz::check;

namespace {

constexpr int kMaxRecords = 3;

// The appliance's real schema (its migrations run on a database in a
// temporary folder), copied into an in-memory database: a file-backed
// database made this harness run at about 100 inputs a second.
struct Fixture
{
    QSqlDatabase memory;
};

Fixture &fixture()
{
    static Fixture *f = [] {
        auto *made = new Fixture;
        QTemporaryDir dir;
        Database migrated;
        QString error;
        check(dir.isValid() && migrated.open(dir.path(), &error),
            "the harness opens an appliance database", error);
        made->memory = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fuzz"));
        made->memory.setDatabaseName(QStringLiteral(":memory:"));
        check(made->memory.open(), "the harness opens an in-memory database");
        QSqlQuery schema(migrated.db());
        check(schema.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY rowid")),
            "the harness reads the appliance's schema");
        while (schema.next()) {
            QSqlQuery create(made->memory);
            check(create.exec(schema.value(0).toString()), "the harness copies the schema",
                schema.value(0).toString());
        }
        return made;
    }();
    return *f;
}

// The fields of one record, decoded as JSON string contents or as UTF-8.
QStringList decodeFields(QByteArray chunk, qsizetype count)
{
    const bool asJson = chunk.startsWith('\x01');
    if (asJson)
        chunk.remove(0, 1);
    QList<QByteArray> raw = chunk.split('\x1f');
    raw.resize(count);
    QStringList fields;
    for (const QByteArray &bytes : raw) {
        fields.append(asJson
                ? QJsonDocument::fromJson("[\"" + bytes + "\"]").array().at(0).toString()
                : QString::fromUtf8(bytes));
    }
    return fields;
}

QList<QString AuditRecord::*> textFields()
{
    return {&AuditRecord::user, &AuditRecord::role, &AuditRecord::source, &AuditRecord::action,
        &AuditRecord::target, &AuditRecord::outcome, &AuditRecord::detail};
}

QStringList fieldsOf(const AuditRecord &r)
{
    return {QString::number(r.seq), r.time, r.user, r.role, r.source, r.action, r.target, r.outcome,
        r.detail, r.prevHash};
}

bool isValidText(const QStringList &fields)
{
    return std::all_of(
        fields.begin(), fields.end(), [](const QString &f) { return f.isValidUtf16(); });
}

// The inverse of canonicalForm(): ten fields at the first nine newlines
// (prev_hash, the last, is not escaped), their escapes undone.
QStringList decodeCanonical(const QByteArray &canonical)
{
    QStringList raw = QString::fromUtf8(canonical).split(QLatin1Char('\n'));
    if (raw.size() > 10)
        raw = raw.mid(0, 9) << raw.mid(9).join(QLatin1Char('\n'));
    QStringList fields;
    for (qsizetype n = 0; n < raw.size(); ++n) {
        if (n == 9) {
            fields.append(raw.at(n));
            break;
        }
        QString field;
        for (qsizetype i = 0; i < raw.at(n).size(); ++i) {
            const QChar c = raw.at(n).at(i);
            if (c == QLatin1Char('\\') && i + 1 < raw.at(n).size()) {
                const QChar next = raw.at(n).at(++i);
                field.append(next == QLatin1Char('n') ? QLatin1Char('\n') : next);
            } else {
                field.append(c);
            }
        }
        fields.append(field);
    }
    return fields;
}

// The record as the console gets it: GET /api/v1/audit's JSON, as text.
QJsonArray throughJsonText(const QJsonArray &records)
{
    return QJsonDocument::fromJson(QJsonDocument(records).toJson(QJsonDocument::Compact)).array();
}

namespace console = mamori::console;

// The hash the console computes of a record it received.
QString consoleHash(const QJsonObject &received)
{
    const auto record = console::parseAuditRecord(received);
    check(record.ok(), "the console reads the record", record.ok() ? QString() : record.error());
    return console::auditRecordHash(*record);
}

void checkCanonicalForm(const QByteArray &input)
{
    const QStringList fields = decodeFields(input, 10);
    AuditRecord r;
    r.seq = fields.at(0).toLongLong();
    r.time = fields.at(1);
    const auto text = textFields();
    for (qsizetype i = 0; i < text.size(); ++i)
        r.*text.at(i) = fields.at(i + 2);
    r.prevHash = fields.at(9);
    r.hash = r.computeHash();
    // The appliance hashes valid text only (AuditLog::append makes it so).
    if (isValidText(fields))
        check(decodeCanonical(r.canonicalForm()) == fieldsOf(r),
            "the canonical form holds exactly the record's fields");
    const QJsonObject received = throughJsonText({r.toJson()}).at(0).toObject();
    // The appliance numbers records from 1; a JSON number holds a sequence
    // number exactly up to 2^53. A console given anything else refuses the
    // record instead of hashing a number that is not the one hashed.
    if (r.seq < 1 || r.seq > mamori::protocol::kMaxJsonInteger)
        check(!console::parseAuditRecord(received).ok(),
            "the console refuses a sequence below 1 or above 2^53");
    else if (isValidText(fields))
        check(consoleHash(received) == r.hash, "the console computes the appliance's hash");
}

void checkDatabaseRoundTrip(const QByteArray &input)
{
    Fixture &f = fixture();
    // A fresh log: no records, and no sequence numbers used before.
    QSqlQuery(f.memory).exec(QStringLiteral("DELETE FROM audit"));
    QSqlQuery(f.memory).exec(QStringLiteral("DELETE FROM settings WHERE key LIKE 'audit.%'"));
    AuditLog log(f.memory);

    QList<AuditRecord> written;
    for (const QByteArray &chunk : input.split('\x1e')) {
        if (written.size() == kMaxRecords)
            break;
        const QStringList fields = decodeFields(chunk, 7);
        AuditRecord r;
        const auto text = textFields();
        for (qsizetype i = 0; i < text.size(); ++i)
            r.*text.at(i) = fields.at(i);
        QString error;
        check(log.append(r, &error), "every record is appended", error);
        written.append(r);
    }
    const AuditLog::Verification v = log.verify();
    check(
        v.ok && v.records == written.size(), "the appliance finds its own chain intact", v.reason);

    const QList<AuditRecord> stored = log.list(0, kMaxRecords + 1);
    check(stored.size() == written.size(), "every record is listed");
    QJsonArray answer;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const AuditRecord &s = stored.at(i), &w = written.at(i);
        QStringList wrote = fieldsOf(w).mid(2, 7);
        // Text a TEXT column cannot keep (lone surrogates, U+FFFE, U+FFFF)
        // is stored and hashed as it reads back; everything else unchanged.
        for (QString &field : wrote)
            field = mamori::appliance::storedText(field);
        check(fieldsOf(s).mid(2, 7) == wrote, "a record reads back as it was written");
        check(decodeCanonical(s.canonicalForm()) == fieldsOf(s),
            "the canonical form holds exactly the record's fields");
        answer.append(s.toJson());
    }
    const QJsonArray received = throughJsonText(answer);
    for (qsizetype i = 0; i < received.size(); ++i)
        check(consoleHash(received.at(i).toObject()) == stored.at(i).hash,
            "the console computes the appliance's hash");
    const auto page = console::parseAuditPage(QJsonObject {{QStringLiteral("records"), received}});
    check(page.ok(), "the console reads the records", page.ok() ? QString() : page.error());
    const console::AuditChainCheck chain = console::verifyAuditChain(*page);
    check(chain.intact && chain.count == stored.size(), "the console finds the chain intact");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = mamori::fuzz::bytesOf(data, size);
    if (input.startsWith('\x02'))
        checkDatabaseRoundTrip(input.mid(1));
    else
        checkCanonicalForm(input);
    return 0;
}
