// Dominance, sorting and hypervolume.
#include "search/pareto.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace coda::search {

bool dominates(const Scores& a, const Scores& b) {
  bool better = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

std::vector<std::vector<std::size_t>> nondominated_sort(const std::vector<Scores>& points) {
  const std::size_t n = points.size();
  std::vector<std::vector<std::size_t>> dominated(n);  // i dominates these
  std::vector<std::size_t> count(n, 0);                // how many dominate i
  std::vector<std::vector<std::size_t>> fronts(1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (dominates(points[i], points[j])) {
        dominated[i].push_back(j);
        ++count[j];
      } else if (dominates(points[j], points[i])) {
        dominated[j].push_back(i);
        ++count[i];
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (count[i] == 0) fronts[0].push_back(i);
  }
  while (!fronts.back().empty()) {
    std::vector<std::size_t> next;
    for (std::size_t i : fronts.back()) {
      for (std::size_t j : dominated[i]) {
        if (--count[j] == 0) next.push_back(j);
      }
    }
    std::sort(next.begin(), next.end());
    fronts.push_back(std::move(next));
  }
  fronts.pop_back();
  return fronts;
}

std::vector<std::size_t> pareto_front(const std::vector<Scores>& points) {
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < points.size() && !dominated; ++j) {
      dominated = j != i && dominates(points[j], points[i]);
    }
    if (!dominated) front.push_back(i);
  }
  return front;
}

std::vector<double> front_distances(const std::vector<Scores>& points) {
  if (points.empty()) return {};
  const std::size_t m = points.front().size();
  Scores low = points.front(), high = points.front();
  for (const Scores& p : points) {
    for (std::size_t i = 0; i < m; ++i) {
      low[i] = std::min(low[i], p[i]);
      high[i] = std::max(high[i], p[i]);
    }
  }
  const std::vector<std::size_t> front = pareto_front(points);
  std::vector<double> out;
  out.reserve(points.size());
  for (const Scores& p : points) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t f : front) {
      double worst = 0;  // how much worse p is than this member, in its worst objective
      for (std::size_t i = 0; i < m; ++i) {
        const double range = high[i] > low[i] ? high[i] - low[i] : 1;
        worst = std::max(worst, (p[i] - points[f][i]) / range);
      }
      best = std::min(best, worst);
    }
    out.push_back(best);
  }
  return out;
}

std::vector<double> crowding_distance(const std::vector<Scores>& points,
                                      const std::vector<std::size_t>& front) {
  const std::size_t n = front.size();
  std::vector<double> d(n, 0.0);
  if (n == 0) return d;
  const double inf = std::numeric_limits<double>::infinity();
  const std::size_t m = points[front[0]].size();
  std::vector<std::size_t> order(n);
  for (std::size_t k = 0; k < m; ++k) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return points[front[a]][k] < points[front[b]][k];
    });
    const double lo = points[front[order.front()]][k], hi = points[front[order.back()]][k];
    d[order.front()] = d[order.back()] = inf;
    if (hi <= lo) continue;
    for (std::size_t r = 1; r + 1 < n; ++r) {
      d[order[r]] += (points[front[order[r + 1]]][k] - points[front[order[r - 1]]][k]) / (hi - lo);
    }
  }
  return d;
}

namespace {

double hv_rec(std::vector<Scores> pts, const Scores& ref, std::size_t dims) {
  if (pts.empty()) return 0;
  if (dims == 1) {
    double best = ref[0];
    for (const auto& p : pts) best = std::min(best, p[0]);
    return ref[0] - best;
  }
  const std::size_t k = dims - 1;  // slice along this objective
  std::sort(pts.begin(), pts.end(), [k](const Scores& a, const Scores& b) { return a[k] < b[k]; });
  if (dims == 2) {
    // Sweep in ascending y: each point adds the strip between its x and the best x so far.
    double volume = 0, best_x = ref[0];
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const double next_y = i + 1 < pts.size() ? pts[i + 1][1] : ref[1];
      best_x = std::min(best_x, pts[i][0]);
      volume += (ref[0] - best_x) * (next_y - pts[i][1]);
    }
    return volume;
  }
  // The slab between consecutive values of objective k is dominated by the points at or below it.
  double volume = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const double next = i + 1 < pts.size() ? pts[i + 1][k] : ref[k];
    if (next <= pts[i][k]) continue;
    std::vector<Scores> lower(pts.begin(), pts.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    volume += hv_rec(lower, ref, dims - 1) * (next - pts[i][k]);
  }
  return volume;
}

}  // namespace

double hypervolume(const std::vector<Scores>& points, const Scores& reference) {
  std::vector<Scores> inside;
  for (const auto& p : points) {
    bool ok = p.size() == reference.size();
    for (std::size_t i = 0; ok && i < p.size(); ++i) ok = p[i] < reference[i];
    if (ok) inside.push_back(p);
  }
  std::vector<Scores> front;
  for (std::size_t i : pareto_front(inside)) front.push_back(inside[i]);
  return hv_rec(std::move(front), reference, reference.size());
}

}  // namespace coda::search
