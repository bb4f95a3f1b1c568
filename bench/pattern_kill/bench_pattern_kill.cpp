// SPDX-License-Identifier: GPL-2.0-or-later
// Kill -9 at random moments of a pattern update (docs/reliability.md,
// "Changes and their records"; results in docs/benchmarks.md). A real
// appliance with a folder feed is asked for a newer pattern (SIGHUP), killed
// after a random delay, and started again; after each start:
//   the active version  <=>  its "pattern.update" audit record  <=>  its
//   pattern.changed event
// i.e. the versions the audit log says were made active are exactly those
// the event log announced, the active one is the newest of them, and no
// change is left half done. Also a CTest test (tst_pattern_kill_loop, 12
// kills); bench/run pattern-kill runs 120.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <cstdio>

#ifndef MAMORI_APPLIANCE_PATH
#define MAMORI_APPLIANCE_PATH ""
#endif

namespace {

QString g_program;

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

bool cli(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(g_program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "mamori-appliance %s failed: %s\n", qPrintable(args.join(u' ')),
            p.readAll().constData());
        return false;
    }
    return true;
}

// The feed and the data folder of one run.
class Run
{
public:
    explicit Run(QString work) : m_work(std::move(work)) { }
    QString data() const { return m_work + QStringLiteral("/data"); }
    QString feed() const { return m_work + QStringLiteral("/feed"); }

    bool setUp()
    {
        if (!QDir().mkpath(feed())
            || !cli({QStringLiteral("pattern"), QStringLiteral("keygen"), QStringLiteral("--out"),
                m_work + QStringLiteral("/keys")})
            || !cli({QStringLiteral("pattern"), QStringLiteral("trust"),
                m_work + QStringLiteral("/keys/pattern.pub"), QStringLiteral("--data"), data()}))
            return false;
        const QString first = bundle(1);
        return !first.isEmpty()
            && cli({QStringLiteral("pattern"), QStringLiteral("import"), first,
                QStringLiteral("--data"), data()})
            && writeFile(m_work + QStringLiteral("/config.json"),
                QStringLiteral(R"({"pattern_source": "dir:%1", "listen": "127.0.0.1:0"})")
                    .arg(feed())
                    .toUtf8());
    }

    // Offers `version` in the feed (built once).
    bool publish(qint64 version)
    {
        const QString path = bundle(version);
        QFile f(path);
        if (path.isEmpty() || !f.open(QIODevice::ReadOnly))
            return false;
        const QByteArray sha =
            QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
        return writeFile(feed() + QStringLiteral("/index.json"),
            QStringLiteral(
                R"({"version": %1, "released": "2026-12-01T00:00:00Z", "bundle": "%2", "sha256": "%3"})")
                .arg(version)
                .arg(path, QString::fromLatin1(sha))
                .toUtf8());
    }

    bool start()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->start(g_program,
            {QStringLiteral("serve"), QStringLiteral("--data"), data(), QStringLiteral("--config"),
                m_work + QStringLiteral("/config.json")});
        QByteArray output;
        QDeadlineTimer deadline(60000);
        while (!output.contains("fingerprint:") && !deadline.hasExpired()) {
            if (!m_process->waitForReadyRead(1000) && m_process->state() != QProcess::Running)
                break;
            output += m_process->readAll();
        }
        if (!output.contains("fingerprint:")) {
            std::fprintf(stderr, "the appliance did not start:\n%s\n", output.constData());
            return false;
        }
        return true;
    }
    void signal(int sig) const { ::kill(pid_t(m_process->processId()), sig); }
    void killNow()
    {
        signal(SIGKILL);
        m_process->waitForFinished(30000);
    }
    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        signal(SIGTERM);
        m_process->waitForFinished(30000);
    }

    struct State
    {
        qint64 active = 0;
        QList<qint64> audited; // versions with a success record, in order
        QList<qint64> announced; // pattern.changed versions, in order
        int recovered = 0; // records completed at start
        int calledOff = 0; // intents called off at start
        int openIntents = 0;
    };
    State state() const
    {
        State s;
        QFile f(data() + QStringLiteral("/patterns/state.json"));
        if (f.open(QIODevice::ReadOnly))
            s.active = QJsonDocument::fromJson(f.readAll())
                           .object()
                           .value(QStringLiteral("active"))
                           .toInteger();
        const QString name = QStringLiteral("kill-check");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(data() + QStringLiteral("/appliance.sqlite"));
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open()) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("SELECT target, outcome, detail FROM audit WHERE user = "
                                      "'appliance' AND action = 'pattern.update' ORDER BY seq"));
                while (q.next()) {
                    if (q.value(1).toString() == QLatin1String("success")) {
                        s.audited << q.value(0).toLongLong();
                        s.recovered += q.value(2).toString().contains(QLatin1String("at start"));
                    } else {
                        ++s.calledOff;
                    }
                }
                q.exec(QStringLiteral(
                    "SELECT data FROM events WHERE type = 'pattern.changed' ORDER BY seq"));
                // The updates only, like the records above (the first
                // version's `pattern import` has its own record and event).
                while (q.next()) {
                    const QJsonObject changed =
                        QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
                    if (changed.value(QStringLiteral("how")).toString() == QLatin1String("update"))
                        s.announced
                            << changed.value(QStringLiteral("version")).toString().toLongLong();
                }
                q.exec(QStringLiteral("SELECT COUNT(*) FROM pattern_intents"));
                s.openIntents = q.next() ? q.value(0).toInt() : -1;
            }
        }
        QSqlDatabase::removeDatabase(name);
        return s;
    }

private:
    QString bundle(qint64 version)
    {
        const QString path = QStringLiteral("%1/pattern-%2.mpb").arg(m_work).arg(version);
        if (QFile::exists(path))
            return path;
        const QString sigs = QStringLiteral("%1/sig-%2").arg(m_work).arg(version);
        const QByteArray sample = "mamori kill loop sample " + QByteArray::number(version);
        const QByteArray md5 = QCryptographicHash::hash(sample, QCryptographicHash::Md5).toHex();
        if (!QDir().mkpath(sigs)
            || !writeFile(sigs + QStringLiteral("/kill.hdb"),
                md5 + ':' + QByteArray::number(sample.size()) + ":Mamori.Kill."
                    + QByteArray::number(version) + '\n')
            || !cli({QStringLiteral("pattern"), QStringLiteral("build"), QStringLiteral("--key"),
                m_work + QStringLiteral("/keys/pattern.key"), QStringLiteral("--version"),
                QString::number(version), QStringLiteral("--from"), sigs, QStringLiteral("--out"),
                path}))
            return {};
        return path;
    }

    QString m_work;
    std::unique_ptr<QProcess> m_process;
};

// What must hold after every start; empty when it does.
QString violation(const Run::State &s)
{
    if (s.audited != s.announced)
        return QStringLiteral("audit records (%1) and pattern.changed events (%2) disagree")
            .arg(QString::number(s.audited.size()), QString::number(s.announced.size()));
    const qint64 newest =
        s.audited.isEmpty() ? 1 : *std::max_element(s.audited.begin(), s.audited.end());
    if (s.active != newest)
        return QStringLiteral("version %1 is active but the newest recorded switch is to %2")
            .arg(s.active)
            .arg(newest);
    if (s.openIntents != 0)
        return QStringLiteral("%1 changes are left half done").arg(s.openIntents);
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("kill -9 at random moments of pattern updates"));
    parser.addHelpOption();
    const QCommandLineOption kills(QStringLiteral("kills"), QStringLiteral("kills (default 100)"),
        QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("random seed"),
        QStringLiteral("N"), QStringLiteral("20261205"));
    const QCommandLineOption program(QStringLiteral("appliance"),
        QStringLiteral("mamori-appliance to run"), QStringLiteral("PATH"),
        QStringLiteral(MAMORI_APPLIANCE_PATH));
    parser.addOptions({kills, seed, program});
    parser.process(app);
    g_program = parser.value(program);
    const int killCount = parser.value(kills).toInt();
    QRandomGenerator random(parser.value(seed).toUInt());

    QTemporaryDir temp;
    Run run(temp.path());
    if (!temp.isValid() || !run.setUp() || !run.start())
        return 1;

    // One update that is not cut: how long an update takes here.
    QElapsedTimer clock;
    if (!run.publish(2))
        return 1;
    clock.start();
    run.signal(SIGHUP);
    while (run.state().active != 2 && clock.elapsed() < 60000)
        QThread::msleep(5);
    const qint64 updateMs = std::max<qint64>(clock.elapsed(), 20);
    std::printf("an uncut update takes ~%lld ms; kills fall in the first %lld ms\n", updateMs,
        updateMs * 3 / 2);

    int cutBefore = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 1; i <= killCount; ++i) {
        const Run::State before = run.state();
        if (!run.publish(before.active + 1))
            return 1;
        run.signal(SIGHUP);
        QThread::usleep(random.bounded(quint32(updateMs * 1500)));
        run.killNow();
        if (!run.start())
            return 1;
        const Run::State after = run.state();
        const QString wrong = violation(after);
        if (!wrong.isEmpty()) {
            std::fprintf(stderr, "kill %d: %s\n", i, qPrintable(wrong));
            run.stop();
            return 1;
        }
        cutBefore += after.active == before.active;
    }
    run.stop();
    const Run::State last = run.state();
    std::printf("%d kills in %.1f s: consistent after every start; %d cut before the switch, %d "
                "after it (%d switches recorded at start, %d called off at start); %lld versions "
                "made active and recorded\n",
        killCount, double(total.elapsed()) / 1000, cutBefore, killCount - cutBefore, last.recovered,
        last.calledOff, qlonglong(last.audited.size()));
    return 0;
}
