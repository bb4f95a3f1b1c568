// SPDX-License-Identifier: GPL-2.0-or-later
// appliance/fs: names as bytes and their escaped form, and path resolution
// beneath a VM root that never follows a symbolic link, with both resolvers.
#include "appliance/fs/GuestPath.h"
#include "appliance/fs/VmRoot.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mamori::appliance::fs;
using namespace Qt::StringLiterals;

namespace {

bool touch(const QByteArray &path, const QByteArray &data = "x")
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, data.constData(), size_t(data.size())) == data.size();
    return ::close(fd) == 0 && ok;
}

QByteArray contentOf(const Fd &fd)
{
    char buffer[256];
    const ssize_t n = ::pread(fd.get(), buffer, sizeof buffer, 0);
    return n < 0 ? QByteArray("<error>") : QByteArray(buffer, n);
}

} // namespace

class TestGuestFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QByteArray m_root, m_host;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_root = QFile::encodeName(m_tmp.path()) + "/vm";
        m_host = QFile::encodeName(m_tmp.path()) + "/host";
        // The guest's tree, with every kind of link a guest can plant.
        for (const QByteArray &dir : {m_root, m_root + "/docs", m_root + "/docs/sub", m_host,
                 m_host + "/sub", m_root + "/evil\xff"})
            QCOMPARE(::mkdir(dir.constData(), 0755), 0);
        QVERIFY(touch(m_root + "/docs/sub/file.txt", "inside"));
        QVERIFY(touch(m_root + "/evil\xff/na\xefme.com", "bytes"));
        QVERIFY(touch(m_host + "/sub/file.txt", "host"));
        QVERIFY(touch(m_host + "/secret", "host"));
        QCOMPARE(::symlink(m_host.constData(), (m_root + "/abs-out").constData()), 0);
        QCOMPARE(::symlink("docs", (m_root + "/rel-in").constData()), 0);
        QCOMPARE(::symlink("../host", (m_root + "/rel-out").constData()), 0);
        QCOMPARE(
            ::symlink((m_host + "/secret").constData(), (m_root + "/file-out").constData()), 0);
        QCOMPARE(::symlink("sub/file.txt", (m_root + "/docs/file-in").constData()), 0);
    }

    void cleanup() { VmRoot::forceResolver(std::nullopt); }

    void displayForm_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QByteArray("/Users/a/report.pdf") << u"/Users/a/report.pdf"_s;
        QTest::newRow("utf-8") << QByteArray("/ユーザー/日本語.txt") << u"/ユーザー/日本語.txt"_s;
        QTest::newRow("4-byte") << QByteArray("/\xF0\x9F\x98\x80") << u"/\U0001F600"_s;
        QTest::newRow("invalid byte") << QByteArray("evil\xff.com") << u"evil\\xFF.com"_s;
        QTest::newRow("backslash") << QByteArray("a\\b") << u"a\\\\b"_s;
        QTest::newRow("looks escaped") << QByteArray("a\\xFF") << u"a\\\\xFF"_s;
        QTest::newRow("latin-1") << QByteArray("caf\xe9") << u"caf\\xE9"_s;
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << u"\\xC0\\xAF"_s;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << u"\\xED\\xA0\\x80"_s;
        QTest::newRow("above U+10FFFF")
            << QByteArray("\xf4\x90\x80\x80") << u"\\xF4\\x90\\x80\\x80"_s;
        QTest::newRow("cut short") << QByteArray("\xe6\x97") << u"\\xE6\\x97"_s;
        QTest::newRow("mixed") << QByteArray("\xe6\x97\xa5\xff\\") << u"日\\xFF\\\\"_s;
        QTest::newRow("control") << QByteArray("a\nb\x1b") << u"a\nb\x1b"_s;
        // Valid UTF-8, but SQLite reads them back as U+FFFD.
        QTest::newRow("U+FFFF") << QByteArray("x\xef\xbf\xbf") << u"x\\xEF\\xBF\\xBF"_s;
        QTest::newRow("U+FFFE") << QByteArray("\xef\xbf\xbe") << u"\\xEF\\xBF\\xBE"_s;
        QTest::newRow("U+FFFD") << QByteArray("\xef\xbf\xbd") << u"\uFFFD"_s;
    }
    void displayForm()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QCOMPARE(displayPath(bytes), text);
        QByteArray back;
        QVERIFY(parseDisplayPath(text, &back));
        QCOMPARE(back, bytes);
    }

    void displayFormRoundTripsAnyBytes()
    {
        QRandomGenerator random(42);
        for (int i = 0; i < 5000; ++i) {
            QByteArray bytes(int(random.bounded(1, 40)), Qt::Uninitialized);
            for (char &c : bytes) // weighted towards the interesting bytes
                c = char(random.bounded(4) == 0 ? random.bounded(0x80, 0x100)
                                                : random.bounded(0x20, 0x80));
            QByteArray back;
            const QString text = displayPath(bytes);
            QVERIFY(parseDisplayPath(text, &back));
            QCOMPARE(back, bytes);
            QCOMPARE(text.toUtf8().contains('\xff'), false);
        }
    }

    void malformedEscapesAreRefused()
    {
        QByteArray bytes = "unchanged";
        for (const QString &bad : {u"\\"_s, u"a\\"_s, u"\\x4"_s, u"\\q"_s, u"\\xZZ"_s, u"\\X41"_s,
                 QString(QChar(0xD800))})
            QVERIFY2(!parseDisplayPath(bad, &bytes), qPrintable(bad));
        QCOMPARE(bytes, QByteArray("unchanged"));
        QVERIFY(parseDisplayPath(u"\\xc3\\xa9\\x41"_s, &bytes)); // either case; any byte
        QCOMPARE(bytes,
            QByteArray("\xc3\xa9"
                       "A"));
    }

    void normalize_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("empty") << QByteArray() << QByteArray("/");
        QTest::newRow("root") << QByteArray("/") << QByteArray("/");
        QTest::newRow("dots") << QByteArray("/a/./b//c/") << QByteArray("/a/b/c");
        QTest::newRow("relative") << QByteArray("a/b") << QByteArray("/a/b");
        QTest::newRow("up") << QByteArray("/a/b/../c") << QByteArray("/a/c");
        QTest::newRow("bytes") << QByteArray("/x\xff/../y\xfe") << QByteArray("/y\xfe");
        QTest::newRow("above root") << QByteArray("/../etc") << QByteArray();
        QTest::newRow("above root later") << QByteArray("/a/../../etc") << QByteArray();
    }
    void normalize()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QByteArray got;
        QCOMPARE(normalizeVmPath(in, &got), !out.isEmpty());
        if (!out.isEmpty())
            QCOMPARE(got, out);
    }

    void resolvers_data()
    {
        QTest::addColumn<int>("resolver");
        QTest::newRow("openat2") << int(VmRoot::Resolver::Openat2);
        QTest::newRow("walk") << int(VmRoot::Resolver::Walk);
    }

    void opensOnlyWhatIsBeneathWithoutLinks_data() { resolvers_data(); }
    void opensOnlyWhatIsBeneathWithoutLinks()
    {
        QFETCH(int, resolver);
        VmRoot::forceResolver(VmRoot::Resolver(resolver));
        QCOMPARE(int(VmRoot::resolver()), resolver);
        const VmRoot root(QFile::decodeName(m_root));
        QVERIFY(root.isOpen());

        QCOMPARE(contentOf(root.open("/docs/sub/file.txt", O_RDONLY)), QByteArray("inside"));
        QCOMPARE(contentOf(root.open("docs/sub/file.txt", O_RDONLY)), QByteArray("inside"));
        QCOMPARE(contentOf(root.open("/evil\xff/na\xefme.com", O_RDONLY)), QByteArray("bytes"));
        QVERIFY(root.open("/", O_RDONLY | O_DIRECTORY).valid());

        const struct
        {
            QByteArray path;
            int err;
        } refused[] = {
            {"/abs-out/secret", ELOOP}, // a folder that links out
            {"/abs-out/sub/file.txt", ELOOP},
            {"/rel-out/secret", ELOOP},
            {"/rel-in/sub/file.txt", ELOOP}, // even one that stays inside
            {"/file-out", ELOOP}, // the file itself is a link
            {"/docs/file-in", ELOOP},
            {"/abs-out", ELOOP},
            {"/docs/../../host/secret", EXDEV},
            {"/docs/../docs/sub/file.txt", EXDEV}, // ".." is never resolved
            {"/missing/file", ENOENT},
            {"/docs/sub/file.txt/x", ENOTDIR},
        };
        for (const auto &r : refused) {
            errno = 0;
            QVERIFY2(!root.open(r.path, O_RDONLY).valid(), r.path.constData());
            QVERIFY2(errno == r.err,
                qPrintable(QStringLiteral("%1: errno %2, expected %3")
                               .arg(displayPath(r.path))
                               .arg(errno)
                               .arg(r.err)));
            // O_PATH | O_NOFOLLOW would open a link itself: refused as well.
            QVERIFY2(!root.open(r.path, O_PATH).valid(), r.path.constData());
        }
    }

    void parentFolderAndCreation_data() { resolvers_data(); }
    void parentFolderAndCreation()
    {
        QFETCH(int, resolver);
        VmRoot::forceResolver(VmRoot::Resolver(resolver));
        const VmRoot root(QFile::decodeName(m_root));
        QByteArray name;
        const Fd dir = root.openParent("/evil\xff/new\xfe.bin", &name);
        QVERIFY(dir.valid());
        QCOMPARE(name, QByteArray("new\xfe.bin"));
        const Fd created(::openat(dir.get(), name.constData(),
            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        QVERIFY(created.valid());
        struct stat st;
        QCOMPARE(::lstat((m_root + "/evil\xff/new\xfe.bin").constData(), &st), 0);
        QCOMPARE(::unlinkat(dir.get(), name.constData(), 0), 0);

        QVERIFY(root.openParent("/top", &name).valid());
        QCOMPARE(name, QByteArray("top"));
        errno = 0;
        QVERIFY(!root.openParent("/abs-out/sub/file.txt", &name).valid());
        QCOMPARE(errno, ELOOP);
        QVERIFY(!root.openParent("/", &name).valid());
        QCOMPARE(errno, EINVAL);
        QVERIFY(!root.openParent("/missing/x", &name).valid());
        QCOMPARE(errno, ENOENT);
        // Created through the beneath-open itself.
        const Fd direct = root.open("/docs/made.txt", O_WRONLY | O_CREAT | O_EXCL, 0600);
        QVERIFY(direct.valid());
        QCOMPARE(::lstat((m_root + "/docs/made.txt").constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(::unlink((m_root + "/docs/made.txt").constData()), 0);
        QVERIFY(!root.open("/abs-out/made.txt", O_WRONLY | O_CREAT | O_EXCL, 0600).valid());
        QCOMPARE(::lstat((m_host + "/made.txt").constData(), &st), -1);
    }

    void hostPathForPeople()
    {
        QCOMPARE((VmFile {u"/srv/vms/a"_s, "/x\xff/y"}).hostPath(), u"/srv/vms/a/x\\xFF/y"_s);
        QCOMPARE((VmFile {u"/srv/vms/a/"_s, "/y"}).hostPath(), u"/srv/vms/a/y"_s);
        QCOMPARE((VmFile {u"/"_s, "/y"}).hostPath(), u"/y"_s);
    }

    void isUnderComparesWholeComponents()
    {
        QVERIFY(isUnder("/a/b", "/a"));
        QVERIFY(isUnder("/a", "/a"));
        QVERIFY(isUnder("/anything", "/"));
        QVERIFY(!isUnder("/ab", "/a"));
    }
};

QTEST_GUILESS_MAIN(TestGuestFiles)
#include "tst_guest_files.moc"
