/* End-to-end test of a shared git store in the full-screen interface: the
 * picker says what the last sync brought and who changed it, a conflict a
 * sync recorded is shown at its field, O takes the other side's value, and
 * leaving the interface commits what changed as one commit.  Two users (A in
 * the session's data directory, B beside it) share a bare repository in the
 * test's directory; nothing leaves the machine. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tmux.h"

#define TMX_SNAP1 "20261127T034521Z"

struct fx {
    struct tmx *s;
    char b[TMX_PATH_MAX + 8];   /* user B's store */
};

static char *git(struct fx *f, const char *dir, const char *a1, const char *a2, const char *a3)
{
    char env_home[TMX_PATH_MAX + 8];
    const char *argv[] = { "/usr/bin/git", "-C", dir, a1, a2, a3, NULL };
    const char *env[] = { env_home, "GIT_CONFIG_NOSYSTEM=1", NULL };
    struct tu_run r;
    char *out;
    snprintf(env_home, sizeof(env_home), "HOME=%s", f->s->tmp);
    tu_run(&r, NULL, argv, env);
    if (r.status != 0)
        fprintf(stderr, "git %s: %s\n", a1, r.err);
    assert_int_equal(r.status, 0);
    out = strdup(r.out);
    tu_run_free(&r);
    return out;
}

static void cli(struct fx *f, const char *a1, const char *a2, const char *a3, const char *a4,
                const char *a5, const char *a6, const char *a7)
{
    char *err = NULL;
    int rc = tmx_cli(f->s, NULL, NULL, &err, a1, a2, a3, a4, a5, a6, a7, NULL);
    if (rc != 0)
        fprintf(stderr, "coopcheck %s %s %s: %s\n", a1, a2, a3, err ? err : "");
    free(err);
    assert_int_equal(rc, 0);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char cfg[TMX_PATH_MAX + 16], server[TMX_PATH_MAX + 16];
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->b, sizeof(f->b), "%s/b", f->s->tmp);
    snprintf(cfg, sizeof(cfg), "%s/.gitconfig", f->s->tmp);
    tu_write(cfg, "[user]\n\tname = Alice Example\n\temail = alice@example.org\n"
                  "[init]\n\tdefaultBranch = main\n");
    snprintf(server, sizeof(server), "%s/server.git", f->s->tmp);
    {
        const char *argv[] = { "/usr/bin/git", "init", "-q", "--bare", server, NULL };
        struct tu_run r;
        tu_run(&r, NULL, argv, NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
    }
    cli(f, "store", "init", "--git", "--remote", server, NULL, NULL);
    cli(f, "new", "demo", "--title", "Demo coop", "--partner", "Fudan University", NULL);
    cli(f, "sync", NULL, NULL, NULL, NULL, NULL, NULL);
    cli(f, "store", "clone", server, f->b, NULL, NULL, NULL);
    free(git(f, f->b, "config", "user.name", "Bob Beispiel"));
    cli(f, "set", "demo", "3", "added_value", "A says", NULL, NULL);
    cli(f, "sync", NULL, NULL, NULL, NULL, NULL, NULL);
    cli(f, "--data", f->b, "set", "demo", "3", "added_value", "B says");
    cli(f, "--data", f->b, "sync", NULL, NULL, NULL, NULL);
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f) {
        tmx_free(f->s);
        free(f);
    }
    return 0;
}

static void test_conflict_in_the_interface(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "--data", f->b, NULL };
    char path[TMX_PATH_MAX + 64], *v, *log, *text;
    snprintf(path, sizeof(path), "%s/demo/assessment.json", f->b);
    tmx_start(f->s, 100, 24, "tmux-256color", "C.UTF-8", NULL, args);
    /* the picker: what the last sync brought, by whom, and the conflict */
    tmx_wait(f->s, "(git; last sync 2026-11-27T03:45: 1 cooperation came in)");
    tmx_wait(f->s, "conflict, changed by Alice Example (last sync)");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "3", "Enter", NULL);
    tmx_wait(f->s, "Question 3 of 19");
    tmx_wait(f->s, "Conflict from a sync: the other side has \"A says\"");
    tmx_keys(f->s, "O", NULL);
    tmx_wait_gone(f->s, "Conflict from a sync");
    tmx_wait_value(path, "q03", "added_value", "A says");
    text = tu_read(path, NULL);
    assert_null(strstr(text, "\"conflicts\""));
    free(text);
    /* a sync waits while the cooperation is open here */
    {
        char *err = NULL;
        int rc = tmx_cli(f->s, NULL, NULL, &err, "--data", f->b, "sync", NULL);
        assert_int_equal(rc, 5);
        assert_non_null(strstr(err, "demo: "));
        assert_non_null(strstr(err, "a sync could merge the others' changes under it"));
        free(err);
    }
    /* nothing is committed while it is open ... */
    log = git(f, f->b, "log", "-1", "--format=%an|%s");
    assert_null(strstr(log, "changed in the interface"));
    free(log);
    /* ... but a snapshot, which is a commit of its own */
    tmx_keys(f->s, "s", NULL);
    tmx_wait(f->s, "can only be interim");
    tmx_keys(f->s, "i", NULL);
    tmx_wait(f->s, "Note of the interim snapshot (required):");
    tmx_type(f->s, "first look");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "interim snapshot " TMX_SNAP1 " taken");
    log = git(f, f->b, "log", "-1", "--format=%an|%s");
    assert_non_null(strstr(log, "Bob Beispiel|demo: snapshot " TMX_SNAP1 ", round 1 interim"));
    free(log);
    v = git(f, f->b, "status", "--porcelain", NULL);
    assert_string_equal(v, "");   /* it took the answer typed before it along */
    free(v);
    tmx_keys(f->s, "j", NULL);    /* one more change after it, committed on leaving */
    tmx_keys(f->s, "f", NULL);
    tmx_wait(f->s, "needs follow-up");
    /* ... and leaving commits it as one commit */
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "Cooperations");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
    log = git(f, f->b, "log", "-1", "--format=%an|%s");
    assert_non_null(strstr(log, "Bob Beispiel|demo: changed in the interface"));
    free(log);
    v = git(f, f->b, "status", "--porcelain", NULL);
    assert_string_equal(v, "");
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_conflict_in_the_interface, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
