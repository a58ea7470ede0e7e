/* test_git_store.c — a store shared through git, end to end: a bare
 * repository in the test's directory is the "server", two clones are two
 * users (A in the fixture's data directory, B beside it).  Everything is
 * local: no network.  git is a test dependency (scripts/deps.sh). */
#include "clitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const git_env[] = { "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0", NULL };

/* Alice is the user's git identity; Bob's clone sets its own. */
static int setup(void **state)
{
    struct cx *c;
    char path[4200];
    if (cx_setup(state, git_env) != 0)
        return -1;
    c = *state;
    snprintf(path, sizeof(path), "%s/.gitconfig", c->tmp);
    tu_write(path, "[user]\n\tname = Alice Example\n\temail = alice@example.org\n"
                   "[init]\n\tdefaultBranch = main\n");
    return 0;
}

/* git -C dir ARGS with the fixture's environment; must exit 0. */
#define GIT(c, dir, ...) git_((c), (dir), __FILE__, __LINE__, (const char *const[]){ __VA_ARGS__, NULL })
static char *git_(const struct cx *c, const char *dir, const char *file, int line,
                  const char *const *args)
{
    const char *argv[32], *env[32];
    struct tu_run r;
    size_t n = 0, k = 0;
    argv[n++] = "/usr/bin/git";
    argv[n++] = "-C";
    argv[n++] = dir;
    for (; *args; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    for (; c->env[k]; k++)
        env[k] = c->env[k];
    env[k] = NULL;
    run_argv(&r, NULL, argv, env);
    if (r.status != 0) {
        print_error("%s:%d: git %s failed (%d): %s\n", file, line, argv[3], r.status, r.err);
        fail();
    }
    return r.out;
}

/* 1 when path can be read. */
static int present(const char *path)
{
    char *t = tu_read(path, NULL);
    int there = t != NULL;
    free(t);
    return there;
}

/* coopcheck --data DIR ARGS... */
#define AT(c, r, dir, ...) RUN((c), (r), NULL, "--data", (dir), __VA_ARGS__)
#define AT_OK(c, dir, ...) OK((c), "--data", (dir), __VA_ARGS__)

/* A bare "server", user A's store (c->data) pushed to it, user B's clone. */
static const char *two_users(struct cx *c)
{
    static char b[4200];
    const char *server = tpath(c, "server.git");
    struct tu_run r;
    snprintf(b, sizeof(b), "%s/b", c->tmp);
    mkdir(server, 0700);
    GIT(c, server, "init", "-q", "--bare", "-b", "main");
    AT(c, &r, c->data, "store", "init", "--git", "--remote", server);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "is now a git repository");
    AT_OK(c, c->data, "new", "hit-ai", "--title", "AI", "--partner", "HIT");
    AT_OK(c, c->data, "sync");
    AT(c, &r, b, "store", "clone", server, b);
    EXPECT_STATUS(&r, 0);
    GIT(c, b, "config", "user.name", "Bob Beispiel");
    GIT(c, b, "config", "user.email", "bob@example.org");
    return b;
}

/* The text of field fid of question q in dir's working assessment of id. */
static const char *field_value(const char *dir, const char *id, const char *q, const char *fid)
{
    static char val[4096];
    char path[4300];
    char *text;
    cJSON *root, *v;
    snprintf(path, sizeof(path), "%s/%s/assessment.json", dir, id);
    text = tu_read(path, NULL);
    assert_non_null(text);
    root = PARSE_JSON(text);
    free(text);
    v = jget(jget(jget(jget(jget(root, "answers"), q), "fields"), fid), "value");
    snprintf(val, sizeof(val), "%s", cJSON_IsString(v) ? v->valuestring : "(absent)");
    cJSON_Delete(root);
    return val;
}

static void test_changes_are_commits(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *log, *files;
    const char *b = two_users(c);
    AT_OK(c, c->data, "set", "hit-ai", "1", "focus", "Quantum sensors");
    AT_OK(c, c->data, "measure", "add", "hit-ai", "Access control for lab data");
    AT_OK(c, c->data, "snapshot", "hit-ai", "-m", "first look", "--interim");
    assert_string_equal(GIT(c, c->data, "status", "--porcelain"), "");
    log = GIT(c, c->data, "log", "--format=%an|%s");
    HAS(log, "Alice Example|hit-ai: measures changed");
    HAS(log, "Alice Example|hit-ai: snapshot " SNAP1 ", round 1 interim");
    HAS(log, "Alice Example|hit-ai: question 1 (q01) answered");
    HAS(log, "Alice Example|hit-ai: created");
    /* locks and steps stay on the machine; the snapshot is shared */
    files = GIT(c, c->data, "ls-files");
    HAS(files, "hit-ai/assessment.json");
    HAS(files, "hit-ai/snapshots/" SNAP1 ".json");
    HAS(files, ".gitattributes");
    LACKS(files, "write.lock");
    {
        char *ignore = tu_read(tpath(c, "data/.gitignore"), NULL);
        HAS(ignore, "/*/write.lock");
        HAS(ignore, "/reports/");
        HAS(ignore, "/lists/");
        free(ignore);
    }
    /* a clone's files are the user's alone, like every store file */
    assert_int_equal(tu_mode(b), 0700);
    assert_int_equal(tu_mode(tpath(c, "b/hit-ai/assessment.json")), 0600);
    /* a store that is not git is told so */
    RUN(c, &r, NULL, "--data", tpath(c, "plain"), "sync");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "is not a git store: 'coopcheck store init --git'");
    /* store init again: the same remote is fine, another one is refused */
    AT(c, &r, c->data, "store", "init", "--git", "--remote", tpath(c, "server.git"));
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "is a git repository already");
    AT(c, &r, c->data, "store", "init", "--git", "--remote", tpath(c, "elsewhere.git"));
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "remote set-url origin");
    /* without a git identity nothing is done at all */
    {
        const char *noid[] = { "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=", "EMAIL=", NULL };
        run_v(c, &r, NULL, noid, (const char *const[]){ "--data", tpath(c, "fresh"), "store", "init",
                                                         "--git", NULL });
        EXPECT_STATUS(&r, 6);
        ERR_HAS(&r, "git does not know who you are");
        assert_false(present(tpath(c, "fresh/.git/HEAD")));
    }
    /* a clone never goes into a directory that holds something */
    RUN(c, &r, NULL, "store", "clone", tpath(c, "server.git"), c->data);
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "exists and is not empty");
}

static void test_different_fields_both_land(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *b = two_users(c);
    AT_OK(c, c->data, "set", "hit-ai", "2", "partner_state", "Alice's view");
    AT_OK(c, b, "set", "hit-ai", "2", "de_eu_state", "Bob's view");
    AT_OK(c, c->data, "sync");
    AT(c, &r, b, "sync");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "1 cooperation came in");
    OUT_HAS(&r, "hit-ai  by Alice Example (1 commit)");
    OUT_LACKS(&r, "conflict");
    AT(c, &r, c->data, "sync");
    OUT_HAS(&r, "hit-ai  by Bob Beispiel");
    assert_string_equal(field_value(c->data, "hit-ai", "q02", "partner_state"), "Alice's view");
    assert_string_equal(field_value(c->data, "hit-ai", "q02", "de_eu_state"), "Bob's view");
    assert_string_equal(field_value(b, "hit-ai", "q02", "partner_state"), "Alice's view");
    assert_string_equal(field_value(b, "hit-ai", "q02", "de_eu_state"), "Bob's view");
    AT(c, &r, c->data, "show", "hit-ai");
    OUT_LACKS(&r, "Conflicts");
}

static void test_same_field_conflict_resolved(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *log;
    const char *b = two_users(c);
    AT_OK(c, c->data, "set", "hit-ai", "3", "added_value", "A says");
    AT_OK(c, b, "set", "hit-ai", "3", "added_value", "B says");
    AT_OK(c, c->data, "sync");
    AT(c, &r, b, "sync");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "1 conflict to resolve: 'coopcheck show hit-ai' shows it");
    /* B keeps its own value; A's is recorded beside it */
    assert_string_equal(field_value(b, "hit-ai", "q03", "added_value"), "B says");
    AT(c, &r, b, "show", "hit-ai");
    OUT_HAS(&r, "merge conflicts to resolve: 1");
    OUT_HAS(&r, "1  question 3 (q03), Added value for institution and Germany");
    OUT_HAS(&r, "now:   B says");
    OUT_HAS(&r, "other: A says");
    /* A complete snapshot waits for it */
    AT(c, &r, b, "snapshot", "hit-ai", "-m", "x");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "merge conflicts to resolve: 1");
    /* A sees the conflict too once it syncs */
    AT(c, &r, c->data, "sync");
    AT(c, &r, c->data, "show", "hit-ai");
    OUT_HAS(&r, "merge conflicts to resolve: 1");
    /* B takes the other side's value (A's) */
    AT(c, &r, b, "resolve", "hit-ai", "2", "other");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "has no conflict 2");
    AT(c, &r, b, "resolve", "hit-ai", "1", "theirs");
    EXPECT_STATUS(&r, 2);
    AT(c, &r, b, "resolve", "hit-ai", "1", "other");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "now has the other side's value");
    assert_string_equal(field_value(b, "hit-ai", "q03", "added_value"), "A says");
    AT(c, &r, b, "show", "hit-ai");
    OUT_LACKS(&r, "merge conflicts");
    log = GIT(c, b, "log", "-1", "--format=%an|%s");
    HAS(log, "Bob Beispiel|hit-ai: conflict in question 3 (q03)");
    AT_OK(c, b, "sync");
    AT_OK(c, c->data, "sync");
    assert_string_equal(field_value(c->data, "hit-ai", "q03", "added_value"), "A says");
    AT(c, &r, c->data, "show", "hit-ai");
    OUT_LACKS(&r, "merge conflicts");
    /* a second conflict, which B settles by editing the value */
    AT_OK(c, c->data, "set", "hit-ai", "3", "added_value", "A2");
    AT_OK(c, b, "set", "hit-ai", "3", "added_value", "B2");
    AT_OK(c, c->data, "sync");
    AT_OK(c, b, "sync");
    AT(c, &r, b, "show", "hit-ai");
    OUT_HAS(&r, "now:   B2");
    OUT_HAS(&r, "other: A2");
    AT_OK(c, b, "set", "hit-ai", "3", "added_value", "Agreed text");
    AT(c, &r, b, "show", "hit-ai");
    OUT_LACKS(&r, "merge conflicts");
    AT_OK(c, b, "sync");
    AT_OK(c, c->data, "sync");
    assert_string_equal(field_value(c->data, "hit-ai", "q03", "added_value"), "Agreed text");
    AT(c, &r, c->data, "show", "hit-ai");
    OUT_LACKS(&r, "merge conflicts");
}

static void test_concurrent_snapshots(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *b = two_users(c);
    AT_OK(c, c->data, "set", "hit-ai", "1", "focus", "A");
    AT_OK(c, c->data, "snapshot", "hit-ai", "-m", "A's", "--interim");
    memcpy(c->env_now, "COOPCHECK_NOW=2026-11-27T04:00:00Z", 35);
    AT_OK(c, b, "set", "hit-ai", "1", "own_goals", "B");
    AT_OK(c, b, "snapshot", "hit-ai", "-m", "B's", "--interim");
    AT_OK(c, c->data, "sync");
    AT(c, &r, b, "sync");
    EXPECT_STATUS(&r, 0);
    AT_OK(c, c->data, "sync");
    /* both snapshots are there, the chain is valid on both sides */
    assert_true(present(tpath(c, "data/hit-ai/snapshots/" SNAP1 ".json")));
    assert_true(present(tpath(c, "data/hit-ai/snapshots/20261127T040000Z.json")));
    AT(c, &r, c->data, "verify", "hit-ai");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "the chain of 2 snapshots is intact");
    AT(c, &r, b, "verify", "hit-ai");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(field_value(c->data, "hit-ai", "q01", "focus"), "A");
    assert_string_equal(field_value(c->data, "hit-ai", "q01", "own_goals"), "B");
    /* the next snapshot follows the newer one; the chain stays valid */
    memcpy(c->env_now, "COOPCHECK_NOW=2026-11-27T05:00:00Z", 35);
    AT_OK(c, c->data, "snapshot", "hit-ai", "-m", "after", "--interim");
    AT(c, &r, c->data, "verify");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "the chain of 3 snapshots is intact");
    /* a snapshot slipped in beside them is not taken for a merged one */
    {
        char *s = tu_read(tpath(c, "data/hit-ai/snapshots/" SNAP1 ".json"), NULL);
        char *p = strstr(s, SNAP1);
        memcpy(p, "20261127T034530Z", 16);
        tu_write(tpath(c, "data/hit-ai/snapshots/20261127T034530Z.json"), s);
        free(s);
    }
    AT(c, &r, c->data, "verify", "hit-ai");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "no snapshot follows 20261127T034530Z");
}

/* Two snapshots under one name (the same second on two machines) cannot
 * be merged: the sync says so and changes nothing. */
static void test_same_second_snapshots_refused(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *b = two_users(c);
    struct bytes before;
    char *head;
    AT_OK(c, c->data, "snapshot", "hit-ai", "-m", "A's", "--interim");
    AT_OK(c, b, "set", "hit-ai", "1", "focus", "B");
    AT_OK(c, b, "snapshot", "hit-ai", "-m", "B's", "--interim");
    AT_OK(c, c->data, "sync");
    before = grab(tpath(c, "b/hit-ai/assessment.json"));
    head = GIT(c, b, "rev-parse", "HEAD");
    AT(c, &r, b, "sync");
    EXPECT_STATUS(&r, 6);
    ERR_HAS(&r, "both sides took a snapshot under the same name (hit-ai/snapshots/" SNAP1 ".json)");
    ERR_HAS(&r, "Nothing was changed here");
    EXPECT_SAME(tpath(c, "b/hit-ai/assessment.json"), &before);
    free(before.buf);
    assert_string_equal(GIT(c, b, "rev-parse", "HEAD"), head);
    assert_string_equal(GIT(c, b, "status", "--porcelain"), "");
}

/* A hook that lets B push first, once, just before A pushes. */
static void push_race(struct cx *c, const char *b)
{
    char hook[4400];
    FILE *f;
    snprintf(hook, sizeof(hook), "%s/.git/hooks/pre-push", c->data);
    f = fopen(hook, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n[ -e '%s/raced' ] && exit 0\n: > '%s/raced'\n"
               "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\n"
               "git -C '%s' push -q origin HEAD:refs/heads/main\nexit 0\n", c->tmp, c->tmp, b);
    fclose(f);
    chmod(hook, 0700);
}

static void test_push_refused_then_integrated(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *remote;
    const char *b = two_users(c);
    AT_OK(c, b, "set", "hit-ai", "1", "own_goals", "Bob first");
    AT_OK(c, c->data, "set", "hit-ai", "1", "focus", "Alice second");
    push_race(c, b);
    AT(c, &r, c->data, "sync");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "The remote moved on once while syncing");
    OUT_HAS(&r, "hit-ai  by Bob Beispiel");
    remote = GIT(c, tpath(c, "server.git"), "log", "--format=%an|%s", "main");
    HAS(remote, "Bob Beispiel|hit-ai: question 1 (q01) answered");
    HAS(remote, "Alice Example|hit-ai: question 1 (q01) answered");
    AT_OK(c, b, "sync");
    assert_string_equal(field_value(b, "hit-ai", "q01", "focus"), "Alice second");
    assert_string_equal(field_value(b, "hit-ai", "q01", "own_goals"), "Bob first");
}

/* A git in PATH that runs the real one and then kills coopcheck (its
 * parent) at the step named, once. */
static const char *killer_git(struct cx *c, const char *step, int before)
{
    static char env[4300];
    char path[4300];
    FILE *f;
    snprintf(path, sizeof(path), "%s/shim", c->tmp);
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/shim/git", c->tmp);
    f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n"
               "for a in \"$@\"; do\n"
               "  if [ \"$a\" = %s ] && [ ! -e '%s/killed' ]; then\n"
               "    : > '%s/killed'\n"
               "    %s\n"
               "    kill -9 $PPID\n"
               "    exit 1\n"
               "  fi\n"
               "done\n"
               "exec /usr/bin/git \"$@\"\n",
            step, c->tmp, c->tmp, before ? ":" : "/usr/bin/git \"$@\" --no-commit >/dev/null 2>&1");
    fclose(f);
    chmod(path, 0700);
    snprintf(env, sizeof(env), "PATH=%s/shim:/usr/bin:/bin", c->tmp);
    return env;
}

static void interrupted(struct cx *c, const char *step, int before)
{
    struct tu_run r;
    const char *b = two_users(c);
    char *remote;
    AT_OK(c, b, "set", "hit-ai", "2", "de_eu_state", "Bob");
    AT_OK(c, b, "sync");
    AT_OK(c, c->data, "set", "hit-ai", "2", "partner_state", "Alice");
    RUN_ENV(c, &r, killer_git(c, step, before), "--data", c->data, "sync");
    assert_int_equal(r.status, 128 + 9);
    assert_true(present(tpath(c, "killed")));
    /* both the repository and the assessment are usable */
    GIT(c, c->data, "fsck", "--no-progress");
    AT(c, &r, c->data, "show", "hit-ai");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Alice");
    /* and the next sync finishes the work */
    AT(c, &r, c->data, "sync");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(field_value(c->data, "hit-ai", "q02", "partner_state"), "Alice");
    assert_string_equal(field_value(c->data, "hit-ai", "q02", "de_eu_state"), "Bob");
    remote = GIT(c, tpath(c, "server.git"), "log", "--format=%an|%s", "main");
    HAS(remote, "Alice Example|hit-ai: question 2 (q02) answered");
    AT(c, &r, c->data, "verify");
    EXPECT_STATUS(&r, 0);
}

static void test_killed_during_merge(void **state)
{
    interrupted(*state, "merge", 0);
}

static void test_killed_before_push(void **state)
{
    interrupted(*state, "push", 1);
}

static void test_signed_history_and_rewritten_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *kg[] = { tu_ssh_keygen(), "-q", "-t", "ed25519", "-N", "", "-C", "alice",
                         "-f", tpath(c, "key"), NULL };
    char *pub, line[4096];
    two_users(c);
    tu_run(&r, NULL, kg, c->env);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    pub = tu_read(tpath(c, "key.pub"), NULL);
    snprintf(line, sizeof(line), "alice@example.org %s", pub);
    free(pub);
    tu_write(tpath(c, "data/allowed_signers"), line);
    GIT(c, c->data, "config", "gpg.format", "ssh");
    GIT(c, c->data, "config", "user.signingkey", tpath(c, "key"));
    GIT(c, c->data, "config", "commit.gpgsign", "true");
    AT_OK(c, c->data, "set", "hit-ai", "1", "focus", "signed");
    AT_OK(c, c->data, "snapshot", "hit-ai", "-m", "signed", "--interim");
    GIT(c, c->data, "add", "allowed_signers");
    GIT(c, c->data, "commit", "-q", "-m", "store: allowed signers");
    AT(c, &r, c->data, "verify");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "(3 with a good signature)");
    /* a data directory given relative to the working directory checks the same */
    {
        char rel[4200] = "", cwd[4096];
        assert_non_null(getcwd(cwd, sizeof(cwd)));
        for (const char *p = cwd; *p; p++)   /* up to / from the working directory */
            if (*p == '/' && p[1])
                strcat(rel, "../");
        strcat(rel, c->tmp + 1);
        strcat(rel, "/data");
        AT(c, &r, rel, "verify");
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, "(3 with a good signature)");
    }
    OUT_HAS(&r, "2 of 5 commits are not signed");
    OUT_HAS(&r, "no snapshot was changed after it was committed");
    /* a snapshot rewritten and committed is found in the history */
    {
        char *s = tu_read(spath(c, "hit-ai", SNAP1), NULL), *p = strstr(s, "signed");
        memcpy(p, "SIGNED", 6);
        tu_write(spath(c, "hit-ai", SNAP1), s);
        free(s);
        AT(c, &r, c->data, "verify");
        EXPECT_STATUS(&r, 1);
        OUT_HAS(&r, "snapshot hit-ai/snapshots/" SNAP1 ".json differs from its committed version");
        GIT(c, c->data, "commit", "-q", "-a", "-m", "tidy up");
    }
    AT(c, &r, c->data, "verify");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "snapshot hit-ai/snapshots/" SNAP1 ".json was changed after it was committed, in commit");
    OUT_HAS(&r, "the chain of snapshots is BROKEN");
}

static void test_sync_reports_every_cooperation(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char id[32];
    const char *b = two_users(c);
    for (int i = 0; i < 100; i++) {
        snprintf(id, sizeof(id), "coop-%03d", i);
        AT_OK(c, c->data, "new", id, "--title", "T", "--partner", "P");
    }
    AT_OK(c, c->data, "sync");
    AT(c, &r, b, "sync");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "100 cooperations came in");
    for (int i = 0; i < 100; i++) {
        char want[64];
        snprintf(want, sizeof(want), "  coop-%03d  by Alice Example (1 commit)\n", i);
        OUT_HAS(&r, want);
    }
    AT(c, &r, b, "store", "status");
    OUT_HAS(&r, "Last sync 2026-11-27T03:45:21Z: 100 cooperations came in.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_changes_are_commits, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_different_fields_both_land, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_same_field_conflict_resolved, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_snapshots, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_same_second_snapshots_refused, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_push_refused_then_integrated, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_killed_during_merge, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_killed_before_push, setup, cx_teardown),
        cmocka_unit_test_setup_teardown(test_signed_history_and_rewritten_snapshot, setup,
                                        cx_teardown),
        cmocka_unit_test_setup_teardown(test_sync_reports_every_cooperation, setup, cx_teardown),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
