// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsPages.h"

#include "MainWindow.h"
#include "OverviewPage.h"
#include "PerformancePage.h"
#include "app/fleet/Fleet.h"
#include "app/metrics/MetricsArchive.h"
#include "app/store/ConsoleStore.h"

#include <QFileInfo>

namespace mamori::ui {

namespace {

// Owns the archive for the window's lifetime.
class ArchiveHolder : public QObject
{
public:
    using QObject::QObject;
    console::MetricsArchive archive;
};

} // namespace

console::MetricsArchive *metricsArchive(MainWindow *window)
{
    auto *holder = window->findChild<QObject *>(
        QStringLiteral("mamoriMetricsArchive"), Qt::FindDirectChildrenOnly);
    return holder ? &static_cast<ArchiveHolder *>(holder)->archive : nullptr;
}

ReportWriter::Resources reportResources(MainWindow *window)
{
    ReportWriter::Resources resources;
    if (!window)
        return resources;
    resources.archive = metricsArchive(window);
    if (const auto *overview = window->findChild<OverviewPage *>())
        resources.baselines = overview->baselines();
    return resources;
}

void addMetricsPages(MainWindow *window, console::Fleet *fleet)
{
    auto *holder = new ArchiveHolder(window);
    holder->setObjectName(QStringLiteral("mamoriMetricsArchive"));
    const QString dbPath = fleet->store() ? fleet->store()->databasePath() : QString();
    if (!dbPath.isEmpty()) {
        // Console settings "metrics_retention_hours" (default 24) and
        // "metrics_max_samples" bound the history.
        const double hours =
            fleet->store()->setting(QStringLiteral("metrics_retention_hours"), 24).toDouble();
        if (hours > 0)
            holder->archive.setRetentionMs(qint64(hours * 3600 * 1000));
        const qint64 rows = fleet->store()
                                ->setting(QStringLiteral("metrics_max_samples"),
                                    console::MetricsArchive::kDefaultMaxSamples)
                                .toLongLong();
        if (rows > 0)
            holder->archive.setMaxSamples(rows);
        QString error;
        if (!holder->archive.open(QFileInfo(dbPath).absolutePath(), &error))
            qWarning("metrics history unavailable: %s", qPrintable(error));
    }
    // The pages live in the window's page stack, made before the holder, so
    // they are deleted before the archive they use.
    auto *overview = new OverviewPage(fleet, &holder->archive);
    auto *performance = new PerformancePage(fleet, &holder->archive);
    window->addPage(overview, QStringLiteral("overviewPage"));
    window->addPage(performance, QStringLiteral("performancePage"));
    if (window->fleetPage())
        performance->followFleetPage(window->fleetPage());
    window->showPage(QStringLiteral("overviewPage")); // what the admin sees first
}

} // namespace mamori::ui
