// Design points from genes, and their canonical inputs and keys.
#include "search/design_point.h"

#include <algorithm>
#include <sstream>

#include "search/hash.h"
#include "search/study_domains.h"
#include "sim/core/units.h"
#include "sim_digest.h"

namespace coda::search {

std::string simulator_version() {
  // sim_digest.h (generated): a hash of the sources and tables that decide a simulated result.
  return std::string("coda ") + CODA_VERSION + " search/2 sim " +
         std::string(CODA_SIM_DIGEST).substr(0, 16);
}

DesignPoint make_point(const Study& s, const Genes& genes) {
  DesignPoint p;
  p.genes = genes;
  p.knobs = s.fixed_knobs;
  const auto& dims = s.space.dims();
  std::vector<std::string> cell;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const std::string text = dims[i].text(genes.at(i));
    if (dims[i].target == Dimension::Target::hardware) {
      p.hardware[dims[i].name] = text;
    } else if (std::find(s.cell_dims.begin(), s.cell_dims.end(), i) != s.cell_dims.end()) {
      cell.push_back(text);
    } else {
      p.knobs[dims[i].name] = text;
    }
  }
  if (!s.cell_knob.empty()) p.knobs[s.cell_knob] = compose_cell(s.cell_kind, cell);
  return p;
}

std::string chip_yaml(const Study& s, const DesignPoint& p) {
  std::string y = "extends: \"" + s.base_chip + "\"\n";
  for (const auto& [path, text] : p.hardware) y += path + ": \"" + text + "\"\n";
  return y;
}

namespace {

// canonical_inputs() in three parts: before the point, the point's own, after it.
std::string inputs_prefix(const Study& s, const std::string& fidelity) {
  return "simulator: " + simulator_version() + "\nfidelity: " + fidelity + "\nchip:\n" +
         s.base_chip_yaml + "\noverrides:\n";
}

std::string inputs_of_point(const Study& s, const DesignPoint& p) {
  std::string o;
  for (const auto& [path, text] : p.hardware) o += path + "=" + text + "\n";
  o += "model: " + (s.model_digest.empty() ? s.model : "file " + s.model_digest) + "\nknobs:\n";
  for (const auto& [k, v] : p.knobs) o += k + "=" + v + "\n";
  return o;
}

std::string inputs_suffix(const Study& s) {
  std::ostringstream o;
  o << "constraints:\n";
  for (const auto& c : s.constraints) {
    o << c.metric << " min=" << (c.min ? core::format_number(*c.min) : "-")
      << " max=" << (c.max ? core::format_number(*c.max) : "-") << "\n";
  }
  o << "memory_fit: " << s.memory_fit << "\noracle: ";
  const OracleSpec& q = s.oracle;
  if (q.kind == OracleSpec::Kind::table) {
    o << "table " << s.oracle_digest << " " << q.key_column << " " << q.knob << " " << q.column;
  } else if (q.kind == OracleSpec::Kind::surrogate) {
    o << "surrogate " << s.oracle_digest;  // the table's content, the family and the tag
  } else if (q.kind == OracleSpec::Kind::command) {
    o << "command " << q.command;
  } else {
    o << "none";
  }
  o << "\n";
  return o.str();
}

}  // namespace

std::string canonical_inputs(const Study& s, const DesignPoint& p, const std::string& fidelity) {
  return inputs_prefix(s, fidelity) + inputs_of_point(s, p) + inputs_suffix(s);
}

std::string trial_key(const Study& s, const DesignPoint& p, const std::string& fidelity) {
  return content_hash(canonical_inputs(s, p, fidelity));
}

TrialKeyer::TrialKeyer(const Study& s, const std::string& fidelity)
    : m_study(s), m_suffix(inputs_suffix(s)) {
  m_prefix.add(inputs_prefix(s, fidelity));
}

std::string TrialKeyer::key(const DesignPoint& p) const {
  ContentHasher h = m_prefix;
  return h.add(inputs_of_point(m_study, p)).add(m_suffix).hex();
}

}  // namespace coda::search
