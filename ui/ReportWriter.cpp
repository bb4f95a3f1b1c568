// SPDX-License-Identifier: GPL-2.0-or-later
#include "ReportWriter.h"

#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/StatusText.h"
#include "protocol/ProtectionStatus.h"

#include <QFileInfo>
#include <QLocale>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

namespace mamori::ui {

namespace {
QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))
        && !s.contains(QLatin1Char('\n')) && !s.contains(QLatin1Char('\r')))
        return s;
    return QLatin1Char('"') + QString(s).replace(QLatin1String("\""), QLatin1String("\"\""))
        + QLatin1Char('"');
}

// The header row repeats on every page the table spans; cells of the
// `whole` columns (names such as a threat's) are never wrapped.
QString htmlTable(const QList<QStringList> &rows, const QList<int> &whole = {})
{
    QString html = QStringLiteral("<table border=1 cellspacing=0 cellpadding=3 width=100%>");
    for (int i = 0; i < rows.size(); ++i) {
        html += i == 0 ? QStringLiteral("<thead><tr>") : QStringLiteral("<tr>");
        for (int column = 0; column < rows[i].size(); ++column) {
            const QString cell = rows[i][column].toHtmlEscaped();
            if (i == 0)
                html += QStringLiteral("<th>%1</th>").arg(cell);
            else if (whole.contains(column))
                html += QStringLiteral("<td style=\"white-space: nowrap\">%1</td>").arg(cell);
            else
                html += QStringLiteral("<td>%1</td>").arg(cell);
        }
        html += i == 0 ? QStringLiteral("</tr></thead>") : QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

// A section that starts on a page of its own, so that its heading never
// sits alone at the foot of the page before.
QString sectionHeading(const QString &text)
{
    return QStringLiteral("<h2 style=\"page-break-before: always\">%1</h2>")
        .arg(text.toHtmlEscaped());
}
} // namespace

QList<QStringList> ReportWriter::protectionRows(const console::Fleet *fleet)
{
    using console::StatusText;
    QList<QStringList> rows {{tr("Host"), tr("VM"), tr("Protection status"), tr("Reason"),
        tr("Pattern file"), tr("Last scan"), tr("Open incidents")}};
    for (console::ApplianceConnection *c : fleet->connections()) {
        const QString pattern = c->info().patternVersion;
        for (const console::Vm &vm : fleet->model()->vms(c->id())) {
            const auto status = c->vmsKnown() ? vm.status : protocol::ProtectionStatus::Unknown;
            rows.append({c->displayName(), vm.name, StatusText::protection(status),
                StatusText::reason(vm.reason), pattern, StatusText::time(vm.lastScan),
                QString::number(vm.openIncidents)});
        }
    }
    return rows;
}

QList<QStringList> ReportWriter::incidentRows(
    const console::Fleet *fleet, const QDateTime &from, const QDateTime &to)
{
    using console::StatusText;
    QList<QStringList> rows {{tr("Incident"), tr("Severity"), tr("First seen"), tr("Host"),
        tr("VM"), tr("Threat"), tr("File"), tr("Action taken"), tr("State"), tr("Assignee")}};
    for (console::ApplianceConnection *c : fleet->connections()) {
        for (const console::Incident &i : fleet->incidents()->incidents(c->id())) {
            if ((from.isValid() && i.lastSeen.isValid() && i.lastSeen < from)
                || (to.isValid() && i.firstSeen.isValid() && i.firstSeen > to))
                continue;
            rows.append({StatusText::incidentRef(c->displayName(), i.id),
                StatusText::severity(i.severity), StatusText::time(i.firstSeen), c->displayName(),
                i.vmName, i.threat, i.path, StatusText::fileAction(i.action),
                StatusText::incidentState(i.state), i.assignee});
        }
    }
    return rows;
}

bool ReportWriter::writeCsv(const console::Fleet *fleet, const QDateTime &from, const QDateTime &to,
    const QString &path, QString *error, const Resources &resources)
{
    QString text = QChar(0xFEFF); // so that spreadsheet programs read UTF-8
    auto line = [&text](const QStringList &cells) {
        QStringList out;
        for (const QString &c : cells)
            out.append(csvField(c));
        text += out.join(QLatin1Char(',')) + QLatin1String("\r\n");
    };
    const QList<QStringList> protection = protectionRows(fleet);
    const QList<QStringList> incidents = incidentRows(fleet, from, to);
    line(QStringList {tr("Section")} + protection.first());
    for (int i = 1; i < protection.size(); ++i)
        line(QStringList {tr("Protection status")} + protection[i]);
    line(QStringList {tr("Section")} + incidents.first());
    for (int i = 1; i < incidents.size(); ++i)
        line(QStringList {tr("Incident")} + incidents[i]);
    const QList<QStringList> use = resourceRows(fleet, resources, from, to);
    line(QStringList {tr("Section")} + use.first());
    for (int i = 1; i < use.size(); ++i)
        line(QStringList {tr("Resource use")} + use[i]);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        *error = tr("The report could not be written to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ReportWriter::writePdf(const console::Fleet *fleet, const QDateTime &from, const QDateTime &to,
    const QString &path, QString *error, const Resources &resources)
{
    using console::StatusText;
    QString html = QStringLiteral("<h1>%1</h1><p>%2</p>")
                       .arg(tr("Mamori report").toHtmlEscaped(),
                           tr("Written %1")
                               .arg(StatusText::time(QDateTime::currentDateTime()))
                               .toHtmlEscaped());
    html += QStringLiteral("<h2>%1</h2>").arg(tr("Protection status of the fleet").toHtmlEscaped());
    html += htmlTable(protectionRows(fleet), {1});
    html += sectionHeading(
        tr("Incidents from %1 to %2").arg(StatusText::time(from), StatusText::time(to)));
    // The incident id, VM and threat: names that must read whole.
    html += htmlTable(incidentRows(fleet, from, to), {0, 4, 5});
    html += sectionHeading(tr("Resource use against the baseline"));
    html += QStringLiteral("<p><img src=\"mamori://resource-chart\" width=900></p>");
    html += htmlTable(resourceRows(fleet, resources, from, to));
    QPdfWriter pdf(path);
    pdf.setTitle(tr("Mamori report"));
    pdf.setCreator(QStringLiteral("mamori-console"));
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(QPageLayout::Landscape);
    QTextDocument doc;
    doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("mamori://resource-chart")),
        resourceChart(fleet, resources, from, to, QSize(1800, 600)));
    doc.setHtml(html);
    doc.print(&pdf);
    if (QFileInfo(path).size() == 0) {
        *error = tr("The report could not be written to %1.").arg(path);
        return false;
    }
    return true;
}

QList<QStringList> ReportWriter::parseCsv(const QString &input)
{
    QString text = input;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (quoted) {
            if (ch == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += ch;
                ++i;
            } else if (ch == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += ch;
            }
        } else if (ch == QLatin1Char('"')) {
            quoted = true;
        } else if (ch == QLatin1Char(',')) {
            row.append(std::exchange(field, QString()));
        } else if (ch == QLatin1Char('\n')) {
            row.append(std::exchange(field, QString()));
            rows.append(std::exchange(row, QStringList()));
        } else if (ch != QLatin1Char('\r')) {
            field += ch;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

} // namespace mamori::ui
