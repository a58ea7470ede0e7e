/* Tests of keymap: actions, key names, default bindings, rebinding. */
#include <string.h>

#include "keymap.h"
#include "testutil.h"

#define CTRL(c) (KEYC_CTRL_A + ((c) - 'a'))

static int nkeys(const struct keymap *km, enum action a)
{
    int n = 0;
    while (n < KEYMAP_MAX_KEYS && km->keys[a][n])
        n++;
    return n;
}

static void test_action_names(void **state)
{
    (void)state;
    for (int a = 0; a < ACT_COUNT; a++) {
        const char *name = action_name((enum action)a);
        const char *desc = action_description((enum action)a);
        assert_non_null(name);
        assert_int_equal(action_from_name(name), a);
        assert_non_null(desc);
        assert_true(strlen(desc) > 0);
        /* short lowercase phrases */
        assert_true(strlen(desc) <= 40);
        assert_false(desc[0] >= 'A' && desc[0] <= 'Z');
        for (int b = 0; b < a; b++)
            assert_string_not_equal(action_name((enum action)b), name);
    }
    assert_string_equal(action_name(ACT_NEXT_OPEN), "next_open");
    assert_string_equal(action_name(ACT_EXTERNAL_EDIT), "external_edit");
    assert_string_equal(action_description(ACT_UP), "move up");
    assert_string_equal(action_description(ACT_NEXT_OPEN), "next unanswered question");
    assert_int_equal(action_from_name("quit"), ACT_QUIT);
    assert_int_equal(action_from_name("page_down"), ACT_PAGE_DOWN);
    assert_int_equal(action_from_name("quitt"), -1);
    assert_int_equal(action_from_name(""), -1);
    assert_null(action_name(ACT_COUNT));
}

static void test_defaults(void **state)
{
    struct keymap km;
    static const struct {
        enum action a;
        int keys[3];
    } expect[] = {
        { ACT_UP, { 'k', KEYC_UP } },
        { ACT_DOWN, { 'j', KEYC_DOWN } },
        { ACT_PAGE_UP, { KEYC_PGUP, CTRL('b') } },
        { ACT_PAGE_DOWN, { KEYC_PGDN, CTRL('f') } },
        { ACT_FIRST, { 'g', KEYC_HOME } },
        { ACT_LAST, { 'G', KEYC_END } },
        { ACT_PANE_LEFT, { 'h', KEYC_LEFT } },
        { ACT_PANE_RIGHT, { 'l', KEYC_RIGHT } },
        { ACT_NEXT_FIELD, { KEYC_TAB } },
        { ACT_PREV_FIELD, { KEYC_BTAB } },
        { ACT_NEXT_OPEN, { ']' } },
        { ACT_PREV_OPEN, { '[' } },
        { ACT_SEARCH, { '/' } },
        { ACT_GOTO, { ':' } },
        { ACT_YES, { 'y' } },
        { ACT_NO, { 'n' } },
        { ACT_UNSURE, { 'u' } },
        { ACT_CYCLE, { ' ' } },
        { ACT_FOLLOWUP, { 'f' } },
        { ACT_CONFIRM, { 'c' } },
        { ACT_EDIT, { KEYC_ENTER } },
        { ACT_EXTERNAL_EDIT, { 'e' } },
        { ACT_HELP, { '?', KEYC_F1 } },
        { ACT_LANGUAGE, { 'L' } },
        { ACT_ABOUT, { 'a' } },
        { ACT_SNAPSHOT, { 's' } },
        { ACT_DIFF, { 'd' } },
        { ACT_NEW, { 'N' } },
        { ACT_OPEN, { 'o' } },
        { ACT_BACK, { KEYC_ESC } },
        { ACT_REDRAW, { CTRL('l') } },
        { ACT_QUIT, { 'q' } },
        { ACT_UNDO, { 'U' } },
        { ACT_REDO, { CTRL('r') } },
    };
    (void)state;
    memset(&km, 0xff, sizeof(km));  /* keymap_default must set every entry */
    keymap_default(&km);
    assert_int_equal(CC_ARRAY_LEN(expect), ACT_COUNT - 1);
    /* Decision: every action has a key by default; ACT_NONE has none. */
    assert_int_equal(nkeys(&km, ACT_NONE), 0);
    for (size_t i = 0; i < CC_ARRAY_LEN(expect); i++) {
        int n = expect[i].keys[1] ? 2 : 1;
        assert_int_equal(nkeys(&km, expect[i].a), n);
        for (int k = 0; k < n; k++)
            assert_int_equal(km.keys[expect[i].a][k], expect[i].keys[k]);
        for (int k = n; k < KEYMAP_MAX_KEYS; k++)
            assert_int_equal(km.keys[expect[i].a][k], 0);
    }
    /* No key is bound to two actions, so every default key finds its own. */
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        for (int k = 0; k < nkeys(&km, (enum action)a); k++)
            assert_int_equal(keymap_lookup(&km, km.keys[a][k]), a);
    /* Digits are the go-to prompt's, outside the table. */
    for (int d = '1'; d <= '9'; d++)
        assert_int_equal(keymap_lookup(&km, d), ACT_NONE);
}

static void test_lookup(void **state)
{
    struct keymap km;
    (void)state;
    keymap_default(&km);
    assert_int_equal(keymap_lookup(&km, 'j'), ACT_DOWN);
    assert_int_equal(keymap_lookup(&km, KEYC_DOWN), ACT_DOWN);
    assert_int_equal(keymap_lookup(&km, ' '), ACT_CYCLE);
    assert_int_equal(keymap_lookup(&km, KEYC_F1), ACT_HELP);
    assert_int_equal(keymap_lookup(&km, 'G'), ACT_LAST);
    assert_int_equal(keymap_lookup(&km, 'g'), ACT_FIRST);
    assert_int_equal(keymap_lookup(&km, 'N'), ACT_NEW);
    assert_int_equal(keymap_lookup(&km, 'x'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, KEYC_F2), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, 0), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, -1), ACT_NONE);
    /* first match in action order */
    km.keys[ACT_QUIT][1] = 'j';
    assert_int_equal(keymap_lookup(&km, 'j'), ACT_DOWN);
}

static void test_bind(void **state)
{
    struct keymap km;
    struct cc_err err;
    char buf[64];
    (void)state;
    keymap_default(&km);
    assert_int_equal(keymap_bind(&km, "quit", "q, C-q", &err), 0);
    assert_int_equal(nkeys(&km, ACT_QUIT), 2);
    assert_int_equal(keymap_lookup(&km, 'q'), ACT_QUIT);
    assert_int_equal(keymap_lookup(&km, CTRL('q')), ACT_QUIT);
    keymap_describe(&km, ACT_QUIT, buf, sizeof(buf));
    assert_string_equal(buf, "q/C-q");

    /* replaces, does not add */
    assert_int_equal(keymap_bind(&km, "help", "F2", &err), 0);
    assert_int_equal(keymap_lookup(&km, '?'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, KEYC_F1), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, KEYC_F2), ACT_HELP);

    /* blanks, special names, UTF-8, duplicates dropped */
    assert_int_equal(keymap_bind(&km, "search", "  ä ,Space,Comma,  ä", &err), 0);
    assert_int_equal(nkeys(&km, ACT_SEARCH), 3);
    assert_int_equal(km.keys[ACT_SEARCH][0], 0xe4);
    assert_int_equal(km.keys[ACT_SEARCH][1], ' ');
    assert_int_equal(km.keys[ACT_SEARCH][2], ',');
    keymap_describe(&km, ACT_SEARCH, buf, sizeof(buf));
    assert_string_equal(buf, "ä/Space/Comma");

    /* exactly KEYMAP_MAX_KEYS is fine */
    assert_int_equal(keymap_bind(&km, "about", "a, b, F3, F4, F5, F6", &err), 0);
    assert_int_equal(nkeys(&km, ACT_ABOUT), KEYMAP_MAX_KEYS);

    /* an empty list unbinds */
    assert_int_equal(keymap_bind(&km, "diff", "  ", &err), 0);
    assert_int_equal(nkeys(&km, ACT_DIFF), 0);
    assert_int_equal(keymap_lookup(&km, 'd'), ACT_NONE);
    keymap_describe(&km, ACT_DIFF, buf, sizeof(buf));
    assert_string_equal(buf, "");
}

static void test_bind_errors(void **state)
{
    struct keymap km, before;
    struct cc_err err;
    (void)state;
    keymap_default(&km);
    before = km;

    assert_int_equal(keymap_bind(&km, "quitt", "q", &err), -1);
    assert_non_null(strstr(err.msg, "\"quitt\""));
    assert_non_null(strstr(err.msg, "next_open"));  /* lists the known actions */
    assert_int_equal(keymap_bind(&km, "none", "x", &err), -1);
    assert_non_null(strstr(err.msg, "\"none\""));

    assert_int_equal(keymap_bind(&km, "quit", "q, Ctrl-q", &err), -1);
    assert_non_null(strstr(err.msg, "\"Ctrl-q\""));
    assert_non_null(strstr(err.msg, "quit"));
    assert_int_equal(keymap_bind(&km, "quit", "q, xy", &err), -1);
    assert_non_null(strstr(err.msg, "\"xy\""));
    assert_int_equal(keymap_bind(&km, "quit", "F13", &err), -1);
    assert_non_null(strstr(err.msg, "\"F13\""));
    assert_int_equal(keymap_bind(&km, "quit", "q,,x", &err), -1);
    assert_non_null(strstr(err.msg, "empty key name"));
    assert_int_equal(keymap_bind(&km, "quit", "q, ", &err), -1);
    assert_non_null(strstr(err.msg, "empty key name"));
    assert_int_equal(keymap_bind(&km, "quit", "a, b, c, d, e, f, g", &err), -1);
    assert_non_null(strstr(err.msg, "too many keys"));
    assert_int_equal(keymap_bind(&km, "quit", "\x01", &err), -1);  /* raw control character */

    /* failures leave the map as it was */
    assert_memory_equal(&km, &before, sizeof(km));
}

static void test_key_names(void **state)
{
    static const char *const names[] = {
        "j", "J", "Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn", "Tab",
        "S-Tab", "Enter", "Esc", "Space", "Backspace", "Delete", "Insert", "Comma", "C-Left", "C-Right",
        "ä", "€", "中", "😀", "/", ":", "?", "[", "]",
    };
    char buf[16];
    (void)state;
    for (size_t i = 0; i < CC_ARRAY_LEN(names); i++) {
        int k = key_from_name(names[i]);
        assert_true(k > 0);
        keyc_name(k, buf, sizeof(buf));
        assert_string_equal(buf, names[i]);
    }
    /* every special key, F-key and control key round-trips */
    for (int k = KEYC_UP; k < KEYC_MAX; k++) {
        keyc_name(k, buf, sizeof(buf));
        assert_int_equal(key_from_name(buf), k);
    }
    for (int k = 'a'; k <= 'z'; k++) {
        keyc_name(CTRL(k), buf, sizeof(buf));
        assert_int_equal(buf[0], 'C');
        assert_int_equal(buf[2], k);
        assert_int_equal(key_from_name(buf), CTRL(k));
    }
    for (int k = 0x21; k < 0x7f; k++) {
        keyc_name(k, buf, sizeof(buf));
        assert_int_equal(key_from_name(buf), k);
    }
    assert_int_equal(key_from_name("Space"), ' ');
    assert_int_equal(key_from_name(" "), ' ');
    assert_int_equal(key_from_name("Enter"), KEYC_ENTER);
    assert_int_equal(key_from_name("C-a"), KEYC_CTRL_A);
    assert_int_equal(key_from_name("C-z"), KEYC_CTRL_Z);
    assert_int_equal(key_from_name("C-l"), KEYC_CTRL_A + 11);
    assert_int_equal(key_from_name("F1"), KEYC_F1);
    assert_int_equal(key_from_name("F12"), KEYC_F12);
    assert_int_equal(key_from_name("ä"), 0xe4);
    assert_int_equal(key_from_name("g"), 'g');
    assert_int_equal(key_from_name("G"), 'G');
    /* aliases and case of multi-letter names */
    assert_int_equal(key_from_name("up"), KEYC_UP);
    assert_int_equal(key_from_name("PageDown"), KEYC_PGDN);
    assert_int_equal(key_from_name("Escape"), KEYC_ESC);
    /* unknown */
    assert_int_equal(key_from_name(""), -1);
    assert_int_equal(key_from_name("F0"), -1);
    assert_int_equal(key_from_name("F13"), -1);
    assert_int_equal(key_from_name("F01"), -1);
    assert_int_equal(key_from_name("C-1"), -1);
    assert_int_equal(key_from_name("C-ab"), -1);
    assert_int_equal(key_from_name("jk"), -1);
    assert_int_equal(key_from_name("\x1b"), -1);
    assert_int_equal(key_from_name("\x7f"), -1);
    assert_int_equal(key_from_name("\xc3"), -1);        /* truncated UTF-8 */
    assert_int_equal(key_from_name("\xe2\x80\xae"), -1); /* bidi override */
    /* names of keys without one never look like a real key */
    keyc_name(0x1b, buf, sizeof(buf));
    assert_string_equal(buf, "U+001B");
    keyc_name(KEYC_BASE, buf, sizeof(buf));
    assert_string_equal(buf, "?");
    /* a short buffer is cut, never overrun */
    keyc_name(KEYC_BACKSPACE, buf, 5);
    assert_string_equal(buf, "Back");
}

static void test_describe(void **state)
{
    struct keymap km;
    char buf[64];
    (void)state;
    keymap_default(&km);
    keymap_describe(&km, ACT_DOWN, buf, sizeof(buf));
    assert_string_equal(buf, "j/Down");
    keymap_describe(&km, ACT_HELP, buf, sizeof(buf));
    assert_string_equal(buf, "?/F1");
    keymap_describe(&km, ACT_PAGE_UP, buf, sizeof(buf));
    assert_string_equal(buf, "PgUp/C-b");
    keymap_describe(&km, ACT_NONE, buf, sizeof(buf));
    assert_string_equal(buf, "");
    /* only whole names fit */
    keymap_describe(&km, ACT_DOWN, buf, 5);
    assert_string_equal(buf, "j");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_action_names),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_bind),
        cmocka_unit_test(test_bind_errors),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
