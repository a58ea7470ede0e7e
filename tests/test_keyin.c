/* test_keyin.c — the terminal input decoder: UTF-8 whatever the locale,
 * control bytes, lone Esc and its delay, CSI/SS3/linux sequences (every
 * built-in one, split across feeds, aborted, overlong, unknown ones
 * swallowed), xterm modifiers, Alt swallowed, the editing keys as tmux sends
 * them under three TERMs, bracketed pastes (split markers, CR LF, never ended,
 * over 8 MiB in pieces), bursts of typed-looking paste, extra sequences from
 * terminfo, keyin_timeout in every pending state.  Runs in the C locale to
 * show that none of it depends on the locale.  Time is passed in: no sleeps. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keyin.h"
#include "keymap.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

/* Appends a readable form of ev to out: keys by keyc_name ("End", "C-a") or
 * 'c' for printable ASCII, U+XXXX for other characters; pastes as
 * paste0("...") (burst) or paste1("...") (bracketed), with \n, \t, \xNN. */
static void describe(struct sbuf *out, const struct keyin_event *ev)
{
    char name[32];
    if (out->len)
        sbuf_addc(out, ' ');
    if (ev->kind == KEYIN_KEY) {
        if (ev->key > KEYC_BASE)
            keyc_name(ev->key, name, sizeof(name));
        else if (ev->key < 0x7f)
            snprintf(name, sizeof(name), "'%c'", ev->key);
        else
            snprintf(name, sizeof(name), "U+%04X", (unsigned)ev->key);
        sbuf_adds(out, name);
        assert_null(ev->text);
        return;
    }
    assert_int_equal(ev->kind, KEYIN_PASTE);
    assert_non_null(ev->text);
    assert_int_equal(strlen(ev->text), ev->len);
    sbuf_addf(out, "paste%d(\"", ev->bracketed);
    for (const char *p = ev->text; *p; p++) {
        if (*p == '\n')
            sbuf_adds(out, "\\n");
        else if (*p == '\t')
            sbuf_adds(out, "\\t");
        else if ((unsigned char)*p < 0x20)
            sbuf_addf(out, "\\x%02x", (unsigned char)*p);
        else
            sbuf_addc(out, *p);
    }
    sbuf_adds(out, "\")");
}

static char got[65536];

/* Takes every event ready at now and returns them described (see describe),
 * "" for none.  The result lives until the next call. */
static const char *drain(struct keyin *k, long now)
{
    struct sbuf out;
    struct keyin_event ev;
    int n = 0;
    sbuf_init(&out);
    while (keyin_next(k, now, &ev)) {
        describe(&out, &ev);
        free(ev.text);
        assert_true(++n < 10000);
    }
    /* nothing is ready right after a drain */
    assert_int_not_equal(keyin_timeout(k, now), 0);
    snprintf(got, sizeof(got), "%s", out.buf);
    sbuf_release(&out);
    return got;
}

/* Feeds len bytes at now and drains. */
static const char *feedn(struct keyin *k, const char *s, size_t len, long now)
{
    keyin_feed(k, s, len, now);
    return drain(k, now);
}

static const char *feed(struct keyin *k, const char *s, long now)
{
    return feedn(k, s, strlen(s), now);
}

/* What a fresh decoder makes of s in one feed, with all delays run out. */
static const char *decode1(const char *s)
{
    static char all[65536];
    struct keyin k;
    keyin_init(&k, 0);
    snprintf(all, sizeof(all), "%s", feed(&k, s, 1000));
    if (keyin_timeout(&k, 1000) >= 0) {
        const char *rest = drain(&k, 100000);
        if (*rest)
            snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s", *all ? " " : "", rest);
    }
    assert_int_equal(keyin_timeout(&k, 100000), -1);
    keyin_release(&k);
    return all;
}

/* Feeds s without taking the events. */
static void feed_str(struct keyin *k, const char *s, long now)
{
    keyin_feed(k, s, strlen(s), now);
}

static const char *name_of(int key)
{
    static char name[32];
    keyc_name(key, name, sizeof(name));
    return name;
}

/* ---- rule 1: UTF-8 --------------------------------------------------------- */

static void test_utf8_keys(void **state)
{
    (void)state;
    assert_string_equal(decode1("\xc3\xa4"), "U+00E4");
    assert_string_equal(decode1("\xe2\x82\xac"), "U+20AC");
    assert_string_equal(decode1("\xf0\x9f\x98\x80"), "U+1F600");
    assert_string_equal(decode1("a"), "'a'");
    assert_string_equal(decode1(" "), "' '");
    assert_string_equal(decode1("\xc3\xa4x"), "U+00E4 'x'");
}

static void test_utf8_split(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    /* "ä" byte by byte, with an empty read between */
    assert_string_equal(feed(&k, "\xc3", 0), "");
    assert_int_equal(keyin_timeout(&k, 0), 100);
    assert_string_equal(feedn(&k, "", 0, 10), "");
    assert_string_equal(feed(&k, "\xa4", 20), "U+00E4");
    assert_int_equal(keyin_timeout(&k, 20), -1);
    /* "€" over three feeds, "😀" over four */
    assert_string_equal(feed(&k, "\xe2", 100), "");
    assert_string_equal(feed(&k, "\x82", 150), "");
    assert_int_equal(keyin_timeout(&k, 160), 90);   /* from the last byte */
    assert_string_equal(feed(&k, "\xac", 240), "U+20AC");
    assert_string_equal(feed(&k, "\xf0", 300), "");
    assert_string_equal(feed(&k, "\x9f", 301), "");
    assert_string_equal(feed(&k, "\x98", 302), "");
    assert_string_equal(feed(&k, "\x80", 303), "U+1F600");
    keyin_release(&k);
}

static void test_utf8_invalid(void **state)
{
    (void)state;
    assert_string_equal(decode1("\xff" "a"), "'a'");
    assert_string_equal(decode1("\x80" "a"), "'a'");              /* stray continuation */
    assert_string_equal(decode1("\xc3" "a"), "'a'");              /* Latin-1 ä before a */
    assert_string_equal(decode1("\xe4" "b"), "'b'");
    assert_string_equal(decode1("\xc0\xaf" "c"), "'c'");          /* overlong '/' */
    assert_string_equal(decode1("\xc1\xbf"), "");
    assert_string_equal(decode1("\xe0\x80\xaf" "d"), "'d'");      /* overlong */
    assert_string_equal(decode1("\xf0\x80\x80\xaf"), "");
    assert_string_equal(decode1("\xed\xa0\x80" "e"), "'e'");      /* surrogate U+D800 */
    assert_string_equal(decode1("\xf4\x90\x80\x80" "f"), "'f'");  /* U+110000 */
    assert_string_equal(decode1("\xf5\x80\x80\x80"), "");
    assert_string_equal(decode1("\xc2\x85" "g"), "'g'");          /* C1 control NEL */
    assert_string_equal(decode1("\xe2\x82" "\xc3\xa4"), "U+00E4"); /* cut short by a new one */
    assert_string_equal(decode1("\xe2\x82" "\r"), "Enter");
}

/* A byte that no valid character can continue with is refused at once: no
 * wait for bytes that would only be dropped. */
static void test_utf8_refused_early(void **state)
{
    static const char *const starts[] = {
        "\xe0\x80", "\xe0\x9f", "\xed\xa0", "\xed\xbf", "\xf0\x80", "\xf0\x8f",
        "\xf4\x90", "\xf4\xbf", "\xc2\x41", "\xe2\x82\x41",
    };
    static const char *const fine[] = { "\xe0\xa0", "\xed\x9f", "\xf0\x90", "\xf4\x8f", "\xc2" };
    struct keyin k;
    (void)state;
    for (size_t i = 0; i < CC_ARRAY_LEN(starts); i++) {
        keyin_init(&k, 0);
        keyin_feed(&k, starts[i], strlen(starts[i]), 0);
        drain(&k, 0);
        if (keyin_timeout(&k, 0) != -1)
            fail_msg("start %zu waits for more", i);
        keyin_release(&k);
    }
    for (size_t i = 0; i < CC_ARRAY_LEN(fine); i++) {
        keyin_init(&k, 0);
        assert_string_equal(feed(&k, fine[i], 0), "");
        assert_int_equal(keyin_timeout(&k, 0), 100);
        keyin_release(&k);
    }
}

static void test_utf8_unfinished_dropped(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\xe2\x82", 1000), "");
    assert_int_equal(keyin_timeout(&k, 1000), 100);
    assert_int_equal(keyin_timeout(&k, 1099), 1);
    assert_string_equal(drain(&k, 1099), "");
    assert_int_equal(keyin_timeout(&k, 1100), 0);
    assert_string_equal(drain(&k, 1100), "");        /* dropped: no event */
    assert_int_equal(keyin_timeout(&k, 1100), -1);
    assert_string_equal(feed(&k, "\xac" "x", 1200), "'x'");  /* too late: a stray byte */
    /* a feed after the deadline drops it first */
    assert_string_equal(feed(&k, "\xc3", 2000), "");
    assert_string_equal(feed(&k, "\xa4", 2100), "");
    keyin_release(&k);
}

/* ---- rule 2: control bytes ------------------------------------------------- */

static void test_controls(void **state)
{
    char b[2] = { 0, 0 };
    (void)state;
    assert_string_equal(decode1("\r"), "Enter");
    assert_string_equal(decode1("\n"), "Enter");
    assert_string_equal(decode1("\r\n"), "Enter");
    assert_string_equal(decode1("\r\r\n"), "Enter Enter");
    assert_string_equal(decode1("\n\r"), "Enter Enter");
    assert_string_equal(decode1("\t"), "Tab");
    assert_string_equal(decode1("\x7f"), "Backspace");
    assert_string_equal(decode1("\x08"), "Backspace");
    assert_string_equal(decode1("\x01"), "C-a");
    assert_string_equal(decode1("\x03"), "C-c");
    assert_string_equal(decode1("\x12"), "C-r");
    assert_string_equal(decode1("\x1a"), "C-z");
    for (int c = 0x01; c <= 0x1a; c++) {
        if (c == 0x08 || c == 0x09 || c == 0x0a || c == 0x0d)
            continue;
        b[0] = (char)c;
        assert_string_equal(decode1(b), name_of(KEYC_CTRL_A + c - 1));
    }
    assert_string_equal(decode1("\x1c\x1d\x1e\x1f"), "");
}

static void test_nul_ignored(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feedn(&k, "\0" "a\0", 3, 0), "'a'");
    keyin_release(&k);
}

static void test_crlf_same_feed_only(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\r", 0), "Enter");
    assert_string_equal(feed(&k, "\n", 1), "Enter");   /* another feed: another Enter */
    keyin_release(&k);
}

/* ---- rule 3: ESC and sequences --------------------------------------------- */

static void test_lone_esc_delay(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_int_equal(keyin_timeout(&k, 1000), -1);
    assert_string_equal(feed(&k, "\x1b", 1000), "");
    assert_int_equal(keyin_timeout(&k, 1000), 25);
    assert_int_equal(keyin_timeout(&k, 1010), 15);
    assert_string_equal(drain(&k, 1024), "");
    assert_int_equal(keyin_timeout(&k, 1024), 1);
    assert_int_equal(keyin_timeout(&k, 1025), 0);
    assert_string_equal(drain(&k, 1025), "Esc");
    assert_int_equal(keyin_timeout(&k, 1025), -1);
    keyin_release(&k);

    keyin_init(&k, 300);
    assert_string_equal(feed(&k, "x\x1b", 0), "'x'");
    assert_int_equal(keyin_timeout(&k, 0), 300);
    assert_string_equal(drain(&k, 299), "");
    assert_string_equal(drain(&k, 300), "Esc");
    keyin_release(&k);

    keyin_init(&k, -5);   /* the default */
    assert_string_equal(feed(&k, "\x1b", 0), "");
    assert_int_equal(keyin_timeout(&k, 0), 25);
    keyin_release(&k);
}

static void test_esc_then_sequence_later(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\x1b", 0), "");
    assert_string_equal(feed(&k, "[A", 20), "Up");               /* within the delay */
    assert_string_equal(feed(&k, "\x1b", 100), "");
    assert_string_equal(feed(&k, "[A", 125), "Esc '[' 'A'");     /* too late */
    /* a feed that arrives late decides the ESC first, even without keyin_next */
    keyin_feed(&k, "\x1b", 1, 200);
    assert_string_equal(feed(&k, "x", 300), "Esc 'x'");
    keyin_release(&k);
}

/* Every entry of the built-in table, fed alone. */
static void test_builtin_table(void **state)
{
    static const struct {
        const char *seq;
        int key;
    } table[] = {
        { "\x1b[A", KEYC_UP }, { "\x1b[B", KEYC_DOWN }, { "\x1b[C", KEYC_RIGHT },
        { "\x1b[D", KEYC_LEFT }, { "\x1b[H", KEYC_HOME }, { "\x1b[F", KEYC_END },
        { "\x1b[Z", KEYC_BTAB },
        { "\x1b[1~", KEYC_HOME }, { "\x1b[7~", KEYC_HOME }, { "\x1b[4~", KEYC_END },
        { "\x1b[8~", KEYC_END }, { "\x1b[2~", KEYC_INSERT }, { "\x1b[3~", KEYC_DELETE },
        { "\x1b[5~", KEYC_PGUP }, { "\x1b[6~", KEYC_PGDN },
        { "\x1b[11~", KEYC_F1 }, { "\x1b[12~", KEYC_F2 }, { "\x1b[13~", KEYC_F3 },
        { "\x1b[14~", KEYC_F4 }, { "\x1b[15~", KEYC_F5 }, { "\x1b[17~", KEYC_F6 },
        { "\x1b[18~", KEYC_F7 }, { "\x1b[19~", KEYC_F8 }, { "\x1b[20~", KEYC_F9 },
        { "\x1b[21~", KEYC_F10 }, { "\x1b[23~", KEYC_F11 }, { "\x1b[24~", KEYC_F12 },
        { "\x1bOA", KEYC_UP }, { "\x1bOB", KEYC_DOWN }, { "\x1bOC", KEYC_RIGHT },
        { "\x1bOD", KEYC_LEFT }, { "\x1bOH", KEYC_HOME }, { "\x1bOF", KEYC_END },
        { "\x1bOP", KEYC_F1 }, { "\x1bOQ", KEYC_F2 }, { "\x1bOR", KEYC_F3 },
        { "\x1bOS", KEYC_F4 }, { "\x1bOM", KEYC_ENTER },
        { "\x1bOj", '*' }, { "\x1bOk", '+' }, { "\x1bOl", ',' }, { "\x1bOm", '-' },
        { "\x1bOn", '.' }, { "\x1bOo", '/' }, { "\x1bOp", '0' }, { "\x1bOq", '1' },
        { "\x1bOr", '2' }, { "\x1bOs", '3' }, { "\x1bOt", '4' }, { "\x1bOu", '5' },
        { "\x1bOv", '6' }, { "\x1bOw", '7' }, { "\x1bOx", '8' }, { "\x1bOy", '9' },
        { "\x1bOX", '=' },
        { "\x1b[[A", KEYC_F1 }, { "\x1b[[B", KEYC_F2 }, { "\x1b[[C", KEYC_F3 },
        { "\x1b[[D", KEYC_F4 }, { "\x1b[[E", KEYC_F5 },
        { "\x1bOd", KEYC_WORD_LEFT }, { "\x1bOc", KEYC_WORD_RIGHT },   /* rxvt */
    };
    struct keyin k;
    struct keyin_event ev;
    (void)state;
    for (size_t i = 0; i < CC_ARRAY_LEN(table); i++) {
        keyin_init(&k, 0);
        keyin_feed(&k, table[i].seq, strlen(table[i].seq), 0);
        if (!keyin_next(&k, 0, &ev))
            fail_msg("no key for \\e%s", table[i].seq + 1);
        assert_int_equal(ev.kind, KEYIN_KEY);
        if (ev.key != table[i].key)
            fail_msg("\\e%s: got %d, want %d", table[i].seq + 1, ev.key, table[i].key);
        assert_int_equal(keyin_next(&k, 0, &ev), 0);
        assert_int_equal(keyin_timeout(&k, 0), -1);
        keyin_release(&k);
    }
}

static void test_end_as_tmux_sends_it(void **state)
{
    struct keyin k;
    struct keyin_event ev;
    (void)state;
    keyin_init(&k, 0);
    keyin_feed(&k, "\x1b[4~", 4, 0);
    assert_int_equal(keyin_next(&k, 0, &ev), 1);
    assert_int_equal(ev.kind, KEYIN_KEY);
    assert_int_equal(ev.key, KEYC_END);
    assert_int_equal(keyin_next(&k, 0, &ev), 0);
    assert_int_equal(keyin_timeout(&k, 0), -1);
    assert_int_equal(keyin_next(&k, 10000, &ev), 0);
    keyin_release(&k);
}

static void test_unknown_swallowed(void **state)
{
    (void)state;
    assert_string_equal(decode1("\x1b[99~"), "");
    assert_string_equal(decode1("\x1b[99~x"), "'x'");
    assert_string_equal(decode1("\x1b[?1;2cx"), "'x'");       /* device attributes */
    assert_string_equal(decode1("\x1b[Ix"), "'x'");           /* focus in */
    assert_string_equal(decode1("\x1b[Ox"), "'x'");           /* focus out */
    assert_string_equal(decode1("\x1b[<0;12;5Mx"), "'x'");    /* SGR mouse */
    assert_string_equal(decode1("\x1b[200;1$~x"), "'x'");     /* intermediate byte */
    assert_string_equal(decode1("\x1b[201~x"), "'x'");        /* paste end, no paste */
    assert_string_equal(decode1("\x1bOzx"), "'x'");
    assert_string_equal(decode1("\x1b[[Zx"), "'x'");
    assert_string_equal(decode1("\x1b[I\x1b[4~"), "End");
    assert_string_equal(decode1("\x1b[16~\x1b[22~\x1b[25~\x1b[0~"), "");
}

static void test_sequence_split(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\x1b[", 0), "");
    assert_int_equal(keyin_timeout(&k, 0), 100);
    assert_string_equal(feed(&k, "4~", 50), "End");
    assert_string_equal(feed(&k, "\x1b", 100), "");
    assert_string_equal(feed(&k, "[2", 110), "");
    assert_int_equal(keyin_timeout(&k, 150), 60);           /* 100 after the last byte */
    assert_string_equal(feed(&k, "4~", 200), "F12");
    assert_string_equal(feed(&k, "\x1b", 300), "");
    assert_string_equal(feed(&k, "[", 310), "");
    assert_string_equal(feed(&k, "1;5", 320), "");
    assert_string_equal(feed(&k, "C", 330), "C-Right");
    assert_string_equal(feed(&k, "\x1bO", 400), "");
    assert_string_equal(feed(&k, "P", 420), "F1");
    assert_string_equal(feed(&k, "\x1b[[", 500), "");
    assert_string_equal(feed(&k, "E", 520), "F5");
    keyin_release(&k);
}

static void test_sequence_split_timeout(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\x1b[1", 0), "");
    assert_string_equal(feed(&k, "5", 60), "");
    assert_int_equal(keyin_timeout(&k, 60), 100);
    assert_string_equal(drain(&k, 159), "");
    assert_string_equal(drain(&k, 160), "");          /* discarded, not letters */
    assert_int_equal(keyin_timeout(&k, 160), -1);
    assert_string_equal(feed(&k, "~", 170), "'~'");
    assert_string_equal(feed(&k, "\x1bO", 200), "");
    assert_string_equal(drain(&k, 300), "");
    assert_string_equal(feed(&k, "\x1b[[", 400), "");
    assert_string_equal(feed(&k, "A", 500), "'A'");   /* the feed decides the old tail first */
    keyin_release(&k);
}

static void test_sequence_aborted(void **state)
{
    (void)state;
    assert_string_equal(decode1("\x1b[1\x03"), "C-c");
    assert_string_equal(decode1("\x1b[1;\r"), "Enter");
    assert_string_equal(decode1("\x1b[\x7f"), "Backspace");
    assert_string_equal(decode1("\x1b[1\xc3\xa4"), "U+00E4");
    assert_string_equal(decode1("\x1b[12\xff" "a"), "'a'");
    assert_string_equal(decode1("\x1bO\r"), "Enter");
    assert_string_equal(decode1("\x1b[[\t"), "Tab");
    assert_string_equal(decode1("\x1b[1\x1b[A"), "Up");
    assert_string_equal(decode1("\x1b[\x1b"), "Esc");
}

static void test_sequence_overlong(void **state)
{
    struct keyin k;
    char seq[128];
    (void)state;
    /* 31 bytes is the most a key can be (an extra one); 32 is discarded */
    keyin_init(&k, 0);
    snprintf(seq, sizeof(seq), "\x1b[%s~", "11111111111111111111111111111");
    assert_int_equal(strlen(seq), 32);
    assert_int_equal(keyin_add_sequence(&k, seq, KEYC_F3), -1);
    assert_string_equal(feed(&k, seq, 0), "");
    snprintf(seq, sizeof(seq), "\x1b[%s~", "1111111111111111111111111111");
    assert_int_equal(strlen(seq), 31);
    assert_int_equal(keyin_add_sequence(&k, seq, KEYC_F3), 0);
    assert_string_equal(feed(&k, seq, 10), "F3");
    keyin_release(&k);
    snprintf(seq, sizeof(seq), "\x1b[%s4~x", "0000000000000000000000000");
    assert_int_equal(strlen(seq), 30);
    assert_string_equal(decode1(seq), "'x'");     /* unknown, but read whole */
    snprintf(seq, sizeof(seq), "\x1b[%s~yz", "1111111111111111111111111111111111111111");
    assert_string_equal(decode1(seq), "'y' 'z'");

    keyin_init(&k, 0);                          /* split: dropped as it comes */
    assert_string_equal(feed(&k, "\x1b[1111111111111111111111111111111111111111", 0), "");
    assert_int_equal(keyin_timeout(&k, 0), 100);
    assert_string_equal(feed(&k, "222222222222", 10), "");
    assert_string_equal(feed(&k, "2;3~y", 20), "'y'");
    assert_int_equal(keyin_timeout(&k, 20), -1);
    assert_string_equal(feed(&k, "\x1b[1111111111111111111111111111111111111111", 100), "");
    assert_string_equal(drain(&k, 200), "");
    assert_string_equal(feed(&k, "~", 210), "'~'");
    assert_string_equal(feed(&k, "\x1b[1111111111111111111111111111111111111111", 300), "");
    assert_string_equal(feed(&k, "1\r", 310), "Enter");
    keyin_release(&k);
}

static void test_modifiers(void **state)
{
    (void)state;
    assert_string_equal(decode1("\x1b[1;5C"), "C-Right");
    assert_string_equal(decode1("\x1b[1;5D"), "C-Left");
    assert_string_equal(decode1("\x1b[1;2C"), "Right");
    assert_string_equal(decode1("\x1b[1;2D"), "Left");
    assert_string_equal(decode1("\x1b[1;5A"), "Up");
    assert_string_equal(decode1("\x1b[1;2B"), "Down");
    assert_string_equal(decode1("\x1b[1;5H"), "Home");
    assert_string_equal(decode1("\x1b[1;2F"), "End");
    assert_string_equal(decode1("\x1b[5;5~"), "PgUp");
    assert_string_equal(decode1("\x1b[6;2~"), "PgDn");
    assert_string_equal(decode1("\x1b[3;5~"), "Delete");
    assert_string_equal(decode1("\x1b[15;2~"), "F5");
    assert_string_equal(decode1("\x1b[24;5~"), "F12");
    assert_string_equal(decode1("\x1b[1;2P"), "F1");      /* xterm's modified F1..F4 */
    assert_string_equal(decode1("\x1b[1;5S"), "F4");
    assert_string_equal(decode1("\x1b[;5C"), "C-Right");
    assert_string_equal(decode1("\x1b[1;1C"), "Right");
    /* Alt, Meta, combinations: swallowed */
    assert_string_equal(decode1("\x1b[1;3C"), "");
    assert_string_equal(decode1("\x1b[1;3D"), "");
    assert_string_equal(decode1("\x1b[1;6C"), "");
    assert_string_equal(decode1("\x1b[1;4A"), "");
    assert_string_equal(decode1("\x1b[1;7H"), "");
    assert_string_equal(decode1("\x1b[1;9A"), "");
    assert_string_equal(decode1("\x1b[5;3~"), "");
    assert_string_equal(decode1("\x1b[3;8~x"), "'x'");
    /* not a key of the table */
    assert_string_equal(decode1("\x1b[2;5Q"), "");
    assert_string_equal(decode1("\x1b[1;5j"), "");
    assert_string_equal(decode1("\x1b[99;5~"), "");
    assert_string_equal(decode1("\x1b[1;5;5C"), "");
}

/* ---- the editing keys as tmux sends them ----------------------------------- */

/* Each of the 25 keys the program binds beyond characters, in every form
 * tmux passes on under TERM=vt100, linux and xterm-256color (cursor keys in
 * normal and application mode, Home/End in their three styles, F1-F12 in
 * the CSI, SS3 and linux forms). */
static void test_editing_keys_tmux(void **state)
{
    static const struct {
        const char *seq;
        int key;
    } forms[] = {
        { "\x1b[A", KEYC_UP }, { "\x1bOA", KEYC_UP }, { "\x1b[B", KEYC_DOWN },
        { "\x1bOB", KEYC_DOWN }, { "\x1b[C", KEYC_RIGHT }, { "\x1bOC", KEYC_RIGHT },
        { "\x1b[D", KEYC_LEFT }, { "\x1bOD", KEYC_LEFT },
        { "\x1b[1~", KEYC_HOME }, { "\x1b[H", KEYC_HOME }, { "\x1bOH", KEYC_HOME },
        { "\x1b[4~", KEYC_END }, { "\x1b[F", KEYC_END }, { "\x1bOF", KEYC_END },
        { "\x1b[5~", KEYC_PGUP }, { "\x1b[6~", KEYC_PGDN },
        { "\x1b[2~", KEYC_INSERT }, { "\x1b[3~", KEYC_DELETE },
        { "\x1bOP", KEYC_F1 }, { "\x1b[11~", KEYC_F1 }, { "\x1b[[A", KEYC_F1 },
        { "\x1bOQ", KEYC_F2 }, { "\x1b[12~", KEYC_F2 }, { "\x1b[[B", KEYC_F2 },
        { "\x1bOR", KEYC_F3 }, { "\x1b[13~", KEYC_F3 }, { "\x1b[[C", KEYC_F3 },
        { "\x1bOS", KEYC_F4 }, { "\x1b[14~", KEYC_F4 }, { "\x1b[[D", KEYC_F4 },
        { "\x1b[15~", KEYC_F5 }, { "\x1b[[E", KEYC_F5 },
        { "\x1b[17~", KEYC_F6 }, { "\x1b[18~", KEYC_F7 }, { "\x1b[19~", KEYC_F8 },
        { "\x1b[20~", KEYC_F9 }, { "\x1b[21~", KEYC_F10 }, { "\x1b[23~", KEYC_F11 },
        { "\x1b[24~", KEYC_F12 },
        { "\x1b[Z", KEYC_BTAB }, { "\x1b[1;5D", KEYC_WORD_LEFT }, { "\x1b[1;5C", KEYC_WORD_RIGHT },
    };
    struct sbuf all, want;
    (void)state;
    sbuf_init(&all);
    sbuf_init(&want);
    for (size_t i = 0; i < CC_ARRAY_LEN(forms); i++) {
        const char *got1 = decode1(forms[i].seq);
        if (strcmp(got1, name_of(forms[i].key)) != 0)
            fail_msg("\\e%s: got \"%s\", want %s", forms[i].seq + 1, got1, name_of(forms[i].key));
        sbuf_adds(&all, forms[i].seq);
        if (want.len)
            sbuf_addc(&want, ' ');
        sbuf_adds(&want, name_of(forms[i].key));
    }
    /* all of them in one read (a key held down, a slow link) */
    assert_string_equal(decode1(all.buf), want.buf);
    sbuf_release(&all);
    sbuf_release(&want);
}

/* ---- rule 3: bracketed paste ----------------------------------------------- */

static void test_paste_one_feed(void **state)
{
    (void)state;
    assert_string_equal(decode1("\x1b[200~hello\r\nworld\rX\ny\x1b[201~"),
                        "paste1(\"hello\\nworld\\nX\\ny\")");
    assert_string_equal(decode1("a\x1b[200~q\x1b[A\x1b[201~b"), "'a' paste1(\"q\\x1b[A\") 'b'");
    assert_string_equal(decode1("\x1b[200~ab\xff" "c\xc3\x1b[201~"), "paste1(\"abc\")");
    assert_string_equal(decode1("\x1b[200~\xc3\xa4\t\x03\x1b[201~"), "paste1(\"\xc3\xa4\\t\\x03\")");
    assert_string_equal(decode1("\x1b[200~\x1b[200~x\x1b[201~"), "paste1(\"\\x1b[200~x\")");
    assert_string_equal(decode1("\x1b[200~\x1b[201~x"), "'x'");     /* empty: no event */
    assert_string_equal(decode1("\x1b[200~jjjj\x1b[201~\x1b[B"), "paste1(\"jjjj\") Down");
}

static void test_paste_nul_dropped(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feedn(&k, "\x1b[200~a\0b\r\0\n\x1b[201~", 18, 0), "paste1(\"ab\\n\\n\")");
    keyin_release(&k);
}

static void test_paste_split(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\x1b[20", 0), "");
    assert_string_equal(feed(&k, "0~he", 10), "");
    assert_int_equal(keyin_timeout(&k, 10), 500);
    assert_string_equal(feed(&k, "l\r", 20), "");
    assert_string_equal(feed(&k, "\nlo\xc3", 30), "");
    assert_string_equal(feed(&k, "\xa4\x1b", 40), "");
    assert_string_equal(feed(&k, "[2", 50), "");
    assert_string_equal(feed(&k, "01", 60), "");
    assert_int_equal(keyin_timeout(&k, 100), 460);
    assert_string_equal(feed(&k, "~x", 70), "paste1(\"hel\\nlo\xc3\xa4\") 'x'");
    assert_int_equal(keyin_timeout(&k, 70), -1);
    /* a marker prefix that turns out not to be one */
    assert_string_equal(feed(&k, "\x1b[200~a\x1b[2", 100), "");
    assert_string_equal(feed(&k, "02~b\x1b[201~", 110), "paste1(\"a\\x1b[202~b\")");
    keyin_release(&k);
}

static void test_paste_never_ended(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\x1b[200~abc", 0), "");
    assert_string_equal(feed(&k, "def\r", 100), "");
    assert_int_equal(keyin_timeout(&k, 100), 500);
    assert_int_equal(keyin_timeout(&k, 599), 1);
    assert_string_equal(drain(&k, 599), "");
    assert_string_equal(drain(&k, 600), "paste1(\"abcdef\\n\")");
    assert_int_equal(keyin_timeout(&k, 600), -1);
    assert_string_equal(feed(&k, "x", 610), "'x'");    /* paste mode ended */
    /* collected bytes of a marker and a cut character */
    assert_string_equal(feed(&k, "\x1b[200~z\x1b[20", 1000), "");
    assert_string_equal(drain(&k, 1500), "paste1(\"z\\x1b[20\")");
    assert_string_equal(feed(&k, "\x1b[200~z\xe2\x82", 2000), "");
    assert_string_equal(feed(&k, "j", 2600), "paste1(\"z\") 'j'");  /* a late feed decides first */
    keyin_release(&k);
}

static void test_paste_over_8mib(void **state)
{
    const size_t mib = (size_t)1 << 20;
    char *chunk = xmalloc(mib);
    struct keyin k;
    struct keyin_event ev;
    size_t sizes[4], n = 0;
    (void)state;
    memset(chunk, 'a', mib);
    keyin_init(&k, 0);
    keyin_feed(&k, "\x1b[200~", 6, 0);
    for (int i = 0; i < 17; i++) {           /* 17 MiB in 1 MiB reads */
        keyin_feed(&k, chunk, mib, i + 1);
        while (keyin_next(&k, i + 1, &ev)) {
            assert_int_equal(ev.kind, KEYIN_PASTE);
            assert_int_equal(ev.bracketed, 1);
            assert_true(n < 4);
            sizes[n++] = ev.len;
            assert_int_equal(strlen(ev.text), ev.len);
            free(ev.text);
        }
    }
    assert_int_equal(n, 2);                  /* two full pieces so far */
    keyin_feed(&k, "\x1b[201~", 6, 100);
    while (keyin_next(&k, 100, &ev)) {
        assert_true(n < 4);
        sizes[n++] = ev.len;
        free(ev.text);
    }
    assert_int_equal(n, 3);
    assert_int_equal(sizes[0], KEYIN_PASTE_MAX);
    assert_int_equal(sizes[1], KEYIN_PASTE_MAX);
    assert_int_equal(sizes[2], mib);

    /* a character is never cut: 8 MiB - 1 bytes of 'a', then "ä" */
    n = 0;
    keyin_feed(&k, "\x1b[200~", 6, 1000);
    for (int i = 0; i < 8; i++)
        keyin_feed(&k, chunk, i < 7 ? mib : mib - 1, 1001);
    keyin_feed(&k, "\xc3\xa4\x1b[201~", 8, 1002);
    while (keyin_next(&k, 1002, &ev)) {
        assert_true(n < 4);
        sizes[n] = ev.len;
        if (n++ == 1)
            assert_string_equal(ev.text, "\xc3\xa4");
        free(ev.text);
    }
    assert_int_equal(n, 2);
    assert_int_equal(sizes[0], KEYIN_PASTE_MAX - 1);
    keyin_release(&k);
    free(chunk);
}

/* ---- rule 4: Alt ----------------------------------------------------------- */

static void test_alt_swallowed(void **state)
{
    struct keyin k;
    (void)state;
    assert_string_equal(decode1("\x1bj"), "");
    assert_string_equal(decode1("\x1bjx"), "'x'");
    assert_string_equal(decode1("\x1b "), "");
    assert_string_equal(decode1("\x1b~"), "");
    assert_string_equal(decode1("\x1b\xc3\xa4x"), "'x'");
    assert_string_equal(decode1("\x1b\x1b[A"), "");
    assert_string_equal(decode1("\x1b\x1bOA"), "");
    assert_string_equal(decode1("\x1b\x1b[1;5C"), "");
    assert_string_equal(decode1("\x1b\x1b[99~x"), "'x'");
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\x1b", 0), "");
    assert_string_equal(feed(&k, "j", 10), "");          /* later, within the delay */
    assert_string_equal(feed(&k, "\x1b", 100), "");
    assert_string_equal(feed(&k, "j", 125), "Esc 'j'");  /* after it */
    assert_string_equal(feed(&k, "\x1b\x1b", 200), "");
    assert_string_equal(feed(&k, "[B", 210), "");
    keyin_release(&k);
}

static void test_esc_then_other(void **state)
{
    struct keyin k;
    (void)state;
    assert_string_equal(decode1("\x1b\r"), "Esc Enter");
    assert_string_equal(decode1("\x1b\x03"), "Esc C-c");
    assert_string_equal(decode1("\x1b\x7f"), "Esc Backspace");
    assert_string_equal(decode1("\x1b\t"), "Esc Tab");
    assert_string_equal(decode1("\x1b\xff" "x"), "Esc 'x'");
    assert_string_equal(decode1("\x1b\xc2\x85"), "Esc");
    assert_string_equal(decode1("\x1b\x1bx"), "Esc");                   /* then Alt-x */
    assert_string_equal(decode1("\x1b\x1b\r"), "Esc Esc Enter");
    assert_string_equal(decode1("\x1b\x1b[1\x03"), "Esc C-c");
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "\x1b\x1b", 0), "");                 /* two lone ones */
    assert_int_equal(keyin_timeout(&k, 0), 25);
    assert_string_equal(drain(&k, 25), "Esc Esc");
    assert_string_equal(feed(&k, "\x1b", 100), "");
    assert_string_equal(feed(&k, "\x03", 110), "Esc C-c");
    assert_string_equal(feed(&k, "\x1b\xc3", 200), "");                /* Alt + a cut char */
    assert_int_equal(keyin_timeout(&k, 200), 100);
    assert_string_equal(drain(&k, 300), "Esc");
    keyin_release(&k);
}

/* ---- rule 5: bursts -------------------------------------------------------- */

static void test_burst_basic(void **state)
{
    (void)state;
    assert_string_equal(decode1("nun ja q"), "paste0(\"nun ja q\")");
    assert_string_equal(decode1("ja"), "'j' 'a'");
    assert_string_equal(decode1("j"), "'j'");
    assert_string_equal(decode1("abc"), "paste0(\"abc\")");
    assert_string_equal(decode1("abc\r"), "paste0(\"abc\") Enter");
    assert_string_equal(decode1("abc\r\n"), "paste0(\"abc\") Enter");
    assert_string_equal(decode1("abc\n\n"), "paste0(\"abc\") Enter Enter");
    assert_string_equal(decode1("a\r\nb\tc\n\nd\re"), "paste0(\"a\\nb\\tc\\n\\nd\\ne\")");
    assert_string_equal(decode1("ab\tc"), "paste0(\"ab\\tc\")");
    assert_string_equal(decode1("a\tb"), "'a' Tab 'b'");
    assert_string_equal(decode1("\tabc\t"), "Tab paste0(\"abc\") Tab");
    assert_string_equal(decode1("\xc3\xa4\xc3\xb6\xc3\xbc"), "paste0(\"\xc3\xa4\xc3\xb6\xc3\xbc\")");
    assert_string_equal(decode1("ab\xff" "cd"), "paste0(\"abcd\")");   /* dropped inside */
    assert_string_equal(decode1("ab\xc2\x85" "c"), "paste0(\"abc\")");
    assert_string_equal(decode1("\x1b[Aabc\x03" "de\x1b[Bfgh\r\x1bOPxy"),
                        "Up paste0(\"abc\") C-c 'd' 'e' Down paste0(\"fgh\") Enter F1 'x' 'y'");
    assert_string_equal(decode1("ab\x7f" "cd"), "'a' 'b' Backspace 'c' 'd'");
    /* one key again and again is a key held down (auto-repeat, or presses
     * that waited in the terminal while the program was busy or the link
     * slow): keys, not a paste; but not blanks, which would cycle an answer */
    assert_string_equal(decode1("jjj"), "'j' 'j' 'j'");
    assert_string_equal(decode1("jjjj\r"), "'j' 'j' 'j' 'j' Enter");
    assert_string_equal(decode1("\xc3\xa4\xc3\xa4\xc3\xa4"), "U+00E4 U+00E4 U+00E4");
    assert_string_equal(decode1("jjk"), "paste0(\"jjk\")");
    assert_string_equal(decode1("jj\rj"), "paste0(\"jj\\nj\")");
    assert_string_equal(decode1("   "), "paste0(\"   \")");
}

static void test_burst_continues(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);
    assert_string_equal(feed(&k, "x", 0), "'x'");              /* no burst seen yet */
    assert_string_equal(feed(&k, "y", 5), "'y'");
    assert_string_equal(feed(&k, "abcdef", 100), "paste0(\"abcdef\")");
    assert_string_equal(feed(&k, "x", 130), "paste0(\"x\")");  /* within 30 ms */
    assert_string_equal(feed(&k, "y", 161), "'y'");            /* 31 ms after the last */
    assert_string_equal(feed(&k, "abc", 200), "paste0(\"abc\")");
    assert_string_equal(feed(&k, "x", 231), "'x'");
    assert_string_equal(feed(&k, "abc", 300), "paste0(\"abc\")");
    assert_string_equal(feed(&k, "\n\tde\r", 310), "paste0(\"\\n\\tde\") Enter");
    assert_string_equal(feed(&k, "f\xc3", 320), "paste0(\"f\")");
    assert_string_equal(feed(&k, "\xa4", 330), "paste0(\"\xc3\xa4\")");
    assert_string_equal(feed(&k, "x\x03", 340), "'x' C-c");   /* not only text */
    assert_string_equal(feed(&k, "\r", 350), "Enter");
    assert_string_equal(feed(&k, "abc", 400), "paste0(\"abc\")");
    assert_string_equal(feed(&k, "\x1b[A", 410), "Up");
    keyin_release(&k);
}

/* ---- extra sequences ------------------------------------------------------- */

static void test_extra_sequences(void **state)
{
    struct keyin k;
    char long_seq[40];
    (void)state;
    keyin_init(&k, 0);
    assert_int_equal(keyin_add_sequence(&k, "\x1b[4~", KEYC_HOME), 0);  /* wins */
    assert_int_equal(keyin_add_sequence(&k, "\x1b[I", KEYC_PGUP), 0);   /* cons25 */
    assert_int_equal(keyin_add_sequence(&k, "\x1b" "A", KEYC_UP), 0);   /* vt52 */
    assert_int_equal(keyin_add_sequence(&k, "\x1b" "AB", KEYC_F9), 0);
    assert_int_equal(keyin_add_sequence(&k, "\x1bO2P", KEYC_F1), 0);    /* not SS3 grammar */
    assert_int_equal(keyin_add_sequence(&k, "\x1b[Q", 'q'), 0);
    assert_string_equal(feed(&k, "\x1b[4~", 0), "Home");
    assert_string_equal(feed(&k, "\x1b[I\x1b[F", 10), "PgUp End");
    assert_string_equal(feed(&k, "\x1b" "AB", 20), "F9");
    assert_string_equal(feed(&k, "\x1b" "Ax", 30), "Up 'x'");
    assert_string_equal(feed(&k, "\x1b[Q", 40), "'q'");
    assert_string_equal(feed(&k, "\x1bO2P", 50), "F1");
    assert_string_equal(feed(&k, "\x1b" "A", 100), "");     /* may become ESC A B */
    assert_int_equal(keyin_timeout(&k, 100), 100);
    assert_string_equal(feed(&k, "B", 150), "F9");
    assert_string_equal(feed(&k, "\x1b" "A", 200), "");
    assert_string_equal(drain(&k, 300), "Up");
    assert_string_equal(feed(&k, "\x1bO2", 400), "");
    assert_string_equal(drain(&k, 500), "");               /* ESC O 2: an unknown SS3 */
    assert_int_equal(keyin_add_sequence(&k, "\x1b[4~", KEYC_F2), 0);    /* replaced */
    assert_string_equal(feed(&k, "\x1b[4~", 600), "F2");
    /* refused */
    assert_int_equal(keyin_add_sequence(&k, "A", KEYC_UP), -1);
    assert_int_equal(keyin_add_sequence(&k, "\x1b", KEYC_UP), -1);
    assert_int_equal(keyin_add_sequence(&k, "", KEYC_UP), -1);
    assert_int_equal(keyin_add_sequence(&k, NULL, KEYC_UP), -1);
    assert_int_equal(keyin_add_sequence(&k, "\x7f", KEYC_BACKSPACE), -1);
    assert_int_equal(keyin_add_sequence(&k, "\x1b[200~", KEYC_UP), -1);
    assert_int_equal(keyin_add_sequence(&k, "\x1b[201~", KEYC_UP), -1);
    assert_int_equal(keyin_add_sequence(&k, "\x1b[9~", KEYC_MAX), -1);
    assert_int_equal(keyin_add_sequence(&k, "\x1b[9~", 0x7f), -1);
    assert_int_equal(keyin_add_sequence(&k, "\x1b[9~", -1), -1);
    memset(long_seq, '1', sizeof(long_seq));
    long_seq[0] = '\x1b';
    long_seq[1] = '[';
    long_seq[31] = '\0';
    assert_int_equal(keyin_add_sequence(&k, long_seq, KEYC_F3), 0);     /* 31 bytes */
    long_seq[31] = '~';
    long_seq[32] = '\0';
    assert_int_equal(keyin_add_sequence(&k, long_seq, KEYC_F3), -1);    /* 32 */
    assert_string_equal(feed(&k, "\x1b[200~x\x1b[201~", 700), "paste1(\"x\")");
    keyin_release(&k);
}

/* ---- rule 6: order, timeouts, memory -------------------------------------- */

static void test_order_mixed(void **state)
{
    (void)state;
    assert_string_equal(decode1("q\x1b[5~hello\x1b[200~p\x1b[201~\r\x1bOBxyz\x1b"),
                        "'q' PgUp paste0(\"hello\") paste1(\"p\") Enter Down paste0(\"xyz\") Esc");
}

static void test_timeout_states(void **state)
{
    static const char overlong[] = "\x1b[1111111111111111111111111111111111111";
    struct keyin k;
    struct keyin_event ev;
    (void)state;
    keyin_init(&k, 40);
    assert_int_equal(keyin_timeout(&k, 0), -1);                  /* nothing */
    keyin_feed(&k, "x", 1, 0);
    assert_int_equal(keyin_timeout(&k, 0), 0);                   /* an event ready */
    assert_string_equal(drain(&k, 0), "'x'");
    assert_int_equal(keyin_timeout(&k, 0), -1);
    keyin_feed(&k, "\x1b", 1, 10);
    assert_int_equal(keyin_timeout(&k, 10), 40);                 /* lone ESC */
    assert_int_equal(keyin_timeout(&k, 5), 40);                  /* clock before the feed */
    assert_int_equal(keyin_timeout(&k, 49), 1);
    assert_int_equal(keyin_timeout(&k, 80), 0);
    assert_string_equal(drain(&k, 80), "Esc");
    keyin_feed(&k, "\x1b[", 2, 100);
    assert_int_equal(keyin_timeout(&k, 130), 70);                /* unfinished sequence */
    assert_string_equal(drain(&k, 200), "");
    keyin_feed(&k, "\xf0\x9f", 2, 300);
    assert_int_equal(keyin_timeout(&k, 300), 100);               /* unfinished character */
    assert_string_equal(drain(&k, 400), "");
    keyin_feed(&k, "\x1b[200~a", 7, 500);
    assert_int_equal(keyin_timeout(&k, 700), 300);               /* paste */
    assert_string_equal(drain(&k, 1000), "paste1(\"a\")");
    keyin_feed(&k, overlong, strlen(overlong), 2000);
    assert_int_equal(keyin_timeout(&k, 2000), 100);              /* overlong, dropping */
    assert_int_equal(keyin_next(&k, 2100, &ev), 0);
    assert_int_equal(keyin_timeout(&k, 2100), -1);
    keyin_feed(&k, "\x1b" "ab", 3, 3000);
    assert_int_equal(keyin_timeout(&k, 3000), 0);
    assert_string_equal(drain(&k, 3000), "'b'");
    keyin_release(&k);
}

static void test_release_pending(void **state)
{
    struct keyin k;
    (void)state;
    keyin_init(&k, 0);                                 /* half a paste */
    assert_int_equal(keyin_add_sequence(&k, "\x1bZ", KEYC_F1), 0);
    feed_str(&k, "\x1b[200~some text that is never ended", 0);
    keyin_release(&k);
    keyin_init(&k, 0);                                 /* events never taken */
    feed_str(&k, "abcdef\x1b[200~xyz\x1b[201~\x1b[A\x1b[", 0);
    keyin_release(&k);
    keyin_init(&k, 0);                                 /* a piece queued, the rest collected */
    {
        char *big = xmalloc(KEYIN_PASTE_MAX + 10);
        memset(big, 'b', KEYIN_PASTE_MAX + 10);
        keyin_feed(&k, "\x1b[200~", 6, 0);
        keyin_feed(&k, big, KEYIN_PASTE_MAX + 10, 1);
        free(big);
    }
    keyin_release(&k);
    keyin_init(&k, 0);                                 /* initialised again after release */
    assert_string_equal(feed(&k, "\x1b[B", 0), "Down");
    keyin_release(&k);
}

static void test_locale_ignored(void **state)
{
    (void)state;
    /* main() runs everything in the C locale; say so here too */
    assert_string_equal(setlocale(LC_CTYPE, NULL), "C");
    assert_string_equal(decode1("\xc3\xbc"), "U+00FC");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_keys),
        cmocka_unit_test(test_utf8_split),
        cmocka_unit_test(test_utf8_invalid),
        cmocka_unit_test(test_utf8_refused_early),
        cmocka_unit_test(test_utf8_unfinished_dropped),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_nul_ignored),
        cmocka_unit_test(test_crlf_same_feed_only),
        cmocka_unit_test(test_lone_esc_delay),
        cmocka_unit_test(test_esc_then_sequence_later),
        cmocka_unit_test(test_builtin_table),
        cmocka_unit_test(test_end_as_tmux_sends_it),
        cmocka_unit_test(test_unknown_swallowed),
        cmocka_unit_test(test_sequence_split),
        cmocka_unit_test(test_sequence_split_timeout),
        cmocka_unit_test(test_sequence_aborted),
        cmocka_unit_test(test_sequence_overlong),
        cmocka_unit_test(test_modifiers),
        cmocka_unit_test(test_editing_keys_tmux),
        cmocka_unit_test(test_paste_one_feed),
        cmocka_unit_test(test_paste_nul_dropped),
        cmocka_unit_test(test_paste_split),
        cmocka_unit_test(test_paste_never_ended),
        cmocka_unit_test(test_paste_over_8mib),
        cmocka_unit_test(test_alt_swallowed),
        cmocka_unit_test(test_esc_then_other),
        cmocka_unit_test(test_burst_basic),
        cmocka_unit_test(test_burst_continues),
        cmocka_unit_test(test_extra_sequences),
        cmocka_unit_test(test_order_mixed),
        cmocka_unit_test(test_timeout_states),
        cmocka_unit_test(test_release_pending),
        cmocka_unit_test(test_locale_ignored),
    };
    setlocale(LC_ALL, "C");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
