/* store_bench.c — a shared git store at the size of an institution:
 * 1,000 cooperations with 10 snapshots each (11,000 files), shared through a
 * bare repository between two users A and B.  Times the commands as a user
 * runs them (the built program, started as a process, output to /dev/null):
 * `list`, `due`, `sync` with nothing to do, and a `sync` that brings 100
 * changed cooperations (which must report all 100).  The target is under 1 s
 * each (issue 14).  Everything is local: the "server" is a directory.
 *
 * Usage: store_bench PROGRAM [COOPERATIONS]
 * The set-up writes the store through the core (store_create and
 * store_snapshot, with their fsyncs) and takes a while; it is not timed. */
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

static void row(const char *what, double s, const char *notes)
{
    printf("  %-34s %9.1f ms   %-8s %s\n", what, s * 1e3, s < 1.0 ? "met" : "NOT MET", notes);
}

static void make_store(const char *data, const struct catalog *cat, int n)
{
    struct cc_err err;
    char now[32];
    if (fs_mkdir_p(data, &err) != 0)
        die("fs_mkdir_p", err.msg);
    for (int i = 0; i < n; i++) {
        struct coop co;
        struct assessment *a;
        char id[32];
        memset(&co, 0, sizeof(co));
        snprintf(id, sizeof(id), "coop-%04d", i);
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

int main(int argc, char **argv)
{
    struct catalog_set cats = { 0 };
    struct strlist problems = { 0 };
    const struct catalog *cat;
    int n = argc > 2 ? atoi(argv[2]) : 1000;
    char *a, *b, *server, *cfg, *home, *report, *text;
    double t0;
    size_t reported = 0;
    struct cc_err err;

    if (argc < 2)
        die("usage", "store_bench PROGRAM [COOPERATIONS]");
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
    a = xasprintf("%s/a", tmp);
    b = xasprintf("%s/b", tmp);
    server = xasprintf("%s/server.git", tmp);

    printf("\nShared git store (bench/store_bench.c): %d cooperations x %d snapshots, two "
           "users, a bare repository as the server\n", n, SNAPS);
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
    row("list", timed(a, "list", NULL), "every cooperation loaded, its snapshots and due date");
    row("due", timed(a, "due", NULL), "");
    row("sync, nothing to do", timed(b, "sync", NULL), "fetch, nothing to merge or push");
    /* A changes 100 cooperations; B's sync brings them */
    for (int i = 0; i < CHANGED; i++) {
        char id[32];
        snprintf(id, sizeof(id), "coop-%04d", i * (n / CHANGED));
        const char *set[] = { prog, "--data", a, "set", id, "1", "focus", "changed by A", NULL };
        must(set);
    }
    {
        const char *sync_a[] = { prog, "--data", a, "sync", NULL };
        const char *sync_b[] = { prog, "--data", b, "sync", NULL };
        must(sync_a);
        report = xasprintf("%s/sync-report.txt", tmp);
        t0 = now_s();
        run(sync_b, report);
        double t = now_s() - t0;
        char *out = NULL;
        size_t len;
        if (fs_read_file(report, 1u << 24, &out, &len, &err) == 0) {
            for (char *p = strstr(out, "  coop-"); p; p = strstr(p + 1, "  coop-"))
                reported++;
            free(out);
        }
        char notes[128];
        snprintf(notes, sizeof(notes), "reported %zu of %d changed cooperations", reported, CHANGED);
        row("sync bringing 100 changed", t, notes);
        free(report);
    }
    if (reported != CHANGED)
        printf("  NOT MET: the sync reported %zu cooperations, not %d\n", reported, CHANGED);
    catalog_set_release(&cats);
    strlist_release(&problems);
    free(a);
    free(b);
    free(server);
    free(cfg);
    free(prog);
    return 0;
}
