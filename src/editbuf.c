/* editbuf.c — see editbuf.h.  No curses.
 *
 * Characters.  A "character" (grapheme, for our purposes) is one code point
 * followed by every zero-width code point after it (text_char_width() == 0:
 * combining marks, zero-width joiners), except that nothing attaches to a
 * '\n': a mark at the start of the text or of a logical line forms a
 * character of its own.  All moves, deletions and wrap points go by these
 * characters, so the cursor never ends up inside one.
 *
 * Bytes.  The buffer normally holds valid UTF-8 without control characters
 * other than '\n', because editbuf_insert() sanitises what it adds.  Text
 * given to editbuf_init() (and to edit_layout()) is taken as it is, so every
 * function here also copes with invalid bytes and control characters: an
 * invalid byte is a character of one byte, and both count one display column
 * (the caller draws them as one replacement glyph).
 *
 * Widths.  A character is as wide as its code points' text_char_width()
 * (controls and invalid bytes: 1).  Columns in a visual line are counted from
 * the line's start.
 *
 * Layout (edit_layout).  Greedy word wrap, per logical line:
 *   - a break may only follow a run of spaces; the spaces stay at the end of
 *     the upper line even when they go past the width ("hanging" spaces);
 *   - a word that does not fit on a line of its own is broken by character;
 *   - a character that would cross the width goes to the next line whole
 *     (a wide character never straddles the edge);
 *   - an empty logical line is a visual line of its own, and a text ending
 *     in '\n' has a final empty visual line.
 * Each visual line's range excludes the '\n' that ends it.
 *
 * Cursor rule at wrap points.  When a logical line wraps, the end of one
 * visual line is the start of the next (lines[i].end == lines[i+1].start).
 * A cursor at that byte offset belongs to the START OF THE NEXT visual line
 * (column 0).  The only place where a cursor can sit at the end of a visual
 * line is therefore before a '\n' or at the very end of the text; the row is
 * simply the last visual line whose start is <= the cursor.  Consequences:
 *   - at the end of a text whose last line is exactly full, the column is
 *     equal to the width;
 *   - inside hanging spaces the column can be >= the width.
 * A caller that must keep the cursor cell inside a box of W columns lays
 * out at W - 1 or clamps the column it draws at.
 *
 * Up/down.  The goal column is set from the cursor's column by the first
 * vertical move after an edit or a horizontal move and kept by the following
 * vertical moves.  The cursor lands on the character whose columns contain
 * the goal (so on the first half of a wide character as well as on its
 * second), or at the end of the target line when the line is shorter; the
 * end of a line that wraps is the boundary of its last character (the wrap
 * point itself would be the next line).  Up on the first visual line and
 * down on the last do nothing: the caller can check editbuf_cursor_rowcol()
 * first and, say, move the focus to another field.
 *
 * Words.  Word characters are everything except spaces, line breaks, control
 * characters, ASCII punctuation and the common Unicode punctuation and space
 * blocks (see is_word_cp); letters with diacritics and CJK ideographs are word
 * characters.  word_right goes to the start of the next word, word_left (and
 * Ctrl-W) to the start of the word before the cursor; both cross line breaks.
 *
 * Other choices: editbuf_init() puts the cursor at the end of the text;
 * editbuf_insert() expands a tab to the next multiple of 4 columns counted
 * from the start of the LOGICAL line (so it does not depend on the width),
 * and turns U+2028/U+2029 (line/paragraph separator) into '\n' as well;
 * "\r" at the very end of one insert call followed by "\n" at the start of the
 * next gives two line breaks.  Edits that change nothing (backspace at the
 * start, an insert of only dropped characters) leave the dirty flag alone.
 */
#include "editbuf.h"

#include <stdlib.h>
#include <string.h>

#include "editbuf_int.h"
#include "textutil.h"
#include "util.h"

/* ---- characters --------------------------------------------------------- */

/* Offset of the code point (or invalid byte) that ends at pos > 0. */
static size_t prev_cp(const char *t, size_t pos)
{
    size_t p = pos - 1, n;
    int k = 0;
    while (p > 0 && k < 3 && ((unsigned char)t[p] & 0xc0) == 0x80) {
        p--;
        k++;
    }
    (void)cp_at(t, p, &n);
    return p + n == pos ? p : pos - 1;
}

/* Start of the character that ends at pos (pos > 0). */
static size_t prev_char(const char *t, size_t pos)
{
    size_t p = prev_cp(t, pos);
    while (p > 0 && is_zero_width(cp_at(t, p, NULL))) {
        size_t q = prev_cp(t, p);
        if (t[q] == '\n')
            break;
        p = q;
    }
    return p;
}

/* 1 when pos is a character boundary. */
static int is_boundary(const char *t, size_t len, size_t pos)
{
    size_t q;
    if (pos == 0 || pos >= len)
        return 1;
    if (((unsigned char)t[pos] & 0xc0) == 0x80) {
        /* inside a multi-byte sequence, or a stray continuation byte? */
        size_t p = pos, n;
        int k = 0;
        while (p > 0 && k < 3 && ((unsigned char)t[p] & 0xc0) == 0x80) {
            p--;
            k++;
        }
        if (((unsigned char)t[p] & 0xc0) != 0x80) {
            (void)cp_at(t, p, &n);
            if (p + n > pos)
                return 0;
        }
    }
    if (!is_zero_width(cp_at(t, pos, NULL)))
        return 1;
    q = prev_cp(t, pos);
    return t[q] == '\n';
}

static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= 'a' && cp <= 'z');
    if (cp <= 0x9f)
        return 0; /* C1 controls */
    switch (cp) {
    case 0x00a0: case 0x00a1: case 0x00a7: case 0x00ab: case 0x00b6:
    case 0x00b7: case 0x00bb: case 0x00bf:
        return 0;
    default:
        break;
    }
    if ((cp >= 0x2000 && cp <= 0x206f) ||  /* general punctuation, spaces */
        (cp >= 0x3000 && cp <= 0x3003) ||  /* ideographic space, 、 。 */
        (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301f) ||
        (cp >= 0xfe10 && cp <= 0xfe1f) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
        (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65))
        return 0;
    return 1;
}

/* ---- buffer ------------------------------------------------------------- */


void editbuf_init(struct editbuf *eb, const char *text)
{
    size_t len = text ? strlen(text) : 0;
    eb->cap = len + 1 < 64 ? 64 : len + 1;
    eb->text = xmalloc(eb->cap);
    if (len)
        memcpy(eb->text, text, len);
    eb->text[len] = '\0';
    eb->len = len;
    eb->cursor = len;
    eb->goal_col = 0;
    eb->has_goal = 0;
    eb->dirty = 0;
    eb->lc = xcalloc(1, sizeof(*eb->lc));
    eb->lc->clean = len ? 0 : 1;
}

int editbuf_clean(const struct editbuf *eb)
{
    if (!eb->lc->clean)
        eb->lc->clean = text_clean(eb->text, eb->len) ? 1 : -1;
    return eb->lc->clean > 0;
}

void editbuf_know_clean(const struct editbuf *eb)
{
    eb->lc->clean = 1;
}

void editbuf_release(struct editbuf *eb)
{
    if (eb->lc)
        editbuf_cache_drop(eb->lc);
    free(eb->lc);
    free(eb->text);
    memset(eb, 0, sizeof(*eb));
}

void editbuf_clear_dirty(struct editbuf *eb)
{
    eb->dirty = 0;
}

static void reset_goal(struct editbuf *eb)
{
    eb->has_goal = 0;
    eb->goal_col = 0;
}

/* Moves the cursor forward to a character boundary after an edit joined a
 * zero-width character to the one before the cursor. */
static void snap_cursor(struct editbuf *eb)
{
    while (!is_boundary(eb->text, eb->len, eb->cursor)) {
        size_t n;
        (void)cp_at(eb->text, eb->cursor, &n);
        eb->cursor += n;
    }
}

static void delete_range(struct editbuf *eb, size_t from, size_t to)
{
    if (to <= from)
        return;
    memmove(eb->text + from, eb->text + to, eb->len - to + 1);
    eb->len -= to - from;
    if (eb->lc->clean < 0)
        eb->lc->clean = 0;   /* what was not clean may be gone */
    eb->cursor = from;
    eb->dirty = 1;
    editbuf_note_edit(eb, from, to - from, 0);
    snap_cursor(eb);
}

/* Column of the cursor counted from the start of its logical line. */
static size_t logical_col(const struct editbuf *eb)
{
    size_t s = eb->cursor;
    while (s > 0 && eb->text[s - 1] != '\n')
        s--;
    return span_cols(eb->text, s, eb->cursor);
}

size_t editbuf_insert(struct editbuf *eb, const char *utf8, size_t len)
{
    struct sbuf add;
    size_t i = 0, col, n;
    reset_goal(eb);
    if (!utf8 || len == 0)
        return 0;
    sbuf_init(&add);
    col = memchr(utf8, '\t', len) ? logical_col(eb) : 0;   /* only tabs need it */
    while (i < len) {
        unsigned char c = (unsigned char)utf8[i];
        uint32_t cp;
        if (c == '\r') {
            if (!(i + 1 < len && utf8[i + 1] == '\n'))
                sbuf_addc(&add, '\n');
            col = 0;
            i++;
            continue;
        }
        if (c == '\t') {
            size_t k = 4 - col % 4;
            col += k;
            while (k--)
                sbuf_addc(&add, ' ');
            i++;
            continue;
        }
        if (len - i < 4) { /* never read past len */
            char tail[5] = { 0 };
            memcpy(tail, utf8 + i, len - i);
            cp = utf8_decode_at(tail, &n);
            if (n > len - i) {
                n = 1;
                cp = 0xfffd;
            }
        } else {
            cp = utf8_decode_at(utf8 + i, &n);
        }
        if (cp == 0xfffd && n == 1) {
            i++; /* invalid byte */
            continue;
        }
        if (cp == 0x2028 || cp == 0x2029)
            cp = '\n';
        if (cp == '\n') {
            sbuf_addc(&add, '\n');
            col = 0;
        } else if (!text_is_unsafe(cp, 0)) {
            char enc[4];
            sbuf_add(&add, enc, utf8_encode(cp, enc));
            col += cp_cols(cp);
        }
        i += n;
    }
    n = add.len;
    if (n) {
        if (eb->len + n + 1 > eb->cap) {
            size_t cap = eb->cap * 2;
            if (cap < eb->len + n + 1)
                cap = eb->len + n + 1;
            eb->text = xrealloc(eb->text, cap);
            eb->cap = cap;
        }
        memmove(eb->text + eb->cursor + n, eb->text + eb->cursor, eb->len - eb->cursor + 1);
        memcpy(eb->text + eb->cursor, add.buf, n);
        eb->len += n;
        editbuf_note_edit(eb, eb->cursor, 0, n);
        eb->cursor += n;
        eb->dirty = 1;
        snap_cursor(eb);
    }
    sbuf_release(&add);
    return n;
}

void editbuf_insert_char(struct editbuf *eb, uint32_t cp)
{
    char enc[4];
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
        (cp != '\n' && text_is_unsafe(cp, 0))) {
        reset_goal(eb);
        return;
    }
    editbuf_insert(eb, enc, utf8_encode(cp, enc));
}

void editbuf_backspace(struct editbuf *eb)
{
    reset_goal(eb);
    if (eb->cursor > 0)
        delete_range(eb, prev_char(eb->text, eb->cursor), eb->cursor);
}

void editbuf_delete(struct editbuf *eb)
{
    reset_goal(eb);
    if (eb->cursor < eb->len)
        delete_range(eb, eb->cursor, next_char(eb->text, eb->len, eb->cursor));
}

static size_t word_left_pos(const struct editbuf *eb)
{
    size_t p = eb->cursor;
    while (p > 0) {
        size_t q = prev_char(eb->text, p);
        if (is_word_cp(cp_at(eb->text, q, NULL)))
            break;
        p = q;
    }
    while (p > 0) {
        size_t q = prev_char(eb->text, p);
        if (!is_word_cp(cp_at(eb->text, q, NULL)))
            break;
        p = q;
    }
    return p;
}

void editbuf_delete_word_back(struct editbuf *eb)
{
    reset_goal(eb);
    delete_range(eb, word_left_pos(eb), eb->cursor);
}

/* ---- horizontal moves --------------------------------------------------- */

void editbuf_left(struct editbuf *eb)
{
    reset_goal(eb);
    if (eb->cursor > 0)
        eb->cursor = prev_char(eb->text, eb->cursor);
}

void editbuf_right(struct editbuf *eb)
{
    reset_goal(eb);
    if (eb->cursor < eb->len)
        eb->cursor = next_char(eb->text, eb->len, eb->cursor);
}

void editbuf_word_left(struct editbuf *eb)
{
    reset_goal(eb);
    eb->cursor = word_left_pos(eb);
}

void editbuf_word_right(struct editbuf *eb)
{
    size_t p = eb->cursor;
    reset_goal(eb);
    while (p < eb->len && is_word_cp(cp_at(eb->text, p, NULL)))
        p = next_char(eb->text, eb->len, p);
    while (p < eb->len && !is_word_cp(cp_at(eb->text, p, NULL)))
        p = next_char(eb->text, eb->len, p);
    eb->cursor = p;
}

void editbuf_line_start(struct editbuf *eb)
{
    reset_goal(eb);
    while (eb->cursor > 0 && eb->text[eb->cursor - 1] != '\n')
        eb->cursor--;
}

void editbuf_line_end(struct editbuf *eb)
{
    const char *nl;
    reset_goal(eb);
    nl = memchr(eb->text + eb->cursor, '\n', eb->len - eb->cursor);
    eb->cursor = nl ? (size_t)(nl - eb->text) : eb->len;
}

void editbuf_text_start(struct editbuf *eb)
{
    reset_goal(eb);
    eb->cursor = 0;
}

void editbuf_text_end(struct editbuf *eb)
{
    reset_goal(eb);
    eb->cursor = eb->len;
}

/* Row of pos: the last visual line starting at or before it. */
static size_t row_of(const struct edit_line *lines, size_t n, size_t pos)
{
    size_t lo = 0, hi = n; /* answer in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lines[mid].start <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void editbuf_cursor_rowcol(const struct editbuf *eb, size_t width, size_t *row, size_t *col)
{
    const struct edit_line *lines;
    size_t n = editbuf_layout(eb, width, &lines);
    size_t r = row_of(lines, n, eb->cursor);
    if (row)
        *row = r;
    if (col)
        *col = span_cols(eb->text, lines[r].start, eb->cursor);
}

/* ---- vertical moves ----------------------------------------------------- */

static void move_vertical(struct editbuf *eb, size_t width, int down)
{
    const struct edit_line *lines;
    size_t n = editbuf_layout(eb, width, &lines);
    size_t r = row_of(lines, n, eb->cursor), target, p, end, col = 0;
    if (!eb->has_goal) {
        eb->goal_col = span_cols(eb->text, lines[r].start, eb->cursor);
        eb->has_goal = 1;
    }
    if (down ? r + 1 >= n : r == 0)
        return;
    target = down ? r + 1 : r - 1;
    p = lines[target].start;
    end = lines[target].end;
    /* the wrap point belongs to the next line: stop before the last character */
    if (target + 1 < n && lines[target + 1].start == end && end > p)
        end = prev_char(eb->text, end);
    while (p < end) {
        size_t q = next_char(eb->text, eb->len, p);
        size_t w = span_cols(eb->text, p, q);
        if (eb->goal_col < col + w)
            break;
        col += w;
        p = q;
    }
    eb->cursor = p;
}

void editbuf_up(struct editbuf *eb, size_t width)
{
    move_vertical(eb, width, 0);
}

void editbuf_down(struct editbuf *eb, size_t width)
{
    move_vertical(eb, width, 1);
}

/* ---- the keys of every text field ---- */

int editbuf_apply(struct editbuf *eb, enum action a, size_t width, int page, int multiline)
{
    switch (a) {
    case ACT_CHAR_LEFT: editbuf_left(eb); break;
    case ACT_CHAR_RIGHT: editbuf_right(eb); break;
    case ACT_LINE_START: editbuf_line_start(eb); break;
    case ACT_LINE_END: editbuf_line_end(eb); break;
    case ACT_WORD_LEFT: editbuf_word_left(eb); break;
    case ACT_WORD_RIGHT: editbuf_word_right(eb); break;
    case ACT_DELETE_BACK: editbuf_backspace(eb); break;
    case ACT_DELETE_FORWARD: editbuf_delete(eb); break;
    case ACT_DELETE_WORD: editbuf_delete_word_back(eb); break;
    case ACT_CLEAR_LINE: {
        size_t end = eb->cursor;
        editbuf_line_start(eb);
        delete_range(eb, eb->cursor, end);
        break;
    }
    default:
        if (!multiline)
            return 0;
        switch (a) {
        case ACT_LINE_UP: editbuf_up(eb, width); break;
        case ACT_LINE_DOWN: editbuf_down(eb, width); break;
        case ACT_TEXT_PAGE_UP: for (int i = 0; i < page; i++) editbuf_up(eb, width); break;
        case ACT_TEXT_PAGE_DOWN: for (int i = 0; i < page; i++) editbuf_down(eb, width); break;
        default: return 0;
        }
    }
    return 1;
}
