// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/SecurityPages.h"

#include "app/fleet/ApplianceConnection.h"
#include "ui/AuditPage.h"
#include "ui/FleetPage.h"
#include "ui/IncidentsPage.h"
#include "ui/MainWindow.h"
#include "ui/PatternsPage.h"
#include "ui/ScansPage.h"

#include <QDateTime>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>

namespace mamori::ui {

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

} // namespace mamori::ui
