/* tui_diff.c — the diff view: pick a snapshot, then see what changed between
 * it and the working assessment.  Side by side from TUI_WIDE_COLS columns,
 * unified below; changed words highlighted, and bracketed ([-old-] {+new+})
 * when there is no colour, so the change is visible on any terminal.  The
 * view only draws the assessment_diff that the core computes. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "textutil.h"

static void free_lines(struct dline *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < v[i].n; k++)
            free(v[i].v[k].text);
        free(v[i].v);
    }
    free(v);
}

void diff_close(struct tui *t)
{
    struct aview *av = t->av;
    struct dview *dv = av->dv;
    av->snap_pick = 0;
    strlist_release(&av->snaps);
    if (!dv)
        return;
    free_lines(dv->lines, dv->nlines);
    assessment_diff_release(&dv->d);
    assessment_free(dv->old);
    free(dv->old_name);
    free(dv);
    av->dv = NULL;
}

void diff_pick_open(struct tui *t)
{
    struct aview *av = t->av;
    struct strlist names = { 0 };
    struct cc_err err;
    if (store_snapshots(t->env->data, av->a->coop.id, &names, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    if (names.n == 0) {
        tui_message(t, 0, "no snapshot yet, so nothing to compare with: s takes one");
        strlist_release(&names);
        return;
    }
    strlist_release(&av->snaps);
    for (size_t i = names.n; i-- > 0;)
        strlist_push(&av->snaps, names.v[i]);
    strlist_release(&names);
    av->snap_sel = 0;
    av->snap_pick = 1;
}

/* ---- layout: styled lines ---- */

struct lines {
    struct dline *v;
    size_t n;
};

static struct dline *new_line(struct lines *l, int question)
{
    l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
    l->v[l->n].question = question;
    return &l->v[l->n++];
}

static void add_seg(struct dline *d, const char *s, size_t len, enum theme_slot slot)
{
    if (d->n && d->v[d->n - 1].slot == slot) {
        struct dseg *last = &d->v[d->n - 1];
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

/* A piece of styled text to be wrapped. */
struct rich {
    const char *text;
    enum theme_slot slot;
    const char *open, *close;   /* brackets without colour, or NULL */
};

/* Word-wraps styled pieces into lines of width columns, indented. */
static void wrap_rich(struct lines *out, const struct rich *pieces, size_t n, int width, int indent,
                      int question)
{
    struct dline *line = new_line(out, question);
    int col = 0;
    char pad[64];
    memset(pad, ' ', sizeof(pad));
    if (indent > (int)sizeof(pad))
        indent = (int)sizeof(pad);
    if (width - indent < 8)
        width = indent + 8;
    add_seg(line, pad, (size_t)indent, TS_NORMAL);
    for (size_t i = 0; i < n; i++) {
        struct sbuf clean;
        const char *p;
        sbuf_init(&clean);
        if (pieces[i].open)
            sbuf_adds(&clean, pieces[i].open);
        text_sanitize(&clean, pieces[i].text, TEXT_ALLOW_NEWLINE | TEXT_ALLOW_TAB);
        if (pieces[i].close)
            sbuf_adds(&clean, pieces[i].close);
        for (p = clean.buf; *p;) {
            size_t tl = 0;
            int tw;
            if (*p == '\n') {
                line = new_line(out, question);
                add_seg(line, pad, (size_t)indent, TS_NORMAL);
                col = 0;
                p++;
                continue;
            }
            /* a token: a run of spaces or of other characters */
            if (*p == ' ' || *p == '\t')
                while (p[tl] == ' ' || p[tl] == '\t')
                    tl++;
            else
                while (p[tl] && p[tl] != ' ' && p[tl] != '\t' && p[tl] != '\n')
                    tl++;
            {
                char *tok = xstrndup(p, tl);
                tw = (int)text_width(tok);
                free(tok);
            }
            if (col > 0 && col + tw > width - indent && *p != ' ' && *p != '\t') {
                line = new_line(out, question);
                add_seg(line, pad, (size_t)indent, TS_NORMAL);
                col = 0;
            }
            if (tw > width - indent) {
                /* longer than a line: by characters */
                for (size_t k = 0; k < tl;) {
                    size_t cl;
                    int cw = text_char_width(utf8_decode_at(p + k, &cl));
                    if (cw < 0)
                        cw = 1;
                    if (col + cw > width - indent) {
                        line = new_line(out, question);
                        add_seg(line, pad, (size_t)indent, TS_NORMAL);
                        col = 0;
                    }
                    add_seg(line, p + k, cl, pieces[i].slot);
                    col += cw;
                    k += cl;
                }
            } else {
                add_seg(line, p, tl, pieces[i].slot);
                col += tw;
            }
            p += tl;
        }
        sbuf_release(&clean);
    }
}

static void plain_line(struct lines *out, const char *text, enum theme_slot slot, int indent,
                       int width, int question)
{
    struct rich r = { text, slot, NULL, NULL };
    wrap_rich(out, &r, 1, width, indent, question);
}

static const char *yn_word(enum yesno v, enum lang l)
{
    return v == YN_YES ? ui(S_YES, l) : v == YN_NO ? ui(S_NO, l) : v == YN_UNSURE ? ui(S_UNSURE, l)
                                                                  : ui(S_UNANSWERED, l);
}

/* The old (side 0) or new (side 1) version of a text field as rich pieces. */
static size_t side_pieces(const struct word_diff *w, int side, int brackets, struct rich *out)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n; i++) {
        const struct diff_piece *p = &w->v[i];
        if (p->op == DIFF_EQUAL) {
            out[n++] = (struct rich){ p->text, TS_NORMAL, NULL, NULL };
        } else if (p->op == DIFF_DELETE && side == 0) {
            out[n++] = (struct rich){ p->text, TS_DIFF_REMOVED, brackets ? "[-" : NULL, brackets ? "-]" : NULL };
        } else if (p->op == DIFF_INSERT && side == 1) {
            out[n++] = (struct rich){ p->text, TS_DIFF_ADDED, brackets ? "{+" : NULL, brackets ? "+}" : NULL };
        } else if (side == 2) {   /* unified */
            out[n++] = p->op == DIFF_DELETE
                           ? (struct rich){ p->text, TS_DIFF_REMOVED, brackets ? "[-" : NULL, brackets ? "-]" : NULL }
                           : (struct rich){ p->text, TS_DIFF_ADDED, brackets ? "{+" : NULL, brackets ? "+}" : NULL };
        }
    }
    return n;
}

/* Appends two columns as one set of lines: left and right laid out apart,
 * then joined row by row. */
static void join_columns(struct lines *out, struct lines *left, struct lines *right, int colw,
                         int question)
{
    size_t rows = left->n > right->n ? left->n : right->n;
    for (size_t r = 0; r < rows; r++) {
        struct dline *line = new_line(out, question);
        int used = 0;
        if (r < left->n) {
            for (size_t k = 0; k < left->v[r].n; k++) {
                add_seg(line, left->v[r].v[k].text, strlen(left->v[r].v[k].text), left->v[r].v[k].slot);
                used += (int)text_width(left->v[r].v[k].text);
            }
        }
        for (; used < colw + 2; used++)
            add_seg(line, " ", 1, TS_NORMAL);
        if (r < right->n)
            for (size_t k = 0; k < right->v[r].n; k++)
                add_seg(line, right->v[r].v[k].text, strlen(right->v[r].v[k].text), right->v[r].v[k].slot);
    }
    free_lines(left->v, left->n);
    free_lines(right->v, right->n);
}

static void layout_diff(struct tui *t, struct dview *dv, int width, int side)
{
    const struct assessment_diff *d = &dv->d;
    const struct catalog *cat = d->cat;
    const struct diff_summary *s = &d->sum;
    /* without colour (NO_COLOR, a monochrome terminal or theme) the changed
     * words are bracketed too */
    int brackets = !t->colors || (t->theme.slot[TS_DIFF_ADDED].fg == THEME_DEFAULT_COLOR &&
                                  t->theme.slot[TS_DIFF_ADDED].bg == THEME_DEFAULT_COLOR);
    struct lines out = { 0 };
    char *line;
    int colw = (width - 4) / 2;

    line = xasprintf("%zu changed, %zu newly answered, %zu cleared, %zu unchanged", s->changed,
                     s->newly_answered, s->cleared, s->unchanged);
    plain_line(&out, line, TS_TITLE, 0, width, -1);
    free(line);
    line = xasprintf("yes->no %zu, no->yes %zu, to unsure %zu, from unsure %zu; follow-up raised %zu, "
                     "cleared %zu", s->yes_to_no, s->no_to_yes, s->to_unsure, s->from_unsure,
                     s->followup_raised, s->followup_cleared);
    plain_line(&out, line, TS_NORMAL, 0, width, -1);
    free(line);
    if (s->text_changed) {
        line = xasprintf("%zu question text(s) changed between the catalogue versions", s->text_changed);
        plain_line(&out, line, TS_NORMAL, 0, width, -1);
        free(line);
    }
    if (side) {
        struct lines l = { 0 }, r = { 0 };
        line = xasprintf("%s %s", sym(t, "◀", "<"), dv->old_name);
        plain_line(&l, line, TS_HELP_HEADING, 0, colw, -1);
        free(line);
        line = xasprintf("%s %s", sym(t, "▶", ">"), "working assessment");
        plain_line(&r, line, TS_HELP_HEADING, 0, colw, -1);
        free(line);
        new_line(&out, -1);
        join_columns(&out, &l, &r, colw, -1);
    }
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        const struct question_diff *qd = &d->q[qi];
        if (!qd->changed && !qd->text_changed)
            continue;
        new_line(&out, (int)qi);
        line = xasprintf("%d  %s", q->number, l10n_get(&q->title, t->lang));
        plain_line(&out, line, TS_SECTION, 0, width, (int)qi);
        out.v[out.n - 1].change = 1;
        free(line);
        if (qd->text_changed)
            plain_line(&out, "(the question's text changed between the catalogue versions)", TS_NORMAL,
                       2, width, (int)qi);
        if (qd->followup_old != qd->followup_new)
            plain_line(&out, qd->followup_new ? "follow-up raised" : "follow-up cleared", TS_FLAG, 2,
                       width, (int)qi);
        for (size_t f = 0; f < qd->nf && f < q->nfields; f++) {
            const struct field_diff *fd = &qd->f[f];
            if (fd->change == FC_SAME)
                continue;
            plain_line(&out, l10n_get(&q->fields[f].label, t->lang), TS_LABEL, 2, width, (int)qi);
            if (q->fields[f].type == FIELD_YESNO) {
                struct rich r[3] = {
                    { yn_word(fd->old_yn, t->lang), TS_DIFF_REMOVED, brackets ? "[-" : NULL, brackets ? "-]" : NULL },
                    { " -> ", TS_NORMAL, NULL, NULL },
                    { yn_word(fd->new_yn, t->lang), TS_DIFF_ADDED, brackets ? "{+" : NULL, brackets ? "+}" : NULL },
                };
                wrap_rich(&out, r, 3, width, 4, (int)qi);
            } else {
                struct rich *pieces = xcalloc(fd->words.n + 1, sizeof(*pieces));
                size_t n;
                if (side) {
                    struct lines l = { 0 }, r = { 0 };
                    n = side_pieces(&fd->words, 0, brackets, pieces);
                    wrap_rich(&l, pieces, n, colw, 4, (int)qi);
                    n = side_pieces(&fd->words, 1, brackets, pieces);
                    wrap_rich(&r, pieces, n, colw, 4, (int)qi);
                    join_columns(&out, &l, &r, colw, (int)qi);
                } else {
                    n = side_pieces(&fd->words, 2, brackets, pieces);
                    wrap_rich(&out, pieces, n, width, 4, (int)qi);
                }
                free(pieces);
            }
        }
    }
    if (s->changed == 0) {
        new_line(&out, -1);
        plain_line(&out, "No answer changed since this snapshot.", TS_NORMAL, 0, width, -1);
    }
    dv->lines = out.v;
    dv->nlines = out.n;
    dv->width = width;
    dv->side = side;
}

static void relayout(struct tui *t, struct dview *dv)
{
    int side = t->cols >= TUI_WIDE_COLS;
    int width = t->cols - 2;
    if (dv->lines && dv->width == width && dv->side == side)
        return;
    free_lines(dv->lines, dv->nlines);
    dv->lines = NULL;
    dv->nlines = 0;
    dv->cur = -1;   /* the lines moved: start over */
    layout_diff(t, dv, width, side);
}

/* ---- opening ---- */

static void diff_open(struct tui *t, const char *name)
{
    struct aview *av = t->av;
    struct dview *dv = xcalloc(1, sizeof(*dv));
    struct cc_err err;
    if (store_load_snapshot(t->env->data, av->a->coop.id, name, &t->env->cats, &dv->old, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        free(dv);
        return;
    }
    if (assessment_diff(dv->old, av->a, &dv->d, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        assessment_free(dv->old);
        free(dv);
        return;
    }
    dv->old_name = xasprintf("snapshot %s", name);
    dv->cur = -1;
    av->dv = dv;
    av->snap_pick = 0;
}

/* ---- drawing ---- */

void diff_draw(struct tui *t)
{
    struct aview *av = t->av;
    if (av->snap_pick) {
        draw_header(t, "Compare the working assessment with a snapshot", NULL);
        for (size_t i = 0; i < av->snaps.n && (int)i < t->rows - 3; i++) {
            enum theme_slot s = i == av->snap_sel ? TS_LIST_SELECTED : TS_LIST;
            draw_fill(t, 2 + (int)i, 0, t->cols, s);
            draw_text(t, 2 + (int)i, 2, av->snaps.v[i], t->cols - 4, s);
        }
        draw_status(t, "j/k choose a snapshot  Enter compare  q/Esc back");
        return;
    }
    {
        struct dview *dv = av->dv;
        int h = t->rows - 2;
        char *title = xasprintf("%s: %s %s working assessment", av->a->coop.id, dv->old_name,
                                sym(t, "→", "->"));
        relayout(t, dv);
        draw_header(t, title, NULL);
        free(title);
        if (dv->top + (size_t)h > dv->nlines)
            dv->top = dv->nlines > (size_t)h ? dv->nlines - (size_t)h : 0;
        for (int y = 0; y < h && dv->top + (size_t)y < dv->nlines; y++) {
            size_t i = dv->top + (size_t)y;
            const struct dline *l = &dv->lines[i];
            int x = 1, current = dv->cur >= 0 && (size_t)dv->cur == i;
            if (current)
                draw_fill(t, 1 + y, 0, t->cols, TS_LIST_SELECTED);
            for (size_t k = 0; k < l->n && x < t->cols - 1; k++)
                x += draw_text(t, 1 + y, x, l->v[k].text, t->cols - 1 - x,
                               current ? TS_LIST_SELECTED : l->v[k].slot);
        }
        draw_status(t, "j/k scroll  ]/[ next/previous change  Enter go to the question  q/Esc close");
    }
}

/* ---- keys ---- */

/* Makes the next (dir 1) or previous (-1) changed question the current one
 * and scrolls it into view. */
static void jump_change(struct tui *t, struct dview *dv, int dir)
{
    long i = dv->cur >= 0 ? dv->cur : (dir > 0 ? (long)dv->top - 1 : (long)dv->top);
    size_t h = t->rows > 2 ? (size_t)t->rows - 2 : 1;
    for (;;) {
        i += dir;
        if (i < 0 || (size_t)i >= dv->nlines) {
            tui_message(t, 0, dir > 0 ? "no further change" : "no earlier change");
            return;
        }
        if (dv->lines[i].change)
            break;
    }
    dv->cur = i;
    if ((size_t)i < dv->top || (size_t)i >= dv->top + h)
        dv->top = (size_t)i;
}

int diff_key(struct tui *t, int key)
{
    struct aview *av = t->av;
    enum action a = keymap_lookup(&t->km, key);
    if (av->snap_pick) {
        if (key == 'q' || key == KEYC_ESC) {
            diff_close(t);
            return 1;
        }
        if (a == ACT_UP && av->snap_sel > 0)
            av->snap_sel--;
        else if (a == ACT_DOWN && av->snap_sel + 1 < av->snaps.n)
            av->snap_sel++;
        else if (a == ACT_EDIT || a == ACT_OPEN) {
            char *name = xstrdup(av->snaps.v[av->snap_sel]);
            diff_open(t, name);
            free(name);
            if (!av->dv)
                diff_close(t);
        }
        return 0;
    }
    if (!av->dv)
        return 1;
    {
        struct dview *dv = av->dv;
        size_t page = t->rows > 4 ? (size_t)t->rows - 4 : 1;
        if (key == 'q' || key == KEYC_ESC || a == ACT_DIFF) {
            diff_close(t);
            return 1;
        }
        switch (a) {
        case ACT_UP: if (dv->top) dv->top--; break;
        case ACT_DOWN: dv->top++; break;
        case ACT_PAGE_UP: dv->top = dv->top > page ? dv->top - page : 0; break;
        case ACT_PAGE_DOWN: case ACT_CYCLE: dv->top += page; break;
        case ACT_FIRST: dv->top = 0; break;
        case ACT_LAST: dv->top = dv->nlines; break;
        case ACT_NEXT_OPEN: jump_change(t, dv, 1); break;
        case ACT_PREV_OPEN: jump_change(t, dv, -1); break;
        case ACT_EDIT: {
            long q = dv->cur >= 0 ? dv->lines[dv->cur].question : -1;
            for (size_t i = dv->top; i < dv->nlines && q < 0; i++)
                q = dv->lines[i].question;
            if (q < 0) {
                tui_message(t, 0, "move to a changed question first (] jumps to the next)");
                break;
            }
            diff_close(t);
            assess_select(t, q);
            av->focus = FOCUS_FIELDS;
            return 1;
        }
        default: break;
        }
    }
    return 0;
}
