// The byte layout of pool messages (pool_messages.h).
#include "search/pool_messages.h"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace coda::search {
namespace {

class Writer {
 public:
  Writer() { put(kPoolMessageFormat); }
  template <typename T>
  void put(T v) {
    static_assert(std::is_arithmetic_v<T>);
    const auto at = m_bytes.size();
    m_bytes.resize(at + sizeof v);
    std::memcpy(m_bytes.data() + at, &v, sizeof v);
  }
  void put(const std::string& s) {
    put(static_cast<std::uint32_t>(s.size()));
    m_bytes.append(s);
  }
  std::string take() { return std::move(m_bytes); }

 private:
  std::string m_bytes;
};

std::string bytes(std::size_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

class Reader {
 public:
  Reader(std::string_view bytes, const char* what) : m_bytes(bytes), m_what(what) {
    const auto format = get<std::uint8_t>();
    if (format != kPoolMessageFormat) {
      fail("is in format " + std::to_string(format) + ", this coda reads format " +
           std::to_string(kPoolMessageFormat) + " (every rank must run the same coda)");
    }
  }
  template <typename T>
  T get() {
    T v;
    std::memcpy(&v, take(sizeof v), sizeof v);
    return v;
  }
  std::string get_string() {
    const auto n = get<std::uint32_t>();
    return std::string(take(n), n);
  }
  void finish() const {
    if (m_at != m_bytes.size())
      fail("has " + bytes(m_bytes.size() - m_at) + " after its last field");
  }

 private:
  const char* take(std::size_t n) {
    if (n > m_bytes.size() - m_at) {
      fail("ends after " + bytes(m_bytes.size()) + ", inside a field of " + bytes(n) + " at byte " +
           std::to_string(m_at));
    }
    const char* p = m_bytes.data() + m_at;
    m_at += n;
    return p;
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(std::string("pool message (") + m_what + ") " + why);
  }
  std::string_view m_bytes;
  const char* m_what;
  std::size_t m_at = 0;
};

}  // namespace

std::string encode(const PoolJob& job) {
  Writer w;
  w.put(job.index);
  w.put(job.study_hash);
  w.put(job.fidelity);
  w.put(static_cast<std::uint32_t>(job.genes.size()));
  for (double g : job.genes) w.put(g);
  return w.take();
}

PoolJob decode_job(std::string_view bytes) {
  Reader r(bytes, "job");
  PoolJob job;
  job.index = r.get<std::uint64_t>();
  job.study_hash = r.get_string();
  job.fidelity = r.get_string();
  job.genes.resize(r.get<std::uint32_t>());
  for (double& g : job.genes) g = r.get<double>();
  r.finish();
  return job;
}

std::string encode(const PoolReply& reply) {
  Writer w;
  w.put(reply.index);
  w.put(static_cast<std::uint8_t>(reply.kind));
  if (reply.kind != PoolReply::Kind::outcome) {
    w.put(reply.error);
    return w.take();
  }
  const Outcome& o = reply.outcome;
  w.put(static_cast<std::uint8_t>(o.status));
  w.put(o.reason);
  w.put(o.fidelity);
  w.put(o.eval_s);
  w.put(static_cast<std::uint32_t>(o.metrics.size()));
  for (const auto& [name, value] : o.metrics) {
    w.put(name);
    w.put(value);
  }
  return w.take();
}

PoolReply decode_reply(std::string_view bytes) {
  Reader r(bytes, "reply");
  PoolReply reply;
  reply.index = r.get<std::uint64_t>();
  const auto kind = r.get<std::uint8_t>();
  if (kind > static_cast<std::uint8_t>(PoolReply::Kind::input_error))
    throw std::runtime_error("pool message (reply) has kind " + std::to_string(kind) +
                             ", not 0 (outcome), 1 (error) or 2 (input error)");
  reply.kind = static_cast<PoolReply::Kind>(kind);
  if (reply.kind != PoolReply::Kind::outcome) {
    reply.error = r.get_string();
    r.finish();
    return reply;
  }
  Outcome& o = reply.outcome;
  const auto status = r.get<std::uint8_t>();
  if (status > static_cast<std::uint8_t>(Status::failed))
    throw std::runtime_error("pool message (reply) has status " + std::to_string(status) +
                             ", not 0 (ok), 1 (infeasible) or 2 (failed)");
  o.status = static_cast<Status>(status);
  o.reason = r.get_string();
  o.fidelity = r.get_string();
  o.eval_s = r.get<double>();
  const auto metrics = r.get<std::uint32_t>();
  for (std::uint32_t k = 0; k < metrics; ++k) {  // in name order: each goes at the end
    std::string name = r.get_string();
    const auto value = r.get<double>();
    o.metrics.emplace_hint(o.metrics.end(), std::move(name), value);
  }
  r.finish();
  return reply;
}

}  // namespace coda::search
