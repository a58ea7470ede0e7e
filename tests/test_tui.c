/* test_tui.c — the full-screen interface, end to end: the real binary
 * ($COOPCHECK_BIN) in a private tmux server per test (tests/support/tmux.h).
 *
 * Each test gets its own temporary HOME, data and configuration directories,
 * a cooperation "demo" created with the command line, and a tmux server that
 * teardown kills even when the test failed.  Tests wait for what should be on
 * the screen (never a fixed sleep) and check the JSON on disk for every
 * change, polling for it where the program saves in the background.
 *
 * Screen positions used below (80x24): row 0 is the header, row 23 the status
 * line; the question list is columns 0-27, the question pane starts at 29. */
#include "testutil.h"
#include "tmux.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#define UTF8_LANG "C.UTF-8"
#define TERM_DEFAULT "tmux-256color"

#define Q1_EN "What is the thematic focus of the intended"
#define Q1_DE "Wo liegt der inhaltliche Schwerpunkt der"

/* ---- fixture -------------------------------------------------------------- */

struct fx {
    struct tmx *s;
    struct tmx *s2;           /* a second session, for the tests that compare two */
    char json[TMX_PATH_MAX + 64];   /* data/demo/assessment.json */
};

/* Strings a test allocates are handed to gc() and freed by teardown, so that
 * a failing assertion (a longjmp) leaks nothing under LeakSanitizer. */
static char *gc_list[512];
static size_t gc_n;

static char *gc(char *p)
{
    if (p && gc_n < sizeof(gc_list) / sizeof(gc_list[0]))
        gc_list[gc_n++] = p;
    return p;
}

static void gc_free_all(void)
{
    while (gc_n)
        free(gc_list[--gc_n]);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char *err = NULL;
    int rc;
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->json, sizeof(f->json), "%s/demo/assessment.json", f->s->data);
    rc = tmx_cli(f->s, NULL, NULL, &err, "new", "demo", "--title", "Demo coop", NULL);
    if (rc != 0) {
        fprintf(stderr, "coopcheck new failed (%d): %s\n", rc, err ? err : "");
        free(err);
        return -1;
    }
    free(err);
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (!f)
        return 0;
    tmx_free(f->s2);
    tmx_free(f->s);
    free(f);
    gc_free_all();
    return 0;
}

/* ---- helpers -------------------------------------------------------------- */

static void cli_ok(struct tmx *s, const char *in, const char *a1, const char *a2, const char *a3,
                   const char *a4, const char *a5)
{
    char *err = NULL;
    int rc = tmx_cli(s, in, NULL, &err, a1, a2, a3, a4, a5, NULL);
    gc(err);
    if (rc != 0)
        fail_msg("coopcheck %s %s %s %s %s: status %d\n%s", a1, a2 ? a2 : "", a3 ? a3 : "",
                 a4 ? a4 : "", a5 ? a5 : "", rc, err ? err : "");
}

/* "coopcheck set demo Q FIELD VALUE" */
static void set_answer(struct fx *f, const char *q, const char *field, const char *value)
{
    cli_ok(f->s, NULL, "set", "demo", q, field, value);
}

static void open_at(struct tmx *s, int w, int h, const char *term, const char *lang,
                    const char *const env[], const char *question)
{
    const char *args[] = { "open", "demo", question, NULL };
    tmx_start(s, w, h, term, lang, env, args);
}

/* Opens demo at 80x24 (UTF-8, tmux-256color) and waits for question 1. */
static void open_demo(struct fx *f, const char *const env[])
{
    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, env, NULL);
    tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
}


/* answers.<q>.followup: 1, 0, or -1 when absent. */
static int json_followup(const char *path, const char *q)
{
    cJSON *doc = tmx_load_json(path), *v;
    int out = -1;
    if (!doc)
        return -1;
    v = cJSON_GetObjectItemCaseSensitive(doc, "answers");
    v = cJSON_GetObjectItemCaseSensitive(v, q);
    v = cJSON_GetObjectItemCaseSensitive(v, "followup");
    if (cJSON_IsBool(v))
        out = cJSON_IsTrue(v) ? 1 : 0;
    cJSON_Delete(doc);
    return out;
}

/* expect 1: "followup": true; 0: false or absent (a question without any
 * answer is left out of the file). */
static void wait_followup(const char *path, const char *q, int expect)
{
    int waited = 0;
    while (expect ? json_followup(path, q) != 1 : json_followup(path, q) == 1) {
        if (waited > tmx_timeout_ms()) {
            char *text = gc(tu_read(path, NULL));
            fprintf(stderr, "%s:\n%s\n", path, text ? text : "(no file)");
            fail_msg("%s.followup: expected %d, got %d (file above)", q, expect,
                     json_followup(path, q));
        }
        tmx_nap(20);
        waited += 20;
    }
}

/* The status printed by the pane's shell after the program ("EXITED n"). */
static int exit_status(const char *screen)
{
    const char *p = strstr(screen, "EXITED ");
    assert_non_null(p);
    return atoi(p + 7);
}

/* 1 when an SGR sequence of the capture sets a foreground or background
 * colour (30-38, 40-48, 90-97, 100-107); 39 and 49 (the defaults, which tmux
 * writes around every change) are no colour.  *where gets the sequence. */
static int has_colour_sgr(const char *s, char *where, size_t wlen)
{
    for (const char *p = s; (p = strstr(p, "\033[")) != NULL; p += 2) {
        const char *q = p + 2, *end = q;
        while (*end && (isdigit((unsigned char)*end) || *end == ';' || *end == ':'))
            end++;
        if (*end != 'm')
            continue;
        for (const char *t = q; t < end;) {
            int v = atoi(t);
            int is_num = isdigit((unsigned char)*t);
            if (is_num && ((v >= 30 && v <= 38) || (v >= 40 && v <= 48) || (v >= 90 && v <= 97) ||
                           (v >= 100 && v <= 107))) {
                snprintf(where, wlen, "ESC[%.*sm", (int)(end - q), q);
                return 1;
            }
            if (v == 38 || v == 48)
                return 1;
            while (t < end && *t != ';' && *t != ':')
                t++;
            if (t < end)
                t++;
        }
    }
    return 0;
}

/* 1 when an SGR sequence of the capture has attribute n (e.g. 7, reverse). */
static int has_sgr_attr(const char *s, int n)
{
    for (const char *p = s; (p = strstr(p, "\033[")) != NULL; p += 2) {
        const char *t = p + 2, *end = t;
        while (*end && (isdigit((unsigned char)*end) || *end == ';'))
            end++;
        if (*end != 'm')
            continue;
        while (t < end) {
            if (atoi(t) == n && isdigit((unsigned char)*t))
                return 1;
            while (t < end && *t != ';')
                t++;
            if (t < end)
                t++;
        }
    }
    return 0;
}

static int all_ascii(const char *s, const char **bad)
{
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p >= 0x80) {
            *bad = p;
            return 0;
        }
    return 1;
}

/* Display columns of a row of the test's screens (no wide characters in
 * the rows measured): the UTF-8 characters. */
static int columns(const char *row)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)row; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* The last blank-separated word of row y. */
static char *last_word(const char *screen, int y)
{
    char *row = tmx_row(screen, y), *end, *start, *w;
    end = row + strlen(row);
    while (end > row && end[-1] == ' ')
        end--;
    *end = '\0';
    start = strrchr(row, ' ');
    w = strdup(start ? start + 1 : row);
    free(row);
    return w;
}

/* cmocka cuts long messages: the screen goes to stderr first. */
#define fail_screen(screen, ...)                                                            \
    do {                                                                                    \
        fprintf(stderr, "%s\n", (screen));                                                  \
        fail_msg(__VA_ARGS__);                                                              \
    } while (0)

/* The question pane's text (right of the list's border) on the rows after
 * the row containing from, up to the row containing until, each row with its
 * leading blanks removed, joined without separators; owned. */
static char *pane_text(const char *screen, const char *from, const char *until)
{
    char *out = calloc(1, 1);
    size_t len = 0;
    int started = 0;
    assert_non_null(out);
    for (int y = 0; y < 200; y++) {
        char *row = tmx_row(screen, y);
        const char *bar = strstr(row, "│"), *p;
        size_t n;
        p = bar ? bar + strlen("│") : (strchr(row, '|') ? strchr(row, '|') + 1 : row);
        if (started && strstr(row, until)) {
            free(row);
            break;
        }
        if (started) {
            while (*p == ' ')
                p++;
            n = strlen(p);
            out = realloc(out, len + n + 1);
            assert_non_null(out);
            memcpy(out + len, p, n + 1);
            len += n;
        }
        if (!started && strstr(row, from))
            started = 1;
        free(row);
    }
    return out;
}

#define assert_screen_has(screen, needle)                                                    \
    do {                                                                                    \
        if (!strstr((screen), (needle)))                                                    \
            fail_screen((screen), "the screen (above) lacks \"%s\"", (needle));             \
    } while (0)

#define assert_screen_lacks(screen, needle)                                                  \
    do {                                                                                    \
        if (strstr((screen), (needle)))                                                     \
            fail_screen((screen), "the screen (above) should not show \"%s\"", (needle));   \
    } while (0)

/* ---- opening, the layout, quitting -------------------------------------- */

static void test_open_shows_layout(void **state)
{
    struct fx *f = *state;
    const char *scr;
    char *row, *before, *after;
    set_answer(f, "2", "partner_state", "Leading in sensor materials");   /* partial */
    set_answer(f, "3", "added_value", "Access to a unique test facility"); /* answered */
    before = gc(tu_read(f->json, NULL));
    assert_non_null(before);

    open_demo(f, NULL);
    scr = tmx_wait(f->s, "(empty: Enter to write)");
    row = gc(tmx_row(scr, 0));
    assert_screen_has(row, "demo — Demo coop");
    /* the list: section heading and a mark per question */
    assert_screen_has(scr, "Subject, goals and environme");
    assert_screen_has(scr, " ○  1 Focus and your goals");
    assert_screen_has(scr, " ◐  2 State of research co");
    assert_screen_has(scr, " ●  3 Added value of the c");
    assert_screen_has(scr, " ○  8 Civil-military fusio");
    /* question 1: title line, text, its two fields */
    assert_screen_has(scr, "Question 1 of 19 · Subject, goals and");
    assert_screen_has(scr, Q1_EN);
    assert_screen_has(scr, "Thematic focus");
    assert_screen_has(scr, "Your own goals");
    row = gc(tmx_row(scr, 23));
    assert_screen_has(row, "Tab field  y/n answer");
    assert_screen_has(row, "Tab field");

    /* opening and quitting changes nothing on disk */
    tmx_keys(f->s, "q", NULL);
    scr = tmx_wait(f->s, "EXITED");
    assert_int_equal(exit_status(scr), 0);
    after = gc(tu_read(f->json, NULL));
    assert_non_null(after);
    assert_string_equal(before, after);
}

static void test_quit_exits_and_keeps_answers(void **state)
{
    struct fx *f = *state;
    const char *scr;
    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, NULL, "4");
    tmx_wait(f->s, "Question 4 of 19");
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "(•) yes");
    tmx_keys(f->s, "q", NULL);
    scr = tmx_wait(f->s, "EXITED");
    assert_int_equal(exit_status(scr), 0);
    /* the terminal was given back: the interface is gone from the screen */
    assert_screen_lacks(scr, "Question 4 of 19");
    tmx_wait_value(f->json, "q04", "dep_on_china", "yes");
}

/* ---- moving around ------------------------------------------------------ */

/* text as the config.ini the program reads (XDG_CONFIG_HOME/coopcheck/). */
static void write_config(struct fx *f, const char *text)
{
    char dir[TMX_PATH_MAX + 32], file[TMX_PATH_MAX + 64];
    snprintf(dir, sizeof(dir), "%s/coopcheck", f->s->cfg);
    assert_int_equal(mkdir(f->s->cfg, 0700) == 0 || errno == EEXIST, 1);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(file, sizeof(file), "%s/config.ini", dir);
    tu_write(file, text);
}

/* config.ini rebinds: the keys, the status-line hints and the key overview
 * all follow. */
static void test_rebound_keys(void **state)
{
    struct fx *f = *state;
    const char *scr;
    write_config(f, "[keys]\ndown = J, Down\nkeys = F2\n");
    tmx_start(f->s, 120, 50, TERM_DEFAULT, UTF8_LANG, NULL, NULL);
    tmx_wait(f->s, "J/k move");                 /* the list of cooperations */
    tmx_keys(f->s, "Enter", NULL);
    scr = tmx_wait_all(f->s, "Question 1 of 19", "J/k question", NULL);
    assert_screen_lacks(scr, "j/k");
    tmx_keys(f->s, "j", NULL);                  /* no longer down */
    tmx_keys(f->s, "J", NULL);
    scr = tmx_wait(f->s, "Question 2 of 19");
    tmx_keys(f->s, "K", NULL);                  /* no longer the overview */
    tmx_keys(f->s, "F2", NULL);
    scr = tmx_wait_all(f->s, "J/Down           move down", "F2               all keys", NULL);
    assert_screen_lacks(scr, "j/Down");
    assert_screen_lacks(scr, "K/F2");
}

/* A problem in config.ini is said in the status line, with the file and the
 * line (cli_main read the file; the interface takes that reading over), and
 * the other settings still hold. */
static void test_config_problem_in_status_line(void **state)
{
    struct fx *f = *state;
    write_config(f, "[keys]\ndown = J, Down\n[general]\nlanguage = fr\n");
    tmx_start(f->s, 200, 30, TERM_DEFAULT, UTF8_LANG, NULL, NULL);
    tmx_wait_all(f->s, "config.ini:4:", "(the other settings are used)", NULL);
    tmx_keys(f->s, "J", NULL);                  /* a key: the message gives way */
    tmx_wait(f->s, "J/k move");                 /* the [keys] entry still holds */
}

static void test_navigation_keys(void **state)
{
    struct fx *f = *state;
    char *before = gc(tu_read(f->json, NULL)), *after;
    open_demo(f, NULL);
    /* one key at a time: three at once would be a burst, that is a paste */
    tmx_keys(f->s, "j", NULL);
    tmx_wait(f->s, "Question 2 of 19");
    tmx_keys(f->s, "j", NULL);
    tmx_wait(f->s, "Question 3 of 19");
    tmx_keys(f->s, "j", NULL);
    tmx_wait_all(f->s, "Question 4 of 19", "Are there dependencies on China", NULL);
    tmx_keys(f->s, "k", NULL);
    tmx_wait_all(f->s, "Question 3 of 19", "What added value do you see", NULL);
    tmx_keys(f->s, "Down", "Down", NULL);
    tmx_wait_all(f->s, "Question 5 of 19", "In your view and by its own account", NULL);
    tmx_keys(f->s, "Up", NULL);
    tmx_wait_all(f->s, "Question 4 of 19", "Are there dependencies on China", NULL);
    tmx_keys(f->s, "G", NULL);
    tmx_wait_all(f->s, "Question 19 of 19", "Should it come to that", NULL);
    tmx_keys(f->s, "g", NULL);
    tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
    /* k on the first question stays there */
    tmx_keys(f->s, "k", "j", NULL);
    tmx_wait(f->s, "Question 2 of 19");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
    after = gc(tu_read(f->json, NULL));
    assert_string_equal(before, after);   /* moving saves nothing */
}

static void test_goto_prompt(void **state)
{
    struct fx *f = *state;
    char *row;
    open_demo(f, NULL);
    tmx_keys(f->s, "8", NULL);
    row = gc(tmx_row(tmx_wait(f->s, "Go to question: 8"), 23));
    assert_screen_has(row, "Go to question: 8");   /* on the status line */
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "Question 8 of 19", "Are you sufficiently informed about the Chinese", NULL);
    tmx_wait_gone(f->s, "Go to question:");
    /* two digits */
    tmx_keys(f->s, "1", "2", NULL);
    tmx_wait(f->s, "Go to question: 12");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "Question 12 of 19", "Does your institution have a central", NULL);
    /* a number out of range: a message, the question stays */
    tmx_keys(f->s, "9", "9", NULL);
    tmx_wait(f->s, "Go to question: 99");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "there is no question 99", "Question 12 of 19", NULL);
    /* ':' opens the same prompt, Esc cancels it */
    tmx_keys(f->s, ":", NULL);
    tmx_wait(f->s, "Go to question:");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Go to question:");
    tmx_wait(f->s, "Question 12 of 19");
}

static void test_next_unanswered(void **state)
{
    struct fx *f = *state;
    /* questions 2 and 3 answered completely: ] from 1 goes to 4 */
    set_answer(f, "2", "partner_state", "Ahead in some areas");
    set_answer(f, "2", "de_eu_state", "On par");
    set_answer(f, "3", "added_value", "Unique facility");
    open_demo(f, NULL);
    tmx_wait(f->s, " ●  3 Added value");
    tmx_keys(f->s, "]", NULL);
    tmx_wait_all(f->s, "Question 4 of 19", "Are there dependencies on China", NULL);
    tmx_keys(f->s, "]", NULL);
    tmx_wait(f->s, "Question 5 of 19");
    /* [ goes back past the answered ones */
    tmx_keys(f->s, "[", "[", NULL);
    tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
}

static void test_search_german_word(void **state)
{
    struct fx *f = *state;
    open_demo(f, NULL);
    tmx_keys(f->s, "/", NULL);
    tmx_wait_row(f->s, 23, "Search questions and answers:");
    tmx_type(f->s, "Exportkontrollstelle");
    tmx_wait(f->s, "answers: Exportkontrollstelle");
    tmx_keys(f->s, "Enter", NULL);
    /* found in the German text although the interface is English */
    tmx_wait_all(f->s, "Question 12 of 19", "Does your institution have a central",
                 "question 12 matches \"Exportkontrollstelle\"", NULL);
    /* case-insensitive; the next match after 12 is 14 */
    tmx_keys(f->s, "/", NULL);
    tmx_wait_gone(f->s, "matches");
    tmx_type(f->s, "exportkontroll");
    tmx_wait(f->s, "answers: exportkontroll");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "Question 14 of 19", "Are you informed about any links", NULL);
    /* "/" Enter repeats the last search: wraps round to 10 (Exportkontrollgesetz) */
    tmx_keys(f->s, "/", NULL);
    tmx_wait_gone(f->s, "matches");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "Question 10 of 19", "question 10 matches", NULL);
    /* no match: a message, the question stays */
    tmx_keys(f->s, "/", NULL);
    tmx_wait_gone(f->s, "matches");
    tmx_type(f->s, "Quantenkryptographie");
    tmx_wait(f->s, "answers: Quantenkryptographie");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "no question or answer matches \"Quantenkryptographie\"", "Question 10 of 19", NULL);
}

/* ---- answering ---------------------------------------------------------- */

static void test_answer_yes_no_unsure_cycle(void **state)
{
    struct fx *f = *state;
    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, NULL, "4");
    tmx_wait_all(f->s, "Question 4 of 19", "Dependency on China?", "— unanswered", NULL);
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "(•) yes  ( ) no  ( ) unsure");
    tmx_wait_value(f->json, "q04", "dep_on_china", "yes");
    tmx_keys(f->s, "n", NULL);
    tmx_wait(f->s, "( ) yes  (•) no  ( ) unsure");
    tmx_wait_value(f->json, "q04", "dep_on_china", "no");
    tmx_keys(f->s, "u", NULL);
    tmx_wait(f->s, "( ) yes  ( ) no  (•) unsure");
    tmx_wait_value(f->json, "q04", "dep_on_china", "unsure");
    /* Space cycles yes, no, unsure, unset */
    tmx_keys(f->s, "Space", NULL);
    tmx_wait(f->s, "( ) yes  ( ) no  ( ) unsure  — unanswered");
    tmx_wait_value(f->json, "q04", "dep_on_china", NULL);
    tmx_keys(f->s, "Space", NULL);
    tmx_wait(f->s, "(•) yes  ( ) no  ( ) unsure");
    tmx_wait_value(f->json, "q04", "dep_on_china", "yes");
    tmx_keys(f->s, "Space", NULL);
    tmx_wait(f->s, "( ) yes  (•) no  ( ) unsure");
    tmx_wait_value(f->json, "q04", "dep_on_china", "no");
    /* the answer keys act on the focused yes/no field: with "no", Tab skips
     * the greyed "Kind of dependency" (it does not apply) to the second one
     * ("Partner dependent on Germany?") */
    tmx_keys(f->s, "Tab", NULL);
    tmx_wait(f->s, "▶ Partner dependent on Germany?");
    tmx_keys(f->s, "u", NULL);
    tmx_wait_value(f->json, "q04", "partner_dep_on_de", "unsure");
    tmx_wait_value(f->json, "q04", "dep_on_china", "no");
    tmx_wait(f->s, "( ) yes  ( ) no  (•) unsure");
    /* an "unsure" nothing explains says where to explain it; a note does */
    tmx_wait_all(f->s, "\"unsure\" needs an explanation: write it", "Nature of the partner's",
                 "press Enter on this field for a note", NULL);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing the note:");
    tmx_type(f->s, "Wird mit der Partnerin geklärt");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Editing the note:");
    tmx_wait_gone(f->s, "needs an explanation");
    tmx_wait_file(f->json, "Wird mit der Partnerin geklärt");
}

static void test_edit_text_utf8(void **state)
{
    struct fx *f = *state;
    const char *scr;
    char *cur;
    open_demo(f, NULL);
    tmx_keys(f->s, "Tab", NULL);
    tmx_wait(f->s, "▶ Thematic focus");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "Grüße 中文 Ärger");
    tmx_wait(f->s, "Grüße 中文 Ärger");
    /* the cursor follows in display columns: the text starts in column 36
     * (question pane at 31, border, indent 4); CJK characters are two wide */
    cur = gc(tmx_display(f->s, "#{cursor_flag} #{cursor_x} #{cursor_y}"));
    assert_string_equal(cur, "1 52 8");
    tmx_keys(f->s, "Enter", NULL);
    tmx_type(f->s, "zweite Zeile: Übung中");
    tmx_wait(f->s, "zweite Zeile: Übung中");
    tmx_keys(f->s, "BSpace", NULL);   /* removes the whole character */
    tmx_wait_gone(f->s, "Übung中");
    tmx_keys(f->s, "Escape", NULL);
    scr = tmx_wait_gone(f->s, "Editing:");
    assert_screen_has(scr, "    Grüße 中文 Ärger");
    assert_screen_has(scr, "    zweite Zeile: Übung");
    assert_screen_has(scr, "last changed " TMX_NOW);
    tmx_wait_value(f->json, "q01", "focus", "Grüße 中文 Ärger\nzweite Zeile: Übung");
    /* the list mark: one of two fields answered */
    tmx_wait(f->s, " ◐  1 Focus and your goals");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
    tmx_wait_value(f->json, "q01", "focus", "Grüße 中文 Ärger\nzweite Zeile: Übung");
}

static void test_text_saved_on_hangup(void **state)
{
    struct fx *f = *state;
    const char *text = "Verbindung weg — gespeichert? 中文 ✓";
    open_demo(f, NULL);
    tmx_keys(f->s, "Tab", "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, text);
    tmx_wait(f->s, text);
    /* no Esc, no quit: the terminal goes away (SIGHUP) at once */
    tmx_kill(f->s);
    tmx_wait_value(f->json, "q01", "focus", text);
}

/* Typed text is saved after a second without keys, editor still open. */
static void test_autosave_while_typing(void **state)
{
    struct fx *f = *state;
    open_demo(f, NULL);
    tmx_keys(f->s, "Tab", "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "noch offen: Zwischenstand");
    tmx_wait(f->s, "noch offen: Zwischenstand");
    tmx_wait_value(f->json, "q01", "focus", "noch offen: Zwischenstand");
    tmx_wait(f->s, "Editing:");   /* still editing */
    tmx_type(f->s, " 2");
    tmx_wait_value(f->json, "q01", "focus", "noch offen: Zwischenstand 2");
}

/* SIGTERM: pending text saved, terminal restored, normal exit. */
static void test_sigterm_saves_and_exits(void **state)
{
    struct fx *f = *state;
    const char *scr;
    open_demo(f, NULL);
    tmx_keys(f->s, "Tab", "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "vor dem Beenden");
    tmx_wait(f->s, "vor dem Beenden");
    assert_int_equal(kill((pid_t)tmx_pid(f->s), SIGTERM), 0);   /* the program we started */
    scr = tmx_wait(f->s, "EXITED");
    assert_int_equal(exit_status(scr), 0);
    assert_screen_lacks(scr, "Question 1 of 19");   /* the alternate screen is gone */
    tmx_wait_value(f->json, "q01", "focus", "vor dem Beenden");
}

/* Ctrl-C: the same, with the conventional status 130. */
static void test_ctrl_c_saves_and_exits_130(void **state)
{
    struct fx *f = *state;
    const char *scr;
    open_demo(f, NULL);
    tmx_keys(f->s, "Tab", "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "abgebrochen");
    tmx_wait(f->s, "abgebrochen");
    tmx_keys(f->s, "C-c", NULL);
    scr = tmx_wait(f->s, "EXITED");
    assert_int_equal(exit_status(scr), 130);
    tmx_wait_value(f->json, "q01", "focus", "abgebrochen");
}

static void test_external_editor(void **state)
{
    struct fx *f = *state;
    char editor[TMX_PATH_MAX + 32], tmpdir[TMX_PATH_MAX + 32], log[TMX_PATH_MAX + 32];
    char env_editor[TMX_PATH_MAX + 64], env_tmpdir[TMX_PATH_MAX + 64], script[4 * TMX_PATH_MAX];
    char prefix[TMX_PATH_MAX + 64], *logtext;
    const char *env[3];
    DIR *d;
    struct dirent *de;
    int entries = 0;

    snprintf(editor, sizeof(editor), "%s/fake-editor", f->s->tmp);
    snprintf(tmpdir, sizeof(tmpdir), "%s/private-tmp", f->s->tmp);
    snprintf(log, sizeof(log), "%s/editor.log", f->s->tmp);
    /* records its argument and the file's mode, then appends a line */
    snprintf(script, sizeof(script),
             "#!/bin/sh\n"
             "printf 'arg=%%s\\n' \"$1\" >>'%s'\n"
             "ls -l \"$1\" >>'%s'\n"
             "printf 'Zeile vom Editor: Prüfung 中文\\n' >>\"$1\"\n",
             log, log);
    tu_write(editor, script);
    assert_int_equal(chmod(editor, 0700), 0);
    assert_int_equal(mkdir(tmpdir, 0700), 0);
    snprintf(env_editor, sizeof(env_editor), "EDITOR=%s", editor);
    snprintf(env_tmpdir, sizeof(env_tmpdir), "TMPDIR=%s", tmpdir);
    env[0] = env_editor;
    env[1] = env_tmpdir;
    env[2] = NULL;
    set_answer(f, "1", "focus", "Vorher");

    open_demo(f, env);
    tmx_wait(f->s, "    Vorher");
    tmx_keys(f->s, "Tab", NULL);   /* q01 has two text fields: the first */
    tmx_wait(f->s, "▶ Thematic focus");
    tmx_keys(f->s, "e", NULL);
    tmx_wait_value(f->json, "q01", "focus", "Vorher\nZeile vom Editor: Prüfung 中文");
    tmx_wait_all(f->s, "    Vorher", "    Zeile vom Editor: Prüfung 中文", "Question 1 of 19", NULL);

    /* the editor got a 0600 file in a private directory under TMPDIR ... */
    logtext = gc(tu_read(log, NULL));
    assert_non_null(logtext);
    snprintf(prefix, sizeof(prefix), "arg=%s/coopcheck-", tmpdir);
    if (!strstr(logtext, prefix) || !strstr(logtext, "-rw------- "))
        fail_msg("the editor was not given a private 0600 file under %s:\n%s", tmpdir, logtext);
    /* ... and nothing is left there */
    d = opendir(tmpdir);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
            fprintf(stderr, "left in TMPDIR: %s\n", de->d_name);
            entries++;
        }
    closedir(d);
    assert_int_equal(entries, 0);

    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* An editor that fails leaves the answer alone, says so, and cleans up. */
static void test_external_editor_fails(void **state)
{
    struct fx *f = *state;
    char editor[TMX_PATH_MAX + 32], tmpdir[TMX_PATH_MAX + 32];
    char env_editor[TMX_PATH_MAX + 64], env_tmpdir[TMX_PATH_MAX + 64];
    const char *env[3];
    DIR *d;
    struct dirent *de;
    int entries = 0;
    snprintf(editor, sizeof(editor), "%s/broken-editor", f->s->tmp);
    snprintf(tmpdir, sizeof(tmpdir), "%s/private-tmp", f->s->tmp);
    tu_write(editor, "#!/bin/sh\nprintf 'half-written' >\"$1\"\nexit 3\n");
    assert_int_equal(chmod(editor, 0700), 0);
    assert_int_equal(mkdir(tmpdir, 0700), 0);
    snprintf(env_editor, sizeof(env_editor), "VISUAL=%s", editor);
    snprintf(env_tmpdir, sizeof(env_tmpdir), "TMPDIR=%s", tmpdir);
    env[0] = env_editor;
    env[1] = env_tmpdir;
    env[2] = NULL;
    set_answer(f, "1", "focus", "Vorher");
    open_demo(f, env);
    tmx_keys(f->s, "Tab", NULL);
    tmx_wait(f->s, "▶ Thematic focus");
    tmx_keys(f->s, "e", NULL);
    tmx_wait_all(f->s, "did not finish normally", "    Vorher", "Question 1 of 19", NULL);
    assert_screen_lacks(tmx_wait(f->s, "Question 1 of 19"), "half-written");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
    tmx_wait_value(f->json, "q01", "focus", "Vorher");
    d = opendir(tmpdir);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            entries++;
    closedir(d);
    assert_int_equal(entries, 0);
}

static void test_followup_toggle(void **state)
{
    struct fx *f = *state;
    open_demo(f, NULL);
    tmx_keys(f->s, "f", NULL);
    tmx_wait_all(f->s, "⚑ needs follow-up  (f)", " ○  1 Focus and your goals  ⚑", NULL);
    wait_followup(f->json, "q01", 1);
    tmx_keys(f->s, "f", NULL);
    tmx_wait_gone(f->s, "needs follow-up");
    tmx_wait_gone(f->s, "⚑");
    wait_followup(f->json, "q01", 0);
}

/* ---- language and help -------------------------------------------------- */

static void test_language_switch(void **state)
{
    struct fx *f = *state;
    const char *scr;
    open_demo(f, NULL);
    tmx_keys(f->s, "L", NULL);
    scr = tmx_wait_all(f->s, "Frage 1 von 19", Q1_DE, "Sprache: Deutsch", NULL);
    assert_screen_has(scr, "Inhaltlicher Schwerpunkt");
    assert_screen_has(scr, "(leer: Enter zum Schreiben)");
    assert_screen_has(scr, "  4 Abhängigkeiten und");
    assert_screen_has(scr, "Kooperationsgegenstand");
    assert_screen_lacks(scr, Q1_EN);
    tmx_keys(f->s, "L", NULL);
    tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, "Language: English", NULL);
}

static void test_help_fullscreen_at_80(void **state)
{
    struct fx *f = *state;
    const char *scr;
    open_demo(f, NULL);
    tmx_keys(f->s, "?", NULL);
    scr = tmx_wait_all(f->s, "Help 1: Focus and your goals", "WHAT IT ASKS", NULL);
    assert_screen_lacks(scr, "Question 1 of 19");   /* full screen, not a pane */
    tmx_keys(f->s, "Space", NULL);                  /* next page */
    tmx_wait(f->s, "WHY IT MATTERS");
    tmx_keys(f->s, "q", NULL);                      /* closes the help, not the program */
    scr = tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
    assert_screen_lacks(scr, "WHY IT MATTERS");
    assert_screen_lacks(scr, "EXITED");
}

/* The about page (a) shows the source's bold purpose phrase bold, and
 * nothing else of the purpose (a window tall enough to show the purpose
 * without scrolling). */
static void test_about_page_bold_phrase(void **state)
{
    struct fx *f = *state;
    const char *scr;
    char *esc;
    open_at(f->s, 80, 130, TERM_DEFAULT, UTF8_LANG, NULL, NULL);
    tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
    tmx_keys(f->s, "a", NULL);
    scr = tmx_wait_all(f->s, "COVER NOTE", "PURPOSE OF THE CATALOGUE", NULL);
    assert_screen_has(scr, "reference points");
    esc = gc(tmx_capture(f->s, 1));
    /* "\033[1m" switches bold on: before the phrase's words, not before "suggestions" */
    assert_non_null(strstr(esc, "\033[1mreference"));
    assert_non_null(strstr(esc, "\033[1mongoing"));
    assert_null(strstr(esc, "\033[1msuggestions"));
}

static void test_help_pane_at_120(void **state)
{
    struct fx *f = *state;
    const char *scr;
    int found = 0;
    char *row0, *size;
    open_at(f->s, 120, 30, TERM_DEFAULT, UTF8_LANG, NULL, NULL);
    scr = tmx_wait(f->s, "Question 1 of 19");
    /* the header spans the window: the program uses the real size */
    size = gc(tmx_display(f->s, "#{window_width}x#{window_height}"));
    assert_string_equal(size, "120x30");
    row0 = gc(tmx_row(scr, 0));
    if (columns(row0) < 110)
        fail_screen(scr, "the header is %d columns wide in a 120x30 window: the program "
                         "did not draw for the real window size (screen above)", columns(row0));
    /* the help of question 1 is a third pane, without pressing anything */
    scr = tmx_wait_all(f->s, "Question 1 of 19", "NAME", "WHAT IT ASKS", NULL);
    for (int y = 1; y < 29; y++) {
        char *row = gc(tmx_row(scr, y));
        const char *h = strstr(row, "WHAT IT ASKS");
        /* in the right-hand part of the row, with the question pane beside it */
        if (h && h - row > 70)
            found = 1;
    }
    if (!found)
        fail_screen(scr, "the help pane is not on the right of the question (screen above)");
    assert_screen_has(scr, Q1_EN);
    /* the status line is the whole width: row 29 is the last */
    {
        char *row = gc(tmx_row(scr, 29));
        assert_screen_has(row, "Tab field  y/n answer");
    }
}

/* ---- the terminal ------------------------------------------------------- */

static void test_resize_too_small_and_back(void **state)
{
    struct fx *f = *state;
    const char *scr;
    open_demo(f, NULL);
    tmx_resize(f->s, 50, 12);
    scr = tmx_wait(f->s, "too small");
    assert_screen_lacks(scr, "Question 1 of 19");
    tmx_resize(f->s, 80, 24);
    scr = tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
    tmx_wait_gone(f->s, "too small");
    scr = tmx_wait_row(f->s, 23, "Tab field  y/n answer");
    assert_screen_has(scr, " ○  1 Focus and your goals");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* LINES and COLUMNS exported by a shell (stale after a resize) must not
 * override the window's real size. */
static void test_exported_lines_columns_ignored(void **state)
{
    struct fx *f = *state;
    const char *env[] = { "LINES=10", "COLUMNS=40", NULL };
    const char *scr;
    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, env, NULL);
    scr = tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
    assert_screen_lacks(scr, "too small");
    scr = tmx_wait_row(f->s, 23, "Tab field  y/n answer");
    assert_screen_has(scr, " ○ 18 Protection against i");   /* row 22: all 24 rows used */
}

static void test_no_color(void **state)
{
    struct fx *f = *state;
    const char *env[] = { "NO_COLOR=1", NULL };
    char *esc, where[64];
    /* the same screen with colours first: proves the check sees colours */
    f->s2 = tmx_new();
    cli_ok(f->s2, NULL, "new", "demo", "--title", "Demo coop", NULL);
    open_at(f->s2, 80, 24, TERM_DEFAULT, UTF8_LANG, NULL, NULL);
    tmx_wait(f->s2, "Question 1 of 19");
    esc = gc(tmx_capture(f->s2, 1));
    if (!has_colour_sgr(esc, where, sizeof(where)))
        fail_screen(esc, "no colours even without NO_COLOR (is the check broken?)");
    open_demo(f, env);
    esc = gc(tmx_capture(f->s, 1));
    if (has_colour_sgr(esc, where, sizeof(where)))
        fail_screen(esc, "NO_COLOR=1, yet the screen (above) has colour: %s", where);
    /* attributes stay: the selected question and the status line are reverse */
    assert_true(has_sgr_attr(esc, 7));
    /* and still none after drawing more: an answer, the help, German */
    tmx_keys(f->s, "j", NULL);
    tmx_wait(f->s, "Question 2 of 19");
    tmx_keys(f->s, "j", NULL);
    tmx_wait(f->s, "Question 3 of 19");
    tmx_keys(f->s, "j", NULL);
    tmx_wait(f->s, "Question 4 of 19");
    tmx_keys(f->s, "Tab", NULL);   /* q04 has three yes/no fields: the first */
    tmx_wait(f->s, "▶ Dependency on China?");
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "(•) yes");
    tmx_keys(f->s, "L", NULL);
    tmx_wait(f->s, "Frage 4 von 19");
    esc = gc(tmx_capture(f->s, 1));
    if (has_colour_sgr(esc, where, sizeof(where)))
        fail_screen(esc, "NO_COLOR=1, yet the screen (above) has colour: %s", where);
    tmx_wait_value(f->json, "q04", "dep_on_china", "yes");
}

/* Opens question 1 with TERM=term, moves with j and Down, quits. */
static void check_term(struct fx *f, const char *term)
{
    open_at(f->s, 80, 24, term, UTF8_LANG, NULL, NULL);
    tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, "Focus and your goals", NULL);
    tmx_keys(f->s, "j", NULL);
    tmx_wait_all(f->s, "Question 2 of 19", "How do you assess the Chinese", NULL);
    tmx_keys(f->s, "Down", NULL);
    tmx_wait_all(f->s, "Question 3 of 19", "What added value do you see", NULL);
    tmx_keys(f->s, "Up", NULL);
    tmx_wait(f->s, "Question 2 of 19");
    tmx_keys(f->s, "y", NULL);   /* question 2 has no yes/no field: a message */
    tmx_wait(f->s, "question 2 has no yes/no field");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

static void test_term_vt100(void **state)
{
    check_term(*state, "vt100");
}

static void test_term_xterm_256color(void **state)
{
    check_term(*state, "xterm-256color");
}

static void test_term_screen(void **state)
{
    check_term(*state, "screen");
}

static void test_term_linux(void **state)
{
    check_term(*state, "linux");
}

static void test_term_unknown(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "open", "demo", NULL };
    const char *scr;
    int status;
    tmx_start(f->s, 80, 24, "nonexistent-term", UTF8_LANG, NULL, args);
    scr = tmx_wait(f->s, "EXITED");
    status = exit_status(scr);
    if (strstr(scr, "LeakSanitizer"))
        fail_screen(scr, "LeakSanitizer report on the unknown-TERM path, status %d: newterm() "
                         "failed and leaked its screen (screen above)", status);
    if (status == 0 || status >= 128)
        fail_screen(scr, "expected a plain failure status, got %d (screen above)", status);
    assert_screen_has(scr, "nonexistent-term");
    assert_screen_has(scr, "TERM");
    assert_screen_lacks(scr, "Question 1 of 19");
    assert_screen_lacks(scr, "Sanitizer");
}

/* Without TERM, open takes the line mode (tests/test_interview.c); forced
 * to the full screen, it fails plainly, saying what TERM to set. */
static void test_term_unset(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "open", "--full-screen", "demo", NULL };
    const char *scr;
    int status;
    tmx_start(f->s, 80, 24, NULL, UTF8_LANG, NULL, args);
    scr = tmx_wait(f->s, "EXITED");
    status = exit_status(scr);
    if (status == 0 || status >= 128)
        fail_screen(scr, "expected a plain failure status, got %d (screen above)", status);
    assert_screen_has(scr, "TERM");
    assert_screen_lacks(scr, "Sanitizer");
}

static void test_lang_c_ascii(void **state)
{
    struct fx *f = *state;
    const char *scr, *bad = NULL;
    set_answer(f, "3", "added_value", "Unique facility");
    set_answer(f, "2", "partner_state", "Ahead");
    open_at(f->s, 80, 24, TERM_DEFAULT, "C", NULL, NULL);
    scr = tmx_wait_all(f->s, "Question 1 of 19", Q1_EN, NULL);
    if (!all_ascii(scr, &bad))
        fail_screen(scr, "non-ASCII output under LANG=C at \"%.20s\" (screen above)", bad);
    assert_screen_lacks(scr, "○");
    assert_screen_lacks(scr, "●");
    assert_screen_has(scr, " .  1 Focus and your goals");   /* ASCII marks */
    assert_screen_has(scr, " ~  2 State of research co");
    assert_screen_has(scr, " x  3 Added value of the c");
    assert_screen_has(scr, "demo - Demo coop");
    tmx_keys(f->s, "L", NULL);
    scr = tmx_wait_all(f->s, "Frage 1 von 19", Q1_DE, NULL);
    /* umlauts transliterated, nothing else */
    assert_screen_has(scr, "  4 Abhaengigkeiten und");
    assert_screen_has(scr, "  8 Zivil-militaerische");
    if (!all_ascii(scr, &bad))
        fail_screen(scr, "non-ASCII output under LANG=C at \"%.20s\" (screen above)", bad);
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

static void test_missing_locale_falls_back_to_utf8(void **state)
{
    struct fx *f = *state;
    const char *scr;
    /* a German locale that is not installed: German, and UTF-8 all the same */
    open_at(f->s, 80, 24, TERM_DEFAULT, "de_DE.UTF-8", NULL, NULL);
    scr = tmx_wait_all(f->s, "Frage 1 von 19", Q1_DE, NULL);
    assert_screen_has(scr, " ○  4 Abhängigkeiten und");
    assert_screen_has(scr, "demo — Demo coop");
}

/* ---- untrusted text ----------------------------------------------------- */

static void test_control_characters_shown_escaped(void **state)
{
    struct fx *f = *state;
    const char *env[] = { "NO_COLOR=1", NULL };
    /* a colour sequence, a right-to-left override, and a title-setting OSC */
    const char *evil = "a\033[31mRED\xe2\x80\xaeX\n\033]2;pwned\007 end";
    const char *scr;
    char *esc, where[64], *title_before, *title, *v;
    cli_ok(f->s, evil, "set", "demo", "8", "evidence", "-");
    v = gc(tmx_json_value(f->json, "q08", "evidence"));
    assert_non_null(v);
    assert_string_equal(v, evil);   /* stored as it came */

    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, env, "8");
    scr = tmx_wait_all(f->s, "Question 8 of 19", "Sources / evidence", NULL);
    assert_screen_has(scr, "a\\x1b[31mRED<U+202E>X");
    assert_screen_has(scr, "\\x1b]2;pwned\\x07 end");
    assert_screen_lacks(scr, "\xe2\x80\xae");
    esc = gc(tmx_capture(f->s, 1));
    if (has_colour_sgr(esc, where, sizeof(where)))
        fail_screen(esc, "the answer's escape sequence coloured the screen (above): %s", where);
    assert_null(strstr(esc, "\033[31mRED"));
    /* the OSC did not reach the terminal: the pane's title is not "pwned" */
    title = gc(tmx_display(f->s, "#{pane_title}"));
    if (strstr(title, "pwned"))
        fail_msg("the answer set the terminal title: \"%s\"", title);
    /* nor when the text is edited and drawn by the editor */
    tmx_keys(f->s, "Tab", NULL);
    tmx_wait(f->s, "▶ Sources / evidence");
    tmx_keys(f->s, "Enter", NULL);
    scr = tmx_wait(f->s, "Editing:");
    assert_screen_has(scr, "RED<U+202E>X");
    esc = gc(tmx_capture(f->s, 1));
    if (has_colour_sgr(esc, where, sizeof(where)))
        fail_screen(esc, "the answer's escape sequence coloured the editor (above): %s", where);
    title_before = gc(tmx_display(f->s, "#{pane_title}"));
    assert_null(strstr(title_before, "pwned"));
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Editing:");
    tmx_wait_value(f->json, "q08", "evidence", evil);   /* unchanged: nothing was typed */
}

/* A line of an answer with control characters is shown whole: each one takes
 * four columns once escaped ("\x1b"), so the line must be wrapped after
 * escaping, not before. */
static void test_escaped_answer_not_cut(void **state)
{
    struct fx *f = *state;
    /* 45 columns as stored (ESC counted as one), 48 once escaped; the text
     * column of the question pane at 80x24 is 45 wide */
    const char *text = "\033[1m" "abcdefghijklmnopqrstuvwxyz0123456789" "TAIL";
    const char *scr;
    char *shown;
    cli_ok(f->s, text, "set", "demo", "3", "added_value", "-");
    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, NULL, "3");
    scr = tmx_wait_all(f->s, "Question 3 of 19", "\\x1b[1mabcdefghij", NULL);
    /* the answer's lines, joined, are the whole escaped text */
    shown = gc(pane_text(scr, "Added value for institution and Germany", "last changed"));
    if (strcmp(shown, "\\x1b[1mabcdefghijklmnopqrstuvwxyz0123456789TAIL") != 0)
        fail_screen(scr, "the answer is shown as \"%s\", not in full (screen above)", shown);
}

/* At 80 columns the header keeps only the progress count. */
static void test_header_progress_count(void **state)
{
    struct fx *f = *state;
    static const char *const sets[][3] = {
        { "1", "focus", "x" }, { "1", "own_goals", "x" },
        { "2", "partner_state", "x" }, { "2", "de_eu_state", "x" },
        { "3", "added_value", "x" },
        { "5", "partner_goals", "x" }, { "5", "partner_use", "x" }, { "5", "state_strategies", "x" },
        { "8", "informed", "yes" }, { "8", "evidence", "x" },
        { "10", "informed", "no" }, { "10", "evidence", "x" },
        { "13", "sensitive_apps", "no" }, { "13", "sensitive_apps_which", "x" },
        { "14", "informed", "unsure" }, { "14", "evidence", "x" },
        { "16", "measures", "x" },
        { "18", "measures", "x" },
    };
    const char *scr;
    char *w, *row;
    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
        set_answer(f, sets[i][0], sets[i][1], sets[i][2]);
    open_demo(f, NULL);
    scr = tmx_wait(f->s, " ●  3 Added value");
    w = gc(last_word(scr, 0));
    if (strcmp(w, "10/19") != 0)
        fail_screen(scr, "the header should end in \"10/19\", it ends in \"%s\" (screen above)", w);
    tmx_keys(f->s, "L", NULL);
    scr = tmx_wait(f->s, "Frage 1 von 19");
    w = gc(last_word(scr, 0));
    row = gc(tmx_row(scr, 0));
    if (strcmp(w, "10/19") != 0 || strstr(row, "(11/2024)"))
        fail_msg("the German header at 80 columns should end in \"10/19\" alone: \"%s\"", row);
}

/* ---- saving conflicts ---------------------------------------------------- */

/* Someone changes the file while the interface is open: the interface's
 * change is refused (nothing overwritten), kept in a recovery file when
 * leaving, and the user is told so after the screen is restored, with a
 * failing exit status (EXIT_SYSTEM, 6). */
static void test_conflicting_change_is_not_lost(void **state)
{
    struct fx *f = *state;
    const char *scr;
    char *v, path[2 * TMX_PATH_MAX + 512], *rec = NULL;
    char copy[TMX_PATH_MAX + 64], cmd[8 * TMX_PATH_MAX], copied[2 * TMX_PATH_MAX + 64];
    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, NULL, "4");
    tmx_wait(f->s, "Question 4 of 19");
    /* Someone else changes the file behind the interface's back: coopcheck
     * itself is kept out by the editor's lock (tests/test_lock.c), so this is
     * another writer, e.g. a sync tool: a changed copy renamed over it. */
    snprintf(copy, sizeof(copy), "%s/other", f->s->tmp);
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s' && cp -p '%s' '%s/' && mkdir -p '%s/demo' && "
             "mv '%s/assessment.json' '%s/demo/'", copy, f->json, copy, copy, copy, copy);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "--data", copy, "set", "demo", "2",
                             "partner_state", "changed from the command line", NULL), 0);
    snprintf(copied, sizeof(copied), "%s/demo/assessment.json", copy);
    assert_int_equal(rename(copied, f->json), 0);
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "NOT SAVED");
    /* the other change is intact, this one is not in the file */
    v = gc(tmx_json_value(f->json, "q02", "partner_state"));
    assert_non_null(v);
    assert_string_equal(v, "changed from the command line");
    v = gc(tmx_json_value(f->json, "q04", "dep_on_china"));
    assert_null(v);

    /* q does not throw the answer away: it asks; the answers go to a file
     * of the user's choice */
    tmx_keys(f->s, "q", NULL);
    tmx_wait_all(f->s, "Answers not saved", "write the answers to another file", NULL);
    tmx_keys(f->s, "w", NULL);
    tmx_wait(f->s, "Write all answers to (a new file):");
    snprintf(path, sizeof(path), "%s/rescued.json", f->s->tmp);
    tmx_type(f->s, path);
    tmx_keys(f->s, "Enter", NULL);
    scr = tmx_wait(f->s, "EXITED");
    rec = path;
    v = gc(tmx_json_value(rec, "q04", "dep_on_china"));
    if (!v)
        fail_screen(scr, "no answers in %s (screen above)", rec);
    assert_string_equal(v, "yes");
    assert_int_equal(tu_mode(rec), 0600);
    /* and the user is told where, with a failing status */
    if (!strstr(scr, "rescued.json") || exit_status(scr) != 6)
        fail_screen(scr, "after quitting with an unsaved change the program exited %d and did "
                         "not name the file %s (screen above)", exit_status(scr), rec);
}

static void test_paste_into_editor(void **state)
{
    struct fx *f = *state;
    open_demo(f, NULL);
    tmx_keys(f->s, "Tab", "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_paste(f->s, "Erste Zeile\nZweite Zeile mit ü und 中文");
    tmx_wait_all(f->s, "    Erste Zeile", "    Zweite Zeile mit ü und 中文", NULL);
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Editing:");
    tmx_wait_value(f->json, "q01", "focus", "Erste Zeile\nZweite Zeile mit ü und 中文");
}

/* Pasted text outside the editor must not act as keys (it could hold "y",
 * "f" or "q"). */
static void test_paste_outside_editor_ignored(void **state)
{
    struct fx *f = *state;
    char *before, *after;
    open_at(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, NULL, "4");
    tmx_wait(f->s, "Question 4 of 19");
    before = gc(tu_read(f->json, NULL));
    tmx_paste(f->s, "yfnq");
    tmx_wait(f->s, "pasted text ignored");
    tmx_keys(f->s, "j", NULL);   /* still running, still answering keys */
    tmx_wait(f->s, "Question 5 of 19");
    after = gc(tu_read(f->json, NULL));
    assert_string_equal(before, after);
}

/* ---- the picker --------------------------------------------------------- */

/* Why the form refused, on the rows it needs: in German the refusal of a bad
 * id takes three rows at 80 columns, and its end (the example id) was lost
 * when the form kept two. */
static void test_form_refusal_whole(void **state)
{
    struct fx *f = *state;
    const char *args[] = { NULL };
    const char *env[] = { "LANGUAGE=de", NULL };
    const char *scr;
    tmx_start(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, env, args);
    tmx_wait(f->s, "Kooperationen");
    tmx_keys(f->s, "n", NULL);
    tmx_wait(f->s, "Neue Kooperation");
    tmx_type(f->s, "Bad Id");
    tmx_wait(f->s, "Bad Id");
    tmx_keys(f->s, "Enter", NULL);
    scr = tmx_wait(f->s, "ungültige ID");
    if (!strstr(scr, "\"tum-hit-2026\")"))
        fail_screen(scr, "the refusal is cut (screen above)");
}

static void test_picker_lists_and_creates(void **state)
{
    struct fx *f = *state;
    const char *args[] = { NULL };
    char path[TMX_PATH_MAX + 64];
    const char *scr;
    cJSON *doc, *coop;
    cli_ok(f->s, NULL, "new", "beta-2026", "--title", "Beta project", NULL);
    set_answer(f, "3", "added_value", "Unique facility");

    tmx_start(f->s, 80, 24, TERM_DEFAULT, UTF8_LANG, NULL, args);
    scr = tmx_wait_all(f->s, "Cooperations", "beta-2026", "demo", NULL);
    assert_screen_has(scr, "Beta project");
    assert_screen_has(scr, "Demo coop");
    assert_screen_has(scr, "1/19");
    assert_screen_has(scr, f->s->data);

    /* n: the form; a bad id is refused and nothing is created */
    tmx_keys(f->s, "n", NULL);
    tmx_wait_all(f->s, "New cooperation", "Id (a-z, 0-9, -):", NULL);
    tmx_type(f->s, "Bad Id");
    tmx_wait(f->s, "Bad Id");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "invalid id");
    snprintf(path, sizeof(path), "%s/Bad Id", f->s->data);
    assert_int_equal(tu_mode(path), -1);
    for (int i = 0; i < 6; i++)
        tmx_keys(f->s, "BSpace", NULL);
    tmx_wait_gone(f->s, "Bad Id");

    tmx_type(f->s, "neu-2026");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "Neue Kooperation Ü");
    tmx_wait_all(f->s, "neu-2026", "Neue Kooperation Ü", NULL);
    tmx_keys(f->s, "Enter", NULL);
    /* created and opened */
    tmx_wait_all(f->s, "neu-2026 — Neue Kooperation Ü", "Question 1 of 19", Q1_EN, NULL);
    snprintf(path, sizeof(path), "%s/neu-2026/assessment.json", f->s->data);
    tmx_wait_file(path, "\"neu-2026\"");
    doc = tmx_load_json(path);
    assert_non_null(doc);
    coop = cJSON_GetObjectItemCaseSensitive(doc, "cooperation");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(coop, "id")->valuestring, "neu-2026");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(coop, "title")->valuestring,
                        "Neue Kooperation Ü");
    cJSON_Delete(doc);

    /* q goes back to the picker, which lists the new one; q again quits */
    tmx_keys(f->s, "q", NULL);
    scr = tmx_wait_all(f->s, "Cooperations", "neu-2026", "Neue Kooperation Ü", "beta-2026", NULL);
    tmx_keys(f->s, "q", NULL);
    scr = tmx_wait(f->s, "EXITED");
    assert_int_equal(exit_status(scr), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_open_shows_layout),
        T(test_quit_exits_and_keeps_answers),
        T(test_navigation_keys),
        T(test_rebound_keys),
        T(test_config_problem_in_status_line),
        T(test_goto_prompt),
        T(test_next_unanswered),
        T(test_search_german_word),
        T(test_answer_yes_no_unsure_cycle),
        T(test_edit_text_utf8),
        T(test_text_saved_on_hangup),
        T(test_autosave_while_typing),
        T(test_sigterm_saves_and_exits),
        T(test_ctrl_c_saves_and_exits_130),
        T(test_external_editor),
        T(test_external_editor_fails),
        T(test_followup_toggle),
        T(test_language_switch),
        T(test_help_fullscreen_at_80),
        T(test_about_page_bold_phrase),
        T(test_help_pane_at_120),
        T(test_resize_too_small_and_back),
        T(test_exported_lines_columns_ignored),
        T(test_no_color),
        T(test_term_vt100),
        T(test_term_xterm_256color),
        T(test_term_screen),
        T(test_term_linux),
        T(test_term_unknown),
        T(test_term_unset),
        T(test_lang_c_ascii),
        T(test_missing_locale_falls_back_to_utf8),
        T(test_control_characters_shown_escaped),
        T(test_escaped_answer_not_cut),
        T(test_header_progress_count),
        T(test_conflicting_change_is_not_lost),
        T(test_paste_into_editor),
        T(test_paste_outside_editor_ignored),
        T(test_picker_lists_and_creates),
        T(test_form_refusal_whole),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
