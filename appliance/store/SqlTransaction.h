// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace mamori::appliance {

// One SQLite transaction that nests: a SAVEPOINT, which opens a transaction
// when none is open and is part of the enclosing one otherwise. A change
// made of several parts' writes (the change, its audit record, its event)
// is one outer transaction; each part keeps its own, now inner, one. Rolled
// back unless committed. Header only: the parts' own libraries use it too.
class SqlTransaction
{
public:
    explicit SqlTransaction(QSqlDatabase db);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    bool ok() const { return m_open; }
    // The outermost commit is where a full disk shows: then the whole
    // transaction is rolled back and false returned.
    bool commit();
    void rollback();
    // The error of the failed begin, statement or commit.
    const QSqlError &error() const { return m_error; }

private:
    bool exec(const QString &sql);

    QSqlDatabase m_db;
    QString m_name;
    QSqlError m_error;
    bool m_open = false;
};

inline SqlTransaction::SqlTransaction(QSqlDatabase db) : m_db(std::move(db))
{
    static std::atomic<quint64> next {0};
    m_name = QStringLiteral("mamori_%1").arg(++next);
    m_open = exec(QStringLiteral("SAVEPOINT ") + m_name);
}

inline SqlTransaction::~SqlTransaction()
{
    rollback();
}

inline bool SqlTransaction::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    m_error = q.lastError();
    return false;
}

inline bool SqlTransaction::commit()
{
    if (!m_open)
        return false;
    if (!exec(QStringLiteral("RELEASE ") + m_name)) {
        rollback();
        return false;
    }
    m_open = false;
    return true;
}

inline void SqlTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    QSqlQuery q(m_db);
    // ROLLBACK TO keeps the savepoint; RELEASE then ends it (and, when it
    // was the outermost, the now empty transaction).
    q.exec(QStringLiteral("ROLLBACK TO ") + m_name);
    q.exec(QStringLiteral("RELEASE ") + m_name);
}

} // namespace mamori::appliance
