/* test_undo.c — the undo log: undo and redo restore a question exactly
 * (values, who/when, flags), a new change drops the redo entries, the log
 * keeps the last UNDO_MAX changes, unchanged questions are not recorded. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "model.h"
#include "undo.h"

struct fx {
    struct catalog_set cats;
    struct assessment *a;
    struct undo_log u;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    const struct catalog *cat;
    struct coop meta;
    if (!f)
        return -1;
    catalog_set_load(&f->cats, NULL);
    cat = catalog_set_find(&f->cats, "bmbf-china-2024");
    if (!cat)
        return -1;
    memset(&meta, 0, sizeof(meta));
    meta.id = (char *)"demo";
    meta.title = (char *)"Demo";
    meta.interval_months = 12;
    f->a = assessment_new(cat, &meta, "alice", "2026-01-01T00:00:00Z");
    undo_init(&f->u);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    undo_release(&f->u);
    assessment_free(f->a);
    catalog_set_release(&f->cats);
    free(f);
    return 0;
}

/* Sets question qi's text field fi through the log. */
static void set_text(struct fx *f, size_t qi, size_t fi, const char *text, const char *who,
                     const char *now)
{
    struct qanswers before;
    struct cc_err err;
    qanswers_copy(&before, &f->a->q[qi]);
    assert_int_equal(assessment_set_text(f->a, qi, fi, text, who, now, &err), 0);
    undo_record(&f->u, f->a, qi, &before);
}

static void set_yn(struct fx *f, size_t qi, size_t fi, enum yesno v)
{
    struct qanswers before;
    struct cc_err err;
    qanswers_copy(&before, &f->a->q[qi]);
    assert_int_equal(assessment_set_yesno(f->a, qi, fi, v, "bob", "2026-02-02T00:00:00Z", &err), 0);
    undo_record(&f->u, f->a, qi, &before);
}

static void test_undo_redo_exact(void **state)
{
    struct fx *f = *state;
    set_text(f, 0, 0, "first", "alice", "2026-01-01T10:00:00Z");
    set_text(f, 0, 0, "second", "bob", "2026-01-02T10:00:00Z");
    set_yn(f, 7, 0, YN_YES);
    assert_int_equal(f->u.n, 3);

    assert_int_equal(undo_undo(&f->u, f->a), 7);
    assert_int_equal(f->a->q[7].f[0].yn, YN_UNSET);
    assert_null(f->a->q[7].f[0].by);
    assert_int_equal(undo_undo(&f->u, f->a), 0);
    assert_string_equal(f->a->q[0].f[0].text, "first");
    assert_string_equal(f->a->q[0].f[0].by, "alice");
    assert_string_equal(f->a->q[0].f[0].at, "2026-01-01T10:00:00Z");
    assert_int_equal(undo_undo(&f->u, f->a), 0);
    assert_null(f->a->q[0].f[0].text);
    assert_int_equal(undo_undo(&f->u, f->a), -1);   /* nothing more */

    assert_int_equal(undo_redo(&f->u, f->a), 0);
    assert_string_equal(f->a->q[0].f[0].text, "first");
    assert_int_equal(undo_redo(&f->u, f->a), 0);
    assert_string_equal(f->a->q[0].f[0].text, "second");
    assert_string_equal(f->a->q[0].f[0].by, "bob");
    assert_int_equal(undo_redo(&f->u, f->a), 7);
    assert_int_equal(f->a->q[7].f[0].yn, YN_YES);
    assert_int_equal(undo_redo(&f->u, f->a), -1);
}

/* The to-review mark and the follow-up flag come back too. */
static void test_flags_restored(void **state)
{
    struct fx *f = *state;
    struct qanswers before;
    f->a->q[3].review = 1;
    qanswers_copy(&before, &f->a->q[3]);
    assessment_confirm(f->a, 3, "bob", "2026-03-03T00:00:00Z");
    assert_int_equal(undo_record(&f->u, f->a, 3, &before), 1);
    qanswers_copy(&before, &f->a->q[3]);
    assessment_set_followup(f->a, 3, 1, "bob", "2026-03-03T00:00:00Z");
    assert_int_equal(undo_record(&f->u, f->a, 3, &before), 1);
    assert_int_equal(undo_undo(&f->u, f->a), 3);
    assert_int_equal(f->a->q[3].followup, 0);
    assert_int_equal(f->a->q[3].review, 0);
    assert_int_equal(undo_undo(&f->u, f->a), 3);
    assert_int_equal(f->a->q[3].review, 1);
}

/* Undo and redo move a question's answers between the log and the
 * assessment instead of copying them (answers of 256 KiB): the text redone
 * is the very block that was undone, and a text is held once. */
static void test_moved_not_copied(void **state)
{
    struct fx *f = *state;
    const char *after, *before;
    set_text(f, 0, 0, "first", "alice", "2026-01-01T10:00:00Z");
    set_text(f, 0, 0, "second", "alice", "2026-01-01T10:00:01Z");
    after = f->a->q[0].f[0].text;
    assert_int_equal(undo_undo(&f->u, f->a), 0);
    before = f->a->q[0].f[0].text;
    assert_string_equal(before, "first");
    assert_ptr_equal(f->u.v[1].other.f[0].text, after);   /* kept, not copied */
    assert_int_equal(undo_redo(&f->u, f->a), 0);
    assert_ptr_equal(f->a->q[0].f[0].text, after);
    assert_string_equal(f->a->q[0].f[0].text, "second");
    assert_ptr_equal(f->u.v[1].other.f[0].text, before);
    /* undone twice and redone twice: the same blocks back in place */
    assert_int_equal(undo_undo(&f->u, f->a), 0);
    assert_int_equal(undo_undo(&f->u, f->a), 0);
    assert_null(f->a->q[0].f[0].text);
    assert_int_equal(undo_redo(&f->u, f->a), 0);
    assert_ptr_equal(f->a->q[0].f[0].text, before);
    assert_int_equal(undo_redo(&f->u, f->a), 0);
    assert_ptr_equal(f->a->q[0].f[0].text, after);
}

static void test_new_change_drops_redo(void **state)
{
    struct fx *f = *state;
    set_text(f, 0, 0, "a", "alice", "2026-01-01T10:00:00Z");
    set_text(f, 0, 0, "b", "alice", "2026-01-01T10:00:01Z");
    assert_int_equal(undo_undo(&f->u, f->a), 0);
    set_text(f, 0, 0, "c", "alice", "2026-01-01T10:00:02Z");
    assert_int_equal(undo_redo(&f->u, f->a), -1);
    assert_int_equal(f->u.n, 2);
    assert_int_equal(undo_undo(&f->u, f->a), 0);
    assert_string_equal(f->a->q[0].f[0].text, "a");
}

static void test_nothing_changed_not_recorded(void **state)
{
    struct fx *f = *state;
    struct qanswers before;
    qanswers_copy(&before, &f->a->q[0]);
    assert_int_equal(undo_record(&f->u, f->a, 0, &before), 0);
    assert_int_equal(f->u.n, 0);
    assert_null(before.f);   /* released */
    assert_int_equal(undo_undo(&f->u, f->a), -1);
}

static void test_keeps_the_last_hundred(void **state)
{
    struct fx *f = *state;
    char text[32];
    for (int i = 0; i < UNDO_MAX + 25; i++) {
        snprintf(text, sizeof(text), "text %d", i);
        set_text(f, 0, 0, text, "alice", "2026-01-01T10:00:00Z");
    }
    assert_int_equal(f->u.n, UNDO_MAX);
    for (int i = 0; i < UNDO_MAX; i++)
        assert_int_equal(undo_undo(&f->u, f->a), 0);
    assert_int_equal(undo_undo(&f->u, f->a), -1);
    /* back to the state before the 100 newest changes: "text 24" */
    assert_string_equal(f->a->q[0].f[0].text, "text 24");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_undo_redo_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags_restored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moved_not_copied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_change_drops_redo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_changed_not_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keeps_the_last_hundred, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
