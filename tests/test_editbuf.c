/* test_editbuf.c — the inline editor's text buffer: insertion and sanitising
 * of pasted text, whole-character moves and deletions (UTF-8, combining
 * marks, wide CJK), word moves, Home/End, word-wrap layout, the cursor's
 * row/column at wrap points, up/down with a goal column, the dirty flag and a
 * 256 KiB text.  Runs in C.UTF-8 so that wcwidth knows CJK widths. */
#include "testutil.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "editbuf.h"
#include "textutil.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

static void ins(struct editbuf *eb, const char *s)
{
    editbuf_insert(eb, s, strlen(s));
}

static void type_cps(struct editbuf *eb, const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        editbuf_insert_char(eb, cps[i]);
}

static size_t row_at(const struct editbuf *eb, size_t width)
{
    size_t row, col;
    editbuf_cursor_rowcol(eb, width, &row, &col);
    return row;
}

static size_t col_at(const struct editbuf *eb, size_t width)
{
    size_t row, col;
    editbuf_cursor_rowcol(eb, width, &row, &col);
    return col;
}

/* Asserts that text laid out at width gives exactly the n ranges in want
 * (pairs start, end). */
static void check_layout(const char *text, size_t width, const size_t *want, size_t n)
{
    struct edit_line *lines = NULL;
    size_t got = edit_layout(text, width, &lines);
    assert_non_null(lines);
    if (got != n) {
        for (size_t i = 0; i < got; i++)
            print_message("line %zu: [%zu, %zu)\n", i, lines[i].start, lines[i].end);
    }
    assert_int_equal(got, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(lines[i].start, want[2 * i]);
        assert_int_equal(lines[i].end, want[2 * i + 1]);
    }
    free(lines);
}

/* ---- insertion ---------------------------------------------------------- */

static void test_insert_positions(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, NULL);
    assert_string_equal(eb.text, "");
    assert_int_equal(eb.len, 0);
    assert_int_equal(eb.cursor, 0);
    editbuf_release(&eb);

    editbuf_init(&eb, "bd");
    assert_int_equal(eb.cursor, 2); /* a new editor starts at the end */
    editbuf_text_start(&eb);
    assert_int_equal(editbuf_insert(&eb, "a", 1), 1);
    assert_string_equal(eb.text, "abd");
    assert_int_equal(eb.cursor, 1);
    editbuf_right(&eb);
    ins(&eb, "c");
    assert_string_equal(eb.text, "abcd");
    assert_int_equal(eb.cursor, 3);
    editbuf_text_end(&eb);
    assert_int_equal(editbuf_insert(&eb, "ef", 2), 2);
    assert_string_equal(eb.text, "abcdef");
    assert_int_equal(eb.cursor, 6);
    assert_int_equal(eb.len, 6);
    assert_true(eb.cap > eb.len);
    editbuf_release(&eb);
}

static void test_insert_grows(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "");
    for (int i = 0; i < 1000; i++)
        editbuf_insert_char(&eb, (uint32_t)('a' + i % 26));
    assert_int_equal(eb.len, 1000);
    assert_int_equal(eb.cursor, 1000);
    assert_int_equal(strlen(eb.text), 1000);
    assert_int_equal(eb.text[999], 'a' + 999 % 26);
    editbuf_release(&eb);
}

static void test_umlauts_backspace(void **state)
{
    static const uint32_t gruesse[] = { 'G', 'r', 0xfc, 0xdf, 'e' };
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "");
    type_cps(&eb, gruesse, CC_ARRAY_LEN(gruesse));
    assert_string_equal(eb.text, "Grüße");
    assert_int_equal(eb.len, 7);
    assert_int_equal(eb.cursor, 7);
    assert_int_equal(col_at(&eb, 40), 5);
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "Grüß");
    assert_int_equal(eb.cursor, 6);
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "Grü");
    assert_int_equal(eb.cursor, 4);
    editbuf_left(&eb); /* over ü: two bytes */
    assert_int_equal(eb.cursor, 2);
    editbuf_delete(&eb);
    assert_string_equal(eb.text, "Gr");
    editbuf_backspace(&eb);
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "");
    editbuf_backspace(&eb); /* nothing left: harmless */
    assert_int_equal(eb.len, 0);
    assert_int_equal(eb.cursor, 0);
    editbuf_release(&eb);
}

static void test_cjk_width(void **state)
{
    struct edit_line *lines;
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "");
    editbuf_insert_char(&eb, 0x4e2d);
    editbuf_insert_char(&eb, 0x6587);
    assert_string_equal(eb.text, "中文");
    assert_int_equal(eb.len, 6);
    assert_int_equal(col_at(&eb, 40), 4);
    editbuf_left(&eb);
    assert_int_equal(eb.cursor, 3);
    assert_int_equal(col_at(&eb, 40), 2);
    editbuf_left(&eb);
    assert_int_equal(col_at(&eb, 40), 0);
    editbuf_right(&eb);
    editbuf_right(&eb);
    assert_int_equal(eb.cursor, 6);
    /* 4 columns fit in 4 */
    assert_int_equal(edit_layout(eb.text, 4, &lines), 1);
    free(lines);
    /* but not in 3: the second character goes down whole */
    check_layout(eb.text, 3, (const size_t[]){ 0, 3, 3, 6 }, 2);
    editbuf_release(&eb);
}

static void test_combining_mark(void **state)
{
    struct editbuf eb;
    (void)state;
    /* "e" + U+0301 COMBINING ACUTE ACCENT, then "x" */
    editbuf_init(&eb, "e\xcc\x81x");
    editbuf_text_start(&eb);
    editbuf_right(&eb);
    assert_int_equal(eb.cursor, 3); /* over e and its mark */
    assert_int_equal(col_at(&eb, 20), 1);
    editbuf_right(&eb);
    assert_int_equal(eb.cursor, 4);
    editbuf_left(&eb);
    editbuf_left(&eb);
    assert_int_equal(eb.cursor, 0);
    editbuf_delete(&eb); /* removes e and the mark together */
    assert_string_equal(eb.text, "x");
    editbuf_release(&eb);

    editbuf_init(&eb, "ae\xcc\x81");
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "a");
    assert_int_equal(eb.cursor, 1);
    /* typing the mark after a base joins it: one character again */
    editbuf_insert_char(&eb, 'e');
    editbuf_insert_char(&eb, 0x301);
    assert_string_equal(eb.text, "ae\xcc\x81");
    assert_int_equal(eb.cursor, 4);
    assert_int_equal(col_at(&eb, 20), 2);
    editbuf_left(&eb);
    assert_int_equal(eb.cursor, 1);
    editbuf_release(&eb);

    /* a mark left alone at the start; typing a base before it joins them and
     * the cursor goes past the mark, never inside the character */
    editbuf_init(&eb, "\xcc\x81");
    editbuf_text_start(&eb);
    editbuf_insert_char(&eb, 'e');
    assert_string_equal(eb.text, "e\xcc\x81");
    assert_int_equal(eb.cursor, 3);
    editbuf_release(&eb);

    /* a lone mark after a line break does not take the '\n' with it */
    editbuf_init(&eb, "a\n\xcc\x81");
    editbuf_left(&eb);
    assert_int_equal(eb.cursor, 2);
    editbuf_text_end(&eb);
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "a\n");
    editbuf_release(&eb);

    /* joining lines can attach a mark to the character before: the cursor
     * still ends on a character boundary */
    editbuf_init(&eb, "a\n\xcc\x81z");
    editbuf_text_start(&eb);
    editbuf_right(&eb);
    editbuf_right(&eb);
    assert_int_equal(eb.cursor, 2); /* the lone mark is its own character */
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "a\xcc\x81z");
    assert_int_equal(eb.cursor, 3);
    editbuf_release(&eb);

    /* the layout never separates a mark from its base */
    check_layout("abcdefghie\xcc\x81x", 10, (const size_t[]){ 0, 12, 12, 13 }, 2);
}

static void test_paste_sanitised(void **state)
{
    struct editbuf eb;
    size_t n;
    (void)state;
    editbuf_init(&eb, "");
    /* CRLF and lone CR become LF; ESC, BEL, NUL, C1 CSI, a bidi override and
     * an invalid byte are dropped */
    {
        static const char paste[] = "a\r\nb\rc\x1b[31md\x07" "e\0f\xc2\x9bg\xe2\x80\xaeh\xffi";
        n = editbuf_insert(&eb, paste, sizeof(paste) - 1);
    }
    assert_string_equal(eb.text, "a\nb\nc[31mdefghi");
    assert_int_equal(n, strlen("a\nb\nc[31mdefghi"));
    assert_int_equal(eb.cursor, eb.len);
    editbuf_release(&eb);

    /* tabs go to the next multiple of 4 columns of the logical line */
    editbuf_init(&eb, "");
    ins(&eb, "\tx\nab\tc\nabcd\te\n\xe4\xb8\xad\tz");
    assert_string_equal(eb.text, "    x\nab  c\nabcd    e\n\xe4\xb8\xad  z");
    editbuf_release(&eb);
    editbuf_init(&eb, "first\nab"); /* the column counts text already there */
    ins(&eb, "\t|");
    assert_string_equal(eb.text, "first\nab  |");
    editbuf_release(&eb);

    /* a sequence cut off by len is dropped, never read beyond len */
    editbuf_init(&eb, "");
    {
        static const char s[] = "x\xe4\xb8\xad";
        assert_int_equal(editbuf_insert(&eb, s, 3), 1);
    }
    assert_string_equal(eb.text, "x");
    editbuf_release(&eb);

    /* typed keys: controls other than '\n' are ignored */
    editbuf_init(&eb, "");
    editbuf_insert_char(&eb, '\t');
    editbuf_insert_char(&eb, 0x1b);
    editbuf_insert_char(&eb, '\r');
    editbuf_insert_char(&eb, 0x7f);
    editbuf_insert_char(&eb, 0xd800);   /* surrogate */
    editbuf_insert_char(&eb, 0x110000); /* out of range */
    assert_int_equal(eb.len, 0);
    assert_int_equal(eb.dirty, 0);
    editbuf_insert_char(&eb, 'a');
    editbuf_insert_char(&eb, '\n');
    editbuf_insert_char(&eb, 0x263a);
    assert_string_equal(eb.text, "a\n\xe2\x98\xba");
    editbuf_release(&eb);
}

/* ---- moves -------------------------------------------------------------- */

static void test_word_moves(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "foo, bar  baz");
    editbuf_text_start(&eb);
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, 5);  /* "bar" */
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, 10); /* "baz" */
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, 13); /* end */
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, 13);
    editbuf_word_left(&eb);
    assert_int_equal(eb.cursor, 10);
    editbuf_word_left(&eb);
    assert_int_equal(eb.cursor, 5);
    editbuf_word_left(&eb);
    assert_int_equal(eb.cursor, 0);
    editbuf_word_left(&eb);
    assert_int_equal(eb.cursor, 0);
    /* from inside a word: to its start, and to the next word's start */
    eb.cursor = 7;
    editbuf_word_left(&eb);
    assert_int_equal(eb.cursor, 5);
    eb.cursor = 6;
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, 10);
    editbuf_release(&eb);

    /* umlauts and CJK are word characters; punctuation is not; newlines are
     * crossed */
    editbuf_init(&eb, "Grüße, 中文 x\n(y)");
    editbuf_text_start(&eb);
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, strlen("Grüße, "));
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, strlen("Grüße, 中文 "));
    editbuf_word_right(&eb);
    assert_int_equal(eb.cursor, strlen("Grüße, 中文 x\n("));
    editbuf_word_left(&eb);
    assert_int_equal(eb.cursor, strlen("Grüße, 中文 "));
    editbuf_text_end(&eb);
    editbuf_word_left(&eb);
    assert_int_equal(eb.cursor, strlen("Grüße, 中文 x\n("));
    editbuf_release(&eb);
}

static void test_home_end(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "first line\nsecond\nthird");
    eb.cursor = 14; /* "sec|ond" */
    editbuf_line_start(&eb);
    assert_int_equal(eb.cursor, 11);
    editbuf_line_start(&eb);
    assert_int_equal(eb.cursor, 11);
    editbuf_line_end(&eb);
    assert_int_equal(eb.cursor, 17);
    editbuf_line_end(&eb);
    assert_int_equal(eb.cursor, 17);
    eb.cursor = 3;
    editbuf_line_end(&eb);
    assert_int_equal(eb.cursor, 10);
    editbuf_line_start(&eb);
    assert_int_equal(eb.cursor, 0);
    eb.cursor = 20;
    editbuf_line_end(&eb);
    assert_int_equal(eb.cursor, eb.len);
    editbuf_line_start(&eb);
    assert_int_equal(eb.cursor, 18);
    editbuf_text_start(&eb);
    assert_int_equal(eb.cursor, 0);
    editbuf_text_end(&eb);
    assert_int_equal(eb.cursor, eb.len);
    editbuf_release(&eb);

    /* Home/End are logical: a line wrapped on screen is one line */
    editbuf_init(&eb, "alpha beta gamma\nx");
    eb.cursor = 13;
    editbuf_line_start(&eb);
    assert_int_equal(eb.cursor, 0);
    editbuf_line_end(&eb);
    assert_int_equal(eb.cursor, 16);
    /* an empty line */
    editbuf_release(&eb);
    editbuf_init(&eb, "a\n\nb");
    eb.cursor = 2;
    editbuf_line_start(&eb);
    assert_int_equal(eb.cursor, 2);
    editbuf_line_end(&eb);
    assert_int_equal(eb.cursor, 2);
    editbuf_release(&eb);
}

/* ---- layout ------------------------------------------------------------- */

static void test_layout_words(void **state)
{
    (void)state;
    /* spaces at a wrap point stay on the upper line, even past the width
     * ("jumps over " is 11 columns) */
    check_layout("The quick brown fox jumps over the lazy dog", 10,
                 (const size_t[]){ 0, 10, 10, 20, 20, 31, 31, 40, 40, 43 }, 5);
    /* a word that fits exactly */
    check_layout("abcdefghij klm", 10, (const size_t[]){ 0, 11, 11, 14 }, 2);
    /* empty text: one empty line */
    check_layout("", 10, (const size_t[]){ 0, 0 }, 1);
}

static void test_layout_long_word(void **state)
{
    (void)state;
    /* moved to its own line, then broken by character */
    check_layout("ab abcdefghijklmnop", 10, (const size_t[]){ 0, 3, 3, 13, 13, 19 }, 3);
    check_layout("abcdefghijklmnopqrstuvwxyz", 10,
                 (const size_t[]){ 0, 10, 10, 20, 20, 26 }, 3);
    /* umlauts count one column, not two bytes */
    check_layout("üüüüüüüüüüü", 10, (const size_t[]){ 0, 20, 20, 22 }, 2);
}

static void test_layout_wide_edge(void **state)
{
    (void)state;
    /* 9 columns + a wide character: it goes down whole */
    check_layout("abcdefghi中x", 10, (const size_t[]){ 0, 9, 9, 13 }, 2);
    /* exactly at the edge it stays */
    check_layout("abcdefgh中x", 10, (const size_t[]){ 0, 11, 11, 12 }, 2);
    /* CJK without spaces wraps by character; odd width leaves a gap */
    check_layout("中文中文中文", 5, (const size_t[]){ 0, 6, 6, 12, 12, 18 }, 3);
}

static void test_layout_newlines(void **state)
{
    (void)state;
    check_layout("a\n\nb", 10, (const size_t[]){ 0, 1, 2, 2, 3, 4 }, 3);
    check_layout("ab\n", 10, (const size_t[]){ 0, 2, 3, 3 }, 2);
    check_layout("\n", 10, (const size_t[]){ 0, 0, 1, 1 }, 2);
    check_layout("ab\n\n", 10, (const size_t[]){ 0, 2, 3, 3, 4, 4 }, 3);
    /* a wrapped line followed by another logical line */
    check_layout("hello world\nx", 8, (const size_t[]){ 0, 6, 6, 11, 12, 13 }, 3);
}

static void test_cursor_rowcol(void **state)
{
    struct editbuf eb;
    size_t row = 99, col = 99;
    (void)state;
    editbuf_init(&eb, "hello world"); /* at 8: "hello " | "world" */
    eb.cursor = 5;
    editbuf_cursor_rowcol(&eb, 8, &row, &col);
    assert_int_equal(row, 0);
    assert_int_equal(col, 5);
    eb.cursor = 6; /* the wrap point: start of the next line */
    editbuf_cursor_rowcol(&eb, 8, &row, &col);
    assert_int_equal(row, 1);
    assert_int_equal(col, 0);
    eb.cursor = 11;
    editbuf_cursor_rowcol(&eb, 8, &row, &col);
    assert_int_equal(row, 1);
    assert_int_equal(col, 5);
    /* wide enough: one line */
    editbuf_cursor_rowcol(&eb, 20, &row, &col);
    assert_int_equal(row, 0);
    assert_int_equal(col, 11);
    editbuf_release(&eb);

    /* at the very end of a full line the cursor stays on it */
    editbuf_init(&eb, "aaaaaaaaaa");
    assert_int_equal(row_at(&eb, 10), 0);
    assert_int_equal(col_at(&eb, 10), 10);
    ins(&eb, "b"); /* now the same offset is a wrap point */
    eb.cursor = 10;
    assert_int_equal(row_at(&eb, 10), 1);
    assert_int_equal(col_at(&eb, 10), 0);
    editbuf_release(&eb);

    /* wide character pushed down; empty lines; trailing newline */
    editbuf_init(&eb, "abcdefghi中");
    eb.cursor = 9;
    assert_int_equal(row_at(&eb, 10), 1);
    assert_int_equal(col_at(&eb, 10), 0);
    editbuf_text_end(&eb);
    assert_int_equal(col_at(&eb, 10), 2);
    editbuf_release(&eb);
    editbuf_init(&eb, "a\n\nb");
    eb.cursor = 2;
    assert_int_equal(row_at(&eb, 10), 1);
    assert_int_equal(col_at(&eb, 10), 0);
    eb.cursor = 1; /* before the first '\n' */
    assert_int_equal(row_at(&eb, 10), 0);
    assert_int_equal(col_at(&eb, 10), 1);
    editbuf_release(&eb);
    editbuf_init(&eb, "ab\n");
    assert_int_equal(row_at(&eb, 10), 1);
    assert_int_equal(col_at(&eb, 10), 0);
    editbuf_release(&eb);
}

/* ---- up/down ------------------------------------------------------------ */

static void test_updown_short_line(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "abcdefgh\nab\nabcdefgh");
    eb.cursor = 6;
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 11); /* end of "ab" */
    assert_true(eb.has_goal);
    assert_int_equal(eb.goal_col, 6);
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 18); /* column 6 again */
    editbuf_down(&eb, 20);           /* last line: stays */
    assert_int_equal(eb.cursor, 18);
    editbuf_up(&eb, 20);
    assert_int_equal(eb.cursor, 11);
    editbuf_up(&eb, 20);
    assert_int_equal(eb.cursor, 6);
    editbuf_up(&eb, 20); /* first line: stays */
    assert_int_equal(eb.cursor, 6);

    /* a horizontal move resets the goal */
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 11);
    editbuf_left(&eb);
    assert_false(eb.has_goal);
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 13); /* column 1, not 6 */

    /* so does an edit */
    eb.cursor = 6;
    eb.has_goal = 0;
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 11);
    ins(&eb, "c");
    assert_false(eb.has_goal);
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 13 + 3); /* column 3 of the last line */
    editbuf_release(&eb);
}

static void test_updown_cjk(void **state)
{
    struct editbuf eb;
    (void)state;
    /* "中文字" is 9 bytes and 6 columns */
    editbuf_init(&eb, "abcdef\n中文字\nabcdef");
    eb.cursor = 3;
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 7 + 3); /* 文 holds columns 2-3 */
    assert_int_equal(col_at(&eb, 20), 2);
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 17 + 3); /* goal 3 kept */
    editbuf_up(&eb, 20);
    assert_int_equal(eb.cursor, 10);
    editbuf_up(&eb, 20);
    assert_int_equal(eb.cursor, 3);
    /* goal on the first half of a wide character */
    eb.cursor = 4;
    eb.has_goal = 0;
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 7 + 6); /* 字: columns 4-5 */
    editbuf_release(&eb);
    /* past the end of the CJK line */
    editbuf_init(&eb, "abcdefgh\n中文\nabcdefgh");
    eb.cursor = 7;
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 15);
    editbuf_down(&eb, 20);
    assert_int_equal(eb.cursor, 16 + 7);
    editbuf_release(&eb);
}

static void test_updown_wrapped(void **state)
{
    struct editbuf eb;
    size_t row, col;
    (void)state;
    /* at 8: "ab " | "cdefghij" */
    editbuf_init(&eb, "ab cdefghij");
    editbuf_down(&eb, 8); /* last row: stays */
    assert_int_equal(eb.cursor, 11);
    editbuf_up(&eb, 8);
    /* the upper line is shorter: land at its end, which is before the
     * hanging space (the wrap point itself would be the next row) */
    editbuf_cursor_rowcol(&eb, 8, &row, &col);
    assert_int_equal(row, 0);
    assert_int_equal(eb.cursor, 2);
    editbuf_down(&eb, 8);
    assert_int_equal(eb.cursor, 11); /* goal 8 kept: back to the end */
    eb.cursor = 4;                   /* "c|d": column 1 of row 1 */
    eb.has_goal = 0;
    editbuf_up(&eb, 8);
    assert_int_equal(eb.cursor, 1);
    editbuf_down(&eb, 8);
    assert_int_equal(eb.cursor, 4);
    editbuf_release(&eb);
}

/* ---- deletion and dirty flag -------------------------------------------- */

static void test_delete_word_back(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "foo, bar  baz");
    editbuf_delete_word_back(&eb);
    assert_string_equal(eb.text, "foo, bar  ");
    assert_int_equal(eb.cursor, 10);
    editbuf_delete_word_back(&eb);
    assert_string_equal(eb.text, "foo, ");
    editbuf_delete_word_back(&eb);
    assert_string_equal(eb.text, "");
    assert_int_equal(eb.cursor, 0);
    editbuf_release(&eb);

    editbuf_init(&eb, "hello wörld!");
    eb.cursor = 9; /* "wö|rld" */
    editbuf_delete_word_back(&eb);
    assert_string_equal(eb.text, "hello rld!");
    assert_int_equal(eb.cursor, 6);
    editbuf_text_start(&eb);
    editbuf_clear_dirty(&eb);
    editbuf_delete_word_back(&eb); /* at the start: nothing */
    assert_string_equal(eb.text, "hello rld!");
    assert_int_equal(eb.dirty, 0);
    editbuf_release(&eb);

    editbuf_init(&eb, "中文 字");
    editbuf_delete_word_back(&eb);
    assert_string_equal(eb.text, "中文 ");
    editbuf_release(&eb);
}

/* The line-editing actions of the key map, as the editor, the prompts and
 * the forms use them: one set, the vertical moves only where there are lines. */
static void test_apply_actions(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "eins zwei\ndrei vier");
    editbuf_text_start(&eb);
    assert_int_equal(editbuf_apply(&eb, ACT_WORD_RIGHT, 40, 5, 1), 1);
    assert_int_equal(eb.cursor, 5);    /* "eins |zwei" */
    assert_int_equal(editbuf_apply(&eb, ACT_CHAR_RIGHT, 40, 5, 1), 1);
    assert_int_equal(eb.cursor, 6);
    assert_int_equal(editbuf_apply(&eb, ACT_LINE_DOWN, 40, 5, 1), 1);
    assert_int_equal(eb.cursor, 16);   /* "drei v|ier": the column kept */
    assert_int_equal(editbuf_apply(&eb, ACT_CLEAR_LINE, 40, 5, 1), 1);
    assert_string_equal(eb.text, "eins zwei\nier");
    assert_int_equal(eb.cursor, 10);
    assert_int_equal(editbuf_apply(&eb, ACT_LINE_END, 40, 5, 1), 1);
    assert_int_equal(editbuf_apply(&eb, ACT_DELETE_WORD, 40, 5, 1), 1);
    assert_string_equal(eb.text, "eins zwei\n");
    assert_int_equal(editbuf_apply(&eb, ACT_DELETE_BACK, 40, 5, 1), 1);
    assert_string_equal(eb.text, "eins zwei");
    assert_int_equal(editbuf_apply(&eb, ACT_TEXT_PAGE_UP, 40, 5, 1), 1);
    assert_int_equal(editbuf_apply(&eb, ACT_LINE_START, 40, 5, 1), 1);
    assert_int_equal(eb.cursor, 0);
    assert_int_equal(editbuf_apply(&eb, ACT_DELETE_FORWARD, 40, 5, 1), 1);
    assert_string_equal(eb.text, "ins zwei");
    assert_int_equal(editbuf_apply(&eb, ACT_WORD_LEFT, 40, 5, 1), 1);
    assert_int_equal(eb.cursor, 0);
    assert_int_equal(editbuf_apply(&eb, ACT_CHAR_LEFT, 40, 5, 1), 1);
    assert_int_equal(eb.cursor, 0);
    /* a one-line prompt leaves the vertical moves to its screen */
    assert_int_equal(editbuf_apply(&eb, ACT_LINE_UP, 40, 5, 0), 0);
    assert_int_equal(editbuf_apply(&eb, ACT_TEXT_PAGE_DOWN, 40, 5, 0), 0);
    /* and nothing that is not a line-editing action */
    assert_int_equal(editbuf_apply(&eb, ACT_NEW_LINE, 40, 5, 1), 0);
    assert_int_equal(editbuf_apply(&eb, ACT_EDIT_DONE, 40, 5, 1), 0);
    assert_int_equal(editbuf_apply(&eb, ACT_QUIT, 40, 5, 0), 0);
    assert_string_equal(eb.text, "ins zwei");
    editbuf_release(&eb);
}

static void test_dirty(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "abc");
    assert_int_equal(eb.dirty, 0);
    editbuf_left(&eb);
    editbuf_word_left(&eb);
    editbuf_line_end(&eb);
    editbuf_up(&eb, 10);
    editbuf_down(&eb, 10);
    assert_int_equal(eb.dirty, 0);
    editbuf_delete(&eb); /* at the end: nothing */
    assert_int_equal(eb.dirty, 0);
    assert_int_equal(editbuf_insert(&eb, "\x1b\x07", 2), 0);
    assert_int_equal(eb.dirty, 0);
    ins(&eb, "d");
    assert_int_equal(eb.dirty, 1);
    editbuf_clear_dirty(&eb);
    assert_int_equal(eb.dirty, 0);
    editbuf_text_start(&eb);
    editbuf_backspace(&eb); /* at the start: nothing */
    assert_int_equal(eb.dirty, 0);
    editbuf_delete(&eb);
    assert_int_equal(eb.dirty, 1);
    assert_string_equal(eb.text, "bcd");
    editbuf_clear_dirty(&eb);
    editbuf_text_end(&eb);
    editbuf_backspace(&eb);
    assert_int_equal(eb.dirty, 1);
    editbuf_release(&eb);
}

static void test_invalid_bytes_from_init(void **state)
{
    struct editbuf eb;
    (void)state;
    /* text loaded from elsewhere is copied as it is; stray bytes are single
     * characters, never swallowed with their neighbours */
    editbuf_init(&eb, "a\xff\xb8z");
    assert_int_equal(eb.len, 4);
    editbuf_text_start(&eb);
    editbuf_right(&eb);
    editbuf_right(&eb);
    assert_int_equal(eb.cursor, 2);
    editbuf_right(&eb);
    assert_int_equal(eb.cursor, 3);
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "a\xffz");
    editbuf_left(&eb);
    assert_int_equal(eb.cursor, 1);
    editbuf_release(&eb);
}

/* ---- size --------------------------------------------------------------- */

/* The layout kept by the buffer (editbuf_layout, updated line by line at each
 * edit) is always the one laid out from scratch: random edits of text with
 * long words, runs of spaces, wide and combining characters and line breaks,
 * at narrow widths where every edit moves wrap points, and width changes. */
static void check_same_layout(const struct editbuf *eb, size_t width)
{
    const struct edit_line *kept;
    struct edit_line *fresh;
    size_t nk = editbuf_layout(eb, width, &kept), nf = edit_layout(eb->text, width, &fresh);
    assert_int_equal(nk, nf);
    for (size_t i = 0; i < nf; i++) {
        assert_int_equal(kept[i].start, fresh[i].start);
        assert_int_equal(kept[i].end, fresh[i].end);
    }
    free(fresh);
}

static void test_layout_kept_in_step(void **state)
{
    static const char *const bits[] = { "a", "bb", " ", "   ", "\n", "中", "文字", "e\xcc\x81",
                                        "\xcc\x81", "Forschungs", "x", "\n\n", "  y" };
    unsigned seed = 7;
    (void)state;
    for (int round = 0; round < 40; round++) {
        struct editbuf eb;
        size_t width = 2 + (size_t)round % 9;
        editbuf_init(&eb, round % 3 ? "some words to start with and\nanother line" : NULL);
        check_same_layout(&eb, width);
        for (int step = 0; step < 300; step++) {
            unsigned r;
            seed = seed * 1103515245u + 12345u;
            r = seed >> 16;
            if (eb.len)
                eb.cursor = 0;
            for (unsigned k = r % 7; k > 0 && eb.cursor < eb.len; k--)
                editbuf_right(&eb);
            for (unsigned k = (r >> 3) % (unsigned)(eb.len / 3 + 1); k > 0 && eb.cursor < eb.len; k--)
                editbuf_right(&eb);
            switch ((r >> 9) % 6) {
            case 0: case 1: case 2:
                ins(&eb, bits[(r >> 12) % CC_ARRAY_LEN(bits)]);
                break;
            case 3: editbuf_backspace(&eb); break;
            case 4: editbuf_delete_word_back(&eb); break;
            default: editbuf_delete(&eb); break;
            }
            if (step % 50 == 49)
                width = 2 + (width + 3) % 11;
            check_same_layout(&eb, width);
        }
        editbuf_release(&eb);
    }
}

static void test_layout_256k(void **state)
{
    static const char *const words[] = { "lorem", "ipsum", "Grüße", "中文字",
                                         "Forschungssicherheit", "e\xcc\x81t\xc3\xa9" };
    const size_t size = 256 * 1024, width = 72;
    struct sbuf sb;
    struct edit_line *lines;
    struct editbuf eb;
    size_t n, i, row, col;
    unsigned seed = 1;
    (void)state;
    sbuf_init(&sb);
    while (sb.len < size - 40) {
        seed = seed * 1103515245u + 12345u;
        sbuf_adds(&sb, words[(seed >> 16) % CC_ARRAY_LEN(words)]);
        sbuf_adds(&sb, (seed >> 8) % 23 == 0 ? "\n" : " ");
    }
    n = edit_layout(sb.buf, width, &lines);
    assert_true(n > size / 200);
    /* the lines cover the text in order; each one's non-space content fits */
    assert_int_equal(lines[0].start, 0);
    assert_int_equal(lines[n - 1].end, sb.len);
    for (i = 0; i < n; i++) {
        size_t e = lines[i].end, cols = 0;
        assert_true(lines[i].start <= e);
        if (i + 1 < n) {
            if (sb.buf[e] == '\n')
                assert_int_equal(lines[i + 1].start, e + 1);
            else
                assert_int_equal(lines[i + 1].start, e);
        }
        assert_null(memchr(sb.buf + lines[i].start, '\n', e - lines[i].start));
        while (e > lines[i].start && sb.buf[e - 1] == ' ')
            e--;
        for (size_t p = lines[i].start; p < e;) {
            size_t k;
            int w = text_char_width(utf8_decode_at(sb.buf + p, &k));
            cols += w > 0 ? (size_t)w : 0;
            p += k;
        }
        assert_true(cols <= width);
    }
    free(lines);

    /* one 256 KiB word: broken by character into full lines */
    {
        char *big = xmalloc(size + 1);
        memset(big, 'x', size);
        big[size] = '\0';
        n = edit_layout(big, 64, &lines);
        assert_int_equal(n, size / 64);
        assert_int_equal(lines[n - 1].start, size - 64);
        free(lines);
        free(big);
    }

    /* editing at that size */
    editbuf_init(&eb, sb.buf);
    editbuf_cursor_rowcol(&eb, width, &row, &col);
    editbuf_up(&eb, width);
    editbuf_up(&eb, width);
    assert_int_equal(row_at(&eb, width), row - 2);
    editbuf_text_start(&eb);
    ins(&eb, "x");
    assert_int_equal(eb.len, sb.len + 1);
    editbuf_release(&eb);
    sbuf_release(&sb);
}

/* A layout made a few lines at a time (the question pane's, for long
 * answers) is the one edit_layout makes at once: the same lines, complete
 * exactly at the end; also for empty text, blank lines, wide characters,
 * combining marks and words longer than a line. */
static void test_layout_in_parts(void **state)
{
    static const char *const texts[] = {
        "", "\n", "one", "a b c d e f g h i j k l m n o p q r s t u v w x y z\n\n\nend",
        "Zusammenarbeit mit der Universität: Kältetechnik und 合作研究 über drei Jahre.\n"
        "e\xcc\x81 e\xcc\x81 e\xcc\x81  trailing spaces   \n"
        "averyveryveryveryverylongwordthatdoesnotfitonanyline and then some",
    };
    (void)state;
    for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
        for (size_t width = 2; width <= 13; width++)
            for (size_t step = 1; step <= 4; step++) {
                struct edit_line *whole;
                struct edit_layout_part part;
                size_t n = edit_layout(texts[t], width, &whole), rounds = 0;
                memset(&part, 0, sizeof(part));
                while (!part.complete) {
                    edit_layout_more(&part, texts[t], strlen(texts[t]), width, step);
                    assert_true(part.n <= n);
                    assert_true(++rounds <= n + 1);
                }
                assert_int_equal(part.n, n);
                for (size_t i = 0; i < n; i++) {
                    assert_int_equal(part.v[i].start, whole[i].start);
                    assert_int_equal(part.v[i].end, whole[i].end);
                }
                free(whole);
                edit_layout_free(&part);
            }
}

/* An editor that takes over a pane's layout (whole, or the first lines of
 * it) lays out and mends it after edits exactly as one that wrapped the text
 * itself: the lines must be right, and so must how far each line's wrap
 * looked, which decides the lines an edit wraps again. */
static void test_adopted_layout_mends_alike(void **state)
{
    static const char *const texts[] = {
        "a b c d e f g h i j k l m n o p q r s t u v w x y z\n\n\nend",
        "Zusammenarbeit mit der Universität: Kältetechnik und 合作研究 über drei Jahre.\n"
        "e\xcc\x81 e\xcc\x81 e\xcc\x81  trailing spaces   \n"
        "averyveryveryveryverylongwordthatdoesnotfitonanyline and then some",
    };
    static const char *const bits[] = { "x", " ", "Forschungs ", "\n", "中", "  " };
    (void)state;
    for (size_t t = 0; t < CC_ARRAY_LEN(texts); t++)
        for (size_t width = 3; width <= 12; width += 3)
            for (size_t first = 1; first <= 9; first += 4) {
                struct edit_layout_part part;
                struct editbuf eb;
                memset(&part, 0, sizeof(part));
                edit_layout_more(&part, texts[t], strlen(texts[t]), width, first);
                editbuf_init(&eb, texts[t]);
                editbuf_adopt_layout(&eb, width, &part);
                edit_layout_free(&part);
                check_same_layout(&eb, width);
                for (size_t k = 0; k < 12; k++) {
                    eb.cursor = 0;
                    for (size_t m = (k * 7) % (eb.len / 2 + 1); m > 0; m--)
                        editbuf_right(&eb);
                    if (k % 4 == 3)
                        editbuf_backspace(&eb);
                    else
                        ins(&eb, bits[k % CC_ARRAY_LEN(bits)]);
                    check_same_layout(&eb, width);
                }
                editbuf_release(&eb);
            }
}

/* editbuf_clean says what text_find_unsafe and a NUL would, and keeps it
 * right through edits without looking again: an insert adds nothing unsafe,
 * a deletion may take the unsafe character away. */
static void test_clean_kept_through_edits(void **state)
{
    struct editbuf eb;
    (void)state;
    editbuf_init(&eb, "plain line\nUniversität 中文");
    assert_int_equal(editbuf_clean(&eb), 1);
    ins(&eb, "\x1b[31m and \x7f more");   /* (dropped by the insert) */
    assert_int_equal(editbuf_clean(&eb), 1);
    assert_null(strchr(eb.text, '\x1b'));
    editbuf_backspace(&eb);
    assert_int_equal(editbuf_clean(&eb), 1);
    editbuf_release(&eb);

    editbuf_init(&eb, "ab\x1b" "c");   /* from a file: taken as it is */
    assert_int_equal(editbuf_clean(&eb), 0);
    ins(&eb, "d");
    assert_int_equal(editbuf_clean(&eb), 0);
    eb.cursor = 3;   /* after the escape */
    editbuf_backspace(&eb);
    assert_string_equal(eb.text, "abcd");
    assert_int_equal(editbuf_clean(&eb), 1);   /* fails when "not clean" outlives the deletion */
    editbuf_release(&eb);

    editbuf_init(&eb, "caf\xc3");   /* a character cut short */
    assert_int_equal(editbuf_clean(&eb), 0);
    editbuf_release(&eb);
    editbuf_init(&eb, "line\u2029");   /* a paragraph separator, kept from the file */
    assert_int_equal(editbuf_clean(&eb), 0);
    editbuf_know_clean(&eb);   /* (what a caller that looked says) */
    assert_int_equal(editbuf_clean(&eb), 1);
    editbuf_release(&eb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_positions),
        cmocka_unit_test(test_insert_grows),
        cmocka_unit_test(test_umlauts_backspace),
        cmocka_unit_test(test_cjk_width),
        cmocka_unit_test(test_combining_mark),
        cmocka_unit_test(test_paste_sanitised),
        cmocka_unit_test(test_word_moves),
        cmocka_unit_test(test_home_end),
        cmocka_unit_test(test_layout_words),
        cmocka_unit_test(test_layout_long_word),
        cmocka_unit_test(test_layout_wide_edge),
        cmocka_unit_test(test_layout_newlines),
        cmocka_unit_test(test_cursor_rowcol),
        cmocka_unit_test(test_updown_short_line),
        cmocka_unit_test(test_updown_cjk),
        cmocka_unit_test(test_updown_wrapped),
        cmocka_unit_test(test_delete_word_back),
        cmocka_unit_test(test_apply_actions),
        cmocka_unit_test(test_dirty),
        cmocka_unit_test(test_invalid_bytes_from_init),
        cmocka_unit_test(test_layout_256k),
        cmocka_unit_test(test_layout_kept_in_step),
        cmocka_unit_test(test_layout_in_parts),
        cmocka_unit_test(test_adopted_layout_mends_alike),
        cmocka_unit_test(test_clean_kept_through_edits),
    };
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
