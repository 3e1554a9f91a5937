#!/usr/bin/env python3
"""Fail unless the source files of the library, or of the tool, call each
other without a cycle (DESIGN.md: every arrow points down, no two files
use each other).

    layers.py [--may-use FILE=OTHER,...]... OBJECT...

Reads each object's defined and undefined symbols with nm; a file uses
another when it needs a symbol the other defines. Prints the uses, lowest
files first, and any cycle. --may-use FILE=OTHER,... also fails when FILE
uses any file not listed (FILE= : none at all), e.g. a reader that must
not see the findings' storage.
"""
import os
import subprocess
import sys


def symbols(obj, *flags):
    out = subprocess.run(["nm", *flags, obj], check=True, capture_output=True,
                         text=True).stdout
    return [line.split()[-1] for line in out.splitlines() if line.strip()]


def name(obj):
    return os.path.basename(obj).split(".")[0]


args, allowed = sys.argv[1:], {}
while args and args[0] == "--may-use":
    file, _, others = args[1].partition("=")
    allowed[file] = set(filter(None, others.split(",")))
    args = args[2:]
objects = args
if not objects:
    sys.exit("layers.py: no object files")
defined = {}
for obj in objects:
    for sym in symbols(obj, "--defined-only", "--extern-only"):
        defined[sym] = name(obj)
uses = {name(obj): set() for obj in objects}
for obj in objects:
    for sym in symbols(obj, "--undefined-only"):
        other = defined.get(sym)
        if other and other != name(obj):
            uses[name(obj)].add(other)

# Depth-first: a file met again while still on the path closes a cycle.
order, state, cycles = [], {}, []


def visit(f, path):
    state[f] = "open"
    for g in sorted(uses[f]):
        if state.get(g) == "open":
            cycles.append(path[path.index(g):] + [g])
        elif g not in state:
            visit(g, path + [g])
    state[f] = "done"
    order.append(f)


for f in sorted(uses):
    if f not in state:
        visit(f, [f])
for f in order:
    print(f"{f:10} uses {', '.join(sorted(uses[f])) or '-'}")
for c in cycles:
    print("cycle: " + " -> ".join(c))
beyond = []
for f, others in sorted(allowed.items()):
    if f not in uses:
        beyond.append(f"{f}: no such file")
    elif uses[f] - others:
        beyond.append(f"{f} uses {', '.join(sorted(uses[f] - others))}, "
                      f"beyond {', '.join(sorted(others)) or 'nothing'}")
for b in beyond:
    print("not allowed: " + b)
print(f"{len(uses)} files, {sum(map(len, uses.values()))} uses, "
      f"{len(cycles)} cycles")
sys.exit(1 if cycles or beyond else 0)
