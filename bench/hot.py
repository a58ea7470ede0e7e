#!/usr/bin/python3
"""Writes src/hot-functions: the program's functions that its first frames run.

The link puts those functions side by side (the Makefile turns the list into
a linker script), so that a start maps few pages of the program's code: the
kernel maps the 64 KiB around each page fault of a file's mapping, and with
the functions of a start spread over the whole program every page of its code
was resident after the first frame (bench/README.md, "The first frame's
code together").

Run by `make hot-list` on the built program: under valgrind's callgrind, on a
pseudo-terminal, `coopcheck open ID` (the questions of a new cooperation) at
80x24 and at 200x50 (where the help is drawn beside them) and `coopcheck open`
(the list of cooperations) at 80x24, each up to its first frame and q.  A function missing from the list still works: it is only
placed with the rest of the code.

Usage: bench/hot.py PROGRAM OUTPUT
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402  (the benchmark's pseudo-terminal and fixtures)

HEADER = """\
# The functions the first frames run: `coopcheck open ID` at 80x24 and
# 200x50 and `coopcheck open` (the list), up to q.  The link puts them first and together (the Makefile
# makes $(BUILD)/gen/hot.ld of this list), so that a start maps few pages of
# the program's code.  Written by bench/hot.py (`make hot-list`) from
# callgrind; `make check` says when a name here is no function of src/ any
# more.  A function missing here still works: it lies with the rest.
"""


def executed(outfile, prog):
    """The names of the functions of prog that ran, from a callgrind file.
    Its names are compressed ("fn=(7) name" once, "fn=(7)" after), and an id
    may be used before the line that names it: two passes."""
    pat = re.compile(r"^(c?ob|c?fn)=\((\d+)\)(?: (.*))?$")
    with open(outfile, errors="replace") as f:
        lines = [m.groups() for m in map(pat.match, f) if m]
    obs, fns = {}, {}
    for kind, num, name in lines:
        if name is not None:
            (obs if kind.endswith("ob") else fns)[num] = name.rstrip("\n")
    names, cur_ob = set(), None
    for kind, num, _ in lines:
        if kind == "ob":
            cur_ob = obs.get(num)
        elif kind == "fn" and cur_ob and os.path.realpath(cur_ob) == prog:
            names.add(fns.get(num, ""))
    return names


def clean(name):
    """A symbol as its source names it: without gcc's clone suffixes
    (.isra.0, .constprop.0, .part.0, .cold) and callgrind's '2 of a cycle."""
    name = re.sub(r"'\d+$", "", name)
    return name.split(".")[0]


def session(prog, env, argv, size, expect, out):
    vg = shutil.which("valgrind")
    p = R.Pty([vg, "--tool=callgrind", "--callgrind-out-file=" + out, prog] + argv,
              env, size[0], size[1])
    try:
        p.wait_for(expect, 300, 30000, limit_ms=60000)
    finally:
        p.close(b"q", timeout_s=30.0)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench/hot.py PROGRAM OUTPUT")
    prog = os.path.realpath(sys.argv[1])
    if not shutil.which("valgrind"):
        sys.exit("bench/hot.py: valgrind is not installed (apt-get install valgrind)")
    tmp = tempfile.mkdtemp(prefix="coopcheck-hot.")
    try:
        b = R.Bench(argparse.Namespace(prog=prog, quiet_ms=300, reps=1, frames=1,
                                         build=None), tmp)
        for d in ("home", "t", "cfg", "xdg", "lists", "data"):
            os.makedirs(os.path.join(tmp, d))
        env = b.env("xterm-256color", os.path.join(tmp, "data"))
        R.cli(prog, env, "new", "hot", "--title", "First frames", "--partner", "A partner",
              "--country", "China", "--pi", "Dr. A. Beispiel", "--start", "2026-03-01")
        names = set()
        for i, (argv, size, expect) in enumerate([
                (["open", "hot"], (80, 24), "Question 1 of 19"),
                (["open", "hot"], (200, 50), "Question 1 of 19"),   # the help beside
                (["open"], (80, 24), "First frames")]):
            out = os.path.join(tmp, "callgrind.%d" % i)
            session(prog, env, argv, size, expect, out)
            names |= executed(out, prog)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    names = sorted(n for n in {clean(n) for n in names} if re.match(r"^[A-Za-z_]\w*$", n))
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(HEADER)
        for n in names:
            f.write(n + "\n")
    os.replace(sys.argv[2] + ".tmp", sys.argv[2])
    print("bench/hot.py: %d functions in %s" % (len(names), sys.argv[2]))


if __name__ == "__main__":
    main()
