// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/lab/LabRandom.h"

#include <QByteArray>
#include <QString>

// File contents that look like what a Windows desktop holds, so that a
// scanner sees the file types it meets in the field. Internal to the lab.
namespace mamori::appliance::labcontent {

enum class Kind {
    PeBinary, // .exe .dll .sys: "MZ", a DOS stub, "PE\0\0", then noise
    Text, // .txt .ini .inf: sentences, CRLF
    Log, // timestamped lines
    Csv,
    Xml,
    Json,
    Docx, // a real OOXML zip
    Pdf,
    Jpeg,
    Png,
    Blob, // caches, .dat, .pak: noise
};

QByteArray make(Kind kind, LabRandom &rng, qint64 size);

// "budget", "quarterly", ...: building blocks for names and text.
QString word(LabRandom &rng);
QString sentence(LabRandom &rng);
// A size in [lo, hi] as file systems have them: mostly near `lo`, with a
// long tail of large ones.
qint64 fileSize(LabRandom &rng, qint64 lo, qint64 hi);

} // namespace mamori::appliance::labcontent
