/* diffout.c — see diffout.h. */
#include "diffout.h"

#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "jsondoc.h"
#include "textutil.h"

#define SGR_DEL "\033[31m"
#define SGR_INS "\033[32m"
#define SGR_BOLD "\033[1m"
#define SGR_OFF "\033[m"

int diffout_differs(const struct assessment_diff *d)
{
    return d->sum.changed > 0 || d->sum.text_changed > 0;
}

static const char *yn_text(enum yesno v)
{
    return v == YN_UNSET ? "unanswered" : yesno_name(v);
}

/* Appends text sanitised, with every line after the first indented. */
static void put_indented(struct sbuf *out, const char *s, size_t indent)
{
    struct sbuf clean;
    sbuf_init(&clean);
    text_sanitize(&clean, s, TEXT_ALLOW_NEWLINE | TEXT_ALLOW_TAB);
    for (const char *p = clean.buf; *p; p++) {
        sbuf_addc(out, *p);
        if (*p == '\n')
            for (size_t i = 0; i < indent; i++)
                sbuf_addc(out, ' ');
    }
    sbuf_release(&clean);
}

static void put_words(struct sbuf *out, const struct word_diff *w, enum diffout_style style)
{
    for (size_t i = 0; i < w->n; i++) {
        const struct diff_piece *p = &w->v[i];
        if (p->op == DIFF_EQUAL) {
            put_indented(out, p->text, 8);
            continue;
        }
        if (style == DIFFOUT_COLOR)
            sbuf_adds(out, p->op == DIFF_DELETE ? SGR_DEL : SGR_INS);
        else
            sbuf_adds(out, p->op == DIFF_DELETE ? "[-" : "{+");
        put_indented(out, p->text, 8);
        sbuf_adds(out, style == DIFFOUT_COLOR ? SGR_OFF : p->op == DIFF_DELETE ? "-]" : "+}");
    }
}

static void summary(struct sbuf *out, const struct diff_summary *s)
{
    sbuf_addf(out, "Summary: %zu question%s changed, %zu newly answered, %zu cleared, %zu unchanged\n",
              s->changed, s->changed == 1 ? "" : "s", s->newly_answered, s->cleared, s->unchanged);
    sbuf_addf(out, "Yes/no:  %zu yes->no, %zu no->yes, %zu to unsure, %zu from unsure\n",
              s->yes_to_no, s->no_to_yes, s->to_unsure, s->from_unsure);
    sbuf_addf(out, "Follow-up: %zu raised, %zu cleared\n", s->followup_raised, s->followup_cleared);
    if (s->text_changed)
        sbuf_addf(out, "Catalogue: %zu question text%s changed between the catalogue versions\n",
                  s->text_changed, s->text_changed == 1 ? "" : "s");
}

void diffout_text(struct sbuf *out, const struct assessment_diff *d, const char *label_old,
                  const char *label_new, enum lang lang, enum diffout_style style)
{
    const struct catalog *cat = d->cat;
    struct sbuf same;
    size_t nsame = 0;
    sbuf_init(&same);
    sbuf_adds(out, "Comparing ");
    put_indented(out, label_old, 0);
    sbuf_adds(out, " with ");
    put_indented(out, label_new, 0);
    sbuf_adds(out, "\n");
    summary(out, &d->sum);
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        const struct question_diff *qd = &d->q[qi];
        if (!qd->changed && !qd->text_changed) {
            sbuf_addf(&same, "%s%d", nsame++ ? ", " : "", q->number);
            continue;
        }
        sbuf_addc(out, '\n');
        if (style == DIFFOUT_COLOR)
            sbuf_adds(out, SGR_BOLD);
        sbuf_addf(out, "%2d  ", q->number);
        put_indented(out, l10n_get(&q->title, lang), 0);
        if (style == DIFFOUT_COLOR)
            sbuf_adds(out, SGR_OFF);
        sbuf_addc(out, '\n');
        if (qd->text_changed)
            sbuf_adds(out, "    (the question's text changed between the catalogue versions)\n");
        if (qd->followup_old != qd->followup_new)
            sbuf_addf(out, "    Follow-up: %s\n", qd->followup_new ? "raised" : "cleared");
        for (size_t f = 0; f < qd->nf && f < q->nfields; f++) {
            const struct field_diff *fd = &qd->f[f];
            if (fd->change == FC_SAME)
                continue;
            sbuf_adds(out, "    ");
            put_indented(out, l10n_get(&q->fields[f].label, lang), 0);
            if (q->fields[f].type == FIELD_YESNO) {
                if (style == DIFFOUT_COLOR)
                    sbuf_addf(out, ": " SGR_DEL "%s" SGR_OFF " -> " SGR_INS "%s" SGR_OFF "\n",
                              yn_text(fd->old_yn), yn_text(fd->new_yn));
                else
                    sbuf_addf(out, ": %s -> %s\n", yn_text(fd->old_yn), yn_text(fd->new_yn));
            } else {
                sbuf_addf(out, " (%s):\n        ", fd->change == FC_ANSWERED ? "newly answered"
                                                   : fd->change == FC_CLEARED ? "cleared" : "changed");
                put_words(out, &fd->words, style);
                sbuf_addc(out, '\n');
            }
        }
    }
    if (nsame)
        sbuf_addf(out, "\n%zu unchanged question%s: %s\n", nsame, nsame == 1 ? "" : "s", same.buf);
    sbuf_release(&same);
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

char *diffout_json(const struct assessment_diff *d, const char *label_old, const char *label_new)
{
    const struct catalog *cat = d->cat;
    const struct diff_summary *s = &d->sum;
    cJSON *root = cJSON_CreateObject(), *o, *qs;
    char *text;
    cJSON_AddStringToObject(root, "old", label_old);
    cJSON_AddStringToObject(root, "new", label_new);
    cJSON_AddStringToObject(root, "catalog", cat->id);
    o = cJSON_AddObjectToObject(root, "summary");
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
    qs = cJSON_AddArrayToObject(root, "questions");
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        const struct question_diff *qd = &d->q[qi];
        cJSON *qo, *fs;
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
        for (size_t f = 0; f < qd->nf && f < q->nfields; f++) {
            const struct field_diff *fd = &qd->f[f];
            cJSON *fo;
            if (fd->change == FC_SAME)
                continue;
            fo = cJSON_CreateObject();
            cJSON_AddStringToObject(fo, "id", q->fields[f].id);
            cJSON_AddStringToObject(fo, "type", q->fields[f].type == FIELD_YESNO ? "yesno" : "text");
            cJSON_AddStringToObject(fo, "change", change_name(fd->change));
            if (q->fields[f].type == FIELD_YESNO) {
                cJSON_AddStringToObject(fo, "old", yesno_name(fd->old_yn));
                cJSON_AddStringToObject(fo, "new", yesno_name(fd->new_yn));
            } else {
                cJSON *ws = cJSON_AddArrayToObject(fo, "words");
                for (size_t i = 0; i < fd->words.n; i++) {
                    cJSON *w = cJSON_CreateObject();
                    const struct diff_piece *p = &fd->words.v[i];
                    cJSON_AddStringToObject(w, "op", p->op == DIFF_EQUAL ? "equal"
                                                     : p->op == DIFF_DELETE ? "delete" : "insert");
                    cJSON_AddStringToObject(w, "text", p->text);
                    cJSON_AddItemToArray(ws, w);
                }
            }
            cJSON_AddItemToArray(fs, fo);
        }
        cJSON_AddItemToArray(qs, qo);
    }
    text = jsondoc_print(root);
    cJSON_Delete(root);
    return text;
}
