// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace mamori::appliance {

// One page of a list answer, built item by item within a byte budget as
// well as a count limit, so that no answer grows past a few MiB whatever
// the items hold (docs/api.md, Lists). Each item is serialised once.
class JsonPage
{
public:
    JsonPage(qsizetype budgetBytes, int limit) : m_budget(budgetBytes), m_limit(limit) { }

    // Adds `item` unless the page holds `limit` items or would grow past
    // the budget (the first item always fits: a client must be able to get
    // past it). False: the page is full, and `more` is true.
    bool add(const QJsonObject &item);
    int count() const { return m_count; }
    // True once an item was refused: the client continues from the last one.
    bool more() const { return m_more; }
    // `extra` with "more" and the array `name` of the items added.
    QByteArray body(const char *name, QJsonObject extra) const;

private:
    qsizetype m_budget;
    int m_limit;
    int m_count = 0;
    bool m_more = false;
    QByteArray m_items;
};

} // namespace mamori::appliance
