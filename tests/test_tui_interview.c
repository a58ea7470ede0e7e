/* test_tui_interview.c — the line mode for screen readers (coopcheck
 * interview, and open when a reader or a dumb terminal wants it) and the
 * reader's cursor in the full-screen interface, end to end: the built
 * binary in a private tmux server (tests/support/tmux.h).
 *   - an interview typed at a terminal: a text over two lines ended by ".",
 *     a "yes", q; the file holds exactly those answers, mode 0600;
 *   - open starts the line mode under TERM=dumb or unset, with ACCESSIBLE=1
 *     and with accessible = true in config.ini;
 *   - the interview holds the editor lock: set is refused (status 5, naming
 *     the interview's process) until q;
 *   - SIGHUP while a text is typed: the text is in a recovery draft (0600),
 *     not in the file, and the next interview says there is a draft;
 *   - open --full-screen for a reader: the cursor is shown on the selected
 *     row (the list of questions, the list of cooperations) and on the
 *     focused field; for everyone else it stays hidden. */
#include "testutil.h"
#include "tmux.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "util.h"

/* the prompts of a text field and of an unanswered yes/no field, as the
 * screen shows them (tmux drops the space after ">") */
#define TEXT_PROMPT "t types a new text, e opens the editor, x clears it, Enter keeps it, ? help >"
#define YESNO_PROMPT "yes, no or unsure; Enter leaves it unanswered, ? help >"

struct fx {
    struct tmx *s;
    char json[TMX_PATH_MAX + 64];
    char drafts[TMX_PATH_MAX + 64];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->json, sizeof(f->json), "%s/demo/assessment.json", f->s->data);
    snprintf(f->drafts, sizeof(f->drafts), "%s/.local/state/coopcheck/drafts", f->s->tmp);
    return tmx_cli(f->s, NULL, NULL, NULL, "new", "demo", "--title", "Demo coop", NULL) == 0 ? 0 : -1;
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

static void start(struct fx *f, const char *term, const char *const env[], const char *const args[])
{
    tmx_start(f->s, 80, 24, term, "C.UTF-8", env, args);
}

/* A line typed at the prompt: its text (if any), then Enter. */
static void line(struct tmx *s, const char *text)
{
    if (*text)
        tmx_type(s, text);
    tmx_keys(s, "Enter", NULL);
}

/* The first row of the screen that contains needle, or -1. */
static int row_of(const char *screen, const char *needle)
{
    int y = 0;
    for (const char *p = screen; *p; y++) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *hit = strstr(p, needle);
        if (hit && hit + strlen(needle) <= p + n)
            return y;
        if (!nl)
            break;
        p = nl + 1;
    }
    return -1;
}

/* The column of needle in row y of the screen (characters before it: the
 * screens here have no double-width ones), or -1. */
static int col_of(const char *screen, int y, const char *needle)
{
    char *row = tmx_row(screen, y);
    const char *hit = strstr(row, needle);
    int x = 0;
    if (!hit) {
        free(row);
        return -1;
    }
    for (const char *p = row; p < hit; p++)
        x += ((unsigned char)*p & 0xC0) != 0x80;
    free(row);
    return x;
}

/* Polls tmux's cursor until it is at x,y with the visibility flag (1
 * shown, 0 hidden); fails with where it is. */
static void wait_cursor(struct tmx *s, int x, int y, int flag)
{
    long waited = 0;
    char want[64], *now = NULL;
    snprintf(want, sizeof(want), "%d %d %d", x, y, flag);
    for (;;) {
        free(now);
        now = tmx_display(s, "#{cursor_x} #{cursor_y} #{cursor_flag}");
        if (strcmp(now, want) == 0)
            break;
        if (waited > tmx_timeout_ms()) {
            char *scr = tmx_capture(s, 0), msg[256];
            fprintf(stderr, "---- the screen ----\n%s---- end of the screen ----\n", scr);
            free(scr);
            snprintf(msg, sizeof(msg), "the cursor (x y shown) is \"%s\", not \"%s\"", now, want);
            free(now);
            fail_msg("%s", msg);
        }
        tmx_nap(20);
        waited += 20;
    }
    free(now);
}

/* The cursor's visibility now (1 shown, 0 hidden). */
static int cursor_shown(struct tmx *s)
{
    char *flag = tmx_display(s, "#{cursor_flag}");
    int on = strcmp(flag, "1") == 0;
    free(flag);
    return on;
}

/* The files in the session's drafts directory; *path gets the last one's
 * path (caller frees) when not NULL. */
static int draft_files(struct fx *f, char **path)
{
    DIR *d = opendir(f->drafts);
    struct dirent *de;
    int n = 0;
    if (path)
        *path = NULL;
    if (!d)
        return 0;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        n++;
        if (path) {
            free(*path);
            *path = xasprintf("%s/%s", f->drafts, de->d_name);
        }
    }
    closedir(d);
    return n;
}

static int children(const cJSON *obj)
{
    return cJSON_GetArraySize(obj);
}

/* ---- the interview at a terminal -------------------------------------------- */

/* A text over two lines, a yes, q: saved at once, exactly those answers. */
static void test_interview_answers(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "interview", "demo", NULL };
    cJSON *doc, *answers, *q01, *q08, *fields;
    start(f, "tmux-256color", NULL, args);
    tmx_wait_all(f->s, "Interview of cooperation demo: Demo coop",
                 "Field 1 of 2: Thematic focus (text).", TEXT_PROMPT, NULL);
    line(f->s, "t");
    tmx_wait(f->s, "end it with a line holding only a full stop (.).");
    line(f->s, "Grüße aus Jena");
    line(f->s, "zweite Zeile");
    line(f->s, ".");
    tmx_wait_all(f->s, "Saved.", "Field 2 of 2: Your own goals (text).", NULL);
    tmx_wait_value(f->json, "q01", "focus", "Grüße aus Jena\nzweite Zeile");
    line(f->s, "g 8");
    tmx_wait_all(f->s, "Question 8 of 19: Civil-military fusion",
                 "Field 1 of 2: Sufficiently informed? (yes or no).", YESNO_PROMPT, NULL);
    line(f->s, "yes");
    tmx_wait_all(f->s, "Saved: yes.", "Field 2 of 2: Sources / evidence (text).", NULL);
    line(f->s, "q");
    tmx_wait_all(f->s, "Everything is saved.", "EXITED 0", NULL);

    doc = tmx_load_json(f->json);
    assert_non_null(doc);
    answers = cJSON_GetObjectItemCaseSensitive(doc, "answers");
    assert_int_equal(children(answers), 2);
    q01 = cJSON_GetObjectItemCaseSensitive(answers, "q01");
    q08 = cJSON_GetObjectItemCaseSensitive(answers, "q08");
    assert_non_null(q01);
    assert_non_null(q08);
    fields = cJSON_GetObjectItemCaseSensitive(q01, "fields");
    assert_int_equal(children(fields), 1);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                            cJSON_GetObjectItemCaseSensitive(fields, "focus"), "value")),
                        "Grüße aus Jena\nzweite Zeile");
    fields = cJSON_GetObjectItemCaseSensitive(q08, "fields");
    assert_int_equal(children(fields), 1);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                            cJSON_GetObjectItemCaseSensitive(fields, "informed"), "value")),
                        "yes");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(q01, "followup")));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(q08, "followup")));
    cJSON_Delete(doc);
    assert_int_equal(tu_mode(f->json), 0600);
    assert_int_equal(draft_files(f, NULL), 0);
}

/* ---- open chooses the line mode ----------------------------------------------- */

/* open demo shows the interview, its first prompt ending in " > " with the
 * cursor after the space, and q leaves it. */
static void open_is_line_mode(struct fx *f, const char *term, const char *const env[])
{
    const char *args[] = { "open", "demo", NULL };
    const char *scr;
    char *row;
    int y;
    start(f, term, env, args);
    scr = tmx_wait_all(f->s, "Interview of cooperation demo: Demo coop", TEXT_PROMPT, NULL);
    y = row_of(scr, TEXT_PROMPT);
    row = tmx_row(scr, y);
    /* the row ends in ">" (tmux drops trailing blanks); the space after it
     * is where the cursor waits */
    assert_int_equal(row[strlen(row) - 1], '>');
    wait_cursor(f->s, (int)strlen(row) + 1, y, 1);
    free(row);
    tmx_lacks(f->s, "Tab field");   /* the full-screen interface's key line */
    line(f->s, "q");
    tmx_wait(f->s, "EXITED 0");
}

static void test_open_dumb_terminal(void **state)
{
    open_is_line_mode(*state, "dumb", NULL);
}

static void test_open_term_unset(void **state)
{
    open_is_line_mode(*state, NULL, NULL);
}

static void test_open_accessible(void **state)
{
    const char *env[] = { "ACCESSIBLE=1", NULL };
    open_is_line_mode(*state, "tmux-256color", env);
}

static void test_open_accessible_in_config(void **state)
{
    struct fx *f = *state;
    char dir[TMX_PATH_MAX + 32], ini[TMX_PATH_MAX + 64];
    snprintf(dir, sizeof(dir), "%s/coopcheck", f->s->cfg);
    snprintf(ini, sizeof(ini), "%s/config.ini", dir);
    mkdir(f->s->cfg, 0700);
    assert_int_equal(mkdir(dir, 0700), 0);
    tu_write(ini, "[general]\naccessible = true\n");
    open_is_line_mode(f, "tmux-256color", NULL);
}

/* ---- the editor lock ----------------------------------------------------------- */

static void test_interview_holds_the_lock(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "interview", "demo", "3", NULL };
    char *err = NULL, who[64];
    int rc;
    start(f, "tmux-256color", NULL, args);
    tmx_wait_all(f->s, "Field 1 of 1: Added value for institution and Germany (text).",
                 TEXT_PROMPT, NULL);
    rc = tmx_cli(f->s, NULL, NULL, &err, "set", "demo", "q03", "added_value", "von außen", NULL);
    snprintf(who, sizeof(who), "process %ld,", tmx_pid(f->s));
    if (rc != 5 || !strstr(err, "is open in another coopcheck") || !strstr(err, who)) {
        fprintf(stderr, "set said: %s\n", err);
        fail_msg("set while the interview runs: status %d (expected 5, a message naming %s)",
                 rc, who);
    }
    free(err);
    assert_null(tmx_json_value(f->json, "q03", "added_value"));
    line(f->s, "q");
    tmx_wait(f->s, "EXITED 0");
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "set", "demo", "q03", "added_value",
                             "von außen", NULL), 0);
    tmx_wait_value(f->json, "q03", "added_value", "von außen");
}

/* ---- a hang-up while a text is typed ------------------------------------------ */

static void test_hangup_while_typing_keeps_draft(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "interview", "demo", "1", NULL };
    char *path = NULL, *text, *json, *out = NULL;
    const char *scr;
    cJSON *doc, *field;
    int y;
    start(f, "tmux-256color", NULL, args);
    tmx_wait(f->s, TEXT_PROMPT);
    line(f->s, "t");
    tmx_wait(f->s, "end it with a line holding only a full stop (.).");
    line(f->s, "erste Zeile");
    line(f->s, "zweite Zeile");
    /* the echo of both lines and of the last Enter, then the program has
     * read them: the signal must find them taken */
    scr = tmx_wait_all(f->s, "erste Zeile", "zweite Zeile", NULL);
    y = row_of(scr, "zweite Zeile");
    wait_cursor(f->s, 0, y + 1, 1);
    tmx_wait_input_read(f->s);
    assert_int_equal(kill((pid_t)tmx_pid(f->s), SIGHUP), 0);
    /* it says where the text went, not that everything is saved */
    tmx_wait_all(f->s, "The text being typed was not finished; it is in the recovery draft",
                 "EXITED ", NULL);
    tmx_lacks(f->s, "Everything is saved.");

    /* the draft holds the text; the file does not */
    assert_int_equal(draft_files(f, &path), 1);
    assert_int_equal(tu_mode(path), 0600);
    text = tu_read(path, NULL);
    assert_non_null(text);
    doc = cJSON_Parse(text);
    assert_non_null(doc);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "fields")), 1);
    field = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "fields"), 0);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(field, "question")), "q01");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(field, "field")), "focus");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(field, "value")),
                        "erste Zeile\nzweite Zeile");
    cJSON_Delete(doc);
    free(text);
    json = tu_read(f->json, NULL);
    assert_non_null(json);
    assert_null(strstr(json, "erste Zeile"));
    assert_null(strstr(json, "zweite Zeile"));
    assert_null(tmx_json_value(f->json, "q01", "focus"));
    free(json);

    /* the next interview (through a pipe) tells of it and leaves it */
    assert_int_equal(tmx_cli(f->s, "q\n", &out, NULL, "interview", "demo", NULL), 0);
    if (!strstr(out, "recovery draft")) {
        fprintf(stderr, "the interview said:\n%s\n", out);
        fail_msg("the second interview does not mention the recovery draft");
    }
    free(out);
    assert_int_equal(tu_mode(path), 0600);
    free(path);
}

/* ---- the reader's cursor in the full-screen interface ------------------------- */

static void test_reader_cursor_on_focus(void **state)
{
    struct fx *f = *state;
    const char *env[] = { "ACCESSIBLE=1", NULL };
    const char *args[] = { "open", "--full-screen", "demo", NULL };
    const char *scr;
    int y;
    start(f, "tmux-256color", env, args);
    /* the list: on the selected question's row */
    scr = tmx_wait(f->s, "Question 1 of 19");
    y = row_of(scr, " 1 Focus and your goals");
    assert_true(y > 0);
    wait_cursor(f->s, 1, y, 1);
    tmx_keys(f->s, "Down", NULL);
    scr = tmx_wait(f->s, "Question 2 of 19");
    y = row_of(scr, " 2 State of research");
    assert_true(y > 0);
    wait_cursor(f->s, 1, y, 1);
    /* the fields: on the focused one, at its marker */
    tmx_keys(f->s, "Tab", NULL);
    scr = tmx_wait(f->s, "▶ Partner's state of research");
    y = row_of(scr, "▶ Partner's state of research");
    wait_cursor(f->s, col_of(scr, y, "▶"), y, 1);
    tmx_keys(f->s, "Tab", NULL);
    scr = tmx_wait(f->s, "▶ State of development in DE/EU");
    y = row_of(scr, "▶ State of development in DE/EU");
    wait_cursor(f->s, col_of(scr, y, "▶"), y, 1);
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* The list of cooperations: on the selected one. */
static void test_reader_cursor_in_picker(void **state)
{
    struct fx *f = *state;
    const char *env[] = { "ACCESSIBLE=1", NULL };
    const char *args[] = { "open", "--full-screen", NULL };
    const char *scr;
    int y1, y2;
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "new", "zweite", "--title", "Zweite Koop",
                             NULL), 0);
    start(f, "tmux-256color", env, args);
    scr = tmx_wait_all(f->s, "Demo coop", "Zweite Koop", NULL);
    y1 = row_of(scr, " demo ");
    y2 = row_of(scr, " zweite ");
    assert_true(y1 > 0);
    assert_true(y2 > y1);
    wait_cursor(f->s, 1, y1, 1);
    tmx_keys(f->s, "Down", NULL);
    wait_cursor(f->s, 1, y2, 1);
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* No reader: the cursor stays hidden on the list and on a field (each
 * frame waited for whole before it is looked at). */
static void test_no_reader_cursor_hidden(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "open", "demo", NULL };
    start(f, "tmux-256color", NULL, args);
    tmx_wait(f->s, "Question 1 of 19");
    assert_false(cursor_shown(f->s));
    tmx_keys(f->s, "Down", NULL);
    tmx_wait(f->s, "Question 2 of 19");
    assert_false(cursor_shown(f->s));
    tmx_keys(f->s, "Tab", NULL);
    tmx_wait(f->s, "▶ Partner's state of research");
    assert_false(cursor_shown(f->s));
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_interview_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_dumb_terminal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_term_unset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_accessible, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_accessible_in_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interview_holds_the_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hangup_while_typing_keeps_draft, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_cursor_on_focus, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_cursor_in_picker, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_reader_cursor_hidden, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
