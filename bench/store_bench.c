/* store_bench.c — stores at the size of an institution, timed as a user runs
 * the commands (the built program, started as a process, output to
 * /dev/null; median of 5):
 *
 *   1. `list` and `due` of a plain store of --list N cooperations with 10
 *      snapshots each (default 10,000: 110,000 files; target under 300 ms,
 *      issue 15);
 *   2. a shared git store of --sync N cooperations with 10 snapshots each
 *      (default 1,000), shared through a bare repository between two users A
 *      and B: `list`, `due`, `sync` with nothing to do, and a `sync` that
 *      brings 100 changed cooperations (which must report all 100); target
 *      under 1 s each (issue 14).  Everything is local: the "server" is a
 *      directory.  --sync 0 leaves it out.
 *
 * Usage: store_bench PROGRAM [--rows] [--list N] [--sync N] [--fixtures DIR]
 *
 * The stores are written through the core, by store_create and
 * store_snapshot: the same files the program writes, but without their
 * fsyncs (this program is linked with -Wl,--wrap=fsync, and __wrap_fsync
 * skips the call while a store is being set up), which makes the set-up of
 * 110,000 files take seconds instead of minutes.  Durability is all that is
 * left out, and nothing timed runs in this process.  The plain store of part
 * 1 is kept between runs in DIR (default: not kept) under a name with the
 * assessment format (ASSESSMENT_FORMAT), the catalogue's version and the
 * size, so a program that writes another format gets a new one; it is
 * written to DIR/NAME.tmp-PID first and renamed when complete.  `list` and
 * `due` only read it.  Part 2 is always made anew in a temporary directory.
 *
 * A report: it exits 0 unless the set-up fails. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "benchrow.h"
#include "catalog.h"
#include "fsio.h"
#include "model.h"
#include "run.h"
#include "store.h"
#include "util.h"

#ifndef CC_BUILD_CATALOGDIR
#define CC_BUILD_CATALOGDIR "catalog"
#endif

#define REPS 5
#define SNAPS 10
#define CHANGED 100

extern char **environ;

static char *tmp, *prog;

/* fsync as the core calls it: skipped while a store is set up (see above). */
static int skip_fsync;
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __wrap_fsync(int fd)
{
    return skip_fsync ? 0 : __real_fsync(fd);
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
    return a < b ? -1 : a > b;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "store_bench: %s: %s\n", what, msg);
    exit(1);
}

/* Runs argv with output to out (NULL: /dev/null); its exit status. */
static int run(const char *const argv[], const char *out)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int st;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ) != 0)
        die("posix_spawn", argv[0]);
    posix_spawn_file_actions_destroy(&fa);
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void must(const char *const argv[])
{
    if (run(argv, NULL) != 0) {
        fprintf(stderr, "store_bench: '%s %s %s %s' failed\n", argv[0], argv[1], argv[2],
                argv[3] ? argv[3] : "");
        exit(1);
    }
}

/* Median of REPS runs of coopcheck --data DATA ARGS. */
static double timed(const char *data, const char *a1, const char *a2)
{
    const char *argv[] = { prog, "--data", data, a1, a2, NULL };
    double t[REPS];
    for (int r = 0; r < REPS; r++) {
        double t0 = now_s();
        run(argv, NULL);
        t[r] = now_s() - t0;
    }
    qsort(t, REPS, sizeof(*t), cmp_double);
    return t[REPS / 2];
}

/* A timed command with its limit in seconds, printed and as a row. */
static void row(const char *group, const char *what, double s, double limit, const char *notes)
{
    char target[32];
    printf("  %-34s %9.1f ms   %-8s %s\n", what, s * 1e3, s < limit ? "met" : "NOT MET", notes);
    snprintf(target, sizeof(target), "< %.0f ms", limit * 1e3);
    benchrow(group, what, s * 1e3, "ms", target, s < limit, notes);
}

static void make_store(const char *data, const struct catalog *cat, int n)
{
    struct cc_err err;
    char now[32];
    if (fs_mkdir_p(data, &err) != 0)
        die("fs_mkdir_p", err.msg);
    skip_fsync = 1;
    for (int i = 0; i < n; i++) {
        struct coop co;
        struct assessment *a;
        char id[32];
        memset(&co, 0, sizeof(co));
        snprintf(id, sizeof(id), "coop-%05d", i);
        co.id = xstrdup(id);
        co.title = xstrdup("A cooperation of the benchmark");
        co.interval_months = 12;
        a = assessment_new(cat, &co, "bench", "2026-01-01T00:00:00Z");
        coop_release(&co);
        if (store_create(data, a, &err) != 0)
            die("store_create", err.msg);
        for (int s = 0; s < SNAPS; s++) {
            char *name = NULL;
            snprintf(now, sizeof(now), "2026-%02d-01T00:00:%02dZ", 1 + s, i % 60);
            if (store_snapshot(data, a, "round", 0, "bench", now, &name, &err) != 0)
                die("store_snapshot", err.msg);
            free(name);
        }
        assessment_free(a);
    }
    skip_fsync = 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void cleanup(void)
{
    if (tmp)
        nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Part 1: list and due of a plain store of n cooperations, kept in fixtures
 * (when given) between runs. */
static void bench_list(const struct catalog *cat, int n, const char *fixtures)
{
    char *data, *part, notes[160];
    struct cc_err err;
    double t0 = now_s();
    int made = 0;

    if (fixtures) {
        if (fs_mkdir_p(fixtures, &err) != 0)
            die("fs_mkdir_p", err.msg);
        data = xasprintf("%s/store-f%d-%s-%s-%dx%d", fixtures, ASSESSMENT_FORMAT, cat->id,
                         cat->version, n, SNAPS);
    } else {
        data = xasprintf("%s/list", tmp);
    }
    if (!fs_exists(data)) {
        part = xasprintf("%s.tmp-%ld", data, (long)getpid());
        printf("  (writing the store of %d cooperations x %d snapshots to %s, once)\n", n, SNAPS,
               data);
        make_store(part, cat, n);
        if (rename(part, data) != 0)
            die(data, strerror(errno));
        free(part);
        made = 1;
    }
    printf("\nA plain store: %d cooperations x %d snapshots (%s)\n", n, SNAPS, data);
    if (made)
        printf("  (set-up: %.1f s)\n", now_s() - t0);
    printf("  %-34s %12s   %-8s %s\n", "command", "median", "< 300 ms", "");
    snprintf(notes, sizeof(notes), "%d cooperations x %d snapshots%s; median of %d", n, SNAPS,
             made ? "" : " (kept from an earlier run)", REPS);
    {
        char what[64];
        snprintf(what, sizeof(what), "list, %d x %d", n, SNAPS);
        row("store", what, timed(data, "list", NULL), 0.3, notes);
        snprintf(what, sizeof(what), "due, %d x %d", n, SNAPS);
        row("store", what, timed(data, "due", NULL), 0.3, notes);
    }
    free(data);
}

/* Part 2: a git store of n cooperations shared by A and B (issue 14). */
static void bench_sync(const struct catalog *cat, int n)
{
    char *a, *b, *server, *report;
    double t0;
    size_t reported = 0;
    int changed = n < CHANGED ? n : CHANGED;

    a = xasprintf("%s/a", tmp);
    b = xasprintf("%s/b", tmp);
    server = xasprintf("%s/server.git", tmp);
    printf("\nShared git store: %d cooperations x %d snapshots, two users, a bare repository as "
           "the server\n", n, SNAPS);
    t0 = now_s();
    make_store(a, cat, n);
    {
        const char *bare[] = { "git", "init", "-q", "--bare", "-b", "main", server, NULL };
        const char *init[] = { prog, "--data", a, "store", "init", "--git", "--remote", server, NULL };
        const char *sync_a[] = { prog, "--data", a, "sync", NULL };
        const char *clone[] = { prog, "--data", b, "store", "clone", server, b, NULL };
        must(bare);
        must(init);
        must(sync_a);
        must(clone);
    }
    printf("  (set-up: %.1f s)\n", now_s() - t0);
    printf("  %-34s %12s   %-8s %s\n", "command", "median", "< 1 s", "");
    row("store (git)", "git store: list", timed(a, "list", NULL), 1.0,
        "every cooperation loaded, its snapshots and due date");
    row("store (git)", "git store: due", timed(a, "due", NULL), 1.0, "");
    row("store (git)", "git store: sync, nothing to do", timed(b, "sync", NULL), 1.0,
        "fetch, nothing to merge or push");
    /* A changes 100 cooperations; B's sync brings them */
    for (int i = 0; i < changed; i++) {
        char id[32];
        snprintf(id, sizeof(id), "coop-%05d", i * (n / changed));
        const char *set[] = { prog, "--data", a, "set", id, "1", "focus", "changed by A", NULL };
        must(set);
    }
    {
        const char *sync_a[] = { prog, "--data", a, "sync", NULL };
        const char *sync_b[] = { prog, "--data", b, "sync", NULL };
        char notes[128], what[64], *out = NULL;
        struct cc_err err;
        size_t len;
        double t;
        must(sync_a);
        report = xasprintf("%s/sync-report.txt", tmp);
        t0 = now_s();
        run(sync_b, report);
        t = now_s() - t0;
        if (fs_read_file(report, 1u << 24, &out, &len, &err) == 0) {
            for (char *p = strstr(out, "  coop-"); p; p = strstr(p + 1, "  coop-"))
                reported++;
            free(out);
        }
        snprintf(notes, sizeof(notes), "one run; reported %zu of %d changed cooperations",
                 reported, changed);
        snprintf(what, sizeof(what), "git store: sync bringing %d changed", changed);
        row("store (git)", what, t, 1.0, notes);
        free(report);
    }
    if (reported != (size_t)changed)
        printf("  NOT MET: the sync reported %zu cooperations, not %d\n", reported, changed);
    benchrow("store (git)", "git store: sync reports every changed cooperation", (double)reported,
             "", "all", reported == (size_t)changed, "cooperations named in the sync's report");
    free(a);
    free(b);
    free(server);
}

static int count_arg(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 0 || v > 1000000)
        die("usage", "a count is a number from 0 to 1000000");
    return (int)v;
}

int main(int argc, char **argv)
{
    struct catalog_set cats = { 0 };
    struct strlist problems = { 0 };
    const struct catalog *cat;
    int nlist = 10000, nsync = 1000;
    const char *fixtures = NULL;
    char *cfg, *home, *text;
    struct cc_err err;

    argc = benchrow_args(argc, argv);
    if (argc < 2)
        die("usage", "store_bench PROGRAM [--rows] [--list N] [--sync N] [--fixtures DIR]");
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--list") == 0 && i + 1 < argc)
            nlist = count_arg(argv[++i]);
        else if (strcmp(argv[i], "--sync") == 0 && i + 1 < argc)
            nsync = count_arg(argv[++i]);
        else if (strcmp(argv[i], "--fixtures") == 0 && i + 1 < argc)
            fixtures = argv[++i];
        else
            die("usage", "store_bench PROGRAM [--rows] [--list N] [--sync N] [--fixtures DIR]");
    }
    prog = realpath(argv[1], NULL);
    if (!prog)
        die(argv[1], strerror(errno));
    if (!(tmp = run_tmpdir(&err)))
        die("run_tmpdir", err.msg);
    atexit(cleanup);
    setvbuf(stdout, NULL, _IOLBF, 0);
    home = xasprintf("HOME=%s", tmp);
    putenv(home);
    putenv("GIT_CONFIG_NOSYSTEM=1");
    putenv("COOPCHECK_LISTS=/nonexistent");
    cfg = xasprintf("%s/.gitconfig", tmp);
    text = "[user]\n\tname = Bench A\n\temail = a@example.org\n[init]\n\tdefaultBranch = main\n";
    if (fs_write_atomic(cfg, text, strlen(text), &err) != 0)
        die("write", err.msg);
    catalog_set_load(&cats, &problems);
    if (!(cat = catalog_set_find(&cats, "bmbf-china-2024")))
        die("catalogue", "bmbf-china-2024 is not installed (run from the source tree)");

    if (nlist > 0)
        bench_list(cat, nlist, fixtures);
    if (nsync > 0)
        bench_sync(cat, nsync);
    catalog_set_release(&cats);
    strlist_release(&problems);
    free(cfg);
    free(prog);
    return 0;
}
