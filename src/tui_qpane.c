/* tui_qpane.c — the question pane of the assessment screen: the question's
 * number, section and official text, its marks, and each field with its
 * answer, laid out as lines at the pane's width.  While the inline editor is
 * open, its text stands in place of the field's answer.  The pane scrolls to
 * keep the focused field (or the editor's cursor) in view, unless the user
 * scrolled it (a long answer is read with the page keys); matches of the
 * last search are highlighted.
 *
 * A long answer is laid out only as far as the pane shows it: a frame lays
 * out at most the lines up to the bottom of the view, so moving to a
 * question with 256 KiB answers costs a screenful, not the answers.  Where
 * a field or the editor's cursor below such an answer is to be kept in
 * view, or the view reaches past what is laid out, the frame is built again
 * with the answers laid out as far as needed. */
#include "tui_assess.h"

#include "conflicts.h"
#include "officer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "digest.h"
#include "textutil.h"
#include "words.h"

/* A block of the pane: one line of our own words, or the visual lines of a
 * text laid out elsewhere (an answer in the cache, the editor's buffer), so
 * that a frame costs the lines it shows, not the length of the answers. */
struct qline {
    char *own;                     /* one line, owned; NULL: a text's lines */
    const char *base;              /* the text of lines */
    const struct edit_line *lines;
    size_t nlines;
    enum theme_slot slot;
    int indent;
    int searchable;        /* the question's text or an answer: matches are shown */
    int dim;               /* a field that is not asked now: greyed */
};

struct qpane {
    struct qline *v;
    size_t n, cap;
    size_t rows;            /* visual lines in all */
    size_t target;          /* line to keep in view (the focused field's label) */
    long cursor_line;       /* editor cursor, or -1 */
    size_t cursor_col;
    struct qcache *qc;
    size_t need;            /* the pane's rows laid out, at least (SIZE_MAX: all) */
    int partial;            /* a text is not laid out to its end */
    size_t exact_rows;      /* the rows before the first such text's end: exact */
    int below_partial;      /* the target or the cursor comes after such a text */
    struct strlist owned;   /* texts of ours that lines are shown from, for the frame */
};

/* An answer as shown: sanitised and laid out at a width.  The pane keeps the
 * ones of the last frame and looks them up by content, by its length and
 * digest (a changed answer of the same length may sit at the freed answer's
 * address), without a copy of it: a text that needs no escapes is shown
 * from the answer itself. */
struct qtext {
    uint64_t digest;        /* of the answer as it was laid out (digest.h) */
    size_t len;
    int width, used;
    struct sbuf clean;      /* the answer with its escapes, when it needs some */
    const char *shown;      /* clean's text, or the answer (set at each lookup) */
    size_t shown_len;
    struct edit_layout_part lay;   /* as far as a frame needed it */
};

struct qcache {
    struct qtext *v;
    size_t n;
};

static struct qline *qnew(struct qpane *p, enum theme_slot slot, int indent, int searchable)
{
    struct qline *ql;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
    }
    ql = &p->v[p->n++];
    memset(ql, 0, sizeof(*ql));
    ql->slot = slot;
    ql->indent = indent;
    ql->searchable = searchable;
    return ql;
}

static void qadd(struct qpane *p, enum theme_slot slot, int indent, const char *text, int searchable)
{
    qnew(p, slot, indent, searchable)->own = xstrdup(text);
    p->rows++;
}

static void qadd_lines(struct qpane *p, enum theme_slot slot, int indent, const char *base,
                       const struct edit_line *lines, size_t n, int searchable)
{
    struct qline *ql = qnew(p, slot, indent, searchable);
    ql->base = base;
    ql->lines = lines;
    ql->nlines = n;
    p->rows += n;
}

/* The blocks added since from greyed. */
static void dim_from(struct qpane *p, size_t from)
{
    for (size_t i = from; i < p->n; i++)
        p->v[i].dim = 1;
}

/* The entry of a text of len bytes and digest dg laid out at width, or NULL. */
static struct qtext *qtext_find(struct qcache *c, uint64_t dg, size_t len, int width)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].width == width && c->v[i].len == len && c->v[i].digest == dg)
            return &c->v[i];
    return NULL;
}

/* A new entry for that text, used by this frame, laid out nowhere yet. */
static struct qtext *qtext_add(struct qcache *c, uint64_t dg, size_t len, int width)
{
    struct qtext *e;
    c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
    e = &c->v[c->n++];
    memset(e, 0, sizeof(*e));   /* (clean.buf NULL: nothing to escape) */
    e->digest = dg;
    e->len = len;
    e->width = width;
    e->used = 1;
    return e;
}

/* text laid out at width, to at least need lines (or all it has). */
static const struct qtext *qtext_get(struct qcache *c, const char *text, int width, size_t need)
{
    size_t len = strlen(text);
    uint64_t dg = digest_of(text, len);
    struct qtext *e = qtext_find(c, dg, len, width);
    if (e) {
        e->used = 1;
        if (!e->clean.buf)
            e->shown = text;   /* the same bytes, maybe at another address */
        if (e->lay.n < need)
            edit_layout_more(&e->lay, e->shown, e->shown_len, (size_t)width, need - e->lay.n);
        return e;
    }
    e = qtext_add(c, dg, len, width);
    if (!text_clean(text, len)) {   /* shown with escapes */
        sbuf_init(&e->clean);
        text_sanitize(&e->clean, text, TEXT_ALLOW_NEWLINE);
        if (e->clean.len == len)       /* (escapes are longer than what they show) */
            sbuf_release(&e->clean);
    }
    e->shown = e->clean.buf ? e->clean.buf : text;
    e->shown_len = e->clean.buf ? e->clean.len : len;
    edit_layout_more(&e->lay, e->shown, e->shown_len, (size_t)width, need);
    return e;
}

void qpane_keep_layout(struct assess *as, const struct editbuf *eb)
{
    const struct edit_line *lines;
    const size_t *scan;
    size_t width, n = editbuf_laid_out(eb, &width, &lines, &scan);
    uint64_t dg;
    struct qtext *e;
    if (!as || !n || !eb->len || !editbuf_clean(eb))
        return;   /* (a text shown with escapes is laid out from those) */
    if (!as->qc)
        as->qc = xcalloc(1, sizeof(*as->qc));
    dg = digest_of(eb->text, eb->len);
    if (qtext_find(as->qc, dg, eb->len, (int)width))
        return;
    /* (used: kept by the next frame's sweep when that frame shows it) */
    e = qtext_add(as->qc, dg, eb->len, (int)width);
    e->shown_len = eb->len;
    e->lay.v = xmalloc(n * sizeof(*e->lay.v));
    memcpy(e->lay.v, lines, n * sizeof(*e->lay.v));
    e->lay.scan = xmalloc(n * sizeof(*e->lay.scan));
    memcpy(e->lay.scan, scan, n * sizeof(*e->lay.scan));
    e->lay.n = e->lay.cap = n;
    e->lay.next = eb->len;
    e->lay.complete = 1;
}

static void qtext_free(struct qtext *e)
{
    sbuf_release(&e->clean);
    edit_layout_free(&e->lay);
}

/* Drops what the frame did not show; marks the rest unused for the next. */
static void qcache_sweep(struct qcache *c)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->v[i].used) {
            qtext_free(&c->v[i]);
            continue;
        }
        c->v[i].used = 0;
        c->v[k++] = c->v[i];
    }
    c->n = k;
}

void qpane_release(struct assess *as)
{
    if (!as->qc)
        return;
    for (size_t i = 0; i < as->qc->n; i++)
        qtext_free(&as->qc->v[i]);
    free(as->qc->v);
    free(as->qc);
    as->qc = NULL;
}

/* text wrapped at width as it will be shown: control characters as visible
 * escapes, the same layout as the editor's */
static void qadd_wrapped(struct qpane *p, enum theme_slot slot, int indent, const char *text,
                         int width, int searchable)
{
    /* a text starting at row r needs need - r of its lines */
    size_t need = p->need == SIZE_MAX ? SIZE_MAX : p->need > p->rows ? p->need - p->rows : 1;
    const struct qtext *e = qtext_get(p->qc, text, width > 4 ? width : 4, need);
    size_t at = p->rows;
    qadd_lines(p, slot, indent, e->shown, e->lay.v, e->lay.n, searchable);
    if (!e->lay.complete) {
        if (!p->partial)
            p->exact_rows = at + e->lay.n;
        p->partial = 1;
    }
}

/* qadd_wrapped of our own words s (taken over): the pane keeps s for the
 * frame, since its lines are shown from it. */
static void qadd_wrapped_own(struct qpane *p, enum theme_slot slot, int indent, char *s, int width)
{
    strlist_push_owned(&p->owned, s);
    qadd_wrapped(p, slot, indent, s, width, 0);
}

/* Our own words word-wrapped at width, further lines indented by more. */
static void qadd_words(struct qpane *p, enum theme_slot slot, int indent, int more, const char *text,
                       int width)
{
    struct sbuf sb;
    struct strlist lines = { 0 };
    sbuf_init(&sb);
    text_wrap(&sb, text, (size_t)(width - more > 8 ? width - more : 8), 0);
    split_lines(sb.buf, &lines);
    for (size_t i = 0; i < lines.n; i++)
        qadd(p, slot, indent + (i ? more : 0), lines.v[i], 0);
    strlist_release(&lines);
    sbuf_release(&sb);
}

/* The choices, each kept whole, on as many lines as the width needs. */
static void add_yesno(struct tui *t, struct qpane *p, const struct answer *ans, int width)
{
    static const enum yesno opts[] = { YN_YES, YN_NO, YN_UNSURE };
    struct sbuf line;
    char *part[4];
    size_t n = 0;
    for (size_t k = 0; k < 3; k++)
        part[n++] = xasprintf("%s %s", ans->yn == opts[k] ? sym(t, "(•)", "(*)") : "( )",
                              yesno_word(opts[k]));
    if (ans->yn == YN_UNSET)
        part[n++] = xasprintf("%s %s", sym(t, "—", "-"), yesno_word(YN_UNSET));
    sbuf_init(&line);
    for (size_t k = 0; k < n; k++) {
        if (line.len && text_width(line.buf) + 2 + text_width(part[k]) > (size_t)width) {
            qadd(p, TS_VALUE, 4, line.buf, 0);
            sbuf_reset(&line);
        }
        sbuf_addf(&line, "%s%s", line.len ? "  " : "", part[k]);
        free(part[k]);
    }
    qadd(p, TS_VALUE, 4, line.buf, 0);
    sbuf_release(&line);
}

/* An editor just opened on a text the pane laid out at width takes that
 * layout over instead of wrapping its text again (256 KiB: about 1.5 ms at
 * 200 columns). */
static void seed_editor(struct qcache *c, const struct editbuf *eb, size_t width)
{
    const struct edit_line *lines;
    const size_t *scan;
    size_t had;
    struct qtext *e;
    if (!c || !eb->len || (editbuf_laid_out(eb, &had, &lines, &scan) && had == width))
        return;
    e = qtext_find(c, digest_of(eb->text, eb->len), eb->len, (int)width);
    if (e && !e->clean.buf) {   /* laid out from these bytes, not from their escapes */
        editbuf_know_clean(eb);
        editbuf_adopt_layout(eb, width, &e->lay);
    }
}

static void add_editor(struct qpane *p, const struct editbuf *eb, int w)
{
    const struct edit_line *lines;
    size_t width = (size_t)(w > 4 ? w : 4), n, row, col;
    seed_editor(p->qc, eb, width);
    n = editbuf_layout(eb, width, &lines);
    editbuf_cursor_rowcol(eb, width, &row, &col);
    p->cursor_line = (long)(p->rows + row);
    p->cursor_col = col;
    p->below_partial |= p->partial;
    qadd_lines(p, TS_EDITOR, 4, eb->text, lines, n, 0);
}

/* "(asked when "Dependency on China?" is yes or unsure)"; caller frees. */
static char *when_text(struct tui *t, const struct cat_question *q, const struct cat_field *fd)
{
    const char *ctl = l10n_get(&q->fields[fd->when_field].label, t->lang), *v[3];
    size_t n = 0;
    for (int k = YN_YES; k <= YN_UNSURE; k++)
        if (fd->when_is & (1u << k))
            v[n++] = yesno_word((enum yesno)k);
    if (n == 1)
        return xasprintf(_("(asked when \"%s\" is %s)"), ctl, v[0]);
    if (n == 2)
        return xasprintf(_("(asked when \"%s\" is %s or %s)"), ctl, v[0], v[1]);
    return xasprintf(_("(asked when \"%s\" is answered)"), ctl);
}

/* Under an "unsure" that nothing explains: where to explain it. */
static void add_unexplained(struct tui *t, struct assess *as, struct qpane *p, int w)
{
    const struct cat_question *q = &t->av->a->cat->questions[as->sel];
    const char *text = NULL;
    char keys[48], *s;
    for (size_t k = 0; k < q->nfields && !text; k++)
        if (q->fields[k].type == FIELD_TEXT && field_applies(t->av->a, as->sel, k))
            text = l10n_get(&q->fields[k].label, t->lang);
    keymap_describe(&t->km, ACT_EDIT, 1, keys, sizeof(keys));
    if (text)
        s = xasprintf(_("\"%s\" needs an explanation: write it in \"%s\", or press %s on this "
                        "field for a note"), yesno_word(YN_UNSURE), text, keys);
    else
        s = xasprintf(_("\"%s\" needs an explanation: press %s on this field to write a note"),
                      yesno_word(YN_UNSURE), keys);
    qadd_words(p, TS_MARK_REVIEW, 4, 2, s, w - 4);
    free(s);
}

/* A yes/no field's choices and its note (or the editor on the note). */
static void add_yesno_field(struct tui *t, struct assess *as, struct qpane *p, size_t f, int w,
                            const struct editbuf *eb)
{
    const struct answer *ans = &t->av->a->q[as->sel].f[f];
    add_yesno(t, p, ans, w - 4);
    if (eb || ans->text)
        qadd(p, TS_LABEL, 4, _("Note:"), 0);
    if (eb)
        add_editor(p, eb, w - 4);
    else if (ans->text)
        qadd_wrapped(p, TS_VALUE, 4, ans->text, w - 4, 1);
    if (!eb && field_applies(t->av->a, as->sel, f) && field_unexplained(t->av->a, as->sel, f))
        add_unexplained(t, as, p, w);
}

/* A conflict a sync recorded at this field: the other side's value, and
 * how to settle it. */
static void add_conflict(struct tui *t, struct qpane *p, const struct cat_question *q,
                         const struct cat_field *fd, int w)
{
    long k = conflict_at(t->av->a, q->id, fd->id);
    struct sbuf other, who;
    char keys[48], *s;
    if (k < 0)
        return;
    sbuf_init(&other);
    sbuf_init(&who);
    conflict_value(t->av->a->conflicts[k].theirs, &other, (size_t)(w > 40 ? w - 30 : 10));
    conflict_who(t->av->a->conflicts[k].theirs, &who);
    keymap_describe(&t->km, ACT_TAKE_OTHER, 1, keys, sizeof(keys));
    s = xasprintf(_("%s Conflict from a sync: the other side has \"%s\"%s%s%s.  %s takes it; "
                    "editing the value settles it too."), sym(t, "⇄", "!"), other.buf,
                  who.len ? " (" : "", who.buf, who.len ? ")" : "", keys);
    qadd_words(p, TS_FLAG, 4, 2, s, w - 4);
    free(s);
    sbuf_release(&other);
    sbuf_release(&who);
}

static void add_field(struct tui *t, struct assess *as, struct qpane *p, size_t f, int w,
                      const struct editbuf *eb)
{
    const struct cat_question *q = &t->av->a->cat->questions[as->sel];
    const struct cat_field *fd = &q->fields[f];
    const struct answer *ans = &t->av->a->q[as->sel].f[f];
    int focused = as->focus == FOCUS_FIELDS && as->field == f;
    int applies = field_applies(t->av->a, as->sel, f);
    size_t from;
    char *s;
    qadd(p, TS_NORMAL, 0, "", 0);
    s = xasprintf("%s %s", focused ? sym(t, "▶", ">") : " ", l10n_get(&fd->label, t->lang));
    if (focused) {
        p->target = p->rows;
        p->below_partial |= p->partial;
    }
    from = p->n;
    qadd_words(p, focused ? TS_FOCUS : TS_LABEL, 0, 2, s, w);
    free(s);
    if (!applies) {
        /* not asked with the answers as they are: greyed, not counted;
         * what it holds is kept and shown */
        s = when_text(t, q, fd);
        qadd_words(p, TS_NORMAL, 4, 2, s, w - 4);
        free(s);
        if (fd->type == FIELD_YESNO && ans->yn != YN_UNSET)
            add_yesno(t, p, ans, w - 4);
        if (ans->text)
            qadd_wrapped(p, TS_VALUE, 4, ans->text, w - 4, 1);
        dim_from(p, from);
        return;
    }
    if (fd->type == FIELD_YESNO)
        add_yesno_field(t, as, p, f, w, eb);
    else if (eb)
        add_editor(p, eb, w - 4);
    else if (ans->text)
        qadd_wrapped(p, TS_VALUE, 4, ans->text, w - 4, 1);
    else
        qadd(p, TS_NORMAL, 4, _("(empty: Enter to write)"), 0);
    if (focused && ans->at && !eb) {
        s = xasprintf(_("last changed %s, %s"), ans->at, ans->by ? ans->by : "?");
        qadd_words(p, TS_NORMAL, 4, 2, s, w - 4);
        free(s);
    }
    add_conflict(t, p, q, fd, w);
}

static void build(struct tui *t, struct assess *as, int w, struct qpane *p, const struct editbuf *eb,
                  size_t ef, size_t need)
{
    const struct catalog *cat = t->av->a->cat;
    const struct cat_question *q = &cat->questions[as->sel];
    const struct qanswers *qa = &t->av->a->q[as->sel];
    char *s;
    memset(p, 0, sizeof(*p));
    p->cursor_line = -1;
    p->need = need;
    if (!as->qc)
        as->qc = xcalloc(1, sizeof(*as->qc));
    p->qc = as->qc;
    s = xasprintf(_("Question %d of %zu · %s"), q->number, cat->nquestions,
                  l10n_get(&cat->sections[q->section].title, t->lang));
    {
        struct sbuf cut;   /* the section's name cut with "...", the number never */
        sbuf_init(&cut);
        text_truncate(&cut, s, (size_t)(w > 8 ? w : 8), 1);
        qadd(p, TS_TITLE, 0, cut.buf, 0);
        sbuf_release(&cut);
    }
    free(s);
    qadd(p, TS_NORMAL, 0, "", 0);
    qadd_wrapped(p, TS_QUESTION, 0, l10n_get(&q->text, t->lang), w, 1);
    if (qa->review || qa->followup)
        qadd(p, TS_NORMAL, 0, "", 0);
    if (qa->review) {
        char keys[48];
        keymap_describe(&t->km, ACT_CONFIRM, 1, keys, sizeof(keys));
        s = xasprintf(_("%s to review (carried over from the last round)  (%s)"), sym(t, "↻", "R"), keys);
        qadd_wrapped_own(p, TS_MARK_REVIEW, 0, s, w);
    }
    if (qa->followup) {
        char keys[48];
        keymap_describe(&t->km, ACT_FOLLOWUP, 1, keys, sizeof(keys));
        s = xasprintf(_("%s needs follow-up  (%s)"), sym(t, "⚑", "!"), keys);
        qadd_wrapped_own(p, TS_FLAG, 0, s, w);
    }
    if (qa->risk.level != RISK_UNRATED || qa->risk.why) {
        char keys[48];
        keymap_describe(&t->km, ACT_RATE, 1, keys, sizeof(keys));
        if (qa->risk.review) {   /* how to confirm it as it is */
            size_t n = strlen(keys);
            snprintf(keys + n, sizeof(keys) - n, ", ");
            n = strlen(keys);
            keymap_describe(&t->km, ACT_CONFIRM, 1, keys + n, sizeof(keys) - n);
        }
        s = xasprintf(_("Risk: %s%s%s%s  (%s)"), risk_word(qa->risk.level),
                      qa->risk.review ? _(", to review") : "", qa->risk.why ? " - " : "",
                      qa->risk.why ? qa->risk.why : "", keys);
        qadd(p, TS_NORMAL, 0, "", 0);
        qadd_wrapped_own(p, qa->risk.level >= RISK_HIGH ? TS_FLAG : TS_LABEL, 0, s, w);
    }
    for (size_t f = 0; f < q->nfields; f++)
        add_field(t, as, p, f, w, eb && f == ef ? eb : NULL);
}

int find_ci(const char *hay, const char *needle, size_t *start, size_t *len)
{
    size_t nlen = strlen(needle);
    if (!nlen)
        return 0;
    for (const char *h = hay; *h;) {
        const char *a = h, *b = needle;
        size_t k;
        while (*a && *b) {
            size_t ka, kb;
            uint32_t ca = utf8_decode_at(a, &ka), cb = utf8_decode_at(b, &kb);
            if (towlower((wint_t)ca) != towlower((wint_t)cb))
                break;
            a += ka;
            b += kb;
        }
        if (!*b) {
            *start = (size_t)(h - hay);
            *len = (size_t)(a - h);
            return 1;
        }
        utf8_decode_at(h, &k);
        h += k;
    }
    return 0;
}

/* A line with the search's matches in their own style. */
static void draw_line(struct tui *t, int y, int x, int w, const struct qline *ql, const char *s,
                      const char *needle)
{
    size_t at, len;
    if (ql->slot == TS_EDITOR || ql->slot == TS_FOCUS)
        draw_fill(t, y, x, w, ql->slot);
    if (ql->dim) {
        draw_text_dim(t, y, x, s, 0, w, ql->slot);
        return;
    }
    while (ql->searchable && *needle && w > 0 && find_ci(s, needle, &at, &len)) {
        char *before = xstrndup(s, at), *hit = xstrndup(s + at, len);
        int used = draw_text(t, y, x, before, w, ql->slot);
        x += used;
        w -= used;
        used = draw_text(t, y, x, hit, w, TS_MATCH);
        x += used;
        w -= used;
        free(before);
        free(hit);
        s += at + len;
    }
    draw_text(t, y, x, s, w, ql->slot);
}

/* Draws the pane's visual lines from row top on, h of them. */
static void draw_rows(struct tui *t, const struct layout *l, const struct qpane *p, size_t top,
                      const char *needle)
{
    size_t row = 0;
    int y = 0;
    for (size_t b = 0; b < p->n && y < l->h; b++) {
        const struct qline *ql = &p->v[b];
        size_t n = ql->own ? 1 : ql->nlines;
        int x = l->q_x + 1 + ql->indent, w = l->q_w - 2 - ql->indent;
        for (size_t i = row < top ? top - row : 0; i < n && y < l->h; i++, y++) {
            if (ql->own) {
                draw_line(t, l->top + y, x, w, ql, ql->own, needle);
            } else {
                const struct edit_line *el = &ql->lines[i];
                char *s = xstrndup(ql->base + el->start, el->end - el->start);
                draw_line(t, l->top + y, x, w, ql, s, needle);
                free(s);
            }
        }
        row += n;
    }
}

static void pane_free(struct qpane *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].own);
    free(p->v);
    strlist_release(&p->owned);
}

/* Sets where the view of p begins (as->q_top): 1 when p's rows are exact
 * that far down, 0 when a text must be laid out further first. */
static int scroll_view(struct assess *as, const struct layout *l, const struct qpane *p,
                  const struct editbuf *eb)
{
    size_t want = p->cursor_line >= 0 ? (size_t)p->cursor_line : p->target, h = (size_t)l->h;
    if (as->focus != FOCUS_FIELDS && !eb)
        want = 0;
    if (!as->q_scrolled || eb) {
        if (want < as->q_top)
            as->q_top = want;
        if (want >= as->q_top + h)
            as->q_top = want - h + 1;
        /* with the label in view too, when the editor leaves room */
        if (p->cursor_line >= 0 && p->target < as->q_top && (size_t)p->cursor_line < p->target + h)
            as->q_top = p->target;
    }
    if (p->partial)
        return as->q_top + h <= p->exact_rows;
    if (as->q_top + h > p->rows)
        as->q_top = p->rows > h ? p->rows - h : 0;
    return 1;
}

void qpane_draw(struct tui *t, struct assess *as, const struct layout *l, const struct editbuf *eb,
                size_t f)
{
    struct qpane p;
    size_t top0 = as->q_top, h = (size_t)l->h;
    build(t, as, l->q_w - 2, &p, eb, f, top0 + h + 1);
    if (p.below_partial || !scroll_view(as, l, &p, eb)) {
        /* laid out further: as far as the view now reaches, or all of it
         * when what is to be in view lies below a text not laid out */
        size_t need = p.below_partial ? SIZE_MAX : as->q_top + h + 1;
        pane_free(&p);
        as->q_top = top0;
        build(t, as, l->q_w - 2, &p, eb, f, need);
        if (!scroll_view(as, l, &p, eb)) {
            pane_free(&p);
            as->q_top = top0;
            build(t, as, l->q_w - 2, &p, eb, f, SIZE_MAX);
            scroll_view(as, l, &p, eb);
        }
    }
    draw_rows(t, l, &p, as->q_top, as->search);
    if (as->q_top > 0)
        draw_text(t, l->top, l->q_x + l->q_w - 2, sym(t, "▲", "^"), 1, TS_BORDER);
    if (as->q_top + h < p.rows || p.partial)
        draw_text(t, l->top + l->h - 1, l->q_x + l->q_w - 2, sym(t, "▼", "v"), 1, TS_BORDER);
    if (as->focus == FOCUS_FIELDS && p.target >= as->q_top && p.target < as->q_top + (size_t)l->h)
        draw_focus(t, l->top + (int)(p.target - as->q_top), l->q_x + 1);
    if (p.cursor_line >= 0 && (size_t)p.cursor_line >= as->q_top &&
        (size_t)p.cursor_line < as->q_top + (size_t)l->h)
        draw_cursor(t, l->top + (int)((size_t)p.cursor_line - as->q_top),
                    l->q_x + 1 + 4 + (int)p.cursor_col);
    pane_free(&p);
    qcache_sweep(as->qc);
}

