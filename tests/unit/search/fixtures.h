// Shared fixtures of the search tests: a temporary folder and a small study around NAS-Bench-201.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "search/runner.h"
#include "search/study.h"
#include "search/study_domains.h"

namespace coda::search::testing {

// A fresh folder under the system temp dir, removed with its content at destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    m_path = std::filesystem::temp_directory_path() /
             ("coda_search_" + tag + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() { std::filesystem::remove_all(m_path); }
  std::string file(const std::string& name) const { return (m_path / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(file(name)) << text;
    return file(name);
  }
  std::string path() const { return m_path.string(); }

 private:
  std::filesystem::path m_path;
};

// Dimensions of test spaces: a real range [lo, hi], or a discrete kind with these levels.
inline Dimension real_dim(const std::string& name, double lo, double hi,
                          Dimension::Target target = Dimension::Target::hardware) {
  Dimension d;
  d.name = name;
  d.target = target;
  d.kind = DomainKind::real_range;
  d.lo = lo;
  d.hi = hi;
  return d;
}
inline Dimension levels_dim(const std::string& name, DomainKind kind,
                            std::vector<std::string> levels,
                            Dimension::Target target = Dimension::Target::hardware) {
  Dimension d;
  d.name = name;
  d.target = target;
  d.kind = kind;
  d.levels = std::move(levels);
  return d;
}

// "lo", "lo + step", ... up to hi: the levels of an integer range.
inline std::vector<std::string> int_levels(int lo, int hi, int step) {
  std::vector<std::string> levels;
  for (int v = lo; v <= hi; v += step) levels.push_back(std::to_string(v));
  return levels;
}

// Run options with the strategy, seed and budget; everything else at its default.
inline RunOptions run_options(const std::string& strategy, std::uint64_t seed,
                              std::uint64_t budget) {
  RunOptions o;
  o.strategy = strategy;
  o.seed = seed;
  o.budget = budget;
  return o;
}

// Cells over ops {none, skip_connect, nor_conv_3x3} (3^6 = 729) on tpu_v4i with two MXU sizes.
inline std::string small_study(const std::string& extra = "") {
  return "name: small\n"
         "chip: tpu_v4i\n"
         "model:\n"
         "  name: nb201\n"
         "  knobs:\n"
         "    batch: 1\n"
         "    arch: {nb201_cell: [none, skip_connect, nor_conv_3x3]}\n"
         "hardware:\n"
         "  core.mxu.rows: {pow2: [64, 128]}\n"
         "objectives:\n"
         "  accuracy: maximize\n"
         "  latency_s: minimize\n"
         "accuracy:\n"
         "  table: acc.csv\n"
         "  column: acc\n" +
         extra;
}

// Synthetic accuracy of a cell: 50 + 5 per nor_conv_3x3 edge + 1 per skip_connect edge (%).
inline double synthetic_accuracy(const std::vector<std::string>& ops) {
  double a = 50;
  for (const auto& op : ops) a += op == "nor_conv_3x3" ? 5 : op == "skip_connect" ? 1 : 0;
  return a;
}

// acc.csv with the synthetic accuracy of every cell over the three ops, minus `skip` rows.
inline void write_accuracy_table(const TempDir& dir, std::size_t skip = 0) {
  const std::vector<std::string> ops = {"none", "skip_connect", "nor_conv_3x3"};
  std::ofstream f(dir.file("acc.csv"));
  f << "arch_str,acc\n";
  for (int code = static_cast<int>(skip); code < 729; ++code) {
    std::vector<std::string> cell;
    for (int e = 0, c = code; e < 6; ++e, c /= 3) cell.push_back(ops[c % 3]);
    f << nb201_arch(cell) << "," << synthetic_accuracy(cell) << "\n";
  }
}

}  // namespace coda::search::testing
