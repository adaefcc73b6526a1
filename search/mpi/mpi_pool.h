// Distribution of a study over MPI ranks (Open MPI through Boost.MPI). Under `mpirun -np N coda
// search ...` rank 0 runs the study loop and owns the store; it hands points to the other ranks
// and evaluates points itself while they work. Ranks 1..N-1 only evaluate. The same seed gives the
// same trials on any number of ranks: strategies see results in ask order, whoever computed them.
// No MPI header leaks from here.
#pragma once

#include <memory>
#include <string>

#include "search/point_pool.h"
#include "search/study.h"

namespace coda::search::mpi {

// True when this process was started by an MPI launcher (mpirun, mpiexec, srun with PMI/PMIx):
// only then is MPI initialised, so a plain `coda search` never pays for it.
bool launched_by_mpi();

// MPI_Init on construction, MPI_Finalize on destruction (one per process). Destroying it while an
// exception unwinds aborts the whole job (Boost.MPI's rule): catch first, then abort() or return.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  int rank() const;
  int size() const;
  // Ends every rank of the job with this exit code (MPI_Abort).
  [[noreturn]] void abort(int code);

  // Rank 0: the pool over every rank; on destruction it releases the workers.
  std::unique_ptr<IPointPool> leader_pool(const Study& study);
  // Ranks > 0: evaluates the points rank 0 sends until it releases this rank. A point is
  // evaluated as `make_evaluator(study, fidelity, coda_exe)` would on rank 0, with the fidelity
  // its message names; the evaluator for `fidelity` (the run's) is built before the first point
  // arrives. A study whose hash differs from rank 0's is reported to rank 0, which fails with an
  // input error.
  void serve(const Study& study, const std::string& fidelity, const std::string& coda_exe);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace coda::search::mpi
