// SPDX-License-Identifier: GPL-2.0-or-later
#include "EventText.h"

#include "app/fleet/ApplianceConnection.h"

#include <QHash>
#include <QJsonArray>

namespace mamori::ui {
namespace {

QString vmName(const console::ApplianceConnection *c, const QString &id)
{
    if (c) {
        for (const QJsonValue &vm : c->vms()) {
            if (vm[QStringLiteral("id")].toString() == id)
                return vm[QStringLiteral("name")].toString();
        }
    }
    return id;
}

} // namespace

QString EventText::typeName(const QString &type)
{
    static const QHash<QString, const char *> names {
        {QStringLiteral("appliance.started"), QT_TR_NOOP("Appliance started")},
        {QStringLiteral("appliance.trouble"), QT_TR_NOOP("Appliance trouble")},
        {QStringLiteral("vm.added"), QT_TR_NOOP("VM added")},
        {QStringLiteral("vm.removed"), QT_TR_NOOP("VM removed")},
        {QStringLiteral("vm.power"), QT_TR_NOOP("VM power changed")},
        {QStringLiteral("vm.changed"), QT_TR_NOOP("VM changed")},
        {QStringLiteral("vm.isolation"), QT_TR_NOOP("VM isolation")},
        {QStringLiteral("scan.queued"), QT_TR_NOOP("Scan queued")},
        {QStringLiteral("scan.started"), QT_TR_NOOP("Scan started")},
        {QStringLiteral("scan.progress"), QT_TR_NOOP("Scan progress")},
        {QStringLiteral("scan.paused"), QT_TR_NOOP("Scan paused")},
        {QStringLiteral("scan.resumed"), QT_TR_NOOP("Scan resumed")},
        {QStringLiteral("scan.finished"), QT_TR_NOOP("Scan finished")},
        {QStringLiteral("scan.cancelled"), QT_TR_NOOP("Scan cancelled")},
        {QStringLiteral("scan.failed"), QT_TR_NOOP("Scan failed")},
        {QStringLiteral("scan.incomplete"), QT_TR_NOOP("File not fully scanned")},
        {QStringLiteral("scan.governor"), QT_TR_NOOP("Scan load governor")},
        {QStringLiteral("incident.opened"), QT_TR_NOOP("New incident")},
        {QStringLiteral("incident.changed"), QT_TR_NOOP("Incident updated")},
        {QStringLiteral("pattern.changed"), QT_TR_NOOP("Pattern file changed")},
        {QStringLiteral("pattern.refused"), QT_TR_NOOP("Pattern file refused")},
        {QStringLiteral("pattern.stale"), QT_TR_NOOP("Pattern file update waiting")},
        {QStringLiteral("policy.changed"), QT_TR_NOOP("Policy changed")}};
    const char *name = names.value(type);
    return name ? tr(name) : type;
}

QString EventText::describe(const QJsonObject &event, const console::ApplianceConnection *c)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    const QJsonObject d = event.value(QStringLiteral("data")).toObject();
    const auto str = [&d](const char *key) { return d.value(QLatin1String(key)).toString(); };
    if (type == QLatin1String("appliance.trouble")) {
        const QString what = str("what");
        const QString area = what == QLatin1String("inventory") ? tr("VM inventory")
            : what == QLatin1String("realtime")
            ? tr("Real-time scanning of %1").arg(vmName(c, str("vm")))
            : what;
        return tr("%1 has a problem. The appliance reports: %2").arg(area, str("message"));
    }
    if (type == QLatin1String("pattern.refused"))
        return tr("Pattern file %1 was refused and not installed. The appliance reports: %2")
            .arg(str("version"), str("reason"));
    if (type == QLatin1String("pattern.stale")) {
        const qint64 hours = d.value(QStringLiteral("available_seconds")).toInteger() / 3600;
        return tr("Pattern file %1 has been available for %n hour(s) and is not installed yet.",
            nullptr, int(hours))
            .arg(str("newest"));
    }
    if (type == QLatin1String("scan.incomplete")) {
        const QString reason = str("reason");
        const QString why = reason.startsWith(QLatin1String("limits exceeded"))
            ? tr("a size or depth limit was reached")
            : reason == QLatin1String("encrypted archive") ? tr("the archive is encrypted")
                                                           : reason;
        return tr("%1 in %2 could not be fully scanned: %3.")
            .arg(str("path"), vmName(c, str("vm")), why);
    }
    if (type == QLatin1String("vm.isolation")) {
        return d.value(QStringLiteral("isolated")).toBool()
            ? tr("%1 was isolated from the network.").arg(vmName(c, str("vm")))
            : tr("%1 was released from isolation.").arg(vmName(c, str("vm")));
    }
    if (type == QLatin1String("incident.opened")) {
        return tr("%1 found in %2: %3")
            .arg(str("threat"), str("vm_name").isEmpty() ? vmName(c, str("vm")) : str("vm_name"),
                str("path"));
    }
    return typeName(type);
}

} // namespace mamori::ui
