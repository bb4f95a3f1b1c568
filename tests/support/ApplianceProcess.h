// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QProcess>
#include <QStringList>
#include <QVariant>
#include <QTemporaryDir>
#include <memory>

namespace mamori::test {

// A real mamori-appliance process on loopback with a temporary data
// directory, for tests of the appliance and of the console against it.
class ApplianceProcess
{
public:
    ApplianceProcess();
    ~ApplianceProcess();

    QString dataDir() const { return m_dataDir; }
    // Uses this folder instead of a new temporary one (to restart on the same data).
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    QString vmsDir() const;
    // The temporary folder that holds data/ (and whatever a test puts beside it).
    QString workDir() const { return m_temp->path(); }

    // `mamori-appliance ARGS` to the end; returns the exit code.
    static int run(const QStringList &args, const QByteArray &stdinData = {},
                   QByteArray *output = nullptr);
    bool addUser(const QString &name, const QString &role, const QByteArray &password);
    // `mamori-appliance audit verify` on this data directory; its exit code.
    int verifyAudit(QByteArray *output = nullptr) const;
    // Runs `sql` on the stopped appliance's database, as an intruder with
    // file access would; *firstValue gets the first column of the first row.
    bool execSql(const QString &sql, QVariant *firstValue = nullptr) const;

    // Writes a config file with `json` (an object's members, without braces).
    void setConfig(const QByteArray &jsonMembers);
    // Starts `serve` on 127.0.0.1 and a free port; waits until it listens.
    bool start(const QStringList &extraArgs = {});
    // Starts it again on the port it had (after stop() or kill()), so that
    // the console finds it where it was.
    bool restart(const QStringList &extraArgs = {});
    bool stop();  // SIGTERM; true when it exited cleanly with 0
    void kill();  // SIGKILL
    bool isRunning() const;
    // Waits for the appliance to end by itself; its exit status, or -1 when
    // it still runs after `ms` or crashed.
    int waitForExit(int ms);
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

    quint16 port() const { return m_port; }
    QString baseUrl() const;
    QString fingerprint() const { return m_fingerprint; }
    QString certificatePath() const;
    QByteArray output() const { return m_output; }

    static QString program();

private:
    std::unique_ptr<QTemporaryDir> m_temp;
    QString m_dataDir;
    QString m_configPath;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    quint16 m_listenPort = 0; // 0: a free one
    QString m_fingerprint;
    QByteArray m_output;
};

} // namespace mamori::test
