// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QHash>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>

// The lab's workloads: one child process per VM running `lab-workload`, each
// in a cgroup v2 group of its own when this process may create them, so that
// the appliance reads a VM's CPU, memory and I/O the way it would read a real
// VM's (from its cgroup) or, failing that, from its process.
namespace mamori::appliance {

struct LabVmSource
{
    QString cgroupDir; // e.g. /sys/fs/cgroup/mamori-lab-8443/desk-001; empty if none
    qint64 pid = 0; // the workload process; 0 while it is not running
};

class LabWorkloads : public QObject
{
    Q_OBJECT

public:
    explicit LabWorkloads(QObject *parent = nullptr);
    ~LabWorkloads() override;

    // Default: this program with "lab-workload" (mamori-appliance's command).
    void setProgram(const QString &program,
        const QStringList &leadingArguments = {QStringLiteral("lab-workload")});
    // The lab's group under this process's own cgroup, e.g. "mamori-lab-8443".
    // Default: "mamori-lab-" and a hash of the VM roots.
    void setGroupName(const QString &name);
    void setUseCgroups(bool use);
    // How long to wait before restarting a workload that ended by itself.
    void setRestartDelay(std::chrono::milliseconds delay);

    // Starts one workload per VM (name -> root); workload seeds derive from
    // `seed` and the VM's name. Fails only if a process cannot start; a
    // cgroup that cannot be made is reported by cgroupProblem().
    bool start(const QMap<QString, QString> &vmRoots, quint64 seed, QString *error = nullptr);
    // Ends the workloads (SIGTERM, then SIGKILL) and removes their cgroups.
    void stop();
    bool isRunning() const;

    QHash<QString, LabVmSource> sources() const;
    LabVmSource source(const QString &vmName) const;
    // The lab's cgroup (parent of the VMs' groups); empty when not used.
    QString cgroupParent() const { return m_parent; }
    // Why cgroups are not used, or not for every VM; empty if they are.
    QString cgroupProblem() const { return m_cgroupProblem; }

Q_SIGNALS:
    void workloadExited(const QString &vmName, int exitCode);

private:
    struct Vm;
    void setUpCgroups(const QMap<QString, QString> &vmRoots);
    bool startVm(Vm &vm, QString *error);
    void removeCgroups();

    QString m_program;
    QStringList m_leading;
    QString m_groupName;
    bool m_useCgroups = true;
    std::chrono::milliseconds m_restartDelay {5000};
    bool m_stopping = false;
    QString m_parent;
    QString m_cgroupProblem;
    QMap<QString, std::shared_ptr<Vm>> m_vms;
};

} // namespace mamori::appliance
