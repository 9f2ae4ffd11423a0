#!/usr/bin/env python3
"""Prints branch and line coverage per src/ folder from a gcovr JSON summary
(gcovr --json-summary), then the groups that carry the 90% branch bar (the
rules that decide outcomes: the campaign, letter access, numbering and
correspondence, authentication, the server's request handling). Exits 0;
the bar is reported, not enforced (scripts/bench measures)."""
import json
import os
import sys

BAR = 90.0
# Each group: a name and the files (prefixes of paths) it takes.
GROUPS = [
    ("src/campaign", ["src/campaign/"]),
    ("src/letters (access, numbering, correspondence)",
     ["src/letters/letter_access.cpp", "src/letters/numbering.cpp",
      # correspondence: the use cases once in correspondence.cpp
      "src/letters/letter_checks.cpp", "src/letters/drafts.cpp", "src/letters/attachments.cpp",
      "src/letters/registration.cpp", "src/letters/follow_ups.cpp",
      "src/letters/letter_reading.cpp", "src/letters/letter_printing.cpp"]),
    ("src/auth", ["src/auth/"]),
    ("src/server/application.cpp", ["src/server/application.cpp"]),
]


def totals(files):
    t = {"branch_total": 0, "branch_covered": 0, "line_total": 0, "line_covered": 0}
    for f in files:
        for k in t:
            t[k] += f.get(k, 0)
    return t


def percent(covered, total):
    return 100.0 * covered / total if total else 100.0


def row(name, t, bar=None):
    b = percent(t["branch_covered"], t["branch_total"])
    line = percent(t["line_covered"], t["line_total"])
    mark = "" if bar is None else ("  ok" if b >= bar else f"  BELOW {bar:.0f}%")
    return (f"  {name:50} {t['branch_covered']:6}/{t['branch_total']:<6} {b:5.1f}%"
            f"   lines {line:5.1f}%{mark}")


def main():
    summary = json.load(open(sys.argv[1]))
    files = [f for f in summary["files"] if f["filename"].startswith("src/")]
    folders = sorted({os.path.dirname(f["filename"]) for f in files})
    print(f"  {'folder':50} {'branches':>13} {'':6}")
    for folder in folders:
        print(row(folder, totals([f for f in files if os.path.dirname(f["filename"]) == folder])))
    print(row("all of src/", totals(files)))
    print(f"  bar: {BAR:.0f}% of branches in")
    for name, prefixes in GROUPS:
        chosen = [f for f in files if any(f["filename"].startswith(p) for p in prefixes)]
        print(row(name, totals(chosen), BAR))


if __name__ == "__main__":
    main()
