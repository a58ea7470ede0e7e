/* bench.c — `make bench`: how fast and how big the core library is.
 *
 * A report, never a test: it prints a table of timings (median and minimum of
 * a few runs, CLOCK_MONOTONIC) and the peak resident set size, and exits 0
 * unless an operation fails.
 *
 *   1. afile_format, store_save and store_load of one assessment whose text
 *      fields (all of them, in every question) hold 1, 16, 64 and 256 KiB
 *      (TEXT_ANSWER_MAX) each;
 *   2. word_diff of a long text against a copy with ~1% of its words changed
 *      (1k to 160k words), and of two texts with no word in common (256 KiB,
 *      1 MiB and 4 MiB: the worst case, with its time and memory);
 *   3. assessment_diff of two such assessments;
 *   4. store_snapshot with 1, 10 and 100 snapshots already taken;
 *   5. what 'coopcheck list' does (store_coops, then store_load_ro,
 *      store_snapshots and store_due for each) for 1 to 1000 cooperations;
 *   6. store_verify of a cooperation with 10, 40 and 160 snapshots;
 *   7. how each of load, save, list, word diff and verify grows: the exponent
 *      k of time ~ size^k, fitted over the sizes above.
 *
 * With --rows it also prints the machine-readable rows of benchrow.h for
 * bench/run.py (`make bench`), with the targets of issue 15 where it has
 * them (the word diff of texts with nothing in common).
 *
 * Everything is written to a private directory under $TMPDIR (else /tmp),
 * removed at the end.  The catalogue is the real one: argv[1], else the
 * build tree's catalog/bmbf-china-2024.json.  Files are read from a warm page
 * cache; every save and snapshot includes the fsync calls of src/fsio.c, so
 * those rows depend on the disk under $TMPDIR. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "benchrow.h"
#include "catalog.h"
#include "cctime.h"
#include "diff.h"
#include "fsio.h"
#include "model.h"
#include "store.h"
#include "util.h"

#ifndef CC_BUILD_CATALOGDIR
#define CC_BUILD_CATALOGDIR "catalog"
#endif

#define REPS 5          /* runs per measurement */
#define REPS_SLOW 3     /* for the measurements that take about a second */
#define WHO "bench"
#define NOW "2026-11-27T03:45:21Z"

static const struct catalog *cat;
static struct catalog_set cats;
static char *tmpdir;

/* ---- helpers --------------------------------------------------------------- */

static void die(const char *what, const struct cc_err *err)
{
    fprintf(stderr, "bench: %s failed: %s\n", what, err ? err->msg : "");
    exit(1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* "123 us", "4.56 ms", "1.23 s" */
static const char *fmt_time(double s, char buf[32])
{
    if (s < 1e-3)
        snprintf(buf, 32, "%.1f us", s * 1e6);
    else if (s < 1.0)
        snprintf(buf, 32, "%.2f ms", s * 1e3);
    else
        snprintf(buf, 32, "%.2f s", s);
    return buf;
}

static const char *fmt_size(double bytes, char buf[32])
{
    if (bytes < 1024)
        snprintf(buf, 32, "%.0f B", bytes);
    else if (bytes < 1024.0 * 1024)
        snprintf(buf, 32, "%.1f KiB", bytes / 1024);
    else
        snprintf(buf, 32, "%.1f MiB", bytes / (1024.0 * 1024));
    return buf;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;   /* KiB on Linux */
}

static void heading(const char *title)
{
    printf("\n%s\n", title);
    printf("  %-30s %-16s %10s %10s  %s\n", "operation", "input", "median", "min", "notes");
}

/* One table row from n timings (sorted here); returns the median. */
static double row(const char *op, const char *input, double *t, int n, const char *notes)
{
    char med[32], min[32];
    qsort(t, (size_t)n, sizeof(*t), cmp_double);
    printf("  %-30s %-16s %10s %10s  %s\n", op, input, fmt_time(t[n / 2], med),
           fmt_time(t[0], min), notes ? notes : "");
    fflush(stdout);
    return t[n / 2];
}

/* The same figure as a row of benchrow.h (in ms), without a target. */
static void row_ms(const char *group, const char *op, const char *input, double s,
                   const char *notes)
{
    char name[128];
    snprintf(name, sizeof(name), "%s, %s", op, input);
    benchrow(group, name, s * 1e3, "ms", NULL, -1, notes);
}

/* The growth exponent of what was timed at n sizes, as a row. */
static void row_growth(const char *what, const double *size, const double *t, int n,
                       const char *sizes)
{
    char name[128], notes[160];
    double k = benchrow_growth(size, t, n);
    snprintf(name, sizeof(name), "growth of %s: k in time ~ size^k", what);
    snprintf(notes, sizeof(notes), "least squares over %d sizes: %s (1 = linear)", n, sizes);
    printf("  growth of %s: time ~ size^%.2f over %s\n", what, k, sizes);
    benchrow("growth", name, k, "", NULL, -1, notes);
}

static void rss_line(void)
{
    char b[32];
    printf("  (peak RSS so far: %s)\n", fmt_size((double)peak_rss_kib() * 1024, b));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path);
    return unlink(path);
}

static void cleanup(void)
{
    if (tmpdir) {
        nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
        free(tmpdir);
        tmpdir = NULL;
    }
}

/* ---- text ------------------------------------------------------------------ */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rnd(void)
{
    /* xorshift64*: deterministic, so every run measures the same texts */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1du) >> 32);
}

static const char *const syll[] = { "ko", "op", "er", "a", "ti", "on", "for", "schung",
                                    "part", "ner", "ex", "port", "kon", "trol", "le", "da",
                                    "ten", "si", "cher", "heit", "wis", "sen", "re", "ü",
                                    "ber", "prü", "fung", "in", "sti", "tut", "pro", "jekt" };

/* A word of 1 to 4 syllables (a vocabulary of about a million words, most
 * text uses a few thousand of them, as prose does). */
static void add_word(struct sbuf *sb)
{
    int n = 1 + (int)(rnd() % 4);
    for (int i = 0; i < n; i++)
        sbuf_adds(sb, syll[rnd() % CC_ARRAY_LEN(syll)]);
}

/* Words separated by spaces, a line break every ~12 words and a blank line
 * every ~80: exactly bytes long when bytes > 0 (padded with 'x'), else
 * nwords words. */
static char *make_text(size_t bytes, size_t nwords)
{
    struct sbuf sb;
    size_t w = 0;
    sbuf_init(&sb);
    for (;;) {
        size_t before = sb.len;
        if (w) {
            uint32_t r = rnd() % 80;
            sbuf_adds(&sb, r == 0 ? "\n\n" : r < 7 ? "\n" : " ");
        }
        add_word(&sb);
        w++;
        if (bytes && sb.len >= bytes) {
            sb.len = before;     /* the last word did not fit: pad instead */
            while (sb.len < bytes)
                sb.buf[sb.len++] = 'x';
            sb.buf[sb.len] = '\0';
            break;
        }
        if (!bytes && w == nwords)
            break;
    }
    return sbuf_detach(&sb, NULL);
}

/* A copy of s with about one word in 100 changed (written in capitals).  The
 * number of words changed is added to *changed. */
static char *mutate(const char *s, size_t *changed)
{
    struct sbuf sb;
    sbuf_init(&sb);
    while (*s) {
        size_t n = strcspn(s, " \n");
        size_t at = sb.len;
        sbuf_add(&sb, s, n);
        if (n && rnd() % 100 == 0) {
            /* the same word in capitals: another token of the same length,
             * so that a full field stays within TEXT_ANSWER_MAX */
            int diff = 0;
            for (size_t i = at; i < sb.len; i++)
                if (sb.buf[i] >= 'a' && sb.buf[i] <= 'z') {
                    sb.buf[i] = (char)(sb.buf[i] - 'a' + 'A');
                    diff = 1;
                }
            if (diff && changed)
                (*changed)++;
        }
        s += n;
        n = strspn(s, " \n");
        sbuf_add(&sb, s, n);
        s += n;
    }
    return sbuf_detach(&sb, NULL);
}

/* ---- assessments ----------------------------------------------------------- */

/* A new assessment of cooperation id: every yes/no field "yes", every text
 * field bytes long (no text when bytes is 0). */
static struct assessment *make_assessment(const char *id, size_t bytes)
{
    struct coop meta;
    struct assessment *a;
    struct cc_err err;
    memset(&meta, 0, sizeof(meta));
    meta.id = (char *)id;
    meta.title = (char *)"Benchmark cooperation";
    meta.interval_months = 12;
    strlist_push(&meta.partners, "Harbin Institute of Technology");
    a = assessment_new(cat, &meta, WHO, NOW);
    strlist_release(&meta.partners);
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        for (size_t fi = 0; fi < q->nfields; fi++) {
            if (q->fields[fi].type == FIELD_YESNO) {
                if (assessment_set_yesno(a, qi, fi, YN_YES, WHO, NOW, &err) != 0)
                    die("assessment_set_yesno", &err);
            } else if (bytes) {
                char *text = make_text(bytes, 0);
                if (assessment_set_text(a, qi, fi, text, WHO, NOW, &err) != 0)
                    die("assessment_set_text", &err);
                free(text);
            }
        }
    }
    return a;
}

/* A copy of a (through the file format) with ~1% of the words of every text
 * field changed. */
static struct assessment *mutate_assessment(const struct assessment *a, size_t *changed)
{
    char *text = afile_format(a);
    struct assessment *b;
    struct cc_err err;
    if (afile_parse(text, strlen(text), "copy", &cats, &b, &err) != 0)
        die("afile_parse", &err);
    free(text);
    for (size_t qi = 0; qi < cat->nquestions; qi++)
        for (size_t fi = 0; fi < b->q[qi].nf; fi++) {
            char *m;
            if (!b->q[qi].f[fi].text)
                continue;
            m = mutate(b->q[qi].f[fi].text, changed);
            if (assessment_set_text(b, qi, fi, m, WHO, "2027-11-27T03:45:21Z", &err) != 0)
                die("assessment_set_text", &err);
            free(m);
        }
    return b;
}

static size_t text_fields(void)
{
    size_t n = 0;
    for (size_t qi = 0; qi < cat->nquestions; qi++)
        for (size_t fi = 0; fi < cat->questions[qi].nfields; fi++)
            n += cat->questions[qi].fields[fi].type == FIELD_TEXT;
    return n;
}

static const size_t field_sizes[] = { 1024, 16 * 1024, 64 * 1024, TEXT_ANSWER_MAX };

static const char *size_name(size_t bytes, char buf[32])
{
    snprintf(buf, 32, "%zu KiB/field", bytes / 1024);
    return buf;
}

/* ---- 0. the catalogue ------------------------------------------------------ */

static void bench_catalog(const char *path)
{
    double t[REPS];
    struct cc_err err;
    struct catalog *c = NULL;
    char notes[160];
    heading("Catalogue (every command loads it first)");
    for (int r = 0; r < REPS; r++) {
        double t0 = now_s();
        if (catalog_load_file(path, &c, NULL, &err) != 0)
            die("catalog_load_file", &err);
        t[r] = now_s() - t0;
        if (r < REPS - 1)
            catalog_free(c);
    }
    cat = c;
    snprintf(notes, sizeof(notes), "%zu questions, %zu text fields", c->nquestions, text_fields());
    row_ms("core", "catalog_load_file", "bmbf-china-2024",
           row("catalog_load_file", "bmbf-china-2024", t, REPS, notes), notes);
    cats.v = xmalloc(sizeof(*cats.v));
    cats.v[0] = c;
    cats.n = 1;
}

/* ---- 1. load, save, format ------------------------------------------------- */

static void bench_files(const char *data)
{
    double fsize[CC_ARRAY_LEN(field_sizes)], tsave[CC_ARRAY_LEN(field_sizes)],
           tload[CC_ARRAY_LEN(field_sizes)];
    heading("Assessment files: every text field of all questions filled");
    for (size_t k = 0; k < CC_ARRAY_LEN(field_sizes); k++) {
        double tf[REPS], ts[REPS], tl[REPS];
        char id[32], in[32], notes[64], sz[32];
        struct assessment *a, *b = NULL;
        struct cc_err err;
        size_t len = 0;
        snprintf(id, sizeof(id), "size-%zuk", field_sizes[k] / 1024);
        a = make_assessment(id, field_sizes[k]);
        if (store_create(data, a, &err) != 0)
            die("store_create", &err);
        for (int r = 0; r < REPS; r++) {
            double t0 = now_s();
            char *text = afile_format(a);
            tf[r] = now_s() - t0;
            len = strlen(text);
            free(text);
        }
        for (int r = 0; r < REPS; r++) {
            double t0 = now_s();
            if (store_save(data, a, &err) != 0)
                die("store_save", &err);
            ts[r] = now_s() - t0;
        }
        for (int r = 0; r < REPS; r++) {
            double t0 = now_s();
            if (store_load(data, id, &cats, &b, &err) != 0)
                die("store_load", &err);
            tl[r] = now_s() - t0;
            assessment_free(b);
        }
        size_name(field_sizes[k], in);
        snprintf(notes, sizeof(notes), "file %s", fmt_size((double)len, sz));
        row_ms("core", "format (afile_format)", in, row("format (afile_format)", in, tf, REPS, notes),
               notes);
        tsave[k] = row("save (store_save)", in, ts, REPS, "check + format + atomic write, fsync");
        row_ms("core", "save (store_save)", in, tsave[k], notes);
        tload[k] = row("load (store_load)", in, tl, REPS, "read + parse + validate + hash");
        row_ms("core", "load (store_load)", in, tload[k], notes);
        fsize[k] = (double)len;
        assessment_free(a);
    }
    {
        char sizes[96], a[32], b[32];
        snprintf(sizes, sizeof(sizes), "files of %s to %s", fmt_size(fsize[0], a),
                 fmt_size(fsize[CC_ARRAY_LEN(field_sizes) - 1], b));
        row_growth("load (store_load)", fsize, tload, (int)CC_ARRAY_LEN(field_sizes), sizes);
        row_growth("save (store_save)", fsize, tsave, (int)CC_ARRAY_LEN(field_sizes), sizes);
    }
    rss_line();
}

/* ---- 2. word diff ---------------------------------------------------------- */

static void bench_word_diff(void)
{
    static const size_t words[] = { 1000, 10000, 40000, 160000 };
    double len[CC_ARRAY_LEN(words)], med[CC_ARRAY_LEN(words)];
    heading("Word diff of a long text against a copy with ~1% of its words changed");
    for (size_t k = 0; k < CC_ARRAY_LEN(words); k++) {
        char *a = make_text(0, words[k]), *b;
        size_t changed = 0, pieces = 0;
        double t[REPS];
        char in[32], notes[96];
        b = mutate(a, &changed);
        for (int r = 0; r < REPS; r++) {
            struct word_diff d;
            double t0 = now_s();
            word_diff(a, b, &d);
            t[r] = now_s() - t0;
            pieces = d.n;
            word_diff_release(&d);
        }
        snprintf(in, sizeof(in), "%zuk words", words[k] / 1000);
        snprintf(notes, sizeof(notes), "%zu KiB, %zu words changed, %zu pieces", strlen(a) / 1024,
                 changed, pieces);
        med[k] = row("word_diff", in, t, REPS, notes);
        row_ms("diff", "word diff, 1% of the words changed", in, med[k], notes);
        len[k] = (double)strlen(a);
        free(a);
        free(b);
    }
    row_growth("word diff, 1% of the words changed", len, med, (int)CC_ARRAY_LEN(words),
               "1k to 160k words");
    rss_line();
}

/* A "Name:   123 kB" line of /proc/self/status in KiB; 0 when missing. */
static long status_kib(const char *name)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = 0;
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, name, strlen(name)) == 0)
            v = atol(line + strlen(name));
    if (f)
        fclose(f);
    return v;
}

static void die_errno(const char *what)
{
    fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* The rows of one size of the worst-case diff, with the targets of issue 15:
 * 1 MiB under 200 ms and 50 MB, 4 MiB under 1 s. */
static void disjoint_rows(size_t bytes, double s, long peak_kib)
{
    char name[96], in[32];
    double mb = (double)peak_kib * 1024 / 1e6;
    fmt_size((double)bytes, in);
    snprintf(name, sizeof(name), "word diff, nothing in common, %s: time", in);
    if (bytes == 1u << 20)
        benchrow("diff", name, s * 1e3, "ms", "< 200 ms", s < 0.2, "median of 3, each in a child");
    else if (bytes == 4u << 20)
        benchrow("diff", name, s * 1e3, "ms", "< 1000 ms", s < 1.0, "median of 3, each in a child");
    else
        benchrow("diff", name, s * 1e3, "ms", NULL, -1, "median of 3, each in a child");
    snprintf(name, sizeof(name), "word diff, nothing in common, %s: memory", in);
    benchrow("diff", name, mb, "MB", bytes == 1u << 20 ? "< 50 MB" : NULL,
             bytes == 1u << 20 ? mb < 50 : -1, "VmHWM - VmRSS of the child, largest of 3 runs");
}

/* Two texts of about bytes each with no word in common (the second is the
 * first with every word upper-cased): the worst case of a word diff.  Each
 * run in a child of its own, so that its peak memory is its alone. */
static void bench_word_diff_disjoint(void)
{
    static const size_t sizes[] = { 256u << 10, 1u << 20, 4u << 20 };
    double len[CC_ARRAY_LEN(sizes)], med[CC_ARRAY_LEN(sizes)];
    heading("Word diff of two texts with no word in common (target: 1 MiB < 200 ms and < 50 MB, "
            "4 MiB < 1 s)");
    for (size_t k = 0; k < CC_ARRAY_LEN(sizes); k++) {
        char *a = make_text(sizes[k], 0), *b = xstrdup(a), in[32], notes[128], mem[32];
        double t[REPS_SLOW];
        long peak = 0;
        for (char *p = b; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
        for (int r = 0; r < REPS_SLOW; r++) {
            int fd[2], st;
            long grew = 0;
            double t0;
            pid_t pid;
            if (pipe(fd) != 0)
                die_errno("pipe");
            t0 = now_s();
            if ((pid = fork()) == 0) {
                /* what the diff adds to the resident memory at its peak */
                long before = status_kib("VmRSS:"), after;
                struct word_diff d;
                word_diff(a, b, &d);
                word_diff_release(&d);
                after = status_kib("VmHWM:");
                if (write(fd[1], &(long){ after - before }, sizeof(long)) != (ssize_t)sizeof(long))
                    _exit(1);
                _exit(0);
            }
            close(fd[1]);
            if (read(fd[0], &grew, sizeof(grew)) != (ssize_t)sizeof(grew))
                grew = -1;
            close(fd[0]);
            waitpid(pid, &st, 0);
            t[r] = now_s() - t0;
            if (grew > peak)
                peak = grew;
        }
        snprintf(in, sizeof(in), "%s", fmt_size((double)strlen(a), mem));
        snprintf(notes, sizeof(notes), "%s more resident memory at the peak (VmHWM - VmRSS)",
                 fmt_size((double)peak * 1024, mem));
        med[k] = row("word_diff", in, t, REPS_SLOW, notes);
        len[k] = (double)strlen(a);
        disjoint_rows(sizes[k], med[k], peak);
        free(a);
        free(b);
    }
    row_growth("word diff, nothing in common", len, med, (int)CC_ARRAY_LEN(sizes),
               "256 KiB to 4 MiB");
}

/* ---- 3. assessment diff ---------------------------------------------------- */

static void bench_assessment_diff(void)
{
    heading("assessment_diff: every text field changed in ~1% of its words");
    for (size_t k = 0; k < CC_ARRAY_LEN(field_sizes); k++) {
        struct assessment *a = make_assessment("diff", field_sizes[k]), *b;
        size_t changed = 0, nchanged = 0;
        int reps = field_sizes[k] > 64 * 1024 ? REPS_SLOW : REPS;
        double t[REPS];
        char in[32], notes[96];
        b = mutate_assessment(a, &changed);
        for (int r = 0; r < reps; r++) {
            struct assessment_diff d;
            struct cc_err err;
            double t0 = now_s();
            if (assessment_diff(a, b, &d, &err) != 0)
                die("assessment_diff", &err);
            t[r] = now_s() - t0;
            nchanged = d.sum.changed;
            assessment_diff_release(&d);
        }
        size_name(field_sizes[k], in);
        snprintf(notes, sizeof(notes), "%zu words changed, %zu questions differ", changed,
                 nchanged);
        row_ms("diff", "assessment_diff, 1% of the words changed", in,
               row("assessment_diff", in, t, reps, notes), notes);
        assessment_free(a);
        assessment_free(b);
    }
    rss_line();
}

/* ---- 4. snapshots ---------------------------------------------------------- */

/* Times store_snapshot with exactly `have` snapshots present: each timed
 * snapshot is removed again.  same_second: every snapshot is taken at the
 * same time (the name then needs a "-N" suffix). */
static void bench_snapshots(const char *data, int same_second)
{
    static const int counts[] = { 1, 10, 100 };
    const char *id = same_second ? "snap-burst" : "snap";
    struct assessment *a = make_assessment(id, 1024);
    struct cc_err err;
    time_t t0;
    int have = 0;
    char notes[96];
    if (store_create(data, a, &err) != 0)
        die("store_create", &err);
    cc_parse_iso_utc(NOW, &t0);
    for (size_t k = 0; k < CC_ARRAY_LEN(counts); k++) {
        double t[REPS];
        char in[32];
        while (have < counts[k]) {
            char when[CC_ISO_LEN], *name;
            cc_iso_utc(same_second ? t0 : t0 + have, when);
            if (store_snapshot(data, a, "bench", 1, WHO, when, &name, &err) != 0)
                die("store_snapshot", &err);
            free(name);
            have++;
        }
        for (int r = 0; r < REPS; r++) {
            char when[CC_ISO_LEN], *name, *path;
            double s;
            cc_iso_utc(same_second ? t0 : t0 + have + r, when);
            s = now_s();
            if (store_snapshot(data, a, "bench", 1, WHO, when, &name, &err) != 0)
                die("store_snapshot", &err);
            t[r] = now_s() - s;
            path = xasprintf("%s/%s/snapshots/%s.json", data, id, name);
            unlink(path);
            free(path);
            free(name);
        }
        snprintf(in, sizeof(in), "%d existing", counts[k]);
        snprintf(notes, sizeof(notes), "%s", same_second ?
                 "all in the same second: one afile_format per name tried" :
                 "1 KiB/field; check, write, fsync, save next round");
        row_ms("core", same_second ? "store_snapshot (same second)" : "store_snapshot", in,
               row(same_second ? "store_snapshot (same second)" : "store_snapshot", in, t, REPS,
                   notes), notes);
    }
    assessment_free(a);
}

/* ---- 5. listing ------------------------------------------------------------ */

/* What 'coopcheck list' does, without printing (it loads read-only: no hash). */
static size_t list_coops(const char *data)
{
    struct strlist ids = { 0 };
    struct cc_err err;
    size_t answered = 0;
    if (store_coops(data, &ids, &err) != 0)
        die("store_coops", &err);
    for (size_t i = 0; i < ids.n; i++) {
        struct assessment *a;
        struct strlist snaps = { 0 };
        struct store_due d;
        if (store_load_ro(data, ids.v[i], &cats, &a, &err) != 0)
            die("store_load_ro", &err);
        if (store_snapshots(data, ids.v[i], &snaps, &err) != 0)
            die("store_snapshots", &err);
        store_due(a, &d);
        answered += assessment_answered(a);
        strlist_release(&snaps);
        assessment_free(a);
    }
    strlist_release(&ids);
    return answered;
}

static void write_plain(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
        fprintf(stderr, "bench: cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

static void bench_list(const char *base)
{
    static const int counts[] = { 1, 10, 100, 1000 };
    double n[CC_ARRAY_LEN(counts)], med[CC_ARRAY_LEN(counts)];
    struct assessment *a = make_assessment("x", 1024);
    heading("Listing ('coopcheck list': store_coops, then load, snapshots, due of each)");
    for (size_t k = 0; k < CC_ARRAY_LEN(counts); k++) {
        char *data = xasprintf("%s/list-%d", base, counts[k]), per[32], notes[96];
        double t[REPS];
        struct cc_err err;
        size_t fsize = 0;
        if (fs_mkdir_p(data, &err) != 0)
            die("fs_mkdir_p", &err);
        /* set-up without fsync: the files are what store_create writes */
        for (int i = 0; i < counts[k]; i++) {
            char *dir, *path, *text, id[32];
            snprintf(id, sizeof(id), "coop-%04d", i);
            free(a->coop.id);
            a->coop.id = xstrdup(id);
            dir = fs_join(data, id);
            path = fs_join(dir, "assessment.json");
            if (mkdir(dir, 0700) != 0) {
                fprintf(stderr, "bench: cannot create %s: %s\n", dir, strerror(errno));
                exit(1);
            }
            text = afile_format(a);
            fsize = strlen(text);
            write_plain(path, text);
            free(text);
            free(path);
            free(dir);
        }
        for (int r = 0; r < REPS; r++) {
            double t0 = now_s();
            list_coops(data);
            t[r] = now_s() - t0;
        }
        {
            char in[32], sz[32];
            double sorted[REPS];
            memcpy(sorted, t, sizeof(t));
            qsort(sorted, REPS, sizeof(*sorted), cmp_double);
            snprintf(in, sizeof(in), "%d coop%s", counts[k], counts[k] == 1 ? "" : "s");
            snprintf(notes, sizeof(notes), "%s per cooperation; files of %s",
                     fmt_time(sorted[REPS / 2] / counts[k], per), fmt_size((double)fsize, sz));
            med[k] = row("list", in, t, REPS, notes);
            n[k] = counts[k];
            row_ms("core", "list (core: store_coops, load, snapshots, due)", in, med[k], notes);
        }
        free(data);
    }
    /* from 10 on: a single cooperation is all fixed costs */
    row_growth("list (core)", n + 1, med + 1, (int)CC_ARRAY_LEN(counts) - 1,
               "10 to 1000 cooperations");
    assessment_free(a);
    rss_line();
}

/* ---- 6. verify ------------------------------------------------------------- */

/* store_verify of one cooperation with 10, 40 and 160 snapshots (1 KiB in
 * every text field), each count reached by taking more snapshots. */
static void bench_verify(const char *data)
{
    static const int counts[] = { 10, 40, 160 };
    double n[CC_ARRAY_LEN(counts)], med[CC_ARRAY_LEN(counts)];
    struct assessment *a = make_assessment("verify", 1024);
    struct cc_err err;
    time_t t0;
    int have = 0;
    heading("Verify (store_verify: the chain of snapshots and their SHA-256)");
    if (store_create(data, a, &err) != 0)
        die("store_create", &err);
    cc_parse_iso_utc(NOW, &t0);
    for (size_t k = 0; k < CC_ARRAY_LEN(counts); k++) {
        double t[REPS];
        char in[32];
        size_t nsnap = 0;
        while (have < counts[k]) {
            char when[CC_ISO_LEN], *name;
            cc_iso_utc(t0 + have, when);
            if (store_snapshot(data, a, "bench", 1, WHO, when, &name, &err) != 0)
                die("store_snapshot", &err);
            free(name);
            have++;
        }
        for (int r = 0; r < REPS; r++) {
            struct strlist problems = { 0 }, notes = { 0 };
            double s = now_s();
            if (store_verify(data, "verify", &cats, &problems, &notes, &nsnap, &err) != 0)
                die("store_verify", &err);
            t[r] = now_s() - s;
            if (problems.n) {
                fprintf(stderr, "bench: store_verify found problems: %s\n", problems.v[0]);
                exit(1);
            }
            strlist_release(&problems);
            strlist_release(&notes);
        }
        snprintf(in, sizeof(in), "%d snapshots", counts[k]);
        med[k] = row("store_verify", in, t, REPS, "1 KiB/field");
        n[k] = counts[k];
        row_ms("core", "verify (store_verify)", in, med[k], "1 KiB/field");
    }
    row_growth("verify (store_verify)", n, med, (int)CC_ARRAY_LEN(counts), "10 to 160 snapshots");
    assessment_free(a);
}

/* ---- main ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *catpath, *tmp = getenv("TMPDIR");
    char *data, sz[32];
    struct cc_err err;
    double t0 = now_s();

    argc = benchrow_args(argc, argv);
    catpath = argc > 1 ? argv[1] : CC_BUILD_CATALOGDIR "/bmbf-china-2024.json";

    setvbuf(stdout, NULL, _IOLBF, 0);
    tmpdir = xasprintf("%s/coopcheck-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "bench: cannot create a directory in %s: %s\n",
                tmp && *tmp ? tmp : "/tmp", strerror(errno));
        return 1;
    }
    atexit(cleanup);
    data = fs_join(tmpdir, "data");
    if (fs_mkdir_p(data, &err) != 0)
        die("fs_mkdir_p", &err);

    printf("coopcheck core benchmark (median and min of %d runs; data in %s)\n", REPS, tmpdir);
    bench_catalog(catpath);
    bench_files(data);
    bench_word_diff();
    bench_word_diff_disjoint();
    bench_assessment_diff();
    heading("Snapshots");
    bench_snapshots(data, 0);
    bench_snapshots(data, 1);
    rss_line();
    bench_list(tmpdir);
    bench_verify(data);

    printf("\nPeak RSS of the core benchmark process: %s (getrusage ru_maxrss)\n",
           fmt_size((double)peak_rss_kib() * 1024, sz));
    printf("Core benchmark took %.1f s\n", now_s() - t0);
    free(data);
    catalog_free((struct catalog *)cat);
    free(cats.v);
    return 0;
}
