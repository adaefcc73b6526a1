// Latency-aware compound scaling: the study checks, the coefficient grid with its pruning, the
// choice and the family.
#include "search/lacs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "search/study_domains.h"
#include "sim/core/text.h"
#include "sim/core/units.h"

namespace coda::search {
namespace {

constexpr std::size_t kBase = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kFamily = kBase - 1;

const char* kOnly = "strategy 'lacs' scales depth, width and resolution only; give '";

std::string key_of(const Dimension& d) {
  return std::string(d.target == Dimension::Target::hardware ? "hardware." : "model.knobs.") +
         d.name + "." + to_string(d.kind);
}

// Reals at 1e-6 so that 1.2 x 1.2 is the knob value 1.44.
double round6(double v) { return std::round(v * 1e6) / 1e6; }

// (value, gene) of every level of a discrete dimension, or of `real_levels` evenly spaced values
// of a real one, ascending by value; every value must be a positive number.
std::vector<std::pair<double, double>> levels_of(const Dimension& d, std::size_t real_levels) {
  std::vector<std::pair<double, double>> out;
  if (d.discrete()) {
    for (std::size_t i = 0; i < d.size(); ++i) {
      double v = 0;
      if (!parse_real(d.levels[i], v) || !(v > 0))
        throw core::InputError(
            d.where, key_of(d),
            "strategy 'lacs' scales positive numbers; '" + d.levels[i] + "' is not one");
      out.push_back({v, static_cast<double>(i)});
    }
  } else {
    if (!(d.lo > 0))
      throw core::InputError(d.where, key_of(d),
                             "strategy 'lacs' scales positive numbers; '" +
                                 core::format_number(d.lo) + "' is not one");
    const std::size_t n = d.hi > d.lo ? std::max<std::size_t>(1, real_levels) : 1;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = std::clamp(round6(d.grid_value(i, n)), d.lo, d.hi);
      out.push_back({v, v});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const auto& a, const auto& b) { return a.first == b.first; }),
            out.end());
  return out;
}

struct Located {
  std::array<std::size_t, 3> dim{};
  std::size_t latency = 0;
  std::optional<std::size_t> accuracy;
};

// The knobs and objectives LACS needs; `s` (when given) adds the study's fixed knobs and cells.
Located locate(const Space& space, const std::vector<Objective>& objectives, const Study* s) {
  const core::SourceLoc file{s ? s->file : "", 0, 0};
  Located out;
  std::vector<std::string> missing;
  for (std::size_t k = 0; k < 3; ++k) {
    const std::string& name = lacs_knobs()[k];
    const auto& dims = space.dims();
    const auto it = std::find_if(dims.begin(), dims.end(), [&](const Dimension& d) {
      return d.target == Dimension::Target::model && d.name == name;
    });
    if (it != dims.end()) {
      out.dim[k] = static_cast<std::size_t>(it - dims.begin());
    } else if (s && s->fixed_knobs.count(name)) {
      const auto w = s->knob_where.find(name);
      throw core::InputError(w == s->knob_where.end() ? file : w->second, "model.knobs." + name,
                             "strategy 'lacs' scales '" + name +
                                 "': give it a domain, e.g. {real: [1.0, 2.0]}, not one value");
    } else {
      missing.push_back(name);
    }
  }
  if (!missing.empty())
    throw core::InputError(file, "model.knobs",
                           "strategy 'lacs' scales the model knobs depth, width and resolution; "
                           "missing: " +
                               core::join(missing));
  for (std::size_t k = 0; k < 3; ++k) levels_of(space.dims()[out.dim[k]], 1);
  if (s && !s->cell_knob.empty()) {
    const auto w = s->knob_where.find(s->cell_knob);
    throw core::InputError(w == s->knob_where.end() ? file : w->second,
                           "model.knobs." + s->cell_knob,
                           kOnly + s->cell_knob + "' one value or use another strategy");
  }
  for (std::size_t i = 0; i < space.size(); ++i) {
    if (std::find(out.dim.begin(), out.dim.end(), i) != out.dim.end()) continue;
    const Dimension& d = space.dims()[i];
    throw core::InputError(d.where, key_of(d),
                           kOnly + d.name + "' one value or use another strategy");
  }
  std::optional<std::size_t> latency;
  for (std::size_t i = 0; i < objectives.size(); ++i) {
    const Objective& o = objectives[i];
    if (o.metric == "latency_s") {
      if (o.goal != Goal::minimize)
        throw core::InputError(o.where, "objectives.latency_s",
                               "strategy 'lacs' needs latency_s: minimize");
      latency = i;
    } else if (o.metric == "accuracy") {
      if (o.goal != Goal::maximize)
        throw core::InputError(o.where, "objectives.accuracy",
                               "strategy 'lacs' picks the most accurate coefficients: write "
                               "accuracy: maximize");
      out.accuracy = i;
    }
  }
  if (!latency)
    throw core::InputError(file, "objectives",
                           "strategy 'lacs' needs the objective latency_s: minimize");
  out.latency = *latency;
  return out;
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

}  // namespace

const std::array<std::string, 3>& lacs_knobs() {
  static const std::array<std::string, 3> k = {"depth", "width", "resolution"};
  return k;
}

void check_lacs_study(const Study& s) { locate(s.space, s.objectives, &s); }

void check_study_strategy(const Study& s, const std::string& strategy) {
  if (strategy == "lacs") check_lacs_study(s);
}

void read_lacs_entry(Study& s, const core::YamlEntry& e) {
  const std::string k = e.path.substr(std::min(e.path.size(), std::string("lacs.").size()));
  double v = 0;
  if ((k == "target" || k == "tolerance") && (e.is_list || e.is_map || !parse_real(e.scalar, v)))
    throw core::InputError(e.where, e.path, "expected a number, got '" + e.scalar + "'");
  if (k == "target") {
    if (!(v > 1))
      throw core::InputError(
          e.where, e.path,
          "expected the latency ratio of one scaling step, above 1, got '" + e.scalar + "'");
    s.lacs_target = v;
  } else if (k == "tolerance") {
    if (!(v >= 0 && v < 1))
      throw core::InputError(e.where, e.path,
                             "expected a relative tolerance in [0, 1), got '" + e.scalar + "'");
    s.lacs_tolerance = v;
  } else if (e.path == "lacs") {
    throw core::InputError(e.where, e.path, "expected lacs: {target: RATIO, tolerance: FRACTION}");
  } else {
    throw core::InputError(e.where, e.path,
                           "unknown lacs key '" + k + "'" +
                               core::did_you_mean(k, {"target", "tolerance"}) +
                               "; keys: target, tolerance");
  }
}

LacsStrategy::LacsStrategy(const Space& space, const StrategyOptions& options)
    : m_space(space), m_options(options) {
  const Located at = locate(space, options.objectives, nullptr);
  m_dim = at.dim;
  m_latency = at.latency;
  m_accuracy = at.accuracy;
  m_batch = options.population ? options.population : 4;
  for (std::size_t k = 0; k < 3; ++k) {
    m_levels[k] = levels_of(space.dims()[m_dim[k]], options.grid_levels);
    m_base[k] = m_levels[k].front().first;
  }
  m_base_genes = genes_of({0, 0, 0});
  // The grid without the base, most promising first by EfficientNet's FLOPs rule (a ratio compared
  // by max(p / t, t / p): exact IEEE arithmetic, the same order on every platform).
  const double t = options.lacs_target;
  std::vector<std::pair<double, Candidate>> grid;
  for (std::size_t i = 0; i < m_levels[0].size(); ++i) {
    for (std::size_t j = 0; j < m_levels[1].size(); ++j) {
      for (std::size_t k = 0; k < m_levels[2].size(); ++k) {
        if (i + j + k == 0) continue;
        Candidate c;
        c.values = {m_levels[0][i].first, m_levels[1][j].first, m_levels[2][k].first};
        c.genes = genes_of({i, j, k});
        const double a = c.values[0] / m_base[0], b = c.values[1] / m_base[1],
                     g = c.values[2] / m_base[2];
        const double p = a * b * b * g * g;
        grid.push_back({p >= t ? p / t : t / p, std::move(c)});
      }
    }
  }
  std::stable_sort(grid.begin(), grid.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  for (auto& [key, c] : grid) m_candidates.push_back(std::move(c));
}

Genes LacsStrategy::genes_of(const std::array<std::size_t, 3>& level) const {
  Genes g(m_space.size(), 0.0);
  for (std::size_t k = 0; k < 3; ++k) g[m_dim[k]] = m_levels[k][level[k]].second;
  return g;
}

bool LacsStrategy::pruned(const Candidate& c) const {
  auto all = [&](const Values& a, const Values& b) {  // a <= b in every knob
    return a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2];
  };
  for (const Values& s : m_too_slow) {
    if (all(s, c.values)) return true;
  }
  for (const Values& f : m_too_fast) {
    if (all(c.values, f)) return true;
  }
  return false;
}

std::vector<Genes> LacsStrategy::ask(std::size_t max_points) {
  std::vector<Genes> out;
  if (max_points == 0) return out;
  if (m_phase == Phase::base) {
    if (!m_base_asked) {
      m_base_asked = true;
      m_outstanding.push_back(kBase);
      out.push_back(m_base_genes);
      return out;
    }
    if (!m_base_latency) {
      if (m_options.note)
        m_options.note("lacs: the base point (" + describe(m_base_genes) +
                       ") is infeasible or failed: no latency to scale from");
      m_phase = Phase::done;
      return out;
    }
    m_phase = Phase::grid;
  }
  if (m_phase == Phase::grid) {
    while (out.size() < std::min(max_points, m_batch) && m_cursor < m_candidates.size()) {
      Candidate& c = m_candidates[m_cursor];
      if (pruned(c)) {
        ++m_skipped;
      } else {
        c.asked = true;
        m_outstanding.push_back(m_cursor);
        out.push_back(c.genes);
      }
      ++m_cursor;
    }
    if (!out.empty()) return out;
    choose();
    plan_family();
    m_phase = Phase::family;
  }
  if (m_phase == Phase::family) {
    while (out.size() < max_points && m_family_next < m_family.size()) {
      m_outstanding.push_back(kFamily);
      out.push_back(m_family[m_family_next++]);
    }
    if (out.empty()) m_phase = Phase::done;
  }
  return out;
}

void LacsStrategy::tell(const Genes&, const std::optional<Scores>& scores) {
  if (m_outstanding.empty()) return;
  const std::size_t i = m_outstanding.front();
  m_outstanding.pop_front();
  const bool ok = scores && (*scores)[m_latency] > 0;
  if (!ok) {
    ++m_bad;
    return;
  }
  const double latency = (*scores)[m_latency];
  if (i == kBase) {
    m_base_latency = latency;
  } else if (i != kFamily) {
    Candidate& c = m_candidates[i];
    c.ok = true;
    c.ratio = latency / *m_base_latency;
    c.accuracy_score = m_accuracy ? (*scores)[*m_accuracy] : 0;
    const double t = m_options.lacs_target, tol = m_options.lacs_tolerance;
    if (c.ratio > t * (1 + tol)) m_too_slow.push_back(c.values);
    if (c.ratio < t * (1 - tol)) m_too_fast.push_back(c.values);
  }
}

void LacsStrategy::choose() {
  const double t = m_options.lacs_target, tol = m_options.lacs_tolerance;
  auto in_band = [&](const Candidate& c) {
    return c.ratio >= t * (1 - tol) && c.ratio <= t * (1 + tol);
  };
  // a before b: in the band; then (both in it, with an accuracy objective) more accurate; then the
  // ratio closer to the target; then asked earlier (the candidates' order).
  auto before = [&](const Candidate& a, const Candidate& b) {
    if (in_band(a) != in_band(b)) return in_band(a);
    if (in_band(a) && m_accuracy && a.accuracy_score != b.accuracy_score)
      return a.accuracy_score < b.accuracy_score;
    return std::fabs(a.ratio - t) < std::fabs(b.ratio - t);
  };
  const Candidate* best = nullptr;
  std::size_t asked = 0;
  for (const Candidate& c : m_candidates) {
    if (c.asked) ++asked;
    if (c.ok && (!best || before(c, *best))) best = &c;
  }
  std::string note = "lacs: base (" + describe(m_base_genes) + "): latency " +
                     num(*m_base_latency) + " s; " + std::to_string(asked) + " of " +
                     std::to_string(m_candidates.size()) + " coefficient candidates asked, " +
                     std::to_string(m_skipped) + " skipped as outside the band " +
                     num(t * (1 - tol)) + ".." + num(t * (1 + tol)) + ", " + std::to_string(m_bad) +
                     " infeasible or failed";
  if (best) {
    Choice ch;
    ch.genes = best->genes;
    for (std::size_t k = 0; k < 3; ++k) ch.coefficients[k] = best->values[k] / m_base[k];
    ch.ratio = best->ratio;
    if (m_accuracy) ch.accuracy = -best->accuracy_score;
    ch.in_band = in_band(*best);
    m_choice = ch;
    note += "\nlacs: chose " + describe(ch.genes) + ": alpha " + num(ch.coefficients[0]) +
            ", beta " + num(ch.coefficients[1]) + ", gamma " + num(ch.coefficients[2]) +
            ", latency ratio " + num(ch.ratio) +
            (ch.in_band ? "" : " (nothing in the band: the closest)") +
            (ch.accuracy ? ", accuracy " + num(*ch.accuracy) : "");
  } else {
    note += "\nlacs: no candidate could be evaluated; nothing to scale";
  }
  if (m_options.note) m_options.note(note);
}

void LacsStrategy::plan_family() {
  if (!m_choice) return;
  Values v = m_base;
  std::string text;
  int phi = 1;
  for (; phi < 64; ++phi) {
    Genes g(m_space.size(), 0.0);
    bool inside = true;
    for (std::size_t k = 0; k < 3; ++k) {
      // base x coefficient^phi by products: the same on every platform (std::pow may not be).
      v[k] *= m_choice->coefficients[k];
      const Dimension& d = m_space.dims()[m_dim[k]];
      const auto& lv = m_levels[k];
      if (v[k] > (d.discrete() ? lv.back().first : d.hi) * (1 + 1e-9)) {
        inside = false;
      } else if (d.discrete()) {
        auto nearest = lv.begin();
        for (auto it = lv.begin(); it != lv.end(); ++it) {
          if (std::fabs(it->first - v[k]) < std::fabs(nearest->first - v[k])) nearest = it;
        }
        g[m_dim[k]] = nearest->second;
      } else {
        g[m_dim[k]] = std::clamp(round6(v[k]), d.lo, d.hi);
      }
    }
    if (!inside) break;
    if (phi == 1) continue;  // the choice itself, asked in phase 2
    if (g == m_choice->genes || (!m_family.empty() && g == m_family.back())) continue;
    m_family.push_back(g);
    text +=
        (text.empty() ? "" : "; ") + std::string("phi ") + std::to_string(phi) + ": " + describe(g);
  }
  if (m_options.note)
    m_options.note("lacs: family " + (!text.empty() ? text
                                      : phi == 2    ? "empty (phi 2 leaves the space)"
                                                    : "empty (every phi snaps to the choice)"));
}

std::string LacsStrategy::describe(const Genes& g) const {
  std::string s;
  for (std::size_t k = 0; k < 3; ++k) {
    s += (k ? ", " : "") + lacs_knobs()[k] + " " + m_space.dims()[m_dim[k]].text(g[m_dim[k]]);
  }
  return s;
}

}  // namespace coda::search
