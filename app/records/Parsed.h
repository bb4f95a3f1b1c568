// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace mamori::console {

// What reading one answer of the appliance API gave: the record, or why
// there is none, naming the place ("vms[3]: field 'id': expected a string").
// (std::expected is C++23.)
template<typename T> class Parsed
{
public:
    Parsed(T value) : m_value(std::move(value)) { }
    static Parsed failure(QString error)
    {
        Parsed p;
        p.m_error = std::move(error);
        return p;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }

    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    T &&operator*() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }

private:
    Parsed() = default;

    std::optional<T> m_value;
    QString m_error;
};

} // namespace mamori::console
