#!/usr/bin/env python3
"""Fit of the two calibrated static-power entries of configs/energy/default.yaml (docs/energy.md).

Runs `coda op --json` on tpu_v3, tpu_v4 and tpu_v4i with a table that extends `default` and sets
static.w_per_mm2 and static.chip_w to 0: that gives each chip's peak dynamic power (tdp_w) and area.
TDP = dynamic + w_per_mm2 x area + chip_w, so a grid over the two entries needs no more runs. The
score is the largest |ln(TDP / anchor)| over the anchors of facts.md 1a: v3 262 W and v4 192 W
(measured maximum, GCD-v3/GCD-v4 [R]), v4i 175 W (TDP [S]). The chosen values are written into
configs/energy/default.yaml by hand (rounded), with this command cited.
  scripts/fit_static_power.py [path/to/coda]      (default: build/coda)
"""
import json, math, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "coda")
ANCHORS = {"tpu_v3": 262.0, "tpu_v4": 192.0, "tpu_v4i": 175.0}


def dynamic_and_area(tmp, preset):
    chip = os.path.join(tmp, preset + ".yaml")
    with open(chip, "w") as f:
        f.write("extends: %s\nenergy_table: zero_static.yaml\n" % preset)
    out = subprocess.run([CODA, "op", "--hw", chip, "--matmul", "128,128,128", "--json"],
                         check=True, capture_output=True, text=True).stdout
    j = json.loads(out.splitlines()[0])
    return j["tdp_w"], j["area_mm2"]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "zero_static.yaml"), "w") as f:
            f.write("extends: default\nstatic:\n  w_per_mm2: 0\n  chip_w: 0\n")
        chips = {p: dynamic_and_area(tmp, p) for p in ANCHORS}
    for p, (dyn, area) in chips.items():
        print("%-8s dynamic %.1f W, area %.1f mm^2, anchor %.0f W (%+.0f%%)"
              % (p, dyn, area, ANCHORS[p], 100 * (dyn / ANCHORS[p] - 1)))
    best = None
    for i in range(301):  # w_per_mm2 0 .. 0.3 in steps of 0.001
        for chip_w in range(0, 81, 2):
            w = i / 1000
            score = max(abs(math.log((d + w * a + chip_w) / ANCHORS[p]))
                        for p, (d, a) in chips.items())
            if best is None or score < best[0]:
                best = (score, w, chip_w)
    score, w, chip_w = best
    print("best: w_per_mm2 %.3f, chip_w %d W (largest |ln ratio| %.3f)" % (w, chip_w, score))
    for p, (d, a) in chips.items():
        tdp = d + w * a + chip_w
        print("  %-8s TDP %.1f W (%+.0f%%)" % (p, tdp, 100 * (tdp / ANCHORS[p] - 1)))


if __name__ == "__main__":
    main()
