#!/bin/sh
# Checks the build dependencies of coopcheck and installs the missing ones with
# apt-get when run as root; otherwise prints the exact command and fails.
# Usage: scripts/deps.sh [build|check|bench|hot]   ("check" also wants the
# test tools, "bench" what `make bench` runs: Debian's python3 with pyte,
# dialog and whiptail as peers, tput; "hot" what `make hot-list` runs: pyte
# and valgrind; $BENCH_PYTHON names the python, default /usr/bin/python3,
# the one apt-get's python3-pyte is for)
set -u
want=${1:-build}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
missing=""

need_pkg() { missing="$missing $1"; }

command -v "$PKG_CONFIG" >/dev/null 2>&1 || need_pkg pkg-config
command -v "${CC%% *}" >/dev/null 2>&1 || need_pkg gcc
command -v make >/dev/null 2>&1 || need_pkg make
if command -v "$PKG_CONFIG" >/dev/null 2>&1; then
    "$PKG_CONFIG" --exists ncursesw 2>/dev/null || need_pkg libncurses-dev
    "$PKG_CONFIG" --exists libcjson 2>/dev/null || need_pkg libcjson-dev
    "$PKG_CONFIG" --exists libutf8proc 2>/dev/null || need_pkg libutf8proc-dev
    "$PKG_CONFIG" --exists nettle 2>/dev/null || need_pkg nettle-dev
    "$PKG_CONFIG" --exists libxxhash 2>/dev/null || need_pkg libxxhash-dev
else
    need_pkg libncurses-dev
    need_pkg libcjson-dev
    need_pkg libutf8proc-dev
    need_pkg nettle-dev
    need_pkg libxxhash-dev
fi
# msgfmt turns po/de.po into the German messages; xgettext checks them
command -v msgfmt >/dev/null 2>&1 || need_pkg gettext
# iniparser 4.1 ships no pkg-config file: look for its header.
if ! printf '#include <iniparser/iniparser.h>\n' | "$CC" -E -x c - >/dev/null 2>&1; then
    need_pkg libiniparser-dev
fi
if [ "$want" = check ]; then
    if command -v "$PKG_CONFIG" >/dev/null 2>&1; then
        "$PKG_CONFIG" --exists cmocka 2>/dev/null || need_pkg libcmocka-dev
    else
        need_pkg libcmocka-dev
    fi
    command -v tmux >/dev/null 2>&1 || need_pkg tmux
    command -v mandoc >/dev/null 2>&1 || need_pkg mandoc
    # approvals are signed and checked with OpenSSH's ssh-keygen -Y
    command -v ssh-keygen >/dev/null 2>&1 || need_pkg openssh-client
    # roff reports become PDF with groff (gropdf is in the full package);
    # the tests read the PDF back with pdftotext
    command -v gropdf >/dev/null 2>&1 || need_pkg groff
    command -v pdftotext >/dev/null 2>&1 || need_pkg poppler-utils
    # the ms report's tables (groff -t); approvals signed and checked in the tests
    command -v tbl >/dev/null 2>&1 || need_pkg groff-base
    # lists fetch downloads with the curl program (tests: a loopback server)
    command -v curl >/dev/null 2>&1 || need_pkg curl
    # a store shared through git (tests: a bare repository and two clones)
    command -v git >/dev/null 2>&1 || need_pkg git
fi

if [ "$want" = bench ]; then
    # bench/run.py: the terminal emulator that counts changed cells
    "${BENCH_PYTHON:-/usr/bin/python3}" -c 'import pyte' >/dev/null 2>&1 || need_pkg python3-pyte
    # the peers of the first frame
    command -v dialog >/dev/null 2>&1 || need_pkg dialog
    command -v whiptail >/dev/null 2>&1 || need_pkg whiptail
    # the key sequences of each TERM (tput), the ncurses version (infocmp)
    command -v tput >/dev/null 2>&1 || need_pkg ncurses-bin
    # bench/store_bench.c shares a store through git
    command -v git >/dev/null 2>&1 || need_pkg git
fi

if [ "$want" = hot ]; then
    # bench/hot.py: callgrind on a pseudo-terminal, with bench/run.py's pyte
    "${BENCH_PYTHON:-/usr/bin/python3}" -c 'import pyte' >/dev/null 2>&1 || need_pkg python3-pyte
    command -v valgrind >/dev/null 2>&1 || need_pkg valgrind
fi

[ -z "$missing" ] && exit 0

echo "coopcheck: missing build dependencies:$missing" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "coopcheck: installing them with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends $missing; then
        apt-get update && apt-get install -y --no-install-recommends $missing || {
            echo "coopcheck: apt-get could not install:$missing" >&2
            exit 1
        }
    fi
    exit 0
fi
echo "coopcheck: install them, then run make again:" >&2
echo "    sudo apt-get install$missing" >&2
exit 1
