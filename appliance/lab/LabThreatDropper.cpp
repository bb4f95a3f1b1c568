// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabThreatDropper.h"

#include "appliance/lab/LabArchive.h"
#include "appliance/lab/LabImageGenerator.h"
#include "appliance/lab/LabRandom.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace mamori::appliance {
namespace {

// Put together at run time so that this library's binary does not itself
// match the lab pattern.
QByteArray marker()
{
    return QByteArray("MAMORI-LAB-") + "TEST-THREAT-";
}

QByteArray newerMarker()
{
    return QByteArray("MAMORI-LAB-") + "NEWER-THREAT-";
}

QByteArray fileFrom(const QStringList &lines)
{
    return lines.join(QLatin1Char('\n')).toLatin1() + '\n';
}

QMap<QString, QByteArray> pattern(int version)
{
    QStringList hdb;
    QStringList ndb;
    for (const QString &line : LabThreatDropper::signatureLines(version))
        (line.count(QLatin1Char(':')) == 2 ? hdb : ndb).append(line);
    return {{QStringLiteral("mamori-lab.hdb"), fileFrom(hdb)},
        {QStringLiteral("mamori-lab.ndb"), fileFrom(ndb)}};
}

} // namespace

LabThreatDropper::LabThreatDropper(const QString &vmsDir, quint64 seed, QObject *parent)
    : QObject(parent), m_vmsDir(vmsDir), m_seed(seed)
{
    m_timer.setInterval(std::chrono::seconds(90));
    connect(&m_timer, &QTimer::timeout, this, &LabThreatDropper::onTimer);
}

void LabThreatDropper::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

std::chrono::milliseconds LabThreatDropper::interval() const
{
    return m_timer.intervalAsDuration();
}

void LabThreatDropper::start()
{
    m_timer.start();
}

void LabThreatDropper::stop()
{
    m_timer.stop();
}

bool LabThreatDropper::isActive() const
{
    return m_timer.isActive();
}

QByteArray LabThreatDropper::eicar()
{
    // Split so that this library's own binary is not the EICAR file's twin
    // in a scanner's eyes (EICAR must start at offset 0 anyway).
    return QByteArray("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-")
        + QByteArray("STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
}

QByteArray LabThreatDropper::body(Threat threat, int n)
{
    const QByteArray number = QByteArray::number(n);
    switch (threat) {
    case Threat::Eicar:
        return eicar();
    case Threat::Marker:
        return QByteArray("Lab test file; harmless. ") + marker() + number + "\r\n";
    case Threat::ZippedMarker:
        return labarchive::zip(
            {{QStringLiteral("invoice-%1.js").arg(n),
                QByteArray("// lab test file; harmless. ") + marker() + number + "\n"}},
            labarchive::dosTimeFrom(quint64(n)));
    case Threat::NewerMarker:
        return QByteArray("Lab test file; harmless. ") + newerMarker() + number + "\r\n";
    }
    return {};
}

QStringList LabThreatDropper::signatureLines(int patternVersion)
{
    const QByteArray e = eicar();
    QStringList lines {
        QStringLiteral("%1:%2:Mamori.Lab.EICAR")
            .arg(QString::fromLatin1(QCryptographicHash::hash(e, QCryptographicHash::Md5).toHex()))
            .arg(e.size()),
        QStringLiteral("Mamori.Lab.Marker:0:*:%1").arg(QString::fromLatin1(marker().toHex())),
    };
    if (patternVersion >= 2)
        lines.append(QStringLiteral("Mamori.Lab.Marker2:0:*:%1")
                         .arg(QString::fromLatin1(newerMarker().toHex())));
    return lines;
}

QMap<QString, QByteArray> LabThreatDropper::labPatternV1()
{
    return pattern(1);
}

QMap<QString, QByteArray> LabThreatDropper::labPatternV2()
{
    return pattern(2);
}

QString LabThreatDropper::dropNext(QString *vmName, QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    const QStringList vms = QDir(m_vmsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (vms.isEmpty()) {
        err = QStringLiteral("no VM folders in %1").arg(m_vmsDir);
        return {};
    }
    const int n = ++m_count;
    // The n-th drop depends on (seed, n) only: a restarted lab repeats itself.
    LabRandom rng(labMix(m_seed ^ 0x7468726561747321ull, quint64(n)));
    const QString vm = rng.pick(vms);
    static const Threat threats[] = {
        Threat::Eicar, Threat::Marker, Threat::ZippedMarker, Threat::NewerMarker};
    const Threat threat = rng.pick(threats);
    static const char *const eicarNames[] = {"invoice-%1.pdf.exe", "scan-%1.com", "payment-%1.exe"};
    static const char *const markerNames[] = {"setup-%1.exe", "Report-%1.docm", "update-%1.scr"};
    const char *pattern = nullptr;
    switch (threat) {
    case Threat::Eicar:
        pattern = rng.pick(eicarNames);
        break;
    case Threat::Marker:
    case Threat::NewerMarker:
        pattern = rng.pick(markerNames);
        break;
    case Threat::ZippedMarker:
        pattern = "photos-%1.zip";
        break;
    }
    const QString root = m_vmsDir + QLatin1Char('/') + vm;
    const QString folder = root + QStringLiteral("/Users/") + LabImageGenerator::userOf(root)
        + (rng.chance(80) ? QStringLiteral("/Downloads") : QStringLiteral("/Desktop"));
    const QString name = QString::fromLatin1(pattern).arg(n);
    const QString path = folder + QLatin1Char('/') + name;
    // Written under a hidden name and renamed, as a browser finishes a
    // download: a watcher never sees a half-written file.
    const QString part = folder + QStringLiteral("/.") + name + QStringLiteral(".part");
    QFile file(part);
    const QByteArray data = body(threat, n);
    if (!QDir().mkpath(folder) || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(data) != data.size() || !file.flush()) {
        err = QStringLiteral("cannot write %1: %2").arg(part, file.errorString());
        return {};
    }
    file.close();
    QFile::remove(path);
    if (!QFile::rename(part, path)) {
        err = QStringLiteral("cannot rename %1 to %2").arg(part, path);
        return {};
    }
    if (vmName)
        *vmName = vm;
    return path;
}

void LabThreatDropper::onTimer()
{
    QString vm;
    QString error;
    const QString path = dropNext(&vm, &error);
    if (path.isEmpty())
        Q_EMIT dropFailed(error);
    else
        Q_EMIT dropped(vm, path);
}

} // namespace mamori::appliance
