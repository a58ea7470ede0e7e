/* fuzz_editbuf.c — the inline editor's buffer: editbuf_insert (typed or
 * pasted text, from the terminal) and edit_layout, then editing commands.
 *
 * Input: byte 0 chooses the wrap width (2..81 columns); the rest is pasted
 * into an empty buffer with editbuf_insert, and then each of its first 256
 * bytes, read again, picks an editing command (a move, a deletion, an
 * insertion).  Invariants (see editbuf.h): the buffer holds valid UTF-8
 * without NUL and without controls but '\n'; the cursor stays inside it on a
 * character boundary (never inside a multi-byte character, never before a
 * combining mark that belongs to the character before); the layout covers the
 * text in order, one visual line after the other, and no line is wider than
 * the width except for the spaces that hang at its end. */
#include "fuzz.h"

#include "editbuf.h"
#include "textutil.h"

static size_t cols(uint32_t cp)
{
    int w = text_char_width(cp);
    return w < 0 ? 1 : (size_t)w;
}

static void check_layout(const char *text, size_t len, size_t width)
{
    struct edit_line *lines;
    size_t n = edit_layout(text, width, &lines);

    FZ_CHECK(n >= 1 && lines != NULL);
    FZ_CHECK(lines[0].start == 0 && lines[n - 1].end == len);
    for (size_t i = 0; i < n; i++) {
        size_t content = lines[i].start, w = 0;
        FZ_CHECK(lines[i].start <= lines[i].end && lines[i].end <= len);
        if (i + 1 < n)
            FZ_CHECK(lines[i + 1].start == lines[i].end ||
                     (text[lines[i].end] == '\n' && lines[i + 1].start == lines[i].end + 1));
        FZ_CHECK(memchr(text + lines[i].start, '\n', lines[i].end - lines[i].start) == NULL);
        /* the end of the last character that is not a space or zero-width */
        for (size_t p = lines[i].start, k; p < lines[i].end; p += k) {
            uint32_t cp = utf8_decode_at(text + p, &k);
            if (cp != ' ' && text_char_width(cp) != 0)
                content = p + k;
        }
        for (size_t p = lines[i].start, k; p < content; p += k)
            w += cols(utf8_decode_at(text + p, &k));
        FZ_CHECK(w <= width);
    }
    free(lines);
}

static void check_buffer(const struct editbuf *eb, size_t width)
{
    size_t row, col;
    FZ_CHECK(eb->text && eb->len < eb->cap && strlen(eb->text) == eb->len);
    FZ_CHECK(utf8_invalid(eb->text, eb->len) == NULL);
    FZ_CHECK(text_find_unsafe(eb->text, TEXT_ALLOW_NEWLINE) == NULL);
    FZ_CHECK(eb->cursor <= eb->len);
    if (eb->cursor > 0 && eb->cursor < eb->len) {
        size_t k;
        uint32_t cp;
        FZ_CHECK(((unsigned char)eb->text[eb->cursor] & 0xc0) != 0x80);
        cp = utf8_decode_at(eb->text + eb->cursor, &k);
        /* a zero-width character starts a character only at a line's start */
        if (cp != '\n' && text_char_width(cp) == 0)
            FZ_CHECK(eb->text[eb->cursor - 1] == '\n');
    }
    editbuf_cursor_rowcol(eb, width, &row, &col);
    (void)row;
    (void)col;
}

static void command(struct editbuf *eb, uint8_t c, size_t width)
{
    static const char paste[] = "a\xcc\x81 \xe4\xb8\xad\tb\r\n";  /* a + U+0301, 中, tab, CR LF */
    switch (c % 20) {
    case 0: editbuf_left(eb); break;
    case 1: editbuf_right(eb); break;
    case 2: editbuf_word_left(eb); break;
    case 3: editbuf_word_right(eb); break;
    case 4: editbuf_line_start(eb); break;
    case 5: editbuf_line_end(eb); break;
    case 6: editbuf_text_start(eb); break;
    case 7: editbuf_text_end(eb); break;
    case 8: editbuf_up(eb, width); break;
    case 9: editbuf_down(eb, width); break;
    case 10: editbuf_backspace(eb); break;
    case 11: editbuf_delete(eb); break;
    case 12: editbuf_delete_word_back(eb); break;
    case 13: editbuf_insert_char(eb, 'x'); break;
    case 14: editbuf_insert_char(eb, '\n'); break;
    case 15: editbuf_insert_char(eb, 0x301); break;   /* combining acute accent */
    case 16: editbuf_insert_char(eb, 0x4e2d); break;  /* 中, two columns */
    case 17: editbuf_insert_char(eb, ' '); break;
    case 18: editbuf_insert(eb, paste, sizeof(paste) - 1); break;
    default: editbuf_insert_char(eb, (uint32_t)c << 4); break;  /* anything, controls too */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct editbuf eb;
    size_t width, n;

    if (size < 1)
        return 0;
    fz_utf8_locale();
    width = 2 + data[0] % 80;
    editbuf_init(&eb, NULL);
    n = editbuf_insert(&eb, (const char *)data + 1, size - 1);
    FZ_CHECK(n == eb.len && eb.cursor == eb.len);
    check_buffer(&eb, width);
    check_layout(eb.text, eb.len, width);
    for (size_t i = 1; i < size && i <= 256; i++) {
        command(&eb, data[i], width);
        check_buffer(&eb, width);
    }
    check_layout(eb.text, eb.len, width);
    editbuf_release(&eb);
    return 0;
}
