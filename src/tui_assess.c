/* tui_assess.c — the assessment screen: the question list, the selected
 * question with its fields and the inline editor, the help pane (or the
 * full-screen help on narrow terminals) and the "about" page.
 *
 * Every change goes to the model through the undo log and is saved at once
 * (tui_edit.c); text typed in the editor is saved when the editor closes and
 * after a second without keys, and journaled to a recovery draft while the
 * typing goes on, so neither a dropped connection nor a kill loses it. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "cctime.h"
#include "afile.h"
#include "fsio.h"
#include "help.h"
#include "store.h"
#include "textutil.h"

struct layout {
    int top, h;               /* body rows */
    int list_w;               /* question list: columns 0 .. list_w-1 */
    int q_x, q_w;             /* question pane */
    int help_x, help_w;       /* help pane (0 width: none) */
};

static void layout(const struct tui *t, struct layout *l)
{
    l->top = 1;
    l->h = t->rows - 2;
    l->list_w = t->cols >= TUI_WIDE_COLS ? 34 : t->cols >= 100 ? 32 : 30;
    l->q_x = l->list_w + 1;
    if (t->cols >= TUI_WIDE_COLS) {
        l->help_w = (t->cols - l->q_x) * 45 / 100;
        l->help_x = t->cols - l->help_w;
        l->q_w = l->help_x - 1 - l->q_x;
    } else {
        l->help_w = 0;
        l->help_x = t->cols;
        l->q_w = t->cols - l->q_x;
    }
}

static const struct cat_question *cur_q(const struct tui *t)
{
    return &t->av->a->cat->questions[t->av->sel];
}

/* ---- opening and closing ---- */

int assess_open(struct tui *t, const char *id, const char *question)
{
    struct aview *av = xcalloc(1, sizeof(*av));
    struct cc_err err;
    if (store_load(t->env->data, id, &t->env->cats, &av->a, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        t->open_err = err.code;
        free(av);
        return -1;
    }
    if (store_lock(t->env->data, id, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        t->open_err = err.code;
        assessment_free(av->a);
        free(av);
        return -1;
    }
    /* the file as it is now that the lock is ours (a writer may have come
     * between the load and the lock) */
    {
        struct assessment *again;
        if (store_load(t->env->data, id, &t->env->cats, &again, &err) == 0) {
            assessment_free(av->a);
            av->a = again;
        }
    }
    t->av = av;
    av->dirtyq = xcalloc(av->a->cat->nquestions + 1, 1);
    av->saved_q = xcalloc(av->a->cat->nquestions + 1, sizeof(*av->saved_q));
    undo_init(&av->undo);
    draft_init(&av->draft, t->env->data, id);
    if (question) {
        const struct cat_question *q = catalog_question(av->a->cat, question);
        if (!q) {
            tui_message(t, 1, "no question \"%s\" in this catalogue; showing question 1", question);
        } else {
            av->sel = (size_t)catalog_question_index(av->a->cat, q);
            av->focus = FOCUS_FIELDS;
        }
    }
    recover_find(t);
    return 0;
}

void assess_close(struct tui *t)
{
    struct aview *av = t->av;
    if (!av)
        return;
    if (edit_stop(t) != 0) {
        /* the text cannot be taken (it was said why): keep it as a draft */
        edit_journal(t);
        editbuf_release(&av->eb);
        qanswers_release(&av->edit_before);
        av->editing = 0;
    }
    diff_close(t);
    if (av->unsaved && !t->exit_status)   /* (unless the user chose already) */
        edit_save(t);
    if (av->unsaved && !t->exit_status) {
        t->exit_status = EXIT_SYSTEM;
        tui_message(t, 1, TR(t, "the assessment could not be saved; the answers that were not "
                                "saved are in the recovery draft %s, offered when you open "
                                "\"%s\" again",
                             "die Bewertung konnte nicht gespeichert werden; die nicht "
                             "gespeicherten Antworten stehen im Wiederherstellungsentwurf %s und "
                             "werden beim nächsten Öffnen von \"%s\" angeboten"),
                    av->draft.path ? av->draft.path : "(none: it could not be written)",
                    av->a->coop.id);
    }
    store_unlock(t->env->data, av->a->coop.id);
    recover_release(t);
    for (size_t qi = 0; qi < av->a->cat->nquestions; qi++)
        if (av->dirtyq[qi])
            qanswers_release(&av->saved_q[qi]);
    free(av->saved_q);
    free(av->dirtyq);
    undo_release(&av->undo);
    draft_release(&av->draft);
    assessment_free(av->a);
    free(av);
    t->av = NULL;
}

/* ---- the question list ---- */

struct lrow {
    int section;    /* >= 0: a section heading */
    int question;   /* >= 0: a question */
};

static size_t list_rows(const struct catalog *cat, struct lrow **rows)
{
    size_t n = 0;
    *rows = xcalloc(cat->nsections + cat->nquestions + 1, sizeof(**rows));
    for (size_t s = 0; s < cat->nsections; s++) {
        (*rows)[n].section = (int)s;
        (*rows)[n++].question = -1;
        for (size_t i = cat->sections[s].first; i < cat->sections[s].first + cat->sections[s].count; i++) {
            (*rows)[n].section = -1;
            (*rows)[n++].question = (int)i;
        }
    }
    return n;
}

static void mark_of(const struct tui *t, size_t qi, const char **mark, enum theme_slot *slot)
{
    const struct assessment *a = t->av->a;
    if (a->q[qi].review) {
        *mark = sym(t, "↻", "R");
        *slot = TS_MARK_REVIEW;
        return;
    }
    switch (assessment_qstate(a, qi)) {
    case QS_ANSWERED:
        *mark = sym(t, "●", "x");
        *slot = TS_MARK_ANSWERED;
        break;
    case QS_PARTIAL:
        *mark = sym(t, "◐", "~");
        *slot = TS_MARK_PARTIAL;
        break;
    default:
        *mark = sym(t, "○", ".");
        *slot = TS_MARK_OPEN;
        break;
    }
}

static void draw_list(struct tui *t, const struct layout *l)
{
    struct aview *av = t->av;
    const struct catalog *cat = av->a->cat;
    struct lrow *rows;
    size_t n = list_rows(cat, &rows), selrow = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].question == (int)av->sel)
            selrow = i;
    /* keep the selection (and its section heading when possible) in view */
    if (selrow < av->list_top + 1)
        av->list_top = selrow > 0 && rows[selrow - 1].section >= 0 ? selrow - 1 : selrow;
    if (selrow >= av->list_top + (size_t)l->h)
        av->list_top = selrow - (size_t)l->h + 1;
    for (int y = 0; y < l->h && av->list_top + (size_t)y < n; y++) {
        const struct lrow *r = &rows[av->list_top + (size_t)y];
        int row = l->top + y;
        if (r->section >= 0) {
            draw_text(t, row, 0, l10n_get(&cat->sections[r->section].title, t->lang), l->list_w,
                      TS_SECTION);
        } else {
            const struct cat_question *q = &cat->questions[r->question];
            const char *mark;
            enum theme_slot ms, ts = TS_LIST;
            char num[8];
            int x = 0;
            if ((size_t)r->question == av->sel)
                ts = av->focus == FOCUS_LIST ? TS_LIST_SELECTED : TS_LIST_INACTIVE;
            draw_fill(t, row, 0, l->list_w, ts);
            mark_of(t, (size_t)r->question, &mark, &ms);
            x += draw_text(t, row, 1, mark, 1, ts == TS_LIST ? ms : ts) + 1;
            snprintf(num, sizeof(num), "%3d ", q->number);
            x += draw_text(t, row, x, num, 4, ts);
            x += draw_text(t, row, x, l10n_get(&q->title, t->lang), l->list_w - x - 2, ts);
            if (av->a->q[r->question].followup)
                draw_text(t, row, l->list_w - 2, sym(t, "⚑", "!"), 1, ts == TS_LIST ? TS_FLAG : ts);
        }
    }
    free(rows);
}

/* ---- the question pane ---- */

struct qline {
    char *text;
    enum theme_slot slot;
    int indent;
};

struct qpane {
    struct qline *v;
    size_t n;
    size_t target;          /* line to keep in view */
    long cursor_line;       /* editor cursor, or -1 */
    size_t cursor_col;
};

static void qadd(struct qpane *p, enum theme_slot slot, int indent, const char *text)
{
    p->v = xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
    p->v[p->n].text = xstrdup(text);
    p->v[p->n].slot = slot;
    p->v[p->n].indent = indent;
    p->n++;
}

static void qadd_wrapped(struct qpane *p, enum theme_slot slot, int indent, const char *text, int width)
{
    struct edit_line *lines;
    struct sbuf clean;
    size_t n;
    /* laid out as it will be shown: control characters as visible escapes */
    sbuf_init(&clean);
    text_sanitize(&clean, text, TEXT_ALLOW_NEWLINE);
    n = edit_layout(clean.buf, (size_t)(width > 4 ? width : 4), &lines);
    for (size_t i = 0; i < n; i++) {
        char *s = xstrndup(clean.buf + lines[i].start, lines[i].end - lines[i].start);
        qadd(p, slot, indent, s);
        free(s);
    }
    free(lines);
    sbuf_release(&clean);
}

static const char *yn_word(enum yesno v, enum lang l)
{
    return v == YN_YES ? ui(S_YES, l) : v == YN_NO ? ui(S_NO, l) : v == YN_UNSURE ? ui(S_UNSURE, l)
                                                                  : ui(S_UNANSWERED, l);
}

static void build_qpane(struct tui *t, const struct layout *l, struct qpane *p)
{
    struct aview *av = t->av;
    const struct catalog *cat = av->a->cat;
    const struct cat_question *q = cur_q(t);
    const struct qanswers *qa = &av->a->q[av->sel];
    enum lang L = t->lang;
    int w = l->q_w - 2;
    char *s;

    memset(p, 0, sizeof(*p));
    p->cursor_line = -1;
    s = xasprintf("%s %d %s %zu · %s", ui(S_QUESTION, L), q->number, ui(S_OF, L), cat->nquestions,
                  l10n_get(&cat->sections[q->section].title, L));
    qadd(p, TS_TITLE, 0, s);
    free(s);
    qadd(p, TS_NORMAL, 0, "");
    qadd_wrapped(p, TS_QUESTION, 0, l10n_get(&q->text, L), w);
    if (qa->review) {
        qadd(p, TS_NORMAL, 0, "");
        s = xasprintf("%s %s  (c)", sym(t, "↻", "R"), ui(S_TO_REVIEW, L));
        qadd_wrapped(p, TS_MARK_REVIEW, 0, s, w);
        free(s);
    }
    if (qa->followup) {
        if (!qa->review)
            qadd(p, TS_NORMAL, 0, "");
        s = xasprintf("%s %s  (f)", sym(t, "⚑", "!"), ui(S_FOLLOWUP, L));
        qadd_wrapped(p, TS_FLAG, 0, s, w);
        free(s);
    }
    for (size_t f = 0; f < q->nfields; f++) {
        const struct cat_field *fd = &q->fields[f];
        const struct answer *ans = &qa->f[f];
        int focused = av->focus == FOCUS_FIELDS && av->field == f;
        qadd(p, TS_NORMAL, 0, "");
        s = xasprintf("%s %s", focused ? sym(t, "▶", ">") : " ", l10n_get(&fd->label, L));
        if (focused)
            p->target = p->n;
        qadd(p, focused ? TS_FOCUS : TS_LABEL, 0, s);
        free(s);
        if (fd->type == FIELD_YESNO) {
            static const enum yesno opts[] = { YN_YES, YN_NO, YN_UNSURE };
            struct sbuf line;
            sbuf_init(&line);
            for (size_t k = 0; k < 3; k++)
                sbuf_addf(&line, "%s%s %s", k ? "  " : "",
                          ans->yn == opts[k] ? sym(t, "(•)", "(*)") : "( )", yn_word(opts[k], L));
            if (ans->yn == YN_UNSET)
                sbuf_addf(&line, "  — %s", ui(S_UNANSWERED, L));
            qadd(p, TS_VALUE, 4, line.buf);
            sbuf_release(&line);
        } else if (av->editing && focused) {
            struct edit_line *lines;
            size_t n = edit_layout(av->eb.text, (size_t)(w - 4 > 4 ? w - 4 : 4), &lines), row, col;
            editbuf_cursor_rowcol(&av->eb, (size_t)(w - 4 > 4 ? w - 4 : 4), &row, &col);
            for (size_t i = 0; i < n; i++) {
                char *ls = xstrndup(av->eb.text + lines[i].start, lines[i].end - lines[i].start);
                if (i == row) {
                    p->cursor_line = (long)p->n;
                    p->cursor_col = col;
                }
                qadd(p, TS_EDITOR, 4, ls);
                free(ls);
            }
            free(lines);
        } else if (ans->text) {
            qadd_wrapped(p, TS_VALUE, 4, ans->text, w - 4);
        } else {
            qadd(p, TS_NORMAL, 4, ui(S_EMPTY_TEXT, L));
        }
        if (focused && ans->at && !av->editing) {
            s = xasprintf("%s %s, %s", ui(S_ANSWERED_BY, L), ans->at, ans->by ? ans->by : "?");
            qadd(p, TS_NORMAL, 4, s);
            free(s);
        }
    }
}

static void free_qpane(struct qpane *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].text);
    free(p->v);
}

static void draw_question(struct tui *t, const struct layout *l)
{
    struct aview *av = t->av;
    struct qpane p;
    size_t want;
    build_qpane(t, l, &p);
    want = p.cursor_line >= 0 ? (size_t)p.cursor_line : p.target;
    if (av->focus != FOCUS_FIELDS)
        want = 0;
    if (want < av->q_top)
        av->q_top = want;
    if (want >= av->q_top + (size_t)l->h)
        av->q_top = want - (size_t)l->h + 1;
    /* with the label in view too, when the editor leaves room */
    if (p.cursor_line >= 0 && p.target < av->q_top && (size_t)p.cursor_line < p.target + (size_t)l->h)
        av->q_top = p.target;
    if (av->q_top >= p.n)
        av->q_top = p.n ? p.n - 1 : 0;
    for (int y = 0; y < l->h && av->q_top + (size_t)y < p.n; y++) {
        const struct qline *ql = &p.v[av->q_top + (size_t)y];
        if (ql->slot == TS_EDITOR || ql->slot == TS_FOCUS)
            draw_fill(t, l->top + y, l->q_x + 1 + ql->indent, l->q_w - 2 - ql->indent, ql->slot);
        draw_text(t, l->top + y, l->q_x + 1 + ql->indent, ql->text, l->q_w - 2 - ql->indent, ql->slot);
    }
    if (av->q_top > 0)
        draw_text(t, l->top, l->q_x + l->q_w - 2, sym(t, "▲", "^"), 1, TS_BORDER);
    if (av->q_top + (size_t)l->h < p.n)
        draw_text(t, l->top + l->h - 1, l->q_x + l->q_w - 2, sym(t, "▼", "v"), 1, TS_BORDER);
    if (p.cursor_line >= 0 && (size_t)p.cursor_line >= av->q_top &&
        (size_t)p.cursor_line < av->q_top + (size_t)l->h) {
        draw_cursor(t, l->top + (int)((size_t)p.cursor_line - av->q_top),
                    l->q_x + 1 + 4 + (int)p.cursor_col);
    }
    free_qpane(&p);
}

/* ---- help and about ---- */

static void render_lines(struct tui *t, int about, int width, size_t indent, struct strlist *lines)
{
    struct sbuf sb;
    sbuf_init(&sb);
    if (about)
        help_render_about(&sb, t->av->a->cat, t->lang, (size_t)width, 7);
    else
        help_render_text(&sb, t->av->a->cat, cur_q(t), t->lang, (size_t)width, indent);
    split_lines(sb.buf, lines);
    sbuf_release(&sb);
}

static void draw_pager_lines(struct tui *t, const struct strlist *lines, size_t *top, int y0, int x,
                             int w, int h)
{
    if (*top + (size_t)h > lines->n)
        *top = lines->n > (size_t)h ? lines->n - (size_t)h : 0;
    for (int y = 0; y < h && *top + (size_t)y < lines->n; y++) {
        const char *s = lines->v[*top + (size_t)y];
        draw_text(t, y0 + y, x, s, w, s[0] && s[0] != ' ' ? TS_HELP_HEADING : TS_HELP_TEXT);
    }
}

static void draw_help_pane(struct tui *t, const struct layout *l)
{
    struct strlist lines = { 0 };
    render_lines(t, 0, l->help_w - 2, 2, &lines);   /* a narrow pane: little indentation */
    draw_pager_lines(t, &lines, &t->av->help_top, l->top, l->help_x + 1, l->help_w - 1, l->h);
    strlist_release(&lines);
}

static void draw_full_pager(struct tui *t, int about)
{
    struct aview *av = t->av;
    struct strlist lines = { 0 };
    size_t *top = about ? &av->about_top : &av->help_top;
    char *title;
    render_lines(t, about, t->cols - 2, 7, &lines);
    if (about)
        title = xasprintf("%s", l10n_get(&av->a->cat->short_title, t->lang));
    else
        title = xasprintf("%s %d: %s", ui(S_HELP, t->lang), cur_q(t)->number,
                          l10n_get(&cur_q(t)->title, t->lang));
    draw_header(t, title, NULL);
    free(title);
    draw_pager_lines(t, &lines, top, 1, 1, t->cols - 2, t->rows - 2);
    strlist_release(&lines);
    draw_status(t, "j/k scroll  PgUp/PgDn page  g/G top/end  L language  q/Esc close");
}

/* ---- the whole screen ---- */

void assess_draw(struct tui *t)
{
    struct aview *av = t->av;
    struct layout l;
    char *left, right[64], hints[256], k1[32], k2[32];
    if (av->found) {
        recover_draw(t);
        return;
    }
    if (av->snap_pick || av->dv) {
        diff_draw(t);
        return;
    }
    if (av->help_full || av->about) {
        draw_full_pager(t, av->about);
        return;
    }
    layout(t, &l);
    left = xasprintf("%s %s %s", av->a->coop.id, sym(t, "—", "-"), av->a->coop.title);
    snprintf(right, sizeof(right), "%s  %zu/%zu", l10n_get(&av->a->cat->short_title, t->lang),
             assessment_answered(av->a), av->a->cat->nquestions);
    if (t->cols < 100)
        snprintf(right, sizeof(right), "%zu/%zu", assessment_answered(av->a), av->a->cat->nquestions);
    draw_header(t, left, right);
    free(left);
    draw_list(t, &l);
    draw_vline(t, l.top, l.list_w, l.h);
    if (l.help_w) {
        draw_vline(t, l.top, l.help_x - 1, l.h);
        draw_help_pane(t, &l);
    }
    if (av->editing) {
        int n = snprintf(hints, sizeof(hints), "%s", TR(t, "Editing: Esc keeps  C-g cancels  "
                                                           "Enter new line  C-w deletes a word",
                                                        "Bearbeiten: Esc behält  C-g bricht ab  "
                                                        "Enter neue Zeile  C-w löscht ein Wort"));
        if (av->eb.len > TEXT_ANSWER_MAX / 2 && n > 0 && (size_t)n < sizeof(hints))
            snprintf(hints + n, sizeof(hints) - (size_t)n, "  %zu/%u KiB", av->eb.len / 1024,
                     TEXT_ANSWER_MAX / 1024);
    } else {
        keymap_describe(&t->km, ACT_HELP, k1, sizeof(k1));
        keymap_describe(&t->km, ACT_NEXT_OPEN, k2, sizeof(k2));
        if (t->cols < 100)
            snprintf(hints, sizeof(hints), "j/k question  Tab field  y/n/u  Enter edit  %s help  "
                     "%s open  / find  q quit", k1, k2);
        else
            snprintf(hints, sizeof(hints), "j/k question  Tab field  y/n/u answer  Enter edit  %s help  "
                     "q quit  %s next open  / search  f flag  e $EDITOR  d diff  s snapshot  a about  "
                     "L de/en", k1, k2);
    }
    draw_status(t, hints);
    draw_question(t, &l);   /* last: it may place the editor's cursor */
    if (av->quit_ask)
        quit_ask_draw(t);
}

/* ---- actions ---- */

void assess_select(struct tui *t, long qi)
{
    struct aview *av = t->av;
    long n = (long)av->a->cat->nquestions;
    if (qi < 0)
        qi = 0;
    if (qi >= n)
        qi = n - 1;
    if ((size_t)qi != av->sel) {
        if (edit_stop(t) != 0)
            return;   /* the editor stays where its text is */
        av->sel = (size_t)qi;
        av->field = 0;
        av->q_top = 0;
        av->help_top = 0;
    }
}

static long next_open(const struct tui *t, int dir)
{
    const struct assessment *a = t->av->a;
    long n = (long)a->cat->nquestions;
    for (long k = 1; k <= n; k++) {
        long qi = ((long)t->av->sel + dir * k + n * 2) % n;
        if (a->q[qi].review || assessment_qstate(a, (size_t)qi) != QS_ANSWERED)
            return qi;
    }
    return -1;
}

/* The field of type want that a key acts on: the focused field when it is
 * of that type; from the question list (or help), the question's only field
 * of that type.  -1 otherwise, after saying which field to go to.  A key
 * never changes a field the user did not point at. */
static long field_target(struct tui *t, enum field_type want)
{
    const struct cat_question *q = cur_q(t);
    struct aview *av = t->av;
    size_t count = 0, only = 0;
    if (av->focus == FOCUS_FIELDS) {
        if (q->fields[av->field].type == want)
            return (long)av->field;
        if (want == FIELD_YESNO)
            tui_message(t, 0, TR(t, "the focused field is a text field (Enter edits it): Tab to a "
                                    "yes/no field to answer it",
                                 "das gewählte Feld ist ein Textfeld (Enter bearbeitet es): mit "
                                 "Tab zu einem Ja/Nein-Feld gehen, um es zu beantworten"));
        else
            tui_message(t, 0, TR(t, "the focused field is a yes/no field (y, n, u answer it): Tab "
                                    "to a text field to edit it",
                                 "das gewählte Feld ist ein Ja/Nein-Feld (j/y, n, u beantworten "
                                 "es): mit Tab zu einem Textfeld gehen, um es zu bearbeiten"));
        return -1;
    }
    for (size_t f = 0; f < q->nfields; f++) {
        if (q->fields[f].type == want) {
            only = f;
            count++;
        }
    }
    if (count == 1)
        return (long)only;
    if (count == 0 && want == FIELD_YESNO)
        tui_message(t, 0, TR(t, "question %d has no yes/no field; Tab to a text field and press Enter",
                             "Frage %d hat kein Ja/Nein-Feld; mit Tab zu einem Textfeld gehen und "
                             "Enter drücken"), q->number);
    else if (count == 0)
        tui_message(t, 0, TR(t, "question %d has no text field", "Frage %d hat kein Textfeld"),
                    q->number);
    else if (want == FIELD_YESNO)
        tui_message(t, 0, TR(t, "question %d has %zu yes/no fields: Tab to the one to answer, then "
                                "press y, n or u",
                             "Frage %d hat %zu Ja/Nein-Felder: mit Tab zum gemeinten gehen, dann "
                             "y, n oder u drücken"), q->number, count);
    else
        tui_message(t, 0, TR(t, "question %d has %zu text fields: Tab to the one to edit",
                             "Frage %d hat %zu Textfelder: mit Tab zum gemeinten gehen"),
                    q->number, count);
    return -1;
}

static void answer(struct tui *t, int value)   /* value -1: cycle */
{
    struct aview *av = t->av;
    long f = field_target(t, FIELD_YESNO);
    struct qanswers before;
    struct cc_err err;
    char now[CC_ISO_LEN];
    enum yesno v;
    if (f < 0)
        return;
    v = value >= 0 ? (enum yesno)value : (enum yesno)((av->a->q[av->sel].f[f].yn + 1) % 4);
    cc_now(now);
    edit_change_begin(t, av->sel, &before);
    if (assessment_set_yesno(av->a, av->sel, (size_t)f, v, t->who, now, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        qanswers_release(&before);
        return;
    }
    av->focus = FOCUS_FIELDS;
    av->field = (size_t)f;
    edit_change_end(t, av->sel, &before);
}

static void external_edit(struct tui *t)
{
    long f = field_target(t, FIELD_TEXT);
    if (f >= 0)
        edit_external(t, (size_t)f);
}

/* The follow-up flag and the confirmation of a carried-over answer. */
static void flag_change(struct tui *t, int confirm)
{
    struct aview *av = t->av;
    struct qanswers before;
    char now[CC_ISO_LEN];
    cc_now(now);
    edit_change_begin(t, av->sel, &before);
    if (confirm)
        assessment_confirm(av->a, av->sel, t->who, now);
    else
        assessment_set_followup(av->a, av->sel, !av->a->q[av->sel].followup, t->who, now);
    edit_change_end(t, av->sel, &before);
}

/* U and C-r: back to before the last change, or forward again. */
static void undo_key(struct tui *t, int redo)
{
    struct aview *av = t->av;
    struct qanswers was;
    long qi;
    char keys[32];
    size_t at = redo ? av->undo.pos : av->undo.pos - 1;
    if (redo ? av->undo.pos == av->undo.n : av->undo.pos == 0) {
        tui_message(t, 0, redo ? TR(t, "nothing to redo", "nichts wiederherzustellen")
                               : TR(t, "nothing to undo (changes since this cooperation was "
                                       "opened can be undone)",
                                    "nichts rückgängig zu machen (nur Änderungen seit dem Öffnen "
                                    "dieser Kooperation)"));
        return;
    }
    qanswers_copy(&was, &av->a->q[av->undo.v[at].qi]);
    qi = redo ? undo_redo(&av->undo, av->a) : undo_undo(&av->undo, av->a);
    assess_select(t, qi);
    edit_changed(t, (size_t)qi, &was);
    qanswers_release(&was);
    if (av->unsaved)
        return;   /* edit_save said why */
    keymap_describe(&t->km, redo ? ACT_UNDO : ACT_REDO, keys, sizeof(keys));
    if (redo)
        tui_message(t, 0, TR(t, "redone: the change of question %d (%s undoes it again)",
                             "wiederhergestellt: die Änderung an Frage %d (%s macht sie wieder "
                             "rückgängig)"), cur_q(t)->number, keys);
    else
        tui_message(t, 0, TR(t, "undone: the last change of question %d (%s redoes it)",
                             "rückgängig gemacht: die letzte Änderung an Frage %d (%s stellt sie "
                             "wieder her)"), cur_q(t)->number, keys);
}

/* Case-insensitive substring search over wide characters. */
static int contains_ci(const char *hay, const char *needle)
{
    wchar_t h[4096], n[256];
    size_t hn = 0, nn = 0;
    for (const char *p = hay; *p && hn < CC_ARRAY_LEN(h) - 1;) {
        size_t k;
        h[hn++] = (wchar_t)towlower((wint_t)utf8_decode_at(p, &k));
        p += k;
    }
    for (const char *p = needle; *p && nn < CC_ARRAY_LEN(n) - 1;) {
        size_t k;
        n[nn++] = (wchar_t)towlower((wint_t)utf8_decode_at(p, &k));
        p += k;
    }
    if (nn == 0)
        return 0;
    for (size_t i = 0; i + nn <= hn; i++)
        if (wmemcmp(h + i, n, nn) == 0)
            return 1;
    return 0;
}

static char last_search[256];

static void search_done(struct tui *t, const char *text)
{
    const struct catalog *cat;
    size_t n;
    if (!t->av)
        return;
    if (*text)
        snprintf(last_search, sizeof(last_search), "%s", text);
    if (!last_search[0])
        return;
    cat = t->av->a->cat;
    n = cat->nquestions;
    for (size_t k = 1; k <= n; k++) {
        size_t qi = (t->av->sel + k) % n;
        const struct cat_question *q = &cat->questions[qi];
        for (int l = 0; l < LANG_COUNT; l++) {
            if ((q->title.s[l] && contains_ci(q->title.s[l], last_search)) ||
                (q->text.s[l] && contains_ci(q->text.s[l], last_search))) {
                assess_select(t, (long)qi);
                tui_message(t, 0, "question %d matches \"%s\" (/ Enter for the next)", q->number,
                            last_search);
                return;
            }
        }
    }
    tui_message(t, 1, "no question matches \"%s\"", last_search);
}

void assess_jump(struct tui *t, const char *number)
{
    const struct cat_question *q;
    if (!t->av || !*number)
        return;
    q = catalog_question(t->av->a->cat, number);
    if (!q) {
        tui_message(t, 1, "there is no question %s (1-%zu)", number, t->av->a->cat->nquestions);
        return;
    }
    assess_select(t, catalog_question_index(t->av->a->cat, q));
}

static void snapshot_done(struct tui *t, const char *note)
{
    struct aview *av = t->av;
    struct cc_err err;
    char now[CC_ISO_LEN], *name = NULL;
    if (!av || edit_stop(t) != 0)
        return;
    cc_now(now);
    if (store_snapshot(t->env->data, av->a, note, t->who, now, &name, &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    else
        tui_message(t, 0, "snapshot %s taken; round %d starts (answers marked to review)", name,
                    av->a->round);
    free(name);
}

static int pager_key(struct tui *t, int key, size_t *top)
{
    enum action a = keymap_lookup(&t->km, key);
    size_t page = t->rows > 4 ? (size_t)t->rows - 4 : 1;
    if (key == 'q' || key == KEYC_ESC || a == ACT_HELP || a == ACT_ABOUT)
        return 1;
    switch (a) {
    case ACT_UP: if (*top) (*top)--; break;
    case ACT_DOWN: (*top)++; break;
    case ACT_PAGE_UP: *top = *top > page ? *top - page : 0; break;
    case ACT_PAGE_DOWN: case ACT_CYCLE: *top += page; break;
    case ACT_FIRST: *top = 0; break;
    case ACT_LAST: *top = (size_t)-1 / 2; break;
    case ACT_LANGUAGE: t->lang = t->lang == LANG_DE ? LANG_EN : LANG_DE; break;
    default: break;
    }
    return 0;
}

static void goto_done(struct tui *t, const char *text)
{
    assess_jump(t, text);
}

int assess_key(struct tui *t, int key)
{
    struct aview *av = t->av;
    const struct cat_question *q = cur_q(t);
    struct layout l;
    enum action act;

    if (av->found) {
        recover_key(t, key);
        return 0;
    }
    if (av->quit_ask) {
        quit_ask_key(t, key);
        return av->close_now;
    }
    if (av->editing) {
        layout(t, &l);
        edit_key(t, key, (size_t)(l.q_w - 6 > 4 ? l.q_w - 6 : 4), l.h / 2);
        return 0;
    }
    if (av->snap_pick || av->dv) {
        diff_key(t, key);
        return 0;
    }
    if (av->help_full)
        return (av->help_full = !pager_key(t, key, &av->help_top)), 0;
    if (av->about)
        return (av->about = !pager_key(t, key, &av->about_top)), 0;

    layout(&*t, &l);
    if (key >= '1' && key <= '9') {
        char d[2] = { (char)key, 0 };
        prompt_open(t, "Go to question: ", d, goto_done);
        return 0;
    }
    act = keymap_lookup(&t->km, key);
    if (av->focus == FOCUS_HELP) {
        size_t page = (size_t)(l.h > 2 ? l.h - 2 : 1);
        switch (act) {
        case ACT_UP: if (av->help_top) av->help_top--; return 0;
        case ACT_DOWN: av->help_top++; return 0;
        case ACT_PAGE_UP: av->help_top = av->help_top > page ? av->help_top - page : 0; return 0;
        case ACT_PAGE_DOWN: av->help_top += page; return 0;
        default: break;
        }
    }
    switch (act) {
    case ACT_UP: assess_select(t, (long)av->sel - 1); break;
    case ACT_DOWN: assess_select(t, (long)av->sel + 1); break;
    case ACT_PAGE_UP:
        if (av->focus == FOCUS_FIELDS)
            av->q_top = av->q_top > (size_t)l.h / 2 ? av->q_top - (size_t)l.h / 2 : 0;
        else
            assess_select(t, (long)av->sel - l.h / 2);
        break;
    case ACT_PAGE_DOWN:
        if (av->focus == FOCUS_FIELDS)
            av->q_top += (size_t)l.h / 2;
        else
            assess_select(t, (long)av->sel + l.h / 2);
        break;
    case ACT_FIRST: assess_select(t, 0); break;
    case ACT_LAST: assess_select(t, (long)av->a->cat->nquestions - 1); break;
    case ACT_PANE_LEFT:
        av->focus = av->focus == FOCUS_HELP ? FOCUS_FIELDS : FOCUS_LIST;
        break;
    case ACT_PANE_RIGHT:
        if (av->focus == FOCUS_LIST)
            av->focus = FOCUS_FIELDS;
        else if (l.help_w)
            av->focus = FOCUS_HELP;
        break;
    case ACT_NEXT_FIELD:
        if (av->focus != FOCUS_FIELDS) {
            av->focus = FOCUS_FIELDS;
            av->field = 0;
        } else if (av->field + 1 < q->nfields) {
            av->field++;
        } else {
            av->focus = FOCUS_LIST;
        }
        break;
    case ACT_PREV_FIELD:
        if (av->focus != FOCUS_FIELDS) {
            av->focus = FOCUS_FIELDS;
            av->field = q->nfields - 1;
        } else if (av->field > 0) {
            av->field--;
        } else {
            av->focus = FOCUS_LIST;
        }
        break;
    case ACT_NEXT_OPEN:
    case ACT_PREV_OPEN: {
        long qi = next_open(t, act == ACT_NEXT_OPEN ? 1 : -1);
        if (qi < 0)
            tui_message(t, 0, "every question is answered and reviewed");
        else
            assess_select(t, qi);
        break;
    }
    case ACT_SEARCH: prompt_open(t, "/", "", search_done); break;
    case ACT_GOTO: prompt_open(t, "Go to question: ", "", goto_done); break;
    case ACT_YES: answer(t, YN_YES); break;
    case ACT_NO: answer(t, YN_NO); break;
    case ACT_UNSURE: answer(t, YN_UNSURE); break;
    case ACT_CYCLE: answer(t, -1); break;
    case ACT_FOLLOWUP: flag_change(t, 0); break;
    case ACT_CONFIRM:
        if (!av->a->q[av->sel].review)
            tui_message(t, 0, TR(t, "question %d is not marked to review",
                                 "Frage %d ist nicht zur Prüfung markiert"), q->number);
        else
            flag_change(t, 1);
        break;
    case ACT_EDIT:
        if (av->focus != FOCUS_FIELDS) {
            av->focus = FOCUS_FIELDS;
            av->field = 0;
        } else if (q->fields[av->field].type == FIELD_TEXT) {
            edit_start(t, av->field);
        } else {
            /* Enter never changes an answer */
            tui_message(t, 0, TR(t, "a yes/no field: y, n or u answer it, Space cycles; Enter "
                                    "edits text fields",
                                 "ein Ja/Nein-Feld: y, n oder u beantworten es, die Leertaste "
                                 "wechselt; Enter bearbeitet Textfelder"));
        }
        break;
    case ACT_UNDO: undo_key(t, 0); break;
    case ACT_REDO: undo_key(t, 1); break;
    case ACT_EXTERNAL_EDIT: external_edit(t); break;
    case ACT_HELP:
        if (l.help_w)
            av->focus = av->focus == FOCUS_HELP ? FOCUS_FIELDS : FOCUS_HELP;
        else
            av->help_full = 1;
        break;
    case ACT_LANGUAGE:
        t->lang = t->lang == LANG_DE ? LANG_EN : LANG_DE;
        tui_message(t, 0, t->lang == LANG_DE ? "Sprache: Deutsch" : "Language: English");
        break;
    case ACT_ABOUT: av->about = 1; av->about_top = 0; break;
    case ACT_SNAPSHOT: prompt_open(t, "Snapshot note (Enter takes it, Esc cancels): ", "", snapshot_done); break;
    case ACT_DIFF: diff_pick_open(t); break;
    case ACT_BACK: av->focus = FOCUS_LIST; break;
    case ACT_QUIT:
        if (av->unsaved && edit_save(t) != 0) {
            quit_ask_open(t, t->msg);
            return 0;
        }
        return 1;
    default: break;
    }
    return 0;
}

int assess_paste(struct tui *t, const char *text, size_t len)
{
    struct aview *av = t->av;
    if (av->editing)
        return edit_paste(t, text, len);
    return 0;
}
