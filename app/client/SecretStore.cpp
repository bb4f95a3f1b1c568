// SPDX-License-Identifier: GPL-2.0-or-later
#include "SecretStore.h"

#include <QTimer>

namespace mamori::console {

MemorySecretStore::~MemorySecretStore()
{
    for (QString &secret : m_secrets)
        secret.fill(QChar(0));
}

void MemorySecretStore::later(Callback done, SecretResult result)
{
    if (!done)
        return;
    QTimer::singleShot(
        0, this, [done = std::move(done), result = std::move(result)] { done(result); });
}

void MemorySecretStore::readSecret(const QString &key, Callback done)
{
    const auto it = m_secrets.constFind(key);
    SecretResult r;
    if (it == m_secrets.cend())
        r.status = SecretResult::Status::NotFound;
    else
        r.secret = *it;
    later(std::move(done), std::move(r));
}

void MemorySecretStore::writeSecret(const QString &key, const QString &secret, Callback done)
{
    auto it = m_secrets.find(key);
    if (it != m_secrets.end())
        it->fill(QChar(0));
    m_secrets.insert(key, secret);
    later(std::move(done), {});
}

void MemorySecretStore::removeSecret(const QString &key, Callback done)
{
    auto it = m_secrets.find(key);
    if (it != m_secrets.end()) {
        it->fill(QChar(0));
        m_secrets.erase(it);
    }
    later(std::move(done), {});
}

} // namespace mamori::console
