#!/usr/bin/env python3
"""Side-by-side benchmark of Twinning's network code against NetworkX.

The reference is a straightforward NetworkX implementation of the
compliance-cascade model of PRODUCT.md section 6, run on the very graph
Twinning runs on (exported by the hidden `twinning network edges --json`),
from the same seeds, with the same parameters and number of runs. It prints
both times and their ratio, and both means with their standard errors and
whether they agree within statistical error. It also checks the connected
component sizes and the degrees of the best-connected cities against
`twinning network centrality`, and times `twinning plan`.

Usage: forecast_reference.py --twinning BIN --db DB [--seed "Name, CC"]...
       [--runs R] [--comply P] [--endorse Q] [--budget K]
"""

import argparse
import json
import math
import random
import subprocess
import sys
import time
from collections import deque

import networkx as nx


def twinning(args, *command):
    """Runs the twinning binary; returns (parsed JSON stdout, wall seconds)."""
    started = time.perf_counter()
    out = subprocess.run([args.twinning, "--db", args.db, *command, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out), time.perf_counter() - started


def load_graph(data):
    """The exported graph as a networkx.Graph with a `country` per city."""
    graph = nx.Graph()
    for c in data["cities"]:
        graph.add_node(c["id"], name=c["name"], country=c["country"])
    graph.add_edges_from((a, b) for a, b in data["links"])
    un = {c["iso2"]: c["un_member"] for c in data["countries"]}
    return graph, un


def find_city(graph, reference):
    name, _, country = reference.rpartition(",")
    name, country = name.strip(), country.strip().upper()
    hits = [v for v, d in graph.nodes(data=True) if d["name"] == name and d["country"] == country]
    if len(hits) != 1:
        sys.exit(f"seed {reference!r} matches {len(hits)} cities in the exported graph")
    return hits[0]


def one_run(graph, seeds, p, q, un, rnd):
    """One run of the model, written the obvious way."""
    informed = set(seeds)
    complying = list(seeds)
    queue = deque(seeds)
    while queue:
        u = queue.popleft()
        for v in graph.neighbors(u):
            if v not in informed:
                informed.add(v)
                if rnd.random() < p:
                    complying.append(v)
                    queue.append(v)
    endorsing = set()
    for city in complying:
        if rnd.random() < q:
            endorsing.add(graph.nodes[city]["country"])
    value = sum(1 for c in endorsing if un[c])
    return value, len(informed), len(complying)


def reference_forecast(graph, seeds, p, q, un, runs, seed):
    rnd = random.Random(seed)
    started = time.perf_counter()
    values, informed, complying = [], 0, 0
    for _ in range(runs):
        v, i, c = one_run(graph, seeds, p, q, un, rnd)
        values.append(v)
        informed += i
        complying += c
    seconds = time.perf_counter() - started
    mean = sum(values) / runs
    var = sum((v - mean) ** 2 for v in values) / (runs - 1) if runs > 1 else 0.0
    return {"mean": mean, "se": math.sqrt(var / runs), "mean_informed": informed / runs,
            "mean_complying": complying / runs, "seconds": seconds}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--twinning", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", action="append", default=[])
    ap.add_argument("--runs", type=int, default=10000)
    ap.add_argument("--comply", type=float, default=0.35)
    ap.add_argument("--endorse", type=float, default=0.5)
    ap.add_argument("--budget", type=int, default=10)
    args = ap.parse_args()
    seeds_ref = args.seed or ["Volgograd, RU", "Coventry, GB"]

    data, _ = twinning(args, "network", "edges")
    graph, un = load_graph(data)
    seeds = [find_city(graph, s) for s in seeds_ref]
    print(f"graph: {graph.number_of_nodes()} cities, {graph.number_of_edges()} links; "
          f"seeds {', '.join(seeds_ref)}; p = {args.comply}, q = {args.endorse}, "
          f"{args.runs} runs")
    ok = True

    # Components and degrees against NetworkX.
    central, central_wall = twinning(args, "network", "centrality", "--top", "10")
    nx_sizes = {}
    for comp in nx.connected_components(graph):
        nx_sizes[len(comp)] = nx_sizes.get(len(comp), 0) + 1
    tw_sizes = {e["size"]: e["components"] for e in central["component_sizes"]}
    same_components = nx_sizes == tw_sizes
    nx_top = sorted((d for _, d in graph.degree()), reverse=True)[:10]
    tw_top = [e["degree"] for e in central["top_degree"]]
    print(f"components: twinning {central['component_count']}, networkx {sum(nx_sizes.values())}, "
          f"size distributions {'equal' if same_components else 'DIFFERENT'}; "
          f"largest {max(tw_sizes)} cities")
    print(f"top-10 degrees: {'equal' if nx_top == tw_top else 'DIFFERENT'} {tw_top}; "
          f"centrality (Brandes betweenness) took {central_wall:.2f} s")
    ok = ok and same_components and nx_top == tw_top

    # The forecast, both ways, single-threaded, then Twinning on 2 threads.
    seed_args = [a for s in seeds_ref for a in ("--seed", s)]
    model_args = ["--comply", str(args.comply), "--endorse", str(args.endorse)]
    tw1, wall1 = twinning(args, "forecast", *seed_args, *model_args, "--runs", str(args.runs),
                          "--threads", "1")
    tw2, wall2 = twinning(args, "forecast", *seed_args, *model_args, "--runs", str(args.runs),
                          "--threads", "2")
    ref = reference_forecast(graph, seeds, args.comply, args.endorse, un, args.runs, 1)
    z = (tw1["mean"] - ref["mean"]) / math.sqrt(tw1["se"] ** 2 + ref["se"] ** 2)
    agree = abs(z) < 4
    ok = ok and agree and tw1["mean"] == tw2["mean"]
    print()
    print(f"{'':28}{'seconds':>10}{'mean':>10}{'se':>8}{'informed':>10}{'complying':>11}")
    rows = [("networkx (1 thread)", ref["seconds"], ref),
            ("twinning (1 thread)", tw1["seconds"], tw1),
            ("twinning (2 threads)", tw2["seconds"], tw2)]
    for name, secs, r in rows:
        print(f"{name:28}{secs:10.3f}{r['mean']:10.3f}{r['se']:8.3f}"
              f"{r['mean_informed']:10.1f}{r['mean_complying']:11.1f}")
    print(f"twinning process wall time incl. loading the graph: {wall1:.3f} s (1 thread), "
          f"{wall2:.3f} s (2 threads)")
    print(f"speed-up over networkx at equal runs: {ref['seconds'] / tw1['seconds']:.0f}x "
          f"(1 thread), {ref['seconds'] / tw2['seconds']:.0f}x (2 threads); "
          f"2 threads vs 1: {tw1['seconds'] / tw2['seconds']:.2f}x")
    print(f"means {'agree' if agree else 'DISAGREE'}: difference "
          f"{tw1['mean'] - ref['mean']:+.3f} = {z:+.2f} standard errors; "
          f"thread counts give {'identical' if tw1['mean'] == tw2['mean'] else 'DIFFERENT'} "
          f"results")

    # The greedy plan (scripts/bench plan sets it beside the RR plan).
    plan, plan_wall = twinning(args, "plan", *seed_args, *model_args, "--budget",
                               str(args.budget), "--method", "greedy", "--threads", "1")
    last = plan["picks"][-1]["cumulative"] if plan["picks"] else plan["base"]
    print()
    print(f"plan --method greedy --budget {args.budget} ({plan['runs']} sampled runs, 1 thread): "
          f"{plan['seconds']:.3f} s ({plan_wall:.3f} s with loading), "
          f"{plan['evaluations']} gain evaluations; {plan['base']:.2f} -> {last:.2f}")
    for i, p in enumerate(plan["picks"], 1):
        print(f"  {i:2}. {p['city']['name']}, {p['city']['country']}  +{p['gain']:.2f}"
              f"  -> {p['cumulative']:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
