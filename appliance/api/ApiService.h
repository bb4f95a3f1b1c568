// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/Config.h"
#include "appliance/api/AccessPolicy.h"
#include "appliance/auth/SessionStore.h"
#include "appliance/http/HttpServer.h"
#include "protocol/ErrorCode.h"

#include <QDateTime>
#include <QObject>
#include <QThreadPool>
#include <list>

namespace mamori::appliance {

class AuditLog;
class EventLog;
class InventoryMonitor;
class LoginThrottle;
class UserStore;
struct Event;

// What the API handlers work on; owned by ApplianceDaemon.
struct ApiContext
{
    const Config *config = nullptr;
    QString applianceId;
    QDateTime started;
    UserStore *users = nullptr;
    SessionStore *sessions = nullptr;
    LoginThrottle *throttle = nullptr;
    AuditLog *audit = nullptr;
    EventLog *events = nullptr;
    InventoryMonitor *inventory = nullptr;
};

// Answers every API request on the Qt main thread: routes it through the
// access table, checks the token and the role, and calls the handler.
class ApiService : public QObject
{
    Q_OBJECT

public:
    explicit ApiService(ApiContext context, QObject *parent = nullptr);
    ~ApiService() override;

    void handle(const HttpRequest &request, HttpResponder responder);

private:
    struct Call
    {
        HttpRequest request;
        HttpResponder responder;
        const Endpoint *endpoint = nullptr;
        QStringList parameters;
        Session session;
        QString token;
    };
    struct Waiter
    {
        quint64 id = 0;
        HttpResponder responder;
        qint64 after = 0;
        int limit = 0;
    };

    void dispatch(Call &call);
    void login(const Call &call);
    void finishLogin(const Call &call, const QString &user, bool passwordOk);
    void logout(const Call &call);
    void applianceInfo(const Call &call);
    void listVms(const Call &call);
    void getVm(const Call &call);
    void events(const Call &call);
    void auditRecords(const Call &call);

    void onEvent(const Event &event);
    void answerEvents(const HttpResponder &responder, qint64 after, int limit);
    void audit(const Call &call, const QString &action, const QString &target,
               const QString &outcome, const QString &detail = {},
               const QString &user = {}, const QString &role = {});
    static void fail(const HttpResponder &responder, protocol::ErrorCode code,
                     const QString &message, QList<QPair<QByteArray, QByteArray>> headers = {});
    static void ok(const HttpResponder &responder, const QJsonObject &body);

    ApiContext m_ctx;
    std::list<Waiter> m_waiters;
    quint64 m_nextWaiterId = 1;
    QThreadPool m_hashPool; // Argon2id verification stays off the main thread
};

} // namespace mamori::appliance
