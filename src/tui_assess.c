/* tui_assess.c — the assessment screen: the question list, the selected
 * question with its fields (tui_qpane.c), and from TUI_WIDE_COLS its help as
 * a third pane.  Its keys change answers through tui_edit.c (every change
 * goes through the undo log and is saved at once) and open the other
 * screens: the editor, help and about pages, the diff, prompts.  The open
 * cooperation (t->av) belongs to this screen and is closed with it. */
#include "tui_assess.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "conflicts.h"
#include "help.h"
#include "officer.h"
#include "store.h"
#include "textutil.h"

/* The status line's hints (tui_draw.c: the last one always shows). */
static const struct hint hints_narrow[] = {
    { ACT_NEXT_FIELD, ACT_NONE, NULL },
    { ACT_YES, ACT_NO, N_("answer") }, { ACT_EDIT, ACT_NONE, NULL }, { ACT_HELP, ACT_NONE, NULL },
    { ACT_NEXT_OPEN, ACT_NONE, NULL }, { ACT_KEYS, ACT_NONE, NULL }, { ACT_QUIT, ACT_NONE, NULL },
    { ACT_NONE, ACT_NONE, NULL },
};

static const struct hint hints_wide[] = {
    { ACT_DOWN, ACT_UP, N_("question") }, { ACT_NEXT_FIELD, ACT_NONE, NULL },
    { ACT_YES, ACT_NO, N_("answer") }, { ACT_UNSURE, ACT_NONE, NULL }, { ACT_EDIT, ACT_NONE, NULL },
    { ACT_HELP, ACT_NONE, NULL }, { ACT_NEXT_OPEN, ACT_NONE, NULL }, { ACT_SEARCH, ACT_NONE, NULL },
    { ACT_FOLLOWUP, ACT_NONE, NULL }, { ACT_UNDO, ACT_NONE, NULL }, { ACT_DIFF, ACT_NONE, NULL },
    { ACT_SNAPSHOT, ACT_NONE, NULL }, { ACT_LANGUAGE, ACT_NONE, NULL },
    { ACT_KEYS, ACT_NONE, NULL }, { ACT_QUIT, ACT_NONE, NULL }, { ACT_NONE, ACT_NONE, NULL },
};

static const struct cat_question *cur_q(const struct tui *t)
{
    return &t->av->a->cat->questions[t->as->sel];
}

/* ---- layout ---- */

void assess_layout(const struct tui *t, struct layout *l)
{
    int wide = t->cols >= TUI_WIDE_COLS, list = wide ? t->cols / 4 : t->cols / 3;
    l->top = 1 + round_line_rows(t);   /* the round's line (0-2 rows) under the header */
    l->h = t->rows - l->top - status_rows((struct tui *)t);
    /* the list grows with the width: a third (a quarter beside the help) */
    l->list_w = list < 30 ? 30 : list > 50 ? 50 : list;
    l->q_x = l->list_w + 1;
    if (wide) {
        l->help_w = (t->cols - l->q_x) * 45 / 100;
        if (l->help_w < 44)
            l->help_w = 44;   /* the help is laid out for at least 42 columns */
        l->help_x = t->cols - l->help_w;
        l->q_w = l->help_x - 1 - l->q_x;
    } else {
        l->help_w = 0;
        l->help_x = t->cols;
        l->q_w = t->cols - l->q_x;
    }
}

size_t assess_editor_width(struct tui *t)
{
    struct layout l;
    assess_layout(t, &l);
    return (size_t)(l.q_w - 6 > 4 ? l.q_w - 6 : 4);
}

int assess_page(struct tui *t)
{
    struct layout l;
    assess_layout(t, &l);
    return l.h / 2 > 1 ? l.h / 2 : 1;
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
    case QS_ANSWERED: *mark = sym(t, "●", "x"); *slot = TS_MARK_ANSWERED; break;
    case QS_PARTIAL: *mark = sym(t, "◐", "~"); *slot = TS_MARK_PARTIAL; break;
    default: *mark = sym(t, "○", "."); *slot = TS_MARK_OPEN; break;
    }
}

/* The risk column: a letter per level (none: blank). */
static void risk_of(const struct tui *t, size_t qi, const char **mark, enum theme_slot *slot)
{
    *mark = NULL;
    switch (t->av->a->q[qi].risk.level) {
    /* TRANSLATORS: one letter each in the question list: high, medium,
     * low risk, no risk */
    case RISK_HIGH: *mark = _("H"); *slot = TS_FLAG; break;
    case RISK_MEDIUM: *mark = _("M"); *slot = TS_MARK_PARTIAL; break;
    case RISK_LOW: *mark = _("L"); *slot = TS_MARK_ANSWERED; break;
    case RISK_NONE: *mark = _("0"); *slot = TS_LIST; break;
    case RISK_UNRATED: break;
    }
}

static void draw_list_row(struct tui *t, struct assess *as, const struct layout *l, int row, int qi)
{
    const struct cat_question *q = &t->av->a->cat->questions[qi];
    const char *mark;
    enum theme_slot ms, ts = TS_LIST;
    char num[8];
    int x;
    if ((size_t)qi == as->sel)
        ts = as->focus == FOCUS_LIST ? TS_LIST_SELECTED : TS_LIST_INACTIVE;
    if ((size_t)qi == as->sel && as->focus == FOCUS_LIST)
        draw_focus(t, row, 1);
    draw_fill(t, row, 0, l->list_w, ts);
    mark_of(t, (size_t)qi, &mark, &ms);
    x = draw_text(t, row, 1, mark, 1, ts == TS_LIST ? ms : ts) + 1;
    snprintf(num, sizeof(num), "%3d ", q->number);
    x += draw_text(t, row, x, num, 4, ts);
    /* the risk column only once something is rated: titles keep their room */
    draw_text(t, row, x, l10n_get(&q->title, t->lang), l->list_w - x - (as->risk_col ? 4 : 2), ts);
    risk_of(t, (size_t)qi, &mark, &ms);
    if (mark && as->risk_col)
        draw_text(t, row, l->list_w - 3, mark, 1, ts == TS_LIST ? ms : ts);
    if (t->av->a->q[qi].followup)
        draw_text(t, row, l->list_w - 2, sym(t, "⚑", "!"), 1, ts == TS_LIST ? TS_FLAG : ts);
}

static void draw_list(struct tui *t, struct assess *as, const struct layout *l)
{
    const struct catalog *cat = t->av->a->cat;
    struct lrow *rows;
    size_t n = list_rows(cat, &rows), selrow = 0;
    struct risk_tally tally;
    officer_tally(t->av->a, cat->nsections, &tally);
    as->risk_col = tally.count[RISK_UNRATED] < cat->nquestions;
    for (size_t i = 0; i < n; i++)
        if (rows[i].question == (int)as->sel)
            selrow = i;
    /* keep the selection (and its section heading when possible) in view */
    if (selrow < as->list_top + 1)
        as->list_top = selrow > 0 && rows[selrow - 1].section >= 0 ? selrow - 1 : selrow;
    if (selrow >= as->list_top + (size_t)l->h)
        as->list_top = selrow - (size_t)l->h + 1;
    for (int y = 0; y < l->h && as->list_top + (size_t)y < n; y++) {
        const struct lrow *r = &rows[as->list_top + (size_t)y];
        if (r->section >= 0)
            draw_text(t, l->top + y, 0, l10n_get(&cat->sections[r->section].title, t->lang),
                      l->list_w, TS_SECTION);
        else
            draw_list_row(t, as, l, l->top + y, r->question);
    }
    free(rows);
}

/* ---- help ---- */

static void help_lines(struct tui *t, size_t qi, int width, size_t indent, struct strlist *lines)
{
    struct sbuf sb;
    sbuf_init(&sb);
    help_render_text(&sb, t->av->a->cat, &t->av->a->cat->questions[qi], t->lang, (size_t)width, indent);
    split_lines(sb.buf, lines);
    sbuf_release(&sb);
}

/* The help pane's lines: rendered again only for another question, language,
 * catalogue or width (wrapping the help took half a millisecond of every
 * frame at 200 columns). */
static const struct strlist *help_pane_lines(struct tui *t, struct assess *as, int width)
{
    const struct catalog *cat = t->av->a->cat;
    if (as->help.lines.n && as->help.cat == cat && as->help.qi == as->sel &&
        as->help.lang == (int)t->lang && as->help.width == width)
        return &as->help.lines;
    strlist_release(&as->help.lines);
    help_lines(t, as->sel, width, 2, &as->help.lines);   /* a narrow pane: little indentation */
    as->help.cat = cat;
    as->help.qi = as->sel;
    as->help.lang = (int)t->lang;
    as->help.width = width;
    return &as->help.lines;
}

static void draw_help_pane(struct tui *t, struct assess *as, const struct layout *l)
{
    const struct strlist *lines = help_pane_lines(t, as, l->help_w - 2);
    if (as->help_top + (size_t)l->h > lines->n)
        as->help_top = lines->n > (size_t)l->h ? lines->n - (size_t)l->h : 0;
    for (int y = 0; y < l->h && as->help_top + (size_t)y < lines->n; y++) {
        const char *s = lines->v[as->help_top + (size_t)y];
        draw_text(t, l->top + y, l->help_x + 1, s, l->help_w - 2,
                  s[0] && s[0] != ' ' ? TS_HELP_HEADING : TS_HELP_TEXT);
    }
}

/* The help of one question, full screen (narrow terminals). */
static void help_render(struct tui *t, void *ctx, int width, struct strlist *lines, struct sbuf *title)
{
    size_t qi = *(size_t *)ctx;
    const struct cat_question *q = &t->av->a->cat->questions[qi];
    sbuf_addf(title, _("Help %d: %s"), q->number, l10n_get(&q->title, t->lang));
    help_lines(t, qi, width, 7, lines);
}

static void about_render(struct tui *t, void *ctx, int width, struct strlist *lines, struct sbuf *title)
{
    struct sbuf sb;
    (void)ctx;
    sbuf_adds(title, l10n_get(&t->av->a->cat->short_title, t->lang));
    sbuf_init(&sb);
    help_render_about(&sb, t->av->a->cat, t->lang, (size_t)width, 7, 1);
    split_lines(sb.buf, lines);
    sbuf_release(&sb);
}

/* ---- the whole screen ---- */

void assess_paint(struct tui *t, const struct editbuf *eb, size_t f)
{
    struct assess *as = t->as;
    struct layout l;
    char *left, right[96];
    assess_layout(t, &l);
    left = xasprintf("%s %s %s", t->av->a->coop.id, sym(t, "—", "-"), t->av->a->coop.title);
    if (t->cols < 100)
        snprintf(right, sizeof(right), "%zu/%zu", assessment_answered(t->av->a), t->av->a->cat->nquestions);
    else
        snprintf(right, sizeof(right), "%s  %zu/%zu", l10n_get(&t->av->a->cat->short_title, t->lang),
                 assessment_answered(t->av->a), t->av->a->cat->nquestions);
    draw_header(t, left, right);
    free(left);
    if (l.top > 1)
        round_line_draw(t, 1);
    draw_list(t, as, &l);
    draw_vline(t, l.top, l.list_w, l.h);
    if (l.help_w) {
        draw_vline(t, l.top, l.help_x - 1, l.h);
        draw_help_pane(t, as, &l);
    }
    qpane_draw(t, as, &l, eb, f);   /* last: it may place the editor's cursor */
}

static void assess_draw(struct tui *t, struct screen *s)
{
    (void)s;
    draw_status(t, CTX_ASSESS, t->cols >= 100 ? hints_wide : hints_narrow);
    assess_paint(t, NULL, 0);
}

/* ---- moving ---- */

void assess_select(struct tui *t, long qi, int fields)
{
    struct assess *as = t->as;
    long n = (long)t->av->a->cat->nquestions;
    if (qi < 0)
        qi = 0;
    if (qi >= n)
        qi = n - 1;
    if ((size_t)qi != as->sel) {
        as->sel = (size_t)qi;
        as->field = 0;
        as->q_top = 0;
        as->help_top = 0;
    }
    as->q_scrolled = 0;
    if (fields)
        as->focus = FOCUS_FIELDS;
}

int assess_reload(struct tui *t, struct cc_err *err)
{
    struct assess *as = t->as;
    if (aview_reload(t, err) != 0)
        return -1;
    as->sel = as->field = as->list_top = as->q_top = as->help_top = 0;
    as->q_scrolled = 0;
    as->focus = FOCUS_LIST;
    return 0;
}

/* The question's first field asked and not answered (an unexplained
 * "unsure" is not); else the first one asked. */
static size_t open_field(const struct tui *t, size_t qi)
{
    const struct assessment *a = t->av->a;
    size_t first = 0;
    int any = 0;
    for (size_t f = 0; f < a->q[qi].nf; f++) {
        if (!field_applies(a, qi, f))
            continue;
        if (!field_answered(a, qi, f))
            return f;
        if (!any)
            first = f;
        any = 1;
    }
    return first;
}

static void next_open(struct tui *t, int dir)
{
    const struct assessment *a = t->av->a;
    long n = (long)a->cat->nquestions;
    for (long k = 1; k <= n; k++) {
        long qi = ((long)t->as->sel + dir * k + n * 2) % n;
        if (a->q[qi].review || assessment_qstate(a, (size_t)qi) != QS_ANSWERED) {
            assess_select(t, qi, 1);
            t->as->field = open_field(t, (size_t)qi);   /* the focus on the open field */
            return;
        }
    }
    tui_message(t, 0, "%s", _("every question is answered and reviewed"));
}

/* Tab and S-Tab: the next field that is asked, then back to the list. */
static void step_field(struct tui *t, int dir)
{
    struct assess *as = t->as;
    long nf = (long)cur_q(t)->nfields, f;
    as->q_scrolled = 0;
    f = as->focus != FOCUS_FIELDS ? (dir > 0 ? 0 : nf - 1) : (long)as->field + dir;
    while (f >= 0 && f < nf && !field_applies(t->av->a, as->sel, (size_t)f))
        f += dir;   /* a field not asked with these answers is skipped */
    if (f < 0 || f >= nf) {
        as->focus = FOCUS_LIST;
        return;
    }
    as->focus = FOCUS_FIELDS;
    as->field = (size_t)f;
}

/* Page keys: the help pane, the question pane (a long answer is read
 * this way) or the list, whichever has the focus. */
static void page(struct tui *t, int dir, int whole)
{
    struct assess *as = t->as;
    struct layout l;
    size_t step;
    assess_layout(t, &l);
    step = whole ? (size_t)(l.h > 2 ? l.h - 2 : 1) : (size_t)l.h / 2;
    if (as->focus == FOCUS_HELP) {
        as->help_top = dir < 0 ? (as->help_top > step ? as->help_top - step : 0) : as->help_top + step;
    } else if (as->focus == FOCUS_FIELDS) {
        as->q_scrolled = 1;
        as->q_top = dir < 0 ? (as->q_top > step ? as->q_top - step : 0) : as->q_top + step;
    } else {
        assess_select(t, (long)as->sel + dir * (long)step, 0);
    }
}

/* ---- answering ---- */

/* The field of type want that a key acts on: the focused field when it is
 * of that type; from the question list (or help), the question's only field
 * of that type.  -1 otherwise, after saying which field to go to.  A key
 * never changes a field the user did not point at. */
static long field_target(struct tui *t, enum field_type want)
{
    const struct cat_question *q = cur_q(t);
    struct assess *as = t->as;
    size_t count = 0, only = 0;
    if (as->focus == FOCUS_FIELDS) {
        if (!field_applies(t->av->a, as->sel, as->field)) {
            tui_message(t, 0, "%s", _("this field is not asked with the answers as they are; Tab "
                                      "goes to the next one that is"));
            return -1;
        }
        if (q->fields[as->field].type == want)
            return (long)as->field;
        tui_message(t, 0, "%s", want == FIELD_YESNO
                                    ? _("the focused field is a text field (Enter edits it): Tab to a "
                                        "yes/no field to answer it")
                                    : _("the focused field is a yes/no field (y, n, u answer it): Tab "
                                        "to a text field to edit it"));
        return -1;
    }
    for (size_t f = 0; f < q->nfields; f++) {
        if (q->fields[f].type == want && field_applies(t->av->a, as->sel, f)) {
            only = f;
            count++;
        }
    }
    if (count == 1)
        return (long)only;
    if (count == 0 && want == FIELD_YESNO)
        tui_message(t, 0, _("question %d has no yes/no field; Tab to a text field and press Enter"),
                    q->number);
    else if (count == 0)
        tui_message(t, 0, _("question %d has no text field"), q->number);
    else if (want == FIELD_YESNO)
        tui_message(t, 0, _("question %d has %zu yes/no fields: Tab to the one to answer, then "
                            "press y, n or u"), q->number, count);
    else
        tui_message(t, 0, _("question %d has %zu text fields: Tab to the one to edit"), q->number, count);
    return -1;
}

static void answer(struct tui *t, int value)   /* value -1: cycle */
{
    struct assess *as = t->as;
    struct aview *av = t->av;
    long f = field_target(t, FIELD_YESNO);
    struct qanswers before;
    struct cc_err err;
    char now[CC_ISO_LEN];
    enum yesno v;
    if (f < 0)
        return;
    v = value >= 0 ? (enum yesno)value : (enum yesno)((av->a->q[as->sel].f[f].yn + 1) % 4);
    cc_now(now);
    edit_change_begin(t, as->sel, &before);
    if (assessment_set_yesno(av->a, as->sel, (size_t)f, v, t->who, now, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        qanswers_release(&before);
        return;
    }
    as->focus = FOCUS_FIELDS;
    as->field = (size_t)f;
    edit_change_end(t, as->sel, &before);
}

/* The follow-up flag and the confirmation of a carried-over answer. */
static void flag_change(struct tui *t, int confirm)
{
    struct assess *as = t->as;
    struct qanswers before;
    char now[CC_ISO_LEN];
    const struct qanswers *qa = &t->av->a->q[as->sel];
    if (confirm && !qa->review && !qa->risk.review) {
        tui_message(t, 0, _("question %d is not marked to review"), cur_q(t)->number);
        return;
    }
    cc_now(now);
    edit_change_begin(t, as->sel, &before);
    if (confirm) {
        /* the answers and the risk rating carried over, as they are */
        if (qa->review)
            assessment_confirm(t->av->a, as->sel, t->who, now);
        officer_confirm_rating(t->av->a, as->sel, t->who, now);
    } else
        assessment_set_followup(t->av->a, as->sel, !t->av->a->q[as->sel].followup, t->who, now);
    edit_change_end(t, as->sel, &before);
}

/* A conflict from a sync at the focused field (else the question's first):
 * the other side's value taken, as a change that can be undone. */
static void take_other(struct tui *t)
{
    struct assess *as = t->as;
    const struct cat_question *q = cur_q(t);
    struct assessment *b = NULL;
    struct qanswers before;
    struct cc_err err;
    long k = -1;
    if (as->focus == FOCUS_FIELDS && as->field < q->nfields)
        k = conflict_at(t->av->a, q->id, q->fields[as->field].id);
    if (k < 0)
        k = conflict_at(t->av->a, q->id, NULL);
    if (k < 0) {
        tui_message(t, 0, _("question %d has no conflict from a sync"), q->number);
        return;
    }
    if (conflict_take_theirs(t->av->a, (size_t)k, &t->env->cats, &b, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    edit_change_begin(t, as->sel, &before);
    qanswers_release(&t->av->a->q[as->sel]);
    qanswers_copy(&t->av->a->q[as->sel], &b->q[as->sel]);
    conflict_keep_mine(t->av->a, (size_t)k);   /* settled: the value is the other side's now */
    edit_change_end(t, as->sel, &before);
    assessment_free(b);
}

/* Back to before the last change, or forward again. */
static void undo_key(struct tui *t, int redo)
{
    struct aview *av = t->av;
    struct qanswers was;
    long qi;
    char keys[48];
    if (redo ? av->undo.pos == av->undo.n : av->undo.pos == 0) {
        tui_message(t, 0, "%s", redo ? _("nothing to redo")
                                     : _("nothing to undo (changes since this cooperation was "
                                         "opened can be undone)"));
        return;
    }
    qanswers_copy(&was, &av->a->q[av->undo.v[redo ? av->undo.pos : av->undo.pos - 1].qi]);
    qi = redo ? undo_redo(&av->undo, av->a) : undo_undo(&av->undo, av->a);
    assess_select(t, qi, 0);
    edit_changed(t, (size_t)qi, &was);
    qanswers_release(&was);
    if (av->unsaved)   /* (a save that fails later says so then) */
        return;   /* edit_save said why */
    keymap_describe(&t->km, redo ? ACT_UNDO : ACT_REDO, 1, keys, sizeof(keys));
    if (redo)
        tui_message(t, 0, _("redone: the change of question %d (%s undoes it again)"),
                    cur_q(t)->number, keys);
    else
        tui_message(t, 0, _("undone: the last change of question %d (%s redoes it)"),
                    cur_q(t)->number, keys);
}

static void edit_key_pressed(struct tui *t)
{
    struct assess *as = t->as;
    if (as->focus != FOCUS_FIELDS) {
        as->focus = FOCUS_FIELDS;
        as->field = open_field(t, as->sel);
        as->q_scrolled = 0;
    } else if (!field_applies(t->av->a, as->sel, as->field)) {
        tui_message(t, 0, "%s", _("this field is not asked with the answers as they are; Tab "
                                  "goes to the next one that is"));
    } else {
        /* a text field, or the note of a yes/no answer: Enter never
         * changes a yes/no value */
        editor_open(t, as->sel, as->field);
    }
}

/* ---- prompts ---- */

/* 1 when question qi matches the search: its title or text in either
 * language, or one of its answers. */
static int question_matches(const struct tui *t, size_t qi, const char *needle)
{
    const struct cat_question *q = &t->av->a->cat->questions[qi];
    const struct qanswers *qa = &t->av->a->q[qi];
    size_t at, len;
    for (int l = 0; l < LANG_COUNT; l++)
        if ((q->title.s[l] && find_ci(q->title.s[l], needle, &at, &len)) ||
            (q->text.s[l] && find_ci(q->text.s[l], needle, &at, &len)))
            return 1;
    for (size_t f = 0; f < qa->nf; f++)
        if (qa->f[f].text && find_ci(qa->f[f].text, needle, &at, &len))
            return 1;
    return 0;
}

static void search_done(struct tui *t, void *ctx, const char *text)
{
    struct assess *as = t->as;
    size_t n;
    (void)ctx;
    if (!as)
        return;
    if (*text)
        snprintf(as->search, sizeof(as->search), "%s", text);
    if (!as->search[0])
        return;
    n = t->av->a->cat->nquestions;
    for (size_t k = 1; k <= n; k++) {
        size_t qi = (as->sel + k) % n;
        if (question_matches(t, qi, as->search)) {
            char keys[32];
            keymap_describe(&t->km, ACT_SEARCH, 1, keys, sizeof(keys));
            assess_select(t, (long)qi, 0);
            /* TRANSLATORS: the last %s is the search key, as in "/ Enter" */
            tui_message(t, 0, _("question %d matches \"%s\" (%s Enter finds the next)"),
                        cur_q(t)->number, as->search, keys);
            return;
        }
    }
    tui_message(t, 1, _("no question or answer matches \"%s\""), as->search);
}

static void goto_done(struct tui *t, void *ctx, const char *text)
{
    const struct cat_question *q;
    (void)ctx;
    if (!t->as || !*text)
        return;
    q = catalog_question(t->av->a->cat, text);
    if (!q) {
        tui_message(t, 1, _("there is no question %s (1-%zu)"), text, t->av->a->cat->nquestions);
        return;
    }
    assess_select(t, catalog_question_index(t->av->a->cat, q), 0);
}

static void open_help(struct tui *t)
{
    struct assess *as = t->as;
    struct layout l;
    assess_layout(t, &l);
    if (l.help_w) {
        as->focus = as->focus == FOCUS_HELP ? FOCUS_FIELDS : FOCUS_HELP;
    } else {
        size_t *qi = xmalloc(sizeof(*qi));
        *qi = as->sel;
        pager_open(t, help_render, qi);
    }
}

/* ---- keys ---- */

/* Keys that move: 1 when a was one. */
static int move_key(struct tui *t, struct assess *as, enum action a)
{
    struct layout l;
    assess_layout(t, &l);
    if (as->focus == FOCUS_HELP && (a == ACT_UP || a == ACT_DOWN)) {
        as->help_top = a == ACT_UP ? (as->help_top ? as->help_top - 1 : 0) : as->help_top + 1;
        return 1;
    }
    switch (a) {
    case ACT_UP: assess_select(t, (long)as->sel - 1, 0); break;
    case ACT_DOWN: assess_select(t, (long)as->sel + 1, 0); break;
    case ACT_PAGE_UP: page(t, -1, as->focus == FOCUS_HELP); break;
    case ACT_PAGE_DOWN: page(t, 1, as->focus == FOCUS_HELP); break;
    case ACT_FIRST: assess_select(t, 0, 0); break;
    case ACT_LAST: assess_select(t, (long)t->av->a->cat->nquestions - 1, 0); break;
    case ACT_PANE_LEFT: as->focus = as->focus == FOCUS_HELP ? FOCUS_FIELDS : FOCUS_LIST; break;
    case ACT_PANE_RIGHT:
        if (as->focus == FOCUS_LIST)
            as->focus = FOCUS_FIELDS;
        else if (l.help_w)
            as->focus = FOCUS_HELP;
        break;
    case ACT_NEXT_FIELD: step_field(t, 1); break;
    case ACT_PREV_FIELD: step_field(t, -1); break;
    case ACT_NEXT_OPEN: next_open(t, 1); break;
    case ACT_PREV_OPEN: next_open(t, -1); break;
    case ACT_BACK: as->focus = FOCUS_LIST; break;
    default: return 0;
    }
    return 1;
}

static void assess_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct assess *as = (struct assess *)s;
    char d[8];
    if (move_key(t, as, a))
        return;
    switch (a) {
    case ACT_GOTO_NUMBER:
        d[utf8_encode((uint32_t)key, d)] = '\0';
        prompt_open(t, _("Go to question: "), d, goto_done, NULL, NULL);
        break;
    case ACT_GOTO: prompt_open(t, _("Go to question: "), "", goto_done, NULL, NULL); break;
    case ACT_SEARCH: prompt_open(t, _("Search questions and answers: "), "", search_done, NULL, NULL); break;
    case ACT_YES: answer(t, YN_YES); break;
    case ACT_NO: answer(t, YN_NO); break;
    case ACT_UNSURE: answer(t, YN_UNSURE); break;
    case ACT_CYCLE: answer(t, -1); break;
    case ACT_FOLLOWUP: flag_change(t, 0); break;
    case ACT_CONFIRM: flag_change(t, 1); break;
    case ACT_TAKE_OTHER: take_other(t); break;
    case ACT_EDIT: edit_key_pressed(t); break;
    case ACT_EXTERNAL_EDIT: {
        long f = field_target(t, FIELD_TEXT);
        if (f >= 0)
            edit_external(t, as->sel, (size_t)f);
        break;
    }
    case ACT_UNDO: undo_key(t, 0); break;
    case ACT_REDO: undo_key(t, 1); break;
    case ACT_HELP: open_help(t); break;
    case ACT_ABOUT: pager_open(t, about_render, NULL); break;
    case ACT_LANGUAGE: tui_toggle_language(t); break;
    case ACT_SNAPSHOT: round_open(t); break;
    case ACT_DIFF: diff_open(t); break;
    case ACT_EXPORT: export_open(t); break;
    case ACT_EDIT_COOP: form_open_current(t); break;
    case ACT_RATE: rate_open(t, as->sel); break;
    case ACT_OFFICER: officer_open(t); break;
    case ACT_SCREENING: screening_view_open(t); break;
    case ACT_QUIT:
        if (t->av->unsaved && edit_save(t) != 0)
            unsaved_open(t, t->msg);
        else
            screen_pop(t);
        break;
    default:
        break;
    }
}

/* ---- opening and closing ---- */

static void assess_destroy(struct tui *t, struct screen *s)
{
    if (t->av)
        aview_free(t, t->av);
    t->av = NULL;
    t->as = NULL;
    t->picker_stale = 1;
    qpane_release((struct assess *)s);
    strlist_release(&((struct assess *)s)->help.lines);
    free(s);
}

static const struct screen_ops assess_ops = {
    CTX_ASSESS, 0, assess_draw, assess_key, NULL, assess_destroy, hints_wide,
};

int assess_open(struct tui *t, const char *id, const char *question)
{
    struct assessment *a;
    struct assess *as;
    struct cc_err err;
    if (store_lock(t->env->data, id, &err) != 0 ||
        store_load(t->env->data, id, &t->env->cats, &a, &err) != 0) {
        /* (the lock is taken first: the file is then the one it protects) */
        if (err.code != EBUSY)
            store_unlock(t->env->data, id);
        tui_message(t, 1, "%s", err.msg);
        t->open_err = err.code;
        return -1;
    }
    as = xcalloc(1, sizeof(*as));
    as->base.ops = &assess_ops;
    t->av = aview_new(t, a);
    t->as = as;
    screen_push(t, &as->base);
    if (question) {
        const struct cat_question *q = catalog_question(a->cat, question);
        if (!q)
            tui_message(t, 1, _("no question \"%s\" in this catalogue; showing question 1"), question);
        else
            assess_select(t, catalog_question_index(a->cat, q), 1);
    }
    recover_open(t);
    return 0;
}
