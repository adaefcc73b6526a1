// Pareto dominance, non-dominated sorting, crowding distance and the exact hypervolume, all over
// score vectors to minimize (maximized objectives negated by Objective::score).
#pragma once

#include <cstddef>
#include <vector>

namespace coda::search {

using Scores = std::vector<double>;

// a is no worse than b in every objective and better in at least one.
bool dominates(const Scores& a, const Scores& b);
// Fronts of indices into `points`: front 0 is non-dominated, front 1 is non-dominated once front 0
// is removed, ... (Deb et al. 2002, fast non-dominated sort). Indices ascend within a front.
std::vector<std::vector<std::size_t>> nondominated_sort(const std::vector<Scores>& points);
// Indices of the non-dominated points (duplicates all kept), ascending.
std::vector<std::size_t> pareto_front(const std::vector<Scores>& points);
// Crowding distance of each member of `front` (same order): the sum over objectives of the
// normalised gap between its neighbours; boundary points get infinity.
std::vector<double> crowding_distance(const std::vector<Scores>& points,
                                      const std::vector<std::size_t>& front);
// Volume of the region dominated by `points` and bounded by `reference` (exact; points that do not
// dominate the reference strictly in every objective add nothing). 2-D by a sweep, higher
// dimensions by slicing along the last objective.
double hypervolume(const std::vector<Scores>& points, const Scores& reference);
// How far each point is from the non-dominated set of `points`, in fractions of each objective's
// range over `points` (a range of 0 counts as 1): the smallest e such that some front member f has
// p[i] <= f[i] + e * range[i] in every objective i (the additive epsilon indicator of p against
// one front member). Front members are at 0.
std::vector<double> front_distances(const std::vector<Scores>& points);

}  // namespace coda::search
