// coda report --csv: one row per trial with its inputs and metrics as columns.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "search/runner.h"
#include "sim/core/units.h"

namespace coda::search {
namespace {

// RFC 4180: quote a field holding a comma, a quote or a line break; double inner quotes.
std::string field(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

std::string report_csv(const Store& store) {
  const auto runs = store.runs();
  const auto trials = store.trials();
  const auto ordered = in_ask_order(runs, trials);
  std::vector<nlohmann::json> inputs;
  std::set<std::string> hw, knobs, metrics;
  for (const StoredTrial* t : ordered) {
    inputs.push_back(nlohmann::json::parse(t->inputs_json));
    for (const auto& [k, v] : inputs.back()["hardware"].items()) hw.insert(k);
    for (const auto& [k, v] : inputs.back()["knobs"].items()) knobs.insert(k);
    for (const auto& [k, v] : t->outcome.metrics) metrics.insert(k);
  }
  std::string out = "key,status,fidelity,reason,model";
  for (const auto& k : hw) out += "," + field("hw." + k);
  for (const auto& k : knobs) out += "," + field("knob." + k);
  for (const auto& m : metrics) out += "," + field(m);
  out += "\n";
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const StoredTrial& t = *ordered[i];
    const nlohmann::json& in = inputs[i];
    out += t.key + "," + to_string(t.outcome.status) + "," + t.outcome.fidelity + "," +
           field(t.outcome.reason) + "," + field(in.value("model", ""));
    for (const auto& k : hw) out += "," + field(in["hardware"].value(k, ""));
    for (const auto& k : knobs) out += "," + field(in["knobs"].value(k, ""));
    for (const auto& m : metrics) {
      const auto it = t.outcome.metrics.find(m);
      out += "," + (it == t.outcome.metrics.end() ? "" : core::format_number(it->second));
    }
    out += "\n";
  }
  return out;
}

}  // namespace coda::search
