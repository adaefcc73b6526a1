// Ids by name, for a graph's tensors or ops: the graph already stores every name, so the index
// keeps ids only (open addressing, linear probing) and reads names back through `name_of(id)`.
// A std::unordered_map<std::string, id> would copy each name and allocate a node per entry, which
// shows when the search builds thousands of small graphs a second.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace coda::models {

class NameIndex {
 public:
  // The id stored under `name`, or -1.
  template <class NameOf>
  std::int32_t find(std::string_view name, const NameOf& name_of) const {
    if (m_slots.empty()) return -1;
    for (std::size_t i = slot(name);; i = (i + 1) & mask()) {
      const std::int32_t id = m_slots[i];
      if (id < 0 || name_of(id) == name) return id;
    }
  }

  // Stores `id` under `name` (what name_of(id) gives from now on); false if the name is taken.
  template <class NameOf>
  bool insert(std::string_view name, std::int32_t id, const NameOf& name_of) {
    if (find(name, name_of) >= 0) return false;
    insert_absent(name, id, name_of);
    return true;
  }
  // The same for a name the caller has just found absent (one probe fewer).
  template <class NameOf>
  void insert_absent(std::string_view name, std::int32_t id, const NameOf& name_of) {
    if (2 * (m_size + 1) > m_slots.size()) grow(name_of);
    place(name, id);
    ++m_size;
  }

 private:
  std::size_t mask() const { return m_slots.size() - 1; }
  std::size_t slot(std::string_view name) const {
    return std::hash<std::string_view>()(name) & mask();
  }
  void place(std::string_view name, std::int32_t id) {
    std::size_t i = slot(name);
    while (m_slots[i] >= 0) i = (i + 1) & mask();
    m_slots[i] = id;
  }
  template <class NameOf>
  void grow(const NameOf& name_of) {
    std::vector<std::int32_t> old(m_slots.size() < 8 ? 16 : 2 * m_slots.size(), -1);
    old.swap(m_slots);
    for (std::int32_t id : old) {
      if (id >= 0) place(name_of(id), id);
    }
  }

  std::vector<std::int32_t> m_slots;  // a power of two in size; -1: empty
  std::size_t m_size = 0;
};

}  // namespace coda::models
