// SPDX-License-Identifier: GPL-2.0-or-later
// The console's reading of every answer an appliance gives. An appliance can
// be compromised, or an attacker can stand in for one until the pin check,
// so every byte of an answer is hostile input for the console.
//
// Input: one line "STATUS METHOD PATH [RETRY-AFTER]" naming the request the
// answer belongs to, then the answer's body (fuzz/corpus/console_answers
// holds answers captured from a lab appliance). Each answer goes through the
// envelope every request shares (resultOfAnswer), then through the console's
// reading of that endpoint's answer, found in kReaders by "METHOD PATH".
// Endpoints whose answers ui/ still reads field by field in its widgets have
// no reader yet: their answers go through the envelope only.

#include "FuzzCheck.h"
#include "app/client/ApiError.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/FleetModel.h"
#include "app/metrics/MetricsFeed.h"
#include "ui/AuditPage.h"
#include "ui/EventText.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>

using namespace mamori::console;
using mamori::fuzz::check;

namespace {

// Reads every cell in every role the views ask for.
void readAll(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            for (int role = Qt::DisplayRole; role <= FleetModel::RootRole; ++role)
                model.data(index, role);
        }
        readAll(model, model.index(row, 0, parent));
    }
}

// GET /api/v1/vms: the list goes to one host, then to a second one (the same
// VMs on two hosts: a live migration), then the first drops them all.
void readVmList(const QJsonObject &answer)
{
    FleetModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setHost(1, QStringLiteral("a"));
    model.setHost(2, QStringLiteral("b"));
    model.setHostReachable(1, true, QDateTime::currentDateTimeUtc());
    const QJsonArray vms = answer.value(QStringLiteral("vms")).toArray();
    model.applyVmList(1, vms);
    check(model.vmCount() <= vms.size(), "no more VMs than the answer lists");
    readAll(model);
    model.applyVmList(2, vms);
    model.applyVmList(1, {});
    readAll(model);
}

// GET /api/v1/vms/{id}
void readVm(const QJsonObject &answer)
{
    FleetModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setHost(1, QStringLiteral("a"));
    model.applyVm(1, answer);
    model.applyVm(1, answer);
    check(model.vmCount() <= 1, "one VM answer makes at most one VM");
    readAll(model);
}

// GET /api/v1/metrics
void readMetrics(const QJsonObject &answer)
{
    const auto samples = MetricsFeed::parseSamples(answer);
    const QJsonObject scopes = answer.value(QStringLiteral("scopes")).toObject();
    for (auto it = samples.begin(); it != samples.end(); ++it) {
        const QJsonArray t = scopes.value(it.key()).toObject().value(QStringLiteral("t")).toArray();
        check(it.value().size() <= t.size(), "no more samples than times");
    }
}

// GET /api/v1/baseline
void readBaseline(const QJsonObject &answer)
{
    const QJsonObject scopes = answer.value(QStringLiteral("scopes")).toObject();
    for (auto it = scopes.begin(); it != scopes.end(); ++it) {
        for (const char *metric : {"cpu", "mem", "read", "write"})
            MetricsFeed::baselineValue(answer, it.key(), QLatin1String(metric));
    }
}

// GET /api/v1/audit
void readAudit(const QJsonObject &answer)
{
    const QJsonArray records = answer.value(QStringLiteral("records")).toArray();
    const mamori::ui::AuditChainCheck chain = mamori::ui::verifyAuditChain(records);
    check(chain.count <= records.size(), "the chain check counts listed records only");
}

// GET /api/v1/events
void readEvents(const QJsonObject &answer)
{
    for (const QJsonValue &v : answer.value(QStringLiteral("events")).toArray()) {
        const QJsonObject event = v.toObject();
        const QString type = event.value(QStringLiteral("type")).toString();
        mamori::ui::EventText::typeName(type);
        mamori::ui::EventText::describe(event, nullptr);
        ApplianceConnection::isAlert(type);
    }
}

struct Reader
{
    const char *request;
    void (*read)(const QJsonObject &answer);
};

// One entry per endpoint whose answer the console reads outside a widget.
const Reader kReaders[] = {
    {"GET /api/v1/vms", readVmList},
    {"GET /api/v1/vms/{id}", readVm},
    {"GET /api/v1/metrics", readMetrics},
    {"GET /api/v1/baseline", readBaseline},
    {"GET /api/v1/audit", readAudit},
    {"GET /api/v1/events", readEvents},
};

// "GET /api/v1/vms/1b4e…" is "GET /api/v1/vms/{id}"; a query is dropped.
QByteArray endpointOf(const QByteArray &method, QByteArray path)
{
    path = path.left(path.indexOf('?'));
    QList<QByteArray> segments = path.split('/');
    if (segments.size() == 5 && segments.at(3) == "vms")
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
