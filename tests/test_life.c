/* test_life.c — a cooperation over the years, in the core: a format 1 data
 * directory (tests/data/format1, written by coopcheck 0.1 before format 2)
 * loads, verifies and keeps its chain when written as format 2; interim and
 * complete snapshots and the due dates; rename and delete, each also as a
 * crash would leave it half done. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "fsio.h"
#include "model.h"
#include "store.h"

#define ID "tum-hit"
#define NOW "2026-11-27T03:45:21Z"

struct fx {
    char *tmp;
    char data[4096];
    struct catalog_set cats;
};

/* Copies src (a directory tree of plain files) to dst. */
static void copy_tree(const char *src, const char *dst)
{
    DIR *d = opendir(src);
    struct dirent *de;
    assert_non_null(d);
    assert_int_equal(mkdir(dst, 0700), 0);
    while ((de = readdir(d)) != NULL) {
        char s[4500], t[4500];
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(s, sizeof(s), "%s/%s", src, de->d_name);
        snprintf(t, sizeof(t), "%s/%s", dst, de->d_name);
        assert_int_equal(stat(s, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            copy_tree(s, t);
        } else {
            size_t len;
            char *text = tu_read(s, &len);
            assert_non_null(text);
            tu_write(t, text);
            assert_int_equal(chmod(t, 0600), 0);
            free(text);
        }
    }
    closedir(d);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char *src = tu_src_path("tests/data/format1");
    char cfg[4200];
    if (!f)
        return -1;
    f->tmp = tu_tempdir();
    snprintf(cfg, sizeof(cfg), "%s/config", f->tmp);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    setenv("COOPCHECK_NOW", NOW, 1);
    snprintf(f->data, sizeof(f->data), "%s/data", f->tmp);
    copy_tree(src, f->data);   /* data/tum-hit/... */
    free(src);
    catalog_set_load(&f->cats, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    catalog_set_release(&f->cats);
    tu_rmrf(f->tmp);
    free(f->tmp);
    free(f);
    unsetenv("COOPCHECK_NOW");
    return 0;
}

static void expect_intact(struct fx *f, const char *id, size_t nsnap)
{
    struct strlist problems = { 0 }, notes = { 0 };
    size_t n = 0;
    struct cc_err err;
    if (store_verify(f->data, id, &f->cats, &problems, &notes, &n, &err) != 0)
        fail_msg("%s", err.msg);
    if (problems.n)
        fail_msg("%s: %s", id, problems.v[0]);
    assert_int_equal(n, nsnap);
    strlist_release(&problems);
    strlist_release(&notes);
}

static struct assessment *load(struct fx *f, const char *id)
{
    struct assessment *a;
    struct cc_err err;
    if (store_load(f->data, id, &f->cats, &a, &err) != 0)
        fail_msg("%s", err.msg);
    return a;
}

static char *working_text(struct fx *f, const char *id)
{
    char path[4500];
    snprintf(path, sizeof(path), "%s/%s/assessment.json", f->data, id);
    return tu_read(path, NULL);
}

/* Another process with the cooperation open (its editor lock): until
 * let_go(). */
struct holder {
    pid_t pid;
    int hold;   /* the child waits while this pipe is open */
};

static struct holder hold_open(struct fx *f, const char *id)
{
    int ready[2], hold[2];
    struct holder h;
    char c;
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(hold), 0);
    h.pid = fork();
    assert_true(h.pid >= 0);
    if (h.pid == 0) {
        struct cc_err err;
        close(ready[0]);
        close(hold[1]);
        if (store_lock(f->data, id, &err) != 0)
            _exit(1);
        if (write(ready[1], "k", 1) != 1)
            _exit(1);
        (void)read(hold[0], &c, 1);   /* until the parent closes it */
        store_unlock(f->data, id);
        _exit(0);
    }
    close(ready[1]);
    close(hold[0]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    h.hold = hold[1];
    return h;
}

static void let_go(struct holder *h)
{
    int status;
    close(h->hold);
    assert_int_equal(waitpid(h->pid, &status, 0), h->pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* ---- format 1 ---- */

static void test_format1_loads_and_upgrades(void **state)
{
    struct fx *f = *state;
    struct assessment *a, *s;
    struct store_due d;
    struct strlist names = { 0 };
    struct cc_err err;
    char *text;

    expect_intact(f, ID, 2);
    a = load(f, ID);
    assert_int_equal(a->round, 3);
    assert_string_equal(a->round_based_on, "20260303T090000Z");
    assert_string_equal(a->last_snapshot, "20260303T090000Z");   /* the chain's head from "round" */
    assert_string_equal(a->last_snapshot_sha256, a->round_based_on_sha256);
    assert_string_equal(a->coop.partners.v[0], "HIT Harbin");
    assert_int_equal(coop_aliases(&a->coop, 0)->n, 0);
    store_due(a, &d);
    assert_false(d.never);
    assert_false(d.interim);
    assert_string_equal(d.next, "2027-03-03");
    assert_int_equal(store_snapshots(f->data, ID, &names, &err), 0);
    assert_int_equal(store_load_snapshot(f->data, ID, names.v[0], &f->cats, &s, &err), 0);
    assert_true(s->snap->complete);   /* format 1 snapshots closed their rounds */
    assessment_free(s);
    strlist_release(&names);
    /* written as format 2 at the next save; the chain still holds */
    text = working_text(f, ID);
    assert_non_null(strstr(text, "\"format\":\t1"));
    free(text);
    assert_int_equal(store_save(f->data, a, &err), 0);
    text = working_text(f, ID);
    assert_non_null(strstr(text, "\"format\":\t5"));
    assert_non_null(strstr(text, "\"last_snapshot\""));
    free(text);
    expect_intact(f, ID, 2);
    assessment_free(a);
    a = load(f, ID);
    assert_string_equal(a->last_snapshot, "20260303T090000Z");
    assessment_free(a);
}

/* ---- interim and complete ---- */

static void test_interim_then_complete(void **state)
{
    struct fx *f = *state;
    struct assessment *a = load(f, ID);
    struct store_due d;
    struct cc_err err;
    char *name = NULL;
    size_t q1 = 0;

    assert_int_equal(assessment_set_text(a, q1, 1, "goals", "carol", "2026-11-27T03:45:21Z", &err), 0);
    assert_int_equal(store_save(f->data, a, &err), 0);
    assert_int_equal(store_snapshot(f->data, a, "half way", 0, "carol", "2026-11-27T04:00:00Z",
                                    &name, &err), 0);
    assert_string_equal(name, "20261127T040000Z");
    free(name);
    /* interim: the round goes on, the due date stays, the chain grows */
    assert_int_equal(a->round, 3);
    assert_string_equal(a->round_based_on, "20260303T090000Z");
    assert_string_equal(a->last_snapshot, "20261127T040000Z");
    assert_int_equal(a->q[q1].review, 0);   /* changed: reviewed */
    assert_int_equal(a->q[3].review, 1);    /* q04 still to review from round 2 */
    store_due(a, &d);
    assert_true(d.interim);
    assert_string_equal(d.next, "2027-03-03");
    expect_intact(f, ID, 3);
    assessment_free(a);
    a = load(f, ID);
    assert_string_equal(a->last_snapshot, "20261127T040000Z");
    {
        struct assessment *s;
        assert_int_equal(store_load_snapshot(f->data, ID, "20261127T040000Z", &f->cats, &s, &err), 0);
        assert_false(s->snap->complete);
        assert_string_equal(s->snap->prev_name, "20260303T090000Z");
        assessment_free(s);
    }
    /* complete: the next round, based on it, the due date a year on */
    assert_int_equal(store_snapshot(f->data, a, "done", 1, "carol", "2026-11-28T10:00:00Z", &name,
                                    &err), 0);
    free(name);
    assert_int_equal(a->round, 4);
    assert_string_equal(a->round_based_on, "20261128T100000Z");
    assert_string_equal(a->last_snapshot, "20261128T100000Z");
    store_due(a, &d);
    assert_false(d.interim);
    assert_string_equal(d.next, "2027-11-28");
    assert_true(assessment_untouched(a));
    assert_int_equal(assessment_set_text(a, q1, 1, "more goals", "carol", "2026-11-29T10:00:00Z",
                                         &err), 0);
    assert_false(assessment_untouched(a));
    expect_intact(f, ID, 4);
    assessment_free(a);
}

/* A new cooperation is due from its start date, else its creation. */
static void test_never_assessed_due(void **state)
{
    struct fx *f = *state;
    struct coop meta;
    struct assessment *a;
    struct store_due d;
    const struct catalog *cat = catalog_set_find(&f->cats, CATALOG_DEFAULT_ID);
    memset(&meta, 0, sizeof(meta));
    meta.id = (char *)"fresh";
    meta.title = (char *)"Fresh";
    meta.interval_months = 12;
    a = assessment_new(cat, &meta, "carol", "2026-10-01T00:00:00Z");
    store_due(a, &d);
    assert_true(d.never);
    assert_string_equal(d.next, "2026-10-01");
    assert_int_equal(d.status, DUE_OVERDUE);   /* now is 2026-11-27 */
    free(a->coop.start);
    a->coop.start = strdup("2026-12-15");
    store_due(a, &d);
    assert_string_equal(d.next, "2026-12-15");
    assert_int_equal(d.status, DUE_SOON);
    free(a->coop.start);
    a->coop.start = strdup("2027-06-01");
    store_due(a, &d);
    assert_int_equal(d.status, DUE_OK);
    assessment_free(a);
}

/* ---- rename ---- */

static int exists(struct fx *f, const char *rel)
{
    char path[4500];
    struct stat st;
    snprintf(path, sizeof(path), "%s/%s", f->data, rel);
    return lstat(path, &st) == 0;
}

static void test_rename(void **state)
{
    struct fx *f = *state;
    struct assessment *a;
    struct cc_err err;
    char *text;
    assert_int_equal(store_rename(f->data, ID, "tum-hit-2025", &f->cats, "carol", NOW, &err), 0);
    assert_false(exists(f, ID));
    assert_false(exists(f, "tum-hit-2025/rename-step.json"));
    a = load(f, "tum-hit-2025");
    assert_string_equal(a->coop.id, "tum-hit-2025");
    assert_string_equal(a->coop.changed[CF_ID].by, "carol");
    assessment_free(a);
    expect_intact(f, "tum-hit-2025", 2);
    text = working_text(f, "tum-hit-2025");
    assert_non_null(strstr(text, "\"id\":\t\"tum-hit-2025\""));
    free(text);
    /* refusals: the same name, a name taken, a bad id, a missing one */
    assert_int_equal(store_rename(f->data, "tum-hit-2025", "tum-hit-2025", &f->cats, "c", NOW, &err), -1);
    assert_int_equal(mkdir(strcat(strcpy((char[4500]){ 0 }, f->data), "/taken"), 0700), 0);
    assert_int_equal(store_rename(f->data, "tum-hit-2025", "taken", &f->cats, "c", NOW, &err), -1);
    assert_int_equal(err.code, EEXIST);
    assert_int_equal(store_rename(f->data, "tum-hit-2025", "Bad Id", &f->cats, "c", NOW, &err), -1);
    assert_int_equal(store_rename(f->data, "nosuch", "other", &f->cats, "c", NOW, &err), -1);
    assert_int_equal(err.code, ENOENT);
    assert_true(exists(f, "tum-hit-2025/assessment.json"));
}

static void test_rename_refused_while_open(void **state)
{
    struct fx *f = *state;
    struct cc_err err;
    struct holder h = hold_open(f, ID);
    if (store_rename(f->data, ID, "other", &f->cats, "c", NOW, &err) == 0)
        fail_msg("renamed a cooperation that is open");
    assert_int_equal(err.code, EBUSY);
    assert_true(exists(f, ID "/assessment.json"));
    assert_false(exists(f, "other"));
    let_go(&h);
    assert_int_equal(store_rename(f->data, ID, "other", &f->cats, "c", NOW, &err), 0);
}

/* The crash states of a rename: the record before the directory moved, and
 * after it moved but before the file was updated. */
static void test_rename_interrupted(void **state)
{
    struct fx *f = *state;
    char rec[4500], from[4500], to[4500];
    struct assessment *a;
    struct cc_err err;
    char *note = NULL;
    a = load(f, ID);   /* as store_rename does: the file in the current format first */
    assert_int_equal(store_save(f->data, a, &err), 0);
    assessment_free(a);
    snprintf(rec, sizeof(rec), "%s/%s/rename-step.json", f->data, ID);
    tu_write(rec, "{\"kind\": \"coopcheck-rename\", \"from\": \"tum-hit\", \"to\": \"tum-new\", "
                  "\"by\": \"carol\", \"at\": \"" NOW "\"}\n");
    /* 1: not moved yet: the next writer forgets it */
    assert_int_equal(store_repair(f->data, ID, &note, &err), 0);
    assert_non_null(strstr(note, "interrupted before it happened"));
    free(note);
    assert_false(exists(f, ID "/rename-step.json"));
    /* 2: moved, file not updated: readers see the new id, the next writer completes it */
    tu_write(rec, "{\"kind\": \"coopcheck-rename\", \"from\": \"tum-hit\", \"to\": \"tum-new\", "
                  "\"by\": \"carol\", \"at\": \"" NOW "\"}\n");
    snprintf(from, sizeof(from), "%s/%s", f->data, ID);
    snprintf(to, sizeof(to), "%s/tum-new", f->data);
    assert_int_equal(rename(from, to), 0);
    a = load(f, "tum-new");
    assert_string_equal(a->coop.id, "tum-new");
    assessment_free(a);
    assert_int_equal(store_repair(f->data, "tum-new", &note, &err), 0);
    assert_non_null(strstr(note, "completed the rename"));
    free(note);
    assert_false(exists(f, "tum-new/rename-step.json"));
    a = load(f, "tum-new");
    assert_string_equal(a->coop.changed[CF_ID].by, "carol");
    assessment_free(a);
    expect_intact(f, "tum-new", 2);
    /* a record that is not ours is refused, not guessed at */
    snprintf(rec, sizeof(rec), "%s/tum-new/rename-step.json", f->data);
    tu_write(rec, "{\"from\": 1}");
    assert_int_equal(store_repair(f->data, "tum-new", &note, &err), -1);
    assert_non_null(strstr(err.msg, "rename-step.json"));
}

/* ---- delete ---- */

static void test_delete(void **state)
{
    struct fx *f = *state;
    struct strlist ids = { 0 };
    struct cc_err err;
    DIR *d;
    struct dirent *de;
    struct holder h = hold_open(f, ID);
    assert_int_equal(store_delete(f->data, ID, &err), -1);
    assert_int_equal(err.code, EBUSY);
    let_go(&h);
    assert_true(exists(f, ID "/snapshots"));
    /* a leftover of an interrupted delete goes with the next one */
    assert_int_equal(mkdir(strcat(strcpy((char[4500]){ 0 }, f->data), "/.deleted-old-1"), 0700), 0);
    assert_int_equal(store_delete(f->data, ID, &err), 0);
    assert_false(exists(f, ID));
    assert_int_equal(store_coops(f->data, &ids, &err), 0);
    assert_int_equal(ids.n, 0);
    d = opendir(f->data);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            fail_msg("left in the data directory: %s", de->d_name);
    closedir(d);
    assert_int_equal(store_delete(f->data, ID, &err), -1);
    assert_int_equal(err.code, ENOENT);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_format1_loads_and_upgrades),
        T(test_interim_then_complete),
        T(test_never_assessed_due),
        T(test_rename),
        T(test_rename_refused_while_open),
        T(test_rename_interrupted),
        T(test_delete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
