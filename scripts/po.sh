#!/bin/sh
# The program's translations (see include/i18n.h).
#   scripts/po.sh update DIR LANG... -- SOURCES...   extract into DIR/coopcheck.pot
#                                                   and merge into po/LANG.po
#   scripts/po.sh check DIR LANG... -- SOURCES...    fail when a marked string has
#                                                   no translation or a fuzzy one
set -u
mode=$1 dir=$2
shift 2
langs=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do langs="$langs $1"; shift; done
shift
pot="$dir/coopcheck.pot"
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
mkdir -p "$dir"
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
    --add-comments=TRANSLATORS: --package-name=coopcheck --no-wrap --sort-by-file \
    --force-po -o "$pot" "$@" 2>"$log"
status=$?
# (xgettext asks for a bug-report address, which the project does not have)
grep -v -e 'msgid-bugs-address' -e 'Makevars' -e 'MSGID_BUGS_ADDRESS' -e '^ *specify an' \
    -e '^ *If you are using' "$log" >&2
[ "$status" -eq 0 ] || exit "$status"
for l in $langs; do
    po="po/$l.po"
    case $mode in
    update)
        msgmerge --quiet --update --backup=none --no-wrap "$po" "$pot" || exit 1
        ;;
    check)
        msgcmp "$po" "$pot" || { echo "$po lacks strings: run 'make po' and translate them" >&2; exit 1; }
        stats=$(LC_ALL=C msgfmt --check-format --check-domain --statistics -o /dev/null "$po" 2>&1) || {
            echo "$stats" >&2; exit 1; }
        case $stats in
        *untranslated*|*fuzzy*) echo "$po: $stats" >&2; exit 1 ;;
        esac
        echo "ok   $po: $stats"
        ;;
    esac
done
