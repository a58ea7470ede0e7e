/* tui_diff.c — comparing the working assessment with a snapshot: a screen
 * to choose the snapshot, then the diff view.  The view draws the diff
 * document the command line prints too (diffout_doc): each block wrapped to
 * the width, its tags in the theme's colours, changed words bracketed
 * ([-old-] {+new+}) when there is no colour; from TUI_WIDE_COLS the old and
 * new text of a changed answer stand side by side. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "diffout.h"
#include "store.h"
#include "textutil.h"

/* ---- choosing a snapshot ---- */

struct chooser {
    struct screen base;
    struct strlist names;   /* newest first */
    char **about;           /* per name: who took it, complete or interim, its
                             * note; NULL until its row is first drawn */
    int about_lang;         /* the language they are in */
    size_t sel, top;        /* top: the first name on the screen */
};

/* What snapshot i is, as `coopcheck snapshots` says it, read when its row
 * is first shown (a snapshot is read whole: only those on the screen). */
static const char *chooser_about(struct tui *t, struct chooser *c, size_t i)
{
    struct assessment *s;
    struct cc_err err;
    if (c->about_lang != (int)t->lang) {
        for (size_t k = 0; k < c->names.n; k++) {
            free(c->about[k]);
            c->about[k] = NULL;
        }
        c->about_lang = (int)t->lang;
    }
    if (c->about[i])
        return c->about[i];
    if (store_load_snapshot(t->env->data, t->av->a->coop.id, c->names.v[i], &t->env->cats, &s,
                            &err) != 0) {
        c->about[i] = xasprintf("(%s)", err.msg);
    } else {
        size_t n;
        char *note = s->snap->note ? paste_as_line(s->snap->note, strlen(s->snap->note), &n)
                                   : NULL;
        /* TRANSLATORS: a snapshot in the list to compare with: "complete" or
         * "interim", who took it, then ": " and its note when it has one */
        c->about[i] = xasprintf(_("%s, by %s%s%s"),
                                s->snap->complete ? _("complete") : _("interim"),
                                s->snap->taken_by ? s->snap->taken_by : "?", note ? ": " : "",
                                note ? note : "");
        free(note);
        assessment_free(s);
    }
    return c->about[i];
}

/* The rows the names have: below the header and its blank line, above the
 * status area. */
static size_t chooser_rows(struct tui *t)
{
    int h = t->rows - 2 - status_rows(t);
    return h > 0 ? (size_t)h : 1;
}

static const struct hint chooser_hints[] = {
    { ACT_DOWN, ACT_UP, N_("choose") }, { ACT_OPEN, ACT_NONE, N_("compare") },
    { ACT_CLOSE, ACT_NONE, N_("back") }, { ACT_NONE, ACT_NONE, NULL },
};

static void view_open(struct tui *t, const char *name);

static void chooser_draw(struct tui *t, struct screen *s)
{
    struct chooser *c = (struct chooser *)s;
    size_t h = chooser_rows(t);
    char pos[64];
    int x;
    /* the selected name stays on the screen: the list scrolls with it */
    if (c->sel < c->top)
        c->top = c->sel;
    if (c->sel >= c->top + h)
        c->top = c->sel - h + 1;
    if (c->top + h > c->names.n)
        c->top = c->names.n > h ? c->names.n - h : 0;
    snprintf(pos, sizeof(pos), _("%zu of %zu"), c->sel + 1, c->names.n);
    draw_header(t, _("Compare the working assessment with a snapshot"), pos);
    for (size_t y = 0; y < h && c->top + y < c->names.n; y++) {
        size_t i = c->top + y;
        enum theme_slot slot = i == c->sel ? TS_LIST_SELECTED : TS_LIST;
        draw_fill(t, 2 + (int)y, 0, t->cols, slot);
        if (i == c->sel)
            draw_focus(t, 2 + (int)y, 2);
        x = draw_text(t, 2 + (int)y, 2, c->names.v[i], t->cols - 4, slot);
        if (t->cols - 4 - x > 4)
            draw_text(t, 2 + (int)y, 4 + x, chooser_about(t, c, i), t->cols - 6 - x, slot);
    }
    draw_status(t, CTX_SNAPSHOTS, chooser_hints);
}

static void chooser_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct chooser *c = (struct chooser *)s;
    size_t page = chooser_rows(t), last = c->names.n - 1;
    (void)key;
    switch (a) {
    case ACT_UP: if (c->sel) c->sel--; break;
    case ACT_DOWN: if (c->sel < last) c->sel++; break;
    case ACT_FIRST: c->sel = 0; break;
    case ACT_LAST: c->sel = last; break;
    case ACT_PAGE_UP: c->sel = c->sel > page ? c->sel - page : 0; break;
    case ACT_PAGE_DOWN: c->sel = c->sel + page < last ? c->sel + page : last; break;
    case ACT_OPEN: {
        char *name = xstrdup(c->names.v[c->sel]);
        screen_pop(t);
        view_open(t, name);
        free(name);
        break;
    }
    case ACT_CLOSE: screen_pop(t); break;
    default: break;
    }
}

static void chooser_destroy(struct tui *t, struct screen *s)
{
    struct chooser *c = (struct chooser *)s;
    (void)t;
    for (size_t i = 0; i < c->names.n; i++)
        free(c->about[i]);
    free(c->about);
    strlist_release(&c->names);
    free(s);
}

static const struct screen_ops chooser_ops = {
    CTX_SNAPSHOTS, 0, chooser_draw, chooser_key, NULL, chooser_destroy, chooser_hints,
};

void diff_open(struct tui *t)
{
    struct strlist names = { 0 };
    struct chooser *c;
    struct cc_err err;
    if (store_snapshots(t->env->data, t->av->a->coop.id, &names, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    if (names.n == 0) {
        char keys[48];
        keymap_describe(&t->km, ACT_SNAPSHOT, 1, keys, sizeof(keys));
        tui_message(t, 0, _("no snapshot yet, so nothing to compare with: %s takes one"), keys);
        strlist_release(&names);
        return;
    }
    c = xcalloc(1, sizeof(*c));
    c->base.ops = &chooser_ops;
    for (size_t i = names.n; i-- > 0;)
        strlist_push(&c->names, names.v[i]);
    strlist_release(&names);
    c->about = xcalloc(c->names.n, sizeof(*c->about));
    c->about_lang = (int)t->lang;
    screen_push(t, &c->base);
}

/* ---- the view: lines of styled segments ---- */

struct seg {
    char *text;
    enum theme_slot slot;
};

struct line {
    struct seg *v;
    size_t n;
    int question;     /* the question this line belongs to, or -1 */
    int change;       /* 1 on the first line of a changed question */
};

struct lines {
    struct line *v;
    size_t n;
};

static void free_lines(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t k = 0; k < l->v[i].n; k++)
            free(l->v[i].v[k].text);
        free(l->v[i].v);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}

static struct line *new_line(struct lines *l, int question)
{
    l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
    l->v[l->n].question = question;
    return &l->v[l->n++];
}

static void add_seg(struct line *d, const char *s, size_t len, enum theme_slot slot)
{
    if (d->n && d->v[d->n - 1].slot == slot) {
        struct seg *last = &d->v[d->n - 1];
        size_t old = strlen(last->text);
        last->text = xrealloc(last->text, old + len + 1);
        memcpy(last->text + old, s, len);
        last->text[old + len] = '\0';
        return;
    }
    d->v = xrealloc(d->v, (d->n + 1) * sizeof(*d->v));
    d->v[d->n].text = xstrndup(s, len);
    d->v[d->n].slot = slot;
    d->n++;
}

static enum theme_slot tag_slot(enum dtag tag)
{
    static const enum theme_slot slots[] = {
        [DT_TEXT] = TS_NORMAL, [DT_TITLE] = TS_TITLE, [DT_HEADING] = TS_SECTION,
        [DT_LABEL] = TS_LABEL, [DT_NOTE] = TS_FLAG, [DT_REMOVED] = TS_DIFF_REMOVED,
        [DT_ADDED] = TS_DIFF_ADDED, [DT_OLD] = TS_DIFF_REMOVED, [DT_NEW] = TS_DIFF_ADDED,
    };
    return (unsigned)tag < CC_ARRAY_LEN(slots) ? slots[tag] : TS_NORMAL;
}

struct wrapper {
    struct lines *out;
    struct line *line;
    int col, width, indent, question;
};

static void wrap_newline(struct wrapper *w)
{
    static const char pad[] = "                                                                ";
    w->line = new_line(w->out, w->question);
    add_seg(w->line, pad, (size_t)(w->indent < 64 ? w->indent : 64), TS_NORMAL);
    w->col = 0;
}

/* One token (a run of spaces, or of other characters) into the lines. */
static void wrap_token(struct wrapper *w, const char *p, size_t tl, enum theme_slot slot)
{
    char *tok = xstrndup(p, tl);
    int tw = (int)text_width(tok), room = w->width - w->indent;
    free(tok);
    if (w->col > 0 && w->col + tw > room && *p != ' ' && *p != '\t')
        wrap_newline(w);
    if (tw <= room) {
        add_seg(w->line, p, tl, slot);
        w->col += tw;
        return;
    }
    for (size_t k = 0; k < tl;) {   /* longer than a line: by characters */
        size_t cl;
        int cw = text_char_width(utf8_decode_at(p + k, &cl));
        if (cw < 0)
            cw = 1;
        if (w->col + cw > room)
            wrap_newline(w);
        add_seg(w->line, p + k, cl, slot);
        w->col += cw;
        k += cl;
    }
}

/* Word-wraps spans into lines of width columns, indented; brackets mark
 * removed and added words when there is no colour. */
static void wrap_spans(struct lines *out, const struct dspan *v, size_t n, int width, int indent,
                       int question, int brackets)
{
    struct wrapper w = { out, NULL, 0, width, indent, question };
    if (w.width - w.indent < 8)
        w.width = w.indent + 8;
    wrap_newline(&w);
    for (size_t i = 0; i < n; i++) {
        enum theme_slot slot = tag_slot(v[i].tag);
        int mark = brackets && (v[i].tag == DT_REMOVED || v[i].tag == DT_ADDED);
        struct sbuf text;
        sbuf_init(&text);
        if (mark)
            sbuf_adds(&text, v[i].tag == DT_REMOVED ? "[-" : "{+");
        sbuf_adds(&text, v[i].text);
        if (mark)
            sbuf_adds(&text, v[i].tag == DT_REMOVED ? "-]" : "+}");
        for (const char *p = text.buf; *p;) {
            size_t tl = 0;
            if (*p == '\n') {
                wrap_newline(&w);
                p++;
                continue;
            }
            if (*p == ' ' || *p == '\t')
                while (p[tl] == ' ' || p[tl] == '\t')
                    tl++;
            else
                while (p[tl] && p[tl] != ' ' && p[tl] != '\t' && p[tl] != '\n')
                    tl++;
            wrap_token(&w, p, tl, slot);
            p += tl;
        }
        sbuf_release(&text);
    }
}

/* Two columns laid out apart, then joined row by row. */
static void join_columns(struct lines *out, struct lines *left, struct lines *right, int colw,
                         int question)
{
    size_t rows = left->n > right->n ? left->n : right->n;
    for (size_t r = 0; r < rows; r++) {
        struct line *line = new_line(out, question);
        int used = 0;
        for (size_t k = 0; r < left->n && k < left->v[r].n; k++) {
            add_seg(line, left->v[r].v[k].text, strlen(left->v[r].v[k].text), left->v[r].v[k].slot);
            used += (int)text_width(left->v[r].v[k].text);
        }
        for (; used < colw + 2; used++)
            add_seg(line, " ", 1, TS_NORMAL);
        for (size_t k = 0; r < right->n && k < right->v[r].n; k++)
            add_seg(line, right->v[r].v[k].text, strlen(right->v[r].v[k].text), right->v[r].v[k].slot);
    }
    free_lines(left);
    free_lines(right);
}

struct view {
    struct screen base;
    char *name;
    struct assessment *old;
    struct assessment_diff d;
    struct ddoc doc;
    struct lines lines;   /* laid out for width, side and lang below */
    int width, side;
    enum lang lang;
    size_t top;
    long cur;             /* the line of the current change (], [), or -1 */
};

static const struct hint view_hints[] = {
    { ACT_DOWN, ACT_UP, N_("scroll") }, { ACT_NEXT_CHANGE, ACT_PREV_CHANGE, N_("change") },
    { ACT_OPEN, ACT_NONE, N_("go to the question") }, { ACT_CLOSE, ACT_NONE, NULL },
    { ACT_NONE, ACT_NONE, NULL },
};

static void layout(struct tui *t, struct view *v)
{
    /* without colour (NO_COLOR, a monochrome terminal or theme) the changed
     * words are bracketed too */
    int brackets = !t->colors || (t->theme.slot[TS_DIFF_ADDED].fg == THEME_DEFAULT_COLOR &&
                                  t->theme.slot[TS_DIFF_ADDED].bg == THEME_DEFAULT_COLOR);
    int colw = (v->width - 4) / 2, headed = 0;
    char *old_label = xasprintf(_("snapshot %s"), v->name);
    diffout_doc_release(&v->doc);
    diffout_doc(&v->d, old_label, _("the working assessment"), t->lang, &v->doc);
    for (size_t i = 0; i < v->doc.n; i++) {
        const struct dblock *b = &v->doc.v[i];
        if (v->side && b->question >= 0 && !headed) {
            /* which column is which, after the summary */
            struct lines l = { 0 }, r = { 0 };
            struct dspan ls = { NULL, DT_TITLE }, rs = { NULL, DT_TITLE };
            ls.text = xasprintf("%s %s", sym(t, "◀", "<"), old_label);
            rs.text = xasprintf("%s %s", sym(t, "▶", ">"), _("the working assessment"));
            wrap_spans(&l, &ls, 1, colw, 0, -1, 0);
            wrap_spans(&r, &rs, 1, colw, 0, -1, 0);
            new_line(&v->lines, -1);
            join_columns(&v->lines, &l, &r, colw, -1);
            free(ls.text);
            free(rs.text);
            headed = 1;
        }
        if (b->sides && v->side) {
            struct lines l = { 0 }, r = { 0 };
            wrap_spans(&l, b->old, b->nold, colw, b->indent, b->question, brackets);
            wrap_spans(&r, b->new_, b->nnew, colw, b->indent, b->question, brackets);
            join_columns(&v->lines, &l, &r, colw, b->question);
        } else {
            size_t at = v->lines.n;
            wrap_spans(&v->lines, b->v, b->n, v->width, b->indent, b->question, brackets);
            if (b->first)
                v->lines.v[at].change = 1;
        }
    }
    if (v->d.sum.changed == 0)
        wrap_spans(&v->lines, &(struct dspan){ (char *)_("No answer changed since this snapshot."),
                                               DT_TEXT }, 1, v->width, 0, -1, 0);
    free(old_label);
}

static void relayout(struct tui *t, struct view *v)
{
    int side = t->cols >= TUI_WIDE_COLS, width = t->cols - 2;
    if (v->lines.v && v->width == width && v->side == side && v->lang == t->lang)
        return;
    free_lines(&v->lines);
    v->cur = -1;   /* the lines moved: start over */
    v->width = width;
    v->side = side;
    v->lang = t->lang;
    layout(t, v);
}

static void view_draw(struct tui *t, struct screen *s)
{
    struct view *v = (struct view *)s;
    int h = t->rows - 1 - status_rows(t);
    char *title = xasprintf(_("%s: snapshot %s %s the working assessment"), t->av->a->coop.id,
                            v->name, sym(t, "→", "->"));
    relayout(t, v);
    draw_header(t, title, NULL);
    free(title);
    if (v->top + (size_t)h > v->lines.n)
        v->top = v->lines.n > (size_t)h ? v->lines.n - (size_t)h : 0;
    for (int y = 0; y < h && v->top + (size_t)y < v->lines.n; y++) {
        size_t i = v->top + (size_t)y;
        const struct line *l = &v->lines.v[i];
        int x = 1, current = v->cur >= 0 && (size_t)v->cur == i;
        if (current) {
            draw_fill(t, 1 + y, 0, t->cols, TS_LIST_SELECTED);
            draw_focus(t, 1 + y, 1);
        }
        for (size_t k = 0; k < l->n && x < t->cols - 1; k++)
            x += draw_text(t, 1 + y, x, l->v[k].text, t->cols - 1 - x,
                           current ? TS_LIST_SELECTED : l->v[k].slot);
    }
    draw_status(t, CTX_DIFF, view_hints);
}

/* Makes the next (dir 1) or previous (-1) changed question the current one
 * and scrolls it into view. */
static void jump_change(struct tui *t, struct view *v, int dir)
{
    long i = v->cur >= 0 ? v->cur : (dir > 0 ? (long)v->top - 1 : (long)v->top);
    size_t h = t->rows > 2 ? (size_t)t->rows - 2 : 1;
    for (;;) {
        i += dir;
        if (i < 0 || (size_t)i >= v->lines.n) {
            tui_message(t, 0, "%s", dir > 0 ? _("no further change") : _("no earlier change"));
            return;
        }
        if (v->lines.v[i].change)
            break;
    }
    v->cur = i;
    if ((size_t)i < v->top || (size_t)i >= v->top + h)
        v->top = (size_t)i;
}

static void go_to_question(struct tui *t, struct view *v)
{
    long q = v->cur >= 0 ? v->lines.v[v->cur].question : -1;
    for (size_t i = v->top; i < v->lines.n && q < 0; i++)
        q = v->lines.v[i].question;
    if (q < 0) {
        char keys[48];
        keymap_describe(&t->km, ACT_NEXT_CHANGE, 1, keys, sizeof(keys));
        tui_message(t, 0, _("move to a changed question first (%s jumps to the next)"), keys);
        return;
    }
    screen_pop(t);
    assess_select(t, q, 1);
}

static void view_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct view *v = (struct view *)s;
    size_t page = t->rows > 4 ? (size_t)t->rows - 4 : 1;
    (void)key;
    switch (a) {
    case ACT_UP: if (v->top) v->top--; break;
    case ACT_DOWN: v->top++; break;
    case ACT_PAGE_UP: v->top = v->top > page ? v->top - page : 0; break;
    case ACT_PAGE_DOWN: case ACT_READ_ON: v->top += page; break;
    case ACT_FIRST: v->top = 0; break;
    case ACT_LAST: v->top = v->lines.n; break;
    case ACT_NEXT_CHANGE: jump_change(t, v, 1); break;
    case ACT_PREV_CHANGE: jump_change(t, v, -1); break;
    case ACT_OPEN: go_to_question(t, v); break;
    case ACT_CLOSE: screen_pop(t); break;
    default: break;
    }
}

static void view_destroy(struct tui *t, struct screen *s)
{
    struct view *v = (struct view *)s;
    (void)t;
    free_lines(&v->lines);
    diffout_doc_release(&v->doc);
    assessment_diff_release(&v->d);
    assessment_free(v->old);
    free(v->name);
    free(v);
}

static const struct screen_ops view_ops = {
    CTX_DIFF, 0, view_draw, view_key, NULL, view_destroy, view_hints,
};

static void view_open(struct tui *t, const char *name)
{
    struct view *v = xcalloc(1, sizeof(*v));
    struct cc_err err;
    if (store_load_snapshot(t->env->data, t->av->a->coop.id, name, &t->env->cats, &v->old, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        free(v);
        return;
    }
    if (assessment_diff(v->old, t->av->a, &v->d, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        assessment_free(v->old);
        free(v);
        return;
    }
    v->base.ops = &view_ops;
    v->name = xstrdup(name);
    v->cur = -1;
    screen_push(t, &v->base);
}
