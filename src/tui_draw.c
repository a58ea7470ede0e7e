/* tui_draw.c — drawing primitives: every string that reaches the terminal
 * goes through draw_text, which sanitises it and measures it in columns. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textutil.h"

/* A 256-colour theme on an 8-colour terminal: folded to the basic 8. */
static int fold_color(int c)
{
    if (c >= COLORS)
        return c >= 8 && c < 16 ? c - 8 : -1;
    return c;
}

void draw_init_colors(struct tui *t)
{
    t->colors = 0;
    if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
        return;
    if (!has_colors() || start_color() != OK)
        return;
    use_default_colors();
    for (int s = 0; s < TS_COUNT && s + 1 < COLOR_PAIRS; s++)
        init_pair((short)(s + 1), (short)fold_color(t->theme.slot[s].fg),
                  (short)fold_color(t->theme.slot[s].bg));
    t->colors = 1;
}

attr_t draw_attr(const struct tui *t, enum theme_slot s)
{
    const struct theme_style *st = &t->theme.slot[s];
    attr_t a = A_NORMAL;
    if (st->attrs & THEME_BOLD)
        a |= A_BOLD;
    if (st->attrs & THEME_DIM)
        a |= A_DIM;
    if (st->attrs & THEME_UNDERLINE)
        a |= A_UNDERLINE;
    if (st->attrs & THEME_REVERSE)
        a |= A_REVERSE;
#ifdef A_ITALIC
    if (st->attrs & THEME_ITALIC)
        a |= A_ITALIC;
#endif
    /* a slot in the terminal's own colours is pair 0, as the blank cells
     * are: no switch of colours between them and the text */
    if (t->colors && (fold_color(st->fg) >= 0 || fold_color(st->bg) >= 0))
        a |= COLOR_PAIR(s + 1);
    return a;
}

const char *sym(const struct tui *t, const char *utf8, const char *ascii)
{
    return t->utf8 ? utf8 : ascii;
}

static int text_at(struct tui *t, int y, int x, const char *s, int skip, int maxw,
                   enum theme_slot slot, int dim);

int draw_text_from(struct tui *t, int y, int x, const char *s, int skip, int maxw,
                   enum theme_slot slot)
{
    return text_at(t, y, x, s, skip, maxw, slot, 0);
}

int draw_text_dim(struct tui *t, int y, int x, const char *s, int skip, int maxw,
                  enum theme_slot slot)
{
    return text_at(t, y, x, s, skip, maxw, slot, 1);
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* n bytes of printable ASCII at y, x in attributes a; the cursor after them.
 * Copied into the cells (waddchnstr: a tenth of what waddnstr costs a
 * character) unless the row holds a wide character, which a copy could split
 * in half where waddnstr mends it. */
static void add_ascii(struct tui *t, int y, int x, const char *s, size_t n, attr_t a)
{
    chtype cells[256];
    if ((size_t)y >= sizeof(t->wide_row) || t->wide_row[y]) {
        addnstr(s, (int)n);
        return;
    }
    while (n) {
        size_t k = min_size(n, CC_ARRAY_LEN(cells));
        for (size_t i = 0; i < k; i++)
            cells[i] = (chtype)(unsigned char)s[i] | a;
        mvaddchnstr(y, x, cells, (int)k);
        x += (int)k;
        s += k;
        n -= k;
    }
    move(y, x);
}

/* s as it may reach the terminal, with escapes for what may not (in clean,
 * which the caller releases; printable ASCII is shown as it is). */
static const char *shown_text(const char *s, struct sbuf *clean, size_t *len)
{
    memset(clean, 0, sizeof(*clean));
    if (!s)
        s = "";
    *len = strlen(s);
    if (text_printable_run(s, *len) == *len)
        return s;
    sbuf_init(clean);
    text_sanitize(clean, s, 0);
    *len = clean->len;
    return clean->buf;
}

static int text_at(struct tui *t, int y, int x, const char *s, int skip, int maxw,
                   enum theme_slot slot, int dim)
{
    struct sbuf clean;
    wchar_t buf[512];
    size_t nw = 0, len;
    int used = 0, col = 0;
    const char *p, *end;
    attr_t attr;
    int cy, cx;

    if (maxw <= 0 || y < 0 || y >= t->rows || x >= t->cols)
        return 0;
    if (x + maxw > t->cols)
        maxw = t->cols - x;
    s = shown_text(s, &clean, &len);
    attr = draw_attr(t, slot) | (dim ? A_DIM : A_NORMAL);
    attrset(attr);
    move(y, x);
    end = s + len;
    for (p = s; *p;) {
        size_t n, run = text_printable_run(p, (size_t)(end - p));
        uint32_t cp;
        if (run) {
            /* printable ASCII, a column a byte: added as it is, without
             * decoding and measuring each (most of what a frame shows) */
            size_t sk = col < skip ? min_size(run, (size_t)(skip - col)) : 0;
            size_t take = min_size(run - sk, (size_t)(maxw - used));
            col += (int)sk;
            p += sk;
            if (!take) {
                if (sk < run)
                    break;   /* no room left */
                continue;
            }
            if (nw) {
                addnwstr(buf, (int)nw);
                nw = 0;
            }
            getyx(stdscr, cy, cx);   /* (where curses put what went before) */
            add_ascii(t, cy, cx, p, take, attr);
            used += (int)take;
            p += take;
            if (sk + take < run)
                break;
            continue;
        }
        cp = utf8_decode_at(p, &n);
        int w = text_char_width(cp);
        const char *a = NULL;
        if (w < 0)
            w = 1;
        if (!t->utf8 && cp >= 0x80) {
            a = w == 0 ? "" : text_ascii(cp);
            w = (int)strlen(a);
        }
        p += n;
        if (col < skip) {   /* scrolled out on the left (a wide one entirely) */
            col += w;
            continue;
        }
        if (used + w > maxw)
            break;
        if (a) {
            for (const char *q = a; *q && nw < CC_ARRAY_LEN(buf) - 1; q++)
                buf[nw++] = (wchar_t)*q;
        } else if (nw < CC_ARRAY_LEN(buf) - 1) {
            buf[nw++] = (wchar_t)cp;
            if (w > 1 && (size_t)y < sizeof(t->wide_row))
                t->wide_row[y] = 1;
        }
        used += w;
        if (nw >= CC_ARRAY_LEN(buf) - 4) {
            addnwstr(buf, (int)nw);
            nw = 0;
        }
    }
    if (nw)
        addnwstr(buf, (int)nw);
    sbuf_release(&clean);
    return used;
}

int draw_text(struct tui *t, int y, int x, const char *s, int maxw, enum theme_slot slot)
{
    return draw_text_from(t, y, x, s, 0, maxw, slot);
}

void draw_fill(struct tui *t, int y, int x, int w, enum theme_slot slot)
{
    if (y < 0 || y >= t->rows || w <= 0)
        return;
    if (x + w > t->cols)
        w = t->cols - x;
    attrset(draw_attr(t, slot));
    mvhline(y, x, ' ', w);
}

/* Lines are drawn with the box-drawing characters themselves in a UTF-8
 * locale, not with the terminal's alternate character set: each switch to
 * and from it costs bytes on the wire, around every cell of a line. */
void draw_vline(struct tui *t, int y, int x, int h)
{
    attrset(draw_attr(t, TS_BORDER));
    for (int i = 0; i < h; i++) {
        if (t->utf8)
            mvaddwstr(y + i, x, L"\u2502");
        else
            mvaddch(y + i, x, '|');
    }
}

void draw_hline(struct tui *t, int y, int x, int w)
{
    attrset(draw_attr(t, TS_BORDER));
    move(y, x);
    for (int i = 0; i < w; i++) {
        if (t->utf8)
            addwstr(L"\u2500");
        else
            addch('-');
    }
}

void draw_cursor(struct tui *t, int y, int x)
{
    t->want_cursor = 1;
    t->cur_y = y;
    t->cur_x = x < t->cols ? x : t->cols - 1;
}

void draw_focus(struct tui *t, int y, int x)
{
    t->have_focus = 1;
    t->focus_y = y;
    t->focus_x = x < t->cols ? x : t->cols - 1;
}

void draw_header(struct tui *t, const char *left, const char *right)
{
    int rw = right ? (int)text_width(right) : 0;
    draw_fill(t, 0, 0, t->cols, TS_HEADER);
    draw_text(t, 0, 1, left, t->cols - rw - 3, TS_HEADER);
    if (right && rw < t->cols - 2)
        draw_text(t, 0, t->cols - rw - 1, right, rw, TS_HEADER);
}

/* The header of a screen about the open cooperation: fits ("LABEL: ID" in
 * the screen's words) where it fits beside right.  Where it does not, the
 * id, which alone says which cooperation this is (up to 64 characters),
 * comes first and whole, then the label, cut at the end; and right is left
 * out when even the id would not fit beside it. */
void draw_header_coop(struct tui *t, const char *fits, const char *label, const char *right)
{
    const char *id = t->av->a->coop.id;
    int rw = right ? (int)text_width(right) : 0;
    char *left;
    if ((int)text_width(fits) <= t->cols - rw - 3) {
        draw_header(t, fits, right);
        return;
    }
    left = xasprintf("%s %s %s", id, sym(t, "—", "-"), label);
    draw_header(t, left, (int)text_width(id) <= t->cols - rw - 3 ? right : NULL);
    free(left);
}

/* The message as the rows of the status area (at most 3). */
static void message_lines(struct tui *t, struct strlist *lines)
{
    wrap_lines(t->msg, t->cols > 4 ? t->cols : 4, 0, lines);
    while (lines->n > 3)
        free(lines->v[--lines->n]);
}

int status_rows(struct tui *t)
{
    struct strlist lines = { 0 };
    int n;
    if (!t->msg[0] || (int)text_width(t->msg) <= t->cols)
        return 1;
    message_lines(t, &lines);
    n = lines.n ? (int)lines.n : 1;
    strlist_release(&lines);
    return n;
}

/* "j/k question  Tab field  ..." from the key map, as many as fit. */
static void hint_add(struct tui *t, enum keyctx ctx, const struct hint *h, struct sbuf *out)
{
    char ka[48], kb[48];
    keymap_describe_in(&t->km, ctx, h->a, 1, ka, sizeof(ka));
    if (!ka[0])
        return;   /* unbound by config.ini */
    sbuf_addf(out, "%s%s", out->len ? "  " : "", ka);
    if (h->b != ACT_NONE) {
        keymap_describe_in(&t->km, ctx, h->b, 1, kb, sizeof(kb));
        if (kb[0])
            sbuf_addf(out, "/%s", kb);
    }
    sbuf_addf(out, " %s", h->label ? _(h->label) : action_label(h->a));
}

/* The hints that fit, in their order; the last one (how to leave) always. */
static void hint_text(struct tui *t, enum keyctx ctx, const struct hint *h, struct sbuf *out)
{
    struct sbuf last;
    size_t n = 0, room;
    while (h && h[n].a != ACT_NONE)
        n++;
    if (!n)
        return;
    sbuf_init(&last);
    hint_add(t, ctx, &h[n - 1], &last);
    room = (size_t)t->cols > text_width(last.buf) + 2 ? (size_t)t->cols - text_width(last.buf) - 2 : 0;
    for (size_t i = 0; i + 1 < n; i++) {
        size_t before = out->len;
        hint_add(t, ctx, &h[i], out);
        if (text_width(out->buf) > room) {
            out->len = before;
            out->buf[before] = '\0';
            break;
        }
    }
    if ((int)(text_width(out->buf) + 2 + text_width(last.buf)) <= t->cols)
        sbuf_addf(out, "%s%s", out->len ? "  " : "", last.buf);
    sbuf_release(&last);
}

void draw_status(struct tui *t, enum keyctx ctx, const struct hint *hints)
{
    draw_status_with(t, ctx, NULL, hints);
}

void draw_status_with(struct tui *t, enum keyctx ctx, const char *prefix, const struct hint *hints)
{
    int rows = status_rows(t), y = t->rows - rows;
    if (t->msg[0]) {
        struct strlist lines = { 0 };
        enum theme_slot slot = t->msg_error ? TS_ERROR : TS_MESSAGE;
        message_lines(t, &lines);
        for (size_t i = 0; i < lines.n; i++) {
            draw_fill(t, y + (int)i, 0, t->cols, slot);
            draw_text(t, y + (int)i, 0, lines.v[i], t->cols, slot);
        }
        strlist_release(&lines);
        return;
    }
    {
        struct sbuf text;
        sbuf_init(&text);
        if (prefix)
            sbuf_adds(&text, prefix);
        hint_text(t, ctx, hints, &text);
        draw_fill(t, y, 0, t->cols, TS_STATUS);
        draw_text(t, y, 0, text.buf, t->cols, TS_STATUS);
        sbuf_release(&text);
    }
}

void wrap_lines(const char *text, int width, size_t indent, struct strlist *lines)
{
    struct sbuf sb;
    sbuf_init(&sb);
    text_wrap(&sb, text ? text : "", (size_t)(width > 2 ? width : 2), indent);
    split_lines(sb.buf, lines);
    sbuf_release(&sb);
}

void tlines_add(struct tlines *L, long item, enum theme_slot slot, char *text)
{
    if (L->n == L->cap) {
        L->cap = L->cap ? 2 * L->cap : 32;
        L->v = xrealloc(L->v, L->cap * sizeof(*L->v));
    }
    L->v[L->n++] = (struct tline){ text, slot, item };
}

void tlines_wrapped(struct tlines *L, long item, enum theme_slot slot, const char *text,
                    int width, size_t indent)
{
    struct strlist lines = { 0 };
    wrap_lines(text, width > 20 + (int)indent ? width - (int)indent : 20, indent, &lines);
    for (size_t i = 0; i < lines.n; i++) {
        tlines_add(L, item, slot, lines.v[i]);
        lines.v[i] = NULL;   /* (taken) */
    }
    strlist_release(&lines);
}

void tlines_release(struct tlines *L)
{
    for (size_t i = 0; i < L->n; i++)
        free(L->v[i].text);
    free(L->v);
    memset(L, 0, sizeof(*L));
}

void tline_draw(struct tui *t, int y, const struct tline *l, int sel)
{
    if (sel && !t->have_focus)
        draw_focus(t, y, 1);   /* (the item's first line) */
    if (sel)
        draw_fill(t, y, 0, t->cols, TS_LIST_SELECTED);
    draw_text(t, y, 1, l->text, t->cols - 2, sel ? TS_LIST_SELECTED : l->slot);
}

void lines_cap(struct strlist *lines, size_t most, int width)
{
    struct sbuf rest, cut;
    if (lines->n <= most)
        return;
    if (most == 0) {
        while (lines->n)
            free(lines->v[--lines->n]);
        return;
    }
    sbuf_init(&rest);
    for (size_t i = most - 1; i < lines->n; i++)
        sbuf_addf(&rest, "%s%s", i > most - 1 ? " " : "", lines->v[i]);
    sbuf_init(&cut);
    text_truncate(&cut, rest.buf, (size_t)(width > 1 ? width : 1), 1);
    while (lines->n > most - 1)
        free(lines->v[--lines->n]);
    strlist_push(lines, cut.buf);
    sbuf_release(&cut);
    sbuf_release(&rest);
}

int box_inner_width(const struct tui *t, int w)
{
    return (w > t->cols - 2 ? t->cols - 2 : w) - 4;
}

void draw_box(struct tui *t, int y0, int h, int w, const char *title, int *x_in, int *w_in)
{
    int x0;
    if (w > t->cols - 2)
        w = t->cols - 2;
    x0 = (t->cols - w) / 2;
    for (int y = 0; y < h; y++) {
        /* the screen beneath is blanked beside the box too: a margin of one
         * or two columns to the edge, else one column, so that no letter of
         * it stands against the box */
        int left = x0 <= 2 ? x0 : 1, right = t->cols - x0 - w <= 2 ? t->cols - x0 - w : 1;
        draw_fill(t, y0 + y, x0 - left, w + left + right, TS_NORMAL);
    }
    draw_hline(t, y0, x0, w);
    draw_hline(t, y0 + h - 1, x0, w);
    if (title) {   /* set off from the rule by a blank each side */
        char *set = xasprintf(" %s ", title);
        draw_text(t, y0, x0 + 2, set, w - 4, TS_TITLE);
        free(set);
    }
    *x_in = x0 + 2;
    *w_in = box_inner_width(t, w);
}

void split_lines(const char *text, struct strlist *lines)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        strlist_push_owned(lines, xstrndup(p, n));
        if (!nl)
            break;
        p = nl + 1;
    }
}

char *paste_as_line(const char *text, size_t len, size_t *n)
{
    char *line = xstrndup(text, len);
    *n = len;
    while (*n && (line[*n - 1] == '\n' || line[*n - 1] == '\r'))
        line[--*n] = '\0';
    for (size_t i = 0; i < *n; i++)
        if (line[i] == '\n' || line[i] == '\r' || line[i] == '\t')
            line[i] = ' ';
    return line;
}
