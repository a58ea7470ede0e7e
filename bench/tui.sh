#!/bin/sh
# tui.sh — `make bench`, part 2: how fast the terminal interface starts and
# how many bytes it sends to the terminal per keystroke.
#
# Usage: sh bench/tui.sh PROGRAM
#
# A report, never a test: it prints numbers and exits 0 (1 only when the
# program does not start or a key never takes effect).  PROGRAM runs in a
# private tmux server ("tmux -L ccbench-PID -f /dev/null"), the only server
# this script talks to; it is killed at the end.  Data and configuration live
# in a temporary directory under $TMPDIR (else /tmp), removed at the end.
#
#   - time to first frame of "PROGRAM open ID" at 80x24: from the moment it is
#     started until capture-pane shows the question text (polled without
#     sleeping; the resolution is one capture-pane round trip, a few ms);
#   - bytes sent to the terminal (recorded with pipe-pane): the first frame,
#     and per keystroke for j (next question), k (previous question), letters
#     typed in the inline editor, and C-l (a forced full redraw).  Every key
#     is sent alone and the screen is polled until it took effect; the bytes
#     of a group are counted once the output has been quiet for 100 ms;
#   - peak RSS of the program (VmHWM of /proc/PID/status, read before quitting).
set -u

prog=${1:-./coopcheck}
case $prog in */*) ;; *) prog=./$prog ;; esac
prog=$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")
RUNS=5          # runs of the first-frame measurement
Q1='What is the thematic focus of the intended'

if ! command -v tmux >/dev/null 2>&1; then
    echo
    echo "Terminal interface: tmux is not installed; skipped."
    exit 0
fi
if [ ! -x "$prog" ]; then
    echo "tui.sh: $prog is not an executable program" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coopcheck-tuibench-XXXXXX") || exit 1
sock=ccbench-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    tm kill-server 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

export COOPCHECK_DATA="$tmp/data" HOME="$tmp" XDG_CONFIG_HOME="$tmp/cfg"
mkdir -p "$tmp/cfg"
"$prog" new bench --title "Benchmark cooperation" --partner "Harbin Institute of Technology" \
    >/dev/null || { echo "tui.sh: '$prog new' failed" >&2; exit 1; }

now_ns() { date +%s%N; }
fsize() { if [ -e "$1" ]; then wc -c <"$1" | tr -d ' '; else echo 0; fi; }
# median and min of the numbers on standard input, in ms
median_min() {
    sort -n | awk '{ v[NR] = $1 } END { printf "%.1f ms %.1f ms", v[int((NR + 1) / 2)] / 1e6, v[1] / 1e6 }'
}

die() {
    echo "tui.sh: $*" >&2
    echo "--- last screen:" >&2
    tm capture-pane -p -t "$pane" >&2 2>/dev/null
    exit 1
}

# Polls the screen of $pane until it matches the basic regular expression $1
# (10 s at most).
wait_re() {
    deadline=$(($(date +%s) + 10))
    until tm capture-pane -p -t "$pane" 2>/dev/null | grep -q -e "$1"; do
        [ "$(date +%s)" -le "$deadline" ] || die "timed out waiting for /$1/"
    done
}

# Waits until file $1 has stopped growing for 100 ms (and has grown past $2
# bytes when given); sets $size to its size.
settle() {
    last=-1
    quiet=0
    deadline=$(($(date +%s) + 10))
    while :; do
        cur=$(fsize "$1")
        if [ "$cur" = "$last" ] && [ "$cur" -gt "${2:--1}" ]; then
            quiet=$((quiet + 1))
            [ "$quiet" -ge 10 ] && break
        else
            quiet=0
        fi
        last=$cur
        [ "$(date +%s)" -le "$deadline" ] || die "the output to $1 never settled"
        sleep 0.01
    done
    size=$cur
}

# Starts "$prog open bench" in a new 80x24 window, its output recorded in $1;
# sets $pane and $pid and prints the start time (ns) on success.  The window's
# shell waits for a line on its terminal so that pipe-pane is in place before
# the program writes anything; the clock starts when that line is sent.
start_tui() {
    out=$1
    pane=$(tm new-window -d -t bench: -P -F '#{pane_id}' \
        "stty -echo; read go; exec env LANG=C.UTF-8 TERM=tmux-256color '$prog' open bench") ||
        die "cannot start a tmux window"
    tm resize-window -t "$pane" -x 80 -y 24
    tm pipe-pane -o -t "$pane" "cat >> '$out'"
    pid=$(tm display-message -p -t "$pane" '#{pane_pid}')
    t0=$(now_ns)
    tm send-keys -t "$pane" Enter
}

# Quits the program and waits until it is gone.
quit_tui() {
    tm send-keys -t "$pane" q
    deadline=$(($(date +%s) + 10))
    while kill -0 "$pid" 2>/dev/null; do
        [ "$(date +%s)" -le "$deadline" ] || die "the program did not quit"
        sleep 0.01
    done
}

# One window that keeps the server alive between runs.
tm new-session -d -s bench -x 80 -y 24 "exec sleep 100000" || { echo "tui.sh: tmux failed" >&2; exit 1; }
tm set-option -g default-size 80x24 >/dev/null 2>&1

echo
echo "Terminal interface ($prog open ID, 80x24, TERM=tmux-256color, private tmux server)"

# ---- time to first frame ----------------------------------------------------
: >"$tmp/firstframe.times"
run=1
while [ "$run" -le "$RUNS" ]; do
    start_tui "$tmp/frame$run.out"
    wait_re "$Q1"
    t1=$(now_ns)
    echo $((t1 - t0)) >>"$tmp/firstframe.times"
    if [ "$run" -lt "$RUNS" ]; then
        quit_tui
    fi
    run=$((run + 1))
done
set -- $(median_min <"$tmp/firstframe.times")
printf '  %-38s %10s %10s  %s\n' "measure" "median" "min" "notes"
printf '  %-38s %7s ms %7s ms  %s\n' "time to first frame" "$1" "$3" "$RUNS runs, launch until the question text shows"

# ---- bytes per keystroke ------------------------------------------------------
# The last run stays open: its recording holds the first frame.
log=$tmp/frame$RUNS.out
settle "$log" 0
first=$size

# send KEY, then wait for the screen to match RE
key() {
    tm send-keys -t "$pane" "$1"
    wait_re "$2"
}

# 10 j, 10 k, 10 j, 10 k (the list has 19 questions, so every key moves)
jbytes=0
kbytes=0
for round in 1 2; do
    settle "$log"
    before=$size
    n=1
    while [ "$n" -le 10 ]; do
        key j "Question $((n + 1)) of 19"
        n=$((n + 1))
    done
    settle "$log"
    after=$size
    jbytes=$((jbytes + after - before))
    before=$after
    n=11
    while [ "$n" -ge 2 ]; do
        key k "Question $((n - 1)) of 19"
        n=$((n - 1))
    done
    settle "$log"
    after=$size
    kbytes=$((kbytes + after - before))
done

# C-l: curses repaints everything; wait for the output to grow and settle
settle "$log"
before=$size
tm send-keys -t "$pane" C-l
settle "$log" "$before"
after=$size
redraw=$((after - before))

# Tab to the first field, Enter to open the editor, then 20 letters
settle "$log"
before=$size
key Tab '▶ Thematic focus'
key Enter '^Editing:'
settle "$log"
after=$size
openbytes=$((after - before))
before=$after
typed=
for c in a b c d e f g h i j k l m n o p q r s t; do
    typed=$typed$c
    key "$c" "│     $typed\$"
done
settle "$log"
after=$size
tbytes=$((after - before))

hwm=$(awk '/^VmHWM:/ { print $2, $3 }' "/proc/$pid/status" 2>/dev/null)
tm send-keys -t "$pane" Escape      # close the editor (saves), then quit
wait_re '^j/k question'
quit_tui

per() { awk -v b="$1" -v n="$2" 'BEGIN { printf "%.1f", b / n }'; }
printf '\n  %-38s %10s %12s\n' "bytes sent to the terminal" "total" "per key"
printf '  %-38s %10s %12s\n' "first full frame" "$first" "-"
printf '  %-38s %10s %12s\n' "j x20 (next question)" "$jbytes" "$(per "$jbytes" 20)"
printf '  %-38s %10s %12s\n' "k x20 (previous question)" "$kbytes" "$(per "$kbytes" 20)"
printf '  %-38s %10s %12s\n' "Tab + Enter (open the editor)" "$openbytes" "$(per "$openbytes" 2)"
printf '  %-38s %10s %12s\n' "20 letters typed in the editor" "$tbytes" "$(per "$tbytes" 20)"
printf '  %-38s %10s %12s\n' "C-l (forced full redraw)" "$redraw" "$redraw"
if [ -n "$hwm" ]; then
    printf '\n  peak RSS of the interface process: %s (VmHWM before quitting)\n' "$hwm"
fi
exit 0
