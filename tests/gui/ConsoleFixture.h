// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ApplianceProcess.h"
#include "app/client/SecretStore.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetModel.h"
#include "app/store/ConsoleStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace mamori::test {

inline const QByteArray kConsolePassword = "correct horse battery staple";

// A console of its own for GUI tests: store, secrets and fleet, with real
// appliances added the way the Add Appliance dialog adds them.
struct ConsoleFixture
{
    QTemporaryDir dir;
    console::ConsoleStore store;
    std::unique_ptr<console::MemorySecretStore> secrets;
    std::unique_ptr<console::Fleet> fleet;

    bool open()
    {
        if (fleet)
            return true;
        if (!store.open(dir.path()))
            return false;
        secrets = std::make_unique<console::MemorySecretStore>();
        fleet = std::make_unique<console::Fleet>(&store, secrets.get());
        return true;
    }

    // Trusts the appliance's certificate, signs in as `user` and waits until
    // its `vms` VMs are listed.
    bool add(const ApplianceProcess &app, const QString &name, const QString &user, int vms)
    {
        if (!open() || !addToFleet(fleet.get(), app, name, user))
            return false;
        console::ApplianceConnection *c = fleet->connections().constLast();
        return QTest::qWaitFor([&] { return vmCount(c) == vms; }, 20000);
    }

    // Adds the appliance to `fleet` as the Add Appliance dialog does: its
    // certificate trusted, signed in as `user`, the password not remembered.
    static bool addToFleet(console::Fleet *fleet, const ApplianceProcess &app, const QString &name,
        const QString &user)
    {
        std::optional<console::CertificateInfo> cert;
        fleet->probe(
            app.baseUrl(), [&](console::CertificateInfo c, console::ApiError) { cert = c; });
        if (!QTest::qWaitFor([&] { return cert.has_value(); }, 20000))
            return false;
        std::optional<console::ApiError> added;
        fleet->addAppliance(app.baseUrl(), name, user, QString::fromUtf8(kConsolePassword), false,
            *cert, [&](console::ApiError e) { added = e; });
        return QTest::qWaitFor([&] { return added.has_value(); }, 20000) && added->ok();
    }

    console::ApplianceConnection *connection(int i = 0) const
    {
        return fleet->connections().value(i);
    }

    // The VMs the fleet page shows under the appliance.
    int vmCount(const console::ApplianceConnection *c) const
    {
        return fleet->model()->rowCount(fleet->model()->hostIndex(c->id()));
    }
};

} // namespace mamori::test
