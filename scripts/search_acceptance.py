#!/usr/bin/env python3
"""Reads `coda report --json` of scripts/search_acceptance.sh on stdin and prints, per strategy,
the hypervolume of each seed's run as a fraction of the exhaustive (grid) front's, and the median.
Exits 1 unless issue 6's acceptance holds: NSGA-II and regularized evolution each reach a median of
>= 95 % of the exhaustive hypervolume over 5 seeds, and each median is above random search's."""
import json
import statistics
import sys

report = json.load(sys.stdin)
runs = [r for r in report["runs"] if r["study_hash"] == report["study"]["hash"]]
grid = [r for r in runs if r["strategy"] == "grid"]
if not grid:
    sys.exit("no grid run: the exhaustive front is missing")
true_hv = grid[0]["hypervolume"]
print(f"reference point: {report['reference']}")
print(f"exhaustive front: {grid[0]['asks']} cells, {grid[0]['front_size']} designs, "
      f"hypervolume {true_hv:.6g}")
print(f"{'strategy':<10} {'budget':>6} {'median':>8}  per seed (fraction of the true hypervolume)")
medians = {}
for strategy in ("nsga2", "evolution", "random"):
    rs = sorted((r for r in runs if r["strategy"] == strategy), key=lambda r: r["seed"])
    if not rs:
        continue
    fractions = [r["hypervolume"] / true_hv for r in rs]
    medians[strategy] = statistics.median(fractions)
    per_seed = "  ".join(f"s{r['seed']}={f:.4f}" for r, f in zip(rs, fractions))
    print(f"{strategy:<10} {rs[0]['asks']:>6} {medians[strategy]:>8.4f}  {per_seed}")

failures = []
if "random" not in medians:
    failures.append("no random runs to compare with")
for strategy in ("nsga2", "evolution"):
    m = medians.get(strategy)
    if m is None:
        failures.append(f"no {strategy} runs")
        continue
    if m < 0.95:
        failures.append(f"{strategy} median {m:.4f} < 0.95 of the exhaustive hypervolume")
    if "random" in medians and m <= medians["random"]:
        failures.append(f"{strategy} median {m:.4f} does not beat random's {medians['random']:.4f}")
if failures:
    sys.exit("acceptance not met: " + "; ".join(failures))
print("acceptance met: NSGA-II and evolution >= 0.95 of the exhaustive hypervolume, above random")
