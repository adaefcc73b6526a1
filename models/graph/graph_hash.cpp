#include "models/graph/graph_hash.h"

namespace coda::models {
namespace {

class Fnv {
 public:
  void bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) m_h = (m_h ^ p[i]) * 1099511628211ULL;
  }
  void i64(std::int64_t v) { bytes(&v, sizeof v); }
  void str(const std::string& s) {
    i64(static_cast<std::int64_t>(s.size()));
    bytes(s.data(), s.size());
  }
  std::uint64_t value() const { return m_h; }

 private:
  std::uint64_t m_h = 14695981039346656037ULL;
};

void attr(Fnv& h, const AttrValue& v) {
  h.i64(static_cast<std::int64_t>(v.index()));
  if (auto* i = std::get_if<std::int64_t>(&v)) h.i64(*i);
  if (auto* l = std::get_if<std::vector<std::int64_t>>(&v)) {
    h.i64(static_cast<std::int64_t>(l->size()));
    for (auto x : *l) h.i64(x);
  }
  if (auto* d = std::get_if<double>(&v)) h.bytes(d, sizeof *d);
  if (auto* s = std::get_if<std::string>(&v)) h.str(*s);
}

}  // namespace

std::uint64_t structural_hash(const Graph& g) {
  Fnv h;
  for (const Tensor& t : g.tensors()) {
    h.i64(static_cast<std::int64_t>(t.kind));
    h.i64(static_cast<std::int64_t>(t.dtype));
    h.i64(static_cast<std::int64_t>(t.shape.size()));
    for (auto d : t.shape) h.i64(d);
  }
  for (const Op& op : g.ops()) {
    h.i64(static_cast<std::int64_t>(op.kind));
    for (TensorId t : op.inputs) h.i64(t);
    h.i64(-1);
    for (TensorId t : op.outputs) h.i64(t);
    for (const auto& [key, value] : op.attrs.values()) {
      h.str(key);
      attr(h, value);
    }
  }
  for (TensorId t : g.outputs()) h.i64(t);
  return h.value();
}

}  // namespace coda::models
