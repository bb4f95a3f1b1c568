// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/StorageFaultHook.h"

#include "appliance/fs/StorageFault.h"

#include <QFile>
#include <QSqlQuery>

namespace mamori::appliance {

StorageFaultHook::StorageFaultHook(QSqlDatabase db, QString flagFile, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_flagFile(std::move(flagFile))
{
    qWarning("test fault hook on: storage faults are read from %s", qPrintable(m_flagFile));
    connect(&m_timer, &QTimer::timeout, this, &StorageFaultHook::poll);
    m_timer.start(100);
    poll();
}

void StorageFaultHook::poll()
{
    QFile file(m_flagFile);
    const QByteArray wanted =
        file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
    if (wanted == m_current)
        return;
    m_current = wanted;
    const StorageFault fault = wanted == "full" ? StorageFault::Full
        : wanted == "read-only"                 ? StorageFault::ReadOnly
                                                : StorageFault::None;
    simulateStorageFault(fault);
    QSqlQuery(m_db).exec(fault == StorageFault::None ? QStringLiteral("PRAGMA query_only=0")
                                                     : QStringLiteral("PRAGMA query_only=1"));
    // The test waits for this instead of guessing when the poll ran.
    QFile applied(m_flagFile + QStringLiteral(".applied"));
    if (applied.open(QIODevice::WriteOnly | QIODevice::Truncate))
        applied.write(wanted.isEmpty() ? QByteArray("none") : wanted);
}

} // namespace mamori::appliance
