// SPDX-License-Identifier: GPL-2.0-or-later
#include "PerformancePage.h"

#include "FleetSelection.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/metrics/MetricsArchive.h"
#include "app/metrics/MetricsFeed.h"
#include "app/models/FleetModel.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mamori::ui {

using console::ApplianceConnection;
using console::MetricPoint;
using widgets::MetricChart;

namespace {

constexpr qint64 kMinuteMs = 60'000;

} // namespace

PerformancePage::PerformancePage(
    console::Fleet *fleet, console::MetricsArchive *archive, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_archive(archive), m_applianceLabel(new QLabel(this)),
      m_applianceCombo(new QComboBox(this)), m_scopeLabel(new QLabel(this)),
      m_scopeCombo(new QComboBox(this)), m_spanLabel(new QLabel(this)),
      m_spanCombo(new QComboBox(this)), m_pause(new QPushButton(this)),
      m_exportCsv(new QPushButton(this)), m_exportPng(new QPushButton(this)),
      m_status(new QLabel(this)), m_baselineNote(new QLabel(this)), m_chartArea(new QWidget(this))
{
    m_baselineNote->setObjectName(QStringLiteral("performanceBaselineNote"));
    m_baselineNote->setWordWrap(true);
    m_applianceCombo->setObjectName(QStringLiteral("performanceAppliance"));
    m_scopeCombo->setObjectName(QStringLiteral("performanceScope"));
    m_spanCombo->setObjectName(QStringLiteral("performanceWindow"));
    m_pause->setObjectName(QStringLiteral("performancePause"));
    m_exportCsv->setObjectName(QStringLiteral("performanceExportCsv"));
    m_exportPng->setObjectName(QStringLiteral("performanceExportPng"));
    m_applianceLabel->setBuddy(m_applianceCombo);
    m_scopeLabel->setBuddy(m_scopeCombo);
    m_spanLabel->setBuddy(m_spanCombo);
    m_scopeCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_pause->setCheckable(true);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // appliance names and the errors they answer
    for (int i = 0; i < 3; ++i)
        m_spanCombo->addItem(QString(), i);

    auto *bar = new QHBoxLayout;
    const QList<QWidget *> fields {
        m_applianceLabel, m_applianceCombo, m_scopeLabel, m_scopeCombo, m_spanLabel, m_spanCombo};
    for (QWidget *w : fields)
        bar->addWidget(w);
    bar->addStretch();
    bar->addWidget(m_pause);
    bar->addWidget(m_exportCsv);
    bar->addWidget(m_exportPng);

    auto *grid = new QGridLayout(m_chartArea);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 4; ++i) {
        auto *chart = new MetricChart(m_chartArea);
        chart->setMetric(Metric(i));
        chart->setWindow(spanMs(m_span));
        chart->setMinimumSize(280, 180);
        m_charts[i] = chart;
        grid->addWidget(chart, i / 2, i % 2);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_baselineNote);
    layout->addWidget(m_chartArea, 1);
    setTabOrder(m_applianceCombo, m_scopeCombo);
    setTabOrder(m_scopeCombo, m_spanCombo);
    setTabOrder(m_spanCombo, m_pause);
    setTabOrder(m_pause, m_exportCsv);
    setTabOrder(m_exportCsv, m_exportPng);

    connect(m_applianceCombo, &QComboBox::currentIndexChanged, this,
        &PerformancePage::onApplianceChosen);
    connect(m_scopeCombo, &QComboBox::currentIndexChanged, this, &PerformancePage::onScopeChosen);
    connect(m_spanCombo, &QComboBox::currentIndexChanged, this,
        [this](int index) { setSpan(Span(std::max(index, 0))); });
    connect(m_pause, &QPushButton::toggled, this, &PerformancePage::setPaused);
    connect(m_exportCsv, &QPushButton::clicked, this, &PerformancePage::exportCsvDialog);
    connect(m_exportPng, &QPushButton::clicked, this, &PerformancePage::exportPngDialog);
    connect(fleet, &console::Fleet::connectionAdded, this, &PerformancePage::fillAppliances);
    connect(fleet, &console::Fleet::connectionRemoved, this, &PerformancePage::fillAppliances);
    connect(fleet, &console::Fleet::applianceChanged, this, [this](ApplianceConnection *c) {
        if (c != connection())
            return;
        updateStatus();
        if (m_feed && m_feed->isRunning())
            m_feed->fetchNow();
    });
    // The shown appliance's VMs (the scopes) and its scans (the shading).
    console::FleetModel *vms = fleet->model();
    connect(vms, &QAbstractItemModel::rowsInserted, this, &PerformancePage::fillScopes);
    connect(vms, &QAbstractItemModel::rowsRemoved, this, &PerformancePage::fillScopes);
    connect(vms, &QAbstractItemModel::rowsMoved, this, &PerformancePage::fillScopes);
    connect(vms, &QAbstractItemModel::dataChanged, this, [this, vms](const QModelIndex &topLeft) {
        if (topLeft.parent() == vms->hostIndex(applianceId())
            && topLeft.column() == console::FleetModel::NameColumn)
            fillScopes();
    });
    QAbstractItemModel *jobs = fleet->scanJobs();
    connect(jobs, &QAbstractItemModel::rowsInserted, this, &PerformancePage::updateSpans);
    connect(jobs, &QAbstractItemModel::rowsRemoved, this, &PerformancePage::updateSpans);
    connect(jobs, &QAbstractItemModel::rowsMoved, this, &PerformancePage::updateSpans);
    connect(fleet, &console::Fleet::connectionStateChanged, this, [this](ApplianceConnection *c) {
        if (c == connection())
            updateStatus();
    });
    retranslate();
    fillAppliances();
}

PerformancePage::~PerformancePage() = default;

qint64 PerformancePage::spanMs(Span span)
{
    switch (span) {
    case Span::FiveMinutes:
        return 5 * kMinuteMs;
    case Span::Hour:
        return 60 * kMinuteMs;
    case Span::Day:
        break;
    }
    return 24 * 60 * kMinuteMs;
}

ApplianceConnection *PerformancePage::connection() const
{
    return m_fleet->connection(applianceId());
}

int PerformancePage::applianceId() const
{
    return m_applianceCombo->currentData().toInt();
}

QString PerformancePage::scope() const
{
    return m_scopeCombo->currentData().toString();
}

void PerformancePage::followSelection(FleetSelection *selection)
{
    m_selection = selection;
    connect(selection, &FleetSelection::changed, this, [this] {
        if (!m_selection || m_selection->currentHost() <= 0)
            return;
        selectAppliance(m_selection->currentHost());
        const QUuid vm = m_selection->currentVm();
        selectScope(vm.isNull() ? protocol::hostScope()
                                : protocol::vmScope(vm.toString(QUuid::WithoutBraces)));
    });
}

void PerformancePage::selectAppliance(int id)
{
    const int index = m_applianceCombo->findData(id);
    if (index >= 0)
        m_applianceCombo->setCurrentIndex(index);
}

bool PerformancePage::selectScope(const QString &scope)
{
    const int index = m_scopeCombo->findData(scope);
    if (index < 0)
        return false;
    m_scopeCombo->setCurrentIndex(index);
    return true;
}

void PerformancePage::fillAppliances()
{
    const int current = applianceId();
    m_filling = true;
    m_applianceCombo->clear();
    for (ApplianceConnection *c : m_fleet->connections())
        m_applianceCombo->addItem(c->displayName(), c->id());
    m_filling = false;
    const int index = m_applianceCombo->findData(current);
    m_applianceCombo->setCurrentIndex(index >= 0 ? index : 0);
    onApplianceChosen();
}

void PerformancePage::onApplianceChosen()
{
    if (m_filling)
        return;
    ApplianceConnection *c = connection();
    if (m_feed && c && m_feed->connection() == c)
        return;
    delete m_feed;
    m_feed = nullptr;
    if (c) {
        m_feed = new console::MetricsFeed(c, m_archive, this);
        connect(m_feed, &console::MetricsFeed::samplesReceived, this, &PerformancePage::onSamples);
        connect(
            m_feed, &console::MetricsFeed::baselineChanged, this, &PerformancePage::updateBaseline);
        connect(m_feed, &console::MetricsFeed::fetchFailed, m_status, &QLabel::setText);
    }
    fillScopes();
    onScopeChosen();
}

void PerformancePage::fillScopes()
{
    const QString current = scope();
    QList<QPair<QString, QString>> items;
    if (ApplianceConnection *c = connection()) {
        items.append({tr("Host"), protocol::hostScope()});
        items.append({tr("Appliance"), protocol::applianceScope()});
        for (const console::Vm &vm : m_fleet->model()->vms(c->id())) {
            const QString id = vm.id.toString(QUuid::WithoutBraces);
            items.append(
                {tr("VM %1").arg(vm.name.isEmpty() ? id : vm.name), protocol::vmScope(id)});
        }
    }
    bool same = items.size() == m_scopeCombo->count();
    for (int i = 0; same && i < items.size(); ++i) {
        same = m_scopeCombo->itemText(i) == items[i].first
            && m_scopeCombo->itemData(i).toString() == items[i].second;
    }
    if (same) // an open popup stays open
        return;
    m_filling = true;
    m_scopeCombo->clear();
    for (const auto &[text, key] : std::as_const(items))
        m_scopeCombo->addItem(text, key);
    const int index = m_scopeCombo->findData(current);
    m_scopeCombo->setCurrentIndex(std::max(index, 0));
    m_filling = false;
    onScopeChosen();
}

void PerformancePage::onScopeChosen()
{
    const QString shown = QString::number(applianceId()) + QLatin1Char('/') + scope();
    if (m_filling || shown == m_shown)
        return;
    m_shown = shown;
    if (m_feed) {
        m_feed->setScopes(scope().isEmpty() ? QStringList() : QStringList {scope()});
        if (isVisible())
            m_feed->start();
    }
    reload();
    updateBaseline();
    updateSpans();
    updateStatus();
}

void PerformancePage::setSpan(Span span)
{
    m_span = span;
    if (m_spanCombo->currentIndex() != int(span))
        m_spanCombo->setCurrentIndex(int(span));
    for (MetricChart *chart : m_charts)
        chart->setWindow(spanMs(span));
    reload();
    updateSpans();
}

void PerformancePage::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    for (MetricChart *chart : m_charts)
        chart->setPaused(paused);
}

void PerformancePage::reload()
{
    m_lastReload = QDateTime::currentMSecsSinceEpoch();
    QList<MetricPoint> points;
    const QString s = scope();
    if (m_archive && !s.isEmpty()) {
        qint64 end = m_archive->latestTime(applianceId(), s);
        if (end <= 0)
            end = m_lastReload;
        const qint64 from = end - spanMs(m_span);
        points =
            m_archive->samples(applianceId(), s, from, end, m_span == Span::Day ? kMinuteMs : 0);
    }
    m_lastT = points.isEmpty() ? 0 : points.constLast().t;
    for (int i = 0; i < 4; ++i) {
        QList<QPointF> xy;
        xy.reserve(points.size());
        for (const MetricPoint &p : std::as_const(points))
            xy.append(QPointF(double(p.t), p.value(protocol::Metric(i))));
        m_charts[i]->setSamples(xy);
    }
}

void PerformancePage::onSamples(const QString &s, const QList<MetricPoint> &points)
{
    if (!m_status->text().isEmpty()) // a failed fetch has recovered
        updateStatus();
    if (s != scope())
        return;
    if (m_span == Span::Day) {
        // Minute averages: read the archive again once a minute.
        if (QDateTime::currentMSecsSinceEpoch() - m_lastReload >= kMinuteMs)
            reload();
        return;
    }
    for (const MetricPoint &p : points) {
        if (p.t <= m_lastT)
            continue;
        m_lastT = p.t;
        for (int i = 0; i < 4; ++i)
            m_charts[i]->appendSample(p.t, p.value(protocol::Metric(i)));
    }
}

void PerformancePage::updateBaseline()
{
    const console::Baseline baseline = m_feed ? m_feed->baseline() : console::Baseline();
    for (int i = 0; i < 4; ++i)
        m_charts[i]->setBaseline(baseline.value(scope(), protocol::Metric(i)));
    // Says where the dashed line comes from: a lab captures one at start.
    const console::Baseline::Origin origin = baseline.origins.value(scope());
    const ApplianceConnection *c = connection();
    if (origin.source == QLatin1String("captured") && c && c->info().lab
        && c->info().started.isValid() && origin.captured.isValid()
        && qAbs(c->info().started.secsTo(origin.captured)) < 120)
        m_baselineNote->setText(tr("Baseline: lab baseline, captured at start (%1).")
                                    .arg(console::StatusText::time(origin.captured)));
    else if (origin.source == QLatin1String("captured"))
        m_baselineNote->setText(
            tr("Baseline: captured at %1.").arg(console::StatusText::time(origin.captured)));
    else if (origin.source == QLatin1String("automatic"))
        m_baselineNote->setText(tr("Baseline: the average of the last 10 minutes without scans."));
    else
        m_baselineNote->setText(
            tr("No baseline yet: the appliance needs a minute of samples without scans."));
}

void PerformancePage::updateStatus()
{
    ApplianceConnection *c = connection();
    if (!c)
        m_status->setText(tr("No appliance is connected. Add one with File › Add Appliance."));
    else if (!c->isOnline())
        m_status->setText(tr("%1 cannot be reached: showing the metrics history kept by the "
                             "console.")
                              .arg(c->displayName()));
    else
        m_status->clear();
}

void PerformancePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_feed)
        m_feed->start();
}

void PerformancePage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_feed)
        m_feed->stop();
}

void PerformancePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PerformancePage::retranslate()
{
    m_applianceLabel->setText(tr("&Appliance:"));
    m_scopeLabel->setText(tr("&Show:"));
    m_spanLabel->setText(tr("&Window:"));
    m_spanCombo->setItemText(0, tr("Last 5 minutes (live)"));
    m_spanCombo->setItemText(1, tr("Last hour"));
    m_spanCombo->setItemText(2, tr("Last 24 hours"));
    m_pause->setText(tr("&Pause"));
    m_pause->setToolTip(tr("Hold the charts still; samples keep arriving."));
    m_exportCsv->setText(tr("Export &CSV…"));
    m_exportPng->setText(tr("Export P&NG…"));
    fillScopes();
    updateStatus();
}

} // namespace mamori::ui
