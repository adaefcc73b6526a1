// Private to models/graph: the context shape rules share (inputs, attributes, uniform errors)
// and the data-movement rules defined in shape_layout.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "models/graph/shape_inference.h"
#include "sim/core/error.h"

namespace coda::models::shape_detail {

using I = std::vector<std::int64_t>;

// Collects the context of one op so every error reads the same way.
class Ctx {
 public:
  Ctx(OpKind kind, const std::string& name, const TensorRefs& in, const Attrs& attrs)
      : m_kind(kind), m_name(name), m_in(in), m_attrs(attrs) {}

  [[noreturn]] void fail(const std::string& what) const {
    std::string inputs;
    const auto& roles = op_info(m_kind).inputs;
    for (std::size_t i = 0; i < m_in.size(); ++i) {
      std::string role = i < roles.size() ? roles[i] : roles.back();
      while (!role.empty() && (role.back() == '?' || role.back() == '.')) role.pop_back();
      inputs += (i ? ", " : "") + role + " " + to_string(m_in[i]->shape) + " " +
                to_string(m_in[i]->dtype);
    }
    throw core::InputError("op '" + m_name + "' (" + to_string(m_kind) + "): " + what +
                           "; inputs: " + (inputs.empty() ? "none" : inputs));
  }
  const Shape& shape(std::size_t i) const { return m_in[i]->shape; }
  DType dtype(std::size_t i) const { return m_in[i]->dtype; }
  std::size_t count() const { return m_in.size(); }
  const Attrs& attrs() const { return m_attrs; }
  void rank(std::size_t i, std::size_t r, const char* role) const {
    if (shape(i).size() != r) {
      fail(std::string(role) + " must have rank " + std::to_string(r) + ", got " +
           to_string(shape(i)));
    }
  }
  void min_rank(std::size_t i, std::size_t r, const char* role) const {
    if (shape(i).size() < r) {
      fail(std::string(role) + " must have rank >= " + std::to_string(r) + ", got " +
           to_string(shape(i)));
    }
  }
  void same_dtype(std::size_t i, std::size_t j) const {
    if (dtype(i) != dtype(j)) {
      fail("dtype mismatch: " + to_string(dtype(i)) + " vs " + to_string(dtype(j)));
    }
  }
  I ints(const char* key, std::size_t n) const {
    I v = m_attrs.get_ints(key, {});
    if (n && v.size() != n) {
      fail(std::string("attribute '") + key + "' needs " + std::to_string(n) + " values, got " +
           to_string(AttrValue{v}));
    }
    return v;
  }
  // ints(key, N) without a list copied per call: an attribute that is a list of N is read in
  // place; anything else (and every error) goes through ints().
  template <std::size_t N>
  std::array<std::int64_t, N> ints_n(const char* key) const {
    std::array<std::int64_t, N> out{};
    const AttrValue* v = m_attrs.find(key);
    const I* list = v ? std::get_if<I>(v) : nullptr;
    if (list && list->size() == N) {
      std::copy(list->begin(), list->end(), out.begin());
    } else {
      const I copy = ints(key, N);
      std::copy(copy.begin(), copy.end(), out.begin());
    }
    return out;
  }
  std::int64_t axis(const char* key, std::size_t rank) const {
    std::int64_t a = m_attrs.get_int(key, 0);
    const auto r = static_cast<std::int64_t>(rank);
    if (a < -r || a >= r) {
      fail(std::string("attribute '") + key + "' = " + std::to_string(a) +
           " is out of range for rank " + std::to_string(rank));
    }
    return a < 0 ? a + r : a;
  }

 private:
  OpKind m_kind;
  const std::string& m_name;
  const TensorRefs& m_in;
  const Attrs& m_attrs;
};

InferredOutput reshape(const Ctx& c);
InferredOutput transpose(const Ctx& c);
InferredOutput concat(const Ctx& c);
InferredOutputs split(const Ctx& c);
InferredOutput pad(const Ctx& c);
InferredOutput space_depth(const Ctx& c, bool to_depth);
InferredOutput broadcast_to(const Ctx& c);
InferredOutput embedding(const Ctx& c);
InferredOutput kv_append(const Ctx& c);

}  // namespace coda::models::shape_detail
