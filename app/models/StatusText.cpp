// SPDX-License-Identifier: GPL-2.0-or-later
#include "StatusText.h"

#include <QHash>
#include <QLocale>
#include <QTextDocument>

namespace mamori::console {

using protocol::ProtectionStatus;
using protocol::Role;

QString StatusText::protection(ProtectionStatus status)
{
    switch (status) {
    case ProtectionStatus::Protected:
        return tr("Protected");
    case ProtectionStatus::Scanning:
        return tr("Scanning");
    case ProtectionStatus::Unknown:
        return tr("Unknown (unreachable)");
    case ProtectionStatus::AtRisk:
        return tr("At risk");
    case ProtectionStatus::Unprotected:
        return tr("Unprotected");
    case ProtectionStatus::Infected:
        return tr("Infected");
    }
    return {};
}

QString StatusText::power(Power power)
{
    switch (power) {
    case Power::Running:
        return tr("Running", "power state");
    case Power::Paused:
        return tr("Paused");
    case Power::ShutOff:
        return tr("Shut off");
    case Power::Unknown:
        break;
    }
    return tr("Unknown", "power state");
}

QString StatusText::reason(const QString &reason)
{
    static const QHash<QString, const char *> texts = {
        {QStringLiteral("no_pattern"), QT_TR_NOOP("No pattern file is installed.")},
        {QStringLiteral("realtime_off"), QT_TR_NOOP("Real-time scanning is off.")},
        {QStringLiteral("root_unreadable"), QT_TR_NOOP("The VM's files cannot be read.")},
        {QStringLiteral("scan_overdue"), QT_TR_NOOP("A full scan is overdue.")},
        {QStringLiteral("pattern_outdated"), QT_TR_NOOP("The pattern file is out of date.")},
        {QStringLiteral("open_incident"), QT_TR_NOOP("An incident is open.")},
        {QStringLiteral("never_scanned"), QT_TR_NOOP("The VM has never had a full scan.")},
        {QStringLiteral("scanning"), QT_TR_NOOP("A scan is running.")},
        {QStringLiteral("scanned_with_older_pattern"),
            QT_TR_NOOP("The last full scan used an older pattern file.")},
        {QStringLiteral("disks_unreadable"), QT_TR_NOOP("The VM's disks cannot be read.")},
        {QStringLiteral("filesystem_not_scannable"),
            QT_TR_NOOP("A file system on the VM's disks cannot be scanned.")},
        {QStringLiteral("ok"), ""},
    };
    const auto it = texts.constFind(reason);
    if (it == texts.constEnd())
        return reason;
    return **it ? tr(*it) : QString();
}

QString StatusText::severity(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return tr("Low");
    case Severity::Medium:
        return tr("Medium");
    case Severity::High:
        return tr("High");
    case Severity::Critical:
        return tr("Critical");
    case Severity::Unknown:
        break;
    }
    return tr("Unknown", "severity");
}

QString StatusText::incidentState(IncidentState state)
{
    switch (state) {
    case IncidentState::New:
        return tr("New");
    case IncidentState::Acknowledged:
        return tr("Acknowledged");
    case IncidentState::Resolved:
        return tr("Resolved");
    case IncidentState::Unknown:
        break;
    }
    return tr("Unknown", "incident state");
}

QString StatusText::fileAction(FileAction action)
{
    switch (action) {
    case FileAction::None:
        return tr("None");
    case FileAction::Quarantined:
        return tr("Quarantined");
    case FileAction::Deleted:
        return tr("Deleted");
    case FileAction::Restored:
        return tr("Restored");
    case FileAction::Allowed:
        return tr("Allowed");
    case FileAction::Unknown:
        break;
    }
    return tr("Unknown", "file action");
}

QString StatusText::jobState(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return tr("Waiting");
    case JobState::Running:
        return tr("Running");
    case JobState::Paused:
        return tr("Paused");
    case JobState::Finished:
        return tr("Finished");
    case JobState::Cancelled:
        return tr("Cancelled");
    case JobState::Failed:
        return tr("Failed");
    case JobState::Unknown:
        break;
    }
    return tr("Unknown", "scan state");
}

QString StatusText::scanKind(ScanKind kind)
{
    switch (kind) {
    case ScanKind::Full:
        return tr("Full scan");
    case ScanKind::Quick:
        return tr("Quick scan");
    case ScanKind::Custom:
        return tr("Custom scan");
    case ScanKind::Unknown:
        break;
    }
    return tr("Unknown", "scan kind");
}

QString StatusText::vmKind(VmKind kind)
{
    switch (kind) {
    case VmKind::Image:
        return tr("Image VM (disks read from outside)");
    case VmKind::Directory:
        return tr("Directory VM (files on the host)");
    case VmKind::Unknown:
        break;
    }
    return tr("Unknown", "VM kind");
}

QString StatusText::realtimeMode(RealtimeMode mode)
{
    switch (mode) {
    case RealtimeMode::On:
        return tr("On", "real-time scanning");
    case RealtimeMode::Off:
        return tr("Off", "real-time scanning");
    case RealtimeMode::Block:
        return tr("On, blocking infected files", "real-time scanning");
    // An image VM: nothing can watch inside a disk image without an agent.
    case RealtimeMode::Unavailable:
        return tr("Not available for image VMs", "real-time scanning");
    case RealtimeMode::Unknown:
        break;
    }
    return tr("Unknown", "real-time scanning");
}

QString StatusText::detectionSource(const QString &source)
{
    if (source == QLatin1String("realtime"))
        return tr("Real-time scanning");
    return tr("Scan %1").arg(source);
}

QString StatusText::role(std::optional<Role> role)
{
    if (!role)
        return tr("not signed in");
    switch (*role) {
    case Role::SecurityAdmin:
        return tr("security administrator");
    case Role::VirtualizationAdmin:
        return tr("virtualization administrator");
    case Role::Auditor:
        return tr("auditor");
    }
    return {};
}

QString StatusText::roleRefusal(std::optional<Role> role, const QString &deed)
{
    return tr("Your role on this appliance (%1) may not %2.").arg(StatusText::role(role), deed);
}

namespace {
bool japaneseForm()
{
    return QLocale().language() == QLocale::Japanese;
}
} // namespace

QString StatusText::time(const QDateTime &time, bool seconds)
{
    if (!time.isValid())
        return {};
    // Fixed patterns, not QLocale's short format: that one reads
    // "12/5/26 5:47 AM" in English (month or day first?) and drops the
    // century.
    const QDateTime local = time.toLocalTime();
    QString text = date(local.date()) + u' ' + timeOfDay(local.time());
    if (seconds)
        text += local.time().toString(QStringLiteral(":ss"));
    return text;
}

QString StatusText::date(const QDate &date)
{
    return date.toString(dateFormat());
}

QString StatusText::timeOfDay(const QTime &time)
{
    return time.toString(japaneseForm() ? QStringLiteral("H:mm") : QStringLiteral("HH:mm"));
}

QString StatusText::dateFormat()
{
    return japaneseForm() ? QStringLiteral("yyyy/MM/dd") : QStringLiteral("yyyy-MM-dd");
}

QString StatusText::age(const QDateTime &time)
{
    const qint64 secs = time.secsTo(QDateTime::currentDateTimeUtc());
    if (secs < 60)
        return tr("just now");
    if (secs < 3600)
        return tr("%n minute(s) ago", nullptr, int(secs / 60));
    if (secs < 86400)
        return tr("%n hour(s) ago", nullptr, int(secs / 3600));
    return tr("%n day(s) ago", nullptr, int(secs / 86400));
}

QString StatusText::asOf(const QDateTime &time)
{
    if (!time.isValid())
        return tr("never read");
    return tr("as of %1 (%2)").arg(StatusText::time(time), age(time));
}

QString StatusText::incidentRef(const QString &hostName, const QString &incidentId)
{
    return hostName.isEmpty() ? incidentId : hostName + QLatin1Char('/') + incidentId;
}

QString StatusText::toolTip(const QString &plain)
{
    return plain.isEmpty() ? QString() : Qt::convertFromPlainText(plain, Qt::WhiteSpaceNormal);
}

QString StatusText::notificationBody(const QString &plain)
{
    return plain.toHtmlEscaped();
}

QString StatusText::bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace mamori::console
