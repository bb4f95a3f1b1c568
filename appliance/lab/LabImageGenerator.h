// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QMap>
#include <QString>

// The disks of a lab host: one generated "golden" master image of a Windows
// desktop and N VM roots cloned from it, as a VDI pool is. Everything is a
// function of the seed, so a lab can be rebuilt byte for byte.
namespace mamori::appliance {

struct LabImageOptions
{
    quint64 seed = 1;
    int fileCount = 3000; // files in the master, archives counted once
    qint64 totalBytes = 96ll << 20; // roughly; sizes are scaled to fit
};

class LabImageGenerator
{
public:
    explicit LabImageGenerator(const LabImageOptions &options = {});

    const LabImageOptions &options() const { return m_options; }

    // Writes the master into `masterDir`, which must not exist. It appears
    // there whole or not at all (built next to it, then renamed).
    bool generateMaster(const QString &masterDir, QString *error) const;

    // Copies `masterDir` to `vmRoot` (must not exist) as independent files
    // that share content with the master (reflinked when the file system can),
    // then applies the VM's own small differences: a hostname file, some user
    // documents changed or added, some files removed. vmIndex is 1-based.
    static bool cloneVm(
        const QString &masterDir, const QString &vmRoot, int vmIndex, quint64 seed, QString *error);

    // Makes labDir/master and labDir/vms/desk-001..desk-<vmCount>, keeping
    // what a previous run with the same options already made. Refuses a
    // labDir that was made with other options.
    bool buildLab(const QString &labDir, int vmCount, QString *error) const;

    // "desk-007" for 7.
    static QString vmName(int vmIndex);
    // The VM roots under labDir/vms by VM name.
    static QMap<QString, QString> vmRoots(const QString &labDir);
    // The desk user every VM of a lab made with `seed` has.
    static QString userName(quint64 seed);
    // The desk user's folder name found in a VM root ("user" if none).
    static QString userOf(const QString &vmRoot);

private:
    LabImageOptions m_options;
};

} // namespace mamori::appliance
