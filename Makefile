# coopcheck — build, run, test, install.  See README.md.
#
#   make run      build, then open the program
#   make check    build, then run every test (unit, command line, end-to-end)
#
# Missing build dependencies are installed by scripts/deps.sh (apt-get as root,
# otherwise it prints the command to run).  User variables: CC, CFLAGS,
# CPPFLAGS, LDFLAGS, LDLIBS, PREFIX, DESTDIR, PKG_CONFIG, INIPARSER_CFLAGS,
# INIPARSER_LIBS.  Flags the code needs are kept apart from the user's.

VERSION    = 0.1.0
RELEASE_DATE = 2026-11-27
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
PKG_CONFIG ?= pkg-config
CFLAGS    ?= -O2 -g
BUILD     ?= build

# Extra link flags for one test program: WRAP_<program> is added to its link
# line.  -Wl,--wrap=SYM sends the calls other object files make to SYM to the
# test's __wrap_SYM (fault injection for I/O; see tests/test_fsio.c).
WRAP_test_fsio = -Wl,--wrap=write,--wrap=fsync,--wrap=renameat,--wrap=linkat,--wrap=close,--wrap=sync_file_range
WRAP_test_store = -Wl,--wrap=fsync
WRAP_test_crash = -Wl,--wrap=write,--wrap=fsync,--wrap=renameat,--wrap=renameat2,--wrap=linkat,--wrap=unlinkat,--wrap=mkdirat,--wrap=openat

INIPARSER_CFLAGS ?=
INIPARSER_LIBS   ?= -liniparser

# Only evaluated by the inner make, after scripts/deps.sh has run.
CJSON_CFLAGS   = $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
CJSON_LIBS     = $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null || echo -lcjson)
# utf8proc: Unicode normalisation and case folding for screening names.
UTF8PROC_CFLAGS = $(shell $(PKG_CONFIG) --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS  = $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)
# Nettle: SHA-256 with the processor's instructions (libcrypto costs 2 ms
# of start-up in its initialisation, more than an interface's first frame).
NETTLE_CFLAGS  = $(shell $(PKG_CONFIG) --cflags nettle 2>/dev/null)
NETTLE_LIBS    = $(shell $(PKG_CONFIG) --libs nettle 2>/dev/null || echo -lnettle)
# libxxhash: the 64-bit digest that tells whether a file is still the one
# saved.  Only its header is used: src/digest.c compiles it in (XXH_INLINE_ALL),
# so nothing links with libxxhash.so.
XXHASH_CFLAGS  = $(shell $(PKG_CONFIG) --cflags libxxhash 2>/dev/null)
CURSES_CFLAGS  = $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
CURSES_LIBS    = $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
CMOCKA_CFLAGS  = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS    = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

REQ_CPPFLAGS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -Iinclude \
               -DCC_VERSION='"$(VERSION)"' -DCC_RELEASE_DATE='"$(RELEASE_DATE)"' \
               -DCC_SYSTEM_DATADIR='"$(DATADIR)/coopcheck"' \
               -DCC_BUILD_CATALOGDIR='"$(CURDIR)/catalog"' \
               -DCC_BUILD_THEMEDIR='"$(CURDIR)/themes"' \
               -DCC_LOCALEDIR='"$(DATADIR)/locale"' \
               -DCC_BUILD_LOCALEDIR='"$(CURDIR)/$(BUILD)/locale"'
REQ_CFLAGS   = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
               -Wmissing-prototypes -Wformat=2 -Wvla -pthread
# A start's code side by side: every function in a section of its own
# (-ffunction-sections), and the link puts those of src/hot-functions first
# ($(HOT_LD), from the list).  The kernel maps the 64 KiB around each page
# fault of the program's file, so functions of a start spread over the whole
# program made all of its code resident (bench/README.md, "A start's code
# together").  Relocations packed (-z pack-relative-relocs, binutils 2.38 and
# glibc 2.36; left out where the linker lacks it): the loader reads 0.5 KiB of
# them, not 42.
REQ_CFLAGS  += -ffunction-sections
HOT_LD       = $(BUILD)/gen/hot.ld
RELR_LDFLAGS = $(shell printf 'int main(void) { return 0; }\n' | \
                   $(CC) -x c -o /dev/null -Wl,-z,pack-relative-relocs - 2>/dev/null && \
                   echo -Wl,-z,pack-relative-relocs)
ALL_CPPFLAGS = $(REQ_CPPFLAGS) $(CJSON_CFLAGS) $(UTF8PROC_CFLAGS) $(NETTLE_CFLAGS) $(XXHASH_CFLAGS) $(INIPARSER_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(REQ_CFLAGS) $(SAN_FLAGS) $(CFLAGS)
ALL_LDFLAGS  = $(SAN_FLAGS) $(LDFLAGS)

# The core (catalogue, model, storage, diff, export, config, CLI) never
# includes curses; only src/tui*.c does.  `make check` enforces it.
MAIN_SRC = src/main.c
TUI_SRC  = $(wildcard src/tui*.c)
CORE_SRC = $(filter-out $(MAIN_SRC) $(TUI_SRC),$(wildcard src/*.c))
CORE_OBJ = $(CORE_SRC:src/%.c=$(BUILD)/obj/%.o)
# The built-in theme (src/theme.c) is themes/default.ini compiled in as a C
# string, so the shipped file and the fallback never disagree.
CORE_OBJ += $(BUILD)/gen/theme_default.o
# The bundled catalogue, checked once here and compiled in with what it
# gives (src/catalog_blob.c): made by a program linked with the other core
# objects.
CORE_OBJ += $(BUILD)/gen/catalog_builtin.o
GEN_CORE_OBJ = $(filter-out $(BUILD)/gen/catalog_builtin.o,$(CORE_OBJ))
TUI_OBJ  = $(TUI_SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ = $(BUILD)/obj/main.o
CORE_LIB = $(BUILD)/libcoopcheck.a

TEST_SRC     = $(wildcard tests/test_*.c)
TEST_BIN     = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TESTLIB_SRC  = $(wildcard tests/support/*.c)
TESTLIB_OBJ  = $(TESTLIB_SRC:tests/support/%.c=$(BUILD)/tests/support/%.o)

PROG = $(if $(filter build,$(BUILD)),coopcheck,$(BUILD)/coopcheck)

# Objects are rebuilt when the flags change (e.g. PREFIX, which is compiled
# in as the system data directory), not only when the sources do.
FLAGS_STAMP = $(BUILD)/flags

# Manual pages: written by hand, except coopcheck-questions.7, which the
# program itself makes from the bundled catalogue (never written twice).
MAN_SRC = $(wildcard man/*.5)
# coopcheck(1) is man/coopcheck.1.in with the key tables of the program's key
# map put in at ".\" @KEYS@"; coopcheck-questions(7) is the catalogue's help.
MAN_GEN = $(BUILD)/man/coopcheck.1 $(BUILD)/man/coopcheck-questions.7
# The catalogue's help in German too, installed under man/de/.
MAN_GEN_DE = $(BUILD)/man/de/coopcheck-questions.7 $(BUILD)/man/de/coopcheck.1

# The program's own words in German: po/de.po (English msgids marked with
# _(), N_() and P_() in the sources, see include/i18n.h), compiled for the
# build tree; `make po` extracts the strings again and merges them into the
# .po files (scripts/po.sh), `make check` fails on any string without German.
PO_LANGS = de
LOCALE_MO = $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/coopcheck.mo)
PO_SRC = $(sort $(wildcard src/*.c src/*.h include/*.h))

.SECONDARY:

.PHONY: FORCE all run check check-asan check-clang deps deps-check install uninstall \
        clean build-prog build-tests run-tests golden lint lint-size lint-curses lint-man lint-po po bench \
        deps-bench hot-list lint-hot

all: deps
	@$(MAKE) --no-print-directory build-prog

deps:
	@sh scripts/deps.sh build

deps-check:
	@sh scripts/deps.sh check

run: all
	./coopcheck

check: deps-check
	@$(MAKE) --no-print-directory build-prog build-tests
	@$(MAKE) --no-print-directory lint-curses lint-man lint-po lint-hot
	@sh tests/run.sh "$(BUILD)" "$(CURDIR)/$(PROG)"

# Speed, memory and bytes sent to the terminal, printed as one table
# (bench/README.md): bench/run.py runs the core benchmark (bench/bench.c,
# linked with the core library like the tests, without cmocka), how well and
# how fast screening tells names apart (bench/screening_quality.c,
# bench/screening_speed.c), the stores at an institution's size
# (bench/store_bench.c) and the terminal interface on a pseudo-terminal
# beside dialog, whiptail and a bare ncurses program (bench/bare.c), and
# writes bench/results/latest.json.  A report, never a pass/fail test, and not
# part of `make check`.  The store of 10,000 cooperations is written once and
# kept in $(BUILD)/bench/fixtures.
BENCH_PYTHON ?= /usr/bin/python3
BENCH_BIN = $(BUILD)/bench/bench $(BUILD)/bench/screening_quality $(BUILD)/bench/screening_speed \
            $(BUILD)/bench/store_bench $(BUILD)/bench/bare
BENCH_DEPS = bench/benchrow.h $(CORE_LIB) $(wildcard include/*.h)

bench: deps-bench
	@$(MAKE) --no-print-directory build-prog $(BENCH_BIN)
	@$(BENCH_PYTHON) bench/run.py --prog ./$(PROG) --build $(BUILD) --results bench/results

deps-bench:
	@BENCH_PYTHON=$(BENCH_PYTHON) sh scripts/deps.sh bench

$(BUILD)/bench/screening_speed: bench/screening_speed.c $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) \
	    $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS) -lm

# The set-up of its stores skips fsync (bench/store_bench.c says why).
$(BUILD)/bench/store_bench: bench/store_bench.c $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -Wl,--wrap=fsync -o $@ $< $(CORE_LIB) \
	    $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS) -lm

$(BUILD)/bench/bench: bench/bench.c $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) \
	    $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS) -lm

# The peer of the first frame: draws a full screen with ncurses and waits for
# a key, built with the same flags as the program.
$(BUILD)/bench/bare: bench/bare.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CURSES_CFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
	    $(CURSES_LIBS) $(LDLIBS)

# How well names are matched (bench/screening_quality.c): the labelled pairs
# of bench/screening/pairs.tsv against tests/data/lists/aspi.json, read with
# the test support's fixture code (tests/support/screenfx.c, no cmocka).
$(BUILD)/bench/screening_quality: bench/screening_quality.c tests/support/screenfx.c \
        tests/support/screenfx.h $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/support $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ \
	    bench/screening_quality.c tests/support/screenfx.c $(CORE_LIB) \
	    $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS) -lm

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps-check
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS='-O1 -g' \
	    SAN_FLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    build-prog build-tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/run.sh build/asan "$(CURDIR)/build/asan/coopcheck"

# Warnings are errors with clang too.
check-clang: deps-check
	@$(MAKE) --no-print-directory BUILD=build/clang CC=clang build-prog build-tests
	@sh tests/run.sh build/clang "$(CURDIR)/build/clang/coopcheck"

build-prog: $(PROG) $(MAN_GEN) $(MAN_GEN_DE) $(LOCALE_MO)

$(BUILD)/locale/%/LC_MESSAGES/coopcheck.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check-format --check-domain -o $@.tmp $< && mv $@.tmp $@

# Extracts the marked strings into po/coopcheck.pot and merges them into each
# language's .po (new ones untranslated, vanished ones obsolete).
po:
	@sh scripts/po.sh update po $(PO_LANGS) -- $(PO_SRC)

# Every marked string has a translation in every language, none is fuzzy.
lint-po: | $(BUILD)
	@sh scripts/po.sh check $(BUILD) $(PO_LANGS) -- $(PO_SRC)

$(BUILD)/man/coopcheck-questions.7: $(PROG) catalog/bmbf-china-2024.json | $(BUILD)/man
	XDG_CONFIG_HOME=/nonexistent HOME=/nonexistent ./$(PROG) --lang en help --roff \
	    --catalog catalog/bmbf-china-2024.json > $@.tmp
	mv $@.tmp $@

$(BUILD)/man/de/coopcheck-questions.7: $(PROG) catalog/bmbf-china-2024.json $(LOCALE_MO) | $(BUILD)/man
	mkdir -p $(BUILD)/man/de
	XDG_CONFIG_HOME=/nonexistent HOME=/nonexistent ./$(PROG) --lang de help --roff \
	    --catalog catalog/bmbf-china-2024.json > $@.tmp
	mv $@.tmp $@

$(BUILD)/man/de/coopcheck.1: man/de/coopcheck.1.in $(PROG) $(LOCALE_MO) | $(BUILD)/man
	mkdir -p $(BUILD)/man/de
	XDG_CONFIG_HOME=/nonexistent HOME=/nonexistent ./$(PROG) --lang de help --keys --roff \
	    > $@.keys
	awk -v keys=$@.keys '/^\.\\" @KEYS@$$/ { while ((getline l < keys) > 0) print l; n++; next } \
	    { print } END { if (n != 1) exit 1 }' man/de/coopcheck.1.in > $@.tmp
	rm -f $@.keys
	mv $@.tmp $@

$(BUILD)/man/coopcheck.1: man/coopcheck.1.in $(PROG) | $(BUILD)/man
	XDG_CONFIG_HOME=/nonexistent HOME=/nonexistent ./$(PROG) --lang en help --keys --roff \
	    > $@.keys
	awk -v keys=$@.keys '/^\.\\" @KEYS@$$/ { while ((getline l < keys) > 0) print l; n++; next } \
	    { print } END { if (n != 1) exit 1 }' man/coopcheck.1.in > $@.tmp
	rm -f $@.keys
	mv $@.tmp $@

# Rewrites the golden files (reports, whole screens) from what the program
# does now; review `git diff tests/golden` before committing them.
# Every suite that compares with a file in tests/golden writes it anew.
GOLDEN_TESTS = test_export test_interview test_tui_officer test_tui_screen test_tui_screens
golden: build-prog build-tests
	@for t in $(GOLDEN_TESTS); do \
	    COOPCHECK_UPDATE_GOLDEN=1 COOPCHECK_BIN=$(CURDIR)/$(PROG) COOPCHECK_SRCDIR=$(CURDIR) \
	        $(BUILD)/tests/$$t || exit 1; done

# Files over 800 lines and functions over 80, the signs of something to
# split (STYLE.md); `make lint` runs it with the other checks.
lint-size:
	@sh scripts/size.sh src/*.c src/*.h include/*.h && echo "ok   no file over 800 lines, no function over 80"

lint: lint-size lint-curses lint-man lint-po lint-hot

# Every name in src/hot-functions is a function of src/ (XXH*: libxxhash's,
# which src/digest.c compiles in): a renamed one would silently lie with the
# rest of the code again.
lint-hot:
	@grep -ohE '\b[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\(' src/*.c | tr -d ' \t(' | sort -u | \
	  awk 'NR == FNR { have[$$0] = 1; next } \
	       /^#/ || /^$$/ || /^XXH/ { next } \
	       !($$0 in have) { printf "src/hot-functions:%d:1: %s is no function of src/ any more: run make hot-list (valgrind)\n", FNR, $$0; bad = 1 } \
	       END { exit bad }' - src/hot-functions && \
	  echo "ok   src/hot-functions names functions of src/"

# Every page must pass mandoc's lint without warnings.
lint-man: $(MAN_GEN) $(MAN_GEN_DE)
	@mandoc -Tlint -Wwarning $(MAN_SRC) $(MAN_GEN) $(MAN_GEN_DE) && echo "ok   man pages pass mandoc -Tlint"
	@# the German coopcheck(1) is a translation: the same sections, entries, paragraphs and examples
	@for m in SH SS TP PP EX; do \
	    en=$$(grep -c "^\.$$m\b" man/coopcheck.1.in); de=$$(grep -c "^\.$$m\b" man/de/coopcheck.1.in); \
	    if [ "$$en" != "$$de" ]; then \
	        echo "man/de/coopcheck.1.in has $$de .$$m lines, man/coopcheck.1.in $$en: translate the change"; \
	        exit 1; fi; done; echo "ok   man/de/coopcheck.1.in follows man/coopcheck.1.in"
build-tests: $(TEST_BIN)

$(PROG): $(MAIN_OBJ) $(TUI_OBJ) $(CORE_LIB) $(HOT_LD)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $$(test -s $(HOT_LD) && echo -Wl,-T,$(HOT_LD)) \
	    $(RELR_LDFLAGS) -o $@ \
	    $(MAIN_OBJ) $(TUI_OBJ) $(CORE_LIB) \
	    $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(CURSES_LIBS) $(LDLIBS)

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(BUILD)/obj/tui%.o: src/tui%.c $(wildcard include/*.h src/*.h) $(FLAGS_STAMP) | $(BUILD)/obj
	$(CC) $(ALL_CPPFLAGS) $(CURSES_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/main.o: src/main.c $(wildcard include/*.h src/*.h) $(FLAGS_STAMP) | $(BUILD)/obj
	$(CC) $(ALL_CPPFLAGS) $(CURSES_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: src/%.c $(wildcard include/*.h src/*.h) $(FLAGS_STAMP) | $(BUILD)/obj
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# Unit tests link the core library only: no curses.
$(BUILD)/tests/support/%.o: tests/support/%.c $(wildcard tests/support/*.h include/*.h) $(FLAGS_STAMP) | $(BUILD)/tests/support
	$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) -Itests/support $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(TESTLIB_OBJ) $(CORE_LIB) $(wildcard tests/support/*.h include/*.h) | $(BUILD)/tests
	$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) -Itests/support $(ALL_CFLAGS) $(ALL_LDFLAGS) \
	    $(WRAP_$(notdir $@)) -o $@ $< $(TESTLIB_OBJ) $(CORE_LIB) $(CMOCKA_LIBS) $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS)

# One string line per line of the file: CRs dropped; backslash, quote and "?"
# (no trigraphs under -std=c11) escaped.
$(BUILD)/gen/theme_default.c: themes/default.ini | $(BUILD)/gen
	{ echo '/* Generated from $< by the Makefile: do not edit. */'; \
	  echo 'extern const char theme_default_ini[];'; \
	  echo 'const char theme_default_ini[] ='; \
	  tr -d '\r' <$< | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' \
	      -e 's/^/    "/' -e 's/$$/\\n"/'; \
	  echo '    "";'; } >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/theme_default.o: $(BUILD)/gen/theme_default.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/catalog_builtin: scripts/catalog_builtin.c $(GEN_CORE_OBJ) $(wildcard include/*.h) | $(BUILD)/gen
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(GEN_CORE_OBJ) \
	    $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS)

$(BUILD)/gen/catalog_builtin.c: $(BUILD)/gen/catalog_builtin catalog/bmbf-china-2024.json
	@# kept when unchanged: a change of the core need not recompile the blob
	$(BUILD)/gen/catalog_builtin catalog/bmbf-china-2024.json >$@.tmp && \
	    if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/gen/catalog_builtin.o: $(BUILD)/gen/catalog_builtin.c include/catalog.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The linker's own script with the listed functions (and the C start-up's,
# which run first) put at the start of .text, and the bundled catalogue last
# in .rodata (its strings are read one by one when shown: small tables
# after it had a start map its last 64 KiB).  They stay in .text, where
# valgrind, gdb and perf look for the program's functions (a section of their
# own before it left them nameless under valgrind).  A linker that prints no
# script (lld) gets an empty file: the program is linked as it would be
# without the list.
$(HOT_LD): src/hot-functions Makefile $(FLAGS_STAMP) | $(BUILD)/gen
	@printf 'int main(void) { return 0; }\n' | \
	  $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(RELR_LDFLAGS) -x c -o $@.out - -Wl,--verbose 2>/dev/null | \
	  awk 'NR == FNR { if ($$0 !~ /^#/ && $$0 != "") hot[++n] = $$0; next } \
	       /^=====/ { inside = !inside; next } !inside { next } \
	       { r = "*(.rodata .rodata.* .gnu.linkonce.r.*)"; i = index($$0, r) } \
	       i { $$0 = substr($$0, 1, i - 1) "*(EXCLUDE_FILE (*catalog_builtin.o) .rodata " \
	           "EXCLUDE_FILE (*catalog_builtin.o) .rodata.* .gnu.linkonce.r.*) " \
	           "*catalog_builtin.o(.rodata .rodata.*)" substr($$0, i + length(r)) } \
	       { print } \
	       prev ~ /^[ \t]*\.text[ \t]*:[ \t]*$$/ && /^[ \t]*\{[ \t]*$$/ { \
	         print "    *crt1.o(.text .text.*) *crti.o(.text) *crtbegin*.o(.text)"; \
	         for (i = 1; i <= n; i++) \
	           printf "    *(.text.%s .text.%s.* .text.startup.%s)\n", hot[i], hot[i], hot[i]; \
	         done = 1 } \
	       { prev = $$0 } \
	       END { if (!done) exit 1 }' $< - >$@.tmp || : >$@.tmp
	@rm -f $@.out; mv $@.tmp $@

# src/hot-functions made again from the built program (valgrind, pyte:
# installed like make check's dependencies).
hot-list:
	@BENCH_PYTHON=$(BENCH_PYTHON) sh scripts/deps.sh hot
	@$(MAKE) --no-print-directory build-prog
	$(BENCH_PYTHON) bench/hot.py ./$(PROG) src/hot-functions

$(FLAGS_STAMP): FORCE | $(BUILD)/obj
	$(file >$@.new,$(CC) $(ALL_CPPFLAGS) $(CURSES_CFLAGS) $(ALL_CFLAGS))
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

FORCE:

$(BUILD) $(BUILD)/man $(BUILD)/obj $(BUILD)/tests $(BUILD)/tests/support $(BUILD)/gen:
	@mkdir -p $@

lint-curses:
	@bad=$$(grep -l -E '#[[:space:]]*include[[:space:]]*[<"]n?cursesw?[/.]|<curses\.h>|<ncurses' \
	    $(CORE_SRC) include/*.h tests/*.c tests/support/*.c 2>/dev/null); \
	if [ -n "$$bad" ]; then \
	    echo "curses included outside the TUI layer: $$bad" >&2; exit 1; fi

install: all
	install -d -m 755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/coopcheck/catalog \
	    $(DESTDIR)$(DATADIR)/coopcheck/themes
	install -m 755 coopcheck $(DESTDIR)$(BINDIR)/coopcheck
	install -m 644 catalog/*.json $(DESTDIR)$(DATADIR)/coopcheck/catalog/
	if ls themes/*.ini >/dev/null 2>&1; then \
	    install -m 644 themes/*.ini $(DESTDIR)$(DATADIR)/coopcheck/themes/; fi
	for p in $(MAN_SRC) $(MAN_GEN); do s=$${p##*.}; \
	    install -d -m 755 $(DESTDIR)$(MANDIR)/man$$s; \
	    install -m 644 $$p $(DESTDIR)$(MANDIR)/man$$s/; done
	for p in $(MAN_GEN_DE); do s=$${p##*.}; \
	    install -d -m 755 $(DESTDIR)$(MANDIR)/de/man$$s; \
	    install -m 644 $$p $(DESTDIR)$(MANDIR)/de/man$$s/; done
	for l in $(PO_LANGS); do \
	    install -d -m 755 $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES; \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/coopcheck.mo $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/coopcheck
	rm -rf $(DESTDIR)$(DATADIR)/coopcheck
	for p in $(MAN_SRC) $(MAN_GEN); do \
	    rm -f $(DESTDIR)$(MANDIR)/man$${p##*.}/$${p##*/}; done
	for p in $(MAN_GEN_DE); do \
	    rm -f $(DESTDIR)$(MANDIR)/de/man$${p##*.}/$${p##*/}; done
	for l in $(PO_LANGS); do rm -f $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/coopcheck.mo; done

clean:
	rm -rf build coopcheck

# ---- Fuzzing (fuzz/README.md) -------------------------------------------
# One libFuzzer target per parser of outside input: fuzz/fuzz_NAME.c, seeds in
# fuzz/corpus/NAME/.  `make fuzz` builds them with clang against a separate
# build of the core library in build/fuzz (ASan + UBSan + fuzzer coverage) and
# runs each for FUZZ_SECONDS over its seeds; new inputs and crash files go to
# build/fuzz/, never into the tree.  The corpora are replayed by `make check`
# (tests/test_fuzz_replay.c; with sanitizers under `make check-asan`).
FUZZ_NAMES   = $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 20
FUZZ_CC      ?= clang
FUZZ_SAN     = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer

.PHONY: fuzz fuzz-build fuzz-replay

fuzz: deps-check
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs $(FUZZ_CC) with libFuzzer (apt-get install clang)" >&2; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) CFLAGS='-O1 -g' \
	    SAN_FLAGS='$(FUZZ_SAN)' fuzz-build
	@sh fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

# Only with BUILD=build/fuzz and clang (as `make fuzz` calls it): -fsanitize=fuzzer
# adds libFuzzer's main().
fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/bin/fuzz_%)

$(BUILD)/bin/fuzz_%: fuzz/fuzz_%.c $(wildcard fuzz/*.h) $(CORE_LIB) $(wildcard include/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Ifuzz $(ALL_CFLAGS) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(CORE_LIB) $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS)

# Each target with fuzz/replay.c (a main() that runs the files it is given)
# and the normal compiler, no libFuzzer: $(BUILD)/fuzz/replay_NAME FILE...,
# for reproducing a crash file in a debugger.  Runs each over its seeds.
fuzz-replay: deps-check
	@$(MAKE) --no-print-directory $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
	@for n in $(FUZZ_NAMES); do \
	    $(BUILD)/fuzz/replay_$$n fuzz/corpus/$$n >/dev/null || exit 1; \
	    echo "ok   replay_$$n"; done

$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c $(wildcard fuzz/*.h) $(CORE_LIB) $(wildcard include/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Ifuzz $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ fuzz/replay.c $< \
	    $(CORE_LIB) $(CJSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS) $(INIPARSER_LIBS) $(LDLIBS)

# The replay in `make check`: every target compiled with its entry point
# renamed to fuzz_NAME_one and linked into tests/test_fuzz_replay (the
# WRAP_<program> hook above puts the objects on its link line).
FUZZ_REPLAY_OBJ = $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/%.o)
WRAP_test_fuzz_replay = $(FUZZ_REPLAY_OBJ)
$(BUILD)/tests/test_fuzz_replay: $(FUZZ_REPLAY_OBJ)

$(BUILD)/tests/fuzz/%.o: fuzz/fuzz_%.c $(wildcard fuzz/*.h include/*.h) $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Ifuzz $(ALL_CFLAGS) -DLLVMFuzzerTestOneInput=fuzz_$*_one -c -o $@ $<
