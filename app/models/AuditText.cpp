// SPDX-License-Identifier: GPL-2.0-or-later
#include "AuditText.h"

#include "StatusText.h"
#include "app/records/ScanJob.h"
#include "protocol/ApiPaths.h"
#include "protocol/Role.h"

#include <QHash>
#include <QRegularExpression>
#include <QUrl>

namespace mamori::console {

namespace path = protocol::path;

namespace {

// What a request asked for, by method and endpoint: a refused request is
// audited as "METHOD /path".
struct Deed
{
    const char *method;
    const char *pattern;
    const char *words;
};

const Deed kDeeds[] = {
    {"POST", path::kScans, QT_TRANSLATE_NOOP("mamori::console::AuditText", "Start scans")},
    {"DELETE", path::kScan, QT_TRANSLATE_NOOP("mamori::console::AuditText", "Cancel a scan")},
    {"POST", path::kPatternUpdate,
        QT_TRANSLATE_NOOP("mamori::console::AuditText", "Update the pattern file")},
    {"POST", path::kPatternRollback,
        QT_TRANSLATE_NOOP("mamori::console::AuditText", "Roll back the pattern file")},
    {"PUT", path::kPolicy, QT_TRANSLATE_NOOP("mamori::console::AuditText", "Change the policy")},
    {"POST", path::kIncidentActions,
        QT_TRANSLATE_NOOP("mamori::console::AuditText", "Act on an incident")},
    {"GET", path::kIncidents, QT_TRANSLATE_NOOP("mamori::console::AuditText", "Read incidents")},
    {"GET", path::kIncident, QT_TRANSLATE_NOOP("mamori::console::AuditText", "Read an incident")},
    {"GET", path::kAudit, QT_TRANSLATE_NOOP("mamori::console::AuditText", "Read the audit log")},
    {"PUT", path::kBaseline,
        QT_TRANSLATE_NOOP("mamori::console::AuditText", "Capture the performance baseline")},
};

bool matches(const QString &requestPath, const char *pattern)
{
    static QHash<const char *, QRegularExpression> compiled;
    auto it = compiled.find(pattern);
    if (it == compiled.end()) {
        QString re = QRegularExpression::escape(QLatin1String(pattern));
        re.replace(QLatin1String("\\{id\\}"), QLatin1String("[^/]+"));
        it = compiled.insert(pattern, QRegularExpression(QLatin1Char('^') + re + QLatin1Char('$')));
    }
    return it->match(requestPath).hasMatch();
}

} // namespace

QString AuditText::action(const QString &action)
{
    static const QHash<QString, const char *> words {
        {QStringLiteral("session.login"), QT_TR_NOOP("Log in")},
        {QStringLiteral("session.logout"), QT_TR_NOOP("Log out")},
        {QStringLiteral("session.lockout"), QT_TR_NOOP("Account locked after failed logins")},
        {QStringLiteral("session.refused"), QT_TR_NOOP("Login refused")},
        {QStringLiteral("scan.start"), QT_TR_NOOP("Start scans")},
        {QStringLiteral("scan.cancel"), QT_TR_NOOP("Cancel a scan")},
        {QStringLiteral("scan.run_now"), QT_TR_NOOP("Run a held-back scan now")},
        {QStringLiteral("pattern.update"), QT_TR_NOOP("Update the pattern file")},
        {QStringLiteral("pattern.rollback"), QT_TR_NOOP("Roll back the pattern file")},
        {QStringLiteral("pattern.import"), QT_TR_NOOP("Import a pattern file")},
        {QStringLiteral("pattern.install"), QT_TR_NOOP("Install a pattern file")},
        {QStringLiteral("policy.update"), QT_TR_NOOP("Change the policy")},
        {QStringLiteral("policy.change"), QT_TR_NOOP("Change the policy")},
        {QStringLiteral("appliance.add"), QT_TR_NOOP("Add the appliance")},
        {QStringLiteral("appliance.remove"), QT_TR_NOOP("Remove the appliance")},
        {QStringLiteral("certificate.retrust"), QT_TR_NOOP("Trust the new certificate")},
        {QStringLiteral("baseline.capture"), QT_TR_NOOP("Capture the performance baseline")},
        {QStringLiteral("incident.quarantine"), QT_TR_NOOP("Quarantine the file")},
        {QStringLiteral("incident.delete"), QT_TR_NOOP("Delete the file")},
        {QStringLiteral("incident.restore"), QT_TR_NOOP("Restore the file")},
        {QStringLiteral("incident.allow"), QT_TR_NOOP("Allow the file")},
        {QStringLiteral("incident.isolate-vm"), QT_TR_NOOP("Isolate the VM from the network")},
        {QStringLiteral("incident.release-vm"), QT_TR_NOOP("Release the VM from isolation")},
        {QStringLiteral("incident.acknowledge"), QT_TR_NOOP("Acknowledge the incident")},
        {QStringLiteral("incident.assign"), QT_TR_NOOP("Assign the incident")},
        {QStringLiteral("incident.resolve"), QT_TR_NOOP("Resolve the incident")},
        {QStringLiteral("appliance.reload"), QT_TR_NOOP("Reload the configuration")},
        {QStringLiteral("database.restore"), QT_TR_NOOP("Restore the database")},
        {QStringLiteral("identity.renew"), QT_TR_NOOP("Renew the certificate")},
        {QStringLiteral("audit.trim"), QT_TR_NOOP("Trim the audit log")},
        {QStringLiteral("events.trim"), QT_TR_NOOP("Trim the event log")},
    };
    if (const char *w = words.value(action))
        return tr(w);
    // A refused request: "METHOD /path".
    const qsizetype space = action.indexOf(QLatin1Char(' '));
    if (space > 0) {
        const QString method = action.left(space);
        const QString requestPath = action.mid(space + 1);
        for (const Deed &d : kDeeds) {
            if (method == QLatin1String(d.method) && matches(requestPath, d.pattern))
                return tr(d.words);
        }
        return tr("Another request");
    }
    return action;
}

QString AuditText::target(const AuditRecord &record, const VmName &vmName)
{
    if (record.action == QLatin1String("scan.start")) {
        if (record.target == QLatin1String("all"))
            return tr("every VM");
        QStringList names;
        for (const QString &id : record.target.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QUuid uuid(id);
            const QString name = (!uuid.isNull() && vmName) ? vmName(uuid) : QString();
            names << (name.isEmpty() ? id : name);
        }
        return names.join(QStringLiteral(", "));
    }
    return record.target;
}

QString AuditText::requestTarget(const QString &target)
{
    if (!target.startsWith(QLatin1String("/api/")))
        return target;
    // "/api/v1/incidents/inc-000001/actions" → "inc-000001": the one
    // segment that names something; a path without one names nothing more
    // than the action does.
    for (const char *pattern : {path::kIncidentActions, path::kIncident, path::kScan, path::kVm}) {
        if (!matches(target, pattern))
            continue;
        const QStringList fixed = QString::fromLatin1(pattern).split(QLatin1Char('/'));
        const QStringList parts = target.split(QLatin1Char('/'));
        const qsizetype at = fixed.indexOf(QStringLiteral("{id}"));
        return QUrl::fromPercentEncoding(parts.value(at).toUtf8());
    }
    return QString();
}

QString AuditText::outcome(const QString &outcome)
{
    if (outcome == QLatin1String("success"))
        return tr("Succeeded");
    if (outcome == QLatin1String("failure"))
        return tr("Failed");
    if (outcome == QLatin1String("denied"))
        return tr("Refused: not allowed for the role");
    return outcome;
}

QString AuditText::role(const QString &roleName)
{
    if (roleName.isEmpty())
        return tr("the appliance itself");
    const auto r = protocol::roleFromName(roleName);
    return r ? StatusText::role(r) : roleName;
}

QString AuditText::detail(const AuditRecord &record)
{
    if (record.action == QLatin1String("scan.start")
        && record.outcome == QLatin1String("success")) {
        const qsizetype space = record.detail.indexOf(QLatin1Char(' '));
        const QString kind = space < 0 ? record.detail : record.detail.left(space);
        const QString paths = space < 0 ? QString() : record.detail.mid(space + 1).trimmed();
        ScanKind known = ScanKind::Unknown;
        for (ScanKind k : {ScanKind::Full, ScanKind::Quick, ScanKind::Custom})
            known = scanKindName(k) == kind ? k : known;
        const QString words = known == ScanKind::Unknown ? kind : StatusText::scanKind(known);
        return paths.isEmpty() ? words : tr("%1: %2").arg(words, paths);
    }
    return record.detail;
}

} // namespace mamori::console
