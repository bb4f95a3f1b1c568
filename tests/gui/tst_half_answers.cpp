// SPDX-License-Identifier: GPL-2.0-or-later
// An appliance that answers its event stream but not its reads (invalid
// JSON, 500, an oversize body, a connection cut mid-answer, an answer that
// drips): the console shows its VMs as unknown or the host as degraded, says
// why in the host's details and in the alert list, and clears it when the
// reads succeed again (docs/reliability.md, A half-answering appliance).
// Against BadApplianceServer on loopback, and a real appliance whose VM list
// is over the console's limit.
#include "ApplianceProcess.h"
#include "BadApplianceServer.h"
#include "ConsoleFixture.h"
#include "app/client/ApplianceClient.h"
#include "app/models/AlertModel.h"
#include "appliance/http/TlsIdentity.h"
#include "ui/FleetPage.h"

#include <QDir>
#include <QTextBrowser>
#include <QTreeView>

using namespace mamori;
using console::ApplianceConnection;
using console::FleetModel;
using protocol::ProtectionStatus;
using test::BadApplianceServer;
using Fault = BadApplianceServer::Fault;

Q_DECLARE_METATYPE(BadApplianceServer::Fault)

namespace {

constexpr int kWaitMs = 30000;
const QString kVmsPath = QStringLiteral("/api/v1/vms");
const QString kPolicyPath = QStringLiteral("/api/v1/policy");

// Short deadlines, so that a drip is cut and a failed read tried again soon.
void hurry(ApplianceConnection *c)
{
    c->client()->setRetryDelay(10);
    c->client()->setStallSeconds(1);
    c->setReadRetry(100);
}

// The Details text of the newest alert of `type`; empty when there is none.
QString alertText(const console::AlertModel *alerts, const char *type)
{
    for (int row = 0; row < alerts->rowCount(); ++row) {
        const console::Alert *a = alerts->alert(row);
        if (a->type == QLatin1String(type))
            return alerts->index(row, console::AlertModel::DetailColumn).data().toString();
    }
    return {};
}

} // namespace

class TestHalfAnswers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_identityDir;
    std::optional<appliance::TlsIdentity> m_identity;

    std::unique_ptr<BadApplianceServer> badServer()
    {
        auto server = std::make_unique<BadApplianceServer>(
            m_identity->certificatePem(), m_identity->privateKeyPem());
        return server->start() ? std::move(server) : nullptr;
    }

    // Adds the server's appliance to `console` the way the Add Appliance
    // dialog does, with short deadlines; waits until it is signed in.
    ApplianceConnection *add(test::ConsoleFixture &console, const QString &url)
    {
        if (!console.open())
            return nullptr;
        std::optional<console::CertificateInfo> cert;
        console.fleet->probe(url, [&](console::CertificateInfo c, console::ApiError) { cert = c; });
        if (!QTest::qWaitFor([&] { return cert.has_value(); }, kWaitMs) || cert->isNull())
            return nullptr;
        std::optional<console::ApiError> added;
        console.fleet->addAppliance(url, QStringLiteral("half"), QStringLiteral("sec"),
            QString::fromUtf8(test::kConsolePassword), false, *cert,
            [&](console::ApiError e) { added = e; });
        ApplianceConnection *c = console.fleet->connections().constLast();
        hurry(c);
        if (!QTest::qWaitFor([&] { return added.has_value(); }, kWaitMs) || !added->ok())
            return nullptr;
        return c;
    }

    static QModelIndex hostIndex(const test::ConsoleFixture &console, int column = 0)
    {
        return console.fleet->model()->hostIndex(console.connection()->id(), column);
    }

    // The host's details as the fleet page shows them with its row selected.
    static QString detailOf(const test::ConsoleFixture &console, ui::FleetPage &page)
    {
        QAbstractItemModel *shown = page.view()->model();
        for (int row = 0; row < shown->rowCount(); ++row) {
            const QModelIndex at = shown->index(row, 0);
            if (at.data(FleetModel::HostIdRole).toInt() == console.connection()->id())
                page.view()->setCurrentIndex(at);
        }
        return page.detail()->toPlainText();
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_identity = appliance::TlsIdentity::create(m_identityDir.path(), &error);
        QVERIFY2(m_identity, qPrintable(error));
    }

    // Each way a VM list can fail: the host and its VMs are Unknown, never
    // "Protected", and the details and the alert list say why.
    void vmListFails_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<QString>("why");
        QTest::newRow("invalid JSON")
            << Fault::InvalidJson << QStringLiteral("an answer the console does not understand");
        QTest::newRow("HTTP 500") << Fault::ServerError << QStringLiteral("had an internal error");
        // Refused at its Content-Length: read to the end, it would drip
        // until the stall deadline and say "did not answer in time".
        QTest::newRow("over the limit")
            << Fault::Oversize << QStringLiteral("an answer that is too large");
        QTest::newRow("cut mid-answer")
            << Fault::CutMidAnswer << QStringLiteral("connection to the appliance at");
        QTest::newRow("drip") << Fault::Drip << QStringLiteral("did not answer in time");
    }

    void vmListFails()
    {
        QFETCH(Fault, fault);
        QFETCH(QString, why);
        const auto server = badServer();
        QVERIFY(server);
        server->setFault(kVmsPath, fault);
        test::ConsoleFixture console;
        ApplianceConnection *c = add(console, server->baseUrl());
        QVERIFY(c);
        ui::FleetPage page(console.fleet.get(), nullptr);

        QTRY_VERIFY_WITH_TIMEOUT(!c->trouble().failures.isEmpty(), kWaitMs);
        QVERIFY(c->isOnline()); // the event stream answers
        QVERIFY(!c->vmsKnown());
        QCOMPARE(hostIndex(console).data(FleetModel::StatusRole).toInt(),
            int(ProtectionStatus::Unknown));
        QCOMPARE(hostIndex(console, FleetModel::ProtectionColumn).data().toString(),
            QStringLiteral("Unknown (not read)"));
        const QString trouble = hostIndex(console).data(FleetModel::TroubleRole).toString();
        QVERIFY2(
            trouble.contains(QStringLiteral("Could not read the VM list")), qPrintable(trouble));
        QVERIFY2(trouble.contains(why), qPrintable(trouble));
        QCOMPARE(console.fleet->model()->vmsByStatus()[size_t(ProtectionStatus::Protected)], 0);

        QTRY_VERIFY_WITH_TIMEOUT(
            !alertText(console.fleet->alerts(), console::kReadFailedAlert).isEmpty(), kWaitMs);
        const QString alert = alertText(console.fleet->alerts(), console::kReadFailedAlert);
        QVERIFY2(alert.contains(why) && alert.contains(QStringLiteral("VMs are shown as unknown")),
            qPrintable(alert));

        const QString detail = detailOf(console, page);
        QVERIFY2(
            detail.contains(QStringLiteral("Problem")) && detail.contains(why), qPrintable(detail));
        QVERIFY2(!detail.contains(QStringLiteral("Protected")), qPrintable(detail));
    }

    // Only another read fails: the VMs keep what their list says, the host
    // says "Degraded" and is never better than Unknown.
    void otherReadFailsDegraded()
    {
        const auto server = badServer();
        QVERIFY(server);
        server->setFault(kPolicyPath, Fault::ServerError);
        test::ConsoleFixture console;
        ApplianceConnection *c = add(console, server->baseUrl());
        QVERIFY(c);

        QTRY_VERIFY_WITH_TIMEOUT(c->vmsKnown() && !c->trouble().failures.isEmpty(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(console.vmCount(c), 1, kWaitMs);
        QCOMPARE(hostIndex(console, FleetModel::ProtectionColumn).data().toString(),
            QStringLiteral("Degraded"));
        QCOMPARE(hostIndex(console).data(FleetModel::StatusRole).toInt(),
            int(ProtectionStatus::Unknown));
        const QModelIndex vm =
            console.fleet->model()->index(0, FleetModel::ProtectionColumn, hostIndex(console));
        QCOMPARE(vm.data().toString(), QStringLiteral("Protected"));
        QVERIFY(hostIndex(console)
                    .data(FleetModel::TroubleRole)
                    .toString()
                    .contains(QStringLiteral("Could not read the policy")));
        QTRY_VERIFY_WITH_TIMEOUT(alertText(console.fleet->alerts(), console::kReadFailedAlert)
                                     .contains(QStringLiteral("shown as degraded")),
            kWaitMs);
    }

    // A list read before and failing now: its VMs turn Unknown (the last
    // known state stays for the details), and all clears once reads succeed.
    void staleListTurnsUnknownAndClears()
    {
        const auto server = badServer();
        QVERIFY(server);
        test::ConsoleFixture console;
        ApplianceConnection *c = add(console, server->baseUrl());
        QVERIFY(c);
        QTRY_COMPARE_WITH_TIMEOUT(console.vmCount(c), 1, kWaitMs);
        const QModelIndex vm =
            console.fleet->model()->index(0, FleetModel::ProtectionColumn, hostIndex(console));
        QTRY_COMPARE_WITH_TIMEOUT(vm.data().toString(), QStringLiteral("Protected"), kWaitMs);

        server->setFault(kVmsPath, Fault::InvalidJson);
        c->resync();
        QTRY_COMPARE_WITH_TIMEOUT(
            vm.data(FleetModel::StatusRole).toInt(), int(ProtectionStatus::Unknown), kWaitMs);
        QCOMPARE(vm.data().toString(), QStringLiteral("Unknown (not read)"));
        QCOMPARE(
            vm.data(FleetModel::LastKnownStatusRole).toInt(), int(ProtectionStatus::Protected));
        QVERIFY(vm.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Last known state")));

        server->clearFaults();
        QTRY_COMPARE_WITH_TIMEOUT(vm.data().toString(), QStringLiteral("Protected"), kWaitMs);
        QVERIFY(c->trouble().isEmpty());
        QCOMPARE(hostIndex(console).data(FleetModel::TroubleRole).toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            !alertText(console.fleet->alerts(), console::kReadsRestoredAlert).isEmpty(), kWaitMs);
    }

    // A real appliance whose VM list is over the console's limit: refused,
    // its VMs Unknown; with the limit back, protected again.
    void realApplianceListOverTheLimit()
    {
        test::ApplianceProcess app;
        for (int i = 0; i < 12; ++i)
            QDir().mkpath(app.workDir()
                + QStringLiteral("/vms/desk-with-a-rather-long-name-for-its-list-%1").arg(i));
        QVERIFY(app.addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword));
        QVERIFY(app.start({QStringLiteral("--inventory"),
            QStringLiteral("directory:") + app.workDir() + QStringLiteral("/vms")}));
        test::ConsoleFixture console;
        QVERIFY(console.add(app, QStringLiteral("real"), QStringLiteral("sec"), 12));
        ApplianceConnection *c = console.connection();
        hurry(c);
        QTRY_VERIFY_WITH_TIMEOUT(c->vmsKnown(), kWaitMs);

        c->client()->setMaxResponseSize(2048);
        c->resync();
        QTRY_VERIFY_WITH_TIMEOUT(!c->vmsKnown(), kWaitMs);
        QVERIFY(c->isOnline());
        QCOMPARE(console.fleet->model()->vmsByStatus()[size_t(ProtectionStatus::Unknown)], 12);
        QVERIFY(hostIndex(console)
                    .data(FleetModel::TroubleRole)
                    .toString()
                    .contains(QStringLiteral("an answer that is too large")));

        c->client()->setMaxResponseSize(16 * 1024 * 1024);
        QTRY_VERIFY_WITH_TIMEOUT(c->vmsKnown(), kWaitMs);
        QCOMPARE(console.fleet->model()->vmsByStatus()[size_t(ProtectionStatus::Unknown)], 0);
    }
};

QTEST_MAIN(TestHalfAnswers)
#include "tst_half_answers.moc"
