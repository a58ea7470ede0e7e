/* editbuf_int.h — what editbuf.c (the buffer and its moves) and
 * editbuf_wrap.c (its layout) share; not for other files.  The character
 * helpers are inline: the wrap calls them for every character. */
#ifndef CC_EDITBUF_INT_H
#define CC_EDITBUF_INT_H

#include <stddef.h>
#include <stdint.h>

#include "editbuf.h"
#include "textutil.h"

static inline uint32_t cp_at(const char *t, size_t pos, size_t *n)
{
    return utf8_decode_at(t + pos, n);
}

/* Display columns of one code point as laid out (controls: 1). */
static inline size_t cp_cols(uint32_t cp)
{
    int w = text_char_width(cp);
    return w < 0 ? 1 : (size_t)w;
}

static inline int is_zero_width(uint32_t cp)
{
    return cp != '\n' && text_char_width(cp) == 0;
}

/* End of the character that starts at pos (pos < len). */
static inline size_t next_char(const char *t, size_t len, size_t pos)
{
    size_t n;
    uint32_t cp;
    if ((unsigned char)t[pos] < 0x80 && t[pos] != '\n' &&
        (pos + 1 >= len || (unsigned char)t[pos + 1] < 0x80))
        return pos + 1;    /* ASCII, and no mark can follow: the common case */
    cp = cp_at(t, pos, &n);
    pos += n;
    if (cp == '\n')
        return pos;
    while (pos < len) {
        cp = cp_at(t, pos, &n);
        if (!is_zero_width(cp))
            break;
        pos += n;
    }
    return pos;
}

/* Columns of text[from .. to), both character boundaries. */
static inline size_t span_cols(const char *t, size_t from, size_t to)
{
    size_t cols = 0;
    if (to == from + 1 && (unsigned char)t[from] < 0x80)
        return 1;          /* an ASCII character (controls count 1 too) */
    while (from < to) {
        size_t n;
        cols += cp_cols(cp_at(t, from, &n));
        from += n;
    }
    return cols;
}

struct lines {
    struct edit_line *v;
    size_t *scan;      /* per line: one past the last byte its wrap looked at */
    size_t n, cap;
};

struct edit_cache {
    struct lines ls;
    size_t width;      /* 0: not laid out */
    int clean;         /* editbuf_clean: 1, -1 (not clean), 0 (not known); kept
                          by editbuf_cache_drop */
};

void editbuf_cache_drop(struct edit_cache *c);
/* The text changed: [pos, pos + removed) of the old text is [pos, pos +
 * added) now (see editbuf_wrap.c). */
void editbuf_note_edit(struct editbuf *eb, size_t pos, size_t removed, size_t added);

#endif
