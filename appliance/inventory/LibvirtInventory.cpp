// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/inventory/LibvirtInventory.h"

#include "appliance/inventory/DomainDisks.h"

#include <QDir>
#include <QScopeGuard>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cstdlib>
#include <libvirt/virterror.h>
#include <memory>
#include <mutex>

namespace mamori::appliance {
namespace {

// libvirt's default handler prints every error to stderr, including the ones
// we report ourselves (and a failing hypervisor would repeat it every poll).
void ignoreLibvirtError(void *, virErrorPtr) { }

void initLibvirt()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // virInitialize makes libvirt safe to use from several threads.
        virInitialize();
        virSetErrorFunc(nullptr, ignoreLibvirtError);
    });
}

// virGetLastError is per thread, so this reads the error of the call that
// just failed on this thread.
QString lastLibvirtError(const QString &what)
{
    const virErrorPtr e = virGetLastError();
    const QString detail =
        e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown libvirt error");
    return what + QStringLiteral(": ") + detail;
}

bool domainVanished()
{
    const virErrorPtr e = virGetLastError();
    return e && e->code == VIR_ERR_NO_DOMAIN;
}

struct DomainList
{
    virDomainPtr *domains = nullptr;
    int count = 0;
    ~DomainList()
    {
        for (int i = 0; i < count; ++i)
            virDomainFree(domains[i]);
        std::free(domains);
    }
};

} // namespace

LibvirtInventory::LibvirtInventory(const QString &uri) : m_uri(uri)
{
    initLibvirt();
}

LibvirtInventory::~LibvirtInventory()
{
    disconnect();
}

QString LibvirtInventory::description() const
{
    return QStringLiteral("libvirt:") + m_uri;
}

bool LibvirtInventory::connect(QString *error)
{
    if (m_conn)
        return true;
    m_conn = virConnectOpenReadOnly(m_uri.toUtf8().constData());
    if (!m_conn) {
        *error = lastLibvirtError(QStringLiteral("cannot connect to libvirt at %1").arg(m_uri));
        return false;
    }
    virConnSetErrorFunc(m_conn, nullptr, ignoreLibvirtError);
    return true;
}

void LibvirtInventory::disconnect()
{
    if (m_conn) {
        virConnectClose(m_conn);
        m_conn = nullptr;
    }
}

bool LibvirtInventory::list(QList<VmRecord> *out, QString *error)
{
    if (!connect(error))
        return false;

    DomainList all;
    all.count = virConnectListAllDomains(m_conn, &all.domains, 0);
    if (all.count < 0) {
        all.count = 0;
        *error = lastLibvirtError(QStringLiteral("cannot list libvirt domains at %1").arg(m_uri));
        disconnect();
        return false;
    }

    QList<VmRecord> vms;
    vms.reserve(all.count);
    for (int i = 0; i < all.count; ++i) {
        virDomainPtr dom = all.domains[i];
        VmRecord vm;
        const char *name = virDomainGetName(dom);
        vm.name = QString::fromUtf8(name ? name : "");

        char uuid[VIR_UUID_STRING_BUFLEN] = {};
        int state = VIR_DOMAIN_NOSTATE;
        int reason = 0;
        char *xml = nullptr;
        if (virDomainGetUUIDString(dom, uuid) < 0 || virDomainGetState(dom, &state, &reason, 0) < 0
            || !(xml = virDomainGetXMLDesc(dom, 0))) {
            // Undefined between the listing and now: it is simply gone.
            if (domainVanished())
                continue;
            *error = lastLibvirtError(QStringLiteral("cannot read libvirt domain %1").arg(vm.name));
            disconnect();
            return false;
        }
        const QString description = QString::fromUtf8(xml);
        std::free(xml);

        vm.id = QUuid::fromString(QLatin1String(uuid));
        vm.power = powerName(state);
        QString xmlError;
        if (!rootFromXml(description, &vm.root, &xmlError)
            || !disksFromDomainXml(description, &vm.disks, &xmlError)) {
            *error = QStringLiteral("cannot read libvirt domain %1: %2").arg(vm.name, xmlError);
            return false;
        }
        for (VmDisk &disk : vm.disks)
            m_chains.fill(&disk);
        vms.append(vm);
    }
    *out = std::move(vms);
    return true;
}

QString LibvirtInventory::powerName(int virDomainState)
{
    switch (virDomainState) {
    case VIR_DOMAIN_RUNNING:
    case VIR_DOMAIN_BLOCKED:
        return QStringLiteral("running");
    case VIR_DOMAIN_PAUSED:
    case VIR_DOMAIN_PMSUSPENDED:
        return QStringLiteral("paused");
    case VIR_DOMAIN_SHUTOFF:
    case VIR_DOMAIN_SHUTDOWN:
    case VIR_DOMAIN_CRASHED:
        return QStringLiteral("shut-off");
    default:
        return QStringLiteral("unknown");
    }
}

bool LibvirtInventory::rootFromXml(const QString &xml, QString *root, QString *error)
{
    QXmlStreamReader reader(xml);
    // Only /domain/devices/filesystem counts: the same element name inside,
    // say, metadata is not a device.
    static const QStringList kFilesystemPath {
        QStringLiteral("domain"), QStringLiteral("devices"), QStringLiteral("filesystem")};
    QStringList path;
    bool inMountFilesystem = false;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            const QString name = reader.name().toString();
            path.append(name);
            if (path == kFilesystemPath) {
                // libvirt's schema makes "mount" the default type.
                const auto type = reader.attributes().value(QLatin1String("type"));
                inMountFilesystem = type.isEmpty() || type == u"mount";
            } else if (inMountFilesystem && path.size() == 4 && name == u"source") {
                const QString dir = reader.attributes().value(QLatin1String("dir")).toString();
                // A relative path would be resolved against the appliance's
                // working directory, scanning something that is not the VM.
                root->clear();
                if (QDir::isAbsolutePath(dir))
                    *root = QDir::cleanPath(dir);
                return true;
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (inMountFilesystem && path.size() == 3) {
                // The first mount device has no source dir: no root.
                root->clear();
                return true;
            }
            path.removeLast();
            break;
        default:
            break;
        }
    }
    if (reader.hasError()) {
        *error = reader.errorString();
        return false;
    }
    root->clear();
    return true;
}

bool LibvirtInventory::interfacesWithLink(
    const QString &domainXml, bool up, QStringList *interfaces, QString *error)
{
    static const QStringList kInterfacePath {
        QStringLiteral("domain"), QStringLiteral("devices"), QStringLiteral("interface")};
    QXmlStreamReader reader(domainXml);
    QStringList path;
    QString current;
    std::unique_ptr<QXmlStreamWriter> writer;
    int skipDepth = 0; // inside the interface's old <link>: dropped
    interfaces->clear();
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            path.append(reader.name().toString());
            if (path == kInterfacePath) {
                current.clear();
                writer = std::make_unique<QXmlStreamWriter>(&current);
            }
            if (writer && path.size() == 4 && path.last() == u"link")
                skipDepth = 1;
            else if (skipDepth)
                ++skipDepth;
        }
        if (writer && !skipDepth) {
            if (token == QXmlStreamReader::EndElement && path.size() == 3) {
                writer->writeEmptyElement(QStringLiteral("link"));
                writer->writeAttribute(
                    QStringLiteral("state"), up ? QStringLiteral("up") : QStringLiteral("down"));
            }
            writer->writeCurrentToken(reader);
        }
        if (token == QXmlStreamReader::EndElement) {
            if (skipDepth)
                --skipDepth;
            if (writer && path.size() == 3) {
                writer.reset();
                interfaces->append(current);
            }
            path.removeLast();
        }
    }
    if (reader.hasError()) {
        *error = reader.errorString();
        return false;
    }
    return true;
}

InventoryProvider::Isolation LibvirtInventory::setIsolated(
    const QUuid &vm, bool isolated, QString *error)
{
    initLibvirt();
    virConnectPtr conn = virConnectOpen(m_uri.toUtf8().constData());
    if (!conn) {
        *error = lastLibvirtError(QStringLiteral("cannot connect to libvirt at %1").arg(m_uri));
        return Isolation::Failed;
    }
    virConnSetErrorFunc(conn, nullptr, ignoreLibvirtError);
    const auto closeConn = qScopeGuard([conn] { virConnectClose(conn); });
    virDomainPtr dom =
        virDomainLookupByUUIDString(conn, vm.toString(QUuid::WithoutBraces).toLatin1().constData());
    if (!dom) {
        *error =
            lastLibvirtError(QStringLiteral("cannot find libvirt domain %1").arg(vm.toString()));
        return Isolation::Failed;
    }
    const auto freeDom = qScopeGuard([dom] { virDomainFree(dom); });
    char *xml = virDomainGetXMLDesc(dom, 0);
    if (!xml) {
        *error =
            lastLibvirtError(QStringLiteral("cannot read libvirt domain %1").arg(vm.toString()));
        return Isolation::Failed;
    }
    const QString description = QString::fromUtf8(xml);
    std::free(xml);
    QStringList interfaces;
    if (!interfacesWithLink(description, !isolated, &interfaces, error))
        return Isolation::Failed;
    if (interfaces.isEmpty())
        return Isolation::NotApplicable;
    unsigned flags = 0;
    if (virDomainIsActive(dom) == 1)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    // Isolation must outlive a reboot of the VM until it is released.
    if (virDomainIsPersistent(dom) == 1)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    for (const QString &iface : interfaces) {
        if (virDomainUpdateDeviceFlags(dom, iface.toUtf8().constData(), flags) < 0) {
            *error = lastLibvirtError(isolated
                    ? QStringLiteral("cannot set the network link of %1 down").arg(vm.toString())
                    : QStringLiteral("cannot set the network link of %1 up").arg(vm.toString()));
            return Isolation::Failed;
        }
    }
    return Isolation::Applied;
}

} // namespace mamori::appliance
