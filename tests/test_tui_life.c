/* End-to-end tests of a cooperation's life in the full-screen interface:
 * delete only after the id is typed, archive and the archived toggle, rename,
 * the report key (default path under DATA/reports/, modes, no overwrite
 * without asking), rename/delete/edit refused while open elsewhere or with
 * recovery drafts, and the details form (fields, partners reordered and
 * removed, the catalogue moved from the list and from the open assessment).
 * The binary runs in a private tmux server (tests/support/tmux.h); every
 * test checks the screen and the files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "clitest.h"
#include "draft.h"
#include "testutil.h"
#include "tmux.h"
#include "util.h"

struct fx {
    struct tmx *s;
    char dir[TMX_PATH_MAX + 16];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char *err = NULL;
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->dir, sizeof(f->dir), "%s/demo", f->s->data);
    if (tmx_cli(f->s, NULL, NULL, &err, "new", "demo", "--title", "Demo coop", NULL) != 0) {
        fprintf(stderr, "coopcheck new: %s\n", err ? err : "");
        free(err);
        return -1;
    }
    free(err);
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

static void open_picker(struct fx *f)
{
    const char *args[] = { NULL };
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    tmx_wait_all(f->s, "Cooperations", "demo", NULL);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A wrong id deletes nothing; the right one removes the whole directory. */
static void test_delete_needs_the_typed_id(void **state)
{
    struct fx *f = *state;
    open_picker(f);
    tmx_keys(f->s, "D", NULL);
    tmx_wait(f->s, "Type its id to delete it");
    tmx_type(f->s, "dem");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "\"dem\" is not \"demo\": nothing was deleted");
    assert_true(exists(f->dir));
    tmx_keys(f->s, "D", NULL);
    tmx_wait(f->s, "Type its id to delete it");
    tmx_type(f->s, "demo");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "demo is deleted, with its snapshots");
    assert_false(exists(f->dir));
}

/* a archives (stamped in the file, hidden from the list), A shows archived
 * ones, a again takes it out of the archive. */
static void test_archive_and_toggle(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 64];
    cJSON *root;
    snprintf(path, sizeof(path), "%s/assessment.json", f->dir);
    open_picker(f);
    tmx_keys(f->s, "a", NULL);
    tmx_wait(f->s, "demo is archived");
    root = tmx_load_json(path);
    assert_non_null(root);
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "cooperation"), "archived"));
    cJSON_Delete(root);
    tmx_wait(f->s, "1 archived");
    tmx_keys(f->s, "A", NULL);
    tmx_wait_all(f->s, "archived cooperations are shown", "Demo coop", NULL);
    tmx_keys(f->s, "a", NULL);
    tmx_wait(f->s, "demo is out of the archive");
    root = tmx_load_json(path);
    assert_non_null(root);
    assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "cooperation"), "archived"));
    cJSON_Delete(root);
}

/* r asks for the new id (starting from the old one); the directory moves and the chain still verifies. */
static void test_rename(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 16], *out = NULL;
    snprintf(path, sizeof(path), "%s/demo-2", f->s->data);
    open_picker(f);
    tmx_keys(f->s, "r", NULL);
    /* the prompt holds the old id to edit */
    tmx_wait_all(f->s, "New id for demo", "Esc keeps it): demo", NULL);
    tmx_type(f->s, "-2");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "demo is now called demo-2");
    assert_false(exists(f->dir));
    assert_true(exists(path));
    assert_int_equal(tmx_cli(f->s, NULL, &out, NULL, "verify", "demo-2", NULL), 0);
    free(out);
}

/* w offers DATA/reports/ID-ROUND.md; the report is 0600 in a 0700 directory;
 * a second w on the same path asks before replacing it. */
static void test_report_key(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "open", "demo", NULL };
    char dir[TMX_PATH_MAX + 16], file[TMX_PATH_MAX + 32];
    struct stat st;
    snprintf(dir, sizeof(dir), "%s/reports", f->s->data);
    snprintf(file, sizeof(file), "%s/demo-1.md", dir);
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "w", NULL);
    tmx_wait_all(f->s, "Write the report to", "reports/demo-1.md", NULL);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "report written to");
    tmx_wait_file(file, "Demo coop");
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(file, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    tmx_keys(f->s, "w", NULL);
    tmx_wait(f->s, "Write the report to");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "exists. Replace it with the report?");
}

/* E opens the details: a bad start date is refused in the form with the file
 * untouched; then the title, the start date and a partner with an alias are
 * saved, stamped with who and when. */
static void test_details_form(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 64];
    char *before, *after;
    cJSON *root, *co, *p0;
    snprintf(path, sizeof(path), "%s/assessment.json", f->dir);
    before = tu_read(path, NULL);
    open_picker(f);
    tmx_keys(f->s, "E", NULL);
    tmx_wait_all(f->s, " Details of demo ", "Enter save", "Title:", "Demo coop", NULL);
    tmx_keys(f->s, "X", NULL);   /* the cursor starts at the end of the title */
    tmx_wait(f->s, "Demo coopX");
    tmx_keys(f->s, "Tab", "Tab", "Tab", NULL);
    tmx_type(f->s, "2027-1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "the start date must be a date like 2026-03-01");
    after = tu_read(path, NULL);
    assert_string_equal(before, after);
    free(after);
    tmx_keys(f->s, "BSpace", NULL);
    tmx_type(f->s, "03-01");
    tmx_keys(f->s, "C-o", NULL);
    tmx_wait(f->s, "Partner 1:");
    tmx_type(f->s, "Fudan University");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "FDU");
    tmx_wait_all(f->s, "Demo coopX", "2027-03-01", "FDU", NULL);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "saved: 3 details of demo changed");
    root = tmx_load_json(path);
    assert_non_null(root);
    co = cJSON_GetObjectItem(root, "cooperation");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(co, "title")), "Demo coopX");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(co, "start")), "2027-03-01");
    p0 = cJSON_GetArrayItem(cJSON_GetObjectItem(co, "partners"), 0);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(p0, "name")), "Fudan University");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(p0, "aliases"), 0)),
                        "FDU");
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(co, "changed"), "title"));
    cJSON_Delete(root);
    free(before);
}

/* Open in an interface on another host (a lock never broken silently): r, E
 * and D are refused, saying who has it; with a recovery draft, r is refused
 * and D names the draft it would delete too.  Nothing changes on disk. */
static void test_refusals_open_elsewhere_or_drafts(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 64], lock[TMX_PATH_MAX + 32], state_dir[TMX_PATH_MAX + 32];
    char *before, *after;
    struct draft d;
    struct cc_err err;
    snprintf(path, sizeof(path), "%s/assessment.json", f->dir);
    snprintf(lock, sizeof(lock), "%s/lock", f->dir);
    tu_write(lock, "alice\nfar-away.example.org\n4242\n2026-01-01T00:00:00Z\n");
    before = tu_read(path, NULL);
    open_picker(f);
    tmx_keys(f->s, "r", NULL);
    tmx_wait(f->s, "cooperation \"demo\" is open in another coopcheck: alice on far-away.example.org");
    tmx_keys(f->s, "j", NULL);
    tmx_wait_gone(f->s, "is open in another coopcheck");
    tmx_keys(f->s, "D", NULL);
    tmx_wait(f->s, "cooperation \"demo\" is open in another coopcheck: alice on far-away.example.org");
    tmx_keys(f->s, "j", NULL);
    tmx_wait_gone(f->s, "is open in another coopcheck");
    tmx_keys(f->s, "E", NULL);
    tmx_wait(f->s, "cooperation \"demo\" is open in another coopcheck: alice on far-away.example.org");
    assert_int_equal(unlink(lock), 0);

    /* a draft where the program keeps them (HOME is the session's directory) */
    snprintf(state_dir, sizeof(state_dir), "%s/.local/state", f->s->tmp);
    setenv("XDG_STATE_HOME", state_dir, 1);
    draft_init(&d, f->s->data, "demo");
    draft_add_text(&d, "q16", "measures", "typed but never saved", NULL);
    assert_int_equal(draft_save(&d, &err), 0);
    draft_release(&d);
    unsetenv("XDG_STATE_HOME");
    tmx_keys(f->s, "r", NULL);
    tmx_wait(f->s, "demo has 1 recovery draft of typing that was not saved");
    tmx_keys(f->s, "D", NULL);
    tmx_wait(f->s, "Delete demo, all its snapshots and 1 recovery draft for good?");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "for good?");
    after = tu_read(path, NULL);
    assert_string_equal(before, after);
    assert_true(exists(f->dir));
    free(before);
    free(after);
}

/* The partners as a list: C-n moves the focused one down (its aliases with
 * it), C-x removes one after asking; Enter saves the new list. */
static void test_form_partners_reorder_remove(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 64];
    cJSON *root, *ps;
    snprintf(path, sizeof(path), "%s/assessment.json", f->dir);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "edit", "demo", "--partner", "Fudan University; FDU",
                             "--partner", "Tsinghua University", "--partner",
                             "Zhejiang University; ZJU", NULL), 0);
    open_picker(f);
    tmx_keys(f->s, "E", NULL);
    tmx_wait_all(f->s, "Partner 1: ", "Fudan University", "Partner 3: ", NULL);
    tmx_keys(f->s, "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", NULL);   /* partner 1's name */
    tmx_keys(f->s, "C-p", NULL);   /* the first one: stays */
    tmx_keys(f->s, "C-n", NULL);
    tmx_wait(f->s, "Tsinghua University\n      aliases:\n    Partner 2:                       Fudan");
    tmx_keys(f->s, "Tab", "Tab", NULL);   /* past its aliases to partner 3 */
    tmx_keys(f->s, "C-x", NULL);
    tmx_wait(f->s, "Remove partner 3 (Zhejiang University) from the form?");
    tmx_keys(f->s, "y", NULL);
    tmx_wait_gone(f->s, "Zhejiang");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "saved: 1 detail of demo changed");
    root = tmx_load_json(path);
    assert_non_null(root);
    ps = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "cooperation"), "partners");
    assert_int_equal(cJSON_GetArraySize(ps), 2);
    /* a partner without aliases is a plain string */
    assert_string_equal(cJSON_GetStringValue(cJSON_GetArrayItem(ps, 0)), "Tsinghua University");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(ps, 1), "name")),
                        "Fudan University");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetArrayItem(
                            cJSON_GetObjectItem(cJSON_GetArrayItem(ps, 1), "aliases"), 0)), "FDU");
    cJSON_Delete(root);
}

/* A question longer than three rows is asked whole: a long partner name in
 * "Remove partner 1 (...) from the form?" took the keys that answer it off
 * the screen. */
static void test_confirm_long_question_whole(void **state)
{
    struct fx *f = *state;
    const char *name = "Institute of Advanced Studies of the Southern University of Science and "
                       "Technology at the Shenzhen Campus of the Guangdong Provincial Laboratory "
                       "for Materials, Photonics and Quantum Engineering (Nanshan District, "
                       "Shenzhen, Guangdong)";
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "edit", "demo", "--partner", name,
                             "--partner", "Tsinghua University", NULL), 0);
    open_picker(f);
    tmx_keys(f->s, "E", NULL);
    tmx_wait_all(f->s, "Partner 1: ", "Partner 2: ", NULL);
    tmx_keys(f->s, "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", NULL);   /* partner 1's name */
    tmx_keys(f->s, "C-x", NULL);
    tmx_wait_all(f->s, "Remove partner 1 (Institute of Advanced Studies",
                 "Shenzhen, Guangdong)) from the form?  y: yes, any other key: no", NULL);
    tmx_keys(f->s, "y", NULL);
    tmx_wait_gone(f->s, "Institute of Advanced");
}

static const char *catalog_of(const char *path)
{
    static char id[64];
    cJSON *root = tmx_load_json(path);
    const char *v;
    assert_non_null(root);
    v = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "catalog"), "id"));
    snprintf(id, sizeof(id), "%s", v ? v : "?");
    cJSON_Delete(root);
    return id;
}

/* The catalogue field: an unknown id is refused in the form; one with no
 * place for an answer asks before dropping it (No leaves the file as it
 * was); Yes moves the answers. */
static void test_form_catalogue(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 64], *before, *after;
    snprintf(path, sizeof(path), "%s/assessment.json", f->dir);
    install_mini_catalogue(f->s->cfg);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "set", "demo", "19", "structures", "yes", NULL), 0);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "set", "demo", "1", "focus", "Materials", NULL), 0);
    before = tu_read(path, NULL);
    open_picker(f);
    tmx_keys(f->s, "E", NULL);
    tmx_wait_all(f->s, " Details of demo ", "Catalogue:", "bmbf-china-2024", NULL);
    tmx_keys(f->s, "Tab", "Tab", "Tab", "Tab", "Tab", NULL);
    tmx_wait(f->s, "Installed: bmbf-china-2024, bmbf-mini.");
    tmx_keys(f->s, "C-u", NULL);
    tmx_type(f->s, "no-such");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "no catalogue \"no-such\" is installed; the installed ones:",
                 "bmbf-china-2024, bmbf-mini", NULL);
    tmx_keys(f->s, "C-u", NULL);
    tmx_type(f->s, "bmbf-mini");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "Catalogue bmbf-mini has no place for 1 answer (q19.structures)", NULL);
    tmx_keys(f->s, "n", NULL);
    tmx_wait(f->s, "Enter save");
    after = tu_read(path, NULL);
    assert_string_equal(before, after);   /* No: nothing changed */
    free(after);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "has no place for 1 answer");
    tmx_keys(f->s, "y", NULL);
    tmx_wait(f->s, "saved: demo now uses catalogue bmbf-mini, version 2099-01; 1 answer was dropped");
    assert_string_equal(catalog_of(path), "bmbf-mini");
    free(before);
}

/* From the open assessment: a move of the catalogue reloads it. */
static void test_form_catalogue_open(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 64];
    const char *args[] = { "open", "demo", NULL };
    snprintf(path, sizeof(path), "%s/assessment.json", f->dir);
    install_mini_catalogue(f->s->cfg);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "set", "demo", "1", "focus", "Materials", NULL), 0);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, NULL, "edit", "demo", "--catalog", "bmbf-mini", NULL), 0);
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "E", NULL);
    tmx_wait(f->s, " Details of demo ");
    tmx_keys(f->s, "Tab", "Tab", "Tab", "Tab", "Tab", "C-u", NULL);
    tmx_type(f->s, "bmbf-china-2024");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "saved: demo now uses catalogue bmbf-china-2024, version 2024-11");
    assert_string_equal(catalog_of(path), "bmbf-china-2024");
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "Enter", NULL);   /* question 1's answer moved with it */
    tmx_wait(f->s, "Materials");
}

/* ---- many cooperations ---------------------------------------------------- */

#define MANY 300

/* The rows " c-NNNN" of scr: each the one after the row above (skipping
 * skip), at least 15 of them; *first and the return value the first and last
 * number. */
static int expect_rows(const char *scr, int skip, int *first)
{
    int want = -1, rows = 0;
    for (const char *p = scr; (p = strstr(p, "\n c-")) != NULL; p += 4) {
        int n;
        assert_int_equal(sscanf(p + 4, "%4d", &n), 1);
        if (want < 0)
            want = *first = n;
        if (want == skip)
            want++;
        if (n != want)
            fail_msg("row c-%04d where c-%04d belongs:\n%s", n, want, scr);
        want++;
        rows++;
    }
    if (rows < 15)
        fail_msg("%d rows of cooperations:\n%s", rows, scr);
    return want - 1;
}

/* More cooperations than the list loads at once (store_each.c: 256 at a
 * time, shared out among threads): every one in the order of the ids, one
 * that does not load on its own row at its place, the archived one left out
 * and counted, a directory without a working file no cooperation. */
static void test_picker_many(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 64], *tmpl, *at, *err = NULL;
    const char *args[] = { NULL };
    const char *scr;
    int first = -1;
    snprintf(path, sizeof(path), "%s/assessment.json", f->dir);
    tmpl = tu_read(path, NULL);
    at = strstr(tmpl, "\"demo\"");
    assert_non_null(at);
    for (int i = 0; i < MANY; i++) {
        char *text = i == 297 ? xstrdup("{ not JSON")
                              : xasprintf("%.*s\"c-%04d\"%s", (int)(at - tmpl), tmpl, i, at + 6);
        snprintf(path, sizeof(path), "%s/c-%04d", f->s->data, i);
        assert_int_equal(mkdir(path, 0700), 0);
        if (i != 5) {   /* c-0005: a directory without a working file */
            snprintf(path, sizeof(path), "%s/c-%04d/assessment.json", f->s->data, i);
            tu_write(path, text);
            assert_int_equal(chmod(path, 0600), 0);
        }
        free(text);
    }
    free(tmpl);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, &err, "archive", "c-0290", NULL), 0);
    free(err);

    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    scr = tmx_wait_all(f->s, "299 cooperations, 1 archived not shown", " c-0020 ", NULL);
    assert_true(expect_rows(scr, 5, &first) > 15);
    assert_int_equal(first, 0);
    tmx_keys(f->s, "End", NULL);
    scr = tmx_wait(f->s, " c-0299 ");
    tmx_lacks(f->s, " c-0290 ");
    assert_int_equal(expect_rows(scr, 290, &first), 299);
    assert_true(first < 285);
    assert_non_null(strstr(scr, "\n demo "));
    {
        const char *row = strstr(scr, " c-0297 ");
        const char *eol = strchr(row, '\n');
        const char *bad = strstr(row, "(cannot be read)");
        if (!bad || (eol && bad > eol))
            fail_msg("c-0297's row does not say it cannot be read:\n%s", scr);
    }
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED");
}

/* The list's title and partners are cut only where the terminal is too
 * narrow for them: at 200 columns a 69-column title and a 45-column partner
 * are whole (they were cut at 48 and 36 columns whatever the width); at 80
 * columns the title is cut with "...". */
static void test_picker_long_title_whole(void **state)
{
    struct fx *f = *state;
    const char *title = "Joint laboratory for materials of batteries and their recycling, 2026";
    const char *partner = "Institute of Physics, Chinese Academy of Sci.";
    const char *args[] = { NULL };
    const char *scr;
    char *err = NULL;
    assert_int_equal(strlen(title), 69);
    assert_int_equal(strlen(partner), 45);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, &err, "new", "lab", "--title", title, "--partner",
                             partner, NULL), 0);
    free(err);
    tmx_start(f->s, 200, 30, "tmux-256color", "C.UTF-8", NULL, args);
    scr = tmx_wait(f->s, "2 cooperations");
    if (!strstr(scr, title) || !strstr(scr, partner))
        fail_msg("the title or the partner is cut at 200 columns:\n%s", scr);
    {
        /* all whole in the table: no rows under it say them again */
        char *row = tmx_row(scr, 27), *row2 = tmx_row(scr, 28);
        if (row[strspn(row, " ")] || row2[strspn(row2, " ")])
            fail_msg("rows under the table at 200 columns: \"%s\" \"%s\"", row, row2);
        free(row);
        free(row2);
    }
    tmx_resize(f->s, 80, 24);
    scr = tmx_wait(f->s, "Joint laboratory for");
    tmx_lacks(f->s, title);   /* (demo is selected: its title is whole in the table) */
    for (int y = 21; y <= 22; y++) {
        char *row = tmx_row(scr, y);
        if (row[strspn(row, " ")])
            fail_msg("a row under the table for demo, whose title is whole: \"%s\"", row);
        free(row);
    }
    /* the one selected, when the table cuts it: its title and partner whole
     * under the table */
    tmx_keys(f->s, "j", NULL);
    tmx_wait_row(f->s, 21, " Joint laboratory for materials of batteries and their recycling, "
                           "2026 ·");
    tmx_wait_row(f->s, 22, " Institute of Physics, Chinese Academy of Sci.");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_delete_needs_the_typed_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_archive_and_toggle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rename, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_details_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_open_elsewhere_or_drafts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_partners_reorder_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_long_question_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_catalogue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_catalogue_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picker_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picker_long_title_whole, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
