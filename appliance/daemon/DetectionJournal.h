// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/scan/ScanTypes.h"

#include <QList>
#include <QString>

namespace mamori::appliance {

// Detections the database could not take, kept in a small file of the data
// folder whose space is taken when the appliance starts (DATA/detections.
// journal, 256 KiB, about 500 detections), so that writing one needs no new
// space when the folder is full. One JSON line per detection, fdatasync'ed;
// cleared (zeroed) once all are recorded. A torn last line (a crash while
// writing) ends the list.
class DetectionJournal
{
public:
    static constexpr qint64 kSize = 256 * 1024;

    explicit DetectionJournal(QString path) : m_path(std::move(path)) { }
    ~DetectionJournal();
    DetectionJournal(const DetectionJournal &) = delete;
    DetectionJournal &operator=(const DetectionJournal &) = delete;

    // Opens (creating and preallocating) the file; *kept gets what an
    // earlier run left in it.
    bool open(QList<Detection> *kept, QString *error);
    // False when the journal is full or the write fails: the detection is
    // then kept in memory only.
    bool append(const Detection &detection, QString *error);
    bool clear(QString *error);
    QString path() const { return m_path; }

    static QByteArray encode(const Detection &d);
    static std::optional<Detection> decode(const QByteArray &line);

private:
    QString m_path;
    int m_fd = -1;
    qint64 m_end = 0; // where the next line goes
};

} // namespace mamori::appliance
