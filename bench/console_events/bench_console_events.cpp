// SPDX-License-Identifier: GPL-2.0-or-later
// Event to view (docs/benchmarks.md): real lab appliances on loopback, a
// console following them (Fleet, and the fleet page with its sort/filter
// proxy and an expanded tree, offscreen), and a second client on its own
// thread that starts full scans of random VMs, as another administrator
// would. For every scan.finished event the console receives, the time from
// the appliance writing it (the event's own time) until the fleet view has
// painted the VM's new "Last scan"; and how long the GUI thread stalled
// meanwhile.
#include "BenchSupport.h"
#include "app/client/SecretStore.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetModel.h"
#include "app/store/ConsoleStore.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <atomic>
#include <curl/curl.h>
#include <memory>
#include <thread>
#include <vector>

#ifndef MAMORI_APPLIANCE_PATH
#define MAMORI_APPLIANCE_PATH ""
#endif

using namespace mamori;
using namespace mamori::bench;

namespace {

struct Lab
{
    QString dir;
    quint16 port = 0;
    std::unique_ptr<QProcess> process;
    QByteArray user;
    QByteArray password;
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(port); }
};

bool readCredentials(Lab &lab)
{
    for (const QByteArray &line :
        readFile(lab.dir + QStringLiteral("/lab-credentials")).split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() == 3 && f[0] == "security-admin") {
            lab.user = f[1];
            lab.password = f[2];
            return true;
        }
    }
    return false;
}

// The second administrator: its own sessions, blocking libcurl on its own
// thread, so that the console learns of every change through its events.
class Trigger
{
public:
    Trigger(const std::vector<Lab> &labs, const QList<QStringList> &vmsByLab, int perSecond)
        : m_labs(labs), m_vms(vmsByLab), m_perSecond(perSecond)
    { }
    ~Trigger() { stop(); }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int started() const { return m_started; }
    int failed() const { return m_failed; }

private:
    static size_t ignore(char *, size_t size, size_t n, void *) { return size * n; }

    long post(CURL *curl, const QByteArray &url, const QByteArray &token, const QByteArray &body,
        QByteArray *answer)
    {
        curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
        const QByteArray auth = "Authorization: Bearer " + token;
        if (!token.isEmpty())
            headers = curl_slist_append(headers, auth.constData());
        curl_easy_setopt(curl, CURLOPT_URL, url.constData());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(body.size()));
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &appendToByteArray);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, answer);
        long status = 0;
        if (curl_easy_perform(curl) == CURLE_OK)
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
        curl_slist_free_all(headers);
        return status;
    }

    void run()
    {
        CURL *curl = curl_easy_init();
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
        std::vector<QByteArray> tokens;
        for (const Lab &lab : m_labs) {
            QByteArray answer;
            post(curl, lab.url().toLatin1() + "/api/v1/session", {},
                R"({"user": ")" + lab.user + R"(", "password": ")" + lab.password + R"("})",
                &answer);
            tokens.push_back(QJsonDocument::fromJson(answer)
                                 .object()
                                 .value(QStringLiteral("token"))
                                 .toString()
                                 .toLatin1());
        }
        QRandomGenerator rng(20261205);
        const qint64 periodNs = 1'000'000'000LL / std::max(1, m_perSecond);
        qint64 next = monoNs();
        while (!m_stop) {
            const qint64 now = monoNs();
            if (now < next) {
                std::this_thread::sleep_for(
                    std::chrono::nanoseconds(std::min<qint64>(next - now, 50'000'000)));
                continue;
            }
            next += periodNs;
            const int l = int(rng.bounded(int(m_labs.size())));
            const QStringList &vms = m_vms[l];
            if (vms.isEmpty())
                continue;
            const QString vm = vms[int(rng.bounded(int(vms.size())))];
            QByteArray answer;
            const long status =
                post(curl, m_labs[size_t(l)].url().toLatin1() + "/api/v1/scans", tokens[size_t(l)],
                    R"({"kind": "full", "vms": [")" + vm.toLatin1() + R"("]})", &answer);
            (status == 200 ? m_started : m_failed)++;
        }
        curl_easy_cleanup(curl);
    }

    const std::vector<Lab> &m_labs;
    QList<QStringList> m_vms;
    int m_perSecond;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};
    std::atomic<int> m_started {0};
    std::atomic<int> m_failed {0};
};

// A scan.finished event, waiting to be seen in the view.
struct Pending
{
    QUuid vm;
    qint64 startedMs = 0; // the job's start: the VM's "last scan" from then on
    qint64 eventMs = 0; // when the appliance wrote the event
    qint64 receivedMs = 0; // when the console received it
};

void printStats(const char *what, const std::vector<double> &ms)
{
    std::printf("%-46s n=%-5zu p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms\n", what, ms.size(),
        percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99),
        ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Event to view: lab appliances, a console following them, scans started by a second "
        "client; latency from each scan.finished event to the fleet view showing it."));
    p.addHelpOption();
    const QCommandLineOption applianceOpt(QStringLiteral("appliance"),
        QStringLiteral("The mamori-appliance program."), QStringLiteral("PATH"),
        QStringLiteral(MAMORI_APPLIANCE_PATH));
    const QCommandLineOption labsOpt(QStringLiteral("appliances"),
        QStringLiteral("Lab appliances to start (6)."), QStringLiteral("N"), QStringLiteral("6"));
    const QCommandLineOption vmsOpt(QStringLiteral("vms"),
        QStringLiteral("VMs per appliance (20)."), QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"),
        QStringLiteral("How long to start scans (60)."), QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption rateOpt(QStringLiteral("scans-per-second"),
        QStringLiteral("Scans started per second over all appliances (6)."), QStringLiteral("N"),
        QStringLiteral("6"));
    const QCommandLineOption rootOpt(QStringLiteral("labs"),
        QStringLiteral("Where the lab hosts are built, once (/var/tmp/mamori-bench/events-lab)."),
        QStringLiteral("DIR"), QStringLiteral("/var/tmp/mamori-bench/events-lab"));
    p.addOptions({applianceOpt, labsOpt, vmsOpt, secondsOpt, rateOpt, rootOpt});
    p.process(app);
    const QString appliance = p.value(applianceOpt);
    const int labCount = std::max(1, p.value(labsOpt).toInt());
    const int vmsPerLab = std::max(1, p.value(vmsOpt).toInt());
    const int seconds = std::max(5, p.value(secondsOpt).toInt());
    if (!QFileInfo(appliance).isExecutable()) {
        say("console-events: no mamori-appliance at '%s' (--appliance)", qPrintable(appliance));
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);

    // The lab appliances: still hosts (no workloads, no threats appearing).
    std::vector<Lab> labs;
    labs.resize(size_t(labCount));
    for (int i = 0; i < labCount; ++i) {
        Lab &lab = labs[size_t(i)];
        lab.dir = QStringLiteral("%1-%2").arg(p.value(rootOpt)).arg(i);
        lab.port = freePort();
        lab.process = std::make_unique<QProcess>();
        lab.process->setProcessChannelMode(QProcess::MergedChannels);
        lab.process->setStandardOutputFile(lab.dir + QStringLiteral(".log"));
        QDir().mkpath(QFileInfo(lab.dir).absolutePath());
        lab.process->start(appliance,
            {QStringLiteral("lab"), QStringLiteral("--dir"), lab.dir, QStringLiteral("--vms"),
                QString::number(vmsPerLab), QStringLiteral("--files"), QStringLiteral("60"),
                QStringLiteral("--image-mb"), QStringLiteral("1"), QStringLiteral("--clean"),
                QStringLiteral("--host-name"),
                QStringLiteral("kvm-%1").arg(i, 2, 10, QLatin1Char('0')),
                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(lab.port)});
    }
    say("console-events: %d lab appliances starting (the first run builds them)", labCount);

    QTemporaryDir consoleDir;
    console::ConsoleStore store;
    if (!store.open(consoleDir.path()))
        return 1;
    console::MemorySecretStore secrets;
    console::Fleet fleet(&store, &secrets);
    for (Lab &lab : labs) {
        QElapsedTimer waited;
        waited.start();
        while (!readCredentials(lab) && waited.elapsed() < 300'000)
            QTest::qWait(250);
        std::optional<console::CertificateInfo> cert;
        while (!cert && waited.elapsed() < 300'000) {
            std::optional<console::ApiError> error;
            fleet.probe(lab.url(), [&](console::CertificateInfo c, console::ApiError e) {
                if (e.ok())
                    cert = c;
                error = e;
            });
            (void)QTest::qWaitFor([&] { return error.has_value(); }, 10000);
            if (!cert)
                QTest::qWait(250);
        }
        std::optional<console::ApiError> added;
        if (cert)
            fleet.addAppliance(lab.url(), QFileInfo(lab.dir).fileName(),
                QString::fromLatin1(lab.user), QString::fromLatin1(lab.password), false, *cert,
                [&](console::ApiError e) { added = e; });
        if (!cert || !QTest::qWaitFor([&] { return added.has_value(); }, 60000) || !added->ok()) {
            say("console-events: %s did not come up; see %s.log", qPrintable(lab.url()),
                qPrintable(lab.dir));
            return 1;
        }
    }
    console::FleetModel *model = fleet.model();
    if (!QTest::qWaitFor([&] { return model->vmCount() == labCount * vmsPerLab; }, 60000)) {
        say("console-events: the console lists %d of %d VMs", model->vmCount(),
            labCount * vmsPerLab);
        return 1;
    }
    QList<QStringList> vmsByLab;
    for (console::ApplianceConnection *c : fleet.connections()) {
        QStringList ids;
        for (int r = 0; r < model->rowCount(model->hostIndex(c->id())); ++r)
            ids << model->index(r, 0, model->hostIndex(c->id()))
                       .data(console::FleetModel::VmIdRole)
                       .toUuid()
                       .toString(QUuid::WithoutBraces);
        vmsByLab.append(ids);
    }

    // The fleet page, tall enough that every row is on screen (a row out of
    // sight is never painted, and would never count as seen).
    ui::FleetSelection selection;
    ui::FleetPage page(&fleet, &selection);
    const int rows = model->rowCount() + model->vmCount();
    page.resize(1280, std::max(800, rows * (page.view()->fontMetrics().height() + 8) + 400));
    page.show();
    if (!QTest::qWaitForWindowExposed(&page))
        return 1;

    std::vector<Pending> pending;
    std::vector<double> toReceived, toVisible;
    const auto shownLastScan = [model](const QUuid &vm) {
        const QDateTime shown = model->vmIndex(vm, console::FleetModel::LastScanColumn)
                                    .data(console::FleetModel::LastScanRole)
                                    .toDateTime();
        return shown.isValid() ? shown.toMSecsSinceEpoch() : qint64(-1);
    };
    // The appliance keeps whole seconds of a scan's start in "last_scan".
    const auto seen = [&](const Pending &e) {
        return shownLastScan(e.vm) >= e.startedMs / 1000 * 1000;
    };
    bool measuring = false;
    for (console::ApplianceConnection *c : fleet.connections()) {
        QObject::connect(c, &console::ApplianceConnection::eventsReceived, &page,
            [&](const QList<console::Event> &events) {
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                for (const console::Event &e : events) {
                    const console::ScanJob *job = e.as<console::ScanJob>();
                    if (!measuring || !job || e.type != QLatin1String("scan.finished"))
                        continue;
                    Pending at {
                        job->vm, job->started.toMSecsSinceEpoch(), e.time.toMSecsSinceEpoch(), now};
                    toReceived.push_back(double(now - at.eventMs));
                    if (seen(at))
                        toVisible.push_back(double(now - at.eventMs));
                    else
                        pending.push_back(at);
                }
            });
    }
    // Seen = painted: checked as the viewport paints.
    class PaintWatch : public QObject
    {
    public:
        std::function<void()> onPaint;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                onPaint();
            return false;
        }
    } watch;
    watch.onPaint = [&] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        std::erase_if(pending, [&](const Pending &e) {
            if (!seen(e))
                return false;
            toVisible.push_back(double(now - e.eventMs));
            return true;
        });
    };
    page.view()->viewport()->installEventFilter(&watch);

    // GUI thread stalls: how late a 5 ms timer fires.
    std::vector<double> stalls;
    QElapsedTimer tick;
    QTimer stallTimer;
    stallTimer.setInterval(5);
    QObject::connect(&stallTimer, &QTimer::timeout, [&] {
        const double gap = double(tick.nsecsElapsed()) / 1e6;
        tick.restart();
        if (measuring)
            stalls.push_back(gap);
    });

    // Let the first-sight scans of new labs end before measuring.
    QTest::qWait(3000);
    Trigger trigger(labs, vmsByLab, std::max(1, p.value(rateOpt).toInt()));
    measuring = true;
    const double cpuBefore = selfCpuSeconds();
    tick.start();
    stallTimer.start();
    trigger.start();
    say("console-events: %d appliances x %d VMs, %s scans/s for %d s ...", labCount, vmsPerLab,
        qPrintable(p.value(rateOpt)), seconds);
    QTest::qWait(seconds * 1000);
    trigger.stop();
    QTest::qWait(5000); // the last scans end and are seen
    measuring = false;
    stallTimer.stop();
    const double cpu = selfCpuSeconds() - cpuBefore;

    std::printf("\nconsole-events: %d appliances x %d VMs, %d s, %d scans started (%d refused), "
                "load %s\n",
        labCount, vmsPerLab, seconds, trigger.started(), trigger.failed(),
        qPrintable(
            QString::fromLatin1(readFile(QStringLiteral("/proc/loadavg"))).section(u' ', 0, 2)));
    printStats("scan.finished written -> console received", toReceived);
    printStats("scan.finished written -> painted in fleet view", toVisible);
    std::printf("%-46s %zu\n", "never seen", pending.size());
    std::vector<double> over50;
    for (double s : stalls)
        if (s > 50)
            over50.push_back(s);
    std::printf("%-46s max %.1f ms, %zu over 50 ms\n", "GUI thread: 5 ms timer late by",
        stalls.empty() ? 0.0 : *std::max_element(stalls.begin(), stalls.end()) - 5, over50.size());
    std::printf(
        "%-46s %.2f s in %d s\n", "console process CPU (driver thread included)", cpu, seconds + 5);
    std::fflush(stdout);

    for (Lab &lab : labs) {
        lab.process->terminate();
        if (!lab.process->waitForFinished(30000))
            lab.process->kill();
    }
    return pending.empty() ? 0 : 1;
}
