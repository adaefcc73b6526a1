#!/usr/bin/env python3
"""Grid search of the calibrated TPU v4 parameters against the calibration CSV (never hold-out).

Each candidate is a YAML file that `extends: tpu_v4` and overrides the calibrated keys; every
candidate is judged by `coda validate --json` (MAPE over all rows, as a fraction). Prints the best
candidates. Usage: scripts/calibrate_tpu_v4.py [path/to/matmul_calibration.csv]
The chosen values are written into configs/hw/tpu_v4.yaml by hand, with this command cited.
"""
import itertools, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    ROOT, "..", "shared", "data", "tpu_measured", "matmul_calibration.csv")
# The keys the fit may set. core.mxu.weight_buffers stays 2 (TPU MXUs double-buffer weights).
GRID = {
    "overheads.kernel_launch": ["200 ns", "250 ns", "300 ns", "350 ns", "400 ns"],
    "overheads.tile_step": ["0 ns", "50 ns", "100 ns", "150 ns"],
    "hbm.latency": ["0 ns", "50 ns", "100 ns"],
    "dma.latency": ["150 ns", "200 ns", "250 ns", "300 ns"],
    "compiler.nonnative_mxus": ["2", "3", "4"],
}

def yaml_for(values):
    tree = {}
    for path, v in values.items():
        node = tree
        parts = path.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = v
    def emit(node, indent):
        out = ""
        for k, v in node.items():
            out += " " * indent + k + ":" + ("\n" + emit(v, indent + 2) if isinstance(v, dict) else " " + v + "\n")
        return out
    return "extends: tpu_v4\n" + emit(tree, 0)

def main():
    coda = os.path.join(ROOT, "build", "coda")
    results = []
    keys = list(GRID)
    with tempfile.TemporaryDirectory() as tmp:
        for combo in itertools.product(*(GRID[k] for k in keys)):
            values = dict(zip(keys, combo))
            path = os.path.join(tmp, "candidate.yaml")
            with open(path, "w") as f:
                f.write(yaml_for(values))
            out = subprocess.run([coda, "validate", "--hw", path, CSV, "--json", "--worst", "0"],
                                 check=True, capture_output=True, text=True).stdout
            r = json.loads(out)
            results.append((r["mape"], values, r["sweeps"]))
    results.sort(key=lambda r: r[0])
    for mape, values, sweeps in results[:5]:
        print(f"MAPE {100 * mape:.2f}%  {values}")
        print("   " + ", ".join(f"{k} {100 * v:.1f}%" for k, v in sorted(sweeps.items())))

if __name__ == "__main__":
    main()
