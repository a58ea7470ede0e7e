/* test_tui_safety.c — the interface never loses or silently changes an
 * answer, end to end in tmux (tests/support/tmux.h):
 *   - escape sequences terminfo does not know (tmux's Home/End/F-keys under
 *     TERM=xterm-256color, vt100, linux) are whole keys, never Esc + letters;
 *   - a paste on a terminal without bracketed paste (vt100, linux) does not
 *     run as commands; in the editor it is text;
 *   - under LANG=C, typed umlauts arrive and no key is dropped;
 *   - y/n/u/Space change only a yes/no field the user points at; Enter on a
 *     yes/no field changes nothing;
 *   - undo and redo; Esc keeps an edit, Ctrl-G cancels it; the size limit;
 *   - kill -9 while typing: the next open offers the draft, at most ~1 s of
 *     typing lost; keep for later and discard;
 *   - a hang-up while $EDITOR runs: its text becomes a draft;
 *   - a file-size limit that makes every save fail (a disk that stays
 *     full): q asks, retry works once there is room, discard needs the word. */
#define _GNU_SOURCE   /* prlimit */
#include "testutil.h"
#include "tmux.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "model.h"

struct fx {
    struct tmx *s, *s2;
    char json[TMX_PATH_MAX + 64];
};

static char *gc_list[256];
static size_t gc_n;

static char *gc(char *p)
{
    if (p && gc_n < sizeof(gc_list) / sizeof(gc_list[0]))
        gc_list[gc_n++] = p;
    return p;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->json, sizeof(f->json), "%s/demo/assessment.json", f->s->data);
    return tmx_cli(f->s, NULL, NULL, NULL, "new", "demo", "--title", "Demo coop", NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    tmx_free(f->s2);
    tmx_free(f->s);
    free(f);
    while (gc_n)
        free(gc_list[--gc_n]);
    return 0;
}

static void set_answer(struct fx *f, const char *q, const char *field, const char *value)
{
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "set", "demo", q, field, value, NULL), 0);
}

static void open_demo(struct fx *f, struct tmx *s, const char *term, const char *lang,
                      const char *const env[], const char *question)
{
    const char *args[] = { "open", "demo", question, NULL };
    tmx_start(s, 80, 24, term, lang, env, args);
    tmx_wait(s, "of 19");
    (void)f;
}

/* A second session on the same data and home (drafts live under HOME). */
static struct tmx *reopen(struct fx *f, const char *const extra[])
{
    static char home[TMX_PATH_MAX + 16], data[TMX_PATH_MAX + 32];
    const char *env[8];
    size_t n = 0;
    snprintf(home, sizeof(home), "HOME=%s", f->s->tmp);
    snprintf(data, sizeof(data), "COOPCHECK_DATA=%s", f->s->data);
    env[n++] = home;
    env[n++] = data;
    for (; extra && *extra && n < 7; extra++)
        env[n++] = *extra;
    env[n] = NULL;
    tmx_free(f->s2);
    f->s2 = tmx_new();
    {
        const char *args[] = { "open", "demo", NULL };
        tmx_start(f->s2, 80, 24, "tmux-256color", "C.UTF-8", env, args);
    }
    return f->s2;
}

static void file_unchanged(const char *path, const char *before)
{
    char *now = tu_read(path, NULL);
    int same = now && strcmp(now, before) == 0;
    free(now);
    if (!same)
        fail_msg("%s changed", path);
}

/* ---- keys and pastes ------------------------------------------------------ */

/* The editing keys as tmux sends them, in the editor: none closes it,
 * none opens a prompt or leaves the question; Home and Delete work.  F2
 * shows the key overview, and closing it returns to the editor with the
 * text as it was. */
static void editing_keys_under(struct fx *f, const char *term)
{
    static const char *const inert[] = { "Up", "Down", "Left", "Right", "PPage", "NPage", "IC",
                                         "F1", "F3", "F4", "F5", "F6", "F7", "F8", "F9",
                                         "F10", "F11", "F12", "BTab", "C-Left", "C-Right", "End" };
    set_answer(f, "1", "focus", "abc def");
    open_demo(f, f->s, term, "C.UTF-8", NULL, "1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_keys(f->s, "Home", NULL);
    tmx_keys(f->s, "DC", NULL);
    tmx_wait(f->s, "    bc def");
    for (size_t i = 0; i < CC_ARRAY_LEN(inert); i++) {
        tmx_keys(f->s, inert[i], NULL);
        tmx_nap(15);
    }
    tmx_keys(f->s, "F2", NULL);
    tmx_wait_all(f->s, "The editor of a text field", "C-g", NULL);
    tmx_keys(f->s, "q", NULL);
    tmx_wait_all(f->s, "    bc def", "Editing:", NULL);
    tmx_keys(f->s, "End", NULL);
    tmx_type(f->s, "!");
    tmx_wait_all(f->s, "    bc def!", "Editing:", "Question 1 of 19", NULL);
    tmx_lacks(f->s, "Go to question");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_value(f->json, "q01", "focus", "bc def!");
    tmx_wait_gone(f->s, "Editing:");
    tmx_lacks(f->s, "Question 19 of 19");
}

static void test_keys_xterm(void **state)
{
    editing_keys_under(*state, "xterm-256color");
}

static void test_keys_vt100(void **state)
{
    editing_keys_under(*state, "vt100");
}

static void test_keys_linux(void **state)
{
    editing_keys_under(*state, "linux");
}

/* "nun ja q" pasted into a vt100 or linux terminal (no bracketed paste):
 * ignored outside the editor; in the editor it is text. */
static void burst_under(struct fx *f, const char *term)
{
    char *before = gc(tu_read(f->json, NULL));
    open_demo(f, f->s, term, "C.UTF-8", NULL, "8");
    tmx_type(f->s, "nun ja q");
    tmx_wait(f->s, "pasted text ignored (8 characters)");
    tmx_lacks(f->s, "EXITED");
    file_unchanged(f->json, before);
    tmx_keys(f->s, "Tab", NULL);   /* to the text field */
    tmx_wait(f->s, "▶ Sources / evidence");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "nun ja q");
    tmx_wait(f->s, "    nun ja q");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_value(f->json, "q08", "evidence", "nun ja q");
    assert_null(gc(tmx_json_value(f->json, "q08", "informed")));
}

static void test_paste_burst_vt100(void **state)
{
    burst_under(*state, "vt100");
}

static void test_paste_burst_linux(void **state)
{
    burst_under(*state, "linux");
}

/* Bracketed paste (tmux on an xterm) outside the editor: ignored too. */
static void test_bracketed_paste_outside_editor(void **state)
{
    struct fx *f = *state;
    char *before = gc(tu_read(f->json, NULL));
    open_demo(f, f->s, "xterm-256color", "C.UTF-8", NULL, "8");
    tmx_paste(f->s, "y");
    tmx_wait(f->s, "pasted text ignored (1 character)");
    file_unchanged(f->json, before);
}

/* One key again and again in one read (held down, or typed ahead while the
 * program was busy or the link slow) is that key pressed again and again,
 * not a paste: j j j moves three questions on.  Two different keys stay a
 * paste, ignored outside the editor. */
static void test_held_key_is_not_a_paste(void **state)
{
    struct fx *f = *state;
    char *before = gc(tu_read(f->json, NULL));
    open_demo(f, f->s, "vt100", "C.UTF-8", NULL, "8");
    tmx_type(f->s, "jjj");
    tmx_wait(f->s, "Question 11 of 19");
    tmx_lacks(f->s, "pasted text ignored");
    tmx_type(f->s, "jjk");
    tmx_wait(f->s, "pasted text ignored (3 characters)");
    tmx_wait(f->s, "Question 11 of 19");
    file_unchanged(f->json, before);
}

/* LANG=C: umlauts typed one key at a time arrive as UTF-8, and the keys
 * right after them too. */
static void test_umlauts_under_lang_c(void **state)
{
    struct fx *f = *state;
    static const char *const keys[] = { "G", "r", "ü", "ß", "e", " ", "a", "u", "s", " ", "Ä",
                                        "g", "y", "p", "t", "e", "n" };
    open_demo(f, f->s, "tmux-256color", "C", NULL, "1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    for (size_t i = 0; i < CC_ARRAY_LEN(keys); i++)
        tmx_type(f->s, keys[i]);
    tmx_wait(f->s, "    Gruesse aus Aegypten");   /* shown with ASCII stand-ins */
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_value(f->json, "q01", "focus", "Grüße aus Ägypten");
}

/* A terminal type with no terminfo entry: a message that names it and says
 * what to do, status 2, the answers untouched (setupterm finds no entry, so
 * newterm, whose failure leaks inside ncurses, is not called). */
static void test_unknown_terminal_type(void **state)
{
    struct fx *f = *state;
    char *before = gc(tu_read(f->json, NULL));
    const char *args[] = { "open", "demo", NULL };
    tmx_start(f->s, 200, 24, "coopcheck-no-such-terminal", "C.UTF-8", NULL, args);
    tmx_wait_all(f->s, "the terminal type 'coopcheck-no-such-terminal' is not known",
                 "TERM=xterm-256color coopcheck", "EXITED 2", NULL);
    assert_string_equal(gc(tu_read(f->json, NULL)), before);
}

/* ---- answer keys ------------------------------------------------------------ */

static void test_answer_keys_need_the_field(void **state)
{
    struct fx *f = *state;
    char *before = gc(tu_read(f->json, NULL));
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, NULL);
    /* q01 has no yes/no field: nothing changes */
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "question 1 has no yes/no field");
    /* q04 has three: from the list, y says which to Tab to */
    tmx_keys(f->s, "4", "Enter", NULL);
    tmx_wait(f->s, "Question 4 of 19");
    tmx_keys(f->s, "h", NULL);   /* back to the list */
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "question 4 has 3 yes/no fields: Tab to the one");
    tmx_keys(f->s, "Space", NULL);
    tmx_wait(f->s, "question 4 has 3 yes/no fields");
    file_unchanged(f->json, before);
    /* a text field focused: y, n, u, Space change nothing (q04's text
     * fields apply only after a "yes", so q01's first one) */
    tmx_keys(f->s, "1", "Enter", NULL);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "Tab", NULL);
    tmx_wait(f->s, "▶ Thematic focus");
    tmx_keys(f->s, "n", NULL);
    tmx_wait(f->s, "the focused field is a text field");
    tmx_keys(f->s, "u", NULL);
    file_unchanged(f->json, before);
    /* q08 has exactly one: from the list it is the one */
    tmx_keys(f->s, "8", "Enter", NULL);
    tmx_wait(f->s, "Question 8 of 19");
    tmx_keys(f->s, "h", NULL);
    tmx_keys(f->s, "y", NULL);
    tmx_wait_value(f->json, "q08", "informed", "yes");
}

/* Enter on a yes/no field edits its note: cancelled, nothing in the file
 * changes; typed and kept, the note is saved and the answer stays. */
static void test_enter_on_yesno_edits_note(void **state)
{
    struct fx *f = *state;
    char *before;
    cJSON *doc, *q08;
    set_answer(f, "8", "informed", "no");
    before = gc(tu_read(f->json, NULL));
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "8");
    tmx_wait(f->s, "▶ Sufficiently informed?");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing the note:");
    tmx_type(f->s, "nicht gespeichert");
    tmx_keys(f->s, "C-g", NULL);
    tmx_wait_gone(f->s, "Editing the note:");
    file_unchanged(f->json, before);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing the note:");
    tmx_type(f->s, "Briefing im Mai");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Editing the note:");
    tmx_wait(f->s, "Briefing im Mai");
    tmx_wait_value(f->json, "q08", "informed", "no");
    doc = tmx_load_json(f->json);
    q08 = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
        cJSON_GetObjectItem(doc, "answers"), "q08"), "fields"), "informed");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(q08, "note")),
                        "Briefing im Mai");
    cJSON_Delete(doc);
}

/* ---- undo, redo, Esc and Ctrl-G, the limit ------------------------------------ */

static void test_undo_redo(void **state)
{
    struct fx *f = *state;
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "8");
    tmx_keys(f->s, "y", NULL);
    tmx_wait_value(f->json, "q08", "informed", "yes");
    tmx_keys(f->s, "n", NULL);
    tmx_wait_value(f->json, "q08", "informed", "no");
    tmx_keys(f->s, "Tab", "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "Briefing 2026");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_value(f->json, "q08", "evidence", "Briefing 2026");
    tmx_keys(f->s, "f", NULL);
    /* back, one change at a time, the text as a whole */
    tmx_keys(f->s, "U", NULL);
    tmx_wait(f->s, "undone: the last change of question 8");
    tmx_keys(f->s, "U", NULL);
    tmx_wait_value(f->json, "q08", "evidence", NULL);
    tmx_keys(f->s, "U", NULL);
    tmx_wait_value(f->json, "q08", "informed", "yes");
    tmx_keys(f->s, "U", NULL);
    tmx_wait_value(f->json, "q08", "informed", NULL);
    tmx_keys(f->s, "U", NULL);
    tmx_wait(f->s, "nothing to undo");
    /* and forward again */
    tmx_keys(f->s, "C-r", NULL);
    tmx_wait_value(f->json, "q08", "informed", "yes");
    tmx_keys(f->s, "C-r", NULL);
    tmx_keys(f->s, "C-r", NULL);
    tmx_wait_value(f->json, "q08", "evidence", "Briefing 2026");
    tmx_wait(f->s, "redone: the change of question 8");
}

static void test_esc_keeps_ctrl_g_cancels(void **state)
{
    struct fx *f = *state;
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "keep this");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_value(f->json, "q01", "focus", "keep this");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, ", and more");
    /* autosave writes the typing after a pause ... */
    tmx_wait_value(f->json, "q01", "focus", "keep this, and more");
    /* ... and Ctrl-G still takes the whole edit back */
    tmx_keys(f->s, "C-g", NULL);
    tmx_wait(f->s, "edit cancelled; the field is as it was");
    tmx_wait_value(f->json, "q01", "focus", "keep this");
}

static void test_size_limit_before_loss(void **state)
{
    struct fx *f = *state;
    struct sbuf big;
    char *v;
    sbuf_init(&big);
    while (big.len < TEXT_ANSWER_MAX - 5)
        sbuf_addc(&big, 'x');
    big.buf[big.len = TEXT_ANSWER_MAX - 5] = '\0';
    assert_int_equal(tmx_cli(f->s, big.buf, NULL, NULL, "set", "demo", "1", "focus", "-", NULL), 0);
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing (255/256 KiB):");   /* the limit is shown */
    tmx_type(f->s, "abcdefghij");
    tmx_wait(f->s, "the field is full: it holds at most 262144 bytes");
    tmx_keys(f->s, "Escape", NULL);
    sbuf_adds(&big, "abcde");   /* what fitted is kept; nothing is lost on Esc */
    tmx_wait_value(f->json, "q01", "focus", big.buf);
    v = gc(tmx_json_value(f->json, "q01", "focus"));
    assert_int_equal(strlen(v), TEXT_ANSWER_MAX);
    sbuf_release(&big);
}

/* ---- crashes ------------------------------------------------------------------ */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The text of the one draft in the session's drafts directory. */
static char *draft_text(struct fx *f, char **path)
{
    char dir[TMX_PATH_MAX + 64], *out = NULL;
    DIR *d;
    struct dirent *de;
    snprintf(dir, sizeof(dir), "%s/.local/state/coopcheck/drafts", f->s->tmp);
    d = opendir(dir);
    if (!d)
        return NULL;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        *path = gc(xasprintf("%s/%s", dir, de->d_name));
        free(out);
        out = tu_read(*path, NULL);
    }
    closedir(d);
    return out;
}

static void test_kill_while_typing_offers_draft(void **state)
{
    struct fx *f = *state;
    char typed[512], *draft, *path = NULL;
    long sent_at[512], killed;
    size_t n = 0, kept = 0, must;
    cJSON *doc;
    const char *text;
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    /* steady typing for 4 s, a key every 40 ms: never a pause for autosave */
    for (long t0 = now_ms(); now_ms() - t0 < 4000 && n < sizeof(typed) - 1; n++) {
        char key[2] = { (char)('a' + n % 26), 0 };
        tmx_type(f->s, key);
        typed[n] = key[0];
        sent_at[n] = now_ms();
        tmx_nap(40);
    }
    typed[n] = '\0';
    assert_int_equal(kill((pid_t)tmx_pid(f->s), SIGKILL), 0);
    killed = now_ms();
    tmx_wait(f->s, "EXITED 137");
    assert_null(gc(tmx_json_value(f->json, "q01", "focus")));   /* nothing was saved */
    /* the draft holds all but at most the last ~1 s */
    draft = gc(draft_text(f, &path));
    assert_non_null(draft);
    assert_int_equal(tu_mode(path), 0600);
    doc = cJSON_Parse(draft);
    assert_non_null(doc);
    text = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "fields"), 0), "value")->valuestring;
    kept = strlen(text);
    assert_memory_equal(text, typed, kept);
    for (must = 0; must < n && sent_at[must] < killed - 2000; must++)
        ;
    printf("kill -9 while typing: %zu keys in %ld ms, %zu in the draft, %zu lost (typed in the "
           "last %ld ms)\n", n, sent_at[n - 1] - sent_at[0], kept, n - kept,
           kept < n ? killed - sent_at[kept] : 0L);
    if (kept < must)
        fail_msg("the draft holds %zu of %zu keys; everything typed up to 2 s before the kill "
                 "(%zu keys) should be there", kept, n, must);
    cJSON_Delete(doc);
    /* the next open shows it and applies it only when asked */
    reopen(f, NULL);
    tmx_wait_all(f->s2, "Recovered typing", "Nothing of it has been applied", "Thematic focus",
                 "a apply  l later  x discard", NULL);
    assert_null(gc(tmx_json_value(f->json, "q01", "focus")));
    tmx_keys(f->s2, "a", NULL);
    tmx_wait(f->s2, "applied the recovered typing (1 field); U undoes it");
    {
        char *want = gc(xstrndup(typed, kept));
        tmx_wait_value(f->json, "q01", "focus", want);
    }
    assert_int_equal(tu_mode(path), -1);   /* the draft is gone */
}

/* A draft longer than the screen is shown whole (it was cut after eight
 * lines, "... and N more lines", so it was applied or discarded unread):
 * G scrolls to its last words.  The text is pasted, then typing goes on
 * (a key every 40 ms, so autosave never comes) until the draft holds it. */
static void test_long_draft_shown_whole(void **state)
{
    struct fx *f = *state;
    char *path = NULL, *draft, *got;
    struct sbuf text;
    long t0;
    sbuf_init(&text);
    for (int i = 1; i <= 40; i++)
        sbuf_addf(&text, "Satz %d eines langen Entwurfs, der nie gespeichert wurde. ", i);
    sbuf_adds(&text, "Ende des Entwurfs");
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_paste(f->s, text.buf);
    for (t0 = now_ms();;) {
        draft = gc(draft_text(f, &path));
        if (draft && strstr(draft, "Ende des Entwurfs"))
            break;
        if (now_ms() - t0 > tmx_timeout_ms())
            fail_msg("no draft with the pasted text after %d ms", tmx_timeout_ms());
        tmx_type(f->s, "x");
        tmx_nap(40);
    }
    assert_int_equal(kill((pid_t)tmx_pid(f->s), SIGKILL), 0);
    tmx_wait(f->s, "EXITED 137");
    assert_null(gc(tmx_json_value(f->json, "q01", "focus")));   /* nothing was saved */
    reopen(f, NULL);
    tmx_wait_all(f->s2, "Recovered typing", "Satz 1 eines langen", NULL);
    tmx_lacks(f->s2, "more lines");
    tmx_keys(f->s2, "G", NULL);
    tmx_wait(f->s2, "Ende des Entwurfs");
    tmx_keys(f->s2, "a", NULL);
    tmx_wait(f->s2, "applied the recovered typing (1 field)");
    got = gc(tmx_json_value(f->json, "q01", "focus"));
    assert_non_null(got);
    assert_memory_equal(got, text.buf, text.len);
    sbuf_release(&text);
}

static void test_draft_keep_and_discard(void **state)
{
    struct fx *f = *state;
    char *path = NULL;
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing:");
    tmx_type(f->s, "unsaved words");
    tmx_nap(50);
    tmx_type(f->s, "!");   /* the draft follows within TUI_DRAFT_MS */
    while (!gc(draft_text(f, &path)))
        tmx_nap(20);
    assert_int_equal(kill((pid_t)tmx_pid(f->s), SIGKILL), 0);
    tmx_wait(f->s, "EXITED 137");
    reopen(f, NULL);
    tmx_wait(f->s2, "Recovered typing");
    tmx_keys(f->s2, "l", NULL);
    tmx_wait(f->s2, "draft kept: it is offered again");
    assert_int_equal(tu_mode(path), 0600);
    tmx_keys(f->s2, "q", NULL);
    tmx_wait(f->s2, "EXITED 0");
    reopen(f, NULL);
    tmx_wait(f->s2, "Recovered typing");
    tmx_keys(f->s2, "x", NULL);
    tmx_wait(f->s2, "Discard this draft for good?");
    tmx_keys(f->s2, "y", NULL);
    tmx_wait(f->s2, "draft discarded");
    assert_int_equal(tu_mode(path), -1);
    assert_null(gc(tmx_json_value(f->json, "q01", "focus")));
}

/* $EDITOR has written its file when the terminal hangs up: the text is kept
 * as a draft and offered at the next open. */
static void test_editor_hangup_keeps_text(void **state)
{
    struct fx *f = *state;
    char editor[TMX_PATH_MAX + 32], env_editor[TMX_PATH_MAX + 64], tmpdir[TMX_PATH_MAX + 32];
    char env_tmpdir[TMX_PATH_MAX + 64], ready[TMX_PATH_MAX + 32], script[4 * TMX_PATH_MAX];
    const char *env[3];
    snprintf(editor, sizeof(editor), "%s/slow-editor", f->s->tmp);
    snprintf(tmpdir, sizeof(tmpdir), "%s/private-tmp", f->s->tmp);
    snprintf(ready, sizeof(ready), "%s/editor-wrote", f->s->tmp);
    snprintf(script, sizeof(script), "#!/bin/sh\nprintf 'written in the editor\\n' >\"$1\"\n"
             ": >'%s'\nexec sleep 60\n", ready);
    tu_write(editor, script);
    assert_int_equal(chmod(editor, 0700), 0);
    assert_int_equal(mkdir(tmpdir, 0700), 0);
    snprintf(env_editor, sizeof(env_editor), "EDITOR=%s", editor);
    snprintf(env_tmpdir, sizeof(env_tmpdir), "TMPDIR=%s", tmpdir);
    env[0] = env_editor;
    env[1] = env_tmpdir;
    env[2] = NULL;
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", env, "1");
    tmx_keys(f->s, "e", NULL);
    tmx_wait_file(ready, NULL);
    tmx_kill(f->s);   /* SIGHUP, as when an SSH connection drops */
    assert_null(gc(tmx_json_value(f->json, "q01", "focus")));
    reopen(f, NULL);
    tmx_wait_all(f->s2, "Recovered typing", "written in the editor", NULL);
    tmx_keys(f->s2, "a", NULL);
    tmx_wait_value(f->json, "q01", "focus", "written in the editor");
    {   /* the editor's file went once the draft held it */
        DIR *d = opendir(tmpdir);
        struct dirent *de;
        int entries = 0;
        assert_non_null(d);
        while ((de = readdir(d)) != NULL)
            entries += de->d_name[0] != '.';
        closedir(d);
        assert_int_equal(entries, 0);
    }
}

/* ---- a disk that stays full ---------------------------------------------------------- */

static void set_fsize(long pid, rlim_t soft)
{
    struct rlimit old, lim;
    assert_int_equal(prlimit((pid_t)pid, RLIMIT_FSIZE, NULL, &old), 0);
    lim.rlim_cur = soft;
    lim.rlim_max = old.rlim_max;
    assert_int_equal(prlimit((pid_t)pid, RLIMIT_FSIZE, &lim, NULL), 0);
}

static void test_full_disk_q_asks(void **state)
{
    struct fx *f = *state;
    char *before = gc(tu_read(f->json, NULL));
    long pid;
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "8");
    pid = tmx_pid(f->s);
    set_fsize(pid, 1024);   /* every save of the ~10 KB file fails from now on */
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "NOT SAVED");
    file_unchanged(f->json, before);
    tmx_keys(f->s, "q", NULL);
    tmx_wait_all(f->s, "Answers not saved", "ulimit -f", "r", "try to save again", NULL);
    tmx_keys(f->s, "r", NULL);   /* still full */
    tmx_wait(f->s, "Answers not saved");
    tmx_lacks(f->s, "EXITED");
    /* the wrong word discards nothing */
    tmx_keys(f->s, "d", NULL);
    tmx_wait(f->s, "Type \"discard\" to quit");
    tmx_type(f->s, "yes");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "nothing was discarded");
    tmx_lacks(f->s, "EXITED");
    /* room again: retry saves, and q leaves */
    set_fsize(pid, RLIM_INFINITY);
    tmx_keys(f->s, "r", NULL);
    tmx_wait(f->s, "EXITED 0");
    tmx_wait_value(f->json, "q08", "informed", "yes");
}

static void test_full_disk_discard(void **state)
{
    struct fx *f = *state;
    char *before = gc(tu_read(f->json, NULL));
    open_demo(f, f->s, "tmux-256color", "C.UTF-8", NULL, "8");
    set_fsize(tmx_pid(f->s), 1024);
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "NOT SAVED");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "Answers not saved");
    tmx_keys(f->s, "d", NULL);
    tmx_wait(f->s, "Type \"discard\"");
    tmx_type(f->s, "discard");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "were discarded, as asked", "EXITED 6", NULL);
    file_unchanged(f->json, before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keys_xterm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keys_vt100, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keys_linux, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paste_burst_vt100, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paste_burst_linux, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bracketed_paste_outside_editor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_held_key_is_not_a_paste, setup, teardown),
        cmocka_unit_test_setup_teardown(test_umlauts_under_lang_c, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_keys_need_the_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enter_on_yesno_edits_note, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undo_redo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_esc_keeps_ctrl_g_cancels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_size_limit_before_loss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_while_typing_offers_draft, setup, teardown),
        cmocka_unit_test_setup_teardown(test_draft_keep_and_discard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_draft_shown_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_editor_hangup_keeps_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_q_asks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_discard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_terminal_type, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
