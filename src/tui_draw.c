/* tui_draw.c — drawing primitives: every string that reaches the terminal
 * goes through draw_text, which sanitises it and measures it in columns. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textutil.h"

void draw_init_colors(struct tui *t)
{
    t->colors = 0;
    if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
        return;
    if (!has_colors() || start_color() != OK)
        return;
    use_default_colors();
    for (int s = 0; s < TS_COUNT && s + 1 < COLOR_PAIRS; s++) {
        int fg = t->theme.slot[s].fg, bg = t->theme.slot[s].bg;
        /* a 256-colour theme on an 8-colour terminal: fold to the basic 8 */
        if (fg >= COLORS)
            fg = fg >= 8 && fg < 16 ? fg - 8 : -1;
        if (bg >= COLORS)
            bg = bg >= 8 && bg < 16 ? bg - 8 : -1;
        init_pair((short)(s + 1), (short)fg, (short)bg);
    }
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
    if (t->colors)
        a |= COLOR_PAIR(s + 1);
    return a;
}

const char *sym(const struct tui *t, const char *utf8, const char *ascii)
{
    return t->utf8 ? utf8 : ascii;
}

int draw_text(struct tui *t, int y, int x, const char *s, int maxw, enum theme_slot slot)
{
    struct sbuf clean;
    wchar_t buf[512];
    size_t nw = 0;
    int used = 0;
    const char *p;

    if (maxw <= 0 || y < 0 || y >= t->rows || x >= t->cols)
        return 0;
    if (x + maxw > t->cols)
        maxw = t->cols - x;
    sbuf_init(&clean);
    text_sanitize(&clean, s ? s : "", 0);
    attrset(draw_attr(t, slot));
    move(y, x);
    for (p = clean.buf; *p;) {
        size_t n;
        uint32_t cp = utf8_decode_at(p, &n);
        int w = text_char_width(cp);
        if (w < 0)
            w = 1;
        if (!t->utf8 && cp >= 0x80) {
            const char *a = w == 0 ? "" : text_ascii(cp);
            int aw = (int)strlen(a);
            if (used + aw > maxw)
                break;
            for (const char *q = a; *q && nw < CC_ARRAY_LEN(buf) - 1; q++)
                buf[nw++] = (wchar_t)*q;
            used += aw;
        } else {
            if (used + w > maxw)
                break;
            if (nw < CC_ARRAY_LEN(buf) - 1)
                buf[nw++] = (wchar_t)cp;
            used += w;
        }
        p += n;
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

void draw_fill(struct tui *t, int y, int x, int w, enum theme_slot slot)
{
    if (y < 0 || y >= t->rows || w <= 0)
        return;
    if (x + w > t->cols)
        w = t->cols - x;
    attrset(draw_attr(t, slot));
    mvhline(y, x, ' ', w);
}

void draw_vline(struct tui *t, int y, int x, int h)
{
    attrset(draw_attr(t, TS_BORDER));
    if (t->utf8)
        mvvline(y, x, ACS_VLINE, h);
    else
        mvvline(y, x, '|', h);
}

void draw_hline(struct tui *t, int y, int x, int w)
{
    attrset(draw_attr(t, TS_BORDER));
    if (t->utf8)
        mvhline(y, x, ACS_HLINE, w);
    else
        mvhline(y, x, '-', w);
}

void draw_cursor(struct tui *t, int y, int x)
{
    t->want_cursor = 1;
    t->cur_y = y;
    t->cur_x = x < t->cols ? x : t->cols - 1;
}

void draw_header(struct tui *t, const char *left, const char *right)
{
    int rw = right ? (int)text_width(right) : 0;
    draw_fill(t, 0, 0, t->cols, TS_HEADER);
    draw_text(t, 0, 1, left, t->cols - rw - 3, TS_HEADER);
    if (right && rw < t->cols - 2)
        draw_text(t, 0, t->cols - rw - 1, right, rw, TS_HEADER);
}

void draw_status(struct tui *t, const char *hints)
{
    int y = t->rows - 1;
    if (t->prompt.active) {
        size_t row, col;
        int lw;
        draw_fill(t, y, 0, t->cols, TS_STATUS);
        lw = draw_text(t, y, 0, t->prompt.label, t->cols / 2, TS_STATUS);
        draw_text(t, y, lw, t->prompt.eb.text, t->cols - lw - 1, TS_STATUS);
        editbuf_cursor_rowcol(&t->prompt.eb, 100000, &row, &col);
        draw_cursor(t, y, lw + (int)col < t->cols ? lw + (int)col : t->cols - 1);
        return;
    }
    if (t->msg[0]) {
        draw_fill(t, y, 0, t->cols, t->msg_error ? TS_ERROR : TS_MESSAGE);
        draw_text(t, y, 0, t->msg, t->cols, t->msg_error ? TS_ERROR : TS_MESSAGE);
        return;
    }
    draw_fill(t, y, 0, t->cols, TS_STATUS);
    draw_text(t, y, 0, hints, t->cols, TS_STATUS);
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
