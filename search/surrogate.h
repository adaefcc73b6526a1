// A surrogate accuracy oracle for ImageNet-scale families, fitted on public timm results
// (../shared/data/nas/timm_accuracy_vs_throughput.csv): top-1 % = a + b ln(GMACs) + c ln(Mparams)
// over one family's checkpoints, with its 5-fold cross-validated error. Always an estimate: every
// trial it scores carries accuracy_cv_rmse.
#pragma once

#include <string>
#include <vector>

#include "search/oracle.h"

namespace coda::search {

struct SurrogateSample {
  double gmacs = 0, params_m = 0, top1 = 0;
};

struct SurrogateFit {
  double a = 0, b = 0, c = 0;  // top1 = a + b ln(gmacs) + c ln(params_m)
  double train_rmse = 0;       // percentage points, on the fitted rows
  double cv_rmse = 0;          // percentage points, 5-fold (row i in fold i mod 5)
  std::size_t rows = 0;
  double predict(double gmacs, double params_m) const;
};

// Least squares; throws std::runtime_error for fewer than 5 samples or a singular system.
SurrogateFit fit_surrogate(const std::vector<SurrogateSample>& samples);

// Rows of the timm CSV whose `architecture` starts with `family` and, when `tag` is given, whose
// pretrained tag (after the '.') equals it. Throws core::InputError for a missing file or column.
std::vector<SurrogateSample> timm_samples(const std::string& csv, const std::string& family,
                                          const std::string& tag);

class SurrogateOracle : public IAccuracyOracle {
 public:
  explicit SurrogateOracle(const OracleSpec& spec);
  // Uses metrics macs_per_inference and params; adds nothing else (the evaluator records
  // accuracy_cv_rmse()).
  double accuracy(const DesignPoint& p, const Metrics& m) const override;
  const SurrogateFit& fit() const { return m_fit; }

 private:
  SurrogateFit m_fit;
};

}  // namespace coda::search
