// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "widgets/MetricChart.h"

#include <QImage>
#include <QPointer>
#include <QWidget>

#include <array>

class QComboBox;
class QIODevice;
class QLabel;
class QPushButton;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
class MetricsArchive;
class MetricsFeed;
struct MetricPoint;
} // namespace mamori::console

namespace mamori::ui {

class FleetSelection;

// CPU, memory, disk read and disk write of one host, the appliance itself or
// one VM, against the baseline, with the scans shaded: live (5 min, a sample
// a second) or from the console's archive (1 h; 24 h as minute averages).
class PerformancePage : public QWidget
{
    Q_OBJECT

public:
    enum class Span { FiveMinutes, Hour, Day };
    Q_ENUM(Span)
    using Metric = widgets::MetricChart::Metric;

    PerformancePage(
        console::Fleet *fleet, console::MetricsArchive *archive, QWidget *parent = nullptr);
    ~PerformancePage() override;

    // Shows what is selected on the fleet page (host or VM).
    void followSelection(FleetSelection *selection);

    void selectAppliance(int applianceId);
    int applianceId() const;
    // "host", "appliance" or "vm:<id>"; false when the combo has no such scope.
    bool selectScope(const QString &scope);
    QString scope() const;
    void setSpan(Span span);
    Span span() const { return m_span; }
    static qint64 spanMs(Span span);
    void setPaused(bool paused);

    widgets::MetricChart *chart(Metric metric) const { return m_charts[int(metric)]; }
    console::MetricsFeed *feed() const { return m_feed; }
    QComboBox *applianceCombo() const { return m_applianceCombo; }
    QComboBox *scopeCombo() const { return m_scopeCombo; }
    QComboBox *spanCombo() const { return m_spanCombo; }

    // All four metrics of the shown window, one row per time:
    // time,cpu_percent,cpu_baseline,memory_bytes,memory_baseline,
    // read_bytes_per_s,read_baseline,write_bytes_per_s,write_baseline
    bool exportCsv(QIODevice *device) const;
    bool exportCsvTo(const QString &path) const;
    QImage grabCharts() const;
    bool exportPngTo(const QString &path) const;
    // Reads the window again from the archive.
    void reload();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslate();
    void fillAppliances();
    void fillScopes();
    void onApplianceChosen();
    void onScopeChosen();
    void onSamples(const QString &scope, const QList<console::MetricPoint> &points);
    void updateBaseline();
    void updateSpans();
    void updateStatus();
    void exportCsvDialog();
    void exportPngDialog();
    console::ApplianceConnection *connection() const;

    console::Fleet *m_fleet;
    console::MetricsArchive *m_archive;
    QPointer<FleetSelection> m_selection;
    console::MetricsFeed *m_feed = nullptr;
    Span m_span = Span::FiveMinutes;
    qint64 m_lastT = 0;
    qint64 m_lastReload = 0;
    bool m_filling = false;
    QString m_shown; // "applianceId/scope" the charts show

    QLabel *m_applianceLabel;
    QComboBox *m_applianceCombo;
    QLabel *m_scopeLabel;
    QComboBox *m_scopeCombo;
    QLabel *m_spanLabel;
    QComboBox *m_spanCombo;
    QPushButton *m_pause;
    QPushButton *m_exportCsv;
    QPushButton *m_exportPng;
    QLabel *m_status;
    QLabel *m_baselineNote; // where the dashed baseline comes from
    QWidget *m_chartArea;
    std::array<widgets::MetricChart *, 4> m_charts {};
};

} // namespace mamori::ui
