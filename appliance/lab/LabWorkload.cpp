// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabWorkload.h"

#include "appliance/lab/LabContent_p.h"
#include "appliance/lab/LabImageGenerator.h"

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <unistd.h>
#include <vector>

namespace mamori::appliance {
namespace {

constexpr double kCpuShare = 0.03;
constexpr qint64 kCpuCreditNs = 150'000'000; // lets the first burst come early
constexpr qint64 kChunkBytes = 4 << 20;
constexpr int kMaxChunks = 10; // 40 MiB on top of the process itself
constexpr int kKeptTempFiles = 16;

volatile std::sig_atomic_t g_stop = 0;

void onStopSignal(int)
{
    g_stop = 1;
}

qint64 nowNs(clockid_t clock)
{
    timespec ts {};
    ::clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

class Desk
{
public:
    explicit Desk(const LabWorkloadOptions &o)
        : m_rng(labMix(o.seed, 0x776f726bull)), m_start(nowNs(CLOCK_MONOTONIC)),
          m_end(o.durationMs > 0 ? m_start + o.durationMs * 1'000'000 : 0)
    {
        const QString home = o.root + QStringLiteral("/Users/") + LabImageGenerator::userOf(o.root);
        m_temp = home + QStringLiteral("/AppData/Local/Temp");
        const QFileInfoList docs =
            QDir(home + QStringLiteral("/Documents")).entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo &d : docs)
            m_documents.append(d.absoluteFilePath());
    }

    bool prepare(QString *error)
    {
        if (!QDir().mkpath(m_temp)) {
            *error = QStringLiteral("cannot create %1").arg(m_temp);
            return false;
        }
        return true;
    }

    void run()
    {
        // Logging on: a file and some CPU at once, so that a new VM shows life.
        pause(100);
        writeTemp();
        burst(m_rng.range(50, 120));
        while (!done()) {
            pause(m_rng.range(300, 4000));
            if (done())
                break;
            const quint64 roll = m_rng.below(100);
            if (roll < 35)
                burst(m_rng.range(80, 400));
            else if (roll < 60)
                resizeMemory(int(m_rng.range(0, kMaxChunks)));
            else if (roll < 90)
                writeTemp();
            else
                readDocument();
        }
        resizeMemory(0);
    }

private:
    bool done() const { return g_stop || (m_end && nowNs(CLOCK_MONOTONIC) >= m_end); }

    void pause(qint64 ms)
    {
        qint64 until = nowNs(CLOCK_MONOTONIC) + ms * 1'000'000;
        if (m_end)
            until = qMin(until, m_end);
        for (qint64 left; !g_stop && (left = until - nowNs(CLOCK_MONOTONIC)) > 0;) {
            const timespec ts {time_t(left / 1'000'000'000), long(left % 1'000'000'000)};
            ::nanosleep(&ts, nullptr); // a stop signal cuts it short
        }
    }

    // Hashing, as an indexer or a virus scan inside the guest would; cut
    // short so that the long-run average stays within the CPU share.
    void burst(qint64 ms)
    {
        const qint64 allowed = qint64(kCpuShare * double(nowNs(CLOCK_MONOTONIC) - m_start))
            + kCpuCreditNs - nowNs(CLOCK_PROCESS_CPUTIME_ID);
        const qint64 budget = qMin(ms * 1'000'000, allowed);
        if (budget < 10'000'000)
            return;
        if (m_block.isEmpty())
            m_block = m_rng.bytes(64 << 10);
        const qint64 until = nowNs(CLOCK_PROCESS_CPUTIME_ID) + budget;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        while (!g_stop && nowNs(CLOCK_PROCESS_CPUTIME_ID) < until)
            hash.addData(m_block);
        m_block[0] = hash.result().at(0);
    }

    // Opening a big workbook or closing it: resident memory steps up and down.
    void resizeMemory(int chunks)
    {
        while (int(m_chunks.size()) > chunks)
            m_chunks.pop_back(); // large blocks go straight back to the kernel
        while (int(m_chunks.size()) < chunks) {
            std::vector<char> chunk(size_t(kChunkBytes), char(m_chunks.size() + 1));
            m_chunks.push_back(std::move(chunk));
        }
    }

    void writeTemp()
    {
        const int n = m_written++;
        const auto nameOf = [this](int k) {
            return QStringLiteral("%1/~DF%2.tmp")
                .arg(m_temp, QString::number(k, 16).toUpper().rightJustified(4, QLatin1Char('0')));
        };
        if (n >= kKeptTempFiles)
            QFile::remove(nameOf(n - kKeptTempFiles));
        QFile file(nameOf(n));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return;
        const qint64 size = labcontent::fileSize(m_rng, 512, 64 << 10);
        file.write(labcontent::make(
            m_rng.chance(50) ? labcontent::Kind::Text : labcontent::Kind::Blob, m_rng, size));
        file.flush();
        if (m_rng.chance(25)) // autosave: an application asking for durability
            ::fsync(file.handle());
    }

    void readDocument()
    {
        if (m_documents.isEmpty())
            return;
        QFile file(m_rng.pick(m_documents));
        if (file.open(QIODevice::ReadOnly))
            file.read(1 << 20);
    }

    LabRandom m_rng;
    qint64 m_start;
    qint64 m_end;
    QString m_temp;
    QStringList m_documents;
    QByteArray m_block;
    std::vector<std::vector<char>> m_chunks;
    int m_written = 0;
};

} // namespace

int runLabWorkload(const LabWorkloadOptions &options)
{
    struct sigaction action
    {
    };
    action.sa_handler = onStopSignal; // no SA_RESTART: sleeps end at once
    ::sigemptyset(&action.sa_mask);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    Desk desk(options);
    QString error;
    if (!desk.prepare(&error)) {
        std::fprintf(stderr, "mamori-appliance lab-workload: %s\n", qPrintable(error));
        return 1;
    }
    desk.run();
    return 0;
}

int runLabWorkload(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption root(QStringLiteral("root"), {}, QStringLiteral("DIR"));
    const QCommandLineOption seed(QStringLiteral("seed"), {}, QStringLiteral("N"));
    const QCommandLineOption duration(QStringLiteral("duration-ms"), {}, QStringLiteral("MS"));
    parser.addOptions({root, seed, duration});
    LabWorkloadOptions o;
    bool seedOk = true;
    bool durationOk = true;
    QString error;
    if (!parser.parse(args))
        error = parser.errorText();
    else if (o.root = parser.value(root); o.root.isEmpty())
        error = QStringLiteral("--root DIR is required");
    else if (parser.isSet(seed) && (o.seed = parser.value(seed).toULongLong(&seedOk), !seedOk))
        error = QStringLiteral("--seed must be a whole number");
    else if (parser.isSet(duration)
        && (o.durationMs = parser.value(duration).toLongLong(&durationOk), !durationOk))
        error = QStringLiteral("--duration-ms must be a whole number");
    else if (const QStringList rest = parser.positionalArguments();
             !rest.isEmpty() && rest != QStringList {QStringLiteral("lab-workload")})
        error = QStringLiteral("unexpected argument '%1'").arg(rest.last());
    if (!error.isEmpty()) {
        std::fprintf(stderr, "mamori-appliance lab-workload: %s\n", qPrintable(error));
        return 2;
    }
    return runLabWorkload(o);
}

} // namespace mamori::appliance
