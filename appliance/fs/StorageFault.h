// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/ErrorCode.h"

#include <QString>

namespace mamori::appliance {

// Why a write to the data folder failed, in the terms an admin acts on: a
// full file system, one mounted (or made) read-only, or storage that does
// not answer (an I/O error, a locked or unopenable file). None: the failure
// was not the storage's (a constraint, a bug).
enum class StorageFault { None, Full, ReadOnly, Unavailable };

// From SQLite's result code (QSqlError::nativeErrorCode(), an extended
// code too); a vague one (I/O error, cannot open) is made precise by
// looking at the data folder itself.
StorageFault storageFaultOfSqlite(int resultCode, const QString &dataDir);
// From an errno of a file write in the data folder.
StorageFault storageFaultFromErrno(int error);
// What the data folder's file system says about itself now.
StorageFault storageFaultOfFolder(const QString &dataDir);

protocol::ErrorCode errorCodeFor(StorageFault fault);
// "storage full", "storage read-only", "storage unavailable".
QString storageFaultName(StorageFault fault);
// Bytes free for the appliance in `dataDir`, -1 when unknown.
qint64 freeBytes(const QString &dataDir);
// For tests that may not mount a small file system (serve --test-faults):
// every classification answers `fault` while it is not None.
void simulateStorageFault(StorageFault fault);

// One sentence: what happened, where, and the free space.
QString describeStorageFault(StorageFault fault, const QString &dataDir, const QString &detail);

} // namespace mamori::appliance
