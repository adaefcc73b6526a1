#!/usr/bin/env python3
"""Regenerates traces/golden/*.json: the reference results tests/e2e/golden_test.cpp compares
`coda simulate` against. Run it (after building) only when a change to the model is intended, and
say why in the commit message. Usage: scripts/update_golden.py
"""
import json, os, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = [("resnet50", "tpu_v4"), ("efficientnet_b0", "tpu_v4"), ("bert_base", "tpu_v4")]
KEYS = ["cycles", "time_s", "macs", "flops", "energy_j"]

for model, hw in CASES:
    out = subprocess.run([os.path.join(ROOT, "build", "coda"), "simulate", "--hw", hw, "--model",
                          model, "--json"], check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    golden = {"model": model, "hw": hw, "batch": r["batch"],
              "regenerate": "scripts/update_golden.py",
              "tolerance": {"cycles": 0.02, "time_s": 0.02, "energy_j": 0.02, "hbm_bytes": 0.02,
                            "macs": 0, "flops": 0, "layers": 0},
              "hbm_bytes": r["bytes"]["hbm_read"] + r["bytes"]["hbm_write"],
              "layers": len(r["layers"])}
    golden.update({k: r[k] for k in KEYS})
    path = os.path.join(ROOT, "traces", "golden", f"{model}_{hw}.json")
    with open(path, "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)
