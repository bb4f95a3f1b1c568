// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "SecretStore.h"

namespace QKeychain {
class Job;
}

namespace mamori::console {

// Secrets in the OS keyring through QtKeychain (Secret Service or KWallet on
// Linux). Never falls back to QtKeychain's plain-text store: when no keyring
// answers, every call reports Unavailable and unavailable() is emitted.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(
        const QString &service = QStringLiteral("Mamori"), QObject *parent = nullptr);

    void readSecret(const QString &key, Callback done) override;
    void writeSecret(const QString &key, const QString &secret, Callback done) override;
    void removeSecret(const QString &key, Callback done) override;
    bool isPersistent() const override { return m_available; }
    // False once the backend has failed; it is not tried again in this run.
    bool isAvailable() const { return m_available; }
    QString service() const { return m_service; }

private:
    void run(QKeychain::Job *job, Callback done);

    QString m_service;
    bool m_available = true;
    QString m_unavailableReason;
};

} // namespace mamori::console
