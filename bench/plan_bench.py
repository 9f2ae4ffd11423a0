#!/usr/bin/env python3
"""scripts/bench plan: the RR planner beside the greedy planner, in one run.

For each budget (k = 10 and k = 50 by default) and method (rr, greedy) it
runs `twinning plan --json` from the given seeds twice with the same rng:
once alone, for the time (the plan's own `seconds`, which leaves out loading
the graph, the whole process's wall time, and its CPU time, user + system,
which a machine busy with other work inflates less), and once with --check-runs
for the value: the expected endorsing UN member states of the plan's picks
by that many independent forward runs, with its standard error, beside the
plan's own estimate. Then the bars of issue 18: RR at the largest k under
MAX_SECONDS, its forward value at least the greedy's minus their Monte
Carlo error (sqrt(se_rr^2 + se_greedy^2)), and each plan's own estimate
within 2% of its forward check.
"""
import argparse
import json
import math
import resource
import subprocess
import time


def plan(args, method, budget, check_runs):
    cmd = [args.twinning, "--db", args.db, "plan", "--budget", str(budget), "--method", method,
           "--threads", str(args.threads), "--rng", str(args.rng), "--json"]
    for s in args.seed:
        cmd += ["--seed", s]
    if check_runs:
        cmd += ["--check-runs", str(check_runs)]
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return json.loads(out), time.monotonic() - started, cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--twinning", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--seed", action="append", required=True)
    p.add_argument("--budget", type=int, action="append")
    p.add_argument("--check-runs", type=int, default=20000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rng", type=int, default=1)
    p.add_argument("--max-seconds", type=float, default=2.0)
    args = p.parse_args()
    budgets = args.budget or [10, 50]

    print(f"seeds: {'; '.join(args.seed)}; {args.threads} threads; value by "
          f"{args.check_runs} forward runs")
    print(f"{'method':<7} {'k':>3} {'plan s':>7} {'process s':>9} {'cpu s':>6} {'sample':>16} "
          f"{'own estimate':>12} {'forward value':>16} {'apart':>6}")
    results = {}
    for k in budgets:
        for method in ("rr", "greedy"):
            timed, wall, cpu = plan(args, method, k, 0)
            checked, _, _ = plan(args, method, k, args.check_runs)
            own = checked["picks"][-1]["cumulative"] if checked["picks"] else checked["base"]
            fwd = checked["check"]
            sample = (f"{checked['runs']} RR sets" if method == "rr"
                      else f"{checked['runs']} worlds")
            apart = 100 * (own - fwd["mean"]) / fwd["mean"]
            results[(method, k)] = (timed["seconds"], own, fwd["mean"], fwd["se"], apart)
            print(f"{method:<7} {k:>3} {timed['seconds']:>7.3f} {wall:>9.3f} {cpu:>6.2f} {sample:>16} "
                  f"{own:>12.2f} {fwd['mean']:>9.2f} +/- {fwd['se']:.2f} {apart:>5.1f}%")
    top = max(budgets)
    rr_s, _, rr_v, rr_se, _ = results[("rr", top)]
    _, _, g_v, g_se, _ = results[("greedy", top)]
    err = math.hypot(rr_se, g_se)
    print(f"bar (rr k = {top} under {args.max_seconds:g} s): "
          f"{'met' if rr_s < args.max_seconds else 'NOT met'} ({rr_s:.3f} s)")
    for k in budgets:
        _, _, rv, rse, _ = results[("rr", k)]
        _, _, gv, gse, _ = results[("greedy", k)]
        e = math.hypot(rse, gse)
        print(f"bar (rr value at k = {k} >= greedy's - MC error): "
              f"{'met' if rv >= gv - e else 'NOT met'} ({rv:.2f} vs {gv:.2f} - {e:.2f})")
    worst = max(abs(r[4]) for r in results.values())
    print(f"bar (own estimate within 2% of the forward check): "
          f"{'met' if worst <= 2 else 'NOT met'} (worst {worst:.2f}%)")


if __name__ == "__main__":
    main()
