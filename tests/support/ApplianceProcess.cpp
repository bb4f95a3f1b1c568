// SPDX-License-Identifier: GPL-2.0-or-later
#include "ApplianceProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace mamori::test {

ApplianceProcess::ApplianceProcess()
    : m_temp(std::make_unique<QTemporaryDir>()), m_dataDir(m_temp->filePath(QStringLiteral("data")))
{
}

ApplianceProcess::~ApplianceProcess()
{
    if (isRunning())
        kill();
}

QString ApplianceProcess::program()
{
    return qEnvironmentVariable("MAMORI_APPLIANCE");
}

QString ApplianceProcess::vmsDir() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("vms"));
}

int ApplianceProcess::run(const QStringList &args, const QByteArray &stdinData, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program(), args);
    if (!p.waitForStarted(10000))
        return -1;
    p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return -1;
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool ApplianceProcess::addUser(const QString &name, const QString &role, const QByteArray &password)
{
    return run({QStringLiteral("user"), QStringLiteral("add"), name, QStringLiteral("--role"), role,
                QStringLiteral("--data"), m_dataDir},
               password + '\n')
           == 0;
}

int ApplianceProcess::verifyAudit(QByteArray *output) const
{
    return run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data"),
                   m_dataDir},
        {}, output);
}

bool ApplianceProcess::execSql(const QString &sql, QVariant *firstValue) const
{
    const QString connection = QStringLiteral("test-sql");
    bool ok = false;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QDir(m_dataDir).filePath(QStringLiteral("appliance.sqlite")));
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (ok && firstValue)
                *firstValue = q.next() ? q.value(0) : QVariant();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

void ApplianceProcess::setConfig(const QByteArray &jsonMembers)
{
    m_configPath = m_temp->filePath(QStringLiteral("config.json"));
    QFile f(m_configPath);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write("{" + jsonMembers + "}");
}

bool ApplianceProcess::start(const QStringList &extraArgs)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("serve"), QStringLiteral("--data"), m_dataDir,
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_listenPort)};
    if (!m_configPath.isEmpty())
        args << QStringLiteral("--config") << m_configPath;
    m_process->start(program(), args + extraArgs);
    if (!m_process->waitForStarted(10000))
        return false;
    m_output.clear();
    static const QRegularExpression listening(QStringLiteral("listening: https://[^:]+:(\\d+)"));
    static const QRegularExpression fingerprint(QStringLiteral("fingerprint: ([0-9A-F:]{95})"));
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(deadline.remainingTime())))
            break;
        m_output += m_process->readAll();
        const QString text = QString::fromUtf8(m_output);
        const auto l = listening.match(text);
        const auto f = fingerprint.match(text);
        if (l.hasMatch() && f.hasMatch()) {
            m_port = quint16(l.captured(1).toUInt());
            m_fingerprint = f.captured(1);
            return true;
        }
    }
    m_output += m_process->readAll();
    qWarning("appliance did not start: %s", m_output.constData());
    return false;
}

bool ApplianceProcess::restart(const QStringList &extraArgs)
{
    m_listenPort = m_port;
    const bool started = start(extraArgs);
    m_listenPort = 0;
    return started;
}

bool ApplianceProcess::stop()
{
    if (!isRunning())
        return false;
    m_process->terminate();
    const bool finished = m_process->waitForFinished(30000);
    m_output += m_process->readAll();
    return finished && m_process->exitStatus() == QProcess::NormalExit
           && m_process->exitCode() == 0;
}

void ApplianceProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(30000);
}

int ApplianceProcess::waitForExit(int ms)
{
    if (!m_process || !m_process->waitForFinished(ms))
        return -1;
    m_output += m_process->readAll();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

bool ApplianceProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString ApplianceProcess::baseUrl() const
{
    return QStringLiteral("https://127.0.0.1:%1").arg(m_port);
}

QString ApplianceProcess::certificatePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("tls/cert.pem"));
}

} // namespace mamori::test
