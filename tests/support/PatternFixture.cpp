// SPDX-License-Identifier: GPL-2.0-or-later
#include "PatternFixture.h"

#include "ApplianceProcess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace mamori::test {
namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace

QByteArray eicar()
{
    return QByteArrayLiteral(
        R"(X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*)");
}

QByteArray bodyMarker()
{
    return QByteArrayLiteral("MAMORI-TEST-BODY-MARKER");
}

bool makeSignatures(const QString &dir, bool extra)
{
    QDir().mkpath(dir);
    const QByteArray md5 = QCryptographicHash::hash(eicar(), QCryptographicHash::Md5).toHex();
    QByteArray ndb = "Mamori.Test.Body:0:*:" + bodyMarker().toHex() + "\n";
    if (extra)
        ndb += "Mamori.Test.Extra:0:*:" + QByteArray("MAMORI-EXTRA-MARKER").toHex() + "\n";
    return writeFile(dir + QStringLiteral("/mamori.hdb"),
               md5 + ":" + QByteArray::number(eicar().size()) + ":Mamori.Test.EICAR\n")
        && writeFile(dir + QStringLiteral("/mamori.ndb"), ndb);
}

QString buildBundle(
    const QString &keyDir, const QString &sigDir, qint64 version, const QString &outDir)
{
    if (!QFile::exists(keyDir + QStringLiteral("/pattern.key"))
        && ApplianceProcess::run({QStringLiteral("pattern"), QStringLiteral("keygen"),
               QStringLiteral("--out"), keyDir})
            != 0)
        return {};
    const QString bundle = QStringLiteral("%1/pattern-%2.mpb").arg(outDir).arg(version);
    QByteArray out;
    if (ApplianceProcess::run(
            {QStringLiteral("pattern"), QStringLiteral("build"), QStringLiteral("--key"),
                keyDir + QStringLiteral("/pattern.key"), QStringLiteral("--version"),
                QString::number(version), QStringLiteral("--from"), sigDir, QStringLiteral("--out"),
                bundle},
            {}, &out)
        != 0) {
        qWarning("pattern build failed: %s", out.constData());
        return {};
    }
    return bundle;
}

bool trustAndImport(const QString &keyDir, const QString &bundle, const QString &dataDir)
{
    QByteArray out;
    const bool ok = ApplianceProcess::run({QStringLiteral("pattern"), QStringLiteral("trust"),
                                              keyDir + QStringLiteral("/pattern.pub"),
                                              QStringLiteral("--data"), dataDir},
                        {}, &out)
            == 0
        && ApplianceProcess::run({QStringLiteral("pattern"), QStringLiteral("import"), bundle,
                                     QStringLiteral("--data"), dataDir},
               {}, &out)
            == 0;
    if (!ok)
        qWarning("pattern trust/import failed: %s", out.constData());
    return ok;
}

QString installPatternWithUpdate(const QString &workDir, const QString &dataDir, qint64 version)
{
    const QDir work(workDir);
    const QString keys = work.filePath(QStringLiteral("keys"));
    const QString sig1 = work.filePath(QStringLiteral("sig-%1").arg(version));
    const QString sig2 = work.filePath(QStringLiteral("sig-%1").arg(version + 1));
    if (!makeSignatures(sig1) || !makeSignatures(sig2, true))
        return {};
    const QString bundle1 = buildBundle(keys, sig1, version, workDir);
    const QString bundle2 = buildBundle(keys, sig2, version + 1, workDir);
    if (bundle1.isEmpty() || bundle2.isEmpty() || !trustAndImport(keys, bundle1, dataDir))
        return {};
    const QString feed = work.filePath(QStringLiteral("feed"));
    const QString name = QStringLiteral("pattern-%1.mpb").arg(version + 1);
    QFile bundle(bundle2);
    if (!QDir().mkpath(feed) || !QFile::copy(bundle2, feed + u'/' + name)
        || !bundle.open(QIODevice::ReadOnly))
        return {};
    const QByteArray sha =
        QCryptographicHash::hash(bundle.readAll(), QCryptographicHash::Sha256).toHex();
    const QByteArray index =
        QStringLiteral(R"({"version": %1, "released": "2026-11-25T00:00:00Z", )"
                       R"("bundle": "%2", "sha256": "%3"})")
            .arg(version + 1)
            .arg(name, QString::fromLatin1(sha))
            .toUtf8();
    if (!writeFile(feed + QStringLiteral("/index.json"), index))
        return {};
    return QStringLiteral("dir:") + feed;
}

} // namespace mamori::test
