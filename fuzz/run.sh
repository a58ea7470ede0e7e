#!/bin/sh
# Runs each fuzz target for a while over its seeds and prints one line per
# target and a summary.  Called by `make fuzz` after it built the targets.
# Usage: fuzz/run.sh BUILD_DIR SECONDS NAME...
#   BUILD_DIR/bin/fuzz_NAME   the target (libFuzzer, ASan, UBSan)
#   BUILD_DIR/corpus/NAME/    the inputs it found, kept for the next run (the
#                             first corpus directory: the only one libFuzzer
#                             writes to)
#   fuzz/corpus/NAME/         the seeds (only read)
#   BUILD_DIR/crashes/NAME/   crash-*, leak-*, timeout-*, oom-* files
#   BUILD_DIR/logs/NAME.log   libFuzzer's output
# Extra libFuzzer options can be given in FUZZ_FLAGS (e.g. -jobs=2).  Exits 1
# when any target found something.
set -u
build=$1
seconds=$2
shift 2
found=0
start=$(date +%s)
for name in "$@"; do
    bin="$build/bin/fuzz_$name"
    seeds="fuzz/corpus/$name"
    corpus="$build/corpus/$name"
    crashes="$build/crashes/$name"
    log="$build/logs/$name.log"
    mkdir -p "$corpus" "$crashes" "${log%/*}"
    dict=
    [ -f "fuzz/$name.dict" ] && dict="-dict=fuzz/$name.dict"
    t0=$(date +%s)
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$crashes/" $dict ${FUZZ_FLAGS:-} "$corpus" "$seeds" >"$log" 2>&1 </dev/null
    status=$?
    t1=$(date +%s)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -a -o 'cov: [0-9]*' "$log" | tail -n 1 | sed 's/cov: //')
    n=$(ls "$corpus" | wc -l)
    if [ "$status" -ne 0 ]; then
        found=$((found + 1))
        art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        echo "FAIL $name (exit status $status after $((t1 - t0)) s): ${art:-see $log}"
        grep -a -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | sed 's/^/    /'
    else
        echo "ok   $name (${runs:-?} runs in $((t1 - t0)) s, coverage ${cov:-?}, $n inputs in $corpus)"
    fi
done
echo "$# targets fuzzed in $(($(date +%s) - start)) s, $found with findings (logs in $build/logs)"
[ "$found" -eq 0 ]
