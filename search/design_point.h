// A design point: the chip overrides and model knobs one gene vector stands for, and its trial key,
// a hash of every input that determines its result plus the simulator version.
#pragma once

#include <map>
#include <string>

#include "search/hash.h"
#include "search/study.h"

namespace coda::search {

// Part of every key: "coda <version> search/<n> sim <digest of the simulator's sources>"; bump n
// when the search's own evaluation semantics change.
std::string simulator_version();

struct DesignPoint {
  Genes genes;
  std::map<std::string, std::string> hardware;  // chip path -> canonical YAML text
  std::map<std::string, std::string> knobs;     // every model knob (fixed, searched, composed)
};

DesignPoint make_point(const Study& s, const Genes& genes);
// "extends: <base>" plus one line per override: the chip of the point as YAML text.
std::string chip_yaml(const Study& s, const DesignPoint& p);
// Everything that determines the outcome, as text: simulator version, fidelity, resolved base
// chip, overrides, model (and file digest), knobs, constraints and oracle.
std::string canonical_inputs(const Study& s, const DesignPoint& p, const std::string& fidelity);
// content_hash(canonical_inputs(s, p, fidelity)).
std::string trial_key(const Study& s, const DesignPoint& p, const std::string& fidelity);

// trial_key() for many points of one study and fidelity: the part of the canonical inputs before
// the point's own (simulator, fidelity, the resolved base chip: most of the text) is hashed once.
class TrialKeyer {
 public:
  TrialKeyer(const Study& s, const std::string& fidelity);
  std::string key(const DesignPoint& p) const;

 private:
  const Study& m_study;
  ContentHasher m_prefix;
  std::string m_suffix;
};

}  // namespace coda::search
