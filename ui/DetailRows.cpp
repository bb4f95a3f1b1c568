// SPDX-License-Identifier: GPL-2.0-or-later
#include "DetailRows.h"

#include "app/records/Vm.h"

namespace mamori::ui {

QString DetailRows::row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><th align=left valign=top>%1</th><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

QString DetailRows::storage(const console::Vm &vm)
{
    QString html;
    if (!vm.root.isEmpty())
        html += row(tr("Files on the host"), vm.root);
    for (const console::VmDisk &d : vm.disks)
        html += row(tr("Disk %1").arg(d.target), tr("%1 (%2)").arg(d.source, d.format));
    if (!vm.goldenImage.isEmpty())
        html += row(tr("Golden image"), vm.goldenImage);
    return html;
}

} // namespace mamori::ui
