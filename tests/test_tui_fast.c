/* End-to-end tests of what the interface does to be fast, proving it still
 * shows and keeps the right thing:
 *   - the question pane keeps answers laid out between frames: a changed
 *     answer of the same length is shown as it is now, not as it was;
 *   - a resize in one dimension sends only what differs: the screen is then
 *     exactly (text and attributes) the one a fresh start at that size draws;
 *   - the editor keeps its layout line by line: with a long answer, paging
 *     up and typing puts the character where the cursor is, and the file
 *     holds the text with only that character added;
 *   - the question pane lays out a long answer only as far as it shows it:
 *     the field below it, and every page of it, are still where a whole
 *     layout puts them;
 *   - a frame leaves in one write(), not a write per line.
 * The binary runs in a private tmux server (tests/support/tmux.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "testutil.h"
#include "tmux.h"
#include "util.h"

struct fx {
    struct tmx *s, *s2;
    char path[TMX_PATH_MAX + 64];   /* DATA/demo/assessment.json */
};

static const char Q3_EN[] = "What added value do you see";

static void make_demo(struct tmx *s)
{
    char *err = NULL;
    if (tmx_cli(s, NULL, NULL, &err, "new", "demo", "--title", "Demo coop", NULL) != 0)
        fail_msg("coopcheck new: %s", err ? err : "");
    free(err);
}

static void set_text(struct tmx *s, const char *q, const char *field, const char *text)
{
    char *err = NULL;
    if (tmx_cli(s, text, NULL, &err, "set", "demo", q, field, "-", NULL) != 0)
        fail_msg("coopcheck set %s %s: %s", q, field, err ? err : "");
    free(err);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->path, sizeof(f->path), "%s/demo/assessment.json", f->s->data);
    make_demo(f->s);
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f) {
        tmx_free(f->s2);
        tmx_free(f->s);
        free(f);
    }
    return 0;
}

static const char Q4_EN[] = "Are there dependencies";

/* The program at question q (3 or 4) at w x h with TERM=term. */
static void open_q_on(struct tmx *s, const char *term, int q, int w, int h)
{
    const char *args[] = { "open", "demo", q == 3 ? "3" : "4", NULL };
    tmx_start(s, w, h, term, "C.UTF-8", NULL, args);
    tmx_wait_all(s, q == 3 ? "Question 3 of 19" : "Question 4 of 19", q == 3 ? Q3_EN : Q4_EN, NULL);
}

static void open_q(struct tmx *s, int q, int w, int h)
{
    open_q_on(s, "tmux-256color", q, w, h);
}

static void open_q3(struct tmx *s, int w, int h)
{
    open_q(s, 3, w, h);
}

/* An answer changed to a text of the same length (which may sit at the old
 * one's address) is drawn as it is now. */
static void test_same_length_change_shown(void **state)
{
    struct fx *f = *state;
    const char *scr;
    char *v;
    set_text(f->s, "q03", "added_value", "shared instruments and data");
    open_q3(f->s, 80, 24);
    tmx_wait(f->s, "shared instruments and data");
    tmx_wait(f->s, "▶ Added value");   /* opened at a question: its first field */
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Editing");
    tmx_keys(f->s, "BSpace", NULL);
    tmx_type(f->s, "e");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_value(f->path, "q03", "added_value", "shared instruments and date");
    scr = tmx_wait_gone(f->s, "Editing");
    scr = tmx_wait(f->s, "shared instruments and date");
    if (strstr(scr, "shared instruments and data")) {
        fprintf(stderr, "%s\n", scr);
        fail_msg("the pane (above) still shows the old answer");
    }
    v = tmx_json_value(f->path, "q03", "added_value");
    assert_string_equal(v, "shared instruments and date");
    free(v);
    /* undo and redo change it between two frames that both show it */
    tmx_keys(f->s, "U", NULL);
    tmx_wait_value(f->path, "q03", "added_value", "shared instruments and data");
    scr = tmx_wait(f->s, "shared instruments and data");
    assert_null(strstr(scr, "shared instruments and date"));
    tmx_keys(f->s, "C-r", NULL);
    tmx_wait_value(f->path, "q03", "added_value", "shared instruments and date");
    scr = tmx_wait(f->s, "shared instruments and date");
    assert_null(strstr(scr, "shared instruments and data"));
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* A capture with escapes as cells: each character with the attributes and
 * colours it has ("[b d u r fg bg]" when they change), blanks at a line's end
 * in the terminal's own colours dropped.  tmux writes the same screen with
 * different escapes (a line that starts with a reset or carries the state
 * over, cleared cells or never written ones), so captures are compared as
 * cells. */
struct sgr {
    int bold, dim, ul, rev, fg, bg;
};

static void sgr_apply(struct sgr *st, const char *p, const char *end)
{
    while (p < end) {
        int v = atoi(p);
        if (v == 0)
            *st = (struct sgr){ 0, 0, 0, 0, -1, -1 };
        else if (v == 1) st->bold = 1;
        else if (v == 2) st->dim = 1;
        else if (v == 4) st->ul = 1;
        else if (v == 7) st->rev = 1;
        else if (v == 22) st->bold = st->dim = 0;
        else if (v == 24) st->ul = 0;
        else if (v == 27) st->rev = 0;
        else if ((v >= 30 && v <= 37) || (v >= 90 && v <= 97)) st->fg = v;
        else if (v == 39) st->fg = -1;
        else if ((v >= 40 && v <= 47) || (v >= 100 && v <= 107)) st->bg = v;
        else if (v == 49) st->bg = -1;
        else if (v == 38 || v == 48) {   /* 38;5;N */
            const char *q = strchr(p, ';');
            q = q && q < end ? strchr(q + 1, ';') : NULL;
            if (q && q < end) {
                if (v == 38) st->fg = 1000 + atoi(q + 1);
                else st->bg = 1000 + atoi(q + 1);
                p = q;
            }
        }
        p = strchr(p, ';');
        if (!p || p >= end)
            break;
        p++;
    }
}

static char *as_cells(const char *esc)
{
    struct sbuf out, line;
    struct sgr st = { 0, 0, 0, 0, -1, -1 }, shown = st;
    size_t keep = 0;     /* line.len up to its last cell that is not blank */
    sbuf_init(&out);
    sbuf_init(&line);
    for (const char *p = esc; *p;) {
        if (*p == '\033' && p[1] == '[') {
            const char *e = p + 2;
            while (*e && !(*e >= '@' && *e <= '~'))
                e++;
            if (*e == 'm')
                sgr_apply(&st, p + 2, e);
            p = *e ? e + 1 : e;
            continue;
        }
        if (*p == '\n') {
            sbuf_add(&out, line.buf, keep);
            sbuf_addc(&out, '\n');
            sbuf_reset(&line);
            keep = 0;
            shown = (struct sgr){ -9, 0, 0, 0, 0, 0 };   /* each line states its first */
            p++;
            continue;
        }
        if (memcmp(&st, &shown, sizeof(st)) != 0) {
            sbuf_addf(&line, "[%d%d%d%d %d %d]", st.bold, st.dim, st.ul, st.rev, st.fg, st.bg);
            shown = st;
        }
        {
            size_t n = 1;
            while ((p[n] & 0xc0) == 0x80)
                n++;
            sbuf_add(&line, p, n);
            if (!(*p == ' ' && st.bg < 0 && !st.rev && !st.ul))
                keep = line.len;
            p += n;
        }
    }
    sbuf_add(&out, line.buf, keep);
    sbuf_release(&line);
    return out.buf;
}

static char *capture_cells(struct tmx *s)
{
    char *esc = tmx_capture(s, 2), *c = esc ? as_cells(esc) : NULL;
    free(esc);
    return c;
}

/* Waits until the screens of a and b (characters, attributes and colours)
 * are the same; fails with both after the timeout. */
static void wait_same_screen(struct tmx *a, struct tmx *b)
{
    int waited = 0;
    for (;;) {
        char *x = capture_cells(a), *y = capture_cells(b);
        int same = x && y && strcmp(x, y) == 0;
        if (same || waited > tmx_timeout_ms()) {
            if (!same)
                fprintf(stderr, "--- this screen:\n%s\n--- the one started afresh:\n%s\n", x ? x : "",
                        y ? y : "");
            free(x);
            free(y);
            if (!same)
                fail_msg("the screen is not the one a fresh start draws (both above)");
            return;
        }
        free(x);
        free(y);
        tmx_nap(20);
        waited += 20;
    }
}

static const char long_answer[] =
    "Two groups share instruments, data and students; the partner's lab "
    "works on materials for batteries. Nothing of it is listed for export "
    "control, and no military end use is known.\n\n"
    "The agreement names the rights to results and who may publish them.";

/* A fresh program with TERM=term at question q at w x h beside f->s (in
 * f->s2, the one before ended), and the two screens the same. */
static void same_as_fresh_on(struct fx *f, const char *term, int q, int w, int h)
{
    tmx_free(f->s2);
    f->s2 = tmx_new();
    make_demo(f->s2);
    set_text(f->s2, "q03", "added_value", long_answer);
    open_q_on(f->s2, term, q, w, h);
    tmx_wait_row(f->s2, h - 1, "Tab field");
    wait_same_screen(f->s, f->s2);
}

static void same_as_fresh_at(struct fx *f, int q, int w, int h)
{
    same_as_fresh_on(f, "tmux-256color", q, w, h);
}

static void same_as_fresh(struct fx *f, int w, int h)
{
    same_as_fresh_at(f, 3, w, h);
}

/* Taller, wider, narrower, shorter, and shorter again after keys: each time
 * the screen ends up as a program started at that size draws it.  Taller,
 * wider, and narrower or shorter right after a resize send only what differs
 * (what tmux kept of a wider window: test_resize_wider_shows_no_old_cells);
 * shorter after keys repaints (the cursor may rest on the bottom line, and
 * tmux then drops lines from the top: the first line went missing). */
static void test_resize_one_dimension(void **state)
{
    struct fx *f = *state;
    set_text(f->s, "q03", "added_value", long_answer);
    open_q3(f->s, 80, 24);
    tmx_wait(f->s, "Two groups share");
    tmx_resize(f->s, 80, 30);
    tmx_wait_row(f->s, 29, "Tab field");
    same_as_fresh(f, 80, 30);
    tmx_resize(f->s, 110, 30);
    same_as_fresh(f, 110, 30);
    tmx_resize(f->s, 90, 30);
    same_as_fresh(f, 90, 30);
    tmx_resize(f->s, 90, 22);
    tmx_wait_row(f->s, 21, "Tab field");
    same_as_fresh(f, 90, 22);
    /* shorter after a key, whose frame left the cursor where it drew last */
    tmx_keys(f->s, "j", NULL);
    tmx_wait(f->s, "Question 4 of 19");
    tmx_keys(f->s, "k", NULL);
    tmx_wait(f->s, "Question 3 of 19");
    tmx_resize(f->s, 90, 20);
    tmx_wait_row(f->s, 19, "Tab field");
    same_as_fresh(f, 90, 20);
}

/* Narrower right after a resize sends only what differs, and tmux keeps the
 * cells cut off (here question 3's text and the focus bar); a key draws
 * question 4 in the narrower window; wider again, tmux shows the kept cells,
 * which the frame must write over: the screen is question 4's as a fresh
 * start at that size draws it, with nothing of question 3 in the new
 * columns. */
static void test_resize_wider_shows_no_old_cells(void **state)
{
    struct fx *f = *state;
    set_text(f->s, "q03", "added_value", long_answer);
    open_q3(f->s, 80, 24);
    tmx_resize(f->s, 110, 24);
    same_as_fresh(f, 110, 24);
    tmx_resize(f->s, 90, 24);
    same_as_fresh(f, 90, 24);
    tmx_keys(f->s, "j", NULL);
    tmx_wait_all(f->s, "Question 4 of 19", Q4_EN, NULL);
    tmx_resize(f->s, 110, 24);
    same_as_fresh_at(f, 4, 110, 24);
}

/* TERM=vt100 has no alternate screen (no smcup), and tmux rewraps the lines
 * of its normal screen to a new width: sending only the differences left the
 * list's rows where the header belongs.  Wider and narrower again, each
 * time as a fresh start at that size draws it. */
static void test_resize_width_without_alternate_screen(void **state)
{
    struct fx *f = *state;
    set_text(f->s, "q03", "added_value", long_answer);
    open_q_on(f->s, "vt100", 3, 80, 24);
    tmx_resize(f->s, 110, 24);
    same_as_fresh_on(f, "vt100", 3, 110, 24);
    tmx_resize(f->s, 80, 24);
    same_as_fresh_on(f, "vt100", 3, 80, 24);
}

/* A text of n paragraphs in q03's added_value, edited at 80x24: the editor
 * opened at its end, pages PgUp pages up, typed there, then closed (Esc).
 * The text is left in text. */
static void edit_long_q03(struct fx *f, int n, int pages, const char *typed, struct sbuf *text)
{
    char last[32];
    sbuf_init(text);
    for (int i = 0; i < n; i++)
        sbuf_addf(text, "%sParagraph %03d: the partner institute and the university share data "
                  "and instruments.", i ? "\n\n" : "", i);
    set_text(f->s, "q03", "added_value", text->buf);
    open_q3(f->s, 80, 24);
    tmx_wait(f->s, "▶ Added value");   /* opened at a question: its first field */
    tmx_keys(f->s, "Enter", NULL);
    snprintf(last, sizeof(last), "Paragraph %03d", n - 1);
    tmx_wait(f->s, last);
    for (int i = 0; i < pages; i++)
        tmx_keys(f->s, "PPage", NULL);
    tmx_wait_gone(f->s, last);
    tmx_type(f->s, typed);
    {   /* its first word (the rest may wrap) */
        const char *t = typed + (typed[0] == ' ');
        char first[32];
        snprintf(first, sizeof(first), "%.*s", (int)strcspn(t, " "), t);
        tmx_wait(f->s, first);
    }
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Editing");
}

/* q03's added_value once the file holds needle in it (caller frees); fails
 * after the timeout. */
static char *saved_with(struct fx *f, const char *needle)
{
    char *v;
    for (int waited = 0;; waited += 20) {
        v = tmx_json_value(f->path, "q03", "added_value");
        if ((v && strstr(v, needle)) || waited > tmx_timeout_ms())
            break;
        free(v);
        tmx_nap(20);
    }
    if (!v || !strstr(v, needle))
        fail_msg("the file never held \"%s\" in q03's added_value", needle);
    return v;
}

/* A long answer (many wrapped lines): PgUp moves by screens through the
 * layout the editor keeps, the typed character lands at the cursor, and the
 * file holds the text with just that character added. */
static void test_long_answer_edit(void **state)
{
    struct fx *f = *state;
    struct sbuf text;
    char *v, *x;
    edit_long_q03(f, 400, 20, "#", &text);
    v = saved_with(f, "#");
    x = strchr(v, '#');
    /* not at the end: somewhere up the text, and nothing else changed */
    assert_true((size_t)(x - v) < text.len - 1000);
    memmove(x, x + 1, strlen(x + 1) + 1);
    assert_string_equal(v, text.buf);
    free(v);
    sbuf_release(&text);
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* Closing the editor hands its layout of the text to the question pane
 * (qpane_keep_layout): what the pane then shows, a page at a time through
 * the text, is what a program started afresh on the saved text shows. */
static void test_closed_editor_layout_kept(void **state)
{
    struct fx *f = *state;
    struct sbuf text;
    char *v;
    /* words that make the paragraph at the cursor wrap anew */
    edit_long_q03(f, 300, 30, " Inserted words long enough to wrap once more, and again across the "
                  "line, ", &text);
    v = saved_with(f, "Inserted words");
    f->s2 = tmx_new();
    make_demo(f->s2);
    set_text(f->s2, "q03", "added_value", v);
    free(v);
    open_q3(f->s2, 80, 24);
    /* the editor opened and closed there too: the view is where s's is */
    tmx_wait(f->s2, "▶ Added value");
    tmx_keys(f->s2, "Enter", NULL);
    tmx_wait(f->s2, "Paragraph 299");
    tmx_keys(f->s2, "Escape", NULL);
    tmx_wait_gone(f->s2, "Editing");
    wait_same_screen(f->s, f->s2);
    /* page by page, down to the words inserted and two pages past them */
    for (int page = 0, after = -1; page < 150 && after < 2; page++) {
        char *scr;
        tmx_keys(f->s, "NPage", NULL);
        tmx_keys(f->s2, "NPage", NULL);
        wait_same_screen(f->s, f->s2);
        scr = tmx_capture(f->s, 0);
        if (after >= 0 || (scr && strstr(scr, "Inserted words")))
            after++;
        free(scr);
        if (page == 149)
            fail_msg("150 pages down, the inserted words were not shown");
    }
    sbuf_release(&text);
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* The numbers of the "Line NNNN." rows of a screen, in order, into v (at
 * most max); their count. */
static size_t line_numbers(const char *scr, int *v, size_t max)
{
    size_t n = 0;
    for (const char *p = scr; (p = strstr(p, "Line ")) && n < max; p += 5) {
        int k;
        if (sscanf(p, "Line %4d.", &k) == 1)
            v[n++] = k;
    }
    return n;
}

static void expect_consecutive(const char *scr, int from, int to)
{
    int v[64];
    size_t n = line_numbers(scr, v, 64);
    if (n == 0)
        fail_msg("no answer lines on the screen:\n%s", scr);
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[i - 1] + 1)
            fail_msg("answer lines %d and %d next to each other:\n%s", v[i - 1], v[i], scr);
    if (from > 0 && v[0] != from)
        fail_msg("the first answer line is %d, not %d:\n%s", v[0], from, scr);
    if (to > 0 && v[n - 1] != to)
        fail_msg("the last answer line is %d, not %d:\n%s", v[n - 1], to, scr);
}

/* A 1500-line answer above three more fields: the pane shows its start, the
 * field after it (laid out below all 1500 lines), and page after page of it
 * without a gap, to its end. */
static void test_long_answer_laid_out_as_needed(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "open", "demo", "19", NULL };
    const char *scr;
    struct sbuf text;
    int v[64];
    sbuf_init(&text);
    for (int i = 1; i <= 1500; i++)
        sbuf_addf(&text, "%sLine %04d.", i > 1 ? "\n" : "", i);
    set_text(f->s, "q19", "handling", text.buf);
    sbuf_release(&text);
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    scr = tmx_wait_all(f->s, "▶ Handling of incidents", "Line 0001.", NULL);
    expect_consecutive(scr, 1, 0);
    assert_non_null(strstr(scr, "▼"));
    /* the next field: below the whole answer */
    tmx_keys(f->s, "Tab", NULL);
    scr = tmx_wait(f->s, "▶ Clear communication/support structures?");
    expect_consecutive(scr, 0, 1500);
    /* back to the top, then page by page */
    tmx_keys(f->s, "BTab", NULL);
    scr = tmx_wait_all(f->s, "▶ Handling of incidents", "Line 0001.", NULL);
    for (int page = 0, first = 1; page < 200; page++) {
        char gone[32];
        size_t n;
        snprintf(gone, sizeof(gone), "Line %04d.", first);
        tmx_keys(f->s, "NPage", NULL);
        scr = tmx_wait_gone(f->s, gone);   /* the page moved on */
        n = line_numbers(scr, v, 64);
        if (n == 0)
            fail_msg("paged past the answer without showing its end:\n%s", scr);
        expect_consecutive(scr, 0, 0);
        if (v[0] <= first)
            fail_msg("page %d went back from line %d:\n%s", page, first, scr);
        first = v[0];
        if (v[n - 1] == 1500)
            break;
    }
    scr = tmx_wait(f->s, "Line 1500.");
    expect_consecutive(scr, 0, 1500);
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
}

/* The write() calls the program has made so far (syscw of /proc/PID/io). */
static long write_calls(long pid)
{
    char path[64], line[128];
    long n = -1;
    FILE *fp;
    snprintf(path, sizeof(path), "/proc/%ld/io", pid);
    fp = fopen(path, "r");
    if (!fp)
        fail_msg("cannot read %s: the test needs Linux's /proc/PID/io", path);
    while (n < 0 && fgets(line, sizeof(line), fp))
        if (sscanf(line, "syscw: %ld", &n) != 1)
            n = -1;
    fclose(fp);
    if (n < 0)
        fail_msg("%s has no syscw line", path);
    return n;
}

/* Moving to the next question changes a dozen lines of the screen, and
 * curses wrote a line at a time until the program's first endwin(): each
 * frame now goes out in one write() (term_batch_output). */
static void test_frame_one_write(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "open", "demo", NULL };
    long pid;
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    tmx_wait_all(f->s, "Question 1 of 19", "Tab field", NULL);
    pid = tmx_pid(f->s);
    for (int q = 2; q <= 4; q++) {
        char want[32];
        long before = write_calls(pid), n;
        snprintf(want, sizeof(want), "Question %d of 19", q);
        tmx_keys(f->s, "j", NULL);
        tmx_wait(f->s, want);
        tmx_wait(f->s, q == 2 ? "State of research" : q == 3 ? Q3_EN : "alternative cooperation");
        n = write_calls(pid) - before;
        if (n != 1)
            fail_msg("the frame of question %d took %ld write() calls, not one", q, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_length_change_shown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resize_one_dimension, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resize_wider_shows_no_old_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resize_width_without_alternate_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_answer_edit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_answer_laid_out_as_needed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_closed_editor_layout_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_frame_one_write, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
