/* Tests of keymap: actions, screens, key names, default bindings, rebinding,
 * conflicts and the key overview. */
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

static int offers(enum keyctx ctx, enum action a)
{
    const enum action *acts = keyctx_actions(ctx);
    for (size_t i = 0; acts[i] != ACT_NONE; i++)
        if (acts[i] == a)
            return 1;
    return 0;
}

static void test_action_names(void **state)
{
    (void)state;
    for (int a = 0; a < ACT_COUNT; a++) {
        const char *name = action_name((enum action)a);
        const char *desc = action_description((enum action)a);
        const char *label = action_label((enum action)a);
        assert_non_null(name);
        assert_int_equal(action_from_name(name), a);
        assert_non_null(desc);
        assert_non_null(label);
        assert_true(strlen(desc) > 0);
        assert_true(strlen(label) > 0);
        /* labels are short: the status line of 80 columns holds several */
        assert_true(strlen(label) <= 16);
        assert_false(desc[0] >= 'A' && desc[0] <= 'Z');
        for (int b = 0; b < a; b++)
            assert_string_not_equal(action_name((enum action)b), name);
    }
    assert_string_equal(action_name(ACT_NEXT_OPEN), "next_open");
    assert_string_equal(action_name(ACT_EXTERNAL_EDIT), "external_edit");
    assert_string_equal(action_description(ACT_UP), "move up");
    assert_string_equal(action_label(ACT_KEEP), "later");
    assert_int_equal(action_from_name("quit"), ACT_QUIT);
    assert_int_equal(action_from_name("QUIT"), ACT_QUIT);
    assert_int_equal(action_from_name("page_down"), ACT_PAGE_DOWN);
    assert_int_equal(action_from_name("quitt"), -1);
    assert_int_equal(action_from_name(""), -1);
    assert_int_equal(action_from_name(NULL), -1);
    assert_null(action_name(ACT_COUNT));
    assert_null(action_description(ACT_COUNT));
}

static void test_screens(void **state)
{
    (void)state;
    for (int c = 0; c < CTX_COUNT; c++) {
        const enum action *acts = keyctx_actions((enum keyctx)c);
        assert_true(strlen(keyctx_name((enum keyctx)c)) > 0);
        assert_true(acts[0] != ACT_NONE);
        /* every screen offers the key overview and lists an action once */
        if (c != CTX_CONFIRM)
            assert_true(offers((enum keyctx)c, ACT_KEYS));
        for (size_t i = 0; acts[i] != ACT_NONE; i++) {
            assert_true(acts[i] > ACT_NONE && acts[i] < ACT_COUNT);
            for (size_t j = 0; j < i; j++)
                assert_int_not_equal(acts[i], acts[j]);
        }
    }
    assert_true(keyctx_is_text(CTX_EDITOR));
    assert_true(keyctx_is_text(CTX_LINE));
    assert_false(keyctx_is_text(CTX_ASSESS));
    assert_false(keyctx_is_text(CTX_PICKER));
    assert_false(keyctx_is_text(CTX_COUNT));
    assert_int_equal(keyctx_actions(CTX_COUNT)[0], ACT_NONE);
    /* answers only where an assessment is open */
    for (int c = 0; c < CTX_COUNT; c++)
        if (c != CTX_ASSESS) {
            assert_false(offers((enum keyctx)c, ACT_NO));
            assert_false(offers((enum keyctx)c, ACT_CYCLE));
            assert_false(offers((enum keyctx)c, ACT_UNDO));
        }
}

/* Every key bound by default finds its own action on every screen that
 * offers the action: keymap_check finds no conflict. */
static void test_defaults(void **state)
{
    struct keymap km;
    struct cc_err err = { 0 };
    (void)state;
    memset(&km, 0xff, sizeof(km));  /* keymap_default must set every entry */
    keymap_default(&km);
    assert_int_equal(nkeys(&km, ACT_NONE), 0);
    for (int k = 0; k < KEYMAP_MAX_KEYS; k++)
        assert_int_equal(km.keys[ACT_NONE][k], 0);
    assert_int_equal(keymap_check(&km, NULL, &err), 0);
    for (int c = 0; c < CTX_COUNT; c++) {
        const enum action *acts = keyctx_actions((enum keyctx)c);
        for (size_t i = 0; acts[i] != ACT_NONE; i++) {
            enum action a = acts[i];
            /* every action a screen offers has a key */
            assert_true(nkeys(&km, a) > 0);
            for (int k = 0; k < nkeys(&km, a); k++) {
                int key = km.keys[a][k];
                if (keyctx_is_text((enum keyctx)c) && key >= ' ' && key < KEYC_BASE)
                    continue;  /* printable keys are text there */
                assert_int_equal(keymap_lookup(&km, (enum keyctx)c, key), a);
            }
        }
    }
    /* the rest of the array is zero */
    for (int a = 0; a < ACT_COUNT; a++)
        for (int k = nkeys(&km, (enum action)a); k < KEYMAP_MAX_KEYS; k++)
            assert_int_equal(km.keys[a][k], 0);
}

static void test_lookup(void **state)
{
    struct keymap km;
    (void)state;
    keymap_default(&km);
    /* one key, a meaning per screen */
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'n'), ACT_NO);
    assert_int_equal(keymap_lookup(&km, CTX_PICKER, 'n'), ACT_NEW);
    assert_int_equal(keymap_lookup(&km, CTX_PICKER, 'N'), ACT_NEW);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, KEYC_ENTER), ACT_EDIT);
    assert_int_equal(keymap_lookup(&km, CTX_PICKER, KEYC_ENTER), ACT_OPEN);
    assert_int_equal(keymap_lookup(&km, CTX_EDITOR, KEYC_ENTER), ACT_NEW_LINE);
    assert_int_equal(keymap_lookup(&km, CTX_LINE, KEYC_ENTER), ACT_ACCEPT);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'q'), ACT_QUIT);
    assert_int_equal(keymap_lookup(&km, CTX_PAGER, 'q'), ACT_CLOSE);
    assert_int_equal(keymap_lookup(&km, CTX_PAGER, KEYC_ESC), ACT_CLOSE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, KEYC_ESC), ACT_BACK);
    assert_int_equal(keymap_lookup(&km, CTX_EDITOR, KEYC_ESC), ACT_EDIT_DONE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'l'), ACT_PANE_RIGHT);
    assert_int_equal(keymap_lookup(&km, CTX_PICKER, 'l'), ACT_SCROLL_RIGHT);
    assert_int_equal(keymap_lookup(&km, CTX_RECOVER, 'l'), ACT_KEEP);
    assert_int_equal(keymap_lookup(&km, CTX_DIFF, ']'), ACT_NEXT_CHANGE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, ']'), ACT_NEXT_OPEN);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, ' '), ACT_CYCLE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, KEYC_F1), ACT_HELP);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, KEYC_F2), ACT_KEYS);
    assert_int_equal(keymap_lookup(&km, CTX_EDITOR, KEYC_F2), ACT_KEYS);
    assert_int_equal(keymap_lookup(&km, CTX_EDITOR, CTRL('k')), ACT_KEYS);
    for (int d = '1'; d <= '9'; d++) {
        assert_int_equal(keymap_lookup(&km, CTX_ASSESS, d), ACT_GOTO_NUMBER);
        assert_int_equal(keymap_lookup(&km, CTX_PICKER, d), ACT_NONE);
    }
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, '0'), ACT_NONE);
    /* on text screens printable characters are text, whatever they are bound to */
    assert_int_equal(keymap_lookup(&km, CTX_EDITOR, 'q'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_EDITOR, 'K'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_EDITOR, ' '), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_LINE, 0xe4), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_LINE, KEYC_ESC), ACT_CLOSE);
    /* a screen does not offer another's actions */
    assert_int_equal(keymap_lookup(&km, CTX_PICKER, 'y'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_PAGER, 's'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'x'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_RECOVER, 'x'), ACT_DISCARD);
    assert_int_equal(keymap_lookup(&km, CTX_UNSAVED, 'r'), ACT_RETRY);
    assert_int_equal(keymap_lookup(&km, CTX_CONFIRM, 'y'), ACT_YES);
    /* nothing for no key, bad screens and keys out of range */
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 0), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, -1), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, KEYC_MAX + 5), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_COUNT, 'q'), ACT_NONE);
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
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'q'), ACT_QUIT);
    assert_int_equal(keymap_lookup(&km, CTX_PICKER, CTRL('q')), ACT_QUIT);
    keymap_describe(&km, ACT_QUIT, 0, buf, sizeof(buf));
    assert_string_equal(buf, "q/C-q");

    /* replaces, does not add */
    assert_int_equal(keymap_bind(&km, "help", "F3", &err), 0);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, '?'), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, KEYC_F1), ACT_NONE);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, KEYC_F3), ACT_HELP);

    /* rebinding down moves it on every screen that offers it */
    assert_int_equal(keymap_bind(&km, "down", "x, Down", &err), 0);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'x'), ACT_DOWN);
    assert_int_equal(keymap_lookup(&km, CTX_PAGER, 'x'), ACT_DOWN);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'j'), ACT_NONE);
    keymap_describe(&km, ACT_DOWN, 0, buf, sizeof(buf));
    assert_string_equal(buf, "x/Down");
    /* but x is still discard on the recovery screen: it offers discard first */
    assert_int_equal(keymap_lookup(&km, CTX_RECOVER, 'x'), ACT_DISCARD);
    assert_int_equal(keymap_check(&km, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "key x"));
    assert_non_null(strstr(err.msg, "discard"));
    assert_non_null(strstr(err.msg, "down"));

    /* blanks, special names, UTF-8, duplicates dropped */
    assert_int_equal(keymap_bind(&km, "search", "  ä ,Space,Comma,  ä", &err), 0);
    assert_int_equal(nkeys(&km, ACT_SEARCH), 3);
    assert_int_equal(km.keys[ACT_SEARCH][0], 0xe4);
    assert_int_equal(km.keys[ACT_SEARCH][1], ' ');
    assert_int_equal(km.keys[ACT_SEARCH][2], ',');
    keymap_describe(&km, ACT_SEARCH, 0, buf, sizeof(buf));
    assert_string_equal(buf, "ä/Space/Comma");

    /* exactly KEYMAP_MAX_KEYS is fine */
    assert_int_equal(keymap_bind(&km, "about", "a, b, F4, F5, F6, F7, F8, F9, F10, F11", &err), 0);
    assert_int_equal(nkeys(&km, ACT_ABOUT), KEYMAP_MAX_KEYS);

    /* an empty list unbinds */
    assert_int_equal(keymap_bind(&km, "diff", "  ", &err), 0);
    assert_int_equal(nkeys(&km, ACT_DIFF), 0);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'd'), ACT_NONE);
    keymap_describe(&km, ACT_DIFF, 0, buf, sizeof(buf));
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
    assert_int_equal(keymap_bind(&km, "quit", "a, b, c, d, e, f, g, h, i, j, k", &err), -1);
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
    struct cc_err err;
    char buf[64];
    (void)state;
    keymap_default(&km);
    keymap_describe(&km, ACT_DOWN, 0, buf, sizeof(buf));
    assert_string_equal(buf, "j/Down");
    keymap_describe(&km, ACT_HELP, 0, buf, sizeof(buf));
    assert_string_equal(buf, "?/F1");
    keymap_describe(&km, ACT_PAGE_UP, 0, buf, sizeof(buf));
    assert_string_equal(buf, "PgUp/C-b");
    keymap_describe(&km, ACT_KEYS, 0, buf, sizeof(buf));
    assert_string_equal(buf, "K/F2/C-k");
    /* a run of digits or letters as a range */
    keymap_describe(&km, ACT_GOTO_NUMBER, 0, buf, sizeof(buf));
    assert_string_equal(buf, "1-9");
    keymap_describe(&km, ACT_GOTO_NUMBER, 1, buf, sizeof(buf));
    assert_string_equal(buf, "1-9");
    assert_int_equal(keymap_bind(&km, "goto_number", "1, 2, 4, 5, 6, x, a, b, c, d", &err), 0);
    keymap_describe(&km, ACT_GOTO_NUMBER, 0, buf, sizeof(buf));
    assert_string_equal(buf, "1/2/4-6/x/a-d");
    keymap_default(&km);
    keymap_describe(&km, ACT_NONE, 0, buf, sizeof(buf));
    assert_string_equal(buf, "");
    keymap_describe(&km, ACT_COUNT, 0, buf, sizeof(buf));
    assert_string_equal(buf, "");
    /* at most max keys: the status line shows the first */
    keymap_describe(&km, ACT_KEYS, 1, buf, sizeof(buf));
    assert_string_equal(buf, "K");
    keymap_describe(&km, ACT_KEYS, 2, buf, sizeof(buf));
    assert_string_equal(buf, "K/F2");
    /* only whole names fit */
    keymap_describe(&km, ACT_DOWN, 0, buf, 5);
    assert_string_equal(buf, "j");
}

static void test_check(void **state)
{
    struct keymap km;
    struct cc_err err = { 0 };
    (void)state;
    keymap_default(&km);
    /* the same key on two screens is fine: y answers yes, y is also "new" in the list */
    assert_int_equal(keymap_bind(&km, "new", "y", &err), 0);
    assert_int_equal(keymap_check(&km, NULL, &err), 0);
    assert_int_equal(keymap_lookup(&km, CTX_PICKER, 'y'), ACT_NEW);
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'y'), ACT_YES);
    /* on one screen it is not */
    assert_int_equal(keymap_bind(&km, "snapshot", "y", &err), 0);
    {
        enum action pair[2];
        assert_int_equal(keymap_check(&km, pair, &err), -1);
        assert_int_equal(pair[0], ACT_YES);
        assert_int_equal(pair[1], ACT_SNAPSHOT);
    }
    assert_non_null(strstr(err.msg, "key y is bound to both yes and snapshot"));
    assert_non_null(strstr(err.msg, "An assessment"));
    /* the first in the screen's order wins */
    assert_int_equal(keymap_lookup(&km, CTX_ASSESS, 'y'), ACT_YES);
    /* special keys too */
    keymap_default(&km);
    assert_int_equal(keymap_bind(&km, "edit_save", "Esc", &err), 0);
    assert_int_equal(keymap_check(&km, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "key Esc"));
    assert_non_null(strstr(err.msg, "edit_done"));
}

static void test_overview(void **state)
{
    struct keymap km;
    struct sbuf out;
    struct cc_err err;
    (void)state;
    keymap_default(&km);
    sbuf_init(&out);
    keymap_overview(&km, CTX_COUNT, &out, 80);
    /* every screen, every action it offers */
    for (int c = 0; c < CTX_COUNT; c++)
        assert_non_null(strstr(out.buf, keyctx_name((enum keyctx)c)));
    assert_non_null(strstr(out.buf, "j/Down"));
    assert_non_null(strstr(out.buf, "next question not answered"));
    assert_non_null(strstr(out.buf, "C-g"));
    /* no line wider than asked */
    for (char *line = out.buf; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        assert_true(n <= 80);
        line = nl ? nl + 1 : line + n;
    }
    sbuf_release(&out);

    /* the screen asked for comes first, each screen once */
    sbuf_init(&out);
    keymap_overview(&km, CTX_EDITOR, &out, 80);
    assert_true(strncmp(out.buf, "The editor of a text field\n", 27) == 0);
    assert_null(strstr(out.buf + 1, "The editor of a text field"));
    assert_non_null(strstr(out.buf, "\nThe list of cooperations\n"));
    sbuf_release(&out);

    /* it shows the keys as bound */
    assert_int_equal(keymap_bind(&km, "down", "x, Down", &err), 0);
    sbuf_init(&out);
    keymap_overview(&km, CTX_COUNT, &out, 80);
    assert_non_null(strstr(out.buf, "x/Down"));
    assert_null(strstr(out.buf, "j/Down"));
    sbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_action_names),
        cmocka_unit_test(test_screens),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_bind),
        cmocka_unit_test(test_bind_errors),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_overview),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
