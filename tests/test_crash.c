/* test_crash.c — a snapshot step killed before every one of its system calls,
 * and failing at every one of them, leaves a cooperation that verify passes
 * and that is either before the snapshot or after it; the next write
 * completes or undoes the step and no temporary file stays.  A rename and a
 * delete killed the same way leave the cooperation whole under one of its
 * names, or gone.
 *
 * Seams: this program is linked with --wrap for the calls the storage makes
 * that change or open files (WRAP_test_crash in the Makefile).  Each wrapper
 * counts the call; a child process armed with crash_at = k dies (_exit, as
 * kill -9 would: no clean-up of any kind runs) right before its k-th call;
 * one armed with fail_at = k sees its k-th call fail with ENOSPC instead.
 * Since files change only through these calls, dying before each of them in
 * turn covers every state a crash can leave. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "model.h"
#include "store.h"

/* ---- the seams ------------------------------------------------------------ */

static long calls, crash_at, fail_at;

/* 1 when this call is to fail; dies when it is the one to crash before. */
static int tick(void)
{
    calls++;
    if (crash_at && calls == crash_at)
        _exit(77);
    if (fail_at && calls == fail_at) {
        errno = ENOSPC;
        return 1;
    }
    return 0;
}

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
    return tick() ? -1 : __real_write(fd, buf, n);
}

int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __wrap_fsync(int fd)
{
    return tick() ? -1 : __real_fsync(fd);
}

int __real_renameat(int a, const char *b, int c, const char *d);
int __wrap_renameat(int a, const char *b, int c, const char *d);
int __wrap_renameat(int a, const char *b, int c, const char *d)
{
    return tick() ? -1 : __real_renameat(a, b, c, d);
}

int __real_renameat2(int a, const char *b, int c, const char *d, unsigned e);
int __wrap_renameat2(int a, const char *b, int c, const char *d, unsigned e);
int __wrap_renameat2(int a, const char *b, int c, const char *d, unsigned e)
{
    return tick() ? -1 : __real_renameat2(a, b, c, d, e);
}

int __real_linkat(int a, const char *b, int c, const char *d, int e);
int __wrap_linkat(int a, const char *b, int c, const char *d, int e);
int __wrap_linkat(int a, const char *b, int c, const char *d, int e)
{
    return tick() ? -1 : __real_linkat(a, b, c, d, e);
}

int __real_unlinkat(int a, const char *b, int c);
int __wrap_unlinkat(int a, const char *b, int c);
int __wrap_unlinkat(int a, const char *b, int c)
{
    return tick() ? -1 : __real_unlinkat(a, b, c);
}

int __real_mkdirat(int a, const char *b, mode_t m);
int __wrap_mkdirat(int a, const char *b, mode_t m);
int __wrap_mkdirat(int a, const char *b, mode_t m)
{
    return tick() ? -1 : __real_mkdirat(a, b, m);
}

int __real_openat(int dirfd, const char *path, int flags, ...);
int __wrap_openat(int dirfd, const char *path, int flags, ...);
int __wrap_openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    return tick() ? -1 : __real_openat(dirfd, path, flags, mode);
}

/* ---- fixture -------------------------------------------------------------- */

#define NOW1 "2026-01-02T03:04:05Z"
#define SNAP_NOW "2026-11-27T03:45:21Z"

struct fx {
    char *tmp;
    char data[4096], tmpl[4096];
    struct catalog_set cats;
    const struct catalog *cat;
    int before_snaps, before_round;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char cfg[4200];
    if (!f)
        return -1;
    f->tmp = tu_tempdir();
    snprintf(cfg, sizeof(cfg), "%s/config", f->tmp);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    unsetenv("COOPCHECK_NOW");
    snprintf(f->data, sizeof(f->data), "%s/data", f->tmp);
    snprintf(f->tmpl, sizeof(f->tmpl), "%s/template", f->tmp);
    catalog_set_load(&f->cats, NULL);
    f->cat = catalog_set_find(&f->cats, "bmbf-china-2024");
    if (!f->cat)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    crash_at = fail_at = 0;
    catalog_set_release(&f->cats);
    tu_rmrf(f->tmp);
    free(f->tmp);
    free(f);
    return 0;
}

static void copy_tree(const char *from, const char *to)
{
    const char *argv[] = { "/bin/cp", "-a", from, to, NULL };
    struct tu_run r;
    tu_rmrf(to);
    tu_run(&r, NULL, argv, NULL);
    if (r.status != 0)
        fail_msg("cp -a %s %s: %s", from, to, r.err);
    tu_run_free(&r);
}

/* The template: cooperation "demo" with answers, and (with_snapshot) one
 * snapshot already, so that the chain has a link to check. */
static void make_template(struct fx *f, int with_snapshot)
{
    struct coop meta;
    struct assessment *a;
    struct cc_err err;
    char *name = NULL;
    memset(&meta, 0, sizeof(meta));
    meta.id = (char *)"demo";
    meta.title = (char *)"Demo";
    meta.interval_months = 12;
    a = assessment_new(f->cat, &meta, "alice", NOW1);
    assert_int_equal(assessment_set_text(a, 0, 0, "Quantum sensing", "alice", NOW1, &err), 0);
    assert_int_equal(assessment_set_yesno(a, 7, 0, YN_YES, "alice", NOW1, &err), 0);
    assert_int_equal(store_create(f->tmpl, a, &err), 0);
    if (with_snapshot) {
        assert_int_equal(store_snapshot(f->tmpl, a, "round 1", 1, "alice", NOW1, &name, &err), 0);
        free(name);
        assert_int_equal(assessment_set_text(a, 0, 1, "Your own goals", "alice", NOW1, &err), 0);
        assert_int_equal(store_save(f->tmpl, a, &err), 0);
    }
    f->before_snaps = with_snapshot;
    f->before_round = a->round;
    assessment_free(a);
}

/* Runs a snapshot of demo in a child armed with crash_at or fail_at; returns
 * its exit status (77: died as armed, 0: done, 1: refused). */
static int child_snapshot(struct fx *f, long crash, long fail)
{
    pid_t pid = fork();
    int status;
    assert_true(pid >= 0);
    if (pid == 0) {
        struct assessment *a;
        struct cc_err err;
        char *name = NULL;
        calls = 0;
        crash_at = crash;
        if (store_load(f->data, "demo", &f->cats, &a, &err) != 0)
            _exit(2);
        fail_at = fail ? calls + fail : 0;   /* failures: counted from the snapshot on */
        {
            long at_load = calls;
            if (store_snapshot(f->data, a, "round", 1, "bob", SNAP_NOW, &name, &err) != 0) {
                /* refused: then nothing may have changed in memory either */
                _exit(a->round == f->before_round ? 1 : 3);
            }
            /* unarmed: say how many calls the snapshot made */
            _exit(!crash && !fail ? (int)(calls - at_load < 200 ? 100 + calls - at_load : 4) : 0);
        }
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* Names in dir that a finished step must not leave behind. */
static void assert_no_leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        if (strstr(de->d_name, ".tmp-") || strcmp(de->d_name, "round-step.json") == 0 ||
            strcmp(de->d_name, "assessment.next.json") == 0) {
            closedir(d);
            fail_msg("%s still holds %s", dir, de->d_name);
        }
    }
    closedir(d);
}

/* The cooperation as a reader sees it: before (0) or after (1) the
 * snapshot; fails when it is neither. */
static int state_of(struct fx *f)
{
    struct strlist names = { 0 };
    struct assessment *a;
    struct cc_err err;
    int after;
    assert_int_equal(store_snapshots(f->data, "demo", &names, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &a, &err), 0);
    after = (int)names.n == f->before_snaps + 1;
    if (!after && (int)names.n != f->before_snaps)
        fail_msg("%zu snapshots, want %d or %d", names.n, f->before_snaps, f->before_snaps + 1);
    assert_int_equal(a->round, f->before_round + after);
    if (after) {
        assert_non_null(a->round_based_on);
        assert_string_equal(a->round_based_on, names.v[names.n - 1]);
        assert_true(a->q[0].review);   /* the next round: answers to review */
    } else {
        assert_false(a->q[0].review);
    }
    assert_non_null(a->q[0].f[0].text);
    assert_string_equal(a->q[0].f[0].text, "Quantum sensing");
    assessment_free(a);
    strlist_release(&names);
    return after;
}

/* verify: no problem; with want_notes 0, no note either. */
static void assert_verifies(struct fx *f, int notes_allowed)
{
    struct strlist problems = { 0 }, notes = { 0 };
    struct cc_err err;
    size_t n;
    assert_int_equal(store_verify(f->data, "demo", &f->cats, &problems, &notes, &n, &err), 0);
    if (problems.n)
        fail_msg("verify: %s", problems.v[0]);
    if (!notes_allowed && notes.n)
        fail_msg("verify note after the repair: %s", notes.v[0]);
    strlist_release(&problems);
    strlist_release(&notes);
}

static void crash_every_call(struct fx *f, int with_snapshot)
{
    char snapdir[4200], coopdir[4200];
    int outcome[2] = { 0, 0 }, status = 77;
    long k;
    make_template(f, with_snapshot);
    snprintf(coopdir, sizeof(coopdir), "%s/demo", f->data);
    snprintf(snapdir, sizeof(snapdir), "%s/demo/snapshots", f->data);
    for (k = 1; status == 77; k++) {
        int before, after;
        char *note = NULL;
        struct cc_err err;
        copy_tree(f->tmpl, f->data);
        status = child_snapshot(f, k, 0);
        if (status != 77 && status != 0)
            fail_msg("the snapshot child exited %d at k=%ld", status, k);
        /* right after the crash: verify passes, readers see before or after */
        assert_verifies(f, 1);
        before = state_of(f);
        /* the next writer completes or undoes the step */
        assert_int_equal(store_repair(f->data, "demo", &note, &err), 0);
        free(note);
        after = state_of(f);
        /* a snapshot once shown to readers never disappears */
        if (before)
            assert_int_equal(after, 1);
        assert_verifies(f, 0);
        assert_no_leftovers(coopdir);
        assert_no_leftovers(snapdir);
        outcome[after]++;
    }
    /* both outcomes occur, and the loop reached the end of the step */
    assert_true(outcome[0] > 3);
    assert_true(outcome[1] >= 1);
    assert_int_equal(status, 0);
    printf("crash before each of %ld system calls: %d left it before the snapshot, %d after\n",
           k - 1, outcome[0], outcome[1]);
}

static void test_crash_first_snapshot(void **state)
{
    crash_every_call(*state, 0);
}

static void test_crash_second_snapshot(void **state)
{
    crash_every_call(*state, 1);
}

/* A call failing (a full disk, an I/O error) at any point: the snapshot is
 * refused with a message, nothing changed on disk or in memory, and no
 * temporary file stays. */
static void test_fail_every_call(void **state)
{
    struct fx *f = *state;
    char coopdir[4200], snapdir[4200];
    int total, refused = 0;
    make_template(f, 1);
    snprintf(coopdir, sizeof(coopdir), "%s/demo", f->data);
    snprintf(snapdir, sizeof(snapdir), "%s/demo/snapshots", f->data);
    copy_tree(f->tmpl, f->data);
    total = child_snapshot(f, 0, 0) - 100;   /* the calls of one snapshot */
    assert_true(total > 10);
    for (int k = 1; k <= total; k++) {
        int status;
        copy_tree(f->tmpl, f->data);
        status = child_snapshot(f, 0, k);
        if (status != 0 && status != 1)
            fail_msg("the snapshot child exited %d with call %d failing", status, k);
        /* refused, or (a failure it could live with) taken; what a failed
         * clean-up left is removed by the next writer */
        assert_verifies(f, 1);
        assert_int_equal(state_of(f), status == 0);
        {
            char *note = NULL;
            struct cc_err err;
            assert_int_equal(store_repair(f->data, "demo", &note, &err), 0);
            free(note);
        }
        assert_int_equal(state_of(f), status == 0);
        assert_verifies(f, 0);
        assert_no_leftovers(coopdir);
        assert_no_leftovers(snapdir);
        refused += status == 1;
    }
    assert_true(refused > total / 2);
    printf("a failure at each of %d system calls: %d refused the snapshot, %d took it "
           "regardless; nothing left behind after the next write\n", total, refused, total - refused);
}

/* ---- rename and delete ---- */

static int coop_exists(struct fx *f, const char *id)
{
    char path[4300];
    struct stat st;
    snprintf(path, sizeof(path), "%s/%s/assessment.json", f->data, id);
    return stat(path, &st) == 0;
}

/* id loads under its name, verifies, and after the next writer has no
 * rename record left. */
static void assert_whole(struct fx *f, const char *id)
{
    struct assessment *a;
    struct strlist problems = { 0 }, notes = { 0 };
    struct cc_err err;
    char *note = NULL, rec[4300];
    size_t n;
    struct stat st;
    if (store_load(f->data, id, &f->cats, &a, &err) != 0)
        fail_msg("%s (calls %ld)", err.msg, crash_at);
    assert_string_equal(a->coop.id, id);
    assert_string_equal(a->q[0].f[0].text, "Quantum sensing");
    assessment_free(a);
    assert_int_equal(store_repair(f->data, id, &note, &err), 0);
    free(note);
    assert_int_equal(store_verify(f->data, id, &f->cats, &problems, &notes, &n, &err), 0);
    if (problems.n)
        fail_msg("%s: %s", id, problems.v[0]);
    assert_int_equal(n, 1);
    strlist_release(&problems);
    strlist_release(&notes);
    snprintf(rec, sizeof(rec), "%s/%s/rename-step.json", f->data, id);
    assert_int_equal(stat(rec, &st), -1);
}

static int child_life(struct fx *f, int delete, long crash)
{
    pid_t pid = fork();
    int status;
    assert_true(pid >= 0);
    if (pid == 0) {
        struct cc_err err;
        calls = 0;
        crash_at = crash;
        if (delete)
            _exit(store_delete(f->data, "demo", &err) == 0 ? 0 : 1);
        _exit(store_rename(f->data, "demo", "renamed", &f->cats, "bob", SNAP_NOW, &err) == 0 ? 0 : 1);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_crash_rename(void **state)
{
    struct fx *f = *state;
    int status = 77, moved = 0, stayed = 0;
    long k;
    make_template(f, 1);
    for (k = 1; status == 77; k++) {
        int a, b;
        copy_tree(f->tmpl, f->data);
        status = child_life(f, 0, k);
        if (status != 77 && status != 0)
            fail_msg("the rename child exited %d at k=%ld", status, k);
        a = coop_exists(f, "demo");
        b = coop_exists(f, "renamed");
        if (a == b)
            fail_msg("after a crash at call %ld: demo %s, renamed %s", k, a ? "exists" : "is gone",
                     b ? "exists" : "is gone");
        assert_whole(f, a ? "demo" : "renamed");
        moved += b;
        stayed += a;
    }
    assert_int_equal(status, 0);
    assert_true(moved >= 2 && stayed >= 2);
    printf("rename killed before each of %ld system calls: %d kept the old name, %d the new, "
           "each whole\n", k - 1, stayed, moved);
}

static void test_crash_delete(void **state)
{
    struct fx *f = *state;
    int status = 77, gone = 0, kept = 0;
    long k;
    make_template(f, 1);
    for (k = 1; status == 77; k++) {
        struct strlist ids = { 0 };
        struct cc_err err;
        copy_tree(f->tmpl, f->data);
        status = child_life(f, 1, k);
        if (status != 77 && status != 0)
            fail_msg("the delete child exited %d at k=%ld", status, k);
        assert_int_equal(store_coops(f->data, &ids, &err), 0);
        if (coop_exists(f, "demo")) {
            assert_int_equal(ids.n, 1);
            assert_whole(f, "demo");
            kept++;
        } else {
            assert_int_equal(ids.n, 0);   /* gone for every reader at once */
            gone++;
        }
        strlist_release(&ids);
    }
    assert_int_equal(status, 0);
    assert_true(gone >= 1 && kept >= 1);
    printf("delete killed before each of %ld system calls: %d left it whole, %d gone\n", k - 1,
           kept, gone);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crash_first_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_rename, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_second_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fail_every_call, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
