/* diffout.c — see diffout.h. */
#include "diffout.h"

#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "i18n.h"
#include "jsondoc.h"
#include "textutil.h"
#include "words.h"

#define SGR_DEL "\033[31m"
#define SGR_INS "\033[32m"
#define SGR_BOLD "\033[1m"
#define SGR_OFF "\033[m"

int diffout_differs(const struct assessment_diff *d)
{
    return d->sum.changed > 0 || d->sum.text_changed > 0 || d->ncoop > 0 || d->noff > 0;
}

/* ---- the document ---- */

static struct dblock *block(struct ddoc *doc, int question, int indent)
{
    doc->v = xrealloc(doc->v, (doc->n + 1) * sizeof(*doc->v));
    memset(&doc->v[doc->n], 0, sizeof(doc->v[doc->n]));
    doc->v[doc->n].question = question;
    doc->v[doc->n].indent = indent;
    return &doc->v[doc->n++];
}

static void span_to(struct dspan **v, size_t *n, enum dtag tag, const char *text)
{
    struct sbuf clean;
    sbuf_init(&clean);
    text_sanitize(&clean, text, TEXT_ALLOW_NEWLINE | TEXT_ALLOW_TAB);
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    (*v)[*n].text = sbuf_detach(&clean, NULL);
    (*v)[(*n)++].tag = tag;
}

static void span(struct dblock *b, enum dtag tag, const char *text)
{
    span_to(&b->v, &b->n, tag, text);
}

static void spanf(struct dblock *b, enum dtag tag, const char *fmt, ...) CC_PRINTF(3, 4);
static void spanf(struct dblock *b, enum dtag tag, const char *fmt, ...)
{
    struct sbuf sb;
    va_list ap;
    sbuf_init(&sb);
    va_start(ap, fmt);
    sbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    span(b, tag, sb.buf);
    sbuf_release(&sb);
}

static void summary_blocks(struct ddoc *doc, const struct diff_summary *s)
{
    spanf(block(doc, -1, 0), DT_TITLE, P_("Summary: %zu question changed, %zu newly answered, %zu "
                                          "cleared, %zu unchanged",
                                          "Summary: %zu questions changed, %zu newly answered, %zu "
                                          "cleared, %zu unchanged", s->changed),
          s->changed, s->newly_answered, s->cleared, s->unchanged);
    spanf(block(doc, -1, 0), DT_TEXT, _("Yes/no:  %zu yes->no, %zu no->yes, %zu to unsure, %zu from "
                                        "unsure"), s->yes_to_no, s->no_to_yes, s->to_unsure, s->from_unsure);
    spanf(block(doc, -1, 0), DT_TEXT, _("Follow-up: %zu raised, %zu cleared"), s->followup_raised,
          s->followup_cleared);
    if (s->text_changed)
        spanf(block(doc, -1, 0), DT_TEXT, P_("Catalogue: %zu question text changed between the "
                                             "catalogue versions",
                                             "Catalogue: %zu question texts changed between the "
                                             "catalogue versions", s->text_changed), s->text_changed);
}

/* The word diff of a text (or a note) as an indented block, its old and
 * new sides apart for the side-by-side view. */
static void words_block(struct ddoc *doc, size_t qi, const struct word_diff *wd)
{
    struct dblock *b = block(doc, (int)qi, 8);
    b->sides = 1;
    for (size_t i = 0; i < wd->n; i++) {
        const struct diff_piece *p = &wd->v[i];
        enum dtag tag = p->op == DIFF_EQUAL ? DT_TEXT : p->op == DIFF_DELETE ? DT_REMOVED : DT_ADDED;
        span(b, tag, p->text);
        if (p->op != DIFF_INSERT)
            span_to(&b->old, &b->nold, tag, p->text);
        if (p->op != DIFF_DELETE)
            span_to(&b->new_, &b->nnew, tag, p->text);
    }
}

static void field_blocks(struct ddoc *doc, const struct cat_question *q, size_t qi, size_t f,
                         const struct field_diff *fd, enum lang lang)
{
    struct dblock *b = block(doc, (int)qi, 4);
    if (q->fields[f].type == FIELD_YESNO) {
        spanf(b, DT_LABEL, "%s:", l10n_get(&q->fields[f].label, lang));
        span(b, DT_TEXT, " ");
        if (fd->old_yn != fd->new_yn) {
            span(b, DT_OLD, yesno_word(fd->old_yn));
            span(b, DT_TEXT, " -> ");
            span(b, DT_NEW, yesno_word(fd->new_yn));
        } else {
            span(b, DT_TEXT, yesno_word(fd->new_yn));
        }
        if (fd->note_changed) {
            span(block(doc, (int)qi, 6), DT_LABEL, _("note (changed):"));
            words_block(doc, qi, &fd->words);
        }
        return;
    }
    spanf(b, DT_LABEL, "%s (%s):", l10n_get(&q->fields[f].label, lang),
          fd->change == FC_ANSWERED ? _("newly answered") : fd->change == FC_CLEARED ? _("cleared")
                                                                                    : _("changed"));
    words_block(doc, qi, &fd->words);
}

/* The cooperation's data that changed, each with who changed it when. */
static void coop_blocks(struct ddoc *doc, const struct assessment_diff *d)
{
    if (!d->ncoop)
        return;
    block(doc, -1, 0);
    span(block(doc, -1, 0), DT_HEADING, _("The cooperation's data"));
    for (size_t i = 0; i < d->ncoop; i++) {
        const struct coop_change *c = &d->coop[i];
        struct dblock *b = block(doc, -1, 4);
        spanf(b, DT_LABEL, "%s:", coop_field_label(c->field));
        span(b, DT_TEXT, " ");
        span(b, DT_OLD, c->old ? c->old : "-");
        span(b, DT_TEXT, " -> ");
        span(b, DT_NEW, c->new_ ? c->new_ : "-");
        if (c->stamp && c->stamp->at)
            spanf(b, DT_NOTE, _(" (changed %s by %s)"), c->stamp->at, c->stamp->by ? c->stamp->by : "?");
    }
}

/* The label of an officer's change: "Risk of question 5", "Measure M2". */
static void officer_label(struct dblock *b, const struct assessment_diff *d,
                          const struct officer_change *c)
{
    const struct cat_question *q;
    switch (c->kind) {
    case OK_RATING:
        if ((q = catalog_question(d->cat, c->what)) != NULL)
            spanf(b, DT_LABEL, _("Risk of question %d:"), q->number);
        else
            spanf(b, DT_LABEL, "%s:", _("Overall risk"));
        break;
    case OK_MEASURE: spanf(b, DT_LABEL, _("Measure %s:"), c->what); break;
    case OK_DECISION: spanf(b, DT_LABEL, "%s:", _("Decision")); break;
    case OK_APPROVAL: spanf(b, DT_LABEL, _("Approval %s:"), c->what); break;
    case OK_SCREEN: spanf(b, DT_LABEL, "%s:", _("Screened")); break;
    case OK_HIT: spanf(b, DT_LABEL, _("Hit %s:"), c->what); break;
    }
}

/* Ratings, measures, the decision and approvals that changed. */
static void officer_blocks(struct ddoc *doc, const struct assessment_diff *d, int screening)
{
    size_t n = 0;
    for (size_t i = 0; i < d->noff; i++)
        n += (d->off[i].kind >= OK_SCREEN) == screening;
    if (!n)
        return;
    block(doc, -1, 0);
    span(block(doc, -1, 0), DT_HEADING, screening ? _("Partner screening")
                                                  : _("Risk, measures, decision and approvals"));
    for (size_t i = 0; i < d->noff; i++) {
        const struct officer_change *c = &d->off[i];
        struct dblock *b;
        if ((c->kind >= OK_SCREEN) != screening)
            continue;
        b = block(doc, -1, 4);
        officer_label(b, d, c);
        span(b, DT_TEXT, " ");
        span(b, DT_OLD, c->old ? c->old : "-");
        span(b, DT_TEXT, " -> ");
        span(b, DT_NEW, c->new_ ? c->new_ : "-");
        if (c->at)
            spanf(b, DT_NOTE, _(" (changed %s by %s)"), c->at, c->by ? c->by : "?");
    }
}

static void question_blocks(struct ddoc *doc, const struct assessment_diff *d, size_t qi, enum lang lang)
{
    const struct cat_question *q = &d->cat->questions[qi];
    const struct question_diff *qd = &d->q[qi];
    struct dblock *b;
    block(doc, (int)qi, 0);   /* a blank line before */
    b = block(doc, (int)qi, 0);
    b->first = 1;
    spanf(b, DT_HEADING, "%2d  %s", q->number, l10n_get(&q->title, lang));
    if (qd->text_changed)
        span(block(doc, (int)qi, 4), DT_NOTE, _("(the question's text changed between the catalogue "
                                                "versions)"));
    if (qd->followup_old != qd->followup_new)
        span(block(doc, (int)qi, 4), DT_NOTE, qd->followup_new ? _("Follow-up: raised")
                                                               : _("Follow-up: cleared"));
    for (size_t f = 0; f < qd->nf && f < q->nfields; f++)
        if (qd->f[f].change != FC_SAME)
            field_blocks(doc, q, qi, f, &qd->f[f], lang);
}

void diffout_doc(const struct assessment_diff *d, const char *label_old, const char *label_new,
                 enum lang lang, struct ddoc *out)
{
    const struct catalog *cat = d->cat;
    struct sbuf same;
    size_t nsame = 0;
    memset(out, 0, sizeof(*out));
    if (lang != i18n_lang())
        i18n_set(lang);
    spanf(block(out, -1, 0), DT_TEXT, _("Comparing %s with %s"), label_old, label_new);
    summary_blocks(out, &d->sum);
    coop_blocks(out, d);
    officer_blocks(out, d, 0);
    officer_blocks(out, d, 1);
    sbuf_init(&same);
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct question_diff *qd = &d->q[qi];
        if (qd->changed || qd->text_changed)
            question_blocks(out, d, qi, lang);
        else
            sbuf_addf(&same, "%s%d", nsame++ ? ", " : "", cat->questions[qi].number);
    }
    if (nsame) {
        block(out, -1, 0);
        spanf(block(out, -1, 0), DT_TEXT, P_("%zu unchanged question: %s", "%zu unchanged questions: %s",
                                             nsame), nsame, same.buf);
    }
    sbuf_release(&same);
}

static void spans_release(struct dspan *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].text);
    free(v);
}

void diffout_doc_release(struct ddoc *doc)
{
    for (size_t i = 0; i < doc->n; i++) {
        spans_release(doc->v[i].v, doc->v[i].n);
        spans_release(doc->v[i].old, doc->v[i].nold);
        spans_release(doc->v[i].new_, doc->v[i].nnew);
    }
    free(doc->v);
    memset(doc, 0, sizeof(*doc));
}

/* ---- as text ---- */

/* Appends text with every line after the first indented. */
/* The text of a diff written to width columns (0: not wrapped), each block
 * at its indent: a word that does not fit the row goes to the next, which
 * starts at the block's indent, and the colour (or the [- {+ marks) of its
 * span goes on with it; a word longer than a row stays whole. */
struct wout {
    struct sbuf *out;
    enum diffout_style style;
    size_t width, indent, col;
    const char *sgr;   /* the colour of the span written, or NULL */
    int on;            /* ... sent since the start of the span or the row */
    int soft;          /* a row was just broken here: its blanks are dropped */
};

static const char *span_sgr(const struct dspan *sp, enum diffout_style style)
{
    static const char *const sgr[] = { [DT_HEADING] = SGR_BOLD, [DT_REMOVED] = SGR_DEL,
                                       [DT_ADDED] = SGR_INS, [DT_OLD] = SGR_DEL, [DT_NEW] = SGR_INS };
    return style == DIFFOUT_COLOR && sp->tag < CC_ARRAY_LEN(sgr) ? sgr[sp->tag] : NULL;
}

static size_t run_width(const char *s, size_t len, size_t col)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        size_t n;
        int cw;
        if (s[i] == '\t') {   /* to the next stop of 8 */
            w += 8 - (col + w) % 8;
            i++;
            continue;
        }
        cw = text_char_width(utf8_decode_at(s + i, &n));
        w += cw > 0 ? (size_t)cw : 0;
        i += n ? n : 1;
    }
    return w;
}

static void w_newline(struct wout *w)
{
    if (w->on)
        sbuf_adds(w->out, SGR_OFF);
    w->on = 0;
    sbuf_addc(w->out, '\n');
    for (size_t i = 0; i < w->indent; i++)
        sbuf_addc(w->out, ' ');
    w->col = w->indent;
}

/* n bytes of s on the row, in the span's colour (switched on before the
 * first of them: a row or span without text gets none). */
static void w_add(struct wout *w, const char *s, size_t n)
{
    if (w->sgr && !w->on) {
        sbuf_adds(w->out, w->sgr);
        w->on = 1;
    }
    sbuf_add(w->out, s, n);
    w->col += run_width(s, n, w->col);
}

/* Writes text (sanitised already): words, the blanks between them (those
 * at the start of a line of the text kept: an answer's own indentation),
 * and its line breaks. */
static void w_text(struct wout *w, const char *s)
{
    while (*s) {
        size_t n;
        if (*s == '\n') {
            w_newline(w);
            w->soft = 0;
            s++;
            continue;
        }
        if (*s == ' ' || *s == '\t') {
            n = strspn(s, " \t");
            if (!w->soft && w->width && w->col + run_width(s, n, w->col) >= w->width) {
                w_newline(w);
                w->soft = 1;
            } else if (!w->soft) {
                w_add(w, s, n);
            }
            s += n;
            continue;
        }
        n = strcspn(s, " \t\n");
        if (w->width && w->col > w->indent && w->col + run_width(s, n, w->col) > w->width) {
            /* the blanks before it end the row above: not written */
            while (w->out->len && w->out->buf[w->out->len - 1] == ' ')
                w->out->buf[--w->out->len] = '\0';
            w_newline(w);
        }
        w_add(w, s, n);
        w->soft = 0;
        s += n;
    }
}

static void render_span(struct wout *w, const struct dspan *sp)
{
    int marked = w->style == DIFFOUT_PLAIN && (sp->tag == DT_REMOVED || sp->tag == DT_ADDED);
    w->sgr = span_sgr(sp, w->style);
    w->on = 0;
    if (marked) {   /* the marks hold on to the words they mark */
        char *t = xasprintf(sp->tag == DT_REMOVED ? "[-%s-]" : "{+%s+}", sp->text);
        w_text(w, t);
        free(t);
    } else {
        w_text(w, sp->text);
    }
    if (w->on)
        sbuf_adds(w->out, SGR_OFF);
    w->sgr = NULL;
    w->on = 0;
}

void diffout_text(struct sbuf *out, const struct assessment_diff *d, const char *label_old,
                  const char *label_new, enum lang lang, enum diffout_style style, size_t width)
{
    struct ddoc doc;
    struct wout w = { out, style, width, 0, 0, NULL, 0, 0 };
    diffout_doc(d, label_old, label_new, lang, &doc);
    for (size_t i = 0; i < doc.n; i++) {
        const struct dblock *b = &doc.v[i];
        w.indent = b->n ? (size_t)b->indent : 0;
        for (size_t k = 0; k < w.indent; k++)
            sbuf_addc(out, ' ');
        w.col = w.indent;
        w.soft = 0;
        for (size_t k = 0; k < b->n; k++)
            render_span(&w, &b->v[k]);
        sbuf_addc(out, '\n');
    }
    diffout_doc_release(&doc);
}

static const char *change_name(enum field_change c)
{
    switch (c) {
    case FC_SAME: return "same";
    case FC_ANSWERED: return "answered";
    case FC_CLEARED: return "cleared";
    case FC_CHANGED: return "changed";
    }
    return "?";
}

static void json_summary(cJSON *root, const struct diff_summary *s)
{
    cJSON *o = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddNumberToObject(o, "changed", (double)s->changed);
    cJSON_AddNumberToObject(o, "newly_answered", (double)s->newly_answered);
    cJSON_AddNumberToObject(o, "cleared", (double)s->cleared);
    cJSON_AddNumberToObject(o, "yes_to_no", (double)s->yes_to_no);
    cJSON_AddNumberToObject(o, "no_to_yes", (double)s->no_to_yes);
    cJSON_AddNumberToObject(o, "to_unsure", (double)s->to_unsure);
    cJSON_AddNumberToObject(o, "from_unsure", (double)s->from_unsure);
    cJSON_AddNumberToObject(o, "followup_raised", (double)s->followup_raised);
    cJSON_AddNumberToObject(o, "followup_cleared", (double)s->followup_cleared);
    cJSON_AddNumberToObject(o, "unchanged", (double)s->unchanged);
    cJSON_AddNumberToObject(o, "question_texts_changed", (double)s->text_changed);
}

static void json_string_or_null(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static void json_coop(cJSON *root, const struct assessment_diff *d)
{
    cJSON *o = cJSON_AddArrayToObject(root, "cooperation");
    for (size_t i = 0; i < d->ncoop; i++) {
        const struct coop_change *c = &d->coop[i];
        cJSON *co = cJSON_CreateObject();
        cJSON_AddStringToObject(co, "field", coop_field_name(c->field));
        json_string_or_null(co, "old", c->old);
        json_string_or_null(co, "new", c->new_);
        if (c->stamp && c->stamp->at) {
            cJSON_AddStringToObject(co, "changed_at", c->stamp->at);
            cJSON_AddStringToObject(co, "changed_by", c->stamp->by ? c->stamp->by : "");
        }
        cJSON_AddItemToArray(o, co);
    }
}

static void json_officer(cJSON *root, const struct assessment_diff *d)
{
    cJSON *o = cJSON_AddArrayToObject(root, "officer");
    cJSON *so = cJSON_AddArrayToObject(root, "screening");
    for (size_t i = 0; i < d->noff; i++) {
        const struct officer_change *c = &d->off[i];
        cJSON *co = cJSON_CreateObject();
        if (c->kind >= OK_SCREEN) {
            cJSON_AddStringToObject(co, "kind", officer_kind_name(c->kind));
            cJSON_AddStringToObject(co, "what", c->what);
            json_string_or_null(co, "old", c->old);
            json_string_or_null(co, "new", c->new_);
            cJSON_AddItemToArray(so, co);
            continue;
        }
        cJSON_AddStringToObject(co, "kind", officer_kind_name(c->kind));
        cJSON_AddStringToObject(co, "what", c->what);
        json_string_or_null(co, "old", c->old);
        json_string_or_null(co, "new", c->new_);
        if (c->at) {
            cJSON_AddStringToObject(co, "changed_at", c->at);
            cJSON_AddStringToObject(co, "changed_by", c->by ? c->by : "");
        }
        cJSON_AddItemToArray(o, co);
    }
}

static cJSON *json_field(const struct cat_field *cf, const struct field_diff *fd)
{
    cJSON *fo = cJSON_CreateObject();
    cJSON_AddStringToObject(fo, "id", cf->id);
    cJSON_AddStringToObject(fo, "type", cf->type == FIELD_YESNO ? "yesno" : "text");
    cJSON_AddStringToObject(fo, "change", change_name(fd->change));
    if (cf->type == FIELD_YESNO) {
        cJSON_AddStringToObject(fo, "old", yesno_name(fd->old_yn));
        cJSON_AddStringToObject(fo, "new", yesno_name(fd->new_yn));
        cJSON_AddBoolToObject(fo, "note_changed", fd->note_changed);
    }
    if (cf->type == FIELD_TEXT || fd->note_changed) {
        cJSON *ws = cJSON_AddArrayToObject(fo, cf->type == FIELD_TEXT ? "words" : "note_words");
        for (size_t i = 0; i < fd->words.n; i++) {
            cJSON *w = cJSON_CreateObject();
            const struct diff_piece *p = &fd->words.v[i];
            cJSON_AddStringToObject(w, "op", p->op == DIFF_EQUAL ? "equal"
                                             : p->op == DIFF_DELETE ? "delete" : "insert");
            cJSON_AddStringToObject(w, "text", p->text);
            cJSON_AddItemToArray(ws, w);
        }
    }
    return fo;
}

char *diffout_json(const struct assessment_diff *d, const char *label_old, const char *label_new)
{
    const struct catalog *cat = d->cat;
    cJSON *root = cJSON_CreateObject(), *qs;
    char *text;
    cJSON_AddStringToObject(root, "old", label_old);
    cJSON_AddStringToObject(root, "new", label_new);
    cJSON_AddStringToObject(root, "catalog", cat->id);
    json_summary(root, &d->sum);
    json_coop(root, d);
    json_officer(root, d);
    qs = cJSON_AddArrayToObject(root, "questions");
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        const struct question_diff *qd = &d->q[qi];
        cJSON *qo, *fs, *o;
        if (!qd->changed && !qd->text_changed)
            continue;
        qo = cJSON_CreateObject();
        cJSON_AddStringToObject(qo, "id", q->id);
        cJSON_AddNumberToObject(qo, "number", q->number);
        cJSON_AddBoolToObject(qo, "question_text_changed", qd->text_changed);
        o = cJSON_AddObjectToObject(qo, "followup");
        cJSON_AddBoolToObject(o, "old", qd->followup_old);
        cJSON_AddBoolToObject(o, "new", qd->followup_new);
        fs = cJSON_AddArrayToObject(qo, "fields");
        for (size_t f = 0; f < qd->nf && f < q->nfields; f++)
            if (qd->f[f].change != FC_SAME)
                cJSON_AddItemToArray(fs, json_field(&q->fields[f], &qd->f[f]));
        cJSON_AddItemToArray(qs, qo);
    }
    text = jsondoc_print(root);
    cJSON_Delete(root);
    return text;
}
