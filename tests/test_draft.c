/* test_draft.c — recovery drafts: format and strict parse, private files
 * under unique names, replaced atomically, found only for the cooperation
 * and data directory they belong to and only when another process left
 * them; unreadable drafts are reported with file:line:column and left. */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "draft.h"
#include "fsio.h"

struct fx {
    char *tmp;
    char data[4096], state[4096];
    char *old_state, *old_home;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct cc_err err;
    const char *s = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
    if (!f)
        return -1;
    f->tmp = tu_tempdir();
    f->old_state = s ? xstrdup(s) : NULL;
    f->old_home = h ? xstrdup(h) : NULL;
    snprintf(f->data, sizeof(f->data), "%s/data", f->tmp);
    snprintf(f->state, sizeof(f->state), "%s/state", f->tmp);
    setenv("XDG_STATE_HOME", f->state, 1);
    if (fs_mkdir_p(f->data, &err) != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f->old_state)
        setenv("XDG_STATE_HOME", f->old_state, 1);
    else
        unsetenv("XDG_STATE_HOME");
    if (f->old_home)
        setenv("HOME", f->old_home, 1);
    free(f->old_state);
    free(f->old_home);
    tu_rmrf(f->tmp);
    free(f->tmp);
    free(f);
    return 0;
}

static void test_round_trip(void **state)
{
    struct fx *f = *state;
    struct draft d, back;
    struct cc_err err;
    char *text, sha[65];
    draft_init(&d, f->data, "demo");
    draft_add_text(&d, "q01", "focus", "Grüße\nzweite Zeile \xe4\xb8\xad", "old text");
    draft_add_text(&d, "q02", "partner_state", NULL, NULL);
    draft_add_yesno(&d, "q08", "informed", YN_UNSURE, "yes");
    text = draft_format(&d);
    assert_int_equal(draft_parse(text, strlen(text), "d.json", &back, &err), 0);
    assert_string_equal(back.id, "demo");
    assert_string_equal(back.data, d.data);
    assert_int_equal(back.writer.pid, (long)getpid());
    assert_int_equal(back.nf, 3);
    assert_true(back.f[0].is_text);
    assert_string_equal(back.f[0].text, "Grüße\nzweite Zeile \xe4\xb8\xad");
    draft_value_sha("old text", sha);
    assert_string_equal(back.f[0].base_sha, sha);
    assert_null(back.f[1].text);
    draft_value_sha(NULL, sha);
    assert_string_equal(back.f[1].base_sha, sha);
    assert_false(back.f[2].is_text);
    assert_int_equal(back.f[2].yn, YN_UNSURE);
    free(text);
    draft_release(&back);
    draft_release(&d);
}

static void test_parse_refuses(void **state)
{
    static const struct {
        const char *text, *where;
    } bad[] = {
        { "{\"format\": 2}", "d.json:1:" },
        { "[]", "d.json:1:1:" },
        { "{\"format\": 1, \"kind\": \"coopcheck-draft\", \"data\": \"/d\", \"cooperation\": \"Bad Id\",\n"
          " \"writer\": {\"user\": \"a\", \"host\": \"h\", \"pid\": 1, \"start\": 1, \"boot\": \"\"},\n"
          " \"written_at\": \"x\", \"fields\": []}", "d.json:1:" },
        { "{\"format\": 1, \"kind\": \"coopcheck-draft\", \"data\": \"/d\", \"cooperation\": \"demo\",\n"
          " \"writer\": {\"user\": \"a\", \"host\": \"h\", \"pid\": 1, \"start\": 1, \"boot\": \"\"},\n"
          " \"written_at\": \"x\", \"fields\": [\n  {\"question\": \"q01\", \"field\": \"f\", \"type\": "
          "\"yesno\", \"value\": \"maybe\", \"base_sha256\": \"" "0000000000000000000000000000000000000000000000000000000000000000" "\"}]}",
          "d.json:4:" },
    };
    struct cc_err err;
    (void)state;
    for (size_t i = 0; i < CC_ARRAY_LEN(bad); i++) {
        struct draft d;
        assert_int_equal(draft_parse(bad[i].text, strlen(bad[i].text), "d.json", &d, &err), -1);
        if (!strstr(err.msg, bad[i].where))
            fail_msg("case %zu: \"%s\" lacks %s", i, err.msg, bad[i].where);
    }
}

static void test_save_unique_private_atomic(void **state)
{
    struct fx *f = *state;
    struct draft a, b;
    struct cc_err err;
    char *text;
    draft_init(&a, f->data, "demo");
    draft_init(&b, f->data, "demo");
    draft_add_text(&a, "q01", "focus", "one", NULL);
    draft_add_text(&b, "q01", "focus", "two", NULL);
    assert_int_equal(draft_save(&a, &err), 0);
    assert_int_equal(draft_save(&b, &err), 0);   /* same process, same second: another name */
    assert_string_not_equal(a.path, b.path);
    assert_int_equal(tu_mode(a.path), 0600);
    {
        char dir[4200];
        snprintf(dir, sizeof(dir), "%s/coopcheck/drafts", f->state);
        assert_int_equal(tu_mode(dir), 0700);
        snprintf(dir, sizeof(dir), "%s/coopcheck", f->state);
        assert_int_equal(tu_mode(dir), 0700);
    }
    /* an update replaces the same file */
    draft_clear(&a);
    draft_add_text(&a, "q01", "focus", "one, longer", NULL);
    {
        char *before = xstrdup(a.path);
        assert_int_equal(draft_save(&a, &err), 0);
        assert_string_equal(before, a.path);
        free(before);
    }
    text = tu_read(a.path, NULL);
    assert_non_null(strstr(text, "one, longer"));
    free(text);
    assert_int_equal(draft_remove(&a, &err), 0);
    assert_null(a.path);
    draft_release(&a);
    draft_remove(&b, &err);
    draft_release(&b);
}

static void test_find(void **state)
{
    struct fx *f = *state;
    struct draft mine, left, other_coop, *found;
    struct strlist problems = { 0 };
    struct cc_err err;
    size_t n;
    char bad[4200];

    /* nothing yet, not even the directory */
    assert_int_equal(draft_find(f->data, "demo", &found, &n, &problems, &err), 0);
    assert_int_equal(n, 0);

    draft_init(&mine, f->data, "demo");
    draft_add_text(&mine, "q01", "focus", "mine", NULL);
    assert_int_equal(draft_save(&mine, &err), 0);
    draft_init(&left, f->data, "demo");
    left.writer.pid = tu_dead_pid();
    draft_add_text(&left, "q01", "focus", "left behind", NULL);
    assert_int_equal(draft_save(&left, &err), 0);
    draft_init(&other_coop, f->data, "demo-2");
    other_coop.writer.pid = tu_dead_pid();
    draft_add_text(&other_coop, "q01", "focus", "other", NULL);
    assert_int_equal(draft_save(&other_coop, &err), 0);
    snprintf(bad, sizeof(bad), "%s/coopcheck/drafts/demo-broken.json", f->state);
    tu_write(bad, "{\"format\": 1,\n  \"kind\": 3}");

    assert_int_equal(draft_find(f->data, "demo", &found, &n, &problems, &err), 0);
    assert_int_equal(n, 1);   /* not this process's own, not another cooperation's */
    assert_string_equal(found[0].f[0].text, "left behind");
    assert_string_equal(found[0].path, left.path);
    assert_int_equal(problems.n, 1);
    assert_non_null(strstr(problems.v[0], "demo-broken.json:2:"));
    assert_int_equal(tu_mode(bad), 0644);   /* left where it is */
    draft_free_all(found, n);
    strlist_release(&problems);

    /* another data directory has none */
    assert_int_equal(draft_find(f->tmp, "demo", &found, &n, &problems, &err), 0);
    assert_int_equal(n, 0);
    strlist_release(&problems);
    draft_remove(&mine, &err);
    draft_remove(&left, &err);
    draft_remove(&other_coop, &err);
    draft_release(&mine);
    draft_release(&left);
    draft_release(&other_coop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_unique_private_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
