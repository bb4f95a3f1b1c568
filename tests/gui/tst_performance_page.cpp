// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApplianceProcess.h"
#include "app/client/SecretStore.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/metrics/MetricsArchive.h"
#include "app/metrics/MetricsFeed.h"
#include "app/models/FleetModel.h"
#include "app/store/ConsoleStore.h"
#include "ui/MainWindow.h"
#include "ui/OverviewPage.h"
#include "ui/Pages.h"
#include "ui/PerformancePage.h"

#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori;
using test::ApplianceProcess;
using Metric = widgets::MetricChart::Metric;
using Span = ui::PerformancePage::Span;

namespace {

const QByteArray kPassword = "correct horse battery";
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// A day of 1 s host samples ending at `end`.
QList<console::MetricPoint> day(qint64 end)
{
    QList<console::MetricPoint> points;
    points.reserve(86401);
    for (qint64 t = end - kDayMs; t <= end; t += 1000) {
        const double i = double((t / 1000) % 600);
        points.append({t, i / 10, 2e9 + i, 4096 * i, 1024 * i});
    }
    return points;
}

QList<QStringList> parseCsv(const QByteArray &csv)
{
    QList<QStringList> rows;
    for (const QByteArray &line : csv.split('\n')) {
        if (!line.isEmpty())
            rows.append(QString::fromUtf8(line).split(QLatin1Char(',')));
    }
    return rows;
}

} // namespace

class TestPerformancePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowsExportAndRestartFromArchive()
    {
        QTemporaryDir dir;
        console::ConsoleStore store;
        QVERIFY(store.open(dir.path()));
        console::ApplianceEntry entry;
        entry.displayName = QStringLiteral("kvm-01");
        entry.url = QStringLiteral("https://127.0.0.1:9");
        entry.userName = QStringLiteral("sec");
        const int id = store.addAppliance(entry);
        QVERIFY(id > 0);
        console::MemorySecretStore secrets;
        console::Fleet fleet(&store, &secrets);
        fleet.start();
        QCOMPARE(fleet.connections().size(), 1);

        const qint64 end = (QDateTime::currentMSecsSinceEpoch() / 60'000) * 60'000;
        const auto points = day(end);
        {
            console::MetricsArchive archive;
            QVERIFY(archive.open(dir.path()));
            QVERIFY(archive.store(id, QStringLiteral("host"), points));
        }
        for (int round = 0; round < 2; ++round) {
            // The second round is a console restart over the same data dir.
            console::MetricsArchive archive;
            QVERIFY(archive.open(dir.path()));
            ui::PerformancePage page(&fleet, &archive);
            page.resize(1000, 700);
            QCOMPARE(page.applianceId(), id);
            QCOMPARE(page.scope(), QStringLiteral("host"));
            QCOMPARE(page.scopeCombo()->count(), 2); // host, appliance: no VM known
            QCOMPARE(page.span(), Span::FiveMinutes);
            for (int m = 0; m < 4; ++m)
                QCOMPARE(page.chart(Metric(m))->shownSamples().size(), 301);
            QCOMPARE(page.chart(Metric::Cpu)->shownSamples().last().x(), double(end));

            page.spanCombo()->setCurrentIndex(1);
            QCOMPARE(page.span(), Span::Hour);
            QCOMPARE(page.chart(Metric::DiskRead)->shownSamples().size(), 3601);

            page.setSpan(Span::Day);
            QCOMPARE(page.spanCombo()->currentIndex(), 2);
            const auto minutes = page.chart(Metric::Memory)->shownSamples();
            QCOMPARE(minutes.size(), 1441); // minute averages
            QCOMPARE(qint64(minutes[1].x()) % 60'000, 0);

            // CSV of the shown window, parsed back.
            page.setSpan(Span::FiveMinutes);
            QBuffer buffer;
            QVERIFY(buffer.open(QIODevice::WriteOnly));
            QVERIFY(page.exportCsv(&buffer));
            const auto rows = parseCsv(buffer.data());
            QCOMPARE(rows.size(), 302);
            QCOMPARE(rows[0].size(), 9);
            QCOMPARE(rows[0][0], QStringLiteral("time"));
            QCOMPARE(rows[0][1], QStringLiteral("cpu_percent"));
            const auto &last = points.last();
            const QStringList &lastRow = rows.last();
            QCOMPARE(QDateTime::fromString(lastRow[0], Qt::ISODate).toMSecsSinceEpoch(), last.t);
            QCOMPARE(lastRow[1].toDouble(), last.cpu);
            QCOMPARE(lastRow[3].toDouble(), last.mem);
            QCOMPARE(lastRow[5].toDouble(), last.read);
            QCOMPARE(lastRow[7].toDouble(), last.write);
            QVERIFY(lastRow[2].isEmpty()); // no baseline known

            const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
            QVERIFY(page.exportCsvTo(csvPath));
            QFile csv(csvPath);
            QVERIFY(csv.open(QIODevice::ReadOnly));
            QCOMPARE(csv.readAll(), buffer.data());
            const QString pngPath = dir.filePath(QStringLiteral("out.png"));
            QVERIFY(page.exportPngTo(pngPath));
            QImage png(pngPath);
            QVERIFY(!png.isNull());
            QVERIFY(png.width() > 400 && png.height() > 300);

            // Pause holds the view still.
            page.setPaused(true);
            QVERIFY(page.chart(Metric::Cpu)->isPaused());
            page.setPaused(false);
        }
    }

    void pagesInTheMainWindow()
    {
        QTemporaryDir dir;
        console::ConsoleStore store;
        QVERIFY(store.open(dir.path()));
        console::MemorySecretStore secrets;
        QVERIFY(store.setSetting(QStringLiteral("metrics_retention_hours"), 2));
        console::Fleet fleet(&store, &secrets);
        ui::MainWindow window(&fleet, nullptr);
        ui::Pages *pages = ui::addPages(&window, &fleet);
        auto *overview = window.findChild<ui::OverviewPage *>(QStringLiteral("overviewPage"));
        auto *performance =
            window.findChild<ui::PerformancePage *>(QStringLiteral("performancePage"));
        QVERIFY(overview && performance);
        console::MetricsArchive *archive = pages->metricsArchive();
        QVERIFY(archive && archive->isOpen());
        QCOMPARE(archive->retentionMs(), 2LL * 3600 * 1000);
        QCOMPARE(
            QFileInfo(archive->path()).absolutePath(), QFileInfo(dir.path()).absoluteFilePath());
        QCOMPARE(QFileInfo(archive->path()).fileName(), QStringLiteral("metrics.sqlite"));
        window.show();
        QVERIFY(overview->isVisible()); // the first page an admin sees
        QCOMPARE(overview->figure(QStringLiteral("online")), QStringLiteral("0"));
        // Accelerators on every control of the performance page's bar.
        for (const char *name :
            {"performancePause", "performanceExportCsv", "performanceExportPng"}) {
            auto *button = performance->findChild<QPushButton *>(QLatin1String(name));
            QVERIFY(button && button->text().contains(QLatin1Char('&')));
        }
        // A language change re-sets every text.
        QEvent change(QEvent::LanguageChange);
        QApplication::sendEvent(performance, &change);
        QApplication::sendEvent(overview, &change);
        QCOMPARE(performance->spanCombo()->itemText(1), QStringLiteral("Last hour"));
        QCOMPARE(overview->figure(QStringLiteral("offline")), QStringLiteral("0"));
    }

    void liveFromAnAppliance()
    {
        if (ApplianceProcess::program().isEmpty())
            QSKIP("MAMORI_APPLIANCE is not set");
        ApplianceProcess app;
        QVERIFY(app.addUser(QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword));
        QVERIFY(QDir().mkpath(app.vmsDir() + QStringLiteral("/desk-001/Windows")));
        app.setConfig(R"("sample_interval_ms": 200, "inventory_interval_ms": 200)");
        QVERIFY(app.start());

        QTemporaryDir dir;
        console::ConsoleStore store;
        QVERIFY(store.open(dir.path()));
        console::MemorySecretStore secrets;
        console::Fleet fleet(&store, &secrets);
        std::optional<console::CertificateInfo> cert;
        fleet.probe(
            app.baseUrl(), [&](console::CertificateInfo c, console::ApiError) { cert = c; });
        QTRY_VERIFY_WITH_TIMEOUT(cert.has_value(), 20000);
        std::optional<console::ApiError> added;
        fleet.addAppliance(app.baseUrl(), QStringLiteral("kvm-01"), QStringLiteral("sec"),
            QString::fromUtf8(kPassword), false, *cert, [&](console::ApiError e) { added = e; });
        QTRY_VERIFY_WITH_TIMEOUT(added.has_value(), 20000);
        QVERIFY2(added->ok(), qPrintable(added->toString()));
        console::ApplianceConnection *c = fleet.connections().value(0);
        QVERIFY(c);
        QTRY_VERIFY_WITH_TIMEOUT(
            fleet.model()->rowCount(fleet.model()->hostIndex(c->id())) == 1, 20000);

        console::MetricsArchive archive;
        QVERIFY(archive.open(dir.path()));
        ui::OverviewPage overview(&fleet, &archive);
        ui::PerformancePage page(&fleet, &archive);
        page.resize(1000, 700);
        page.show();
        overview.show();
        QCOMPARE(page.applianceId(), c->id());
        QCOMPARE(page.scopeCombo()->count(), 3); // host, appliance, desk-001
        // Live samples reach the charts and the archive.
        QTRY_VERIFY_WITH_TIMEOUT(page.chart(Metric::Cpu)->shownSamples().size() >= 5, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(archive.latestTime(c->id(), QStringLiteral("host")) > 0, 5000);
        const auto before = page.chart(Metric::DiskWrite)->shownSamples().size();
        QTRY_VERIFY_WITH_TIMEOUT(
            page.chart(Metric::DiskWrite)->shownSamples().size() > before + 2, 10000);
        // A VM's scope: asked for (VM samples come from lab workloads only,
        // so none here); back on the host, its history returns from the archive.
        const QString vmScope = protocol::vmScope(
            fleet.model()->vms(c->id()).value(0).id.toString(QUuid::WithoutBraces));
        QVERIFY(page.selectScope(vmScope));
        QCOMPARE(page.feed()->scopes(), QStringList {vmScope});
        QVERIFY(page.chart(Metric::Memory)->shownSamples().isEmpty());
        QVERIFY(page.selectScope(QStringLiteral("host")));
        QVERIFY(page.chart(Metric::Memory)->shownSamples().size() > before);
        // The baseline (60 no-scan samples at 200 ms) reaches the charts.
        QTRY_VERIFY_WITH_TIMEOUT(
            (page.feed()->fetchBaseline(), page.chart(Metric::Cpu)->baseline().has_value()), 40000);

        // The overview counts the appliance and its VM and compares the host.
        QCOMPARE(overview.figure(QStringLiteral("online")), QStringLiteral("1"));
        QCOMPARE(overview.figure(QStringLiteral("offline")), QStringLiteral("0"));
        QCOMPARE(overview.patternTable()->rowCount(), 1);
        overview.feed(c->id())->fetchBaseline();
        QTRY_VERIFY_WITH_TIMEOUT(overview.hostTable()->rowCount() == 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            overview.hostTable()->item(0, 1)->text().contains(QLatin1Char('%')), 20000);
        QVERIFY(overview.figure(QStringLiteral("fleet:cpu")).contains(QLatin1Char('%')));
        if (!qEnvironmentVariableIsEmpty("MAMORI_SCREENSHOTS")) {
            const QString shots = qEnvironmentVariable("MAMORI_SCREENSHOTS");
            overview.resize(1100, 750);
            QTest::qWait(300);
            QVERIFY(overview.grab().save(shots + QStringLiteral("/overview.png")));
            QVERIFY(page.grab().save(shots + QStringLiteral("/performance.png")));
        }
        page.hide();
        overview.hide();
        QVERIFY(app.stop());
    }
};

QTEST_MAIN(TestPerformancePage)
#include "tst_performance_page.moc"
