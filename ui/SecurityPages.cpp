// SPDX-License-Identifier: GPL-2.0-or-later
#include "SecurityPages.h"

#include "AuditPage.h"
#include "FleetPage.h"
#include "IncidentsPage.h"
#include "MainWindow.h"
#include "PatternsPage.h"
#include "ScansPage.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>

namespace mamori::ui {

using console::ApplianceConnection;

void addSecurityPages(MainWindow *window, console::Fleet *fleet, FleetPage *fleetPage)
{
    window->addPage(new ScansPage(fleet, fleetPage), QStringLiteral("scansPage"));
    window->addPage(new PatternsPage(fleet), QStringLiteral("patternsPage"));
    window->addPage(new IncidentsPage(fleet), QStringLiteral("incidentsPage"));
    window->addPage(new AuditPage(fleet), QStringLiteral("auditPage"));
}

ConfirmFunction defaultConfirm(QWidget *parent)
{
    QPointer<QWidget> owner(parent);
    return [owner](const QString &question) {
        QMessageBox box(QMessageBox::Warning, QCoreApplication::applicationName(), question,
            QMessageBox::Yes | QMessageBox::No, owner);
        box.setDefaultButton(QMessageBox::No);
        box.setEscapeButton(QMessageBox::No);
        return box.exec() == QMessageBox::Yes;
    };
}

QString SecurityText::roleName(const QString &role)
{
    if (role == QLatin1String("security-admin"))
        return tr("security administrator");
    if (role == QLatin1String("virtualization-admin"))
        return tr("virtualization administrator");
    if (role == QLatin1String("auditor"))
        return tr("auditor");
    return role.isEmpty() ? tr("not signed in") : role;
}

QString SecurityText::roleRefusal(
    const console::ApplianceConnection *connection, const QString &deed)
{
    if (!connection)
        return tr("No appliance is selected.");
    return tr("Your role on this appliance (%1) may not %2.")
        .arg(roleName(connection->role()), deed);
}

QString SecurityText::severityText(const QString &severity)
{
    if (severity == QLatin1String("high"))
        return tr("High");
    if (severity == QLatin1String("medium"))
        return tr("Medium");
    if (severity == QLatin1String("low"))
        return tr("Low");
    if (severity == QLatin1String("critical"))
        return tr("Critical");
    return severity;
}

QString SecurityText::incidentStateText(const QString &state)
{
    if (state == QLatin1String("new"))
        return tr("New");
    if (state == QLatin1String("acknowledged"))
        return tr("Acknowledged");
    if (state == QLatin1String("resolved"))
        return tr("Resolved");
    return state;
}

QString SecurityText::fileActionText(const QString &action)
{
    if (action == QLatin1String("none"))
        return tr("None");
    if (action == QLatin1String("quarantined"))
        return tr("Quarantined");
    if (action == QLatin1String("deleted"))
        return tr("Deleted");
    if (action == QLatin1String("restored"))
        return tr("Restored");
    if (action == QLatin1String("allowed"))
        return tr("Allowed");
    return action;
}

QString SecurityText::jobStateText(const QString &state)
{
    if (state == QLatin1String("queued"))
        return tr("Waiting");
    if (state == QLatin1String("running"))
        return tr("Running");
    if (state == QLatin1String("paused"))
        return tr("Paused");
    if (state == QLatin1String("finished"))
        return tr("Finished");
    if (state == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (state == QLatin1String("failed"))
        return tr("Failed");
    return state;
}

QString SecurityText::scanKindText(const QString &kind)
{
    if (kind == QLatin1String("full"))
        return tr("Full scan");
    if (kind == QLatin1String("quick"))
        return tr("Quick scan");
    if (kind == QLatin1String("custom"))
        return tr("Custom scan");
    return kind;
}

QString SecurityText::realtimeModeText(const QString &mode)
{
    if (mode == QLatin1String("on"))
        return tr("On", "real-time scanning");
    if (mode == QLatin1String("off"))
        return tr("Off", "real-time scanning");
    if (mode == QLatin1String("block"))
        return tr("On, blocking infected files", "real-time scanning");
    // An image VM: nothing can watch inside a disk image without an agent.
    if (mode == QLatin1String("unavailable"))
        return tr("Not available for image VMs", "real-time scanning");
    return mode;
}

QString SecurityText::detectionSourceText(const QString &source)
{
    if (source == QLatin1String("realtime"))
        return tr("Real-time scanning");
    // Otherwise the id of the scan job that found it.
    return tr("Scan %1").arg(source);
}

QString SecurityText::timeText(const QString &iso)
{
    if (iso.isEmpty())
        return QString();
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        return iso;
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

QString SecurityText::bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

namespace {
int severityRank(const QString &s)
{
    static const QStringList order {QStringLiteral("low"), QStringLiteral("medium"),
        QStringLiteral("high"), QStringLiteral("critical")};
    return int(order.indexOf(s));
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

IncidentModel::IncidentModel(console::Fleet *fleet, QObject *parent)
    : QAbstractTableModel(parent), m_fleet(fleet)
{ }

int IncidentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColCount;
}

void IncidentModel::reload()
{
    beginResetModel();
    m_rows.clear();
    for (ApplianceConnection *c : m_fleet->connections()) {
        for (const QJsonValue &v : c->incidents())
            m_rows.append({c->id(), c->displayName(), v.toObject()});
    }
    endResetModel();
}

QModelIndex IncidentModel::find(int hostId, const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].hostId == hostId && str(m_rows[i].record, "id") == id)
            return index(i, 0);
    }
    return {};
}

QVariant IncidentModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    const QJsonObject &o = r.record;
    switch (role) {
    case IdRole:
        return str(o, "id");
    case HostIdRole:
        return r.hostId;
    case StateRole:
        return str(o, "state");
    case SeverityRole:
        return str(o, "severity");
    case RecordRole:
        return o;
    case SortRole:
        if (index.column() == Severity)
            return severityRank(str(o, "severity"));
        if (index.column() == Time)
            return str(o, "last_seen");
        return data(index, Qt::DisplayRole);
    case Qt::FontRole:
        if (str(o, "state") == QLatin1String("new")) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == File)
            return str(o, "path");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Severity:
        return SecurityText::severityText(str(o, "severity"));
    case Time:
        return SecurityText::timeText(str(o, "last_seen"));
    case Host:
        return r.host;
    case Vm:
        return str(o, "vm_name");
    case Threat:
        return str(o, "threat");
    case File:
        return str(o, "path");
    case ActionTaken:
        return SecurityText::fileActionText(str(o, "action"));
    case State:
        return SecurityText::incidentStateText(str(o, "state"));
    case Assignee:
        return str(o, "assignee");
    }
    return {};
}

QVariant IncidentModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Time:
        return tr("Time");
    case Host:
        return tr("Host");
    case Vm:
        return tr("VM");
    case Threat:
        return tr("Threat");
    case File:
        return tr("File");
    case ActionTaken:
        return tr("Action taken");
    case State:
        return tr("State");
    case Assignee:
        return tr("Assignee");
    }
    return {};
}

void IncidentFilterModel::setStateFilter(const QString &state)
{
    m_state = state;
    invalidateFilter();
}

void IncidentFilterModel::setSeverityFilter(const QString &severity)
{
    m_severity = severity;
    invalidateFilter();
}

void IncidentFilterModel::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

bool IncidentFilterModel::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QModelIndex first = sourceModel()->index(row, 0, parent);
    const QString state = first.data(IncidentModel::StateRole).toString();
    if (m_state == QLatin1String("open") ? state == QLatin1String("resolved")
                                         : !m_state.isEmpty() && state != m_state)
        return false;
    if (!m_severity.isEmpty() && first.data(IncidentModel::SeverityRole).toString() != m_severity)
        return false;
    if (m_search.isEmpty())
        return true;
    for (int col = 0; col < IncidentModel::ColCount; ++col) {
        if (sourceModel()
                ->index(row, col, parent)
                .data()
                .toString()
                .contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace mamori::ui
