/* tui_pager.c — a page of text to scroll: the full-screen help of a
 * question, the catalogue's about page and the key overview.  The text is
 * made again for each frame by its owner's render function, so that it
 * follows the window's width and the language. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "textutil.h"

struct pager {
    struct screen base;
    void (*render)(struct tui *t, void *ctx, int width, struct strlist *lines, struct sbuf *title);
    void *ctx;
    size_t top;
};

static const struct hint pager_hints[] = {
    { ACT_DOWN, ACT_UP, N_("scroll") }, { ACT_PAGE_DOWN, ACT_PAGE_UP, N_("page") },
    { ACT_FIRST, ACT_LAST, N_("top/end") }, { ACT_LANGUAGE, ACT_NONE, NULL },
    { ACT_CLOSE, ACT_NONE, NULL }, { ACT_NONE, ACT_NONE, NULL },
};

static size_t page_rows(struct tui *t)
{
    int h = t->rows - 1 - status_rows(t);
    return h > 1 ? (size_t)h : 1;
}

/* A line whose words between HELP_EMPH_ON and HELP_EMPH_OFF are emphasised
 * (the source's bold). */
static void draw_marked(struct tui *t, int y, int x, const char *line, int maxw, enum theme_slot base)
{
    int bold = 0;
    while (*line && maxw > 0) {
        size_t n = strcspn(line, "\x02\x03");
        char *seg = xstrndup(line, n);
        int used = draw_text(t, y, x, seg, maxw, bold ? TS_QUESTION : base);
        free(seg);
        x += used;
        maxw -= used;
        line += n;
        if (*line)
            bold = *line++ == HELP_EMPH_ON;
    }
}

static void pager_draw(struct tui *t, struct screen *s)
{
    struct pager *p = (struct pager *)s;
    struct strlist lines = { 0 };
    struct sbuf title;
    size_t h = page_rows(t);
    sbuf_init(&title);
    p->render(t, p->ctx, t->cols - 2, &lines, &title);
    if (p->top + h > lines.n)
        p->top = lines.n > h ? lines.n - h : 0;
    draw_header(t, title.buf, NULL);
    for (size_t y = 0; y < h && p->top + y < lines.n; y++) {
        const char *line = lines.v[p->top + y];
        draw_marked(t, 1 + (int)y, 1, line, t->cols - 2,
                    line[0] && line[0] != ' ' ? TS_HELP_HEADING : TS_HELP_TEXT);
    }
    draw_status(t, CTX_PAGER, pager_hints);
    strlist_release(&lines);
    sbuf_release(&title);
}

static void pager_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct pager *p = (struct pager *)s;
    size_t page = page_rows(t);
    (void)key;
    switch (a) {
    case ACT_UP: if (p->top) p->top--; break;
    case ACT_DOWN: p->top++; break;
    case ACT_PAGE_UP: p->top = p->top > page ? p->top - page : 0; break;
    case ACT_PAGE_DOWN: case ACT_READ_ON: p->top += page; break;
    case ACT_FIRST: p->top = 0; break;
    case ACT_LAST: p->top = (size_t)-1 / 2; break;
    case ACT_LANGUAGE: tui_toggle_language(t); break;
    case ACT_CLOSE: screen_pop(t); break;
    default: break;
    }
}

static void pager_destroy(struct tui *t, struct screen *s)
{
    (void)t;
    free(((struct pager *)s)->ctx);
    free(s);
}

static const struct screen_ops pager_ops = {
    CTX_PAGER, 0, pager_draw, pager_key, NULL, pager_destroy, pager_hints,
};

void pager_open(struct tui *t, void (*render)(struct tui *t, void *ctx, int width,
                                              struct strlist *lines, struct sbuf *title),
                void *ctx)
{
    struct pager *p = xcalloc(1, sizeof(*p));
    p->base.ops = &pager_ops;
    p->render = render;
    p->ctx = ctx;
    screen_push(t, &p->base);
}

/* ---- the key overview ---- */

/* ctx: the screen the overview was opened from, shown first. */
static void keys_render(struct tui *t, void *ctx, int width, struct strlist *lines, struct sbuf *title)
{
    struct sbuf sb;
    sbuf_adds(title, _("Keys"));
    sbuf_init(&sb);
    keymap_overview(&t->km, *(enum keyctx *)ctx, &sb, (size_t)width);
    sbuf_addc(&sb, '\n');
    text_wrap(&sb, _("Change them in config.ini, section [keys]: for example \"down = x, Down\" "
                     "(see coopcheck(1), KEYS)."), (size_t)width, 0);
    split_lines(sb.buf, lines);
    sbuf_release(&sb);
}

void keys_open(struct tui *t)
{
    enum keyctx *from = xmalloc(sizeof(*from));
    struct screen *top = t->depth ? t->stack[t->depth - 1] : NULL;
    *from = top ? top->ops->ctx : CTX_COUNT;
    pager_open(t, keys_render, from);
}
