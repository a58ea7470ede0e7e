/* test_tui_screens.c — whole screens of the interface compared with golden
 * files (tests/golden/screen-*.txt): the list of cooperations, an
 * assessment, the editor, the key overview and the changes, in English and
 * German, at 80x24, 120x40 and 200x50, and in ASCII under LANG=C.  Layout
 * is what these guard: a column that moved, a cut id, a status line that
 * overflows.  The German screens must also hold no English word of the
 * interface (every word of a msgid that no German translation uses).
 *
 * The clock is fixed (COOPCHECK_NOW), so dates are stable.  A screen is taken
 * once the expected text is there and two captures in a row agree.  When a
 * change of layout is intended: make golden, then review git diff
 * tests/golden. */
#include "testutil.h"
#include "tmux.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

struct fx {
    struct tmx *s;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    static const char *const cmds[][12] = {
        { "new", "demo", "--title", "Demo coop", "--partner", "Fudan University", "--country",
          "China", NULL },
        { "new", "tum-fudan-quantum-sensing-2026", "--title", "Quantensensorik mit Fudan",
          "--partner", "Fudan University", "--partner", "Shanghai Jiao Tong University", NULL },
        { "set", "demo", "1", "focus", "Quantensensorik für die medizinische Bildgebung", NULL },
        { "set", "demo", "4", "dep_on_china", "no", NULL },
        { "set", "demo", "4", "dep_on_china_kind", "Reagenzien eines Lieferanten in Suzhou", NULL },
        { "set", "demo", "9", "--followup", "on", NULL },
    };
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        char *err = NULL;
        int rc = tmx_cli(f->s, NULL, NULL, &err, cmds[i][0], cmds[i][1], cmds[i][2], cmds[i][3],
                         cmds[i][4], cmds[i][5], cmds[i][6], cmds[i][7], cmds[i][8], NULL);
        if (rc != 0) {
            fprintf(stderr, "coopcheck %s %s failed (%d): %s\n", cmds[i][0], cmds[i][1], rc,
                    err ? err : "");
            free(err);
            return -1;
        }
        free(err);
    }
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f)
        tmx_free(f->s);
    free(f);
    return 0;
}

/* ---- taking a screen -------------------------------------------------------- */

/* The screen once needle is on it and it has stopped changing (owned by the
 * session). */
static const char *settled(struct tmx *s, const char *needle)
{
    char *last = NULL;
    int same = 0;
    long waited = 0;
    tmx_wait(s, needle);
    while (same < 2) {
        char *now = tmx_capture(s, 0);
        same = last && strcmp(last, now) == 0 ? same + 1 : 0;
        free(last);
        last = now;
        if (waited > tmx_timeout_ms())
            fail_msg("the screen kept changing for %ld ms", waited);
        tmx_nap(40);
        waited += 40;
    }
    free(s->screen);
    s->screen = last;
    return last;
}

/* Whole words (letters only, at least 3) of s, lowercased, each once. */
static void words_of(const char *s, char ***v, size_t *n)
{
    while (*s) {
        const char *b;
        size_t len;
        while (*s && !isalpha((unsigned char)*s))
            s++;
        b = s;
        while (*s && (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80))
            s++;
        len = (size_t)(s - b);
        if (len >= 3) {
            char *w = strndup(b, len);
            size_t i;
            assert_non_null(w);
            for (size_t k = 0; k < len; k++)
                w[k] = (char)tolower((unsigned char)w[k]);
            for (i = 0; i < *n && strcmp((*v)[i], w) != 0; i++)
                ;
            if (i < *n) {
                free(w);
            } else {
                *v = realloc(*v, (*n + 1) * sizeof(**v));
                assert_non_null(*v);
                (*v)[(*n)++] = w;
            }
        }
    }
}

static int has_word(char **v, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], w) == 0)
            return 1;
    return 0;
}

/* The strings of po/de.po: msgids into ids, msgstrs into strs (joined). */
static void read_po(struct sbuf *ids, struct sbuf *strs)
{
    char *path = tu_src_path("po/de.po"), *text = tu_read(path, NULL), *line, *save = NULL;
    struct sbuf *into = NULL;
    assert_non_null(text);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        const char *q;
        if (strncmp(line, "msgid", 5) == 0)
            into = ids;
        else if (strncmp(line, "msgstr", 6) == 0)
            into = strs;
        else if (line[0] != '"')
            continue;
        if (!into || !(q = strchr(line, '"')))
            continue;
        sbuf_adds(into, q + 1);
        sbuf_addc(into, '\n');
    }
    free(text);
    free(path);
}

/* Every "de" text of the catalogue (they may quote English names: "Dual
 * Use", a source's title) and every id (the help shows field ids such as
 * "military_checked" as they are) into out. */
static void catalogue_german(const cJSON *node, struct sbuf *out)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, node) {
        if (c->string && (strcmp(c->string, "de") == 0 || strcmp(c->string, "id") == 0) &&
            cJSON_IsString(c)) {
            sbuf_adds(out, c->valuestring);
            sbuf_addc(out, '\n');
        } else if (c->string && strcmp(c->string, "de") == 0 && cJSON_IsArray(c)) {
            const cJSON *item;
            cJSON_ArrayForEach(item, c)
                if (cJSON_IsString(item)) {
                    sbuf_adds(out, item->valuestring);
                    sbuf_addc(out, '\n');
                }
        } else if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
            catalogue_german(c, out);
        }
    }
}

/* A German screen holds no word that only the English of the interface uses:
 * a word of a msgid that neither a German translation nor the catalogue's
 * German texts use. */
static void no_english(const char *screen)
{
    static char **english;
    static size_t nenglish;
    char **seen = NULL;
    size_t nseen = 0;
    if (!english) {
        struct sbuf ids, strs;
        char **en = NULL, **de = NULL;
        size_t nen = 0, nde = 0;
        sbuf_init(&ids);
        sbuf_init(&strs);
        read_po(&ids, &strs);
        {
            char *path = tu_src_path("catalog/bmbf-china-2024.json");
            char *json = tu_read(path, NULL);
            cJSON *doc = cJSON_Parse(json);
            assert_non_null(doc);
            catalogue_german(doc, &strs);
            cJSON_Delete(doc);
            free(json);
            free(path);
        }
        words_of(ids.buf, &en, &nen);
        words_of(strs.buf, &de, &nde);
        for (size_t i = 0; i < nen; i++) {
            if (!has_word(de, nde, en[i])) {
                english = realloc(english, (nenglish + 1) * sizeof(*english));
                assert_non_null(english);
                english[nenglish++] = en[i];
            } else {
                free(en[i]);
            }
        }
        for (size_t i = 0; i < nde; i++)
            free(de[i]);
        free(en);
        free(de);
        sbuf_release(&ids);
        sbuf_release(&strs);
    }
    words_of(screen, &seen, &nseen);
    for (size_t i = 0; i < nseen; i++) {
        if (has_word(english, nenglish, seen[i])) {
            print_error("the German screen shows the English word \"%s\":\n%s\n", seen[i], screen);
            fail();
        }
        free(seen[i]);
    }
    free(seen);
}

/* ---- the screens ------------------------------------------------------------ */

#define EN "LANGUAGE=en"
#define DE "LANGUAGE=de"

static void start(struct fx *f, int w, int h, const char *lang_env, const char *lang,
                  const char *const args[])
{
    const char *env[] = { lang_env, NULL };
    tmx_start(f->s, w, h, "tmux-256color", lang, env, args);
}

/* The screen with the session's temporary data directory as "$DATA". */
static char *portable(const struct tmx *s, const char *scr)
{
    struct sbuf out;
    size_t n = strlen(s->data);
    sbuf_init(&out);
    for (const char *p = scr; *p;) {
        if (strncmp(p, s->data, n) == 0) {
            sbuf_adds(&out, "$DATA");
            p += n;
        } else {
            sbuf_addc(&out, *p++);
        }
    }
    return sbuf_detach(&out, NULL);
}

static void shot(struct fx *f, const char *name, const char *needle, int german)
{
    char *scr = portable(f->s, settled(f->s, needle));
    if (german)
        no_english(scr);
    tu_check_golden(name, scr);
    free(scr);
}

static void test_picker_en(void **state)
{
    struct fx *f = *state;
    start(f, 80, 24, EN, "C.UTF-8", NULL);
    shot(f, "screen-picker-80x24-en.txt", "tum-fudan-quantum-sensing-2026", 0);
    /* the titles are cut to nothing at 80 columns: the selected one's title
     * and partners stand whole under the table, and follow the selection */
    tmx_keys(f->s, "j", NULL);
    tmx_wait_row(f->s, 22, " Quantensensorik mit Fudan");
}

static void test_picker_de(void **state)
{
    struct fx *f = *state;
    start(f, 80, 24, DE, "C.UTF-8", NULL);
    shot(f, "screen-picker-80x24-de.txt", "tum-fudan-quantum-sensing-2026", 1);
}

static void test_assessment_en(void **state)
{
    static const char *const args[] = { "open", "demo", "4", NULL };
    struct fx *f = *state;
    start(f, 80, 24, EN, "C.UTF-8", args);
    shot(f, "screen-assess-80x24-en.txt", "Question 4 of 19", 0);
}

static void test_assessment_de(void **state)
{
    static const char *const args[] = { "open", "demo", "4", NULL };
    struct fx *f = *state;
    start(f, 80, 24, DE, "C.UTF-8", args);
    shot(f, "screen-assess-80x24-de.txt", "Frage 4 von 19", 1);
}

static void test_assessment_ascii(void **state)
{
    static const char *const args[] = { "open", "demo", "4", NULL };
    struct fx *f = *state;
    start(f, 80, 24, EN, "C", args);
    shot(f, "screen-assess-80x24-ascii.txt", "Question 4 of 19", 0);
}

static void test_assessment_120(void **state)
{
    static const char *const args[] = { "open", "demo", "4", NULL };
    struct fx *f = *state;
    start(f, 120, 40, EN, "C.UTF-8", args);
    shot(f, "screen-assess-120x40-en.txt", "Question 4 of 19", 0);
}

static void test_assessment_200(void **state)
{
    static const char *const args[] = { "open", "demo", "9", NULL };
    struct fx *f = *state;
    start(f, 200, 50, DE, "C.UTF-8", args);
    shot(f, "screen-assess-200x50-de.txt", "Frage 9 von 19", 1);
}

static void test_editor(void **state)
{
    static const char *const args[] = { "open", "demo", "1", NULL };
    struct fx *f = *state;
    start(f, 80, 24, EN, "C.UTF-8", args);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "Enter", NULL);
    shot(f, "screen-editor-80x24-en.txt", "Editing:", 0);
    tmx_keys(f->s, "L", NULL);   /* text: typed, not the language */
    tmx_keys(f->s, "C-g", NULL);
    tmx_wait(f->s, "edit cancelled");
}

static void test_editor_de(void **state)
{
    static const char *const args[] = { "open", "demo", "1", NULL };
    struct fx *f = *state;
    start(f, 80, 24, DE, "C.UTF-8", args);
    tmx_wait(f->s, "Frage 1 von 19");
    tmx_keys(f->s, "Enter", NULL);
    shot(f, "screen-editor-80x24-de.txt", "Bearbeiten:", 1);
}

static void test_keys_en(void **state)
{
    static const char *const args[] = { "open", "demo", NULL };
    struct fx *f = *state;
    start(f, 80, 24, EN, "C.UTF-8", args);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "K", NULL);
    shot(f, "screen-keys-80x24-en.txt", "An assessment", 0);
}

static void test_keys_de(void **state)
{
    static const char *const args[] = { "open", "demo", NULL };
    struct fx *f = *state;
    start(f, 80, 24, DE, "C.UTF-8", args);
    tmx_wait(f->s, "Frage 1 von 19");
    tmx_keys(f->s, "K", NULL);
    tmx_wait_gone(f->s, "Frage 1 von 19");
    shot(f, "screen-keys-80x24-de.txt", "j/Down", 1);
}

/* A snapshot, one answer changed, then d and Enter: the changes. */
static void diff_screen(struct fx *f, int w, int h, const char *lang_env, const char *name,
                        const char *needle, int german)
{
    static const char *const args[] = { "open", "demo", "4", NULL };
    char *err = NULL;
    int rc = tmx_cli(f->s, NULL, NULL, &err, "snapshot", "demo", "--message", "Round one", "--interim", NULL);
    free(err);
    assert_int_equal(rc, 0);
    rc = tmx_cli(f->s, NULL, NULL, &err, "set", "demo", "1", "focus",
                 "Quantensensorik für die medizinische Bildgebung und Navigation", NULL);
    free(err);
    assert_int_equal(rc, 0);
    start(f, w, h, lang_env, "C.UTF-8", args);
    tmx_wait(f->s, german ? "Frage 4 von 19" : "Question 4 of 19");
    tmx_keys(f->s, "d", NULL);
    tmx_wait(f->s, "20261127T034521Z");
    tmx_keys(f->s, "Enter", NULL);
    shot(f, name, needle, german);
}

static void test_diff_120(void **state)
{
    diff_screen(*state, 120, 40, EN, "screen-diff-120x40-en.txt", "Navigation", 0);
}

static void test_diff_80_de(void **state)
{
    diff_screen(*state, 80, 24, DE, "screen-diff-80x24-de.txt", "Navigation", 1);
}

/* The details form and the snapshot dialog: German (every word translated)
 * and plain ASCII under LANG=C. */
static void form_screen(struct fx *f, const char *lang_env, const char *lang, const char *name,
                        int german)
{
    start(f, 80, 24, lang_env, lang, NULL);
    tmx_wait(f->s, "tum-fudan-quantum-sensing-2026");
    tmx_keys(f->s, "E", NULL);
    tmx_wait(f->s, german ? "Angaben zu" : "Details of");
    shot(f, name, german ? "Angaben zu" : "Details of", german);
}

static void test_form_de(void **state)
{
    form_screen(*state, DE, "C.UTF-8", "screen-form-80x24-de.txt", 1);
}

static void test_form_ascii(void **state)
{
    form_screen(*state, EN, "C", "screen-form-80x24-ascii.txt", 0);
}

static void test_snapshot_dialog_de(void **state)
{
    static const char *const args[] = { "open", "demo", NULL };
    struct fx *f = *state;
    start(f, 80, 24, DE, "C.UTF-8", args);
    tmx_wait(f->s, "Frage 1 von 19");
    tmx_keys(f->s, "s", NULL);
    shot(f, "screen-snapshot-80x24-de.txt", "Snapshot von demo, Runde 1", 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_picker_en),
        T(test_picker_de),
        T(test_assessment_en),
        T(test_assessment_de),
        T(test_assessment_ascii),
        T(test_assessment_120),
        T(test_assessment_200),
        T(test_editor),
        T(test_editor_de),
        T(test_keys_en),
        T(test_keys_de),
        T(test_diff_120),
        T(test_diff_80_de),
        T(test_form_de),
        T(test_form_ascii),
        T(test_snapshot_dialog_de),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
