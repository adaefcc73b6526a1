// Evaluating a batch of design points on other processes (MPI ranks) as well as this one. The
// study loop (runner.h) hands a batch to a pool when it has one; results do not depend on which
// process evaluated which point, only their wall times do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "search/evaluator.h"
#include "search/space.h"

namespace coda::search {

class IPointPool {
 public:
  virtual ~IPointPool() = default;
  // Processes taking part, this one included (1 = evaluate everything here).
  virtual std::size_t size() const = 0;
  // Evaluates with `fidelity` the points `next()` names (indices into `genes`, ascending; nullopt
  // once there are no more), some here through `local(i)` and the rest on the other processes;
  // calls `done(i, outcome)` on this thread as each finishes, in completion order. `next()` is
  // called only when a point is about to be handed out, so the caller may prepare each point
  // then: the first go out before the whole batch is prepared. Throws std::runtime_error when
  // another process reports a broken setup.
  virtual void evaluate(const std::vector<Genes>& genes,
                        const std::function<std::optional<std::size_t>()>& next,
                        const std::string& fidelity,
                        const std::function<Outcome(std::size_t)>& local,
                        const std::function<void(std::size_t, const Outcome&)>& done) = 0;
  // Points each process has evaluated so far, this one first.
  virtual std::vector<std::uint64_t> evaluated() const = 0;
};

}  // namespace coda::search
