/* fuzz.h — shared by the fuzz targets in fuzz/fuzz_*.c.
 *
 * Every target defines the libFuzzer entry point declared below.  For the
 * regression replay in `make check` (tests/test_fuzz_replay.c) each target is
 * compiled with -DLLVMFuzzerTestOneInput=fuzz_NAME_one, which renames the
 * declaration and the definition alike, so that all targets link into one
 * program.
 *
 * Rules for a target: never print, free everything it allocates (LeakSanitizer
 * runs at exit), and be deterministic: the same input always takes the same
 * path.  A broken invariant calls FZ_CHECK, which aborts: a finding. */
#ifndef COOPCHECK_FUZZ_H
#define COOPCHECK_FUZZ_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant of the code under test: abort, so that libFuzzer (and
 * the replay test) report it with a stack trace. */
#define FZ_CHECK(cond) \
    do { \
        if (!(cond)) \
            abort(); \
    } while (0)

/* data[0..size) as a NUL-terminated string (C-string APIs see it up to the
 * first NUL byte).  Caller frees. */
static inline char *fz_str(const uint8_t *data, size_t size)
{
    char *s = xmalloc(size + 1);
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* The program runs in a UTF-8 locale (main calls setlocale): widths depend on
 * it, so the targets that measure text use C.UTF-8, set once. */
static inline void fz_utf8_locale(void)
{
    static int done;
    if (!done) {
        if (!setlocale(LC_ALL, "C.UTF-8"))
            setlocale(LC_ALL, "C.utf8");
        done = 1;
    }
}

#endif
