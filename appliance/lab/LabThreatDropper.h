// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>

// Harmless test files that the lab pattern detects, dropped into the lab's
// VMs over time so that the appliance has something to find.
namespace mamori::appliance {

class LabThreatDropper : public QObject
{
    Q_OBJECT

public:
    enum class Threat {
        Eicar, // the EICAR test file, byte for byte
        Marker, // a file carrying "MAMORI-LAB-TEST-THREAT-<n>"
        ZippedMarker, // the same inside a zip
        NewerMarker, // "MAMORI-LAB-NEWER-THREAT-<n>": only labPatternV2() finds it
    };

    // `vmsDir` holds one folder per VM (the lab's DIR/vms).
    LabThreatDropper(const QString &vmsDir, quint64 seed, QObject *parent = nullptr);

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;
    void start();
    void stop();
    bool isActive() const;

    // Drops the next file of the sequence now (the timer calls this).
    // Returns the host path, or empty with `error` set.
    QString dropNext(QString *vmName = nullptr, QString *error = nullptr);
    int dropCount() const { return m_count; }

    static QByteArray eicar();
    static QByteArray body(Threat threat, int n);

    // ClamAV signature lines: .hdb for EICAR, .ndb for the markers.
    // Version 2 adds Mamori.Lab.Marker2.
    static QStringList signatureLines(int patternVersion = 1);
    // Signature files by file name ("mamori-lab.hdb", "mamori-lab.ndb").
    static QMap<QString, QByteArray> labPatternV1();
    static QMap<QString, QByteArray> labPatternV2();

Q_SIGNALS:
    void dropped(const QString &vmName, const QString &hostPath);
    void dropFailed(const QString &error);

private:
    void onTimer();

    QString m_vmsDir;
    quint64 m_seed;
    int m_count = 0;
    QTimer m_timer;
};

} // namespace mamori::appliance
