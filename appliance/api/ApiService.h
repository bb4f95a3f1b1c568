// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/api/ApiCall.h"
#include "appliance/audit/AuditLog.h"
#include "appliance/audit/RecordedChange.h"
#include "appliance/daemon/ApplianceServices.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace mamori::appliance {

// Answers every API request on the Qt main thread: routes it through the
// access table, checks the token and the role, and calls the handler that
// one of the api/*Api.cpp files registered for it.
class ApiService : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const ApiCall &)>;

    explicit ApiService(ApplianceServices services, QObject *parent = nullptr);
    ~ApiService() override;

    void handle(const HttpRequest &request, HttpResponder responder);
    void route(const char *method, const char *pattern, Handler handler);
    // Endpoints of the access table that no handler serves (a test keeps it empty).
    QStringList unserved() const;

    const ApplianceServices &services() const { return m_services; }
    // Records who did what from where in the audit log (a refusal, a
    // failure: what changed nothing; a change is recorded by its
    // RecordedChange).
    void audit(const ApiCall &call, const QString &action, const QString &target,
        const QString &outcome, const QString &detail = {}, const QString &user = {},
        const QString &role = {}) const;
    AuditRecord auditRecord(const ApiCall &call, const QString &action, const QString &target,
        const QString &outcome, const QString &detail = {}) const;
    // Opens the unit a change of this call, its audit record and its event
    // are written in.
    RecordedChange change() const;
    // Answers a change that could not be kept with its storage error (or
    // internal), and records the refusal where that is still possible.
    void refuseChange(const ApiCall &call, const RecordedChange &change, const QString &action,
        const QString &target) const;

private:
    ApplianceServices m_services;
    QHash<QString, Handler> m_handlers; // "METHOD pattern"
};

// Each registers the handlers of one area of the API.
void registerSessionApi(ApiService &api);
void registerInventoryApi(ApiService &api);
void registerEventApi(ApiService &api);
void registerSecurityApi(ApiService &api);
void registerMetricsApi(ApiService &api);

} // namespace mamori::appliance
