// SPDX-License-Identifier: GPL-2.0-or-later
// The console's reading of every answer an appliance gives. An appliance can
// be compromised, or an attacker can stand in for one until the pin check,
// so every byte of an answer is hostile input for the console.
//
// Input: one line "STATUS METHOD PATH [RETRY-AFTER]" naming the request the
// answer belongs to, then the answer's body (fuzz/corpus/console_answers
// holds answers captured from a lab appliance). Each answer goes through the
// envelope every request shares (resultOfAnswer), then through the record
// parser of that endpoint's answer (app/records, found in kReaders by
// "METHOD PATH"), and what it parsed into the model that shows it, under
// QAbstractItemModelTester.

#include "FuzzCheck.h"
#include "app/client/ApiError.h"
#include "app/models/AlertModel.h"
#include "app/models/AuditModel.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/PatternModel.h"
#include "app/models/ScanJobModel.h"
#include "app/records/ApplianceInfo.h"
#include "app/records/Event.h"
#include "app/records/MetricSeries.h"
#include "app/records/Policy.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QGuiApplication>

using namespace mamori::console;
using mamori::fuzz::check;

namespace {

const auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

// Reads every cell in every role the views ask for.
void readAll(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            for (int role = Qt::DisplayRole; role <= Qt::UserRole + 32; ++role)
                model.data(index, role);
        }
        readAll(model, model.index(row, 0, parent));
    }
}

// GET /api/v1/vms: the list goes to one host, then to a second one (the same
// VMs on two hosts: a live migration), then the first drops them all.
void readVmList(const QJsonObject &answer)
{
    const Parsed<QList<Vm>> vms = parseVmList(answer);
    if (!vms)
        return;
    FleetModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.setHost(1, QStringLiteral("a"));
    model.setHost(2, QStringLiteral("b"));
    model.setHostReachable(1, true, QDateTime::currentDateTimeUtc());
    model.applyVmList(1, *vms);
    check(model.vmCount() <= vms->size(), "no more VMs than the answer lists");
    readAll(model);
    model.applyVmList(2, *vms);
    model.applyVmList(1, {});
    readAll(model);
}

// GET /api/v1/vms/{id}
void readVm(const QJsonObject &answer)
{
    const Parsed<Vm> vm = parseVm(answer);
    if (!vm)
        return;
    FleetModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.setHost(1, QStringLiteral("a"));
    model.applyVm(1, *vm);
    model.applyVm(1, *vm);
    check(model.vmCount() <= 1, "one VM answer makes at most one VM");
    readAll(model);
}

void showIncidents(const QList<Incident> &incidents)
{
    IncidentModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.setHost(1, QStringLiteral("a"));
    model.setIncidents(1, incidents);
    check(model.rowCount() <= incidents.size(), "no more incidents than the answer lists");
    readAll(model);
    model.setIncidents(1, {});
}

// GET /api/v1/incidents
void readIncidents(const QJsonObject &answer)
{
    if (const Parsed<QList<Incident>> list = parseIncidentList(answer))
        showIncidents(*list);
}

// GET /api/v1/incidents/{id}, POST /api/v1/incidents/{id}/actions
void readIncident(const QJsonObject &answer)
{
    if (const Parsed<Incident> incident = parseIncident(answer))
        showIncidents({*incident});
}

void showJobs(const QList<ScanJob> &jobs)
{
    ScanJobModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.setHost(1, QStringLiteral("a"));
    model.setJobs(1, jobs);
    readAll(model);
    for (const ScanJob &job : jobs)
        model.applyJob(1, job);
    model.setJobs(1, {});
}

// GET /api/v1/scans
void readScans(const QJsonObject &answer)
{
    if (const Parsed<ScanQueue> queue = parseScanQueue(answer))
        showJobs(queue->jobs);
}

// POST /api/v1/scans
void readQueuedScans(const QJsonObject &answer)
{
    if (const Parsed<QList<ScanJob>> jobs = parseQueuedScans(answer))
        showJobs(*jobs);
}

// GET /api/v1/patterns
void readPatterns(const QJsonObject &answer)
{
    const Parsed<PatternStatus> patterns = parsePatternStatus(answer);
    if (!patterns)
        return;
    PatternModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.setHost(1, QStringLiteral("a"));
    model.setOnline(1, true);
    model.setPatterns(1, *patterns);
    readAll(model);
}

// GET /api/v1/metrics
void readMetrics(const QJsonObject &answer)
{
    const Parsed<MetricSeries> series = parseMetricSeries(answer);
    if (!series)
        return;
    const QJsonObject scopes = answer.value(QStringLiteral("scopes")).toObject();
    for (auto it = series->scopes.begin(); it != series->scopes.end(); ++it) {
        const QJsonArray t = scopes.value(it.key()).toObject().value(QStringLiteral("t")).toArray();
        check(it.value().size() <= t.size(), "no more samples than times");
    }
}

// GET /api/v1/audit
void readAudit(const QJsonObject &answer)
{
    const Parsed<AuditLogPage> page = parseAuditLogPage(answer);
    if (!page)
        return;
    const QList<AuditRecord> *records = &page->records;
    auditKeeps(*page, page->head);
    const AuditChainCheck chain = verifyAuditChain(*records);
    check(chain.count <= records->size(), "the chain check counts listed records only");
    AuditModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.append(*records);
    readAll(model);
}

// GET /api/v1/events
void readEvents(const QJsonObject &answer)
{
    const Parsed<EventPage> page = parseEventPage(answer);
    if (!page)
        return;
    FleetModel fleet;
    AlertModel alerts(&fleet);
    QAbstractItemModelTester tester(&alerts, kFatal);
    for (const Event &event : page->events) {
        if (const auto alert = alertOf(event, 1))
            alerts.addAlert(*alert);
    }
    readAll(alerts);
}

void readAppliance(const QJsonObject &answer)
{
    parseApplianceInfo(answer);
}

void readSession(const QJsonObject &answer)
{
    parseSession(answer);
}

void readPolicy(const QJsonObject &answer)
{
    parsePolicy(answer);
}

void readBaseline(const QJsonObject &answer)
{
    parseBaseline(answer);
}

struct Reader
{
    const char *request;
    void (*read)(const QJsonObject &answer);
};

// One entry per endpoint whose answer the console reads.
const Reader kReaders[] = {
    {"GET /api/v1/appliance", readAppliance},
    {"POST /api/v1/session", readSession},
    {"GET /api/v1/vms", readVmList},
    {"GET /api/v1/vms/{id}", readVm},
    {"GET /api/v1/incidents", readIncidents},
    {"GET /api/v1/incidents/{id}", readIncident},
    {"POST /api/v1/incidents/{id}/actions", readIncident},
    {"GET /api/v1/scans", readScans},
    {"POST /api/v1/scans", readQueuedScans},
    {"GET /api/v1/patterns", readPatterns},
    {"GET /api/v1/policy", readPolicy},
    {"PUT /api/v1/policy", readPolicy},
    {"GET /api/v1/metrics", readMetrics},
    {"GET /api/v1/baseline", readBaseline},
    {"PUT /api/v1/baseline", readBaseline},
    {"GET /api/v1/audit", readAudit},
    {"GET /api/v1/events", readEvents},
};

// "GET /api/v1/vms/1b4e…" is "GET /api/v1/vms/{id}"; a query is dropped.
QByteArray endpointOf(const QByteArray &method, QByteArray path)
{
    path = path.left(path.indexOf('?'));
    QList<QByteArray> segments = path.split('/');
    if (segments.size() >= 5 && (segments.at(3) == "vms" || segments.at(3) == "incidents"))
        segments[4] = "{id}";
    return method + ' ' + segments.join('/');
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The fleet model draws its status icons: that needs a GUI application.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = mamori::fuzz::bytesOf(data, size);
    const qsizetype lineEnd = input.indexOf('\n');
    if (lineEnd < 0)
        return 0;
    const QList<QByteArray> request = input.left(lineEnd).split(' ');
    if (request.size() < 3)
        return 0;
    bool isNumber = false;
    const int status = request.at(0).toInt(&isNumber);
    if (!isNumber || status < 100 || status > 599)
        return 0;
    const QByteArray retryAfter = request.size() > 3 ? request.at(3) : QByteArray();

    const ApiResult result = resultOfAnswer(status, input.mid(lineEnd + 1), retryAfter);
    check(result.httpStatus == status, "the result keeps the status");
    if (status >= 400)
        check(result.error.kind == ApiError::Kind::Http && result.error.httpStatus == status,
            "an error status is an HTTP error");
    else if (status < 200 || status >= 300)
        check(result.error.kind == ApiError::Kind::Protocol, "an odd status is a protocol error");
    check(result.error.retryAfterSeconds >= -1, "Retry-After is seconds or absent");
    result.error.userMessage();
    result.error.toString();
    if (!result.ok())
        return 0;

    const QByteArray endpoint = endpointOf(request.at(1), request.at(2));
    for (const Reader &reader : kReaders) {
        if (endpoint == reader.request)
            reader.read(result.json);
    }
    return 0;
}
