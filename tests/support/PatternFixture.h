// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace mamori::test {

// The EICAR test file: every engine detects it, nothing runs it.
QByteArray eicar();
// A body-signature marker that the .ndb signature of makeSignatures() finds.
QByteArray bodyMarker();

// Writes ClamAV signature files into `dir`: an .hdb hash line for EICAR and
// an .ndb body signature for bodyMarker() (and, with `extra`, a second one
// for "MAMORI-EXTRA-MARKER").
bool makeSignatures(const QString &dir, bool extra = false);

// With the mamori-appliance program: a signing key in `keyDir`, a bundle of
// the signatures in `sigDir` as `version`, trusted by and imported into the
// appliance data directory `dataDir`. Returns the bundle path, or empty.
QString buildBundle(
    const QString &keyDir, const QString &sigDir, qint64 version, const QString &outDir);
bool trustAndImport(const QString &keyDir, const QString &bundle, const QString &dataDir);

// The usual start of an appliance test, in `workDir`: pattern `version`
// (makeSignatures()) trusted and imported into `dataDir`, and `version + 1`
// (with the extra signature) waiting in a folder feed. Returns the
// `pattern_source` for the appliance's config ("dir:…"), or empty.
QString installPatternWithUpdate(const QString &workDir, const QString &dataDir, qint64 version);

} // namespace mamori::test
