// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QTimer>

namespace mamori::appliance {

// A test's stand-in for a full or read-only data folder where it may not
// mount a small file system: honoured only by `serve --test-faults`. The
// file named by MAMORI_TEST_STORAGE_FAULT holds "full" or "read-only" (or
// is absent: no fault); while it names one, the database refuses every
// write (PRAGMA query_only) and storage errors are classified as that
// fault. Files the appliance writes (journal, vault, patterns) are not
// affected. FILE.applied says what is in force ("none" for no fault).
class StorageFaultHook : public QObject
{
public:
    static constexpr const char *kVariable = "MAMORI_TEST_STORAGE_FAULT";

    StorageFaultHook(QSqlDatabase db, QString flagFile, QObject *parent = nullptr);

private:
    void poll();

    QSqlDatabase m_db;
    QString m_flagFile;
    QByteArray m_current;
    QTimer m_timer;
};

} // namespace mamori::appliance
