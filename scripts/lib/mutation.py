#!/usr/bin/env python3
"""Mutation testing: does the test suite catch a bug seeded into a rule?

Reads the mutant lists (bench/mutants/*.txt), applies each mutant alone to a
scratch copy of the working tree (build-mutation/tree), rebuilds it
incrementally (build-mutation/build), runs the tests the mutant names, and
prints for each mutant whether a test failed (killed) or none did
(survived), then the score. A mutant whose text is not found exactly once in
its file is an error in the list (reported by --check and before any
build); a mutant that does not compile is reported as such and left out of
the score.

List format, one block per mutant, blocks separated by blank lines; lines
starting with '#' between blocks are comments:

    [campaign.majority-strict]
    rule: the majority is reached at the target itself
    file: src/campaign/campaign_status.cpp
    tests: ^unit\\.CampaignStatusTest\\.
    - s.majority_reached = s.un_members_endorsing >= s.majority_needed;
    + s.majority_reached = s.un_members_endorsing > s.majority_needed;

'- ' lines are the original text (consecutive lines, exactly as in the file
after the two-character marker); '+ ' lines replace them (none: deleted).
`tests` is a ctest -R regular expression: the tests that ought to kill it.

A test that spins ends at its ctest TIMEOUT (120 s, tests/CMakeLists.txt)
and counts as killed.

Usage: mutation.py [--check] [--only REGEX] LIST...
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORK = os.path.join(ROOT, "build-mutation")
TREE = os.path.join(WORK, "tree")
BUILD = os.path.join(WORK, "build")
TARGETS = ["twinning", "unit_tests", "cli_tests", "http_tests"]
BAR = 95.0  # percent of mutants a trustworthy suite kills


@dataclass
class Mutant:
    id: str
    where: str  # list file and line, for messages
    rule: str = ""
    file: str = ""
    tests: str = ""
    original: list = field(default_factory=list)
    replacement: list = field(default_factory=list)

    def texts(self):
        return "\n".join(self.original), "\n".join(self.replacement)


def parse_list(path):
    mutants, current = [], None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = f"{os.path.relpath(path, ROOT)}:{number}"
            if not line.strip():
                current = None
                continue
            if line.startswith("#") and current is None:
                continue
            m = re.fullmatch(r"\[([a-z0-9][a-z0-9.\-]*)\]", line)
            if m:
                current = Mutant(m.group(1), where)
                mutants.append(current)
                continue
            if current is None:
                raise SystemExit(f"{where}: expected [mutant-id] to start a block")
            if line.startswith("- ") or line == "-":
                current.original.append(line[2:])
            elif line.startswith("+ ") or line == "+":
                current.replacement.append(line[2:])
            else:
                key, sep, value = line.partition(":")
                if not sep or key not in ("rule", "file", "tests"):
                    raise SystemExit(f"{where}: unknown line {line!r} (rule:, file:, tests:, '- ', '+ ')")
                setattr(current, key, value.strip())
    return mutants


def check(mutants, tree):
    """Every problem of the lists, as messages (empty: all valid)."""
    problems, seen = [], set()
    for m in mutants:
        if m.id in seen:
            problems.append(f"{m.where}: [{m.id}] appears twice")
        seen.add(m.id)
        for key in ("rule", "file", "tests"):
            if not getattr(m, key):
                problems.append(f"{m.where}: [{m.id}] has no {key}:")
        if not m.original:
            problems.append(f"{m.where}: [{m.id}] has no '- ' line")
            continue
        if m.original == m.replacement:
            problems.append(f"{m.where}: [{m.id}] changes nothing")
        path = os.path.join(tree, m.file)
        if not os.path.isfile(path):
            problems.append(f"{m.where}: [{m.id}] file {m.file} does not exist")
            continue
        original, _ = m.texts()
        count = open(path, encoding="utf-8").read().count(original)
        if count != 1:
            problems.append(f"{m.where}: [{m.id}] text found {count} times in {m.file} (needs exactly 1)")
        try:
            re.compile(m.tests)
        except re.error as e:
            problems.append(f"{m.where}: [{m.id}] tests: is not a regular expression ({e})")
    return problems


def sync_tree():
    """Copies the working tree's files (tracked and new, not ignored) into
    TREE, writing only files whose bytes differ, so that builds stay
    incremental between runs."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.split(b"\0")
    for rel in filter(None, (p.decode() for p in listed)):
        src, dst = os.path.join(ROOT, rel), os.path.join(TREE, rel)
        if not os.path.isfile(src):
            continue  # deleted in the working tree
        data = open(src, "rb").read()
        if os.path.isfile(dst) and open(dst, "rb").read() == data:
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)
        os.chmod(dst, os.stat(src).st_mode)


def run(cmd, log, **kw):
    with open(log, "w") as out:
        return subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, **kw).returncode


def build(log):
    return run(["cmake", "--build", BUILD, "-j2", "--target", *TARGETS], log) == 0


def listed_tests():
    """The build's tests, name -> ctest number (PostgreSQL variants only when
    a server is given)."""
    shown = subprocess.run(["ctest", "--show-only=json-v1"], cwd=BUILD, check=True,
                           capture_output=True, text=True).stdout
    tests = {t["name"]: number for number, t in enumerate(json.loads(shown)["tests"], 1)}
    if not os.environ.get("TWINNING_TEST_POSTGRES_URL"):
        # Parameterized names read "Suite.Test/postgres  # GetParam() = postgres".
        tests = {name: n for name, n in tests.items() if not re.search(r"/postgres( |$)", name)}
    return tests


def ctest(regexes, log):
    """Runs the tests whose names match one of `regexes` (Python's re, as the
    lists are written for ctest -R); returns (passed, summary), passed None
    when no test matches."""
    chosen = sorted(n for name, n in listed_tests().items()
                    if any(re.search(r, name) for r in regexes))
    if not chosen:
        return None, "no test matches"
    # -I Start,End,Stride,n,n,...: exactly these tests (no regex size limit).
    cmd = ["ctest", "-j2", "--stop-on-failure", "--output-on-failure",
           "-I", "0,0,0," + ",".join(map(str, chosen))]
    rc = run(cmd, log, cwd=BUILD)
    text = open(log, encoding="utf-8", errors="replace").read()
    failed = re.findall(r"\d+ - (\S+)(?:  # GetParam\(\) = \S+)? \((Failed|Timeout|SEGFAULT|Subprocess aborted|Exception)\)", text)
    summary = ", ".join(f"{name} ({why.lower()})" for name, why in failed[:2])
    return rc == 0, summary or f"ctest exit {rc}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lists", nargs="+")
    ap.add_argument("--check", action="store_true", help="only check the lists against the working tree")
    ap.add_argument("--only", default="", help="run only mutants whose id matches this regex")
    args = ap.parse_args()

    mutants = [m for path in args.lists for m in parse_list(path)]
    problems = check(mutants, ROOT)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(2)
    if args.check:
        print(f"mutation: {len(mutants)} mutants, every one found exactly once")
        return
    if args.only:
        mutants = [m for m in mutants if re.search(args.only, m.id)]

    os.makedirs(WORK, exist_ok=True)
    sync_tree()
    if not os.path.isfile(os.path.join(BUILD, "CMakeCache.txt")):
        if run(["cmake", "-S", TREE, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Mutation",
                "-DCMAKE_CXX_FLAGS=-O1", "-DTWINNING_WERROR=OFF"], os.path.join(WORK, "configure.log")):
            sys.exit(f"mutation: configuring failed, see {WORK}/configure.log")
    print("mutation: building the unmutated tree (build-mutation/)", flush=True)
    if not build(os.path.join(WORK, "build.log")):
        sys.exit(f"mutation: the unmutated tree does not build, see {WORK}/build.log")
    names = listed_tests()
    unmatched = [m for m in mutants if not any(re.search(m.tests, name) for name in names)]
    if unmatched:
        sys.exit("mutation: no test matches the tests: of " +
                 ", ".join(f"{m.where} [{m.id}]" for m in unmatched))
    passed, summary = ctest([m.tests for m in mutants],
                            os.path.join(WORK, "baseline.log"))
    if not passed:
        sys.exit(f"mutation: tests fail without any mutant: {summary}; see {WORK}/baseline.log")

    killed = survived = unbuilt = 0
    survivors = []
    started = time.time()
    print(f"{'mutant':44} {'result':9} {'s':>4}  killed by / rule")
    for m in mutants:
        path = os.path.join(TREE, m.file)
        pristine = open(path, encoding="utf-8").read()
        original, replacement = m.texts()
        t0 = time.time()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(pristine.replace(original, replacement, 1))
            log = os.path.join(WORK, f"{m.id}.log")
            if not build(log):
                unbuilt += 1
                result, detail = "unbuilt", f"does not compile, see {os.path.relpath(log, ROOT)}"
            else:
                passed, summary = ctest([m.tests], log)
                if passed is None:
                    unbuilt += 1
                    result, detail = "no tests", m.tests
                elif passed:
                    survived += 1
                    survivors.append(m)
                    result, detail = "SURVIVED", m.rule
                else:
                    killed += 1
                    result, detail = "killed", summary
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(pristine)
        print(f"{m.id:44} {result:9} {time.time() - t0:4.0f}  {detail}", flush=True)

    scored = killed + survived
    score = 100.0 * killed / scored if scored else 0.0
    print(f"\nmutation: {killed} of {scored} mutants killed ({score:.1f}%; bar {BAR:.0f}%: "
          f"{'met' if score >= BAR else 'NOT met'}), {survived} survived, {unbuilt} not run; "
          f"{time.time() - started:.0f} s")
    for m in survivors:
        print(f"  survived: [{m.id}] {m.file}: {m.rule}")
    if unbuilt:
        sys.exit(1)


if __name__ == "__main__":
    main()
