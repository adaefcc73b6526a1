// Accuracy oracles: a number for a design without training it. A table lookup (NAS-Bench-201 and
// other benchmark CSVs) and an external command (the user's script: design JSON on stdin, accuracy
// on stdout).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "search/design_point.h"

namespace coda::search {

class IAccuracyOracle {
 public:
  virtual ~IAccuracyOracle() = default;
  // Contract: the accuracy of the point in percent, given the metrics computed so far (macs,
  // params, ...); throws std::runtime_error with the reason when it has none (the trial is then
  // failed, not the study).
  virtual double accuracy(const DesignPoint& p, const Metrics& m) const = 0;
};

// Rows of a CSV keyed by one column; the value of another column, percent.
class TableOracle : public IAccuracyOracle {
 public:
  TableOracle(const OracleSpec& spec);
  double accuracy(const DesignPoint& p, const Metrics& m) const override;
  std::size_t rows() const { return m_values.size(); }

 private:
  std::string m_knob, m_label;
  std::unordered_map<std::string, double> m_values;
};

// Accuracies already known, by the design's point_json: the answer of the command the run tried
// before its first evaluation (search/runner.cpp), so that design is not trained twice.
using KnownAccuracies = std::unordered_map<std::string, double>;

// Runs `command` through /bin/sh with the design as JSON on stdin; stdout must hold a number or a
// JSON object with "accuracy". A non-zero exit, no number or more than `timeout_s` is an error.
class CommandOracle : public IAccuracyOracle {
 public:
  CommandOracle(std::string command, std::string model, double timeout_s = 3600,
                KnownAccuracies known = {});
  double accuracy(const DesignPoint& p, const Metrics& m) const override;
  // The accuracy, or nullopt with why there is none in `why` ("exit code 3: training diverged").
  std::optional<double> answer(const DesignPoint& p, std::string& why) const;

 private:
  std::string m_command, m_model;
  double m_timeout_s;
  KnownAccuracies m_known;
};

// nullptr for OracleSpec::Kind::none. `model` is the study's model (passed to a command, with the
// `known` answers).
std::unique_ptr<IAccuracyOracle> make_oracle(const OracleSpec& spec, const std::string& model,
                                             const KnownAccuracies& known = {});

// The point as the JSON an oracle command or worker reads: {"model", "knobs", "hardware"}.
std::string point_json(const std::string& model, const DesignPoint& p);

}  // namespace coda::search
