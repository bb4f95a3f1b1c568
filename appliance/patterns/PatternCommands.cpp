// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/patterns/PatternCommands.h"

#include "appliance/engine/ScanEngine.h"
#include "appliance/patterns/PatternBundle.h"
#include "appliance/patterns/PatternService.h"
#include "appliance/patterns/PatternStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdio>
#include <sodium.h>

namespace mamori::appliance {
namespace {

const char kPatternUsage[] = R"(Usage: mamori-appliance pattern COMMAND [OPTIONS]

  pattern keygen --out DIR
        Create a pattern signing key pair: DIR/pattern.key (secret, 0600)
        and DIR/pattern.pub. Never overwrites a key.
  pattern build --key SECRET --version V --from SIGDIR --out BUNDLE
        [--released ISO-8601]
        Sign the signature files in SIGDIR (.hdb .ndb .ldb .yar .cvd ...)
        into one bundle. V is an integer above every earlier version.
  pattern trust PUBLIC-KEY-FILE [--data DIR]
        Trust bundles signed with this key (and only trusted keys).
  pattern import BUNDLE [--data DIR]
        Verify and install a bundle offline; a running appliance switches
        to it.
  pattern status [--data DIR]
        Print the installed versions as JSON.

Without --data: )" MAMORI_DEFAULT_DATA_DIR R"(.
Bundle format, keys and the update source: docs/patterns.md.
)";

int usageError(const QString &message)
{
    std::fprintf(
        stderr, "mamori-appliance: %s (see mamori-appliance pattern help)\n", qPrintable(message));
    return 2;
}

int failure(const QString &message)
{
    std::fprintf(stderr, "mamori-appliance: %s\n", qPrintable(message));
    return 1;
}

QString required(
    const QCommandLineParser &parser, const QCommandLineOption &option, QString *missing)
{
    const QString value = parser.value(option);
    if (value.isEmpty() && missing->isEmpty())
        *missing = QStringLiteral("--%1 is required").arg(option.names().first());
    return value;
}

int keygen(const QString &out)
{
    QString id, error;
    if (!patternkeys::generate(out, &id, &error))
        return failure(error);
    std::printf("key %s\nsecret: %s/pattern.key (keep it off the appliances)\npublic: "
                "%s/pattern.pub\n",
        qPrintable(id), qPrintable(out), qPrintable(out));
    return 0;
}

int build(const QString &keyPath, const QString &versionText, const QString &from,
    const QString &out, const QString &releasedText)
{
    bool numeric = false;
    const qint64 version = versionText.toLongLong(&numeric);
    if (!numeric || version < 1)
        return usageError(QStringLiteral("--version must be a positive integer"));
    QDateTime released = QDateTime::currentDateTimeUtc();
    if (!releasedText.isEmpty()) {
        released = QDateTime::fromString(releasedText, Qt::ISODate);
        if (!released.isValid())
            return usageError(QStringLiteral("--released must be an ISO 8601 time"));
    }
    QString error;
    const QByteArray secret = patternkeys::readSecretKey(keyPath, &error);
    if (secret.isEmpty())
        return failure(error);
    const QDir dir(from);
    if (!dir.exists())
        return failure(QStringLiteral("%1 is not a folder").arg(from));
    QTemporaryDir check;
    QStringList files;
    for (const QFileInfo &info : dir.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name)) {
        if (!isPatternFileName(info.fileName())) {
            std::fprintf(
                stderr, "skipping %s: not a signature file name\n", qPrintable(info.fileName()));
            continue;
        }
        files.append(info.absoluteFilePath());
        if (!QFile::copy(info.absoluteFilePath(), check.filePath(info.fileName())))
            return failure(QStringLiteral("cannot read %1").arg(info.absoluteFilePath()));
    }
    if (files.isEmpty())
        return failure(QStringLiteral("%1 holds no signature files").arg(from));
    // Refuse here what every appliance would refuse later.
    const auto engine = ScanEngine::compile(check.path(), ScanEngine::Limits {}, &error);
    if (!engine)
        return failure(error.replace(check.path(), from));
    if (!writePatternBundle(out, secret, version, released, files, &error))
        return failure(error);
    std::printf("built %s: version %lld, %lld files, %u signatures, key %s\n", qPrintable(out),
        version, qint64(files.size()), engine->signatureCount(),
        qPrintable(patternkeys::keyId(secret.right(32))));
    return 0;
}

int trust(const QString &keyFile, const QString &data)
{
    PatternStore store(data);
    QString id, error;
    if (!store.trustKey(keyFile, &id, &error))
        return failure(error);
    std::printf("trusted key %s\n", qPrintable(id));
    return 0;
}

int importBundle(
    const QString &bundle, const QString &data, const PatternSwitchRecorders &recorders)
{
    PatternStore store(data);
    QString error, code;
    if (!store.open(&error))
        return failure(error);
    std::unique_ptr<PatternSwitchRecorder> recorder;
    if (recorders) {
        recorder = recorders(data, &error);
        if (!recorder && !error.isEmpty())
            return failure(QStringLiteral("%1 not imported: %2").arg(bundle, error));
    }
    if (recorder)
        store.setActivationHook(recorder->hook());
    const qint64 previous = store.active() ? store.active()->version : 0;
    PatternStore::Prepared installed;
    if (!store.install(bundle, ScanEngine::Limits {}, &installed, &code, &error))
        return failure(QStringLiteral("%1 refused: %2").arg(bundle, error));
    if (recorder)
        recorder->switched(installed.info.version, previous, QStringLiteral("import"));
    std::printf("installed version %lld (%lld signatures)\n", installed.info.version,
        installed.info.signatures);
    return 0;
}

int status(const QString &data)
{
    PatternService service(data);
    QString error;
    if (!service.open(&error))
        return failure(error);
    std::printf("%s", QJsonDocument(service.status()).toJson().constData());
    return 0;
}

} // namespace

int runPatternCommand(const QStringList &arguments, const PatternSwitchRecorders &recorders)
{
    QStringList args = arguments;
    if (args.size() > 1 && args.first() != QLatin1String("pattern"))
        args.removeFirst(); // the program name
    if (sodium_init() < 0)
        return failure(QStringLiteral("libsodium could not be initialised"));
    const QCommandLineOption data(QStringLiteral("data"), {}, QStringLiteral("DIR"));
    const QCommandLineOption out(QStringLiteral("out"), {}, QStringLiteral("PATH"));
    const QCommandLineOption key(QStringLiteral("key"), {}, QStringLiteral("FILE"));
    const QCommandLineOption version(QStringLiteral("version"), {}, QStringLiteral("V"));
    const QCommandLineOption from(QStringLiteral("from"), {}, QStringLiteral("DIR"));
    const QCommandLineOption released(QStringLiteral("released"), {}, QStringLiteral("TIME"));
    const QCommandLineOption help(QStringLiteral("help"));
    QCommandLineParser parser;
    parser.addOptions({data, out, key, version, from, released, help});
    if (!parser.parse(QStringList {QStringLiteral("mamori-appliance")} + args))
        return usageError(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    const QString verb = positional.value(1);
    if (verb == QLatin1String("help") || parser.isSet(help)) {
        std::fputs(kPatternUsage, stdout);
        return 0;
    }
    QString missing;
    if (verb == QLatin1String("keygen")) {
        const QString dir = required(parser, out, &missing);
        return missing.isEmpty() ? keygen(dir) : usageError(missing);
    }
    if (verb == QLatin1String("build")) {
        const QString k = required(parser, key, &missing);
        const QString v = required(parser, version, &missing);
        const QString f = required(parser, from, &missing);
        const QString o = required(parser, out, &missing);
        return missing.isEmpty() ? build(k, v, f, o, parser.value(released)) : usageError(missing);
    }
    const QString dataDir =
        parser.isSet(data) ? parser.value(data) : QStringLiteral(MAMORI_DEFAULT_DATA_DIR);
    if (verb == QLatin1String("status"))
        return missing.isEmpty() ? status(dataDir) : usageError(missing);
    if (verb == QLatin1String("trust") || verb == QLatin1String("import")) {
        if (positional.size() != 3)
            missing = QStringLiteral("pattern %1 needs exactly one file").arg(verb);
        if (!missing.isEmpty())
            return usageError(missing);
        return verb == QLatin1String("trust") ? trust(positional.at(2), dataDir)
                                              : importBundle(positional.at(2), dataDir, recorders);
    }
    return usageError(verb.isEmpty() ? QStringLiteral("pattern needs a command")
                                     : QStringLiteral("unknown pattern command '%1'").arg(verb));
}

} // namespace mamori::appliance
