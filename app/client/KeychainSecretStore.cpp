// SPDX-License-Identifier: GPL-2.0-or-later
#include "KeychainSecretStore.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace mamori::console {

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent), m_service(service)
{ }

void KeychainSecretStore::readSecret(const QString &key, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    run(job, std::move(done));
}

void KeychainSecretStore::writeSecret(const QString &key, const QString &secret, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    run(job, std::move(done));
}

void KeychainSecretStore::removeSecret(const QString &key, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    run(job, std::move(done));
}

void KeychainSecretStore::run(QKeychain::Job *job, Callback done)
{
    if (!m_available) {
        delete job;
        SecretResult r {SecretResult::Status::Unavailable, {}, m_unavailableReason};
        QTimer::singleShot(0, this, [done = std::move(done), r] {
            if (done)
                done(r);
        });
        return;
    }
    // QtKeychain would otherwise keep the secret in a plain-text settings
    // file when no keyring is reachable.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    connect(
        job, &QKeychain::Job::finished, this, [this, done = std::move(done)](QKeychain::Job *j) {
            SecretResult r;
            r.message = j->errorString();
            switch (j->error()) {
            case QKeychain::NoError:
                r.message.clear();
                if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
                    r.secret = read->textData();
                break;
            case QKeychain::EntryNotFound:
                r.status = SecretResult::Status::NotFound;
                break;
            case QKeychain::AccessDeniedByUser:
            case QKeychain::AccessDenied:
                r.status = SecretResult::Status::Denied;
                break;
            case QKeychain::CouldNotDeleteEntry:
                r.status = SecretResult::Status::Failed;
                break;
            case QKeychain::NoBackendAvailable:
            case QKeychain::NotImplemented:
            case QKeychain::OtherError:
                r.status = SecretResult::Status::Unavailable;
                break;
            }
            const QPointer<KeychainSecretStore> alive(this);
            if (r.status == SecretResult::Status::Unavailable && m_available) {
                m_available = false;
                m_unavailableReason = r.message;
                emit unavailable(r.message);
            }
            if (alive && done)
                done(r);
        });
    // Started from the event loop so that `done` never runs inside our caller,
    // whichever way the backend reports.
    QTimer::singleShot(0, job, &QKeychain::Job::start);
}

} // namespace mamori::console
