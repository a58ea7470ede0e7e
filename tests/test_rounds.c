/* test_rounds.c — rounds, due dates, diff, verify, export and the man-style
 * help, driven through the built binary like tests/test_cli.c.
 *
 * Every test runs $COOPCHECK_BIN (tu_bin()) in its own temporary directory:
 * COOPCHECK_DATA=<tmp>/data, XDG_CONFIG_HOME=<tmp>/cfg, HOME=<tmp>, a fixed
 * clock (COOPCHECK_NOW, changed between runs where a test needs time to pass),
 * LANG=C.UTF-8 without LC_ALL/LC_MESSAGES (English), COLUMNS and NO_COLOR
 * removed.  Output goes to pipes, except in the one test that needs a
 * terminal (diff --color=auto), which runs the program on a pseudo-terminal.
 *
 * Exit statuses (cli.h): 0 ok, 1 "a check said no" (diff found differences,
 * verify a broken chain, due something due), 2 usage (and every diff
 * trouble), 3 not found, 4 invalid data, 5 conflict. */
#include "cliassess.h"
#include "clitest.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "catalog.h"
#include "sha256.h"

#define SNAP3 "20261127T034521Z-3"

/* ---- fixture (tests/support/clitest.h) --------------------------------------- */

static int setup(void **state)
{
    return cx_setup(state, (const char *const[]){ "NO_COLOR=", NULL });
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

/* The clock of the following runs. */
static void set_now(struct cx *c, const char *iso)
{
    snprintf(c->env_now, sizeof(c->env_now), "COOPCHECK_NOW=%s", iso);
}

/* ---- helpers -------------------------------------------------------------- */

/* Replaces the one occurrence of from in the file by to. */
static void replace_in_file(const char *path, const char *from, const char *to)
{
    size_t len;
    char *text = tu_read(path, &len), *at, *out;
    assert_non_null(text);
    at = strstr(text, from);
    if (!at || strstr(at + 1, from))
        fail_msg("\"%s\" is not in %s exactly once", from, path);
    out = malloc(len + strlen(to) + 1);
    assert_non_null(out);
    sprintf(out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    tu_write(path, out);
    free(out);
    free(text);
}

static cJSON *read_json(const char *path)
{
    char *text = tu_read(path, NULL);
    cJSON *j;
    assert_non_null(text);
    j = PARSE_JSON(text);
    free(text);
    return j;
}

static void write_json(const char *path, const cJSON *j)
{
    char *text = cJSON_Print(j);
    assert_non_null(text);
    tu_write(path, text);
    cJSON_free(text);
}

static int jint(const cJSON *o, const char *key)
{
    const cJSON *v = jget(o, key);
    if (!cJSON_IsNumber(v))
        fail_msg("\"%s\" is not a number", key);
    return v->valueint;
}

static void sha_of_file(const char *path, char hex[65])
{
    size_t len;
    char *buf = tu_read(path, &len);
    assert_non_null(buf);
    sha256_hex(buf, len, hex);
    free(buf);
}

/* The user name coopcheck records as "who" (cc_user: the passwd entry). */
static const char *who(void)
{
    const struct passwd *pw = getpwuid(geteuid());
    assert_non_null(pw);
    return pw->pw_name;
}

/* The line of text that starts with prefix (copied into buf), or fails. */
static const char *line_starting_(const char *text, const char *prefix, char *buf, size_t size,
                                  const char *file, int line)
{
    size_t n = strlen(prefix);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, prefix, n) == 0) {
            const char *eol = strchr(p, '\n');
            snprintf(buf, size, "%.*s", (int)(eol ? eol - p : (long)strlen(p)), p);
            return buf;
        }
    }
    {
        char *t = printable(text);
        print_error("no line starts with \"%s\":\n%s\n", prefix, t);
        free(t);
    }
    _fail(file, line);
    return NULL;
}
#define LINE_STARTING(text, prefix, buf) \
    line_starting_((text), (prefix), (buf), sizeof(buf), __FILE__, __LINE__)

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* 1 when some line of text starts with prefix. */
static int some_line_starts(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, prefix, n) == 0)
            return 1;
    return 0;
}

/* ---- common steps --------------------------------------------------------- */


/* Takes a snapshot (interim: with --interim; the note "snapshot" when note is
 * NULL); checks that its name, the first line printed, is want, and that the
 * output says which kind it is. */
static void snapshot_(struct cx *c, const char *id, const char *note, int interim,
                      const char *want, const char *file, int line)
{
    struct tu_run r;
    size_t n = strlen(want);
    if (interim)
        RUN(c, &r, NULL, "snapshot", id, "-m", note ? note : "snapshot", "--interim");
    else
        RUN(c, &r, NULL, "snapshot", id, "-m", note ? note : "snapshot");
    expect_status_(&r, 0, file, line);
    if (strncmp(r.out, want, n) != 0 || r.out[n] != '\n') {
        print_error("snapshot printed \"%s\", expected \"%s\" first\n", r.out, want);
        _fail(file, line);
    }
    expect_in_(r.out + n, interim ? "\ninterim: " : "\ncomplete: ", "stdout", file, line);
    run_free(&r);
}
/* An interim snapshot (the round stays open) and a complete one (it closes
 * the round: nothing may be open). */
#define SNAPSHOT(c, id, note, want) snapshot_((c), (id), (note), 1, (want), __FILE__, __LINE__)
#define COMPLETE(c, id, note, want) snapshot_((c), (id), (note), 0, (want), __FILE__, __LINE__)

static void new_coop(struct cx *c, const char *id, const char *title, const char *interval)
{
    OK(c, "new", id, "--title", title, "--interval", interval);
}

/* The list --json entry of id (from root). */
static const cJSON *list_entry(const cJSON *root, const char *id)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, root)
        if (jstr(o, "id") && strcmp(jstr(o, "id"), id) == 0)
            return o;
    fail_msg("list --json has no entry \"%s\"", id);
    return NULL;
}

/* to_review of id per 'list --json'. */
static int to_review_(struct cx *c, const char *id, const char *file, int line)
{
    struct tu_run r;
    cJSON *root;
    int n;
    RUN(c, &r, NULL, "list", "--json");
    expect_status_(&r, 0, file, line);
    root = PARSE_JSON(r.out);
    n = jint(list_entry(root, id), "to_review");
    cJSON_Delete(root);
    run_free(&r);
    return n;
}
#define TO_REVIEW(c, id) to_review_((c), (id), __FILE__, __LINE__)

/* answers.<q>.review in the working assessment file (0 when q is absent). */
static int review_mark(struct cx *c, const char *id, const char *q)
{
    cJSON *root = read_json(apath(c, id));
    const cJSON *v = jget(jget(jget(root, "answers"), q), "review");
    int on = cJSON_IsTrue(v);
    cJSON_Delete(root);
    return on;
}

/* The full path of a program found in $PATH, or NULL. */
static const char *in_path(const char *name, char *buf, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t n = strcspn(path, ":");
        snprintf(buf, size, "%.*s/%s", (int)n, path, name);
        if (n && access(buf, X_OK) == 0)
            return buf;
        path += n + (path[n] == ':');
    }
    return NULL;
}

/* Writes text to a file and runs mandoc -Tlint -Wwarning on it: no
 * complaint and status 0. */
static void mandoc_lint_(struct cx *c, const char *text, const char *name, const char *file,
                         int line)
{
    char prog[4200];
    const char *path = tpath(c, "%s", name);
    struct tu_run r;
    if (!in_path("mandoc", prog, sizeof(prog))) {
        print_error("mandoc is not installed ('make check' installs it)\n");
        _fail(file, line);
    }
    tu_write(path, text);
    {
        const char *argv[] = { prog, "-Tlint", "-Wwarning", path, NULL };
        run_argv(&r, NULL, argv, c->env);
    }
    if (r.status != 0 || r.out[0] || r.err[0]) {
        print_error("mandoc -Tlint -Wwarning %s: status %d\n%s%s\n", name, r.status, r.out, r.err);
        _fail(file, line);
    }
    run_free(&r);
}
#define MANDOC_LINT(c, text, name) mandoc_lint_((c), (text), (name), __FILE__, __LINE__)

/* ---- rounds ----------------------------------------------------------------- */

/* Question 1 fully answered, question 9 partly, the others not. */
static void answer_some(struct cx *c, const char *id)
{
    OK(c, "set", id, "1", "focus", "Materials");
    OK(c, "set", id, "1", "own_goals", "Papers");
    OK(c, "set", id, "9", "military_checked", "yes");
}

static void test_snapshot_starts_round_two(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    char sha[65];
    new_coop(c, "abc", "Materials informatics", "12");
    answer_some(c, "abc");
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Round        1, started " NOW "\n");
    OUT_HAS(&r, "Progress     1/19 answered, 0 to review");
    OUT_LACKS(&r, "[to review]");
    run_free(&r);

    /* not complete yet: no snapshot, and the round stays */
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "first round");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "partly answered: 9");
    assert_string_equal(r.out, "");
    run_free(&r);
    assert_int_equal(tu_mode(spath(c, "abc", SNAP1)), -1);

    CX_ANSWER_ALL(c, "abc");
    OK(c, "set", "abc", "1", "focus", "Materials");
    COMPLETE(c, "abc", "first round", SNAP1);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Round        2, started " NOW " from snapshot " SNAP1 "\n");
    /* every question with an answer is to review */
    OUT_HAS(&r, "Progress     19/19 answered, 19 to review");
    OUT_HAS(&r, " 1  Focus and your goals  [to review]\n");
    OUT_HAS(&r, " 9  Military research and dual use  [to review]\n");
    OUT_HAS(&r, " 2  State of research compared  [to review]\n");
    /* the answers are carried over */
    OUT_HAS(&r, "(focus):\n        Materials\n");
    OUT_HAS(&r, "(military_checked): no\n");
    run_free(&r);

    /* the working file names the snapshot and its SHA-256 */
    sha_of_file(spath(c, "abc", SNAP1), sha);
    root = read_json(apath(c, "abc"));
    assert_int_equal(jint(jget(root, "round"), "number"), 2);
    assert_string_equal(jstr(jget(root, "round"), "based_on"), SNAP1);
    assert_string_equal(jstr(jget(root, "round"), "based_on_sha256"), sha);
    assert_true(cJSON_IsTrue(jget(jget(jget(root, "answers"), "q01"), "review")));
    assert_true(cJSON_IsTrue(jget(jget(jget(root, "answers"), "q09"), "review")));
    assert_true(cJSON_IsTrue(jget(jget(jget(root, "answers"), "q02"), "review")));
    cJSON_Delete(root);

    /* the snapshot holds round 1 as it was, without review marks */
    root = read_json(spath(c, "abc", SNAP1));
    assert_string_equal(jstr(root, "kind"), "coopcheck-snapshot");
    assert_int_equal(jint(jget(root, "round"), "number"), 1);
    assert_false(cJSON_IsTrue(jget(jget(jget(root, "answers"), "q01"), "review")));
    assert_string_equal(jstr(jget(root, "snapshot"), "name"), SNAP1);
    assert_string_equal(jstr(jget(root, "snapshot"), "note"), "first round");
    assert_string_equal(jstr(jget(root, "snapshot"), "taken_by"), who());
    assert_true(cJSON_IsNull(jget(jget(root, "snapshot"), "previous")));
    assert_true(cJSON_IsTrue(jget(jget(root, "snapshot"), "complete")));
    cJSON_Delete(root);

    /* a second round, once every carried-over answer is confirmed: round 3,
     * based on the second snapshot */
    set_now(c, "2027-11-20T08:00:00Z");
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "second round");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "to review: 1, 2, 3,");
    run_free(&r);
    CX_CONFIRM_ALL(c, "abc");
    COMPLETE(c, "abc", "second round", "20271120T080000Z");
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Round        3, started 2027-11-20T08:00:00Z from snapshot 20271120T080000Z\n");
    run_free(&r);
}

static void test_confirm_clears_the_mark(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    char *focus_before;
    new_coop(c, "abc", "Materials informatics", "12");
    new_coop(c, "def", "Still in round 1", "12");
    CX_ANSWER_ALL(c, "abc");
    OK(c, "set", "abc", "1", "focus", "Materials");
    COMPLETE(c, "abc", NULL, SNAP1);
    assert_int_equal(TO_REVIEW(c, "abc"), 19);
    assert_true(review_mark(c, "abc", "q01"));

    set_now(c, "2026-12-01T10:00:00Z");
    RUN(c, &r, NULL, "set", "abc", "1", "--confirm");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "");
    run_free(&r);
    /* saved: the file says so, and the answers are unchanged */
    assert_false(review_mark(c, "abc", "q01"));
    assert_true(review_mark(c, "abc", "q09"));
    {
        cJSON *root = read_json(apath(c, "abc"));
        const cJSON *q1 = jget(jget(root, "answers"), "q01");
        focus_before = strdup(jstr(jget(jget(q1, "fields"), "focus"), "value"));
        assert_string_equal(jstr(jget(jget(q1, "fields"), "focus"), "at"), NOW);
        assert_string_equal(jstr(jget(root, "updated"), "at"), "2026-12-01T10:00:00Z");
        cJSON_Delete(root);
    }
    assert_string_equal(focus_before, "Materials");
    free(focus_before);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, " 1  Focus and your goals  [answered]\n");
    OUT_HAS(&r, " 9  Military research and dual use  [to review]\n");
    OUT_HAS(&r, "Progress     19/19 answered, 18 to review");
    run_free(&r);
    assert_int_equal(TO_REVIEW(c, "abc"), 18);

    /* confirming again, or a question that was never marked, writes nothing */
    before = grab(apath(c, "abc"));
    RUN(c, &r, NULL, "set", "abc", "1", "--confirm");
    ERR_HAS(&r, "question q01 is not marked to review");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    {
        struct bytes other = grab(apath(c, "def"));
        RUN(c, &r, NULL, "set", "def", "2", "--confirm");   /* round 1: nothing is marked */
        EXPECT_STATUS(&r, 0);
        ERR_HAS(&r, "question q02 is not marked to review");
        run_free(&r);
        EXPECT_SAME(apath(c, "def"), &other);
        free(other.buf);
    }
    EXPECT_SAME(apath(c, "abc"), &before);
    /* --confirm of a question the catalogue lacks: 3, nothing written */
    RUN(c, &r, NULL, "set", "abc", "20", "--confirm");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "has no question \"20\"");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    /* --confirm takes no field and value */
    RUN(c, &r, NULL, "set", "abc", "9", "--confirm", "military_checked", "yes");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    free(before.buf);
    assert_true(review_mark(c, "abc", "q09"));
}

static void test_changing_an_answer_clears_the_mark(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "abc", "Materials informatics", "12");
    CX_ANSWER_ALL(c, "abc");
    OK(c, "set", "abc", "16", "measures", "NDA with the partner");
    COMPLETE(c, "abc", NULL, SNAP1);
    assert_int_equal(TO_REVIEW(c, "abc"), 19);

    /* a yes/no field */
    OK(c, "set", "abc", "9", "military_checked", "yes");
    assert_false(review_mark(c, "abc", "q09"));
    assert_int_equal(TO_REVIEW(c, "abc"), 18);
    /* a text field */
    OK(c, "set", "abc", "1", "own_goals", "Papers and a patent");
    assert_false(review_mark(c, "abc", "q01"));
    assert_int_equal(TO_REVIEW(c, "abc"), 17);
    /* clearing a text field (from standard input) is a change too */
    OK_IN(c, "", "set", "abc", "16", "measures", "-");
    assert_false(review_mark(c, "abc", "q16"));
    assert_int_equal(TO_REVIEW(c, "abc"), 16);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, " 9  Military research and dual use  [answered]\n");
    OUT_HAS(&r, " 1  Focus and your goals  [answered]\n");
    OUT_HAS(&r, "16  Preventing knowledge outflow  [unanswered]\n");
    OUT_HAS(&r, " 2  State of research compared  [to review]\n");
    OUT_HAS(&r, "(military_checked): yes\n");
    OUT_HAS(&r, "Progress     18/19 answered, 16 to review");
    run_free(&r);
}

static void test_list_json_counts_to_review_per_cooperation(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    const cJSON *o;
    new_coop(c, "abc", "Materials informatics", "12");
    new_coop(c, "def", "Other", "12");
    CX_ANSWER_ALL(c, "abc");
    OK(c, "set", "def", "3", "added_value", "Data");
    COMPLETE(c, "abc", NULL, SNAP1);
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_int_equal(cJSON_GetArraySize(root), 2);
    o = list_entry(root, "abc");
    assert_int_equal(jint(o, "to_review"), 19);
    assert_int_equal(jint(o, "answered"), 19);
    assert_int_equal(jint(o, "snapshots"), 1);
    assert_string_equal(jstr(o, "last_snapshot"), NOW);
    assert_string_equal(jstr(o, "last_complete"), NOW);
    o = list_entry(root, "def");   /* answered, but never snapshotted */
    assert_int_equal(jint(o, "to_review"), 0);
    assert_int_equal(jint(o, "answered"), 1);
    assert_int_equal(jint(o, "snapshots"), 0);
    assert_true(cJSON_IsNull(jget(o, "last_snapshot")));
    assert_true(cJSON_IsNull(jget(o, "last_complete")));
    cJSON_Delete(root);
    run_free(&r);
}

static void test_snapshots_lists_name_who_note(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char line[512], want[512];
    new_coop(c, "abc", "Materials informatics", "12");
    OK(c, "set", "abc", "3", "added_value", "Data");
    SNAPSHOT(c, "abc", "Round 1, draft", SNAP1);
    answer_some(c, "abc");
    SNAPSHOT(c, "abc", "second look", SNAP2);
    set_now(c, "2027-03-01T12:00:00Z");
    CX_ANSWER_ALL(c, "abc");
    COMPLETE(c, "abc", "Zweite Runde – geprüft", "20270301T120000Z");
    RUN(c, &r, NULL, "snapshots", "abc");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    assert_int_equal(count_of(r.out, "\n"), 3);
    /* name, who, answered, complete or interim, note; oldest first */
    LINE_STARTING(r.out, SNAP1 " ", line);
    if (strlen(who()) <= 12) {
        snprintf(want, sizeof(want), "%-20s %-12s %-6s %-8s %s", SNAP1, who(), "1/19", "interim",
                 "Round 1, draft");
        assert_string_equal(line, want);
    } else {
        HAS(line, "Round 1, draft");
    }
    LINE_STARTING(r.out, SNAP2 " ", line);
    HAS(line, " 2/19   interim  second look");
    HAS(line, strlen(who()) <= 12 ? who() : "");
    LINE_STARTING(r.out, "20270301T120000Z ", line);
    HAS(line, " 19/19  complete Zweite Runde – geprüft");
    assert_true(strstr(r.out, SNAP1 " ") < strstr(r.out, SNAP2 " "));
    assert_true(strstr(r.out, SNAP2 " ") < strstr(r.out, "20270301T120000Z"));
    run_free(&r);
    RUN(c, &r, NULL, "snapshots", "nope");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nope\"");
    run_free(&r);
}

/* ---- due ---------------------------------------------------------------------- */

/* A cooperation assessed completely now: due one interval later. */
static void assessed_coop(struct cx *c, const char *id, const char *title, const char *interval)
{
    new_coop(c, id, title, interval);
    CX_ANSWER_ALL(c, id);
    OK(c, "snapshot", id, "-m", "Round 1");
}

static void test_due_overdue_after_two_months(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char line[512];
    cJSON *root;
    assessed_coop(c, "monthly", "Monthly review", "1");    /* due 2026-12-27 */
    assessed_coop(c, "yearly", "Yearly review", "12");     /* due 2027-11-27 */

    set_now(c, "2027-01-27T09:00:00Z");
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    LINE_STARTING(r.out, "monthly ", line);
    HAS(line, " 2026-11-27 2026-12-27 overdue ");
    LINE_STARTING(r.out, "yearly ", line);
    HAS(line, " 2026-11-27 2027-11-27 ");
    LACKS(line, "due ");
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_string_equal(jstr(list_entry(root, "monthly"), "status"), "overdue");
    assert_string_equal(jstr(list_entry(root, "monthly"), "next_due"), "2026-12-27");
    assert_string_equal(jstr(list_entry(root, "yearly"), "status"), "ok");
    cJSON_Delete(root);
    run_free(&r);

    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 1);
    /* one line per due cooperation: id TAB status date TAB title */
    assert_string_equal(r.out, "monthly\toverdue 2026-12-27\tMonthly review\n");
    assert_string_equal(r.err, "");
    run_free(&r);

    /* a complete snapshot restarts the interval from its date */
    CX_CONFIRM_ALL(c, "monthly");
    COMPLETE(c, "monthly", "Round 2", "20270127T090000Z");
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_string_equal(jstr(list_entry(root, "monthly"), "next_due"), "2027-02-27");
    assert_string_equal(jstr(list_entry(root, "monthly"), "last_snapshot"), "2027-01-27T09:00:00Z");
    assert_string_equal(jstr(list_entry(root, "monthly"), "last_complete"), "2027-01-27T09:00:00Z");
    cJSON_Delete(root);
    run_free(&r);
    RUN(c, &r, NULL, "due");   /* one month to go: due, no longer overdue */
    EXPECT_STATUS(&r, 1);
    assert_string_equal(r.out, "monthly\tdue 2027-02-27\tMonthly review\n");
    run_free(&r);
}

static void test_due_nothing_due(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    /* no cooperations at all */
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "");
    run_free(&r);
    /* one assessed today, with a year to go, and one that starts in half a
     * year and has never been assessed */
    assessed_coop(c, "yearly", "Yearly review", "12");
    OK(c, "new", "later", "--title", "Starts later", "--start", "2027-06-01");
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "");
    run_free(&r);
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_LACKS(&r, " due");
    OUT_LACKS(&r, "overdue");
    OUT_HAS(&r, " 2027-06-01 never assessed ");
    run_free(&r);
    RUN(c, &r, NULL, "due", "extra");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
}

static void test_due_within_a_month(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char line[512];
    assessed_coop(c, "yearly", "Yearly review", "12");   /* due 2027-11-27 */

    set_now(c, "2027-10-01T00:00:00Z");   /* almost two months before: ok */
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "");
    run_free(&r);

    set_now(c, "2027-11-05T00:00:00Z");   /* three weeks before: due */
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 1);
    assert_string_equal(r.out, "yearly\tdue 2027-11-27\tYearly review\n");
    run_free(&r);
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    LINE_STARTING(r.out, "yearly ", line);
    HAS(line, " 2027-11-27 due ");
    run_free(&r);

    set_now(c, "2027-11-27T23:00:00Z");   /* on the day: still due, not overdue */
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 1);
    assert_string_equal(r.out, "yearly\tdue 2027-11-27\tYearly review\n");
    run_free(&r);

    set_now(c, "2027-11-28T00:00:00Z");   /* the day after: overdue */
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 1);
    assert_string_equal(r.out, "yearly\toverdue 2027-11-27\tYearly review\n");
    run_free(&r);
}

/* ---- diff ----------------------------------------------------------------------- */

static void test_diff_without_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "abc", "Materials informatics", "12");
    answer_some(c, "abc");
    RUN(c, &r, NULL, "diff", "abc");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "has no snapshot yet");
    ERR_HAS(&r, "coopcheck snapshot abc");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", "--json");
    EXPECT_STATUS(&r, 2);
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "nope");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "no cooperation \"nope\"");
    run_free(&r);
}

static void test_diff_no_changes(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    new_coop(c, "abc", "Materials informatics", "12");
    CX_ANSWER_ALL(c, "abc");
    COMPLETE(c, "abc", NULL, SNAP1);
    RUN(c, &r, NULL, "diff", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Comparing abc snapshot " SNAP1 " with abc (working assessment, round 2)\n");
    OUT_HAS(&r, "Summary: 0 questions changed, 0 newly answered, 0 cleared, 19 unchanged\n");
    OUT_HAS(&r, "19 unchanged questions: 1, 2, 3,");
    assert_string_equal(r.err, "");
    run_free(&r);
    /* confirming is not a change of the answers */
    OK(c, "set", "abc", "1", "--confirm");
    RUN(c, &r, NULL, "diff", "abc", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_int_equal(jint(jget(root, "summary"), "changed"), 0);
    assert_int_equal(jint(jget(root, "summary"), "unchanged"), 19);
    assert_int_equal(cJSON_GetArraySize(jget(root, "questions")), 0);
    cJSON_Delete(root);
    run_free(&r);
    /* a snapshot compared with itself */
    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP1);
    EXPECT_STATUS(&r, 0);
    run_free(&r);
}

/* Round 1 (snapshot SNAP1) and round 2 (snapshot SNAP2) with one change of
 * every kind between them:
 *   q09 military_checked yes -> no            yes_to_no
 *   q04 dep_on_china no -> yes                 no_to_yes
 *   q04 partner_dep_on_de yes -> unsure        to_unsure
 *   q04 alternatives unsure -> no              from_unsure
 *   q16 measures (its only field) answered     newly_answered
 *   q02 partner_state (its only answer) gone   cleared
 *   q03 added_value "data" -> "models"         a word-level change
 *   q05 follow-up on -> off                    followup_cleared
 *   q07 follow-up off -> on                    followup_raised
 * q01 is answered the same both times.  Changed: q02 q03 q04 q05 q07 q09 q16. */
static void two_rounds(struct cx *c)
{
    new_coop(c, "abc", "Materials informatics", "12");
    OK(c, "set", "abc", "1", "focus", "Materials");
    OK(c, "set", "abc", "1", "own_goals", "Papers");
    OK(c, "set", "abc", "9", "military_checked", "yes");
    OK(c, "set", "abc", "4", "dep_on_china", "no");
    OK(c, "set", "abc", "4", "partner_dep_on_de", "yes");
    OK(c, "set", "abc", "4", "alternatives", "unsure");
    OK(c, "set", "abc", "2", "partner_state", "Strong in simulations");
    OK(c, "set", "abc", "3", "added_value", "The partner brings data and the team");
    OK(c, "set", "abc", "5", "--followup", "on");
    SNAPSHOT(c, "abc", "round one", SNAP1);
    OK(c, "set", "abc", "9", "military_checked", "no");
    OK(c, "set", "abc", "4", "dep_on_china", "yes");
    OK(c, "set", "abc", "4", "partner_dep_on_de", "unsure");
    OK(c, "set", "abc", "4", "alternatives", "no");
    OK(c, "set", "abc", "16", "measures", "Export control briefing");
    OK(c, "set", "abc", "2", "partner_state", "");
    OK(c, "set", "abc", "3", "added_value", "The partner brings models and the team");
    OK(c, "set", "abc", "5", "--followup", "off");
    OK(c, "set", "abc", "7", "--followup", "on");
    SNAPSHOT(c, "abc", "round two", SNAP2);
}

static void expect_summary_(const cJSON *root, const int want[10], const char *file, int line)
{
    static const char *const keys[] = { "changed", "newly_answered", "cleared", "yes_to_no",
                                        "no_to_yes", "to_unsure", "from_unsure",
                                        "followup_raised", "followup_cleared", "unchanged" };
    const cJSON *s = jget(root, "summary");
    for (size_t i = 0; i < 10; i++) {
        const cJSON *v = jget(s, keys[i]);
        if (!cJSON_IsNumber(v) || v->valueint != want[i]) {
            print_error("summary.%s is %d, expected %d\n", keys[i],
                        cJSON_IsNumber(v) ? v->valueint : -1, want[i]);
            _fail(file, line);
        }
    }
}
#define EXPECT_SUMMARY(root, ...) expect_summary_((root), (const int[10]){ __VA_ARGS__ }, __FILE__, __LINE__)

/* The ids of the questions in a diff --json, comma-separated. */
static void question_ids(const cJSON *root, char *buf, size_t size)
{
    const cJSON *q;
    buf[0] = '\0';
    cJSON_ArrayForEach(q, jget(root, "questions")) {
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, "%s%s", n ? "," : "", jstr(q, "id"));
    }
}

static const cJSON *diff_question(const cJSON *root, const char *id)
{
    const cJSON *q;
    cJSON_ArrayForEach(q, jget(root, "questions"))
        if (strcmp(jstr(q, "id"), id) == 0)
            return q;
    fail_msg("the diff has no question %s", id);
    return NULL;
}

static const cJSON *diff_field(const cJSON *q, const char *id)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, jget(q, "fields"))
        if (strcmp(jstr(f, "id"), id) == 0)
            return f;
    fail_msg("the diff of %s has no field %s", jstr(q, "id"), id);
    return NULL;
}

static void test_diff_between_two_snapshots(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "dummy", "unused", "12");   /* a second cooperation is not looked at */
    two_rounds(c);
    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP2);
    EXPECT_STATUS(&r, 1);
    assert_string_equal(r.err, "");
    assert_null(strchr(r.out, '\x1b'));   /* a pipe: no colour */
    OUT_HAS(&r, "Comparing abc snapshot " SNAP1 " with abc snapshot " SNAP2 "\n");
    OUT_HAS(&r, "Summary: 7 questions changed, 1 newly answered, 1 cleared, 12 unchanged\n");
    OUT_HAS(&r, "Yes/no:  1 yes->no, 1 no->yes, 1 to unsure, 1 from unsure\n");
    OUT_HAS(&r, "Follow-up: 1 raised, 1 cleared\n");
    OUT_LACKS(&r, "Catalogue:");   /* same catalogue version: no question text changed */
    OUT_HAS(&r, "\n 9  Military research and dual use\n    Military link checked?: yes -> no\n");
    OUT_HAS(&r, "    Dependency on China?: no -> yes\n");
    OUT_HAS(&r, "    Partner dependent on Germany?: yes -> unsure\n");
    OUT_HAS(&r, "    Alternative partners outside China?: unsure -> no\n");
    OUT_HAS(&r, "(changed):\n        The partner brings [-data-]{+models+} and the team\n");
    OUT_HAS(&r, "(newly answered):\n        {+Export control briefing+}\n");
    OUT_HAS(&r, "(cleared):\n        [-Strong in simulations-]\n");
    OUT_HAS(&r, " 5  Goals of the Chinese partner\n    Follow-up: cleared\n");
    OUT_HAS(&r, " 7  Contractual safeguards\n    Follow-up: raised\n");
    OUT_HAS(&r, "12 unchanged questions: 1, 6, 8, 10, 11, 12, 13, 14, 15, 17, 18, 19\n");
    OUT_LACKS(&r, " 1  Focus and your goals\n");
    run_free(&r);

    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP2, "--json");
    EXPECT_STATUS(&r, 1);
    {
        cJSON *root = PARSE_JSON(r.out);
        const cJSON *q, *f, *w;
        char ids[200];
        /* changed newly cleared y>n n>y >uns uns> raised fcleared unchanged */
        EXPECT_SUMMARY(root, 7, 1, 1, 1, 1, 1, 1, 1, 1, 12);
        assert_int_equal(jint(jget(root, "summary"), "question_texts_changed"), 0);
        assert_string_equal(jstr(root, "old"), "abc snapshot " SNAP1);
        assert_string_equal(jstr(root, "new"), "abc snapshot " SNAP2);
        assert_string_equal(jstr(root, "catalog"), "bmbf-china-2024");
        question_ids(root, ids, sizeof(ids));
        assert_string_equal(ids, "q02,q03,q04,q05,q07,q09,q16");
        /* the word diff of q03 */
        f = diff_field(diff_question(root, "q03"), "added_value");
        assert_string_equal(jstr(f, "change"), "changed");
        assert_string_equal(jstr(f, "type"), "text");
        w = jget(f, "words");
        assert_int_equal(cJSON_GetArraySize(w), 4);
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 0), "op"), "equal");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 0), "text"), "The partner brings ");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 1), "op"), "delete");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 1), "text"), "data");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 2), "op"), "insert");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 2), "text"), "models");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 3), "op"), "equal");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 3), "text"), " and the team");
        /* yes/no changes */
        q = diff_question(root, "q04");
        assert_int_equal(cJSON_GetArraySize(jget(q, "fields")), 3);
        f = diff_field(q, "partner_dep_on_de");
        assert_string_equal(jstr(f, "old"), "yes");
        assert_string_equal(jstr(f, "new"), "unsure");
        assert_string_equal(jstr(f, "type"), "yesno");
        f = diff_field(diff_question(root, "q16"), "measures");
        assert_string_equal(jstr(f, "change"), "answered");
        f = diff_field(diff_question(root, "q02"), "partner_state");
        assert_string_equal(jstr(f, "change"), "cleared");
        q = diff_question(root, "q07");
        assert_false(cJSON_IsTrue(jget(jget(q, "followup"), "old")));
        assert_true(cJSON_IsTrue(jget(jget(q, "followup"), "new")));
        assert_int_equal(cJSON_GetArraySize(jget(q, "fields")), 0);
        cJSON_Delete(root);
    }
    run_free(&r);

    /* the other way round */
    RUN(c, &r, NULL, "diff", "abc", SNAP2, SNAP1, "--json");
    EXPECT_STATUS(&r, 1);
    {
        cJSON *root = PARSE_JSON(r.out);
        const cJSON *w;
        EXPECT_SUMMARY(root, 7, 1, 1, 1, 1, 1, 1, 1, 1, 12);
        assert_string_equal(jstr(diff_field(diff_question(root, "q16"), "measures"), "change"),
                            "cleared");
        assert_string_equal(jstr(diff_field(diff_question(root, "q04"), "alternatives"), "old"),
                            "no");
        w = jget(diff_field(diff_question(root, "q03"), "added_value"), "words");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 1), "text"), "models");
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 2), "text"), "data");
        cJSON_Delete(root);
    }
    run_free(&r);
}

static void test_diff_working_and_files(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    char a[4400], b[4400];
    two_rounds(c);
    /* working vs the last snapshot (SNAP2): nothing changed yet */
    RUN(c, &r, NULL, "diff", "abc");
    EXPECT_STATUS(&r, 0);
    /* interim snapshots: the round stays the first */
    OUT_HAS(&r, "Comparing abc snapshot " SNAP2 " with abc (working assessment, round 1)\n");
    OUT_HAS(&r, "Summary: 0 questions changed");
    run_free(&r);
    /* snapshot A vs working: the same changes as SNAP1 -> SNAP2 */
    RUN(c, &r, NULL, "diff", "abc", SNAP1, "--json");
    EXPECT_STATUS(&r, 1);
    root = PARSE_JSON(r.out);
    EXPECT_SUMMARY(root, 7, 1, 1, 1, 1, 1, 1, 1, 1, 12);
    assert_string_equal(jstr(root, "new"), "abc (working assessment, round 1)");
    cJSON_Delete(root);
    run_free(&r);
    /* "current" names the working assessment, on either side */
    RUN(c, &r, NULL, "diff", "abc", "current", SNAP1);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "[-models-]{+data+}");
    run_free(&r);

    /* a change in the working assessment: exit 1 against the last snapshot */
    OK(c, "set", "abc", "18", "measures", "Clear rules for visits");
    RUN(c, &r, NULL, "diff", "abc");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "Summary: 1 question changed, 1 newly answered, 0 cleared, 18 unchanged\n");
    OUT_HAS(&r, "{+Clear rules for visits+}");
    run_free(&r);

    /* two snapshot files by path */
    snprintf(a, sizeof(a), "%s", spath(c, "abc", SNAP1));
    snprintf(b, sizeof(b), "%s", spath(c, "abc", SNAP2));
    RUN(c, &r, NULL, "diff", a, b, "--json");
    EXPECT_STATUS(&r, 1);
    root = PARSE_JSON(r.out);
    EXPECT_SUMMARY(root, 7, 1, 1, 1, 1, 1, 1, 1, 1, 12);
    assert_string_equal(jstr(root, "old"), a);
    assert_string_equal(jstr(root, "new"), b);
    cJSON_Delete(root);
    run_free(&r);
    RUN(c, &r, NULL, "diff", a, b);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "[-data-]{+models+}");
    run_free(&r);
    RUN(c, &r, NULL, "diff", b, b);
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    /* a missing file: trouble */
    RUN(c, &r, NULL, "diff", a, tpath(c, "missing.json"));
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "missing.json");
    assert_string_equal(r.out, "");
    run_free(&r);
}

static void test_diff_unknown_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    two_rounds(c);
    RUN(c, &r, NULL, "diff", "abc", "20991231T000000Z");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "has no snapshot \"20991231T000000Z\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", SNAP1, "20991231T000000Z");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "20991231T000000Z");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", "lastweek");   /* not a snapshot name */
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "\"lastweek\" is not a snapshot name");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP2, "extra");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
}

static void test_diff_colour(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    two_rounds(c);
    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP2, "--color=always");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "The partner brings \x1b[31mdata\x1b[m\x1b[32mmodels\x1b[m and the team");
    OUT_HAS(&r, "\x1b[31mStrong in simulations\x1b[m");
    OUT_HAS(&r, "\x1b[32mExport control briefing\x1b[m");
    OUT_HAS(&r, ": \x1b[31myes\x1b[m -> \x1b[32mno\x1b[m\n");
    OUT_LACKS(&r, "[-");
    OUT_LACKS(&r, "-]");
    OUT_LACKS(&r, "{+");
    OUT_LACKS(&r, "+}");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP2, "--colour", "always");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "\x1b[31mdata\x1b[m");
    run_free(&r);

    /* never, and auto on a pipe, and auto with NO_COLOR: plain */
    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP2, "--color=never");
    EXPECT_STATUS(&r, 1);
    assert_null(strchr(r.out, '\x1b'));
    OUT_HAS(&r, "[-data-]{+models+}");
    run_free(&r);
    RUN_ENV(c, &r, "NO_COLOR=1", "diff", "abc", SNAP1, SNAP2, "--color=auto");
    EXPECT_STATUS(&r, 1);
    assert_null(strchr(r.out, '\x1b'));
    OUT_HAS(&r, "[-data-]{+models+}");
    run_free(&r);
    /* --color=always wins over NO_COLOR (it was asked for) */
    RUN_ENV(c, &r, "NO_COLOR=1", "diff", "abc", SNAP1, SNAP2, "--color=always");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "\x1b[31mdata\x1b[m");
    run_free(&r);

    RUN(c, &r, NULL, "diff", "abc", SNAP1, SNAP2, "--color=bogus");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--color takes auto, always or never, not \"bogus\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", "--color");   /* a value is needed */
    EXPECT_STATUS(&r, 2);
    run_free(&r);
}

/* Runs coopcheck with standard output on a pseudo-terminal (stdin and stderr
 * on /dev/null); returns what it wrote, *status its exit status.  NULL when
 * no pseudo-terminal can be had.  Caller frees. */
static char *run_on_terminal(struct cx *c, const char *const *args, const char *extra_env,
                             int *status)
{
    int m, s, st;
    pid_t pid;
    char *out = calloc(1, 1);
    size_t len = 0;
    struct winsize ws = { 24, 80, 0, 0 };
    assert_non_null(out);
    m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 || !ptsname(m)) {
        if (m >= 0)
            close(m);
        free(out);
        return NULL;
    }
    s = open(ptsname(m), O_RDWR | O_NOCTTY);
    if (s < 0) {
        close(m);
        free(out);
        return NULL;
    }
    ioctl(m, TIOCSWINSZ, &ws);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        const char *argv[40];
        size_t n = 0;
        int null = open("/dev/null", O_RDWR);
        setsid();
        dup2(null, 0);
        dup2(s, 1);
        dup2(null, 2);
        close(m);
        close(s);
        close(null);
        for (size_t i = 0; c->env[i]; i++) {
            const char *eq = strchr(c->env[i], '=');
            char name[64];
            snprintf(name, sizeof(name), "%.*s", (int)(eq - c->env[i]), c->env[i]);
            if (eq[1])
                setenv(name, eq + 1, 1);
            else
                unsetenv(name);
        }
        if (extra_env)
            putenv((char *)extra_env);
        argv[n++] = tu_bin();
        for (; *args && n < 39; args++)
            argv[n++] = *args;
        argv[n] = NULL;
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(s);
    for (;;) {
        char buf[4096];
        ssize_t k = read(m, buf, sizeof(buf));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;   /* EIO once the program has closed the terminal */
        out = realloc(out, len + (size_t)k + 1);
        assert_non_null(out);
        memcpy(out + len, buf, (size_t)k);
        len += (size_t)k;
        out[len] = '\0';
    }
    close(m);
    while (waitpid(pid, &st, 0) < 0)
        assert_int_equal(errno, EINTR);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return out;
}

/* --color=auto is coloured on a terminal, unless NO_COLOR is set. */
/* The text of the diff wraps at the terminal's width (80 for a pipe) under
 * each block's indent: a changed span goes on, coloured or marked, on the
 * next row; an answer's own line breaks and indentation are kept; a word
 * longer than a row stays whole. */
static void test_diff_wraps(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *url = "https://example.org/a/very/long/address/of/a/memo/that/is/longer/than/"
                      "one/row/of/the/terminal.pdf";
    char *text;
    char xs[80];
    new_coop(c, "abc", "Materials informatics", "12");
    OK(c, "set", "abc", "3", "added_value", "The partner brings data and the team");
    /* a changed word that starts two columns before the edge */
    memset(xs, 'x', 69);
    strcpy(xs + 69, " data");
    OK(c, "set", "abc", "2", "partner_state", xs);
    SNAPSHOT(c, "abc", "round one", SNAP1);
    strcpy(xs + 69, " models");
    OK(c, "set", "abc", "2", "partner_state", xs);
    text = xasprintf("The partner brings measured data of its own reactors, which we cannot "
                     "obtain elsewhere, and the team\n  - one: kept indented\n%s", url);
    OK(c, "set", "abc", "3", "added_value", text);
    free(text);
    RUN(c, &r, NULL, "diff", "abc", "--color=always");
    EXPECT_STATUS(&r, 1);
    /* the inserted span goes on, in its colour, on the next row; the colour
     * is not switched on for a row that has none of its text */
    OUT_HAS(&r, "        The partner brings \x1b[32mmeasured \x1b[mdata \x1b[32mof its own "
                "reactors, which we cannot\x1b[m\n        \x1b[32mobtain elsewhere, \x1b[mand "
                "the team\n        \x1b[32m  - one: kept indented\x1b[m\n");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "        The partner brings {+measured +}data {+of its own reactors, which we\n"
                "        cannot obtain elsewhere, +}and the team{+\n"
                "          - one: kept indented\n        ");
    OUT_HAS(&r, url);   /* whole */
    /* the marks go with the words they mark to the next row */
    OUT_HAS(&r, "xxx\n        [-data-]{+models+}\n");
    ROWS_FIT_80(r.out, "diff");   /* (but for the address) */
    run_free(&r);
}

static void test_diff_colour_auto_on_a_terminal(void **state)
{
    struct cx *c = *state;
    char *out;
    int status;
    two_rounds(c);
    out = run_on_terminal(c, (const char *const[]){ "diff", "abc", SNAP1, SNAP2, NULL }, NULL,
                          &status);
    if (!out)
        skip();
    assert_int_equal(status, 1);
    HAS(out, "\x1b[31mdata\x1b[m\x1b[32mmodels\x1b[m");
    LACKS(out, "[-data-]");
    free(out);
    out = run_on_terminal(c, (const char *const[]){ "diff", "abc", SNAP1, SNAP2, "--color=auto", NULL },
                          "NO_COLOR=1", &status);
    assert_non_null(out);
    assert_int_equal(status, 1);
    assert_null(strchr(out, '\x1b'));
    HAS(out, "[-data-]{+models+}");
    free(out);
    out = run_on_terminal(c, (const char *const[]){ "diff", "abc", SNAP1, SNAP2, "--color=never", NULL },
                          NULL, &status);
    assert_non_null(out);
    assert_int_equal(status, 1);
    assert_null(strchr(out, '\x1b'));
    free(out);
}

/* ESC [2J (clear screen), BEL, U+202E (right-to-left override) */
#define EVIL "safe\x1b[2Jwipe\x07 \xe2\x80\xae" "rtl"

static void test_diff_escapes_control_characters(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "abc", "Materials informatics", "12");
    OK(c, "set", "abc", "18", "measures", "Before " EVIL);
    SNAPSHOT(c, "abc", NULL, SNAP1);
    OK(c, "set", "abc", "18", "measures", "After " EVIL);
    OK(c, "set", "abc", "19", "handling", EVIL);
    RUN(c, &r, NULL, "diff", "abc");
    EXPECT_STATUS(&r, 1);
    assert_null(strchr(r.out, '\x1b'));
    assert_null(strchr(r.out, '\x07'));
    OUT_LACKS(&r, "\xe2\x80\xae");
    OUT_HAS(&r, "[-Before-]{+After+} safe\\x1b[2Jwipe\\x07");
    OUT_HAS(&r, "{+safe\\x1b[2Jwipe\\x07");
    run_free(&r);
    /* in colour only our own SGR sequences reach the terminal */
    RUN(c, &r, NULL, "diff", "abc", "--color=always");
    EXPECT_STATUS(&r, 1);
    OUT_LACKS(&r, "\x1b[2J");
    OUT_LACKS(&r, "\x07");
    OUT_LACKS(&r, "\xe2\x80\xae");
    OUT_HAS(&r, "safe\\x1b[2Jwipe");
    run_free(&r);
    /* JSON: escaped in the text, and it still means the same */
    RUN(c, &r, NULL, "diff", "abc", "--json");
    EXPECT_STATUS(&r, 1);
    assert_null(strchr(r.out, '\x1b'));
    assert_null(strchr(r.out, '\x07'));
    OUT_LACKS(&r, "\xe2\x80\xae");
    {
        cJSON *root = PARSE_JSON(r.out);
        const cJSON *w = jget(diff_field(diff_question(root, "q19"), "handling"), "words");
        assert_int_equal(cJSON_GetArraySize(w), 1);
        assert_string_equal(jstr(cJSON_GetArrayItem(w, 0), "text"), EVIL);
        cJSON_Delete(root);
    }
    run_free(&r);
}

/* ---- verify --------------------------------------------------------------------- */

/* Three snapshots (SNAP1, SNAP2, SNAP3) with notes one, two, three. */
static void three_snapshots(struct cx *c)
{
    new_coop(c, "abc", "Materials informatics", "12");
    OK(c, "set", "abc", "9", "military_checked", "yes");
    SNAPSHOT(c, "abc", "one", SNAP1);
    OK(c, "set", "abc", "9", "military_checked", "no");
    SNAPSHOT(c, "abc", "two", SNAP2);
    OK(c, "set", "abc", "1", "focus", "Materials");
    SNAPSHOT(c, "abc", "three", SNAP3);
}

static void expect_broken_(struct cx *c, const char *needle, const char *file, int line)
{
    struct tu_run r;
    RUN(c, &r, NULL, "verify", "abc");
    expect_status_(&r, 1, file, line);
    expect_in_(r.out, needle, "stdout", file, line);
    expect_in_(r.out, "abc: the chain of snapshots is BROKEN (", "stdout", file, line);
    expect_not_in_(r.out, "intact", "stdout", file, line);
    run_free(&r);
}
#define EXPECT_BROKEN(c, needle) expect_broken_((c), (needle), __FILE__, __LINE__)

static void test_verify_intact(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    new_coop(c, "abc", "Materials informatics", "12");
    RUN(c, &r, NULL, "verify", "abc");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "abc: the chain of 0 snapshots is intact\n");
    run_free(&r);
    OK(c, "set", "abc", "9", "military_checked", "yes");
    SNAPSHOT(c, "abc", "one", SNAP1);
    RUN(c, &r, NULL, "verify", "abc");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "abc: the chain of 1 snapshot is intact\n");
    run_free(&r);
    /* answers changed between snapshots do not matter; only the files do */
    OK(c, "set", "abc", "9", "military_checked", "no");
    SNAPSHOT(c, "abc", "two", SNAP2);
    set_now(c, "2027-02-01T00:00:00Z");
    OK(c, "set", "abc", "1", "focus", "Materials");
    SNAPSHOT(c, "abc", "three", "20270201T000000Z");
    before = grab(spath(c, "abc", SNAP2));
    RUN(c, &r, NULL, "verify", "abc");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "abc: the chain of 3 snapshots is intact\n");
    assert_string_equal(r.err, "");
    run_free(&r);
    EXPECT_SAME(spath(c, "abc", SNAP2), &before);   /* verify only reads */
    free(before.buf);
}

static void test_verify_altered_older_snapshot(void **state)
{
    struct cx *c = *state;
    three_snapshots(c);
    /* one byte of the first snapshot's note */
    replace_in_file(spath(c, "abc", SNAP1), "\"one\"", "\"One\"");
    EXPECT_BROKEN(c, "snapshot " SNAP1 " was changed");
    EXPECT_BROKEN(c, "BROKEN (1 problem)");
}

static void test_verify_altered_middle_snapshot(void **state)
{
    struct cx *c = *state;
    three_snapshots(c);
    replace_in_file(spath(c, "abc", SNAP2), "\"no\"", "\"yes\"");   /* an answer */
    EXPECT_BROKEN(c, "snapshot " SNAP2 " was changed");
}

static void test_verify_altered_newest_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    three_snapshots(c);
    replace_in_file(spath(c, "abc", SNAP3), "\"three\"", "\"three\" ");   /* white space only */
    EXPECT_BROKEN(c, "snapshot " SNAP3 " was changed");
    /* also with a single snapshot, found only through based_on_sha256 */
    set_now(c, "2027-01-01T00:00:00Z");
    OK(c, "new", "solo");
    OK(c, "set", "solo", "9", "military_checked", "yes");
    SNAPSHOT(c, "solo", NULL, "20270101T000000Z");
    replace_in_file(spath(c, "solo", "20270101T000000Z"), "\"yes\"", "\"no\"");
    RUN(c, &r, NULL, "verify", "solo");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "snapshot 20270101T000000Z was changed");
    run_free(&r);
}

static void test_verify_removed_snapshot(void **state)
{
    struct cx *c = *state;
    three_snapshots(c);
    assert_int_equal(unlink(spath(c, "abc", SNAP2)), 0);
    EXPECT_BROKEN(c, "snapshot " SNAP2 ", which " SNAP3 " follows, is missing: it was removed");
}

static void test_verify_removed_newest_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    three_snapshots(c);   /* interim ones: the round is based on none of them */
    assert_int_equal(unlink(spath(c, "abc", SNAP3)), 0);
    EXPECT_BROKEN(c, "snapshot " SNAP3 ", the newest the working assessment knows, is missing");
    /* a complete one, on which the next round is based */
    new_coop(c, "solo", "Solo", "12");
    CX_ANSWER_ALL(c, "solo");
    COMPLETE(c, "solo", NULL, SNAP1);
    assert_int_equal(unlink(spath(c, "solo", SNAP1)), 0);
    RUN(c, &r, NULL, "verify", "solo");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "snapshot " SNAP1 ", ");
    OUT_HAS(&r, "is missing");
    OUT_HAS(&r, "solo: the chain of snapshots is BROKEN (");
    run_free(&r);
}

static void test_verify_renamed_snapshot(void **state)
{
    struct cx *c = *state;
    three_snapshots(c);
    /* the newest one under a later name */
    assert_int_equal(rename(spath(c, "abc", SNAP3), spath(c, "abc", "20261127T034521Z-4")), 0);
    EXPECT_BROKEN(c, "renamed");
    assert_int_equal(rename(spath(c, "abc", "20261127T034521Z-4"), spath(c, "abc", SNAP3)), 0);
    {
        struct tu_run r;
        RUN(c, &r, NULL, "verify", "abc");
        EXPECT_STATUS(&r, 0);   /* back in place: intact again */
        run_free(&r);
    }
    /* the oldest one under an earlier name */
    assert_int_equal(rename(spath(c, "abc", SNAP1), spath(c, "abc", "20261127T034520Z")), 0);
    EXPECT_BROKEN(c, "snapshot file 20261127T034520Z.json says it is snapshot " SNAP1);
}

static void test_verify_unknown_cooperation(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "verify", "nope");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nope\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "verify", "Bad_ID");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "\"Bad_ID\" is not a cooperation id");
    run_free(&r);
    /* with no id: every cooperation (there is none here) */
    RUN(c, &r, NULL, "verify");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
}

/* ---- snapshots are never overwritten ---------------------------------------------- */

static void test_snapshots_never_overwritten(void **state)
{
    struct cx *c = *state;
    struct bytes first, stray;
    cJSON *root;
    char sha[65];
    new_coop(c, "abc", "Materials informatics", "12");
    OK(c, "set", "abc", "9", "military_checked", "yes");
    SNAPSHOT(c, "abc", "first", SNAP1);
    first = grab(spath(c, "abc", SNAP1));
    OK(c, "set", "abc", "9", "military_checked", "no");
    SNAPSHOT(c, "abc", "second", SNAP2);   /* the same second */
    EXPECT_SAME(spath(c, "abc", SNAP1), &first);
    sha_of_file(spath(c, "abc", SNAP1), sha);
    root = read_json(spath(c, "abc", SNAP2));
    assert_string_equal(jstr(jget(root, "snapshot"), "previous"), SNAP1);
    assert_string_equal(jstr(jget(root, "snapshot"), "previous_sha256"), sha);
    assert_string_equal(jstr(jget(jget(jget(jget(root, "answers"), "q09"), "fields"),
                                  "military_checked"), "value"), "no");
    cJSON_Delete(root);
    root = read_json(spath(c, "abc", SNAP1));
    assert_string_equal(jstr(jget(jget(jget(jget(root, "answers"), "q09"), "fields"),
                                  "military_checked"), "value"), "yes");
    cJSON_Delete(root);

    /* a file in the way of the next name is skipped, not replaced */
    tu_write(spath(c, "abc", SNAP3), "not mine\n");
    stray = grab(spath(c, "abc", SNAP3));
    SNAPSHOT(c, "abc", NULL, "20261127T034521Z-4");
    EXPECT_SAME(spath(c, "abc", SNAP3), &stray);
    EXPECT_SAME(spath(c, "abc", SNAP1), &first);
    free(stray.buf);
    free(first.buf);
}

/* ---- snapshots of an older catalogue version ----------------------------------------- */

#define OLD "20230115T100000Z"

/* A snapshot of catalogue version 2023-01, made from a real one: with an
 * answer to "q99" (which today's catalogue lacks) and another text hash for
 * question 9. */
static void write_old_snapshot(struct cx *c)
{
    cJSON *root, *cat, *ans, *q99, *fields, *old;
    new_coop(c, "abc", "Materials informatics", "12");
    OK(c, "set", "abc", "9", "military_checked", "yes");
    OK(c, "set", "abc", "1", "focus", "Materials");
    SNAPSHOT(c, "abc", "current version", SNAP1);
    root = read_json(spath(c, "abc", SNAP1));
    cat = jget(root, "catalog");
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(cat, "version", cJSON_CreateString("2023-01")));
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(
        jget(cat, "question_text_sha256"), "q09",
        cJSON_CreateString("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")));
    ans = jget(root, "answers");
    q99 = cJSON_AddObjectToObject(ans, "q99");
    cJSON_AddBoolToObject(q99, "followup", 0);
    cJSON_AddBoolToObject(q99, "review", 0);
    fields = cJSON_AddObjectToObject(q99, "fields");
    old = cJSON_AddObjectToObject(fields, "legacy");
    cJSON_AddStringToObject(old, "value", "an answer to a retired question");
    cJSON_AddStringToObject(old, "by", "someone");
    cJSON_AddStringToObject(old, "at", "2023-01-15T10:00:00Z");
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(jget(root, "snapshot"), "name",
                                                       cJSON_CreateString(OLD)));
    write_json(spath(c, "abc", OLD), root);
    cJSON_Delete(root);
}

static void test_old_catalogue_snapshot_loads(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    write_old_snapshot(c);
    RUN(c, &r, NULL, "show", "abc", "--snapshot", OLD);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Catalogue    bmbf-china-2024, version 2023-01\n");
    OUT_HAS(&r, "Snapshot     " OLD ", taken " NOW);
    OUT_HAS(&r, "(military_checked): yes\n");
    OUT_LACKS(&r, "retired question");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--snapshot", OLD, "--json");
    EXPECT_STATUS(&r, 0);
    {
        cJSON *root = PARSE_JSON(r.out);
        assert_string_equal(jstr(jget(root, "catalog"), "version"), "2023-01");
        cJSON_Delete(root);
    }
    run_free(&r);
    RUN(c, &r, NULL, "export", "abc", "--snapshot", OLD, "--format", "txt");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "2023-01");
    run_free(&r);
}

static void test_unknown_question_refused_in_working_assessment(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    write_old_snapshot(c);
    replace_in_file(apath(c, "abc"), "\"answers\":\t{",
                    "\"answers\":\t{\n\t\t\"q99\":\t{\"followup\": false, \"review\": false, "
                    "\"fields\": {\"legacy\": {\"value\": \"x\", \"by\": \"someone\", "
                    "\"at\": \"2023-01-15T10:00:00Z\"}}},");
    before = grab(apath(c, "abc"));
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, apath(c, "abc"));
    ERR_HAS(&r, "\"q99\" is not a question of catalogue \"bmbf-china-2024\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "set", "abc", "9", "military_checked", "no");
    EXPECT_STATUS(&r, 4);
    run_free(&r);
    RUN(c, &r, NULL, "set", "abc", "9", "--confirm");
    EXPECT_STATUS(&r, 4);
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "note", "--interim");
    EXPECT_STATUS(&r, 4);
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    assert_int_equal(tu_mode(spath(c, "abc", SNAP2)), -1);
    free(before.buf);
    /* still refused when the working file claims the older version */
    replace_in_file(apath(c, "abc"), "\"version\":\t\"2024-11\"", "\"version\":\t\"2023-01\"");
    before = grab(apath(c, "abc"));
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "q99");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    free(before.buf);
}

static void test_diff_reports_changed_question_text(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    write_old_snapshot(c);
    /* the old snapshot against the working assessment: the answers are the
     * same, only the text of question 9 differs */
    RUN(c, &r, NULL, "diff", "abc", OLD);
    assert_true(r.status == 0 || r.status == 1);   /* see the next test */
    OUT_HAS(&r, "Catalogue: 1 question text changed between the catalogue versions\n");
    OUT_HAS(&r, " 9  Military research and dual use\n"
                "    (the question's text changed between the catalogue versions)\n");
    OUT_HAS(&r, "Summary: 0 questions changed");
    assert_string_equal(r.err, "");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", OLD, "--json");
    root = PARSE_JSON(r.out);
    assert_int_equal(jint(jget(root, "summary"), "question_texts_changed"), 1);
    assert_int_equal(jint(jget(root, "summary"), "changed"), 0);
    {
        const cJSON *q = diff_question(root, "q09");
        assert_true(cJSON_IsTrue(jget(q, "question_text_changed")));
        assert_int_equal(cJSON_GetArraySize(jget(q, "fields")), 0);
    }
    cJSON_Delete(root);
    run_free(&r);
    /* with an answer changed as well */
    OK(c, "set", "abc", "9", "military_checked", "no");
    RUN(c, &r, NULL, "diff", "abc", OLD, "--json");
    EXPECT_STATUS(&r, 1);
    root = PARSE_JSON(r.out);
    assert_int_equal(jint(jget(root, "summary"), "question_texts_changed"), 1);
    assert_int_equal(jint(jget(root, "summary"), "yes_to_no"), 1);
    cJSON_Delete(root);
    run_free(&r);
    /* two snapshots of today's version: no text changes */
    RUN(c, &r, NULL, "diff", "abc", SNAP1, "--json");
    EXPECT_STATUS(&r, 1);
    root = PARSE_JSON(r.out);
    assert_int_equal(jint(jget(root, "summary"), "question_texts_changed"), 0);
    cJSON_Delete(root);
    run_free(&r);
}

/* A diff that reports nothing but a changed question text still reports a
 * difference: diffout.h says diffout_differs is 1 "when the two differ in
 * anything the diff reports", and coopcheck(1) gives diff the exit status of
 * diff(1) (1: differences).  The text output lists question 9 as changed
 * while the exit status says the two are equal. */
static void test_diff_status_when_only_question_text_changed(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    write_old_snapshot(c);
    RUN(c, &r, NULL, "diff", "abc", OLD);
    OUT_HAS(&r, "(the question's text changed between the catalogue versions)");
    EXPECT_STATUS(&r, 1);
    run_free(&r);
    RUN(c, &r, NULL, "diff", "abc", OLD, "--json");
    OUT_HAS(&r, "\"question_texts_changed\":\t1");
    EXPECT_STATUS(&r, 1);
    run_free(&r);
}

/* ---- export ------------------------------------------------------------------------ */

#define TITLE "Materials informatics with HIT"

static void test_export_formats(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct catalog *cat = bundled();
    const char *q1 = l10n_get(&catalog_question(cat, "1")->text, LANG_EN);
    static const char *const fmts[] = { "md", "txt", "roff", "html" };
    new_coop(c, "abc", TITLE, "12");
    answer_some(c, "abc");
    for (size_t i = 0; i < sizeof(fmts) / sizeof(*fmts); i++) {
        RUN(c, &r, NULL, "--lang", "en", "export", "abc", "--format", fmts[i]);
        EXPECT_STATUS(&r, 0);
        assert_string_equal(r.err, "");
        OUT_HAS(&r, TITLE);
        if (!contains_squashed(r.out, q1))
            fail_msg("the %s export lacks the text of question 1", fmts[i]);
        OUT_HAS(&r, "Papers");   /* an answer */
        if (strcmp(fmts[i], "html") == 0)
            assert_int_equal(strncmp(r.out, "<!DOCTYPE html>", 15), 0);
        if (strcmp(fmts[i], "roff") == 0) {
            OUT_HAS(&r, "\n.TH ");
            MANDOC_LINT(c, r.out, "report.7");
        }
        run_free(&r);
    }
    /* json: the assessment document itself (it holds no catalogue texts) */
    RUN(c, &r, NULL, "--lang", "en", "export", "abc", "--format", "json");
    EXPECT_STATUS(&r, 0);
    {
        cJSON *root = PARSE_JSON(r.out);
        char *file = tu_read(apath(c, "abc"), NULL);
        assert_string_equal(jstr(jget(root, "cooperation"), "title"), TITLE);
        assert_string_equal(jstr(root, "kind"), "coopcheck-assessment");
        assert_non_null(file);
        assert_string_equal(r.out, file);
        free(file);
        cJSON_Delete(root);
    }
    run_free(&r);
    /* German: the German question text */
    RUN(c, &r, NULL, "--lang", "de", "export", "abc", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    assert_true(contains_squashed(r.out, l10n_get(&catalog_question(cat, "1")->text, LANG_DE)));
    assert_false(contains_squashed(r.out, q1));
    run_free(&r);

    RUN(c, &r, NULL, "export", "abc", "--format", "pdf");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--format takes md, txt, roff, ms, html or json, not \"pdf\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "export", "nope");
    EXPECT_STATUS(&r, 3);
    run_free(&r);
    catalog_free(cat);
}

static void test_export_output_file(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *text;
    const char *html = tpath(c, "report.html");
    new_coop(c, "abc", TITLE, "12");
    answer_some(c, "abc");
    RUN(c, &r, NULL, "export", "abc", "-o", html);
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "");
    run_free(&r);
    text = tu_read(html, NULL);
    assert_non_null(text);
    assert_int_equal(strncmp(text, "<!DOCTYPE html>", 15), 0);
    HAS(text, TITLE);
    HAS(text, "</html>");
    free(text);
    assert_int_equal(tu_mode(html), 0600);

    /* .txt is text, and the same as on standard output */
    RUN(c, &r, NULL, "export", "abc", "--output", tpath(c, "report.txt"));
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "export", "abc", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    text = tu_read(tpath(c, "report.txt"), NULL);
    assert_non_null(text);
    assert_string_equal(text, r.out);
    free(text);
    run_free(&r);
    /* --format wins over the extension */
    RUN(c, &r, NULL, "export", "abc", "-o", tpath(c, "other.html"), "--format", "md");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    text = tu_read(tpath(c, "other.html"), NULL);
    assert_non_null(text);
    LACKS(text, "<!DOCTYPE html>");
    free(text);
    /* an unknown format creates nothing */
    RUN(c, &r, NULL, "export", "abc", "-o", tpath(c, "report.pdf"), "--format", "pdf");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "report.pdf")), -1);
    /* "-o -" is standard output */
    RUN(c, &r, NULL, "export", "abc", "-o", "-", "--format", "html");
    EXPECT_STATUS(&r, 0);
    assert_int_equal(strncmp(r.out, "<!DOCTYPE html>", 15), 0);
    run_free(&r);
}

static void test_export_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "abc", TITLE, "12");
    OK(c, "set", "abc", "16", "measures", "Answer at the time of the snapshot");
    SNAPSHOT(c, "abc", "approved", SNAP1);
    OK(c, "set", "abc", "16", "measures", "A later answer");
    RUN(c, &r, NULL, "export", "abc", "--snapshot", SNAP1, "--format", "txt");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, SNAP1);
    OUT_HAS(&r, "approved");
    OUT_HAS(&r, "Answer at the time of the snapshot");
    OUT_LACKS(&r, "A later answer");
    run_free(&r);
    RUN(c, &r, NULL, "export", "abc", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "A later answer");
    run_free(&r);
    RUN(c, &r, NULL, "export", "abc", "-s", "20991231T000000Z");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "has no snapshot");
    run_free(&r);
    RUN(c, &r, NULL, "export", "abc", "--snapshot", "bogus");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
}

static void test_export_never_overwrites_assessments(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes a, s;
    new_coop(c, "abc", TITLE, "12");
    answer_some(c, "abc");
    SNAPSHOT(c, "abc", NULL, SNAP1);
    a = grab(apath(c, "abc"));
    s = grab(spath(c, "abc", SNAP1));
    RUN(c, &r, NULL, "export", "abc", "-o", apath(c, "abc"));
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "holds a coopcheck assessment");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &a);
    RUN(c, &r, NULL, "export", "abc", "--format", "json", "-o", spath(c, "abc", SNAP1));
    EXPECT_STATUS(&r, 5);
    run_free(&r);
    EXPECT_SAME(spath(c, "abc", SNAP1), &s);
    /* the working assessment still loads */
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    free(a.buf);
    free(s.buf);
    /* an earlier report is replaced */
    tu_write(tpath(c, "old.md"), "old report\n");
    RUN(c, &r, NULL, "export", "abc", "-o", tpath(c, "old.md"));
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    {
        char *text = tu_read(tpath(c, "old.md"), NULL);
        assert_non_null(text);
        LACKS(text, "old report");
        HAS(text, TITLE);
        free(text);
    }
}

static void test_export_roff_hostile_text(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    /* roff requests at line starts, a backslash escape, an HTML script */
    OK(c, "new", "abc", "--title", ".so /etc/passwd", "--pi", "'bp", "--partner", "\\fBbold");
    OK_IN(c, ".so /etc/passwd\n'sp 40\n  .ig\n\\\" comment\n<script>alert(1)</script>\n",
          "set", "abc", "16", "measures", "-");
    OK(c, "set", "abc", "9", "dual_use", ".mso evil.tmac");
    SNAPSHOT(c, "abc", ".nr x 1", SNAP1);
    RUN(c, &r, NULL, "export", "abc", "--format", "roff");
    EXPECT_STATUS(&r, 0);
    assert_false(some_line_starts(r.out, ".so"));
    assert_false(some_line_starts(r.out, ".mso"));
    assert_false(some_line_starts(r.out, ".ig"));
    assert_false(some_line_starts(r.out, ".nr"));
    assert_false(some_line_starts(r.out, "'"));
    assert_false(some_line_starts(r.out, "  ."));
    OUT_LACKS(&r, "\\fBbold");      /* the backslash is escaped */
    OUT_HAS(&r, "\\efBbold");
    OUT_HAS(&r, "\\&.so /etc/passwd");
    OUT_HAS(&r, "\\&'sp 40");
    MANDOC_LINT(c, r.out, "hostile.7");
    run_free(&r);
    RUN(c, &r, NULL, "export", "abc", "--snapshot", SNAP1, "--format", "roff");
    EXPECT_STATUS(&r, 0);
    assert_false(some_line_starts(r.out, ".so"));
    assert_false(some_line_starts(r.out, ".nr"));
    run_free(&r);
    RUN(c, &r, NULL, "export", "abc", "--format", "html");
    EXPECT_STATUS(&r, 0);
    OUT_LACKS(&r, "<script>");
    OUT_HAS(&r, "&lt;script&gt;");
    run_free(&r);
}

/* ---- help as a man page ---------------------------------------------------------------- */

static void test_help_roff_question(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const char *const sections[] = { "NAME", "QUESTION", "WHY IT MATTERS",
                                            "WHAT TO CHECK", "WHO CAN HELP", "REFERENCES",
                                            "SEE ALSO" };
    RUN(c, &r, NULL, "help", "9", "--roff");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    assert_true(some_line_starts(r.out, ".TH "));
    for (size_t i = 0; i < sizeof(sections) / sizeof(*sections); i++) {
        char a[64], b[64];
        snprintf(a, sizeof(a), ".SH %s\n", sections[i]);
        snprintf(b, sizeof(b), ".SH \"%s\"\n", sections[i]);
        if (!strstr(r.out, a) && !strstr(r.out, b))
            fail_msg("help 9 --roff has no section %s", sections[i]);
    }
    OUT_HAS(&r, "Military research and dual use");
    OUT_LACKS(&r, "WARUM ES WICHTIG IST");
    MANDOC_LINT(c, r.out, "q09.7");
    run_free(&r);
    /* the same by question id */
    RUN(c, &r, NULL, "help", "q09", "--roff");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "WHY IT MATTERS");
    run_free(&r);
}

static void test_help_roff_german(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "--lang", "de", "help", "9", "--roff");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "WARUM ES WICHTIG IST");
    OUT_LACKS(&r, "WHY IT MATTERS");
    assert_true(some_line_starts(r.out, ".TH "));
    MANDOC_LINT(c, r.out, "q09de.7");
    run_free(&r);
}

static void test_help_roff_all_questions(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char line[512];
    RUN(c, &r, NULL, "help", "--roff");
    EXPECT_STATUS(&r, 0);
    LINE_STARTING(r.out, ".TH ", line);
    HAS(line, "COOPCHECK-QUESTIONS");
    HAS(line, " 7 ");
    for (int q = 1; q <= 19; q++) {
        char want[64];
        snprintf(want, sizeof(want), ".SH \"QUESTION %d: ", q);
        if (!strstr(r.out, want))
            fail_msg("help --roff lacks question %d", q);
    }
    OUT_LACKS(&r, ".SH \"QUESTION 20");
    assert_int_equal(count_of(r.out, "\n.SH \"QUESTION "), 19);
    MANDOC_LINT(c, r.out, "coopcheck-questions.7");
    run_free(&r);
    RUN(c, &r, NULL, "--lang", "de", "help", "--roff");
    EXPECT_STATUS(&r, 0);
    MANDOC_LINT(c, r.out, "coopcheck-questions-de.7");
    run_free(&r);
}

static void test_help_plain_when_piped(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct catalog *cat = bundled();
    RUN(c, &r, NULL, "help", "9");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "WHY IT MATTERS");
    OUT_HAS(&r, "WHAT TO CHECK");
    assert_true(contains_squashed(r.out, l10n_get(&catalog_question(cat, "9")->text, LANG_EN)));
    assert_false(some_line_starts(r.out, "."));
    OUT_LACKS(&r, "\\f");
    OUT_LACKS(&r, ".TH");
    OUT_LACKS(&r, ".SH");
    assert_null(strchr(r.out, '\x1b'));
    run_free(&r);
    catalog_free(cat);
}

/* The program must be there (cx_group_setup); SIGPIPE is ignored from the
 * start, also in the programs the tests start. */
static int group_setup(void **state)
{
    if (cx_group_setup(state) != 0)
        return -1;
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_snapshot_starts_round_two),
        T(test_confirm_clears_the_mark),
        T(test_changing_an_answer_clears_the_mark),
        T(test_list_json_counts_to_review_per_cooperation),
        T(test_snapshots_lists_name_who_note),
        T(test_due_overdue_after_two_months),
        T(test_due_nothing_due),
        T(test_due_within_a_month),
        T(test_diff_without_snapshot),
        T(test_diff_no_changes),
        T(test_diff_between_two_snapshots),
        T(test_diff_working_and_files),
        T(test_diff_unknown_snapshot),
        T(test_diff_colour),
        T(test_diff_wraps),
        T(test_diff_colour_auto_on_a_terminal),
        T(test_diff_escapes_control_characters),
        T(test_verify_intact),
        T(test_verify_altered_older_snapshot),
        T(test_verify_altered_middle_snapshot),
        T(test_verify_altered_newest_snapshot),
        T(test_verify_removed_snapshot),
        T(test_verify_removed_newest_snapshot),
        T(test_verify_renamed_snapshot),
        T(test_verify_unknown_cooperation),
        T(test_snapshots_never_overwritten),
        T(test_old_catalogue_snapshot_loads),
        T(test_unknown_question_refused_in_working_assessment),
        T(test_diff_reports_changed_question_text),
        T(test_diff_status_when_only_question_text_changed),
        T(test_export_formats),
        T(test_export_output_file),
        T(test_export_snapshot),
        T(test_export_never_overwrites_assessments),
        T(test_export_roff_hostile_text),
        T(test_help_roff_question),
        T(test_help_roff_german),
        T(test_help_roff_all_questions),
        T(test_help_plain_when_piped),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
