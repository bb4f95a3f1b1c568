// SPDX-License-Identifier: GPL-2.0-or-later
#include "LabSetup.h"

#include "app/fleet/Fleet.h"
#include "app/store/ConsoleStore.h"
#include "protocol/Role.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>

namespace mamori::ui {

bool addLabAppliances(console::Fleet *fleet, const QStringList &dirs, QString *error)
{
    for (const QString &dir : dirs) {
        QFile endpoint(QDir(dir).filePath(QStringLiteral("lab-endpoint.json")));
        QFile credentials(QDir(dir).filePath(QStringLiteral("lab-credentials")));
        QFile cert(QDir(dir).filePath(QStringLiteral("data/tls/cert.pem")));
        if (!endpoint.open(QIODevice::ReadOnly) || !credentials.open(QIODevice::ReadOnly)
            || !cert.open(QIODevice::ReadOnly)) {
            *error = QCoreApplication::translate("LabSetup",
                "%1 is not a running lab host (start it with "
                "mamori-appliance lab --dir %1).")
                         .arg(dir);
            return false;
        }
        const QJsonObject lab = QJsonDocument::fromJson(endpoint.readAll()).object();
        const QString url = lab.value(QStringLiteral("url")).toString();
        QString user, password;
        for (const QByteArray &line : credentials.readAll().split('\n')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 3
                && QString::fromUtf8(parts[0])
                    == protocol::roleName(protocol::Role::SecurityAdmin)) {
                user = QString::fromUtf8(parts[1]);
                password = QString::fromUtf8(parts[2]);
            }
        }
        const auto certs = QSslCertificate::fromData(cert.readAll(), QSsl::Pem);
        if (url.isEmpty() || user.isEmpty() || certs.isEmpty()) {
            *error = QCoreApplication::translate("LabSetup", "%1 holds an incomplete lab host.")
                         .arg(dir);
            return false;
        }
        const auto info = console::CertificateInfo::fromDer(certs.first().toDer());
        console::ConsoleStore *store = fleet->store();
        bool known = false;
        for (const console::ApplianceEntry &e : store->appliances()) {
            if (e.url == url) {
                known = true;
                store->setPin(e.id, info.fingerprint, QString::fromLatin1(info.spkiSha256Base64));
            }
        }
        if (known) {
            // Signs in with the lab's password once the fleet starts.
            QObject::connect(fleet, &console::Fleet::connectionStateChanged, fleet,
                [url, password](console::ApplianceConnection *c) {
                    if (c->entry().url == url
                        && c->state() == console::ApplianceConnection::State::NeedsPassword)
                        c->providePassword(password, false);
                });
        } else {
            fleet->addAppliance(url, lab.value(QStringLiteral("host_name")).toString(), user,
                password, false, info, [](const console::ApiError &) {});
        }
    }
    return true;
}

} // namespace mamori::ui
