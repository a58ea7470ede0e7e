/* Tests of the editor's lock: a second editor of the same cooperation, and
 * the commands that write, are told who holds it instead of overwriting; a
 * lock left by a process that is gone is taken over. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cctime.h"
#include "fsio.h"
#include "store.h"
#include "testutil.h"
#include "tmux.h"

static char *data_dir(const char *tmp)
{
    char *d = xasprintf("%s/data", tmp);
    char *coop = xasprintf("%s/demo", d);
    struct cc_err err;
    assert_int_equal(fs_mkdir_p(coop, &err), 0);
    free(coop);
    return d;
}

static void write_lock(const char *data, long pid)
{
    char *host = cc_host(), *path = xasprintf("%s/demo/lock", data);
    char *text = xasprintf("alice\n%s\n%ld\n2026-01-01T00:00:00Z\n", host, pid);
    tu_write(path, text);
    free(text);
    free(path);
    free(host);
}

static void test_lock_and_unlock(void **state)
{
    char *tmp = tu_tempdir(), *data = data_dir(tmp), *path = xasprintf("%s/demo/lock", data), *text;
    struct cc_err err;
    (void)state;
    assert_int_equal(store_lock(data, "demo", &err), 0);
    text = tu_read(path, NULL);
    assert_non_null(text);
    {
        char pid[32];
        snprintf(pid, sizeof(pid), "\n%ld\n", (long)getpid());
        assert_non_null(strstr(text, pid));
    }
    free(text);
    assert_int_equal(tu_mode(path), 0600);
    /* our own lock: taking it again is fine, and it does not block us */
    assert_int_equal(store_lock(data, "demo", &err), 0);
    assert_int_equal(store_check_lock(data, "demo", &err), 0);
    store_unlock(data, "demo");
    assert_int_equal(tu_mode(path), -1);
    free(path);
    free(data);
    tu_rmrf(tmp);
    free(tmp);
}

/* Another live process holds it: refused, and the message names it. */
static void test_lock_held_by_another(void **state)
{
    char *tmp = tu_tempdir(), *data = data_dir(tmp), *path = xasprintf("%s/demo/lock", data);
    char *before;
    struct cc_err err;
    long other = (long)getppid();   /* alive: the shell or make that started us */
    char want[64];
    (void)state;
    write_lock(data, other);
    before = tu_read(path, NULL);
    assert_int_equal(store_lock(data, "demo", &err), -1);
    assert_int_equal(err.code, EBUSY);
    snprintf(want, sizeof(want), "process %ld", other);
    assert_non_null(strstr(err.msg, "alice on "));
    assert_non_null(strstr(err.msg, want));
    assert_non_null(strstr(err.msg, "since 2026-01-01T00:00:00Z"));
    assert_int_equal(store_check_lock(data, "demo", &err), -1);
    assert_int_equal(err.code, EBUSY);
    /* unlock of someone else's lock does nothing */
    store_unlock(data, "demo");
    {
        char *after = tu_read(path, NULL);
        assert_non_null(after);
        assert_string_equal(before, after);
        free(after);
    }
    free(before);
    free(path);
    free(data);
    tu_rmrf(tmp);
    free(tmp);
}

/* The holder is gone (same host, no such process): the lock is stale. */
static void test_stale_lock_taken_over(void **state)
{
    char *tmp = tu_tempdir(), *data = data_dir(tmp), *path = xasprintf("%s/demo/lock", data), *text;
    struct cc_err err;
    char want[32];
    (void)state;
    write_lock(data, tu_dead_pid());
    assert_int_equal(store_check_lock(data, "demo", &err), 0);
    assert_int_equal(store_lock(data, "demo", &err), 0);
    text = tu_read(path, NULL);
    snprintf(want, sizeof(want), "\n%ld\n", (long)getpid());
    assert_non_null(strstr(text, want));
    free(text);
    store_unlock(data, "demo");
    free(path);
    free(data);
    tu_rmrf(tmp);
    free(tmp);
}

/* The lock is not flushed to disk (store_lock.c): after a crash of the
 * system it may be empty, cut short or zeros.  Such a lock is stale and
 * taken over, from this host or another; a complete one from another host
 * is not. */
static void test_incomplete_lock_taken_over(void **state)
{
    static const char *const left[] = {
        "",
        "alice\nother-host\n4242\n",            /* cut after three lines */
        "alice\nother-host\n4242\n2026-01-01T00:0",   /* cut in the fourth */
        "\n\n\n\n\n\n",                      /* lines, but no host and no pid */
    };
    char *tmp = tu_tempdir(), *data = data_dir(tmp), *path = xasprintf("%s/demo/lock", data);
    struct cc_err err;
    char want[32];
    (void)state;
    snprintf(want, sizeof(want), "\n%ld\n", (long)getpid());
    for (size_t i = 0; i < CC_ARRAY_LEN(left) + 1; i++) {
        char *text;
        if (i < CC_ARRAY_LEN(left)) {
            tu_write(path, left[i]);
        } else {   /* zeros where the text should be */
            FILE *f = fopen(path, "w");
            assert_non_null(f);
            assert_int_equal(fwrite("\0\0\0\0\n\0\0\n\0\0\n\0\n", 1, 14, f), 14);
            fclose(f);
        }
        assert_int_equal(store_check_lock(data, "demo", &err), 0);
        assert_int_equal(store_lock(data, "demo", &err), 0);
        text = tu_read(path, NULL);
        assert_non_null(strstr(text, want));
        free(text);
        store_unlock(data, "demo");
        assert_int_equal(tu_mode(path), -1);
    }
    /* complete, from another host: that program may well run; refused */
    tu_write(path, "alice\nother-host\n4242\n2026-01-01T00:00:00Z\n");
    assert_int_equal(store_lock(data, "demo", &err), -1);
    assert_int_equal(err.code, EBUSY);
    assert_non_null(strstr(err.msg, "other-host"));
    free(path);
    free(data);
    tu_rmrf(tmp);
    free(tmp);
}

/* ---- the command line and the interface ---- */

static void test_cli_writers_refuse_while_locked(void **state)
{
    struct tmx *s = tmx_new();
    char *json = xasprintf("%s/demo/assessment.json", s->data), *before, *after, *err = NULL;
    int rc;
    (void)state;
    assert_int_equal(tmx_cli(s, NULL, NULL, NULL, "new", "demo", NULL), 0);
    write_lock(s->data, (long)getpid());   /* this test process: alive */
    before = tu_read(json, NULL);
    rc = tmx_cli(s, NULL, NULL, &err, "set", "demo", "1", "focus", "x", NULL);
    assert_int_equal(rc, 5);
    assert_non_null(strstr(err, "is open in another coopcheck: alice on"));
    free(err);
    err = NULL;
    /* interim or not: the lock is what refuses it (before what is open) */
    rc = tmx_cli(s, NULL, NULL, &err, "snapshot", "demo", "-m", "x", "--interim", NULL);
    assert_int_equal(rc, 5);
    assert_non_null(strstr(err, "is open in another coopcheck: alice on"));
    free(err);
    err = NULL;
    rc = tmx_cli(s, NULL, NULL, &err, "snapshot", "demo", "-m", "x", NULL);
    assert_int_equal(rc, 5);
    assert_non_null(strstr(err, "is open in another coopcheck: alice on"));
    free(err);
    err = NULL;
    rc = tmx_cli(s, NULL, NULL, &err, "edit", "demo", "--title", "x", NULL);
    assert_int_equal(rc, 5);
    free(err);
    after = tu_read(json, NULL);
    assert_string_equal(before, after);
    free(after);
    /* reading is always allowed */
    assert_int_equal(tmx_cli(s, NULL, NULL, NULL, "show", "demo", NULL), 0);
    /* a stale lock does not stand in the way */
    write_lock(s->data, tu_dead_pid());
    assert_int_equal(tmx_cli(s, NULL, NULL, NULL, "set", "demo", "1", "focus", "x", NULL), 0);
    free(before);
    free(json);
    tmx_free(s);
}

/* While the interface has it open, a second interface and the command line
 * are told who holds it; after q the lock is gone. */
static void test_second_editor_is_told(void **state)
{
    struct tmx *s = tmx_new(), *s2 = tmx_new();
    const char *args[] = { "open", "demo", NULL };
    char *lock, *err = NULL, *second_data;
    (void)state;
    assert_int_equal(tmx_cli(s, NULL, NULL, NULL, "new", "demo", NULL), 0);
    tmx_start(s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    tmx_wait(s, "Question 1 of 19");
    lock = xasprintf("%s/demo/lock", s->data);
    tmx_wait_file(lock, NULL);
    assert_int_equal(tmx_cli(s, NULL, NULL, &err, "set", "demo", "1", "focus", "x", NULL), 5);
    assert_non_null(strstr(err, "is open in another coopcheck"));
    free(err);
    /* the second interface works on the same data directory */
    second_data = xasprintf("COOPCHECK_DATA=%s", s->data);
    {
        const char *env[] = { second_data, NULL };
        tmx_start(s2, 80, 24, "tmux-256color", "C.UTF-8", env, args);
        tmx_wait_all(s2, "is open in another coopcheck", "EXITED 5", NULL);
    }
    tmx_keys(s, "q", NULL);
    tmx_wait(s, "EXITED 0");
    assert_int_equal(tu_mode(lock), -1);
    assert_int_equal(tmx_cli(s, NULL, NULL, NULL, "set", "demo", "1", "focus", "x", NULL), 0);
    free(second_data);
    free(lock);
    tmx_free(s2);
    tmx_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lock_and_unlock),
        cmocka_unit_test(test_lock_held_by_another),
        cmocka_unit_test(test_stale_lock_taken_over),
        cmocka_unit_test(test_incomplete_lock_taken_over),
        cmocka_unit_test(test_cli_writers_refuse_while_locked),
        cmocka_unit_test(test_second_editor_is_told),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
