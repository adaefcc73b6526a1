#!/usr/bin/env python3
"""Reads `coda report --json` of scripts/search_acceptance.sh on stdin and prints, per strategy,
the hypervolume of each seed's run as a fraction of the exhaustive (grid) front's, and the median."""
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
for strategy in ("nsga2", "evolution", "random"):
    rs = sorted((r for r in runs if r["strategy"] == strategy), key=lambda r: r["seed"])
    if not rs:
        continue
    fractions = [r["hypervolume"] / true_hv for r in rs]
    per_seed = "  ".join(f"s{r['seed']}={f:.4f}" for r, f in zip(rs, fractions))
    print(f"{strategy:<10} {rs[0]['asks']:>6} {statistics.median(fractions):>8.4f}  {per_seed}")
