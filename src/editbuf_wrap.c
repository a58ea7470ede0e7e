/* editbuf_wrap.c — the layout of editbuf.h: the greedy word wrap (the rules
 * are at the top of editbuf.c), the layout a pane makes a part at a time, and
 * the one an editbuf keeps and mends line by line as its text changes. */
#include <stdlib.h>
#include <string.h>

#include "editbuf_int.h"
#include "util.h"


static void add_line(struct lines *ls, size_t start, size_t end, size_t scan)
{
    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? ls->cap * 2 : 16;
        ls->v = xrealloc(ls->v, ls->cap * sizeof(*ls->v));
        ls->scan = xrealloc(ls->scan, ls->cap * sizeof(*ls->scan));
    }
    ls->v[ls->n].start = start;
    ls->v[ls->n].end = end;
    ls->scan[ls->n] = scan;
    ls->n++;
}

/* One visual line that starts at start in the logical line that ends at to
 * (no '\n' in between): adds it and returns where the next one starts (to + 1
 * after the last one, past its '\n').  Every line starts from the same state,
 * so a line depends only on the bytes from its start to its scan end: the
 * lines before an edit that did not look at its bytes stay as they are. */
static size_t wrap_line(struct lines *ls, const char *t, size_t start, size_t to, size_t width)
{
    size_t col = 0, p = start;
    size_t brk = 0;    /* last break opportunity (after spaces) */
    int has_brk = 0;
    while (p < to) {
        size_t q, w;
        if ((unsigned char)t[p] > 0x20 && (unsigned char)t[p] < 0x7f && col < width) {
            /* a run of ASCII letters, one column each, as far as it fits;
             * its last one is left to the general case when a mark (not
             * ASCII) may follow it */
            size_t r = p, room = width - col;
            while (r < to && r - p < room && (unsigned char)t[r] > 0x20 && (unsigned char)t[r] < 0x7f)
                r++;
            if (r < to && (unsigned char)t[r] >= 0x80)
                r--;
            if (r > p) {
                col += r - p;
                p = r;
                continue;
            }
        }
        if (t[p] == ' ' && (p + 1 >= to || (unsigned char)t[p + 1] < 0x80)) {
            col++;         /* a space (below, without the calls) */
            brk = ++p;
            has_brk = 1;
            continue;
        }
        q = next_char(t, to, p);
        w = span_cols(t, p, q);
        /* next_char looked at the code point after q (up to 4 bytes) */
        size_t scan = q + 4 < to + 1 ? q + 4 : to + 1;
        if (t[p] == ' ') {
            /* spaces never cause a break: they hang at the line's end */
            col += w;
            brk = q;
            has_brk = 1;
            p = q;
            continue;
        }
        if (col > 0 && col + w > width) {
            /* after the last spaces; a word alone too long for a line is
             * broken by character (the next line does that to a word that
             * does not fit on a line of its own either) */
            size_t end = has_brk ? brk : p;
            add_line(ls, start, end, scan);
            return end;
        }
        col += w;
        p = q;
    }
    add_line(ls, start, to, to + 1);
    return to + 1;
}

/* Lines from start (a line start) on, to the end of the text, or until a line
 * starts at an offset stop_at[j] + delta (j from *j) at or after min_sync:
 * then *j is that line, and 1 is returned. */
static int wrap_from(struct lines *ls, const char *t, size_t len, size_t start, size_t width,
                     const struct edit_line *old, size_t nold, size_t *j, size_t min_sync,
                     long delta)
{
    for (;;) {
        const char *nl = memchr(t + start, '\n', len - start);
        size_t to = nl ? (size_t)(nl - t) : len;
        do {
            start = wrap_line(ls, t, start, to, width);
            if (start > len)
                return 0;
            if (old && start >= min_sync) {
                while (*j < nold && (long)old[*j].start + delta < (long)start)
                    (*j)++;
                if (*j < nold && (long)old[*j].start + delta == (long)start)
                    return 1;
            }
        } while (start <= to);
    }
}

size_t edit_layout(const char *text, size_t width, struct edit_line **lines)
{
    struct lines ls = { NULL, NULL, 0, 0 };
    if (!text)
        text = "";
    if (width < 2)
        width = 2;
    wrap_from(&ls, text, strlen(text), 0, width, NULL, 0, NULL, 0, 0);
    free(ls.scan);
    *lines = ls.v;
    return ls.n;
}

void editbuf_cache_drop(struct edit_cache *c)
{
    int clean = c->clean;   /* (a property of the text, not of its layout) */
    free(c->ls.v);
    free(c->ls.scan);
    memset(c, 0, sizeof(*c));
    c->clean = clean;
}

void edit_layout_more(struct edit_layout_part *l, const char *text, size_t len, size_t width,
                      size_t max)
{
    struct lines ls;
    size_t start = l->next, to = 0, added = 0;
    int have_to = 0;
    if (l->complete)
        return;
    if (width < 2)
        width = 2;
    ls.v = l->v;
    ls.scan = l->scan;
    ls.n = l->n;
    ls.cap = l->cap;
    while (added < max) {
        if (!have_to || start > to) {
            const char *nl = memchr(text + start, '\n', len - start);
            to = nl ? (size_t)(nl - text) : len;
            have_to = 1;
        }
        start = wrap_line(&ls, text, start, to, width);
        added++;
        if (start > len) {
            l->complete = 1;
            break;
        }
    }
    l->v = ls.v;
    l->scan = ls.scan;
    l->n = ls.n;
    l->cap = ls.cap;
    l->next = start;
}

void edit_layout_free(struct edit_layout_part *l)
{
    free(l->v);
    free(l->scan);
    memset(l, 0, sizeof(*l));
}

size_t editbuf_layout(const struct editbuf *eb, size_t width, const struct edit_line **lines)
{
    struct edit_cache *c = eb->lc;
    if (width < 2)
        width = 2;
    if (c->width != width) {
        editbuf_cache_drop(c);
        c->width = width;
        wrap_from(&c->ls, eb->text, eb->len, 0, width, NULL, 0, NULL, 0, 0);
    }
    *lines = c->ls.v;
    return c->ls.n;
}

size_t editbuf_laid_out(const struct editbuf *eb, size_t *width, const struct edit_line **lines,
                        const size_t **scan)
{
    const struct edit_cache *c = eb->lc;
    if (!c || !c->width)
        return 0;
    *width = c->width;
    *lines = c->ls.v;
    *scan = c->ls.scan;
    return c->ls.n;
}

void editbuf_adopt_layout(const struct editbuf *eb, size_t width, const struct edit_layout_part *l)
{
    struct edit_cache *c = eb->lc;
    if (width < 2 || c->width == width || !l->n || (!l->complete && l->next > eb->len))
        return;
    editbuf_cache_drop(c);
    c->width = width;
    c->ls.n = c->ls.cap = l->n;
    c->ls.v = xmalloc(l->n * sizeof(*c->ls.v));
    c->ls.scan = xmalloc(l->n * sizeof(*c->ls.scan));
    memcpy(c->ls.v, l->v, l->n * sizeof(*c->ls.v));
    memcpy(c->ls.scan, l->scan, l->n * sizeof(*c->ls.scan));
    if (!l->complete)
        wrap_from(&c->ls, eb->text, eb->len, l->next, width, NULL, 0, NULL, 0, 0);
}

/* The text changed: [pos, pos + removed) of the old text is [pos, pos +
 * added) now.  The lines whose wrap looked only at bytes before pos are kept;
 * from the first line that looked further, the lines are wrapped again until
 * one starts where an old line starts (moved by the change), after the
 * change: from there on the text and so the lines are the old ones, moved. */
void editbuf_note_edit(struct editbuf *eb, size_t pos, size_t removed, size_t added)
{
    struct edit_cache *c = eb->lc;
    struct lines nl = { NULL, NULL, 0, 0 };
    size_t lo = 0, hi, k, j = 0;
    long delta = (long)added - (long)removed;
    if (!c->width)
        return;
    hi = c->ls.n;   /* first line whose scan end is past pos: in [lo, hi) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->ls.scan[mid] > pos)
            hi = mid;
        else
            lo = mid + 1;
    }
    k = lo < c->ls.n ? lo : c->ls.n - 1;
    j = k + 1;
    if (wrap_from(&nl, eb->text, eb->len, c->ls.v[k].start, c->width, c->ls.v, c->ls.n, &j,
                  pos + added, delta)) {
        size_t tail = c->ls.n - j;
        for (size_t i = 0; i < tail; i++)
            add_line(&nl, (size_t)((long)c->ls.v[j + i].start + delta),
                     (size_t)((long)c->ls.v[j + i].end + delta),
                     (size_t)((long)c->ls.scan[j + i] + delta));
    }
    /* lines [0, k) stay: move the new ones behind them */
    if (k + nl.n > c->ls.cap) {
        c->ls.cap = k + nl.n;
        c->ls.v = xrealloc(c->ls.v, c->ls.cap * sizeof(*c->ls.v));
        c->ls.scan = xrealloc(c->ls.scan, c->ls.cap * sizeof(*c->ls.scan));
    }
    memcpy(c->ls.v + k, nl.v, nl.n * sizeof(*nl.v));
    memcpy(c->ls.scan + k, nl.scan, nl.n * sizeof(*nl.scan));
    c->ls.n = k + nl.n;
    free(nl.v);
    free(nl.scan);
}
