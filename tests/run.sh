#!/bin/sh
# Runs every test program in BUILD/tests and prints one closing line:
#   N passed, N failed
# Usage: tests/run.sh BUILD_DIR PROGRAM
# cmocka prints per-test lines on stdout and its summary on stderr; both are
# kept in BUILD/test-logs/NAME.log and shown when a suite fails.
set -u
build=$1
prog=$2
logs="$build/test-logs"
mkdir -p "$logs"
export COOPCHECK_BIN="$prog"
export COOPCHECK_SRCDIR="$(pwd)"
passed=0
failed=0
skipped=0
for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    name=${t##*/}
    log="$logs/$name.log"
    "$t" >"$log" 2>&1 </dev/null
    status=$?
    run=$(grep -a -c '^\[ RUN      \]' "$log")
    ok=$(grep -a -c '^\[       OK \]' "$log")
    # cmocka repeats "[  SKIPPED ] name" in its summary: count distinct names
    skip=$(grep -a -E '^\[  SKIPPED \] [A-Za-z_][A-Za-z0-9_]*$' "$log" | sort -u | wc -l)
    bad=$((run - ok - skip))
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
        bad=1   # crashed outside a test, or a sanitizer report at exit
    fi
    passed=$((passed + ok))
    failed=$((failed + bad))
    skipped=$((skipped + skip))
    if [ "$bad" -ne 0 ]; then
        echo "FAIL $name ($bad failed, exit status $status); log follows:"
        sed 's/^/    /' "$log"
    else
        echo "ok   $name ($ok passed${skip:+, $skip skipped})" | sed 's/, 0 skipped//'
    fi
done
if [ "$skipped" -ne 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
