// Rank 0 keeps up to 32 points in hand at every other rank (fewer near the end of a batch; each
// returned point is replaced by the next) and evaluates points itself between checks for returns;
// messages are bytes (search/pool_messages.h).
#include "search/mpi/mpi_pool.h"

#include <algorithm>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/mpi/request.hpp>
#include <cstdlib>
#include <exception>
#include <list>
#include <map>
#include <optional>
#include <stdexcept>

#include "search/design_point.h"
#include "search/pool_messages.h"
#include "sim/core/error.h"

namespace coda::search::mpi {
namespace {

namespace bmpi = boost::mpi;
enum Tag { kJob = 1, kResult = 2, kStop = 3 };
constexpr std::size_t kInHand = 32;

// A message is sent as one plain char array (the receiver sizes it by probing), not as a
// Boost-serialized std::string (two messages: its size, then the archive).
void send_bytes(const bmpi::communicator& world, int dest, Tag tag, const std::string& bytes) {
  world.send(dest, tag, bytes.data(), static_cast<int>(bytes.size()));
}

std::string recv_bytes(const bmpi::communicator& world, const bmpi::status& probed) {
  std::string bytes(static_cast<std::size_t>(probed.count<char>().value_or(0)), '\0');
  world.recv(probed.source(), probed.tag(), bytes.data(), static_cast<int>(bytes.size()));
  return bytes;
}

class LeaderPool : public IPointPool {
 public:
  LeaderPool(bmpi::communicator& world, const Study& study) : m_world(world), m_study(study) {}
  // Releases the other ranks after a run. Not while an error unwinds: `coda search` then aborts
  // the whole job (ranks may still hold points), and a rank released now would be in
  // MPI_Finalize, waiting for rank 0, as rank 0 calls MPI_Abort: a race that once hung the job.
  ~LeaderPool() override {
    if (std::uncaught_exceptions() > 0) return;
    try {
      for (int r = 1; r < m_world.size(); ++r) send_bytes(m_world, r, kStop, "");
    } catch (const std::exception&) {  // the job is going down anyway; never throw from here
    }
  }
  std::size_t size() const override { return static_cast<std::size_t>(m_world.size()); }
  std::vector<std::uint64_t> evaluated() const override { return m_evaluated; }

  void evaluate(const std::vector<Genes>& genes,
                const std::function<std::optional<std::size_t>()>& next,
                const std::string& fidelity, const std::function<Outcome(std::size_t)>& local,
                const std::function<void(std::size_t, const Outcome&)>& done) override {
    std::optional<std::size_t> coming = next();  // the next point to hand out
    std::size_t handed = 0, finished = 0;
    std::vector<bool> out(genes.size(), false), returned(genes.size(), false);
    auto hand_out = [&] {
      const std::size_t i = *coming;
      if (i >= genes.size() || out[i]) throw std::logic_error("pool: bad point index");
      out[i] = true;
      ++handed;
      coming = next();
      return i;
    };
    std::vector<std::size_t> in_hand(size(), 0);
    // Points in hand per rank, so a rank starts its next point the moment it returns one instead
    // of waiting until rank 0 checks for returns between its own evaluations and store writes.
    // 32 analytic points (~8 ms of work) outlast rank 0's longer pauses: an evaluation of its
    // own, a store checkpoint (docs/search.md, "Speed"). Fewer near the end of the batch (the
    // points after `coming` bound what is left), so no rank is left holding several while the
    // rest idle.
    auto top_up = [&](int rank) {
      const auto r = static_cast<std::size_t>(rank);
      while (coming &&
             in_hand[r] < std::clamp<std::size_t>((genes.size() - *coming) / size(), 1, kInHand)) {
        const std::size_t i = hand_out();
        send_bytes(m_world, rank, kJob, encode(PoolJob{i, m_study.hash, fidelity, genes[i]}));
        ++in_hand[r];
      }
    };
    auto take = [&](const bmpi::status& st) {
      const PoolReply reply = decode_reply(recv_bytes(m_world, st));
      const auto rank = [&] { return "rank " + std::to_string(st.source()) + ": "; };
      if (reply.kind == PoolReply::Kind::input_error)
        throw core::InputError({}, "mpi", rank() + reply.error);
      if (reply.kind == PoolReply::Kind::error)
        throw std::runtime_error("MPI " + rank() + reply.error);
      const std::size_t i = reply.index;
      if (i >= genes.size() || !out[i] || returned[i]) {
        throw std::runtime_error("MPI " + rank() + "returned point " + std::to_string(i) +
                                 ", which it does not hold");
      }
      returned[i] = true;
      done(i, reply.outcome);
      ++finished;
      ++m_evaluated[static_cast<std::size_t>(st.source())];
      --in_hand[static_cast<std::size_t>(st.source())];
      top_up(st.source());
    };
    for (int r = 1; r < m_world.size(); ++r) top_up(r);
    while (coming || finished < handed) {
      while (const auto st = m_world.iprobe(bmpi::any_source, kResult)) take(*st);
      if (coming) {
        const std::size_t i = hand_out();
        done(i, local(i));
        ++finished;
        ++m_evaluated[0];
      } else if (finished < handed) {
        take(m_world.probe(bmpi::any_source, kResult));
      }
    }
  }

 private:
  bmpi::communicator& m_world;
  const Study& m_study;
  std::vector<std::uint64_t> m_evaluated = std::vector<std::uint64_t>(m_world.size());
};

}  // namespace

struct Session::Impl {
  bmpi::environment env;
  bmpi::communicator world;
};

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(v)) return true;
  }
  return false;
}

Session::Session() : m_impl(std::make_unique<Impl>()) {}
void Session::abort(int code) {
  bmpi::environment::abort(code);
  std::_Exit(code);  // MPI_Abort does not return; this tells the compiler so
}
Session::~Session() = default;
int Session::rank() const { return m_impl->world.rank(); }
int Session::size() const { return m_impl->world.size(); }

std::unique_ptr<IPointPool> Session::leader_pool(const Study& study) {
  return std::make_unique<LeaderPool>(m_impl->world, study);
}

void Session::serve(const Study& study, const std::string& fidelity, const std::string& coda_exe) {
  auto& world = m_impl->world;
  std::map<std::string, std::unique_ptr<IEvaluator>> evaluators;  // by fidelity
  // Built while rank 0 opens its store; if this fails, the entry stays empty and the first point
  // builds it again and reports why.
  try {
    evaluators[fidelity] = make_evaluator(study, fidelity, coda_exe);
  } catch (const std::exception&) {
  }
  // Results go out without waiting for rank 0 to take them: each send's buffer is kept until it
  // completes (rank 0 receives only between its own evaluations, so a rank that waited for its
  // previous result to be taken before sending the next would idle).
  std::list<std::pair<std::string, bmpi::request>> sending;
  auto drop_sent = [&] {
    for (auto it = sending.begin(); it != sending.end();) {
      it = it->second.test() ? sending.erase(it) : std::next(it);
    }
  };
  for (;;) {
    const bmpi::status st = world.probe(0, bmpi::any_tag);
    const std::string bytes = recv_bytes(world, st);
    if (st.tag() == kStop) {
      for (auto& pending : sending) pending.second.wait();
      return;
    }
    PoolReply reply;
    try {
      const PoolJob job = decode_job(bytes);
      reply.index = job.index;
      if (job.study_hash != study.hash) {
        reply.kind = PoolReply::Kind::input_error;
        reply.error = "its study differs from rank 0's (hash " + study.hash.substr(0, 12) +
                      ", rank 0 " + job.study_hash.substr(0, 12) +
                      "): every rank must read the same study file";
      } else {
        auto& e = evaluators[job.fidelity];
        if (!e) e = make_evaluator(study, job.fidelity, coda_exe);
        reply.outcome = e->evaluate(make_point(study, job.genes));
      }
    } catch (const std::exception& err) {
      reply.kind = PoolReply::Kind::error;
      reply.error = err.what();
    }
    drop_sent();
    sending.emplace_back(encode(reply), bmpi::request());
    std::string& sent = sending.back().first;
    sending.back().second = world.isend(0, kResult, sent.data(), static_cast<int>(sent.size()));
  }
}

}  // namespace coda::search::mpi
