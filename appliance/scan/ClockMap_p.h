// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace mamori::appliance::detail {

// A bounded map with CLOCK eviction. Chosen over an LRU list because a hit
// only sets a flag (no list splicing under the cache mutex) and it costs one
// pointer per entry instead of a list node. New entries start unreferenced:
// a full scan of one VM's unique files then evicts its own entries first and
// not the master image's, which every clone keeps hitting.
template<class Key, class Value, class Hash> class ClockMap
{
public:
    explicit ClockMap(std::size_t capacity) : m_capacity(capacity) { }
    ClockMap(const ClockMap &) = delete;
    ClockMap &operator=(const ClockMap &) = delete;

    const Value *find(const Key &key)
    {
        const auto it = m_index.find(key);
        if (it == m_index.end())
            return nullptr;
        it->second.referenced = true;
        return &it->second.value;
    }

    bool contains(const Key &key) const { return m_index.find(key) != m_index.end(); }

    // Returns the number of entries evicted to make room (0 or 1).
    int insert(const Key &key, const Value &value)
    {
        if (m_capacity == 0)
            return 0;
        if (const auto it = m_index.find(key); it != m_index.end()) {
            it->second.value = value;
            return 0;
        }
        int evicted = 0;
        std::size_t slot = m_slots.size();
        if (m_slots.size() < m_capacity) {
            m_slots.push_back(nullptr);
        } else {
            slot = evictOne();
            evicted = 1;
        }
        const auto [it, inserted] = m_index.emplace(key, Entry {value, false});
        (void)inserted;
        m_slots[slot] = &*it; // node addresses survive rehashing
        return evicted;
    }

    void clear()
    {
        m_index.clear();
        m_slots.clear();
        m_hand = 0;
    }

    std::size_t size() const { return m_index.size(); }
    std::size_t capacity() const { return m_capacity; }

    template<class Fn> void forEach(Fn fn) const
    {
        for (const Node *node : m_slots)
            fn(node->first, node->second.value);
    }

private:
    struct Entry
    {
        Value value;
        bool referenced;
    };
    using Map = std::unordered_map<Key, Entry, Hash>;
    using Node = typename Map::value_type;

    std::size_t evictOne()
    {
        for (;;) {
            Node *node = m_slots[m_hand];
            const std::size_t slot = m_hand;
            m_hand = (m_hand + 1) % m_slots.size();
            if (node->second.referenced) {
                node->second.referenced = false;
                continue;
            }
            // Erase by iterator: erasing by a key that lives in the erased
            // node itself is not something to rely on.
            m_index.erase(m_index.find(node->first));
            return slot;
        }
    }

    std::size_t m_capacity;
    Map m_index;
    std::vector<Node *> m_slots;
    std::size_t m_hand = 0;
};

} // namespace mamori::appliance::detail
