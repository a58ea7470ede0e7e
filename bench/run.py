#!/usr/bin/python3
"""run.py -- `make bench`: every figure of the benchmark in one table.

Usage: /usr/bin/python3 bench/run.py [--prog ./coopcheck] [--build build]
           [--results bench/results] [--reps N] [--frames N] [--quick] [--only tui|core]
       /usr/bin/python3 bench/run.py --markdown bench/results/latest.json

It runs the C bench programs with --rows (bench/benchrow.h) and collects
their rows, measures the terminal interface on pseudo-terminals beside
dialog --menu, whiptail --menu and a bare ncurses program (bench/bare.c),
prints one table and writes it, with the environment, as JSON to
RESULTS/<UTC time>.json and (a full run, without --only or --quick)
RESULTS/latest.json.  bench/README.md says what
every row measures.  The human output of the C programs goes to
BUILD/bench/last-run.log.

The terminal measurements (all of them on a pseudo-terminal from
os.openpty(), the program started with posix_spawn in a session of its own
with the pty as its controlling terminal):

  - first frame: from just before the program is started to the last byte
    of its first frame; the frame has ended when the output has been quiet
    for QUIET ms and the screen shows the expected text;
  - each action: from writing the key (or resizing the pty with TIOCSWINSZ,
    which sends SIGWINCH to the program) to the last byte of the response
    (again: QUIET ms without output);
  - bytes and changed cells per action: the output is fed into a terminal
    emulator (pyte, extended below by the few sequences ncurses can send that
    pyte 0.8 lacks), and the screens before and after are compared cell by
    cell (character and attributes); the C-l rows check that the emulator
    and the program agree (a forced redraw after all else changes no cell);
  - idle CPU: utime+stime of /proc/PID/stat over 3 s without input after the
    first frame;
  - peak memory: VmHWM of /proc/PID/status.

Everything runs in a temporary directory under $TMPDIR (else /tmp), removed
at the end; every process started is ended by this script.  Only Debian's
python3 has pyte: run it with /usr/bin/python3.
"""

import argparse
import glob
import datetime
import fcntl
import json
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

try:
    import pyte
except ImportError:
    sys.exit("bench/run.py: needs python3-pyte from Debian, run with /usr/bin/python3 "
             "(`make bench` installs it: scripts/deps.sh bench)")

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
CATALOG = os.path.join(SRC, "catalog", "bmbf-china-2024.json")

TERMS = ["xterm-256color", "tmux-256color"]
SIZES = [(80, 24), (200, 50)]
FIXTURES = ["empty", "7 MiB"]
FIELD_MAX = 256 * 1024             # TEXT_ANSWER_MAX of include/model.h
TOTAL_TEXT = 7 * 1024 * 1024       # the answer text of the big assessment

# ---- rows ---------------------------------------------------------------------

ROWS = []


def row(group, name, value, unit, target=None, met=None, notes="", **extra):
    """One row of the table.  met: True, False or None (no target)."""
    r = {"group": group, "name": name, "value": value, "unit": unit,
         "target": target or "-",
         "met": "-" if met is None else ("met" if met else "NOT met"),
         "notes": notes}
    r.update(extra)
    ROWS.append(r)
    return r


def fmt_value(v, unit):
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if unit in ("B", "cells", "ticks", "", "x") and float(v).is_integer() and unit != "x":
        s = "%d" % v
    elif abs(v) >= 100:
        s = "%.0f" % v
    elif abs(v) >= 10:
        s = "%.1f" % v
    else:
        s = "%.2f" % v
    return s + (" " + unit if unit and unit != "x" else "x" if unit == "x" else "")


SECTIONS = ["first frame", "peak RSS", "idle", "keys", "diff", "store", "growth", "core",
            "screening"]


def section(r):
    for i, name in enumerate(SECTIONS):
        if r["group"].startswith(name):
            return i
    return len(SECTIONS)


def print_table(rows, out=sys.stdout):
    cols = [("group", "group"), ("name", "measure"), ("_value", "value"),
            ("target", "target"), ("met", "result")]
    lines = []
    for r in rows:
        d = dict(r)
        d["_value"] = fmt_value(r["value"], r["unit"])
        lines.append(d)
    w = {k: max([len(h)] + [len(str(d[k])) for d in lines]) for k, h in cols}
    head = "  ".join(h.ljust(w[k]) if k != "_value" else h.rjust(w[k]) for k, h in cols)
    print(head + "  notes", file=out)
    print("-" * (len(head) + 7), file=out)
    last = None
    for d in lines:
        if last is not None and d["group"] != last:
            print("", file=out)
        last = d["group"]
        cells = []
        for k, _ in cols:
            s = str(d[k])
            cells.append(s.rjust(w[k]) if k == "_value" else s.ljust(w[k]))
        print("  ".join(cells) + "  " + d["notes"], file=out)


def markdown(doc, out=sys.stdout):
    """The rows of a results file as a Markdown table (for bench/README.md)."""
    env = doc["environment"]
    print("Run of %s (%s), %s, %s CPUs, load average %.1f at the start; %s s.\n"
          % (env["date"], env.get("coopcheck"), env.get("cpu"), env.get("cpus"),
             env["load_average"][0], env.get("duration_s")), file=out)
    print("| group | measure | value | target | result | notes |", file=out)
    print("| --- | --- | ---: | --- | --- | --- |", file=out)
    for r in sorted(doc["rows"], key=section):
        cells = [r["group"], r["name"], fmt_value(r["value"], r["unit"]), r["target"],
                 "**NOT met**" if r["met"] == "NOT met" else r["met"], r["notes"]]
        print("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |", file=out)


# ---- the C programs ---------------------------------------------------------------


def run_rows(label, argv, log, env=None):
    """Runs a bench program with --rows; its ROW lines become rows, the rest
    goes to the log."""
    t0 = time.monotonic()
    print("bench: %s ..." % label, file=sys.stderr, flush=True)
    log.write("\n==== %s: %s\n" % (label, " ".join(argv)))
    log.flush()
    p = subprocess.run(argv + ["--rows"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=env, cwd=SRC)
    n = 0
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("ROW\t"):
            f = line.split("\t")[1:]
            f += [""] * (7 - len(f))
            try:
                v = float(f[2])
            except ValueError:
                v = None
            ROWS.append({"group": f[0], "name": f[1], "value": v, "unit": f[3],
                         "target": f[4], "met": f[5], "notes": f[6], "source": label})
            n += 1
        else:
            log.write(line + "\n")
    dt = time.monotonic() - t0
    if p.returncode != 0:
        row(label.split(" ")[0], "%s failed (exit status %d, see the log)" % (label, p.returncode),
            None, "", "exit 0", False)
    print("bench: %s: %d rows in %.1f s" % (label, n, dt), file=sys.stderr, flush=True)
    return dt


# ---- the terminal emulator ------------------------------------------------------------


class Screen(pyte.Screen):
    """pyte's screen with what ncurses can send and pyte 0.8 lacks: REP (CSI b,
    xterm-256color's rep), SU and SD (CSI S / CSI T, indn and rin), and a
    resize that keeps the top left part of the screen where it was (as
    ncurses assumes after SIGWINCH; pyte's own drops lines from the top)."""

    last_char = " "

    def draw(self, data):
        super().draw(data)
        if data:
            self.last_char = data[-1]

    def repeat_last(self, count=None, *args, **kwargs):
        self.draw(self.last_char * max(count or 1, 1))

    def scroll_up(self, count=None, *args, **kwargs):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        for _ in range(max(count or 1, 1)):
            for y in range(top, bottom):
                self.buffer[y] = self.buffer[y + 1]
            self.buffer.pop(bottom, None)
        self.dirty.update(range(self.lines))

    def scroll_down(self, count=None, *args, **kwargs):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        for _ in range(max(count or 1, 1)):
            for y in range(bottom, top, -1):
                self.buffer[y] = self.buffer[y - 1]
            self.buffer.pop(top, None)
        self.dirty.update(range(self.lines))

    def resize_keep(self, lines, columns):
        for y in list(self.buffer):
            if y >= lines:
                del self.buffer[y]
            else:
                line = self.buffer[y]
                for x in [x for x in line if x >= columns]:
                    del line[x]
        self.lines, self.columns = lines, columns
        self.margins = None
        self.cursor.x = min(self.cursor.x, columns - 1)
        self.cursor.y = min(self.cursor.y, lines - 1)
        self.dirty.update(range(lines))


class Stream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, b="repeat_last", S="scroll_up", T="scroll_down")


def snapshot(screen):
    buf = screen.buffer
    return [[buf[y][x] for x in range(screen.columns)] for y in range(screen.lines)]


def changed_cells(before, after, blank):
    n = 0
    for y, line in enumerate(after):
        old = before[y] if y < len(before) else ()
        for x, c in enumerate(line):
            if c != (old[x] if x < len(old) else blank):
                n += 1
    return n


# ---- a program on a pseudo-terminal ------------------------------------------------------


def now_ns():
    return time.monotonic_ns()


class Pty:
    """A program started on a new pseudo-terminal of cols x rows."""

    def __init__(self, argv, env, cols, rows):
        self.m, self.s = os.openpty()
        self.cols, self.rows = cols, rows
        self._winsize(cols, rows)
        name = os.ttyname(self.s)
        self.screen = Screen(cols, rows)
        self.stream = Stream(self.screen)
        self.poll = select.poll()
        self.poll.register(self.m, select.POLLIN)
        self.alive = True
        self.t0 = now_ns()
        # setsid, then the pty opened without O_NOCTTY: it becomes the
        # controlling terminal, so TIOCSWINSZ sends SIGWINCH to the program
        self.pid = os.posix_spawn(argv[0], argv, env, setsid=True, file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, name, os.O_RDWR, 0),
            (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)])

    def _winsize(self, cols, rows):
        fcntl.ioctl(self.m, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def resize(self, cols, rows):
        """Resizes the pty (the kernel sends SIGWINCH) and the emulated screen."""
        t = now_ns()
        self._winsize(cols, rows)
        self.screen.resize_keep(rows, cols)
        self.cols, self.rows = cols, rows
        return t

    def write(self, data):
        t = now_ns()
        os.write(self.m, data)
        return t

    def read_quiet(self, quiet_ms, first_ms):
        """Reads until no byte came for quiet_ms (after the first; at most
        first_ms for the first).  Returns (bytes, time of the last byte)."""
        chunks, last = [], None
        timeout = first_ms
        while True:
            if not self.poll.poll(timeout):
                break
            try:
                b = os.read(self.m, 1 << 16)
            except OSError:
                b = b""
            if not b:
                self.alive = False
                break
            last = now_ns()
            chunks.append(b)
            timeout = quiet_ms
        data = b"".join(chunks)
        if data:
            self.stream.feed(data)
        return data, last

    def read_polling(self, done, limit_s, step_s=0.0002):
        """Reads the output (and feeds it to the screen) while it polls done()
        every step_s, so a frame that comes before done() is timed when it
        came.  Returns (bytes, time of the last byte, time done() became
        true or None)."""
        chunks, last = [], None
        end = time.monotonic() + limit_s
        when = None
        while time.monotonic() < end:
            if done():
                when = now_ns()
                break
            ready, _, _ = select.select([self.m], [], [], step_s)
            if not ready:
                continue
            try:
                b = os.read(self.m, 1 << 16)
            except OSError:
                b = b""
            if not b:
                self.alive = False
                break
            last = now_ns()
            chunks.append(b)
        data = b"".join(chunks)
        if data:
            self.stream.feed(data)
        return data, last, when

    def text(self):
        return "\n".join(self.screen.display)

    def wait_for(self, expect, quiet_ms, first_ms, limit_ms=20000):
        """Reads until the screen shows expect and the output has been quiet
        for quiet_ms.  Returns (bytes, time of the last byte)."""
        data, last = b"", None
        deadline = now_ns() + limit_ms * 1000000
        while expect is None or expect not in self.text():
            if not self.alive or now_ns() > deadline:
                raise RuntimeError("the screen never showed %r; it shows:\n%s"
                                   % (expect, self.text()))
            d, t = self.read_quiet(quiet_ms, first_ms)
            data += d
            last = t or last
            if expect is None:
                break
            first_ms = max(quiet_ms, 1000)
        return data, last

    def proc(self, name):
        try:
            with open("/proc/%d/%s" % (self.pid, name)) as f:
                return f.read()
        except OSError:
            return ""

    def hwm_kib(self):
        m = re.search(r"^VmHWM:\s+(\d+)", self.proc("status"), re.M)
        return int(m.group(1)) if m else None

    def rollup_kib(self, field):
        """A field of smaps_rollup (Pss, Private_Dirty, ...) in KiB, or None."""
        m = re.search(r"^%s:\s+(\d+) kB" % field, self.proc("smaps_rollup"), re.M)
        return int(m.group(1)) if m else None

    def cpu_ticks(self):
        f = self.proc("stat").rsplit(")", 1)[-1].split()
        return int(f[11]) + int(f[12]) if len(f) > 12 else None   # utime, stime

    def cpu_ns(self):
        total = 0
        try:
            tasks = os.listdir("/proc/%d/task" % self.pid)
        except OSError:
            return None
        for t in tasks:
            try:
                with open("/proc/%d/task/%s/schedstat" % (self.pid, t)) as f:
                    total += int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass
        return total

    def wakeups(self):
        s = self.proc("status")
        return sum(int(v) for v in re.findall(r"_ctxt_switches:\s+(\d+)", s))

    def close(self, quit_key=None, timeout_s=5.0):
        """Ends the program: quit_key first, then SIGTERM, then SIGKILL."""
        steps = ([("key", quit_key)] if quit_key else []) + [("sig", signal.SIGTERM),
                                                             ("sig", signal.SIGKILL)]
        for kind, what in steps:
            try:
                if kind == "key":
                    os.write(self.m, what)
                else:
                    os.kill(self.pid, what)
            except OSError:
                pass
            deadline = time.monotonic() + (timeout_s if kind != "sig" or what != signal.SIGKILL
                                           else 30)
            while time.monotonic() < deadline:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    os.close(self.m)
                    os.close(self.s)
                    return kind == "key"
                if self.poll.poll(20):
                    try:
                        os.read(self.m, 1 << 16)
                    except OSError:
                        pass
        raise RuntimeError("process %d did not end" % self.pid)


# ---- the fixtures ------------------------------------------------------------------


WORDS = ("research cooperation partner institute university project data results export "
         "control agreement security review funding laboratory students exchange visit "
         "publication patent licence contract dual use military civilian application "
         "technology materials informatics sensor network model simulation analysis "
         "measurement infrastructure access server cloud storage encryption compliance "
         "office officer committee decision risk measure mitigation annual report "
         "the of and to in for with on by from as is are was were be has have not that "
         "this which their its our we they it an a at or also under between within "
         "Forschung Kooperation Partner Hochschule Exportkontrolle Vertrag Sicherheit "
         "Förderung Universität Ergebnisse Veröffentlichung Zusammenarbeit Prüfung "
         "Harbin Shenzhen Beijing Fraunhofer Helmholtz BMBF BAFA ICP EU China Germany").split()


class Rng:
    """A small deterministic generator, so every run types the same texts."""

    def __init__(self, seed):
        self.x = seed

    def next(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.x >> 33) % n


def paragraphs(nbytes, seed):
    """Realistic answer text of exactly nbytes bytes (UTF-8): sentences of
    words in paragraphs (one line each, as typed in an editor) separated by
    blank lines."""
    rng, out, size = Rng(seed), [], 0
    while size < nbytes + 200:
        sents = []
        for _ in range(3 + rng.next(6)):
            w = [WORDS[rng.next(len(WORDS))] for _ in range(6 + rng.next(16))]
            w[0] = w[0][0].upper() + w[0][1:]
            sents.append(" ".join(w) + ("." if rng.next(8) else ","))
        p = " ".join(sents).encode()
        out.append(p)
        size += len(p) + 2
    text = b"\n\n".join(out)
    cut = text.rfind(b" ", 0, nbytes - 1)
    text = text[:cut]
    text += b" " + b"x" * (nbytes - len(text) - 1)   # pad the last word
    assert len(text) == nbytes
    return text


def catalogue():
    with open(CATALOG, encoding="utf-8") as f:
        cat = json.load(f)
    qs = [q for s in cat["sections"] for q in s["questions"]]
    return qs


def cli(prog, env, *args, stdin=None):
    p = subprocess.run([prog] + list(args), input=stdin, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("'coopcheck %s' failed (%d): %s" % (" ".join(args[:4]), p.returncode,
                                                               p.stderr.decode(errors="replace")))
    return p.stdout


def make_fixtures(prog, env):
    """Two cooperations, written with the program's own commands: 'empty' as
    `new` makes it, and 'big' with 7 MiB of answer text: every one of the 28
    text fields 256 KiB - 256 B, and the rest (7 KiB) as the note of a yes/no
    answer (q19 reporting_duty: no), since a text field holds at most 256 KiB
    and the fields edited in the benchmark need room to type."""
    partner = "Harbin Institute of Technology; HIT; 哈尔滨工业大学"
    cli(prog, env, "new", "empty", "--title", "Empty assessment", "--partner", partner,
        "--country", "China", "--pi", "Dr. A. Beispiel", "--start", "2026-03-01")
    cli(prog, env, "new", "big", "--title", "Seven MiB of answers", "--partner", partner,
        "--country", "China", "--pi", "Dr. A. Beispiel", "--start", "2026-03-01")
    fields = [(q["id"], f["id"]) for q in catalogue() for f in q["fields"] if f["type"] == "text"]
    per = FIELD_MAX - 256
    total = 0
    for i, (qid, fid) in enumerate(fields):
        cli(prog, env, "set", "big", qid, fid, "-", stdin=paragraphs(per, 1000 + i))
        total += per
    note = paragraphs(TOTAL_TEXT - total, 7).decode()
    cli(prog, env, "set", "big", "q19", "reporting_duty", "no", "--note", note)
    total += len(note.encode())
    return total, len(fields)


REPS_PICKER = 5

# ---- the measurements on the terminal --------------------------------------------------


class Bench:
    def __init__(self, args, tmp):
        self.args = args
        self.tmp = tmp
        self.prog = os.path.abspath(args.prog)
        self.quiet = args.quiet_ms
        self.reps = args.reps
        self.frames = args.frames
        self.titles = [q["title"]["en"] for q in catalogue()]
        self.pristine = os.path.join(tmp, "pristine")
        self.nsession = 0

    def env(self, term, data=None):
        e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": term, "LANG": "C.UTF-8",
             "HOME": os.path.join(self.tmp, "home"), "USER": "bench", "LOGNAME": "bench",
             "TMPDIR": os.path.join(self.tmp, "t"),
             "XDG_CONFIG_HOME": os.path.join(self.tmp, "cfg"),
             "XDG_DATA_HOME": os.path.join(self.tmp, "xdg"),
             "XDG_STATE_HOME": os.path.join(self.tmp, "xdg"),
             "COOPCHECK_LISTS": os.path.join(self.tmp, "lists"),
             # Esc is told from the start of a key sequence after 1 ms, not
             # the 25 ms every curses program waits by default: the Esc row
             # then measures the program's work (see bench/README.md)
             "ESCDELAY": "1"}
        if data:
            e["COOPCHECK_DATA"] = data
        return e

    def setup(self):
        for d in ("home", "t", "cfg", "xdg", "lists"):
            os.makedirs(os.path.join(self.tmp, d), exist_ok=True)
        data = os.path.join(self.pristine, "data")
        os.makedirs(self.pristine)
        t0 = time.monotonic()
        total, nfields = make_fixtures(self.prog, self.env("dumb", data))
        size = os.path.getsize(os.path.join(data, "big", "assessment.json"))
        print("bench: the 7 MiB assessment (%d B of answer text in %d text fields and a note, "
              "file %d B) written in %.1f s" % (total, nfields, size, time.monotonic() - t0),
              file=sys.stderr, flush=True)
        self.big_notes = "%d B of answer text, the file %.1f MiB" % (total, size / 1048576)

    def fresh_data(self):
        """A copy of the pristine data directory for one program run."""
        self.nsession += 1
        d = os.path.join(self.tmp, "run%d" % self.nsession)
        shutil.copytree(self.pristine, d, symlinks=True)
        return d, os.path.join(d, "data")

    # -- programs --

    def argv(self, what):
        if what == "dialog":
            a = ["dialog", "--menu", "Choose a question", "0", "0", "0"]
        elif what == "whiptail":
            a = ["whiptail", "--menu", "Choose a question", "0", "0", "0"]
        elif what == "bare":
            return [os.path.join(self.args.build, "bench", "bare")]
        else:
            return [self.prog, "open", "empty" if what == "empty" else "big"]
        for i, t in enumerate(self.titles):
            a += [str(i + 1), t]
        a[0] = shutil.which(a[0])
        return a

    EXPECT = {"empty": "Question 1 of 19", "7 MiB": "Question 1 of 19",
              "dialog": "Focus and your goals", "whiptail": "Focus and your goals",
              "bare": "bare ncurses"}
    QUIT = {"empty": b"q", "7 MiB": b"q", "bare": b"q"}

    def start(self, what, term, cols, rows):
        """Starts a program and waits for its first frame: (pty, ms, run dir)."""
        run, data = (None, None)
        if what in FIXTURES:
            run, data = self.fresh_data()
        p = Pty(self.argv(what), self.env(term, data), cols, rows)
        try:
            _, last = p.wait_for(self.EXPECT[what], self.quiet, 10000)
        except Exception:
            p.close(self.QUIT.get(what))
            raise
        return p, (last - p.t0) / 1e6, run

    def stop(self, what, p, run):
        p.close(self.QUIT.get(what))
        if run:
            shutil.rmtree(run, ignore_errors=True)

    # -- first frames, side by side --

    def first_frames(self, term, cols, rows):
        progs = ["empty", "7 MiB", "dialog", "whiptail", "bare"]
        times = {w: [] for w in progs}
        hwm = {w: [] for w in progs}
        dirty = {w: [] for w in progs}
        for _ in range(self.frames):
            for w in progs:      # interleaved, so that drifting load hits all alike
                p, ms, run = self.start(w, term, cols, rows)
                times[w].append(ms)
                hwm[w].append(p.hwm_kib() or 0)
                dirty[w].append(p.rollup_kib("Private_Dirty") or 0)
                self.stop(w, p, run)
        g = "first frame %dx%d %s" % (cols, rows, term)
        med = {w: statistics.median(times[w]) for w in progs}
        label = {"empty": "coopcheck open, empty assessment",
                 "7 MiB": "coopcheck open, 7 MiB assessment",
                 "dialog": "dialog --menu, the 19 titles", "whiptail": "whiptail --menu, the 19 titles",
                 "bare": "bare ncurses program (bench/bare.c)"}
        for w in progs:
            row(g, label[w], med[w], "ms", notes="median of %d (min %.1f, max %.1f)"
                % (len(times[w]), min(times[w]), max(times[w])), samples=times[w])
        r = med["empty"] / med["dialog"]
        row(g, "coopcheck (empty) / dialog --menu", r, "x", "<= 1.00x", r <= 1.0,
            "ratio of the medians")
        r = med["empty"] / med["bare"]
        row(g, "coopcheck (empty) / bare ncurses", r, "x", "<= 1.50x", r <= 1.5,
            "ratio of the medians")
        row(g, "coopcheck (7 MiB) / dialog --menu", med["7 MiB"] / med["dialog"], "x",
            notes="ratio of the medians")
        row(g, "whiptail --menu / dialog --menu", med["whiptail"] / med["dialog"], "x",
            notes="ratio of the medians")
        mem = "peak RSS %dx%d %s" % (cols, rows, term)
        mb = {w: statistics.median(hwm[w]) * 1024 / 1e6 for w in progs}
        row(mem, "coopcheck, empty assessment open", mb["empty"], "MB",
            "<= dialog's %.1f MB" % mb["dialog"], mb["empty"] <= mb["dialog"],
            "VmHWM after the first frame; dialog %.1f, whiptail %.1f, bare %.1f MB"
            % (mb["dialog"], mb["whiptail"], mb["bare"]))
        # What the program alone made: VmHWM counts every page mapped, also
        # those of libc and of the program's file that the page cache holds
        # for every process (and the kernel maps 64 KiB around each fault of
        # a file); Private_Dirty is the memory no other process can share.
        # (Pss depends on which other processes run: not a row.)
        m = {w: statistics.median(dirty[w]) * 1024 / 1e6 for w in progs}
        row(mem, "coopcheck, empty assessment open: private dirty", m["empty"], "MB",
            notes="Private_Dirty of smaps_rollup after the first frame, medians; dialog %.2f, "
            "whiptail %.2f, bare %.2f MB" % (m["dialog"], m["whiptail"], m["bare"]))
        row(mem, "coopcheck (empty) / dialog --menu: private dirty",
            m["empty"] / m["dialog"] if m["dialog"] else None, "x", notes="ratio of the medians")

    # -- a session of actions --

    def keys(self, term):
        def cap(name):
            out = subprocess.run(["tput", "-T", term, name], stdout=subprocess.PIPE).stdout
            return out or None
        return {"pgup": cap("kpp") or b"\x1b[5~", "pgdn": cap("knp") or b"\x1b[6~"}

    def session(self, term, cols, rows, fixture, idle):
        g = "keys %dx%d %s %s" % (cols, rows, term, fixture)
        big = fixture != "empty"
        k = self.keys(term)
        p, ff, run = self.start(fixture, term, cols, rows)
        blank = p.screen.default_char
        results = {}
        afile = (os.path.join(run, "data", "empty" if fixture == "empty" else "big", "assessment.json")
                 if run else None)

        def file_stamp():
            try:
                st = os.stat(afile)
                return (st.st_ino, st.st_mtime_ns, st.st_size)
            except OSError:
                return None

        def act(name, send, expect=None, record=True):
            before = snapshot(p.screen)
            stamp = file_stamp() if name == "y/n" else None
            if isinstance(send, tuple):
                t = p.resize(*send)
            else:
                t = p.write(send)
            saved, early, early_last = None, b"", None
            if name == "y/n" and stamp is not None:
                # the interface draws first and saves after the frame: the
                # save's cost is the time until the file is replaced, and the
                # frame is read (and timed) while the file is watched
                early, early_last, saved = p.read_polling(lambda: file_stamp() != stamp, 2.0)
            data, last = p.read_quiet(self.quiet, 2000)
            data = early + data
            last = last or early_last
            if expect:
                d2, l2 = p.wait_for(expect, self.quiet, 2000, limit_ms=5000)
                data += d2
                last = l2 or last
            if not record:
                return
            cells = changed_cells(before, snapshot(p.screen), blank)
            r = results.setdefault(name, {"lat": [], "bytes": 0, "cells": 0, "n": 0})
            r["n"] += 1
            r["bytes"] += len(data)
            r["cells"] += cells
            if last is not None:
                r["lat"].append((last - t) / 1e6)
            if saved is not None:
                r.setdefault("save", []).append((saved - t) / 1e6)

        def focus(label):
            """Tab until the field labelled label has the focus mark."""
            for _ in range(12):
                if "▶ " + label in p.text():
                    return
                act("-", b"\t", None, record=False)
            raise RuntimeError("Tab never focused %r; the screen shows:\n%s" % (label, p.text()))

        try:
            if idle:
                t0, c0, n0 = p.cpu_ticks(), p.cpu_ns(), p.wakeups()
                end = time.monotonic() + 3.0
                quiet_bytes = 0
                while time.monotonic() < end:
                    d, _ = p.read_quiet(50, int(max(1, (end - time.monotonic()) * 1000)))
                    quiet_bytes += len(d)
                ticks = p.cpu_ticks() - t0
                cpu_ms = (p.cpu_ns() - c0) / 1e6
                wake = p.wakeups() - n0
                row("idle %dx%d %s %s" % (cols, rows, term, fixture),
                    "CPU over 3 s without input after the first frame", ticks, "ticks",
                    "0 ticks", ticks == 0,
                    "utime+stime of /proc/PID/stat; %.2f ms on the CPU (schedstat), %d wake-ups, "
                    "%d bytes written" % (cpu_ms, wake, quiet_bytes))
            n = self.reps
            for i in range(n):
                act("j", b"j", "Question %d of 19" % (i + 2))
            for i in range(n):
                act("k", b"k", "Question %d of 19" % (n - i))
            act("-", b"8\r", "Question 8 of 19", record=False)
            focus("Sufficiently informed?")
            for i in range(n + 1):
                act("y/n", b"yn"[i % 2:i % 2 + 1], "(•) yes" if i % 2 == 0 else "(•) no")
            act("-", b"1\r", "Question 1 of 19", record=False)
            focus("Thematic focus")
            for _ in range(n):   # (three gave medians a slow round could move)
                act("Enter", b"\r", "Editing")
                if big:
                    for _ in range(3):
                        act("PgUp", k["pgup"])
                    for _ in range(3):
                        act("PgDn", k["pgdn"])
                for _ in range(3):
                    act("typed character", b"x")
                act("Esc", b"\x1b", "Enter edit")
            for _ in range(n):
                if cols >= 120:
                    # the help is the third pane: ? moves the focus there and back
                    act("?", b"?")
                    act("?", b"?")
                else:
                    act("?", b"?", "Help 1:")
                    act("-", b"q", "Tab field", record=False)
            for _ in range(2):
                act("resize, width", (cols + 10, rows))
                act("resize, width", (cols, rows))
            for _ in range(2):
                act("resize, height", (cols, rows + 6))
                act("resize, height", (cols, rows))
            for _ in range(2):
                act("resize, both", (cols + 10, rows + 6))
                act("resize, both", (cols, rows))
            for _ in range(2):
                act("C-l", b"\x0c")
            hwm = p.hwm_kib()
        finally:
            self.stop(fixture, p, run)

        label = {"j": "j (next question)", "k": "k (previous question)",
                 "y/n": "y / n on a yes/no field", "Enter": "Enter (open the editor)",
                 "typed character": "a typed character", "PgUp": "PgUp in the editor",
                 "PgDn": "PgDn in the editor", "Esc": "Esc (close the editor, saves)",
                 "?": "? (help)", "resize, width": "resize, width +-10",
                 "resize, height": "resize, height +-6", "resize, both": "resize, both",
                 "C-l": "C-l (redraw)"}
        keyed = {"j", "k", "y/n", "Enter", "typed character", "PgUp", "PgDn", "Esc", "?"}
        per_cell = {"j", "k", "y/n", "resize, width", "resize, height"}
        for name in label:
            r = results.get(name)
            if not r:
                continue
            lat = statistics.median(r["lat"]) if r["lat"] else None
            notes = "median of %d" % len(r["lat"])
            if r["lat"]:
                notes += ", max %.1f ms" % max(r["lat"])
            if len(r["lat"]) < r["n"]:
                notes += "; %d of %d sent nothing" % (r["n"] - len(r["lat"]), r["n"])
            if name == "Esc":
                notes += "; with ESCDELAY=1 (1 ms of it is the wait for a key sequence)"
            if name == "?" and cols >= 120:
                notes += "; from 120 columns ? moves the focus to the help pane and back"
            if name in keyed:
                row(g, label[name] + ": latency", lat, "ms", "< 5 ms",
                    lat is not None and lat < 5, notes, samples=r["lat"])
            else:
                row(g, label[name] + ": latency", lat, "ms", notes=notes, samples=r["lat"])
            if big and name == "y/n":
                sv = statistics.median(r["save"]) if r.get("save") else None
                row(g, label[name] + ": until the file is saved", sv, "ms", "< 20 ms",
                    sv is not None and sv < 20,
                    "median of %d: from the key to the assessment file replaced (stat polled "
                    "every 0.2 ms; the frame goes out first)" % len(r.get("save", [])))
            bpa, cpa = r["bytes"] / r["n"], r["cells"] / r["n"]
            bpc = r["bytes"] / r["cells"] if r["cells"] else None
            notes = "%.0f B and %.0f changed cells per action (%d actions)" % (bpa, cpa, r["n"])
            counts = {"bytes_per_action": bpa, "cells_per_action": cpa, "actions": r["n"]}
            if name == "typed character":
                row(g, label[name] + ": bytes", bpa, "B", "<= 16 B", bpa <= 16, notes, **counts)
            elif name == "C-l":
                row(g, label[name] + ": changed cells", cpa, "cells", "0 (check)", cpa == 0,
                    "%.0f B per redraw; a redraw changes no cell when every frame before it "
                    "was right (and the emulator kept up)" % bpa, **counts)
                continue
            if name in per_cell:
                row(g, label[name] + ": bytes per changed cell", bpc, "B/cell", "<= 1.3",
                    bpc is not None and bpc <= 1.3, notes, **counts)
            elif name != "typed character":
                row(g, label[name] + ": bytes per changed cell", bpc, "B/cell", notes=notes,
                    **counts)
        mb = (hwm or 0) * 1024 / 1e6
        if big:
            row("peak RSS %dx%d %s" % (cols, rows, term), "coopcheck, 7 MiB assessment, after the keys",
                mb, "MB", "< 25 MB", mb < 25, "VmHWM at the end of the session; " + self.big_notes)
        return ff

    def picker(self, data, n):
        """The interface's list of cooperations (coopcheck with no arguments) on the
        store that list and due read: its first frame and j, at 80x24, 5 runs."""
        for d in ("home", "t", "cfg", "xdg", "lists"):
            os.makedirs(os.path.join(self.tmp, d), exist_ok=True)
        g = "store: the list in the interface, 80x24 xterm-256color"
        frames, keys = [], []
        for _ in range(REPS_PICKER):
            p = Pty([self.prog, "open"], self.env("xterm-256color", data), 80, 24)
            try:
                _, last = p.wait_for("%d cooperations" % n, self.quiet, 30000)
                frames.append((last - p.t0) / 1e6)
                for _ in range(3):
                    t = p.write(b"j")
                    _, l = p.read_quiet(self.quiet, 2000)
                    if l is not None:
                        keys.append((l - t) / 1e6)
            finally:
                p.close(b"q")
        notes = "%d cooperations x 10 snapshots (the store of list and due); median of %d" % (
            n, len(frames))
        med = statistics.median(frames)
        row(g, "first frame of coopcheck (the list of cooperations)", med, "ms", "< 300 ms",
            med < 300, notes + " (target: as list and due)", samples=frames)
        km = statistics.median(keys) if keys else None
        row(g, "j (next cooperation): latency", km, "ms", "< 5 ms", km is not None and km < 5,
            "median of %d" % len(keys), samples=keys)

    def run(self):
        for term in TERMS:
            if self.args.term and term != self.args.term:
                continue
            for cols, rows in SIZES:
                if self.args.size and "%dx%d" % (cols, rows) != self.args.size:
                    continue
                t0 = time.monotonic()
                self.first_frames(term, cols, rows)
                for fx in FIXTURES:
                    self.session(term, cols, rows, fx, idle=True)
                print("bench: terminal %s %dx%d: %.1f s" % (term, cols, rows,
                                                             time.monotonic() - t0),
                      file=sys.stderr, flush=True)


# ---- the environment -------------------------------------------------------------------


def out_of(argv):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=10)
        return p.stdout.decode(errors="replace").strip()
    except (OSError, subprocess.SubprocessError):
        return None


def environment(args):
    def first_line(s):
        return s.splitlines()[0] if s else None
    git = out_of(["git", "-C", SRC, "rev-parse", "HEAD"])
    dirty = out_of(["git", "-C", SRC, "status", "--porcelain", "--", "src", "include"])
    cpu = None
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
            cpu = m.group(1) if m else None
    except OSError:
        pass
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "uname": " ".join(platform.uname()),
        "cpu": cpu, "cpus": os.cpu_count(), "load_average": os.getloadavg(),
        "terms": TERMS, "sizes": ["%dx%d" % s for s in SIZES],
        "coopcheck": first_line(out_of([os.path.abspath(args.prog), "--version"])),
        "commit": git, "src_changed_since_commit": bool(dirty),
        "dialog": first_line(out_of(["dialog", "--version"])),
        "whiptail": first_line(out_of(["whiptail", "--version"])),
        "ncurses": first_line(out_of(["infocmp", "-V"])),
        "ncurses_package": out_of(["dpkg-query", "-W", "-f", "${Version}", "libncursesw6"]),
        "cc": first_line(out_of([os.environ.get("CC", "cc"), "--version"])),
        "python": sys.version.split()[0], "pyte": getattr(pyte, "__version__", None) or
        out_of(["dpkg-query", "-W", "-f", "${Version}", "python3-pyte"]),
        "quiet_ms": args.quiet_ms, "reps": args.reps, "frames": args.frames,
    }


# ---- main -------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description="make bench: one table of every figure")
    ap.add_argument("--prog", default="./coopcheck")
    ap.add_argument("--build", default="build")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--reps", type=int, default=5, help="keys per row")
    ap.add_argument("--frames", type=int, default=21,
                    help="runs of each program's first frame (a single start can take four times "
                         "the median on a busy machine)")
    ap.add_argument("--quiet-ms", type=int, default=150,
                    help="a frame or response has ended after this long without output")
    ap.add_argument("--only", choices=["tui", "core"], help="only the terminal or only the C rows")
    ap.add_argument("--term", choices=TERMS, help="only this terminal (for trying a change)")
    ap.add_argument("--size", choices=["%dx%d" % sz for sz in SIZES],
                    help="only this size (for trying a change)")
    ap.add_argument("--quick", action="store_true",
                    help="smaller sizes (for trying the script; the figures do not count)")
    ap.add_argument("--markdown", metavar="JSON",
                    help="print the rows of a results file as a Markdown table, and nothing else")
    args = ap.parse_args()
    if args.markdown:
        with open(args.markdown, encoding="utf-8") as f:
            markdown(json.load(f))
        return 0
    args.build = os.path.abspath(args.build)
    # a TERM or HUP ends the run like Ctrl-C: the programs started are ended
    # and the temporary directory is removed (the finally clauses)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(1))
    t_start = time.monotonic()
    env = environment(args)
    os.makedirs(os.path.join(args.build, "bench"), exist_ok=True)
    logpath = os.path.join(args.build, "bench", "last-run.log")
    tmp = tempfile.mkdtemp(prefix="coopcheck-bench-", dir=os.environ.get("TMPDIR") or "/tmp")
    try:
        with open(logpath, "w") as log:
            if args.only != "core":
                b = Bench(args, tmp)
                b.setup()
                b.run()
            if args.only != "tui":
                bb = os.path.join(args.build, "bench")
                run_rows("core (bench/bench.c)", [os.path.join(bb, "bench")], log)
                run_rows("store (bench/store_bench.c)",
                         [os.path.join(bb, "store_bench"), os.path.abspath(args.prog),
                          "--fixtures", os.path.join(bb, "fixtures")]
                         + (["--list", "1000", "--sync", "100"] if args.quick else []), log)
                nlist = 1000 if args.quick else 10000
                kept = glob.glob(os.path.join(bb, "fixtures", "store-f*-%dx10" % nlist))
                if kept:
                    Bench(args, tmp).picker(max(kept, key=os.path.getmtime), nlist)
                run_rows("screening quality (bench/screening_quality.c)",
                         [os.path.join(bb, "screening_quality"), "bench/screening/pairs.tsv",
                          "tests/data/lists/aspi.json"], log)
                senv = dict(os.environ, SCREEN_BENCH_SMALL="1") if args.quick else None
                run_rows("screening speed (bench/screening_speed.c)",
                         [os.path.join(bb, "screening_speed")], log, env=senv)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    env["duration_s"] = round(time.monotonic() - t_start, 1)
    env["load_average_end"] = os.getloadavg()
    ROWS.sort(key=section)     # stable: within a section, the order measured
    print()
    print_table(ROWS)
    targets = [r for r in ROWS if r["met"] != "-"]
    failed = [r for r in targets if r["met"] != "met"]
    print("\n%d rows, %d with a target: %d met, %d NOT met.  %.0f s; log %s"
          % (len(ROWS), len(targets), len(targets) - len(failed), len(failed),
             env["duration_s"], logpath))
    os.makedirs(args.results, exist_ok=True)
    stamp = env["date"].replace("-", "").replace(":", "")
    doc = {"environment": env, "quick": args.quick, "only": args.only, "rows": ROWS}
    names = [stamp + ".json"]
    if not args.quick and not args.only:
        names.append("latest.json")     # only a full run is the last run
    for name in names:
        path = os.path.join(args.results, name)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        os.replace(path + ".tmp", path)
    print("written: %s" % " and ".join(os.path.join(args.results, n) for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
