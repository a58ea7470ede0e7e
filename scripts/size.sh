#!/bin/sh
# size.sh FILE... — the files over 800 lines and the functions over 80 lines
# (from the line with a function's opening brace in column 0 to its closing
# one), the signs STYLE.md gives that a file or a function wants splitting.
# Prints them and exits 1 when there are any.
status=0
for f in "$@"; do
    n=$(wc -l < "$f")
    if [ "$n" -gt 800 ]; then
        echo "$f: $n lines (over 800)"
        status=1
    fi
done
awk '
    FNR == 1 { name = ""; start = 0 }
    /^[A-Za-z_].*\(/ && !/;[ \t]*$/ { sig = $0; sigline = FNR }
    /^\{/ { start = FNR; name = sig; sub(/\(.*/, "", name); sub(/.*[ *]/, "", name) }
    /^\}/ && start {
        len = FNR - start + 1
        if (len > 80) { printf "%s:%d: %s() is %d lines (over 80)\n", FILENAME, sigline, name, len; bad = 1 }
        start = 0
    }
    END { exit bad }
' "$@" || status=1
exit $status
