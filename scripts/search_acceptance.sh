#!/bin/sh
# Issue 6 acceptance measurement (docs/search.md): on all 15,625 NAS-Bench-201 cells with table
# accuracy and analytic latency on a fixed edge NPU, the exhaustive front (grid) vs NSGA-II,
# regularized evolution and random search at 1,000 evaluations, 5 seeds each.
# Usage: scripts/search_acceptance.sh [CODA] [DB]   (defaults: build/coda, nb201_acceptance.db)
# Every point is evaluated once (the grid); the 15 later runs are served from the store, which
# is the point of trial keys: the comparison costs one exhaustive sweep.
set -eu
CODA=${1:-build/coda}
DB=${2:-nb201_acceptance.db}
STUDY=$(dirname "$0")/../configs/search/nb201_fixed_edge.yaml
"$CODA" search "$STUDY" --db "$DB" --strategy grid --budget 15625
for strategy in nsga2 evolution random; do
  for seed in 1 2 3 4 5; do
    "$CODA" search "$STUDY" --db "$DB" --strategy "$strategy" --seed "$seed" --budget 1000
  done
done
"$CODA" report "$DB" --json | python3 "$(dirname "$0")/search_acceptance.py"
