// SPDX-License-Identifier: GPL-2.0-or-later
// The audit log's canonical form and hash chain, from both ends: records
// with fields an attacker chooses (a login's user name, a path, a note) are
// appended to a real appliance database; then the appliance's own verify()
// must find the chain intact, every record must read back as written, its
// canonical form must decode back to exactly its fields (no two records share
// one), and the console's check of the GET /api/v1/audit answer must agree.
//
// Input: up to kMaxRecords records separated by 0x1e, fields separated by
// 0x1f in AuditRecord's order (user, role, source, action, target, outcome,
// detail). A record that starts with 0x01 has its fields decoded as the
// inside of JSON strings (as a login's user name arrives, \u escapes
// included); otherwise as UTF-8 (as a path or header does).

#include "FuzzCheck.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/store/Database.h"
#include "ui/AuditPage.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace mamori::appliance;
using mamori::fuzz::check;

namespace {

constexpr int kMaxRecords = 3;

struct Fixture
{
    QTemporaryDir dir; // in TMPDIR: point it at a tmpfs for long runs
    Database database;
};

Fixture &fixture()
{
    static Fixture *f = [] {
        auto *made = new Fixture;
        QString error;
        check(made->dir.isValid() && made->database.open(made->dir.path(), &error),
            "the harness opens an appliance database", error);
        // Durability is not what is tested here; speed is what finds bugs.
        QSqlQuery(made->database.db()).exec(QStringLiteral("PRAGMA synchronous=OFF"));
        return made;
    }();
    return *f;
}

QString decodeField(const QByteArray &bytes, bool asJson)
{
    if (!asJson)
        return QString::fromUtf8(bytes);
    const QJsonDocument doc = QJsonDocument::fromJson("[\"" + bytes + "\"]");
    return doc.array().at(0).toString();
}

QList<AuditRecord> recordsOf(const QByteArray &input)
{
    QList<AuditRecord> out;
    for (QByteArray chunk : input.split('\x1e')) {
        if (out.size() == kMaxRecords)
            break;
        const bool asJson = chunk.startsWith('\x01');
        if (asJson)
            chunk.remove(0, 1);
        QList<QByteArray> fields = chunk.split('\x1f');
        fields.resize(7);
        AuditRecord r;
        QString *targets[] = {
            &r.user, &r.role, &r.source, &r.action, &r.target, &r.outcome, &r.detail};
        for (int i = 0; i < 7; ++i)
            *targets[i] = decodeField(fields.at(i), asJson);
        out.append(r);
    }
    return out;
}

// The inverse of canonicalForm(): fields split at the newlines, their
// escapes undone.
QStringList decodeCanonical(const QByteArray &canonical)
{
    QStringList fields;
    for (const QString &raw : QString::fromUtf8(canonical).split(QLatin1Char('\n'))) {
        QString field;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw.at(i) == QLatin1Char('\\') && i + 1 < raw.size()) {
                ++i;
                field.append(raw.at(i) == QLatin1Char('n') ? QLatin1Char('\n') : raw.at(i));
            } else {
                field.append(raw.at(i));
            }
        }
        fields.append(field);
    }
    return fields;
}

QStringList fieldsOf(const AuditRecord &r)
{
    return {QString::number(r.seq), r.time, r.user, r.role, r.source, r.action, r.target, r.outcome,
        r.detail, r.prevHash};
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fixture &f = fixture();
    QSqlQuery(f.database.db()).exec(QStringLiteral("DELETE FROM audit"));
    AuditLog log(f.database.db());

    const QList<AuditRecord> written = recordsOf(mamori::fuzz::bytesOf(data, size));
    for (const AuditRecord &r : written) {
        QString error;
        check(log.append(r, &error), "every record is appended", error);
    }
    const AuditLog::Verification v = log.verify();
    check(
        v.ok && v.records == written.size(), "the appliance finds its own chain intact", v.reason);

    const QList<AuditRecord> stored = log.list(0, kMaxRecords + 1);
    check(stored.size() == written.size(), "every record is listed");
    QJsonArray answer;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const AuditRecord &s = stored.at(i), &w = written.at(i);
        check(s.user == w.user && s.role == w.role && s.source == w.source && s.action == w.action
                && s.target == w.target && s.outcome == w.outcome && s.detail == w.detail,
            "a record reads back as it was written");
        check(decodeCanonical(s.canonicalForm()) == fieldsOf(s),
            "the canonical form holds exactly the record's fields");
        answer.append(s.toJson());
    }

    // The console gets the records as GET /api/v1/audit's JSON text.
    const QJsonArray received =
        QJsonDocument::fromJson(QJsonDocument(answer).toJson(QJsonDocument::Compact)).array();
    for (qsizetype i = 0; i < received.size(); ++i)
        check(mamori::ui::auditRecordHash(received.at(i).toObject()) == stored.at(i).hash,
            "the console computes the appliance's hash");
    const mamori::ui::AuditChainCheck chain = mamori::ui::verifyAuditChain(received);
    check(chain.intact && chain.count == stored.size(), "the console finds the chain intact");
    return 0;
}
