// A study file: the base chip and model, the hardware and model knobs to search with their domains,
// constraints, objectives, the accuracy oracle and run defaults. Loading validates everything
// (unknown knob paths, empty ranges, objectives without a direction...) before any evaluation.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "search/metrics.h"
#include "search/space.h"
#include "search/study_domains.h"

namespace coda::search {

struct OracleSpec {
  enum class Kind { none, table, command, surrogate };
  Kind kind = Kind::none;
  std::string table;                    // CSV path (resolved against the study's folder)
  std::string key_column = "arch_str";  // table column matched against the model knob `knob`
  std::string knob = "arch";
  std::string column;       // accuracy column, percent
  std::string command;      // shell command: design JSON on stdin, accuracy on stdout
  double timeout_s = 3600;  // the command's wall-time limit per design, seconds
  std::string family, tag;  // surrogate (CSV in `table`): timm architecture prefix, tag ("" = any)
  core::SourceLoc where;
};

struct Study {
  std::string name;
  std::string file;            // where it was read from ("" for text)
  std::string base_chip;       // preset name or absolute path of a chip YAML
  std::string base_chip_yaml;  // the resolved base chip (arch_to_yaml), part of every key
  std::string model;           // built-in name or absolute path of a model file
  std::string model_digest;    // content hash of a model file ("" for built-ins)
  // Fixed workloads (model.workloads: [...]): every design runs each; `model` joins them by '+'.
  std::vector<std::string> workloads;
  std::vector<std::string> models() const {
    return workloads.empty() ? std::vector<std::string>{model} : workloads;
  }
  std::map<std::string, std::string> fixed_knobs;     // model knobs that do not vary
  std::map<std::string, core::SourceLoc> knob_where;  // where each model knob was written
  Space space;
  // A benchmark architecture searched op by op composes into this model knob ("" = none).
  std::string cell_knob;
  CellKind cell_kind = CellKind::nb201;
  std::vector<std::size_t> cell_dims;  // its dimensions, in composition order
  std::vector<Constraint> constraints;
  bool memory_fit = false;  // weights + activations must fit in hbm.capacity
  std::vector<Objective> objectives;
  std::map<std::string, double> reference;  // hypervolume reference per objective metric
  OracleSpec oracle;
  // Run defaults (the command line overrides them).
  std::string strategy = "random", fidelity = "analytic";
  std::uint64_t seed = 0, budget = 100;
  std::uint64_t population = 0;  // strategy population (0 = the strategy's default)
  std::size_t grid_levels = 5;   // levels of a real range in a grid (and in lacs)
  // Limits of each event-fidelity worker (`coda simulate` child): wall time and address space
  // (run.worker_timeout, run.worker_memory). Like the other run settings they are not part of the
  // study's hash; a trial that hit a limit stays in the store as failed with its reason.
  double worker_timeout_s = 600;
  std::uint64_t worker_memory_bytes = std::uint64_t{8} << 30;
  std::string text;           // the file's text (stored with the study)
  std::string hash;           // of the text and the resolved base chip
  std::string oracle_digest;  // content hash of the oracle table (or the command text)
  // lacs (`lacs: {target: 2, tolerance: 0.05}`): the latency ratio of one scaling step and the
  // relative tolerance of a match.
  double lacs_target = 2, lacs_tolerance = 0.05;
};

// Throws core::InputError with file:line:column and the key path for anything wrong.
Study load_study(const std::string& path);
Study parse_study_text(const std::string& text, const std::string& label,
                       const std::string& base_dir);

// Strategy names accepted by --strategy and `strategy:`.
const std::vector<std::string>& strategy_names();

// Throws core::InputError (key paths of the study file) when `strategy` cannot search `s` (lacs
// needs the depth, width and resolution knobs and a latency objective: search/lacs.h).
void check_study_strategy(const Study& s, const std::string& strategy);

}  // namespace coda::search
