#!/usr/bin/env python3
"""Agreement of the analytic estimator with the event-driven engine over the model zoo.

For every built-in model (or those given), runs `coda simulate --json` with both fidelities on a
chip (default tpu_v4) and prints the relative error of the analytic latency, then the median and
worst. Usage: scripts/analytic_agreement.py [--hw CHIP] [MODEL ...]
"""
import json, os, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODA = os.path.join(ROOT, "build", "coda")

def cycles(hw, model, fidelity):
    out = subprocess.run([CODA, "simulate", "--hw", hw, "--model", model, "--json",
                          "--fidelity", fidelity], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["cycles"]

def main():
    args = sys.argv[1:]
    hw = "tpu_v4"
    if args[:1] == ["--hw"]:
        hw, args = args[1], args[2:]
    models = args or [l.split()[0] for l in subprocess.run(
        [CODA, "model", "list"], check=True, capture_output=True, text=True).stdout.splitlines()
        if l.strip()]
    errors = []
    for m in models:
        e, a = cycles(hw, m, "event"), cycles(hw, m, "analytic")
        err = (a - e) / e
        errors.append((abs(err), m))
        print(f"{m:26s} event {e:12d}  analytic {a:12d}  error {100 * err:+7.2f}%", flush=True)
    abs_errors = [x for x, _ in errors]
    worst = max(errors)
    print(f"{len(errors)} models on {hw}: median |error| {100 * statistics.median(abs_errors):.2f}%, "
          f"worst {100 * worst[0]:.2f}% ({worst[1]})")

if __name__ == "__main__":
    main()
