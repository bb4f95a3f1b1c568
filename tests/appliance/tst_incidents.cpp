// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/incidents/IncidentService.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mamori::appliance;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kEicar = R"(X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*)";
const QString kVm = u"6f1d0000-0000-4000-8000-000000000001"_s;
const QString kOtherVm = u"6f1d0000-0000-4000-8000-000000000002"_s;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestIncidents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void detectionQuarantinesAndRestores();
    void repeatedDetectionIsDeduplicated();
    void deleteInVmAndInVault();
    void committedDeleteIsFinishedAtStart();
    void allowTrustsTheHash();
    void isolation();
    void refusals();
    void stateChangesAndHistory();
    void unscannableWaitsForAPerson();
    void version1RowsMigrate();
    void namesAreBytes();

private:
    Detection detection(const QString &name, const QByteArray &data, const QString &vm = kVm);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QuarantineVault> m_vault;
    std::unique_ptr<IncidentService> m_service;
    QString m_connection;
    QString m_root;
};

void TestIncidents::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->path() + u"/vms/desk-001"_s;
    QVERIFY(QDir().mkpath(m_root + u"/Users/alice"_s));
    QVERIFY(QDir().mkpath(m_dir->path() + u"/data"_s));

    m_connection = u"tst_incidents_%1"_s.arg(QTest::currentTestFunction());
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(m_dir->path() + u"/data/appliance.sqlite"_s);
    QVERIFY(db.open());
    QSqlQuery(db).exec(u"PRAGMA foreign_keys = ON"_s);
    // What Database::migrateModule does, without linking the whole core.
    for (const char *step : IncidentService::schemaSteps()) {
        for (const QString &sql : QString::fromUtf8(step).split(u';')) {
            QSqlQuery q(db);
            if (!sql.trimmed().isEmpty())
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
    }
    m_vault = std::make_unique<QuarantineVault>(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY(m_vault->open(&error));
    QVERIFY(m_vault->recover(&error));
    m_service = std::make_unique<IncidentService>(db, m_vault.get());
}

void TestIncidents::cleanup()
{
    m_service.reset();
    m_vault.reset();
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    m_dir.reset();
}

Detection TestIncidents::detection(const QString &name, const QByteArray &data, const QString &vm)
{
    Detection d;
    d.vmId = vm;
    d.vmName = u"desk-001"_s;
    d.vmPath = "/Users/alice/" + name.toUtf8();
    d.root = m_root;
    d.hostPath = m_root + QString::fromUtf8(d.vmPath);
    d.threat = u"Eicar-Signature"_s;
    d.sha256 =
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    d.size = data.size();
    d.jobId = u"scan-7"_s;
    writeFile(d.hostPath, data);
    return d;
}

void TestIncidents::detectionQuarantinesAndRestores()
{
    QSignalSpy opened(m_service.get(), &IncidentService::incidentOpened);
    QSignalSpy changed(m_service.get(), &IncidentService::incidentChanged);
    const Detection d = detection(u"eicar.com"_s, kEicar);

    const auto inc = m_service->recordDetection(d);
    QVERIFY(inc);
    QCOMPARE(inc->id, u"inc-000001"_s);
    QCOMPARE(inc->action, u"quarantined"_s);
    QCOMPARE(inc->state, u"new"_s);
    QCOMPARE(inc->severity, u"high"_s);
    QVERIFY(!QFile::exists(d.hostPath));
    QCOMPARE(m_vault->list().size(), 1);
    QCOMPARE(m_vault->list().first().id, inc->quarantineId);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(changed.size(), 1);
    const QJsonObject json = inc->toJson();
    for (const char *key :
        {"id", "vm", "vm_name", "path", "host_path", "threat", "sha256", "size", "severity",
            "first_seen", "last_seen", "action", "state", "assignee", "quarantine_id", "history"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(u"path"_s).toString(), QString::fromUtf8(d.vmPath));
    QCOMPARE(m_service->openCount(kVm), 1);

    QString code, message;
    QVERIFY2(
        m_service->act(inc->id, u"restore"_s, u"false positive"_s, u"alice"_s, {}, &code, &message),
        qPrintable(message));
    QCOMPARE(readAll(d.hostPath), kEicar);
    QVERIFY(m_vault->list().isEmpty());
    const auto after = m_service->get(inc->id);
    QCOMPARE(after->action, u"restored"_s);
    QVERIFY(after->quarantineId.isEmpty());
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.last().first().toJsonObject().value(u"action"_s).toString(), u"restored"_s);

    // Real-time scanning sees the restored file again: no new incident, and
    // it is not quarantined behind the admin's back.
    const auto again = m_service->recordDetection(d);
    QCOMPARE(again->id, inc->id);
    QCOMPARE(again->detections, 2);
    QCOMPARE(readAll(d.hostPath), kEicar);
    QCOMPARE(opened.size(), 1);
}

void TestIncidents::repeatedDetectionIsDeduplicated()
{
    QVERIFY(m_service->setAutomaticAction(u"none"_s));
    QVERIFY(!m_service->setAutomaticAction(u"format-disk"_s));
    QSignalSpy opened(m_service.get(), &IncidentService::incidentOpened);
    const Detection d = detection(u"a.exe"_s, kEicar);
    const auto first = m_service->recordDetection(d);
    const auto second = m_service->recordDetection(d);
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->detections, 2);
    QVERIFY(second->lastSeen >= first->lastSeen);
    QCOMPARE(second->action, u"none"_s);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(m_service->openCount(kVm), 1);
    QCOMPARE(readAll(d.hostPath), kEicar);

    // Same file in another VM: its own incident.
    const Detection other = detection(u"a.exe"_s, kEicar, kOtherVm);
    QVERIFY(m_service->recordDetection(other)->id != first->id);

    // A file that comes back after it was quarantined is a new incident.
    QString code, message;
    QVERIFY(m_service->act(first->id, u"quarantine"_s, {}, u"alice"_s, {}, &code, &message));
    writeFile(d.hostPath, kEicar);
    QVERIFY(m_service->recordDetection(d)->id != first->id);
    QCOMPARE(m_service->openCount(kVm), 2);
}

void TestIncidents::deleteInVmAndInVault()
{
    QVERIFY(m_service->setAutomaticAction(u"none"_s));
    const Detection inVm = detection(u"in-vm.exe"_s, kEicar);
    const auto a = m_service->recordDetection(inVm);
    QString code, message;
    QVERIFY2(m_service->act(a->id, u"delete"_s, u"wipe"_s, u"alice"_s, {}, &code, &message),
        qPrintable(message));
    QVERIFY(!QFile::exists(inVm.hostPath));
    // Held in the vault until the caller's record commits.
    QCOMPARE(m_vault->list().size(), 1);
    m_service->finishLastAct();
    QVERIFY(m_vault->list().isEmpty());
    QVERIFY(m_service->get(a->id)->quarantineId.isEmpty());
    QCOMPARE(m_service->get(a->id)->action, u"deleted"_s);
    QVERIFY(!m_service->act(a->id, u"delete"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);

    QVERIFY(m_service->setAutomaticAction(u"quarantine"_s));
    const Detection quarantined = detection(u"in-vault.exe"_s, kEicar + "x");
    const auto b = m_service->recordDetection(quarantined);
    QCOMPARE(m_vault->list().size(), 1);
    QVERIFY(m_service->act(b->id, u"delete"_s, {}, u"alice"_s, {}, &code, &message));
    m_service->finishLastAct();
    QVERIFY(m_vault->list().isEmpty());
    QVERIFY(!QFile::exists(quarantined.hostPath));

    QVERIFY(m_service->setAutomaticAction(u"delete"_s));
    const Detection automatic = detection(u"auto.exe"_s, kEicar + "y");
    QCOMPARE(m_service->recordDetection(automatic)->action, u"deleted"_s);
    QVERIFY(!QFile::exists(automatic.hostPath));
    QVERIFY(m_vault->list().isEmpty());
}

// A crash after a delete committed and before its file was removed: the
// incident still names the vault item, and the next start removes it.
void TestIncidents::committedDeleteIsFinishedAtStart()
{
    QVERIFY(m_service->setAutomaticAction(u"quarantine"_s));
    const Detection d = detection(u"doomed.exe"_s, kEicar);
    const auto inc = m_service->recordDetection(d);
    QCOMPARE(inc->action, u"quarantined"_s);
    QString code, message;
    QVERIFY2(m_service->act(inc->id, u"delete"_s, {}, u"alice"_s, {}, &code, &message),
        qPrintable(message));
    QCOMPARE(m_vault->list().size(), 1); // no finishLastAct: the "crash"

    m_service =
        std::make_unique<IncidentService>(QSqlDatabase::database(m_connection), m_vault.get());
    QVERIFY(m_vault->list().isEmpty());
    const auto after = m_service->get(inc->id);
    QCOMPARE(after->action, u"deleted"_s);
    QVERIFY(after->quarantineId.isEmpty());
    QVERIFY(!QFile::exists(d.hostPath));
}

void TestIncidents::allowTrustsTheHash()
{
    const Detection d = detection(u"tool.exe"_s, kEicar);
    const auto inc = m_service->recordDetection(d);
    QCOMPARE(inc->action, u"quarantined"_s);
    QString code, message;
    QVERIFY2(
        m_service->act(inc->id, u"allow"_s, u"in-house tool"_s, u"alice"_s, {}, &code, &message),
        qPrintable(message));
    const auto allowed = m_service->get(inc->id);
    QCOMPARE(allowed->action, u"allowed"_s);
    QCOMPARE(allowed->state, u"resolved"_s);
    QCOMPARE(readAll(d.hostPath), kEicar);
    QVERIFY(m_service->isAllowed(d.sha256));
    QCOMPARE(m_service->openCount(kVm), 0);

    QSignalSpy opened(m_service.get(), &IncidentService::incidentOpened);
    QVERIFY(!m_service->recordDetection(d));
    QVERIFY(!m_service->recordDetection(detection(u"copy.exe"_s, kEicar, kOtherVm)));
    QCOMPARE(opened.size(), 0);
    QCOMPARE(m_service->allowedDetections(), 2);
    QCOMPARE(readAll(d.hostPath), kEicar);
    QVERIFY(!m_service->act(inc->id, u"allow"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);
}

void TestIncidents::isolation()
{
    const auto inc = m_service->recordDetection(detection(u"worm.exe"_s, kEicar));
    QSignalSpy isolation(m_service.get(), &IncidentService::vmIsolationChanged);
    QString code, message;
    QVERIFY(!m_service->isIsolated(kVm));
    // The hypervisor refuses: nothing is recorded as isolated.
    QStringList cuts;
    bool hypervisorWorks = false;
    m_service->setIsolationHook([&](const QString &vm, bool isolate, QString *error) {
        if (!hypervisorWorks)
            *error = u"cannot set the network link down"_s;
        else
            cuts << (isolate ? u"down "_s : u"up "_s) + vm;
        return hypervisorWorks;
    });
    QVERIFY(
        !m_service->act(inc->id, u"isolate-vm"_s, u"spreading"_s, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"unavailable"_s);
    QCOMPARE(message, u"cannot set the network link down"_s);
    QVERIFY(!m_service->isIsolated(kVm));
    QCOMPARE(isolation.size(), 0);
    hypervisorWorks = true;
    QVERIFY(
        m_service->act(inc->id, u"isolate-vm"_s, u"spreading"_s, u"alice"_s, {}, &code, &message));
    QCOMPARE(cuts, QStringList(u"down "_s + kVm));
    QVERIFY(m_service->isIsolated(kVm));
    QVERIFY(!m_service->isIsolated(kOtherVm));
    QCOMPARE(m_service->isolatedVms(), QStringList(kVm));
    QCOMPARE(isolation.size(), 1);
    QCOMPARE(isolation.first().at(0).toString(), kVm);
    QCOMPARE(isolation.first().at(1).toBool(), true);
    QVERIFY(!m_service->act(inc->id, u"isolate-vm"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);

    // Releasing stays possible after the incident is resolved.
    QVERIFY(m_service->act(inc->id, u"resolve"_s, {}, u"alice"_s, {}, &code, &message));
    QVERIFY(m_service->act(inc->id, u"release-vm"_s, u"clean"_s, u"alice"_s, {}, &code, &message));
    QVERIFY(!m_service->isIsolated(kVm));
    QCOMPARE(cuts.last(), u"up "_s + kVm);
    m_service->setIsolationHook({});
    QCOMPARE(isolation.size(), 2);
    QCOMPARE(isolation.last().at(1).toBool(), false);
    QVERIFY(!m_service->act(inc->id, u"release-vm"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);
}

void TestIncidents::refusals()
{
    QVERIFY(m_service->setAutomaticAction(u"none"_s));
    const Detection d = detection(u"r.exe"_s, kEicar);
    const auto inc = m_service->recordDetection(d);
    QString code, message;
    QVERIFY(!m_service->act(u"inc-999999"_s, u"resolve"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"not_found"_s);
    QVERIFY(!m_service->act(u"../etc"_s, u"resolve"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"not_found"_s);
    QVERIFY(!m_service->act(inc->id, u"format"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"invalid_argument"_s);
    QVERIFY(!m_service->act(inc->id, u"assign"_s, {}, u"alice"_s, u"  "_s, &code, &message));
    QCOMPARE(code, u"invalid_argument"_s);
    QVERIFY(!m_service->act(inc->id, u"restore"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);
    QVERIFY2(message.contains(u"not in quarantine"_s), qPrintable(message));
    QCOMPARE(m_service->get(inc->id)->history.size(), 1); // refusals leave no trace

    // The file changed since it was detected: quarantine is refused and the
    // attempt is in the history.
    writeFile(d.hostPath, "harmless now");
    QVERIFY(!m_service->act(inc->id, u"quarantine"_s, u"try"_s, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);
    QCOMPARE(readAll(d.hostPath), QByteArray("harmless now"));
    const auto after = m_service->get(inc->id);
    QCOMPARE(after->action, u"none"_s);
    QVERIFY(after->history.last().outcome.startsWith(u"failed: "_s));
    QFile::remove(d.hostPath);
    QVERIFY(!m_service->act(inc->id, u"delete"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);
}

void TestIncidents::stateChangesAndHistory()
{
    QVERIFY(m_service->setAutomaticAction(u"none"_s));
    const auto inc = m_service->recordDetection(detection(u"h.exe"_s, kEicar));
    m_service->recordDetection(detection(u"other.exe"_s, kEicar + "z", kOtherVm));
    QString code, message;
    QVERIFY(
        m_service->act(inc->id, u"acknowledge"_s, u"looking"_s, u"alice"_s, {}, &code, &message));
    QVERIFY(!m_service->act(inc->id, u"acknowledge"_s, {}, u"alice"_s, {}, &code, &message));
    QCOMPARE(code, u"conflict"_s);
    QVERIFY(
        m_service->act(inc->id, u"assign"_s, u"yours"_s, u"alice"_s, u"bob"_s, &code, &message));
    QCOMPARE(m_service->openCountsByVm(), (QHash<QString, int> {{kVm, 1}, {kOtherVm, 1}}));
    QVERIFY(
        m_service->act(inc->id, u"resolve"_s, u"cleaned by hand"_s, u"bob"_s, {}, &code, &message));
    for (const char *action : {"acknowledge", "resolve"}) {
        QVERIFY(!m_service->act(
            inc->id, QLatin1String(action), {}, u"bob"_s, u"bob"_s, &code, &message));
        QCOMPARE(code, u"conflict"_s);
    }
    QVERIFY(!m_service->act(inc->id, u"assign"_s, {}, u"bob"_s, u"carol"_s, &code, &message));
    QCOMPARE(m_service->openCount(kVm), 0);
    QCOMPARE(m_service->openCountsByVm(), (QHash<QString, int> {{kOtherVm, 1}}));

    const auto done = m_service->get(inc->id);
    QCOMPARE(done->state, u"resolved"_s);
    QCOMPARE(done->assignee, u"bob"_s);
    QStringList trail;
    for (const IncidentHistoryEntry &e : done->history)
        trail.append(e.user + u' ' + e.action + u' ' + e.note + u' ' + e.outcome);
    QCOMPARE(trail,
        QStringList({u"system detected Eicar-Signature found by scan scan-7 ok"_s,
            u"alice acknowledge looking ok"_s, u"alice assign yours ok"_s,
            u"bob resolve cleaned by hand ok"_s}));
    QCOMPARE(done->toJson().value(u"history"_s).toArray().size(), 4);

    IncidentFilter filter;
    QCOMPARE(m_service->list(filter).size(), 2);
    filter.state = u"open"_s;
    QCOMPARE(m_service->list(filter).size(), 1);
    QCOMPARE(m_service->list(filter).first().vm, kOtherVm);
    filter.state = u"resolved"_s;
    filter.vm = kVm;
    QCOMPARE(m_service->list(filter).first().id, inc->id);
    filter = {};
    filter.limit = 1;
    QCOMPARE(m_service->list(filter).size(), 1);
    filter.limit = 10;
    filter.since = QDateTime::currentDateTimeUtc().addSecs(60);
    QVERIFY(m_service->list(filter).isEmpty());
}

void TestIncidents::unscannableWaitsForAPerson()
{
    Detection d = detection(u"secret.zip"_s, "PK encrypted");
    d.threat = u"Heuristics.Encrypted.Zip"_s;
    d.unscannable = true;
    d.jobId.clear();
    const auto inc = m_service->recordDetection(d);
    QCOMPARE(inc->severity, u"medium"_s);
    QCOMPARE(inc->action, u"none"_s);
    QCOMPARE(inc->source, u"realtime"_s);
    QVERIFY(QFile::exists(d.hostPath));
}

// Version 1 kept paths as text and no root; version 2 keeps bytes and the
// root that file actions start from.
void TestIncidents::version1RowsMigrate()
{
    const QString name = u"tst_incidents_v1"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_dir->path() + u"/v1.sqlite"_s);
        QVERIFY(db.open());
        const auto apply = [&db](const char *step) {
            for (const QString &sql : QString::fromUtf8(step).split(u';')) {
                QSqlQuery q(db);
                if (!sql.trimmed().isEmpty() && !q.exec(sql))
                    return false;
            }
            return true;
        };
        const QList<const char *> steps = IncidentService::schemaSteps();
        QVERIFY(steps.size() >= 2);
        QVERIFY(apply(steps[0]));
        QSqlQuery insert(db);
        QVERIFY(insert.exec(
            u"INSERT INTO incidents(vm, vm_name, path, host_path, threat, sha256, size, severity, "
            "source, first_seen, last_seen, detections, action, state, assignee, quarantine_id) "
            "VALUES ('vm-a', 'desk', '/Users/ä/a.exe', '/srv/vms/desk/Users/ä/a.exe', 't', "
            "'%1', 1, 'high', 'realtime', '', '', 1, 'none', 'new', '', ''), "
            "('vm-b', 'root', '/b.exe', '/b.exe', 't', '%1', 1, 'high', 'realtime', '', '', 1, "
            "'none', 'new', '', '')"_s.arg(QString(64, u'a'))));
        for (qsizetype i = 1; i < steps.size(); ++i)
            QVERIFY(apply(steps[i]));

        IncidentStore store(db);
        const auto a = store.get(u"inc-000001"_s);
        QVERIFY(a);
        QCOMPARE(a->path, QByteArray("/Users/\xc3\xa4/a.exe"));
        QCOMPARE(a->root, u"/srv/vms/desk"_s);
        QCOMPARE(a->hostPath, u"/srv/vms/desk/Users/ä/a.exe"_s);
        QVERIFY(store.findOpen(u"vm-a"_s, "/Users/\xc3\xa4/a.exe", QString(64, u'a')));
        const auto b = store.get(u"inc-000002"_s);
        QVERIFY(b);
        QCOMPARE(b->root, u"/"_s);
        QCOMPARE(b->path, QByteArray("/b.exe"));
    }
    QSqlDatabase::removeDatabase(name);
}

// A name that is not UTF-8 is kept byte for byte, shown escaped, and the
// file actions work on it.
void TestIncidents::namesAreBytes()
{
    Detection d = detection(u"placeholder"_s, kEicar);
    QFile::remove(d.hostPath);
    d.vmPath = "/Users/alice/evil\xff.com";
    d.hostPath.clear();
    const QByteArray file = QFile::encodeName(m_root) + d.vmPath;
    QFile out;
    const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    QVERIFY(fd >= 0);
    QVERIFY(out.open(fd, QIODevice::WriteOnly, QFile::AutoCloseHandle));
    QCOMPARE(out.write(kEicar), kEicar.size());
    out.close();

    const auto inc = m_service->recordDetection(d);
    QVERIFY(inc);
    QCOMPARE(inc->path, d.vmPath);
    QCOMPARE(inc->toJson().value(u"path"_s).toString(), u"/Users/alice/evil\\xFF.com"_s);
    QCOMPARE(
        inc->toJson().value(u"host_path"_s).toString(), m_root + u"/Users/alice/evil\\xFF.com"_s);
    QCOMPARE(inc->action, u"quarantined"_s);
    struct stat st;
    QCOMPARE(::lstat(file.constData(), &st), -1);
    QString code, message;
    QVERIFY2(m_service->act(inc->id, u"restore"_s, {}, u"sec"_s, {}, &code, &message),
        qPrintable(message));
    QCOMPARE(::lstat(file.constData(), &st), 0);
    QCOMPARE(qint64(st.st_size), kEicar.size());
    // The same file found again is the same incident.
    const auto again = m_service->recordDetection(d);
    QVERIFY(again);
    QCOMPARE(again->id, inc->id);
    QVERIFY2(m_service->act(inc->id, u"delete"_s, {}, u"sec"_s, {}, &code, &message),
        qPrintable(message));
    QCOMPARE(::lstat(file.constData(), &st), -1);
}

QTEST_GUILESS_MAIN(TestIncidents)
#include "tst_incidents.moc"
