/* editbuf.h — the text buffer behind the inline editor.  No curses.
 *
 * Holds one field's multi-line UTF-8 text and a cursor.  The cursor is a byte
 * offset that always sits on a grapheme boundary: never inside a multi-byte
 * character and never between a character and its combining marks.  Moves and
 * deletions work on whole characters (a base character plus its combining
 * marks); widths are display columns (wide CJK characters count two).
 *
 * Layout: the text is word-wrapped to a width in columns; each visual line is
 * a byte range.  The editor and the read-only display of a text field use the
 * same layout, so what the user sees while editing is what is shown after.
 */
#ifndef COOPCHECK_EDITBUF_H
#define COOPCHECK_EDITBUF_H

#include <stddef.h>
#include <stdint.h>

#include "keymap.h"

struct edit_cache;

struct editbuf {
    char *text;        /* UTF-8, NUL-terminated, owned */
    size_t len, cap;
    size_t cursor;     /* byte offset into text */
    size_t goal_col;   /* display column that up/down try to keep */
    int has_goal;
    int dirty;         /* changed since editbuf_init / editbuf_clear_dirty */
    struct edit_cache *lc; /* the layout at the last width asked, kept in step
                              with each edit (editbuf_layout); owned */
};

/* A visual line: text[start .. end); end excludes a '\n' that ends the
 * logical line.  Spaces at a wrap point stay at the end of the upper line. */
struct edit_line {
    size_t start, end;
};

void editbuf_init(struct editbuf *eb, const char *text);   /* copies text (NULL: empty) */
void editbuf_release(struct editbuf *eb);
void editbuf_clear_dirty(struct editbuf *eb);
/* 1 when eb's text is valid UTF-8 without NUL and without a character that
 * must not reach a terminal raw other than '\n' (text_find_unsafe with
 * TEXT_ALLOW_NEWLINE finds none).  Looked at once and then kept: an insert
 * adds no such character, a deletion from a clean text leaves it clean. */
int editbuf_clean(const struct editbuf *eb);
/* The caller has looked at eb's very text: it is clean (saves the look). */
void editbuf_know_clean(const struct editbuf *eb);

/* Inserts UTF-8 text at the cursor (typed or pasted): "\r\n" and lone "\r"
 * become "\n", a tab becomes spaces up to the next multiple of 4 columns,
 * other control characters and invalid bytes are dropped.  Returns the number
 * of bytes inserted. */
size_t editbuf_insert(struct editbuf *eb, const char *utf8, size_t len);
/* Inserts one code point (a typed key); controls other than '\n' ignored. */
void editbuf_insert_char(struct editbuf *eb, uint32_t cp);

void editbuf_backspace(struct editbuf *eb);     /* deletes the character before the cursor */
void editbuf_delete(struct editbuf *eb);        /* deletes the character under the cursor */
void editbuf_delete_word_back(struct editbuf *eb); /* Ctrl-W */

void editbuf_left(struct editbuf *eb);
void editbuf_right(struct editbuf *eb);
void editbuf_word_left(struct editbuf *eb);     /* to the start of the previous word */
void editbuf_word_right(struct editbuf *eb);    /* to the start of the next word */
void editbuf_line_start(struct editbuf *eb);    /* Home, Ctrl-A: start of the logical line */
void editbuf_line_end(struct editbuf *eb);      /* End, Ctrl-E: end of the logical line */
void editbuf_text_start(struct editbuf *eb);
void editbuf_text_end(struct editbuf *eb);
/* Up/down by one visual line at the given wrap width, keeping the goal column. */
void editbuf_up(struct editbuf *eb, size_t width);
void editbuf_down(struct editbuf *eb, size_t width);

/* Does a line-editing action of the key map (keymap.h: ACT_CHAR_LEFT ...
 * ACT_CLEAR_LINE, and with multiline the vertical moves, page being the
 * lines of a page) on eb: 1 when it was one, 0 when the caller handles it.
 * The editor, prompts and forms share these keys. */
int editbuf_apply(struct editbuf *eb, enum action a, size_t width, int page, int multiline);

/* Wraps text to width columns (width >= 2); *lines is malloc'ed, caller frees;
 * returns the number of visual lines (at least 1, also for empty text). */
size_t edit_layout(const char *text, size_t width, struct edit_line **lines);
/* A layout made a part at a time, for a pane that shows the first lines of a
 * long text: edit_layout_more appends at most max lines to l (zeroed at
 * first; the lines are the ones edit_layout makes) and sets l->complete once
 * the text's last line is in.  Free with edit_layout_free. */
struct edit_layout_part {
    struct edit_line *v;
    size_t *scan;           /* per line: how far its wrap looked (editbuf_adopt_layout) */
    size_t n, cap;
    size_t next;            /* where the next line starts, when not complete */
    int complete;
};
void edit_layout_more(struct edit_layout_part *l, const char *text, size_t len, size_t width,
                      size_t max);
void edit_layout_free(struct edit_layout_part *l);
/* eb's text laid out at width as edit_layout() does, kept by eb and updated
 * line by line as the text changes, so a key costs the lines it changed, not
 * the whole text.  *lines stays valid until the next change of eb or a call
 * with another width. */
size_t editbuf_layout(const struct editbuf *eb, size_t width, const struct edit_line **lines);
/* The layout editbuf_layout keeps, without making one: its width, lines and
 * how far each line's wrap looked (0 when eb was never laid out). */
size_t editbuf_laid_out(const struct editbuf *eb, size_t *width, const struct edit_line **lines,
                        const size_t **scan);
/* Takes a copy of l, made by edit_layout_more of eb's very text at width, as
 * the layout editbuf_layout keeps (and lays the rest out when l is a part):
 * an editor opened on a text a pane has laid out need not wrap it again. */
void editbuf_adopt_layout(const struct editbuf *eb, size_t width, const struct edit_layout_part *l);
/* The cursor's visual row and display column at width. */
void editbuf_cursor_rowcol(const struct editbuf *eb, size_t width, size_t *row, size_t *col);

#endif
