// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace mamori::console {

struct SecretResult
{
    enum class Status {
        Ok,
        NotFound,
        Denied, // the user refused to unlock the keyring
        Failed, // the keyring answered but did not do it
        Unavailable, // no keyring: ask for the password each time
    };
    Status status = Status::Ok;
    QString secret; // readSecret only
    QString message; // English detail for logs

    bool ok() const { return status == Status::Ok; }
};

// Where the console keeps passwords. Asynchronous because a keyring may
// have to ask the user to unlock it; callbacks run later from the event loop.
// No implementation ever writes a secret to disk in plain text.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(SecretResult)>;

    using QObject::QObject;

    virtual void readSecret(const QString &key, Callback done) = 0;
    virtual void writeSecret(const QString &key, const QString &secret, Callback done) = 0;
    virtual void removeSecret(const QString &key, Callback done) = 0;
    // False when secrets do not outlive the console (or cannot be kept at all).
    virtual bool isPersistent() const = 0;

signals:
    // The backend failed as a whole (no Secret Service on D-Bus, ...). Emitted
    // once; the UI should from then on ask for passwords when they are needed.
    void unavailable(const QString &reason);
};

// Secrets in this process's memory only: for tests, and for the session when
// no keyring is available (the user then types each password once per run).
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;
    ~MemorySecretStore() override;

    void readSecret(const QString &key, Callback done) override;
    void writeSecret(const QString &key, const QString &secret, Callback done) override;
    void removeSecret(const QString &key, Callback done) override;
    bool isPersistent() const override { return false; }

private:
    void later(Callback done, SecretResult result);

    QHash<QString, QString> m_secrets;
};

} // namespace mamori::console
