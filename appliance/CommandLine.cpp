// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/CommandLine.h"

#include "appliance/CommandLineSupport.h"
#include "appliance/Config.h"
#include "appliance/ExitCodes.h"
#include "appliance/MaintenanceCommands.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/auth/PasswordHasher.h"
#include "appliance/auth/UserStore.h"
#include "appliance/daemon/ApplianceDaemon.h"
#include "appliance/daemon/LabHost.h"
#include "appliance/daemon/ServiceNotifier.h"
#include "appliance/daemon/SignalWatcher.h"
#include "appliance/http/TlsIdentity.h"
#include "appliance/lab/LabWorkload.h"
#include "appliance/patterns/PatternCommands.h"
#include "appliance/store/Database.h"
#include "mamori/Version.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

const char kUsage[] = R"(Usage: mamori-appliance COMMAND [OPTIONS]

The Mamori host appliance: scans the virtual machines of this host from
outside and serves the appliance API (HTTPS, JSON) to Mamori consoles.

Every command that takes --data DIR uses )" MAMORI_DEFAULT_DATA_DIR R"( without it.

Commands:
  serve [--data DIR] [--config FILE] [--listen ADDR:PORT] [--inventory SPEC]
        Run the appliance. On first start creates DIR, a self-signed TLS
        certificate and key (mode 0600); every start prints the certificate's
        SHA-256 fingerprint for the console's admin to compare. A missing or
        damaged identity (exit 4) or database (exit 3) stops the start. SIGTERM or
        SIGINT stop it cleanly; SIGHUP reloads FILE and the pattern store.
        --listen defaults to 127.0.0.1:8443; SPEC is directory:PATH (each
        sub-folder a VM; default DIR/vms) or libvirt:URI. Under systemd
        (Type=notify) it reports readiness once it listens. --test-faults
        (tests only) lets MAMORI_TEST_STORAGE_FAULT name a file whose
        content, "full" or "read-only", makes the database refuse writes.
  user add NAME --role ROLE [--data DIR]
        Add an account; reads the password from standard input. ROLE is
        security-admin, virtualization-admin or auditor.
  user passwd NAME [--data DIR]
        Set a new password (standard input); ends the user's sessions.
  user remove NAME [--data DIR]
  user list [--data DIR]
  lab --dir DIR [--vms 25] [--listen ADDR:PORT] [--host-name NAME] [--seed N]
      [--files 3000] [--image-mb 96] [--drop-seconds 90] [--clean] [--prepare-only]
      [--disks qcow2 [--disk-fs ext4,ntfs] [--disk-vms N]]
        Build (once) and run a whole host on this machine: a generated master
        image, N VM roots cloned from it, a workload per VM, test files the
        lab pattern detects appearing now and then, a signed lab pattern and a
        newer one in the lab's own feed (DIR/feed), and one user per role
        (passwords printed once and kept in DIR/lab-credentials, mode 0600).
        --clean runs no workloads and drops no test files (a still host, for
        benchmarks); --prepare-only builds the lab and exits. --disks qcow2
        adds image VMs: golden ext4 and NTFS disk images of the master and
        N linked clones (qcow2 overlays holding only each VM's own changes,
        the same changes as its folder VM), listed with the folder VMs by
        libvirt's test driver (DIR/lab-domains.xml). No root needed.
  lab migrate VM --dir DIR --to DIR2
        Move a VM to another lab host keeping its UUID, as live migration does.
  fingerprint [--data DIR]
        Print the SHA-256 fingerprint of the appliance's TLS certificate.
  audit verify [--data DIR]
        Check the audit log's hash chain and say where it breaks.
  db check [--data DIR]
        Check the database in full (also while the appliance runs) and list
        the backups in DIR/backups, each checked. Exit 3 when damaged.
  db restore [--backup NAME] [--data DIR]
        With the appliance stopped: put a backup back (the newest good one
        without --backup), keep the replaced file in DIR/replaced, verify the
        audit chain and write an audit record of the restore.
  identity renew [--data DIR]
        With the appliance stopped: a new TLS key and certificate; prints the
        old and new fingerprints and writes an audit record. Every console
        must then accept the new fingerprint.
  pattern keygen|build|trust|import|status ...
        Pattern signing keys and signed pattern bundles (offline import);
        'mamori-appliance pattern help' lists them. See docs/patterns.md.

Options:
  --version   print the version and exit
  --help      print this help and exit

The config file is JSON (lines starting with // are comments) with any of:
listen, inventory, host_name, session_ttl_seconds, inventory_interval_ms,
max_concurrent_scans, pattern_source, webhook, syslog, sample_interval_ms.
Command-line options override it. See mamori-appliance(8).
)";

// Reads one line; with a terminal, without echo and twice to confirm.
QByteArray readPassword(bool confirm)
{
    const bool tty = ::isatty(STDIN_FILENO);
    termios saved {};
    auto readLine = [&](const char *prompt) {
        if (tty) {
            std::fputs(prompt, stderr);
            ::tcgetattr(STDIN_FILENO, &saved);
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        char buffer[1024] = {};
        const bool got = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
        if (tty) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
            std::fputs("\n", stderr);
        }
        QByteArray line = got ? QByteArray(buffer) : QByteArray();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        return line;
    };
    const QByteArray first = readLine("Password: ");
    if (tty && confirm && readLine("Password again: ") != first)
        return {};
    return first;
}

// Where `serve` takes its settings from; read again on every reload.
struct ServeSettings
{
    QString configPath; // empty: defaults only
    QString dataDir;
    QString listen; // empty: from the config file
    QString inventory; // empty: from the config file
    bool testFaults = false;

    bool load(Config *config, QString *error) const
    {
        Config loaded;
        if (!configPath.isEmpty() && !loaded.load(configPath, error))
            return false;
        loaded.dataDir = dataDir;
        if (!listen.isEmpty())
            loaded.listen = listen;
        if (!inventory.isEmpty())
            loaded.inventory = inventory;
        loaded.testFaults = testFaults;
        *config = loaded;
        return true;
    }
};

void reload(ApplianceDaemon &daemon, const ServeSettings &settings, ServiceNotifier &notifier,
    const QString &status)
{
    notifier.reloading();
    Config next;
    QString error;
    if (!settings.load(&next, &error)) {
        std::fprintf(
            stderr, "reload refused, the running configuration stays: %s\n", qPrintable(error));
    } else {
        for (const QString &line : daemon.reload(next))
            std::fprintf(stderr, "reload: %s\n", qPrintable(line));
        std::printf("reloaded %s\n",
            qPrintable(settings.configPath.isEmpty() ? QStringLiteral("the pattern store")
                                                     : settings.configPath));
    }
    notifier.ready(status);
}

int serve(const QStringList &args)
{
    const QCommandLineOption listen(QStringLiteral("listen"), {}, QStringLiteral("ADDR:PORT"));
    const QCommandLineOption config(QStringLiteral("config"), {}, QStringLiteral("FILE"));
    const QCommandLineOption inventory(QStringLiteral("inventory"), {}, QStringLiteral("SPEC"));
    const QCommandLineOption testFaults(QStringLiteral("test-faults"));
    Parsed p;
    QString error;
    if (!parse(args, &p, &error, {listen, config, inventory, testFaults}))
        return usageError(error);
    const ServeSettings settings {p.parser.value(config), p.dataDir, p.parser.value(listen),
        p.parser.value(inventory), p.parser.isSet(testFaults)};
    Config cfg;
    if (!settings.load(&cfg, &error))
        return failure(error);

    // Under systemd stdout is the journal: a line as soon as it is written.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    SignalWatcher watcher;
    watcher.watchReload();
    ServiceNotifier notifier;
    ApplianceDaemon daemon;
    if (!daemon.start(cfg, &error))
        return failure(error, daemon.exitCode());
    QString address;
    quint16 port = 0;
    Config::splitListen(cfg.listen, &address, &port, &error);
    const QString host = address.contains(QLatin1Char(':'))
        ? QLatin1Char('[') + address + QLatin1Char(']')
        : address;
    const QString url = QStringLiteral("https://%1:%2").arg(host).arg(daemon.port());
    std::printf("mamori-appliance %s\ndata: %s\nlistening: %s\nfingerprint: %s\n", kVersion,
        qPrintable(cfg.dataDir), qPrintable(url), qPrintable(daemon.fingerprint()));
    const QString status = QStringLiteral("listening on %1").arg(url);
    notifier.ready(status);
    QObject::connect(&watcher, &SignalWatcher::reloadRequested, &daemon,
        [&] { reload(daemon, settings, notifier, status); });
    QObject::connect(&watcher, &SignalWatcher::stopRequested, qApp, [&notifier](int) {
        notifier.stopping();
        QCoreApplication::quit();
    });
    const int code = QCoreApplication::exec(); // kExitDamagedStore when the check fails
    daemon.stop();
    std::printf("stopped\n");
    return code;
}

int user(const QStringList &args)
{
    const QCommandLineOption role(QStringLiteral("role"), {}, QStringLiteral("ROLE"));
    Parsed p;
    QString error;
    if (!parse(args, &p, &error, {role}))
        return usageError(error);
    const QString verb = p.positional.value(1);
    const QString name = p.positional.value(2);
    if (verb != QLatin1String("list") && name.isEmpty())
        return usageError(QStringLiteral("user %1 needs a user name").arg(verb));
    Database db;
    if (!db.open(p.dataDir, &error))
        return databaseFailure(db, error);
    UserStore users(db.db());
    if (verb == QLatin1String("add")) {
        const auto r = protocol::roleFromName(p.parser.value(role));
        if (!r)
            return usageError(QStringLiteral("--role must be one of %1")
                                  .arg(protocol::allRoleNames().join(QLatin1String(", "))));
        if (!users.add(name, *r, readPassword(true), &error))
            return failure(error);
        std::printf("added %s (%s)\n", qPrintable(name), qPrintable(protocol::roleName(*r)));
    } else if (verb == QLatin1String("passwd")) {
        if (!users.setPassword(name, readPassword(true), &error))
            return failure(error);
        std::printf("password of %s changed; its sessions ended\n", qPrintable(name));
    } else if (verb == QLatin1String("remove")) {
        if (!users.remove(name, &error))
            return failure(error);
        std::printf("removed %s\n", qPrintable(name));
    } else if (verb == QLatin1String("list")) {
        for (const UserAccount &u : users.list())
            std::printf("%s\t%s\t%s\n", qPrintable(u.name), qPrintable(protocol::roleName(u.role)),
                qPrintable(u.created));
    } else {
        return usageError(QStringLiteral("unknown user command '%1'").arg(verb));
    }
    return 0;
}

int fingerprint(const QStringList &args)
{
    Parsed p;
    QString error;
    if (!parse(args, &p, &error))
        return usageError(error);
    // Only `serve` ever creates an identity (docs/reliability.md, "Identity").
    const auto tls = TlsIdentity::load(p.dataDir, &error);
    if (!tls)
        return failure(error);
    std::printf("%s\n", qPrintable(tls->fingerprint()));
    return 0;
}

int auditCommand(const QStringList &args)
{
    Parsed p;
    QString error;
    if (!parse(args, &p, &error))
        return usageError(error);
    if (p.positional.value(1) != QLatin1String("verify"))
        return usageError(QStringLiteral("unknown audit command '%1'").arg(p.positional.value(1)));
    Database db;
    if (!db.open(p.dataDir, &error))
        return databaseFailure(db, error);
    const auto v = AuditLog(db.db()).verify();
    if (!v.ok) {
        std::printf("audit log BROKEN at record %lld: %s\n", v.brokenAt, qPrintable(v.reason));
        return 1;
    }
    std::printf("audit log intact: %lld records\n", v.records);
    return 0;
}

} // namespace

int runCommandLine(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help")
        || args.first() == QLatin1String("-h") || args.first() == QLatin1String("help")) {
        std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == QLatin1String("--version")) {
        std::printf("mamori-appliance %s\n", kVersion);
        return 0;
    }
    if (!PasswordHasher::initialize())
        return failure(QStringLiteral("libsodium could not be initialised"));
    // QCommandLineParser expects the program name first.
    const QStringList sub = QStringList {arguments.first()} + args;
    const QString command = args.first();
    if (command == QLatin1String("serve"))
        return serve(sub);
    if (command == QLatin1String("user"))
        return user(sub);
    if (command == QLatin1String("fingerprint"))
        return fingerprint(sub);
    if (command == QLatin1String("audit"))
        return auditCommand(sub);
    if (command == QLatin1String("db"))
        return runDbCommand(sub);
    if (command == QLatin1String("identity"))
        return runIdentityCommand(sub);
    if (command == QLatin1String("lab"))
        return runLabCommand(sub);
    if (command == QLatin1String("lab-workload"))
        return runLabWorkload(sub);
    if (command == QLatin1String("pattern"))
        return runPatternCommand(sub, offlinePatternRecorder);
    return usageError(QStringLiteral("unknown command '%1'").arg(command));
}

} // namespace mamori::appliance
