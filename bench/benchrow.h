/* benchrow.h — the machine-readable rows of the bench programs.
 *
 * Given --rows, each bench program prints, besides its own report, one line
 * per figure for bench/run.py, which collects them into the one table of
 * `make bench`:
 *
 *   ROW <TAB> group <TAB> name <TAB> value <TAB> unit <TAB> target <TAB> met <TAB> notes
 *
 * value is a number as printf's %.6g writes it (or "-" when there is none);
 * target says what the issue asks ("< 300 ms"), "-" when the row is only a
 * figure; met is "met", "NOT met" or "-".  No field holds a tab or a newline
 * (they are replaced by spaces).  Header only: every function is static
 * inline, so a program that uses only some of them still compiles with
 * -Wall -Wextra -Werror. */
#ifndef COOPCHECK_BENCHROW_H
#define COOPCHECK_BENCHROW_H

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Set by benchrow_args() when the program was given --rows. */
static int benchrow_on;

/* Removes --rows from argv (so that the program's own arguments keep their
 * positions) and remembers it; returns the new argc. */
static inline int benchrow_args(int argc, char **argv)
{
    int n = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rows") == 0)
            benchrow_on = 1;
        else
            argv[n++] = argv[i];
    }
    argv[n] = NULL;
    return n;
}

static inline void benchrow_field(const char *s)
{
    putchar('\t');
    for (; s && *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* One row; nothing when --rows was not given.  met < 0: no target. */
static inline void benchrow(const char *group, const char *name, double value, const char *unit,
                            const char *target, int met, const char *notes)
{
    char v[64];
    if (!benchrow_on)
        return;
    if (isnan(value))
        snprintf(v, sizeof(v), "-");
    else
        snprintf(v, sizeof(v), "%.6g", value);
    fputs("ROW", stdout);
    benchrow_field(group);
    benchrow_field(name);
    benchrow_field(v);
    benchrow_field(unit);
    benchrow_field(target && *target ? target : "-");
    benchrow_field(met < 0 ? "-" : met ? "met" : "NOT met");
    benchrow_field(notes ? notes : "");
    putchar('\n');
    fflush(stdout);
}

/* The exponent k of time ~ size^k: the least-squares slope of log(time)
 * against log(size) over n points (n >= 2; NAN otherwise). */
static inline double benchrow_growth(const double *size, const double *time, int n)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    if (n < 2)
        return NAN;
    for (int i = 0; i < n; i++) {
        double x = log(size[i]), y = log(time[i]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    if (n * sxx - sx * sx == 0)
        return NAN;
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

#endif
