// The table and command oracles.
#include "search/oracle.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "search/child_process.h"
#include "search/study_domains.h"
#include "search/surrogate.h"

namespace coda::search {

TableOracle::TableOracle(const OracleSpec& spec)
    : m_knob(spec.knob), m_label(spec.table + ":" + spec.column) {
  std::ifstream in(spec.table);
  if (!in) throw core::InputError({spec.table, 0, 0}, "accuracy.table", "cannot open");
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  std::size_t key = header.size(), value = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == spec.key_column) key = i;
    if (header[i] == spec.column) value = i;
  }
  if (key == header.size() || value == header.size())
    throw core::InputError({spec.table, 1, 1}, "accuracy", "key or accuracy column missing");
  const std::string column = "accuracy column '" + spec.column + "' of " + spec.table;
  for (int row = 2; std::getline(in, line); ++row) {
    const auto cols = split_csv_line(line);
    if (cols.size() <= value || cols[value].empty()) continue;  // a row without an accuracy
    double v = 0;
    if (!parse_real(cols[value], v))
      throw core::InputError({spec.table, row, 0}, "accuracy.column",
                             column + " holds '" + cols[value] + "' on line " +
                                 std::to_string(row) + ": expected accuracies in percent");
    if (cols.size() > key) m_values[cols[key]] = v;
  }
  if (m_values.empty())
    throw core::InputError({spec.table, 0, 0}, "accuracy.column", column + " holds no accuracies");
}

double TableOracle::accuracy(const DesignPoint& p, const Metrics&) const {
  const auto k = p.knobs.find(m_knob);
  if (k == p.knobs.end()) throw std::runtime_error("no model knob '" + m_knob + "' for the table");
  const auto it = m_values.find(k->second);
  if (it == m_values.end()) throw std::runtime_error("'" + k->second + "' is not in " + m_label);
  return it->second;
}

CommandOracle::CommandOracle(std::string command, std::string model, double timeout_s,
                             KnownAccuracies known)
    : m_command(std::move(command)),
      m_model(std::move(model)),
      m_timeout_s(timeout_s),
      m_known(std::move(known)) {}

double CommandOracle::accuracy(const DesignPoint& p, const Metrics&) const {
  std::string why;
  if (const auto v = answer(p, why)) return *v;
  throw std::runtime_error("accuracy command: " + why);
}

std::optional<double> CommandOracle::answer(const DesignPoint& p, std::string& why) const {
  const std::string input = point_json(m_model, p);
  if (const auto it = m_known.find(input); it != m_known.end()) return it->second;
  const ChildResult r = run_child({"/bin/sh", "-c", m_command}, input, m_timeout_s);
  if (!r.ok) {
    why = r.reason();
    return std::nullopt;
  }
  double v = 0;
  std::string text = r.out;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (parse_real(text, v)) return v;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_object() && j.contains("accuracy") && j["accuracy"].is_number())
    return j["accuracy"].get<double>();
  why = "printed no number: '" + text.substr(0, 80) + "'";
  return std::nullopt;
}

std::unique_ptr<IAccuracyOracle> make_oracle(const OracleSpec& spec, const std::string& model,
                                             const KnownAccuracies& known) {
  if (spec.kind == OracleSpec::Kind::table) return std::make_unique<TableOracle>(spec);
  if (spec.kind == OracleSpec::Kind::surrogate) return std::make_unique<SurrogateOracle>(spec);
  if (spec.kind == OracleSpec::Kind::command)
    return std::make_unique<CommandOracle>(spec.command, model, spec.timeout_s, known);
  return nullptr;
}

std::string point_json(const std::string& model, const DesignPoint& p) {
  nlohmann::json j;
  if (!model.empty()) j["model"] = model;
  j["knobs"] = p.knobs;
  j["hardware"] = p.hardware;
  return j.dump();
}

}  // namespace coda::search
