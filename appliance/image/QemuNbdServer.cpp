// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/image/QemuNbdServer.h"

#include "appliance/image/ImageTools.h"

#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace mamori::appliance::image {
namespace {

QString errnoText(int e)
{
    return QString::fromLocal8Bit(std::strerror(e));
}

// Writes `value` in decimal into `out` (async-signal-safe, for the child).
void formatPid(char *out, pid_t value)
{
    char digits[16];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value > 0 && n < 15);
    while (n > 0)
        *out++ = digits[--n];
    *out = '\0';
}

// What the child of spawn() needs, all made before it starts.
struct Child
{
    pid_t parent;
    char *pidSlot; // LISTEN_PID's value, filled in by the child
    int null;
    int errWrite;
    int listener;
    char **argv;
    char **envp;
    sigset_t mask; // the parent thread's signal mask, restored before exec
};

int childMain(void *arg)
{
    const Child &c = *static_cast<const Child *>(arg);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != c.parent)
        ::_exit(1);
    // This process's signal handlers must not run here (shared memory):
    // back to the defaults, then the parent's mask, then exec.
    for (int sig = 1; sig < NSIG; ++sig) {
        struct sigaction sa
        {
        };
        if (::sigaction(sig, nullptr, &sa) == 0 && sa.sa_handler != SIG_DFL
            && sa.sa_handler != SIG_IGN) {
            sa = {};
            sa.sa_handler = SIG_DFL;
            ::sigaction(sig, &sa, nullptr);
        }
    }
    formatPid(c.pidSlot, ::getpid());
    if (c.null < 0)
        ::_exit(127);
    ::dup2(c.null, 0);
    ::dup2(c.null, 1);
    ::dup2(c.errWrite, 2);
    // Socket activation: the listening socket is fd 3.
    if (c.listener == 3)
        ::fcntl(3, F_SETFD, 0);
    else
        ::dup2(c.listener, 3);
    ::close_range(4, ~0u, 0);
    ::sigprocmask(SIG_SETMASK, &c.mask, nullptr);
    ::execve(c.argv[0], c.argv, c.envp);
    ::_exit(127);
}

// Starts childMain as posix_spawn() does: sharing this process's memory
// until it execs (CLONE_VM | CLONE_VFORK), with this thread waiting until
// then. A fork() of the appliance would copy its page tables and then
// fault on every page it writes until qemu-nbd has exec'd, once per disk
// scanned. Signals are blocked meanwhile so that no handler of this
// process runs on the child's stack.
pid_t spawn(Child &child)
{
    constexpr std::size_t kStack = 64 << 10;
    void *stack = ::mmap(
        nullptr, kStack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return -1;
    sigset_t all;
    ::sigfillset(&all);
    ::pthread_sigmask(SIG_BLOCK, &all, &child.mask);
    const pid_t pid = ::clone(
        childMain, static_cast<char *>(stack) + kStack, CLONE_VM | CLONE_VFORK | SIGCHLD, &child);
    const int cloneErrno = errno;
    ::pthread_sigmask(SIG_SETMASK, &child.mask, nullptr);
    ::munmap(stack, kStack);
    errno = cloneErrno;
    return pid;
}

// Whether the host has room for one more Linux AIO context of the size
// qemu asks for (1,024 events; fs.aio-max-nr counts them host-wide). Without
// it, qemu-nbd --aio=native fails to open the image and the VM could not be
// read at all: qemu's thread pool is used instead.
bool nativeAioAvailable()
{
    aio_context_t context = 0;
    if (::syscall(SYS_io_setup, 1024, &context) != 0)
        return false;
    ::syscall(SYS_io_destroy, context);
    return true;
}

bool waitForExit(int pidfd, int timeoutMs)
{
    pollfd p {pidfd, POLLIN, 0};
    for (;;) {
        const int r = ::poll(&p, 1, timeoutMs);
        if (r < 0 && errno == EINTR)
            continue;
        return r > 0;
    }
}

} // namespace

QemuNbdServer::~QemuNbdServer()
{
    stop(0);
}

QString QemuNbdServer::program()
{
    return findTool(QStringLiteral("qemu-nbd"));
}

bool QemuNbdServer::fitsSocketPath(const QString &path)
{
    return QFile::encodeName(path).size() < qsizetype(sizeof(sockaddr_un::sun_path));
}

bool QemuNbdServer::start(const Options &options, QString *error)
{
    if (m_pid > 0) {
        *error = QStringLiteral("qemu-nbd is already running");
        return false;
    }
    const QString qemuNbd = program();
    if (qemuNbd.isEmpty()) {
        *error = QStringLiteral("qemu-nbd is not installed (Debian package qemu-utils)");
        return false;
    }
    if (options.format != u"qcow2" && options.format != u"raw") {
        *error = QStringLiteral("disk format %1 cannot be read").arg(options.format);
        return false;
    }
    const QByteArray socketPath = QFile::encodeName(options.socketPath);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (!fitsSocketPath(options.socketPath)) {
        *error = QStringLiteral("socket path too long: %1").arg(options.socketPath);
        return false;
    }
    std::memcpy(address.sun_path, socketPath.constData(), size_t(socketPath.size()));
    const int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0) {
        *error = QStringLiteral("cannot create a socket: %1").arg(errnoText(errno));
        return false;
    }
    if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(listener, 4) != 0) {
        *error =
            QStringLiteral("cannot listen on %1: %2").arg(options.socketPath, errnoText(errno));
        ::close(listener);
        return false;
    }
    ::chmod(socketPath.constData(), 0600);
    m_socketPath = options.socketPath;

    // Everything the child needs is made before it starts: it shares this
    // process's memory until it execs (spawn()), so it makes only
    // async-signal-safe calls and writes nothing but its own pid.
    // O_DIRECT where the image's file system has it (not tmpfs, for one).
    bool direct = false;
    if (options.directIo) {
        const int probe =
            ::open(QFile::encodeName(options.image).constData(), O_RDONLY | O_DIRECT | O_CLOEXEC);
        direct = probe >= 0;
        if (probe >= 0)
            ::close(probe);
    }
    std::vector<QByteArray> args {QFile::encodeName(qemuNbd),
        "--format=" + options.format.toLatin1(), "--shared=1",
        direct ? "--cache=none" : "--cache=writeback"};
    // With O_DIRECT, Linux AIO instead of qemu's thread pool: a 4 KiB
    // metadata read then costs qemu-nbd a third of the CPU (no hand-off to
    // a worker thread and back for each one).
    if (direct && nativeAioAvailable())
        args.push_back("--aio=native");
    if (options.readOnly)
        args.push_back("--read-only");
    if (options.allocationDepth)
        args.push_back("--allocation-depth");
    if (!options.exportName.isEmpty())
        args.push_back("--export-name=" + options.exportName.toUtf8());
    args.push_back(QFile::encodeName(options.image));
    std::vector<char *> argv;
    for (QByteArray &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> env;
    for (char **e = environ; *e; ++e) {
        if (std::strncmp(*e, "LISTEN_", 7) != 0 && std::strncmp(*e, "NOTIFY_SOCKET=", 14) != 0)
            env.emplace_back(*e);
    }
    // One malloc arena (otherwise each of qemu-nbd's threads keeps one), and
    // fixed malloc thresholds: a read's buffer (the appliance asks for at
    // most FileContent::kChunk, 256 KiB, at a time) comes from the heap, and
    // little more than one freed buffer is given back to the kernel.
    // glibc's own sliding thresholds kept the buffers of the largest reads.
    // Reads of many sizes (files' tails) still fragment the heap, to 2-4 MiB
    // after a golden image; mapping every buffer over 64 KiB afresh keeps it
    // at ~1.7 MiB but costs a page fault per 4 KiB read, more CPU than the
    // memory is worth (docs/benchmarks.md, image VMs).
    if (!std::getenv("MALLOC_ARENA_MAX"))
        env.emplace_back("MALLOC_ARENA_MAX=1");
    if (!std::getenv("MALLOC_MMAP_THRESHOLD_")) {
        env.emplace_back("MALLOC_MMAP_THRESHOLD_=327680"); // 256 KiB + alignment
        env.emplace_back("MALLOC_TRIM_THRESHOLD_=393216"); // one freed buffer, a little over
    }
    env.emplace_back("LISTEN_FDS=1");
    QByteArray listenPid("LISTEN_PID=");
    const qsizetype pidAt = listenPid.size();
    listenPid.resize(pidAt + 16);
    env.push_back(listenPid);
    std::vector<char *> envp;
    for (QByteArray &e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    char *pidSlot = env.back().data() + pidAt;
    int errPipe[2];
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        *error = QStringLiteral("cannot create a pipe: %1").arg(errnoText(errno));
        ::close(listener);
        ::unlink(socketPath.constData());
        return false;
    }
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    Child child {::getpid(), pidSlot, null, errPipe[1], listener, argv.data(), envp.data(), {}};
    const pid_t pid = spawn(child);
    const int spawnErrno = errno;
    if (null >= 0)
        ::close(null);
    ::close(listener);
    ::close(errPipe[1]);
    if (pid < 0) {
        *error = QStringLiteral("cannot start qemu-nbd: %1").arg(errnoText(spawnErrno));
        ::close(errPipe[0]);
        ::unlink(socketPath.constData());
        return false;
    }
    m_pid = pid;
    m_stderr = errPipe[0];
    ::fcntl(m_stderr, F_SETFL, O_NONBLOCK);
    m_pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    m_diagnostics.clear();
    return true;
}

QString QemuNbdServer::diagnostics()
{
    if (m_stderr >= 0) {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::read(m_stderr, buffer, sizeof buffer);
            if (n <= 0 || m_diagnostics.size() > 65536)
                break;
            m_diagnostics.append(buffer, n);
        }
    }
    return QString::fromLocal8Bit(m_diagnostics).trimmed();
}

void QemuNbdServer::stop(int graceMs)
{
    if (m_pid > 0) {
        bool ended = m_pidfd >= 0 && graceMs > 0 && waitForExit(m_pidfd, graceMs);
        if (!ended) {
            ::kill(m_pid, SIGTERM);
            ended = m_pidfd >= 0 && waitForExit(m_pidfd, 2000);
            if (!ended)
                ::kill(m_pid, SIGKILL);
        }
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) { }
        diagnostics();
        m_pid = -1;
    }
    if (m_pidfd >= 0)
        ::close(m_pidfd);
    if (m_stderr >= 0)
        ::close(m_stderr);
    m_pidfd = m_stderr = -1;
    if (!m_socketPath.isEmpty())
        ::unlink(QFile::encodeName(m_socketPath).constData());
    m_socketPath.clear();
}

} // namespace mamori::appliance::image
