// Ids by name, for a graph's tensors or ops: the graph already stores every name, so the index
// keeps ids and hashes only (open addressing, linear probing) and reads names back through
// `name_of(id)`.
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
    return find(name, hash(name), name_of);
  }

  // Stores `id` under `name` (what name_of(id) gives from now on); false if the name is taken.
  template <class NameOf>
  bool insert(std::string_view name, std::int32_t id, const NameOf& name_of) {
    const std::uint32_t h = hash(name);
    if (find(name, h, name_of) >= 0) return false;
    insert_absent(h, id);
    return true;
  }
  // The same for a name the caller has just found absent (no second probe).
  void insert_absent(std::string_view name, std::int32_t id) { insert_absent(hash(name), id); }

 private:
  // Each slot keeps its name's hash beside the id: growing re-places slots without reading or
  // hashing names again, and a probe compares names only when the hashes agree.
  struct Slot {
    std::uint32_t hash = 0;
    std::int32_t id = -1;  // -1: empty
  };

  static std::uint32_t hash(std::string_view name) {
    return static_cast<std::uint32_t>(std::hash<std::string_view>()(name));
  }
  std::size_t mask() const { return m_slots.size() - 1; }

  template <class NameOf>
  std::int32_t find(std::string_view name, std::uint32_t h, const NameOf& name_of) const {
    if (m_slots.empty()) return -1;
    for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
      const Slot& s = m_slots[i];
      if (s.id < 0 || (s.hash == h && name_of(s.id) == name)) return s.id;
    }
  }
  void insert_absent(std::uint32_t h, std::int32_t id) {
    if (2 * (m_size + 1) > m_slots.size()) grow();
    place({h, id});
    ++m_size;
  }
  void place(Slot s) {
    std::size_t i = s.hash & mask();
    while (m_slots[i].id >= 0) i = (i + 1) & mask();
    m_slots[i] = s;
  }
  void grow() {
    // 64 slots at first: room for the 32 names of a typical block before the first regrowth.
    std::vector<Slot> old(m_slots.empty() ? 64 : 2 * m_slots.size());
    old.swap(m_slots);
    for (const Slot& s : old) {
      if (s.id >= 0) place(s);
    }
  }

  std::vector<Slot> m_slots;  // a power of two in size
  std::size_t m_size = 0;
};

}  // namespace coda::models
