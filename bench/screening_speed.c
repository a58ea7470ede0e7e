/* screening_speed.c — `make bench`: how fast screening is at real sizes.
 *
 * A report, never a test.  It writes synthetic watch lists (csv format) of
 * 20,000 entries and of 1,000,000 entries with one alias each (2,000,000
 * names, the size of OpenSanctions' default dataset), installs each with
 * lists_add (which builds the index) and screens a cooperation of 10
 * partners with 5 aliases each (some of them listed) against it.  It prints
 * the time of lists_add and of screening_run (median of 5), and the resident
 * memory the screening added beyond the process before it (VmRSS from
 * /proc/self/status), which shows that the index is mapped, not read:
 * only the pages a look-up touches come in.
 *
 * Names are syllables from a fixed seed, so every run screens the same
 * lists.  Everything goes to a private directory under $TMPDIR (else /tmp),
 * removed at the end.  With --rows it also prints the rows of benchrow.h for
 * bench/run.py; SCREEN_BENCH_SMALL=1 in the environment leaves out the list
 * of 1,000,000 entries (a minute of lists_add). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchrow.h"
#include "fsio.h"
#include "lists.h"
#include "model.h"
#include "run.h"
#include "screening.h"

static const char *const syl[] = { "bei", "jing", "hua", "nan", "xi", "dong", "zhong", "shan",
                                   "tian", "jin", "hai", "yang", "guang", "zhou", "cheng", "du",
                                   "wu", "han", "ning", "bo", "qing", "dao", "ha", "er", "bin",
                                   "lan", "chang", "sha", "he", "fei", "kun", "ming" };
static const char *const kind[] = { "University", "Institute of Technology", "Research Institute",
                                    "Academy of Sciences", "Electronics Co., Ltd.",
                                    "Aerospace Corporation", "Polytechnic University",
                                    "Laboratory" };

static unsigned long rng = 12345;

static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng >> 33) % n);
}

static void word(struct sbuf *sb)
{
    unsigned n = 2 + next(2);
    size_t at = sb->len;
    for (unsigned i = 0; i < n; i++)
        sbuf_adds(sb, syl[next(CC_ARRAY_LEN(syl))]);
    sb->buf[at] = (char)(sb->buf[at] - 'a' + 'A');
}

static void name(struct sbuf *sb)
{
    word(sb);
    sbuf_addc(sb, ' ');
    word(sb);
    sbuf_addc(sb, ' ');
    sbuf_adds(sb, kind[next(CC_ARRAY_LEN(kind))]);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "VmRSS: %ld", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Writes a list of n entries; the names of listed[] are entries 0..9. */
static void write_list(const char *path, size_t n, char listed[10][160])
{
    FILE *f = fopen(path, "w");
    struct sbuf sb;
    sbuf_init(&sb);
    fputs("name,aliases,category,note,url\n", f);
    for (size_t i = 0; i < n; i++) {
        sbuf_reset(&sb);
        name(&sb);
        if (i < 10)
            snprintf(listed[i], 160, "%s", sb.buf);
        fprintf(f, "\"%s\",\"%s Branch\",synthetic,,\n", sb.buf, sb.buf);
    }
    sbuf_release(&sb);
    fclose(f);
}

static void partners(struct assessment *a, char listed[10][160])
{
    struct sbuf sb;
    sbuf_init(&sb);
    for (int p = 0; p < 10; p++) {
        struct strlist al = { 0 };
        for (int k = 0; k < 4; k++) {
            sbuf_reset(&sb);
            if (p % 3 == 0 && k == 0)
                sbuf_addf(&sb, "School of Physics, %s", listed[p]);
            else
                name(&sb);
            strlist_push(&al, sb.buf);
        }
        sbuf_reset(&sb);
        name(&sb);
        coop_add_partner(&a->coop, p % 2 ? listed[p] : sb.buf, &al);
        strlist_release(&al);
    }
    sbuf_release(&sb);
}

static int measure(const char *tmp, size_t n)
{
    char listed[10][160], *path = xasprintf("%s/list-%zu.csv", tmp, n);
    char *dir = xasprintf("%s/lists-%zu", tmp, n);
    struct assessment a;
    struct cc_err err;
    struct list_info li;
    double t0, add_ms, runs[5];
    long before, after = 0;
    size_t hits = 0;

    write_list(path, n, listed);
    t0 = now_ms();
    if (lists_add(dir, path, "synthetic", LF_CSV, NULL, &li, &err) != 0) {
        fprintf(stderr, "lists_add: %s\n", err.msg);
        return -1;
    }
    add_ms = now_ms() - t0;
    memset(&a, 0, sizeof(a));
    partners(&a, listed);
    before = rss_kib();
    for (int r = 0; r < 5; r++) {
        t0 = now_ms();
        if (screening_run(&a, dir, 0, "2026-12-01T00:00:00Z", "bench", &err) != 0) {
            fprintf(stderr, "screening_run: %s\n", err.msg);
            return -1;
        }
        runs[r] = now_ms() - t0;
        if (rss_kib() > after)
            after = rss_kib();
    }
    hits = a.screenings[a.nscreenings - 1].nhits;
    qsort(runs, 5, sizeof(*runs), dcmp);
    printf("%10zu %10zu %12.0f %12.1f %12.1f %8zu %14ld\n", li.entries, li.names, add_ms, runs[2],
           runs[0], hits, after - before);
    {
        char name[96], notes[96];
        snprintf(notes, sizeof(notes), "%zu entries, %zu names; %zu hits", li.entries, li.names,
                 hits);
        snprintf(name, sizeof(name), "lists_add of %zu entries (builds the index)", li.entries);
        benchrow("screening", name, add_ms, "ms", NULL, -1, "one run");
        snprintf(name, sizeof(name), "screening_run against %zu entries", li.entries);
        benchrow("screening", name, runs[2], "ms", NULL, -1, notes);
        snprintf(name, sizeof(name), "resident memory screening added, %zu entries", li.entries);
        benchrow("screening", name, (double)(after - before) * 1024 / 1e6, "MB", NULL, -1,
                 "VmRSS after 5 runs minus before: the index is mapped, not read");
    }
    assessment_screenings_release(&a);
    coop_release(&a.coop);
    free(a.updated_at);
    free(a.updated_by);
    list_info_release(&li);
    unlink(path);
    free(path);
    free(dir);
    return 0;
}

int main(int argc, char **argv)
{
    struct cc_err err;
    char *tmp, *cmd;
    int rc = 0;
    benchrow_args(argc, argv);
    tmp = run_tmpdir(&err);
    if (!tmp) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    printf("\nScreening 10 partners with 5 names each (synthetic csv lists)\n");
    printf("%10s %10s %12s %12s %12s %8s %14s\n", "entries", "names", "add ms", "screen ms",
           "min ms", "hits", "RSS added KiB");
    if (measure(tmp, 20000) != 0 || (getenv("SCREEN_BENCH_SMALL") == NULL && measure(tmp, 1000000) != 0))
        rc = 1;
    cmd = xasprintf("rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        rc = 1;
    free(cmd);
    free(tmp);
    return rc;
}
