// Fitting and applying the timm surrogate.
#include "search/surrogate.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "search/study_domains.h"

namespace coda::search {
namespace {

// Solves the 3x3 normal equations (Gaussian elimination with partial pivoting).
bool solve3(double m[3][4], double out[3]) {
  for (int col = 0; col < 3; ++col) {
    int pivot = col;
    for (int r = col + 1; r < 3; ++r) {
      if (std::fabs(m[r][col]) > std::fabs(m[pivot][col])) pivot = r;
    }
    if (std::fabs(m[pivot][col]) < 1e-12) return false;
    for (int k = 0; k < 4; ++k) std::swap(m[col][k], m[pivot][k]);
    for (int r = 0; r < 3; ++r) {
      if (r == col) continue;
      const double f = m[r][col] / m[col][col];
      for (int k = col; k < 4; ++k) m[r][k] -= f * m[col][k];
    }
  }
  for (int i = 0; i < 3; ++i) out[i] = m[i][3] / m[i][i];
  return true;
}

// Least squares on the samples whose index is not in `skip_fold` (-1: all).
bool least_squares(const std::vector<SurrogateSample>& s, int skip_fold, SurrogateFit& f) {
  double m[3][4] = {};
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<int>(i % 5) == skip_fold) continue;
    const double x[3] = {1, std::log(s[i].gmacs), std::log(s[i].params_m)};
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c) m[r][c] += x[r] * x[c];
      m[r][3] += x[r] * s[i].top1;
    }
  }
  double coef[3];
  if (!solve3(m, coef)) return false;
  f.a = coef[0];
  f.b = coef[1];
  f.c = coef[2];
  return true;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  std::string c;
  while (std::getline(ss, c, ',')) cols.push_back(c);
  return cols;
}

}  // namespace

double SurrogateFit::predict(double gmacs, double params_m) const {
  return a + b * std::log(gmacs) + c * std::log(params_m);
}

SurrogateFit fit_surrogate(const std::vector<SurrogateSample>& s) {
  if (s.size() < 5) throw std::runtime_error("a surrogate needs at least 5 rows");
  SurrogateFit f;
  f.rows = s.size();
  double cv = 0;
  for (int fold = 0; fold < 5; ++fold) {
    SurrogateFit part;
    if (!least_squares(s, fold, part)) throw std::runtime_error("singular surrogate fit");
    for (std::size_t i = fold; i < s.size(); i += 5) {
      const double e = part.predict(s[i].gmacs, s[i].params_m) - s[i].top1;
      cv += e * e;
    }
  }
  if (!least_squares(s, -1, f)) throw std::runtime_error("singular surrogate fit");
  double train = 0;
  for (const auto& x : s) {
    const double e = f.predict(x.gmacs, x.params_m) - x.top1;
    train += e * e;
  }
  f.train_rmse = std::sqrt(train / static_cast<double>(s.size()));
  f.cv_rmse = std::sqrt(cv / static_cast<double>(s.size()));
  return f;
}

std::vector<SurrogateSample> timm_samples(const std::string& csv, const std::string& family,
                                          const std::string& tag) {
  std::ifstream in(csv);
  if (!in) throw core::InputError({csv, 0, 0}, "accuracy.surrogate", "cannot open");
  std::string line;
  std::getline(in, line);
  const auto header = split(line);
  auto col = [&](const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw core::InputError({csv, 1, 1}, "accuracy.surrogate", "no column '" + name + "'");
  };
  const std::size_t model = col("model"), arch = col("architecture"), top1 = col("top1"),
                    gmacs = col("gmacs"), params = col("param_count_m");
  std::vector<SurrogateSample> out;
  while (std::getline(in, line)) {
    const auto c = split(line);
    if (c.size() <= std::max({model, arch, top1, gmacs, params})) continue;
    if (c[arch].rfind(family, 0) != 0) continue;
    const auto dot = c[model].find('.');
    if (!tag.empty() && (dot == std::string::npos || c[model].substr(dot + 1) != tag)) continue;
    SurrogateSample s;
    if (!parse_real(c[gmacs], s.gmacs) || !parse_real(c[params], s.params_m) ||
        !parse_real(c[top1], s.top1) || s.gmacs <= 0 || s.params_m <= 0)
      continue;
    out.push_back(s);
  }
  return out;
}

SurrogateOracle::SurrogateOracle(const OracleSpec& spec)
    : m_fit(fit_surrogate(timm_samples(spec.table, spec.family, spec.tag))) {}

double SurrogateOracle::accuracy(const DesignPoint&, const Metrics& m) const {
  const auto macs = m.find("macs_per_inference"), params = m.find("params");
  if (macs == m.end() || params == m.end() || macs->second <= 0 || params->second <= 0)
    throw std::runtime_error("the surrogate needs the model's MACs and parameters");
  return m_fit.predict(macs->second / 1e9, params->second / 1e6);
}

}  // namespace coda::search
