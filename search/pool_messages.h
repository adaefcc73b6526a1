// What crosses between the processes of a pool (search/mpi): a job, one design point to evaluate,
// and its reply. Messages are bytes, not JSON text: encoding and decoding one costs well under a
// microsecond (JSON cost ~5 % of each rank's time on analytic studies, docs/search.md), and
// doubles cross bit for bit, NaN and infinities included, so a point evaluated on another rank
// gives the study exactly the outcome it would have given here.
//
// Layout: a format byte (kPoolMessageFormat), then the fields in order; integers and doubles in
// the host's byte order (every rank of a job runs on the same kind of machine), strings and lists
// as a 32-bit count and their items. A message that is short, long or of another format is
// rejected with std::runtime_error, never read past its end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "search/evaluator.h"
#include "search/space.h"

namespace coda::search {

inline constexpr std::uint8_t kPoolMessageFormat = 1;

struct PoolJob {
  std::uint64_t index = 0;  // the point's place in its batch
  std::string study_hash;   // rank 0's; a rank whose study differs refuses the job
  std::string fidelity;     // "analytic" or "event"
  Genes genes;
};

struct PoolReply {
  enum class Kind : std::uint8_t { outcome, error, input_error };
  std::uint64_t index = 0;
  Kind kind = Kind::outcome;
  Outcome outcome;    // when kind == outcome
  std::string error;  // otherwise: why the rank could not evaluate (input_error: the user's input)
};

std::string encode(const PoolJob& job);
std::string encode(const PoolReply& reply);
PoolJob decode_job(std::string_view bytes);
PoolReply decode_reply(std::string_view bytes);

}  // namespace coda::search
