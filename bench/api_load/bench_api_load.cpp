// SPDX-License-Identifier: GPL-2.0-or-later
// API load (docs/benchmarks.md): a real lab appliance on loopback and 100
// concurrent clients driven by one libcurl multi handle, for a bounded time
// per phase:
//   vms-1addr    GET /api/v1/vms, every client from 127.0.0.1 (shows the
//                appliance's per-address connection limit at work)
//   vms          GET /api/v1/vms, clients spread over 127.0.0.1..127.0.0.N
//                as consoles on N machines would be
//   events-poll  GET /api/v1/events?after=LAST&wait=0 (catching up)
//   events-wait  GET /api/v1/events?after=LAST&wait=30, the long poll, while
//                one more client changes the policy twice a second: how fast
//                each change reaches all 100 waiting clients
// Reported: answers per second, latency p50/p99, errors, and the CPU the
// appliance and this driver used.
#include "BenchSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <curl/curl.h>
#include <fcntl.h>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#ifndef MAMORI_APPLIANCE_PATH
#define MAMORI_APPLIANCE_PATH ""
#endif

namespace {

using namespace mamori::bench;

// One blocking request (setup and the policy trigger). The appliance's
// certificate is its own self-signed one on loopback: not verified here.
struct Answer
{
    long status = 0;
    QByteArray body;
};

void commonOptions(CURL *curl)
{
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
}

Answer request(CURL *curl, const char *method, const QByteArray &url, const QByteArray &token,
    const QByteArray &body = {})
{
    Answer a;
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    const QByteArray auth = "Authorization: Bearer " + token;
    if (!token.isEmpty())
        headers = curl_slist_append(headers, auth.constData());
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    if (!body.isNull()) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(body.size()));
    } else {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &appendToByteArray);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a.body);
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.status);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(headers);
    return a;
}

struct Phase
{
    QString name;
    QString what;
    int addresses = 1;
    bool longPoll = false;
    bool catchUp = false;
};

struct PhaseResult
{
    Phase phase;
    double seconds = 0;
    qint64 ok = 0;
    qint64 errors = 0;
    std::map<QString, qint64> errorKinds;
    std::vector<double> latencyMs;
    std::vector<double> deliveryMs; // long poll: policy change -> client
    int clientsAnswered = 0;
    double applianceCpuS = 0;
    double driverCpuS = 0;
    qint64 triggers = 0;
    qint64 bytes = 0;
    qint64 connects = 0; // new connections (TLS handshakes) made
};

class Client
{
public:
    CURL *curl = nullptr;
    curl_slist *headers = nullptr;
    QByteArray url;
    QByteArray body;
    qint64 started = 0;
    qint64 notBefore = 0;
    qint64 after = 0;
    bool busy = false;
    bool answered = false;
    QByteArray source;
};

class Load
{
public:
    Load(const QByteArray &base, const QByteArray &token, pid_t appliance, int clients)
        : m_base(base), m_token(token), m_appliance(appliance), m_clientCount(clients)
    { }

    PhaseResult run(const Phase &phase, int seconds);

private:
    void start(Client &c, const Phase &phase);
    qint64 lastSeq();

    QByteArray m_base;
    QByteArray m_token;
    pid_t m_appliance;
    int m_clientCount;
};

qint64 Load::lastSeq()
{
    CURL *curl = curl_easy_init();
    commonOptions(curl);
    const Answer a = request(curl, "GET", m_base + "/events?after=999999999999&wait=0", m_token);
    curl_easy_cleanup(curl);
    return QJsonDocument::fromJson(a.body).object().value(QStringLiteral("last_seq")).toInteger();
}

void Load::start(Client &c, const Phase &phase)
{
    if (phase.longPoll)
        c.url = m_base + "/events?wait=30&after=" + QByteArray::number(c.after);
    else if (phase.catchUp)
        c.url = m_base + "/events?wait=0&after=" + QByteArray::number(c.after);
    else
        c.url = m_base + "/vms";
    c.body.clear();
    curl_easy_setopt(c.curl, CURLOPT_URL, c.url.constData());
    c.started = monoNs();
    c.busy = true;
}

PhaseResult Load::run(const Phase &phase, int seconds)
{
    PhaseResult r;
    r.phase = phase;
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, long(m_clientCount * 2));
    const QByteArray auth = "Authorization: Bearer " + m_token;
    std::vector<std::unique_ptr<Client>> clients;
    const qint64 seq = (phase.longPoll || phase.catchUp) ? lastSeq() : 0;
    for (int i = 0; i < m_clientCount; ++i) {
        auto c = std::make_unique<Client>();
        c->curl = curl_easy_init();
        commonOptions(c->curl);
        c->headers = curl_slist_append(nullptr, auth.constData());
        curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, c->headers);
        curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, &appendToByteArray);
        curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &c->body);
        curl_easy_setopt(c->curl, CURLOPT_PRIVATE, c.get());
        curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 45L);
        curl_easy_setopt(c->curl, CURLOPT_TCP_NODELAY, 1L);
        // Each client its own connection, from one of `addresses` loopback
        // addresses (127.0.0.0/8 is all loopback on Linux).
        c->source = "host!127.0.0." + QByteArray::number(1 + i % std::max(1, phase.addresses));
        curl_easy_setopt(c->curl, CURLOPT_INTERFACE, c->source.constData());
        curl_easy_setopt(c->curl, CURLOPT_FRESH_CONNECT, 0L);
        curl_easy_setopt(c->curl, CURLOPT_FORBID_REUSE, 0L);
        // A catch-up poll asks from 1,000 events back, a long poll from now.
        c->after = phase.catchUp ? std::max<qint64>(0, seq - 1000) : seq;
        clients.push_back(std::move(c));
    }

    // The trigger for the long poll: policy changes on a connection of its
    // own, sent from this thread between multi rounds.
    CURL *trigger = curl_easy_init();
    commonOptions(trigger);
    std::vector<qint64> triggerSent;
    std::map<qint64, size_t> policySeqs; // seq -> trigger index, in seq order
    qint64 nextTrigger = 0;

    const double applianceCpu0 = double(cpuNsOf(m_appliance)) / 1e9;
    const double driverCpu0 = selfCpuSeconds();
    const qint64 t0 = monoNs();
    const qint64 end = t0 + qint64(seconds) * 1'000'000'000;
    if (phase.longPoll)
        nextTrigger = t0 + 1'000'000'000; // let every client get its poll in first
    for (auto &c : clients) {
        start(*c, phase);
        curl_multi_add_handle(multi, c->curl);
    }
    while (monoNs() < end) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            Client *c = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &c);
            const qint64 now = monoNs();
            long status = 0;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            long connects = 0;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_NUM_CONNECTS, &connects);
            r.connects += connects;
            // The message does not survive the handle's removal.
            const CURLcode result = msg->data.result;
            curl_multi_remove_handle(multi, msg->easy_handle);
            c->busy = false;
            if (result == CURLE_OK && status == 200) {
                ++r.ok;
                r.bytes += c->body.size();
                c->answered = true;
                r.latencyMs.push_back(double(now - c->started) / 1e6);
                if (phase.longPoll || phase.catchUp) {
                    const QJsonObject o = QJsonDocument::fromJson(c->body).object();
                    const qint64 last = o.value(QStringLiteral("last_seq")).toInteger();
                    if (phase.longPoll) {
                        c->after = std::max(c->after, last);
                        qint64 newestPolicy = -1;
                        for (const auto &e : o.value(QStringLiteral("events")).toArray()) {
                            const QJsonObject ev = e.toObject();
                            if (ev.value(QStringLiteral("type")).toString()
                                == QLatin1String("policy.changed"))
                                newestPolicy = ev.value(QStringLiteral("seq")).toInteger();
                        }
                        if (newestPolicy >= 0) {
                            auto it = policySeqs.find(newestPolicy);
                            if (it == policySeqs.end()) {
                                // The k-th policy.changed seen is the k-th trigger
                                // (triggers are sent one after another).
                                it = policySeqs.emplace(newestPolicy, 0).first;
                                size_t k = 0;
                                for (auto &entry : policySeqs)
                                    entry.second = k++;
                            }
                            if (it->second < triggerSent.size())
                                r.deliveryMs.push_back(double(now - triggerSent[it->second]) / 1e6);
                        }
                    }
                    // catch-up: every client keeps asking for the same
                    // 1,000 events (after stays put) - the heaviest answer.
                }
            } else {
                ++r.errors;
                const QString kind = result != CURLE_OK
                    ? QString::fromLatin1(curl_easy_strerror(result))
                    : QStringLiteral("HTTP %1").arg(status);
                ++r.errorKinds[kind];
                c->notBefore = now + 50'000'000; // no hot loop against a refusal
            }
        }
        const qint64 now = monoNs();
        for (auto &c : clients) {
            if (!c->busy && now >= c->notBefore && now < end) {
                start(*c, phase);
                curl_multi_add_handle(multi, c->curl);
            }
        }
        if (phase.longPoll && now >= nextTrigger && now < end - 500'000'000) {
            triggerSent.push_back(monoNs());
            const QByteArray value = triggerSent.size() % 2 ? "48" : "47";
            request(trigger, "PUT", m_base + "/policy", m_token,
                R"({"at_risk": {"max_pattern_age_hours": )" + value + "}}");
            ++r.triggers;
            nextTrigger = now + 500'000'000;
        }
        curl_multi_poll(multi, nullptr, 0, 5, nullptr);
    }
    r.seconds = double(monoNs() - t0) / 1e9;
    r.applianceCpuS = double(cpuNsOf(m_appliance)) / 1e9 - applianceCpu0;
    r.driverCpuS = selfCpuSeconds() - driverCpu0;
    for (auto &c : clients) {
        if (c->busy)
            curl_multi_remove_handle(multi, c->curl); // cut off, not counted
        r.clientsAnswered += c->answered ? 1 : 0;
        curl_easy_cleanup(c->curl);
        curl_slist_free_all(c->headers);
    }
    curl_easy_cleanup(trigger);
    curl_multi_cleanup(multi);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("API load: 100 concurrent clients on GET /api/v1/vms and the events long "
                       "poll of a lab appliance on "
                       "loopback (docs/benchmarks.md)."));
    p.addHelpOption();
    const QString envAppliance = QString::fromUtf8(qgetenv("MAMORI_APPLIANCE"));
    const QCommandLineOption applianceOpt(QStringLiteral("appliance"),
        QStringLiteral("mamori-appliance binary."), QStringLiteral("PATH"),
        envAppliance.isEmpty() ? QStringLiteral(MAMORI_APPLIANCE_PATH) : envAppliance);
    const QCommandLineOption labOpt(QStringLiteral("lab"),
        QStringLiteral("Lab folder (made once, reused)."), QStringLiteral("DIR"),
        QStringLiteral("/var/tmp/mamori-bench/api-lab"));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Output folder."),
        QStringLiteral("DIR"), QStringLiteral("/var/tmp/mamori-bench/api-load"));
    const QCommandLineOption clientsOpt(QStringLiteral("clients"),
        QStringLiteral("Concurrent clients (100)."), QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"),
        QStringLiteral("Length of each phase (10)."), QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption addressesOpt(QStringLiteral("addresses"),
        QStringLiteral("Loopback source addresses to spread the clients over (4)."),
        QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption vmsOpt(QStringLiteral("vms"), QStringLiteral("VMs in the lab (50)."),
        QStringLiteral("N"), QStringLiteral("50"));
    p.addOptions({applianceOpt, labOpt, outOpt, clientsOpt, secondsOpt, addressesOpt, vmsOpt});
    p.process(app);
    const QString appliance = QFileInfo(p.value(applianceOpt)).absoluteFilePath();
    const QString lab = QDir(p.value(labOpt)).absolutePath();
    const QString out = QDir(p.value(outOpt)).absolutePath();
    const int clients = std::max(1, p.value(clientsOpt).toInt());
    const int seconds = std::max(2, p.value(secondsOpt).toInt());
    const int addresses = std::clamp(p.value(addressesOpt).toInt(), 1, 250);
    if (!QFileInfo(appliance).isExecutable()) {
        say("api-load: no mamori-appliance at '%s' (--appliance)", qPrintable(appliance));
        return 2;
    }
    QDir().mkpath(out);
    curl_global_init(CURL_GLOBAL_DEFAULT);

    // A still lab host (no workloads, no test threats): small VMs, since
    // only the API is measured here.
    const quint16 port = freePort();
    const QByteArray base = "https://127.0.0.1:" + QByteArray::number(port) + "/api/v1";
    const QByteArray logPath = QFile::encodeName(out + QStringLiteral("/appliance.log"));
    say("api-load: starting the lab appliance in %s on port %u (the first run builds the lab)",
        qPrintable(lab), unsigned(port));
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(logPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        const QByteArray exe = QFile::encodeName(appliance);
        const QByteArray dir = QFile::encodeName(lab);
        const QByteArray listen = "127.0.0.1:" + QByteArray::number(port);
        const QByteArray vms = QByteArray::number(std::max(1, p.value(vmsOpt).toInt()));
        ::execl(exe.constData(), exe.constData(), "lab", "--dir", dir.constData(), "--vms",
            vms.constData(), "--files", "200", "--image-mb", "4", "--clean", "--listen",
            listen.constData(), static_cast<char *>(nullptr));
        ::_exit(127);
    }
    auto stopAppliance = [&] {
        ::kill(pid, SIGTERM);
        int status = 0;
        for (int i = 0; i < 300 && ::waitpid(pid, &status, WNOHANG) == 0; ++i)
            QThread::msleep(50);
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
    };

    // Sign in as the lab's security admin, once: all clients share the token
    // (logins are Argon2id and rate-limited on purpose; not what is measured).
    CURL *curl = curl_easy_init();
    commonOptions(curl);
    QByteArray token;
    for (int i = 0; i < 1200 && token.isEmpty(); ++i) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            say("api-load: the appliance ended; see %s", logPath.constData());
            return 1;
        }
        QThread::msleep(250);
        const QList<QByteArray> lines =
            readFile(lab + QStringLiteral("/lab-credentials")).split('\n');
        for (const QByteArray &line : lines) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 3 && f[0] == "security-admin") {
                const Answer a = request(curl, "POST", base + "/session", {},
                    R"({"user": ")" + f[1] + R"(", "password": ")" + f[2] + R"("})");
                if (a.status == 200)
                    token = QJsonDocument::fromJson(a.body)
                                .object()
                                .value(QStringLiteral("token"))
                                .toString()
                                .toLatin1();
            }
        }
    }
    if (token.isEmpty()) {
        say("api-load: could not sign in; see %s", logPath.constData());
        stopAppliance();
        return 1;
    }
    // Let the first-sight scans of a new lab finish: the load is measured on
    // an idle appliance.
    for (int i = 0; i < 240; ++i) {
        const Answer a = request(curl, "GET", base + "/scans?limit=1000", token);
        bool busy = false;
        for (const auto &j :
            QJsonDocument::fromJson(a.body).object().value(QStringLiteral("jobs")).toArray()) {
            const QString s = j.toObject().value(QStringLiteral("state")).toString();
            busy = busy || s == QLatin1String("queued") || s == QLatin1String("running");
        }
        if (!busy)
            break;
        QThread::msleep(500);
    }
    const Answer vmsAnswer = request(curl, "GET", base + "/vms", token);
    const qsizetype vmCount = QJsonDocument::fromJson(vmsAnswer.body)
                                  .object()
                                  .value(QStringLiteral("vms"))
                                  .toArray()
                                  .size();
    curl_easy_cleanup(curl);
    QThread::sleep(2);

    const Phase phases[] = {{QStringLiteral("vms-1addr"),
                                QStringLiteral("GET /vms, all from 127.0.0.1"), 1, false, false},
        {QStringLiteral("vms"), QStringLiteral("GET /vms, %1 source addresses").arg(addresses),
            addresses, false, false},
        {QStringLiteral("events-poll"), QStringLiteral("GET /events wait=0 (1,000 events back)"),
            addresses, false, true},
        {QStringLiteral("events-wait"),
            QStringLiteral("GET /events wait=30 (long poll), 2 changes/s"), addresses, true,
            false}};
    Load load(base, token, pid, clients);
    std::vector<PhaseResult> results;
    for (const Phase &ph : phases) {
        say("api-load: %s, %d clients, %d s ...", qPrintable(ph.name), clients, seconds);
        results.push_back(load.run(ph, seconds));
        QThread::sleep(2); // idle connections close, the appliance settles
    }
    stopAppliance();

    std::printf("\nAPI load: %d clients, %d s per phase, lab appliance with %lld VMs on 127.0.0.1, "
                "%d CPUs\n",
        clients, seconds, static_cast<long long>(vmCount), QThread::idealThreadCount());
    std::printf("%-12s %-44s %9s %9s %9s %8s %8s %10s %10s\n", "phase", "what", "answers/s",
        "p50 ms", "p99 ms", "errors", "clients", "appl CPU%", "drv CPU%");
    QJsonArray json;
    for (const PhaseResult &r : results) {
        const bool delivery = r.phase.longPoll;
        const std::vector<double> &lat = delivery ? r.deliveryMs : r.latencyMs;
        std::printf("%-12s %-44s %9.1f %9.2f %9.2f %8lld %8d %10.0f %10.0f\n",
            qPrintable(r.phase.name), qPrintable(r.phase.what), double(r.ok) / r.seconds,
            percentile(lat, 0.5), percentile(lat, 0.99), static_cast<long long>(r.errors),
            r.clientsAnswered, 100.0 * r.applianceCpuS / r.seconds,
            100.0 * r.driverCpuS / r.seconds);
        QJsonObject kinds;
        for (const auto &[k, n] : r.errorKinds)
            kinds[k] = n;
        json.append(QJsonObject {{QStringLiteral("phase"), r.phase.name},
            {QStringLiteral("what"), r.phase.what}, {QStringLiteral("seconds"), r.seconds},
            {QStringLiteral("answers"), r.ok},
            {QStringLiteral("answers_per_second"), double(r.ok) / r.seconds},
            {QStringLiteral("latency_p50_ms"), percentile(r.latencyMs, 0.5)},
            {QStringLiteral("latency_p99_ms"), percentile(r.latencyMs, 0.99)},
            {QStringLiteral("delivery_p50_ms"), percentile(r.deliveryMs, 0.5)},
            {QStringLiteral("delivery_p99_ms"), percentile(r.deliveryMs, 0.99)},
            {QStringLiteral("deliveries"), qint64(r.deliveryMs.size())},
            {QStringLiteral("triggers"), r.triggers}, {QStringLiteral("errors"), r.errors},
            {QStringLiteral("error_kinds"), kinds},
            {QStringLiteral("clients_answered"), r.clientsAnswered},
            {QStringLiteral("connections_made"), r.connects}, {QStringLiteral("bytes"), r.bytes},
            {QStringLiteral("appliance_cpu_s"), r.applianceCpuS},
            {QStringLiteral("driver_cpu_s"), r.driverCpuS}});
    }
    std::printf("\np50/p99: request latency; for events-wait, the time from a policy change being "
                "sent to each\n"
                "waiting client receiving it. CPU%%: of one core, over the phase. The driver "
                "shares the cores.\n");
    for (const PhaseResult &r : results) {
        for (const auto &[k, n] : r.errorKinds)
            std::printf("%s: %lld x %s\n", qPrintable(r.phase.name), static_cast<long long>(n),
                qPrintable(k));
        std::printf("%s: %lld new connections (TLS handshakes) for %lld answers\n",
            qPrintable(r.phase.name), static_cast<long long>(r.connects),
            static_cast<long long>(r.ok + r.errors));
        if (r.phase.longPoll)
            std::printf("%s: %lld policy changes, %lld deliveries (%lld long polls answered)\n",
                qPrintable(r.phase.name), static_cast<long long>(r.triggers),
                static_cast<long long>(r.deliveryMs.size()), static_cast<long long>(r.ok));
    }
    QFile f(out + QStringLiteral("/results.json"));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(QJsonDocument(
            QJsonObject {
                {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                {QStringLiteral("clients"), clients}, {QStringLiteral("seconds"), seconds},
                {QStringLiteral("vms"), qint64(vmCount)},
                {QStringLiteral("cpus"), QThread::idealThreadCount()},
                {QStringLiteral("phases"), json}})
                    .toJson());
    std::printf("results: %s/results.json\n", qPrintable(out));
    curl_global_cleanup();
    return 0;
}
