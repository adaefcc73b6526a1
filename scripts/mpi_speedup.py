#!/usr/bin/env python3
"""Wall time of the same seeded study on 1 and 2 MPI ranks (issue 6: 2 ranks >= 1.8x one rank).

Usage: scripts/mpi_speedup.py [build/coda] [--repeats 3] [--only analytic|fixed|event]
                              [--analytic-trials 8000] [--fixed-trials 8000] [--event-trials 400]
                              [--no-ceiling] [--probe-fabrics]

Three studies, each run from an empty store on 1 and then 2 ranks, `repeats` times; prints the
median wall times and their ratio, and checks that both rank counts give the same report. It also
times the same study with a budget of 1 on each rank count (mpirun starting the ranks, MPI
initialisation, reading the study and its accuracy table: about 0.16 s here, the same for 1 and 2
ranks; 0.4 s when Open MPI probes its cm fabrics, which the script skips unless OMPI_MCA_pml is
set) and prints the ratio of the times without it, the speedup of the search itself.
  analytic: configs/search/naas_nb201_edge.yaml, random search: the NaaS-style joint search
            (NAS-Bench-201 cells x edge_npu knobs, every trial a new chip), in-process analytic
            estimates of ~0.3 ms each (2026-12-06; ~1.5 ms before chips were parsed over a
            base read once);
  fixed:    configs/search/nb201_fixed_edge.yaml, random search: cells on one fixed chip, whose
            blocks the estimator mostly has already (~0.15 ms each). 8,000 trials take ~1.3 s on
            one rank, so the launch bounds the ratio: with 0.18 s of it and perfect sharing of
            the rest, (0.18 + 1.09) / (0.18 + 0.55) = 1.75x;
  event:    EfficientNet-B0 with its width multiplier in [0.9, 1.1] on tpu_v4, random search (one
            `coda simulate --fidelity event` child per trial).
Each repeat also times two independent 1-rank runs of the same study started together (two
stores): 2 x the 1-rank time / their wall time is what this machine gives two processes at once,
the ceiling for 2 ranks, and it is printed with the share of it 2 ranks reach (--no-ceiling skips
it). On this 2-core VM two copies of even a register-only loop often run 1.3x-1.6x, not 2x, as
fast together as one alone (docs/search.md, "Speed").
Run it on an idle machine with at least 2 cores: the ranks compete with anything else running.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVENT_STUDY = """name: mpi_speedup_event
chip: tpu_v4
model:
  name: efficientnet_b0
  knobs:
    width: {real: [0.9, 1.1]}
objectives: {latency_s: minimize, energy_per_inference_j: minimize}
"""


# Root may run mpirun (containers); on one machine, Open MPI need not probe the fabrics of its cm
# transport (~0.2 s of each start, docs/search.md) unless the caller says otherwise.
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")


def command(coda, ranks, study, db, extra, mpirun_options=()):
    return (["mpirun", "--oversubscribe", *mpirun_options, "-np", str(ranks), coda, "search",
             study, "--db", db, "--strategy", "random", "--seed", "4"] + extra)


def finish(proc, cmd):
    _, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")


def run(coda, ranks, study, db, extra):
    cmd = command(coda, ranks, study, db, extra)
    start = time.perf_counter()
    finish(subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True), cmd)
    wall = time.perf_counter() - start
    report = subprocess.run([coda, "report", db, "--json"], capture_output=True, text=True).stdout
    return wall, report


def run_pair(coda, study, dbs, extra):
    """Wall time of two independent 1-rank runs started together, until both end. Unbound: each
    mpirun would otherwise bind its one rank to the same first core."""
    cmds = [command(coda, 1, study, db, extra, ["--bind-to", "none"]) for db in dbs]
    start = time.perf_counter()
    procs = [subprocess.Popen(c, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True) for c in cmds]
    for proc, cmd in zip(procs, cmds):
        finish(proc, cmd)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("coda", nargs="?", default=os.path.join(ROOT, "build", "coda"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--only", choices=["analytic", "fixed", "event"])
    ap.add_argument("--analytic-trials", type=int, default=8000)
    ap.add_argument("--fixed-trials", type=int, default=8000)
    ap.add_argument("--event-trials", type=int, default=400)
    ap.add_argument("--no-ceiling", dest="ceiling", action="store_false",
                    help="skip timing two independent 1-rank runs at once")
    ap.add_argument("--probe-fabrics", action="store_true",
                    help="leave OMPI_MCA_pml unset: Open MPI's default start, ~0.2 s longer")
    a = ap.parse_args()
    if not a.probe_fabrics:
        ENV.setdefault("OMPI_MCA_pml", "^cm")
    print(f"OMPI_MCA_pml={ENV.get('OMPI_MCA_pml', '(unset: Open MPI probes its cm fabrics)')}")
    with tempfile.TemporaryDirectory() as tmp:
        event_study = os.path.join(tmp, "event.yaml")
        with open(event_study, "w") as f:
            f.write(EVENT_STUDY)
        cases = [("analytic", os.path.join(ROOT, "configs/search/naas_nb201_edge.yaml"),
                  ["--budget", str(a.analytic_trials)]),
                 ("fixed", os.path.join(ROOT, "configs/search/nb201_fixed_edge.yaml"),
                  ["--budget", str(a.fixed_trials)]),
                 ("event", event_study, ["--budget", str(a.event_trials), "--fidelity", "event"])]
        for name, study, extra in cases:
            if a.only and name != a.only:
                continue
            times = {1: [], 2: []}
            launch = {1: [], 2: []}
            pairs = []
            reports = {}
            one_trial = ["--budget", "1"] + extra[2:]
            for rep in range(a.repeats):
                for ranks in (1, 2):
                    db = os.path.join(tmp, f"{name}_{ranks}_{rep}.db")
                    wall, reports[ranks] = run(a.coda, ranks, study, db, extra)
                    times[ranks].append(wall)
                    db = os.path.join(tmp, f"{name}_{ranks}_{rep}_launch.db")
                    launch[ranks].append(run(a.coda, ranks, study, db, one_trial)[0])
                if a.ceiling:
                    dbs = [os.path.join(tmp, f"{name}_pair{k}_{rep}.db") for k in (0, 1)]
                    pairs.append(run_pair(a.coda, study, dbs, extra))
            one, two = statistics.median(times[1]), statistics.median(times[2])
            l1, l2 = statistics.median(launch[1]), statistics.median(launch[2])
            same = "same report" if reports[1] == reports[2] else "REPORTS DIFFER"
            trials = extra[1]
            print(f"{name:8s} {trials:>5s} trials  1 rank {one:6.2f} s   2 ranks {two:6.2f} s   "
                  f"speedup {one / two:4.2f}x   ({same}; medians of {a.repeats})")
            print(f"{'':8s} launch (budget 1): 1 rank {l1:5.2f} s, 2 ranks {l2:5.2f} s;"
                  f" without it {one - l1:6.2f} s vs {two - l2:6.2f} s: {(one - l1) / (two - l2):4.2f}x")
            if pairs:
                pair = statistics.median(pairs)
                ceiling = 2 * one / pair
                print(f"{'':8s} ceiling: two 1-rank runs at once take {pair:6.2f} s, so this machine"
                      f" gives {ceiling:4.2f}x for two at once; 2 ranks reach"
                      f" {one / two / ceiling:4.0%} of that")
                print(f"{'':8s} per repeat (1 rank, 2 ranks, pair):  " + "   ".join(
                    f"{t1:.2f} {t2:.2f} {tp:.2f}" for t1, t2, tp in zip(times[1], times[2], pairs)))


if __name__ == "__main__":
    main()
