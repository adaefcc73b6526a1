#!/usr/bin/env python3
"""Grid search of the calibrated TPU v4 parameters against measured latencies (calibration files only).

Each candidate is a YAML file that `extends: tpu_v4` and overrides the calibrated keys; every
candidate is judged by `coda validate --json` (MAPE, as a fraction). Two independent fits:
  scripts/calibrate_tpu_v4.py            matmul keys on matmul_calibration.csv
  scripts/calibrate_tpu_v4.py --vector   vector-op keys on elementwise, activation, normalization
                                         and pooling CSVs together (MAPE weighted by rows)
The vector keys do not change how matmuls lower, so the two fits do not interact. The chosen values
are written into configs/hw/tpu_v4.yaml by hand, with this command cited.
"""
import itertools, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "tpu_measured")
VECTOR = "--vector" in sys.argv
CSVS = [os.path.join(DATA, f + ".csv") for f in
        (["elementwise", "activation", "normalization", "pooling"] if VECTOR
         else ["matmul_calibration"])]
# The keys the fit may set. core.mxu.weight_buffers stays 2 (TPU MXUs double-buffer weights).
GRID = {
    "overheads.kernel_launch": ["200 ns", "250 ns", "300 ns", "350 ns", "400 ns"],
    "overheads.tile_step": ["0 ns", "50 ns", "100 ns", "150 ns"],
    "hbm.latency": ["0 ns", "50 ns", "100 ns"],
    "dma.latency": ["150 ns", "200 ns", "250 ns", "300 ns"],
    "compiler.nonnative_mxus": ["2", "3", "4"],
}
VECTOR_GRID = {
    "compiler.vector_chunk": ["16 KiB", "32 KiB", "64 KiB", "128 KiB", "0"],
    "compiler.vector_pipelined": ["true", "false"],
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
    grid = VECTOR_GRID if VECTOR else GRID
    keys = list(grid)
    with tempfile.TemporaryDirectory() as tmp:
        for combo in itertools.product(*(grid[k] for k in keys)):
            values = dict(zip(keys, combo))
            path = os.path.join(tmp, "candidate.yaml")
            with open(path, "w") as f:
                f.write(yaml_for(values))
            errors, rows, sweeps = 0.0, 0, {}
            for csv in CSVS:
                out = subprocess.run([coda, "validate", "--hw", path, csv, "--json", "--worst", "0"],
                                     check=True, capture_output=True, text=True).stdout
                r = json.loads(out)
                errors += r["mape"] * r["rows"]
                rows += r["rows"]
                sweeps.update(r["sweeps"])
            results.append((errors / rows, values, sweeps))
    results.sort(key=lambda r: r[0])
    for mape, values, sweeps in results[:5]:
        print(f"MAPE {100 * mape:.2f}%  {values}")
        print("   " + ", ".join(f"{k} {100 * v:.1f}%" for k, v in sorted(sweeps.items())))

if __name__ == "__main__":
    main()
