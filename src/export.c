/* export.c — see export.h.
 *
 * One driver (render_report) walks the assessment in a fixed order and calls
 * the operations of an emitter, one table of functions per format (md, txt,
 * roff, html in export_emit.c; ms in export_ms.c), and those of its blocks
 * for the committee's summary (export_summary.c, export_blocks.c).  The
 * emitters own all escaping: the driver hands them raw text (catalogue
 * strings, answers, and strings composed from both) and never writes a byte
 * of the output itself.
 *
 * Escaping and cleaning are markup.h's.
 */
#include "export_int.h"

#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "i18n.h"
#include "markup.h"
#include "textutil.h"
#include "words.h"

int export_format_parse(const char *name)
{
    static const char *const names[] = { "md", "txt", "roff", "html", "json", "ms" };
    static const enum export_format fmts[] = { EXPORT_MD, EXPORT_TXT, EXPORT_ROFF, EXPORT_HTML,
                                               EXPORT_JSON, EXPORT_MS };
    for (size_t i = 0; name && i < CC_ARRAY_LEN(names); i++)
        if (strcmp(name, names[i]) == 0)
            return (int)fmts[i];
    return -1;
}

int export_format_of_path(const char *path)
{
    static const struct {
        const char *ext;
        enum export_format f;
    } exts[] = {
        { ".md", EXPORT_MD }, { ".markdown", EXPORT_MD }, { ".txt", EXPORT_TXT },
        { ".roff", EXPORT_ROFF }, { ".man", EXPORT_ROFF }, { ".7", EXPORT_ROFF },
        { ".ms", EXPORT_MS }, { ".html", EXPORT_HTML }, { ".htm", EXPORT_HTML }, { ".json", EXPORT_JSON },
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < CC_ARRAY_LEN(exts); i++) {
        size_t k = strlen(exts[i].ext);
        if (n > k && strcmp(path + n - k, exts[i].ext) == 0)
            return (int)exts[i].f;
    }
    return -1;
}

/* ---- labels ------------------------------------------------------------- */



static void labels_init(struct labels *L)
{
    L->report = _("Assessment report");
    L->sec_coop = _("Cooperation");
    L->sec_catalog = _("Catalogue");
    L->sec_assessment = _("Assessment");
    L->sec_snapshot = _("Snapshot");
    L->sec_summary = _("Summary");
    /* TRANSLATORS: the cooperation's id, a label in the report */
    L->id = _("ID");
    L->title = _("Title");
    L->partners = _("Partners");
    L->country = _("Country");
    L->pi = _("Principal investigator");
    L->start = _("Start date");
    L->interval = _("Re-assessment interval");
    L->cat_title = _("Title");
    L->cat_id = _("Catalogue id");
    L->version = _("Version");
    /* TRANSLATORS: the catalogue's edition ("Stand 11/2024"), a label */
    L->stand = _("Edition");
    L->issuer = _("Issued by");
    L->round = _("Round");
    L->round_started = _("Round started");
    L->based_on = _("Based on snapshot");
    L->none = _("none");
    L->none_first = _("none (first round)");
    L->created = _("Created");
    L->changed = _("Last changed");
    L->generated = _("Generated at");
    L->dropped = _("Answers to questions no longer in the catalogue");
    L->snap_name = _("Name");
    /* TRANSLATORS: when and by whom a snapshot was taken, a label */
    L->snap_taken = _("Taken");
    L->snap_note = _("Note");
    L->snap_prev = _("Previous snapshot");
    L->answered = _("Answered");
    L->partial = _("Partly answered");
    L->open = _("Open (unanswered)");
    L->review = _("To review");
    L->followup = _("Flagged for follow-up");
    L->yn_overview = _("Yes/no answers");
    L->status = _("Status");
    L->st_answered = _("answered");
    L->st_partial = _("partly answered");
    L->st_open = _("OPEN (unanswered)");
    /* TRANSLATORS: an open question's status in the plain-text report */
    L->st_open_txt = _("*** OPEN (UNANSWERED) ***");
    L->st_review = _("to review");
    L->st_followup = _("needs follow-up");
    L->field_open = _("(unanswered)");
    L->yes = _("yes");
    L->no = _("no");
    L->unsure = _("unsure");
    L->not_given = _("not given");
    L->archived = _("Archived");
    L->data_changed = _("Changed since creation");
    L->in_progress = _("In progress");
    L->snap_kind = _("Kind");
    L->complete = _("complete: it closed the round");
    L->interim = _("interim: it did not close the round");
    L->unexplained = _("Unsure, no explanation");
    L->note = _("Note");
    L->needs_note = _("(needs an explanation: fill in the question's text field or add a note)");
}

/* ---- the report --------------------------------------------------------- */

static const char *or_not_given(const struct labels *L, const char *s)
{
    return s && *s ? s : L->not_given;
}

/* "WHEN by WHO" with either part possibly missing. */
static void when_by(struct sbuf *sb, const struct labels *L, const char *when, const char *who)
{
    sbuf_reset(sb);
    /* TRANSLATORS: "2026-01-15T10:00:00Z by alice" (when, who) */
    sbuf_addf(sb, _("%s by %s"), or_not_given(L, when), or_not_given(L, who));
}

static void kv_joined(const struct emitter *em, struct rctx *c, const char *label,
                      const struct strlist *l)
{
    struct sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < l->n; i++)
        sbuf_addf(&sb, "%s%s", i ? ", " : "", l->v[i]);
    em->kv(c, label, or_not_given(c->L, sb.buf), 0);
    sbuf_release(&sb);
}

static void render_header(const struct emitter *em, struct rctx *c, const struct assessment *a,
                          const char *generated_at)
{
    const struct labels *L = c->L;
    const struct catalog *cat = a->cat;
    struct sbuf sb;
    sbuf_init(&sb);

    em->heading(c, L->sec_coop);
    em->kv(c, L->id, or_not_given(L, a->coop.id), 0);
    em->kv(c, L->title, or_not_given(L, a->coop.title), 0);
    {
        char *partners = coop_field_text(a, CF_PARTNERS);
        em->kv(c, L->partners, or_not_given(L, partners), 0);
        free(partners);
    }
    em->kv(c, L->country, or_not_given(L, a->coop.country), 0);
    em->kv(c, L->pi, or_not_given(L, a->coop.pi), 0);
    em->kv(c, L->start, or_not_given(L, a->coop.start), 0);
    if (a->coop.interval_months == 1)
        sbuf_adds(&sb, _("every month"));
    else
        sbuf_addf(&sb, P_("every %d month", "every %d months", a->coop.interval_months),
                  a->coop.interval_months);
    em->kv(c, L->interval, sb.buf, 0);
    sbuf_reset(&sb);
    for (int f = 0; f < CF_COUNT; f++) {
        if (!a->coop.changed[f].at)
            continue;
        if (sb.len)
            sbuf_adds(&sb, "; ");
        /* TRANSLATORS: "Title: 2026-01-15T10:00:00Z by alice" (a field, when, who) */
        sbuf_addf(&sb, _("%s: %s by %s"), coop_field_label((enum coop_field)f), a->coop.changed[f].at,
                  or_not_given(L, a->coop.changed[f].by));
    }
    if (sb.len)
        em->kv(c, L->data_changed, sb.buf, 0);
    if (a->coop.archived.at) {
        when_by(&sb, L, a->coop.archived.at, a->coop.archived.by);
        em->kv(c, L->archived, sb.buf, 0);
    }
    em->kv_end(c);

    em->heading(c, L->sec_catalog);
    em->kv(c, L->cat_title, l10n_get(&cat->title, c->lang), 0);
    em->kv(c, L->cat_id, or_not_given(L, a->catalog_id), 0);
    em->kv(c, L->version, or_not_given(L, a->catalog_version), 0);
    em->kv(c, L->stand, l10n_get(&cat->stand, c->lang), 0);
    em->kv(c, L->issuer, l10n_get(&cat->issuer, c->lang), 0);
    em->kv_end(c);

    em->heading(c, L->sec_assessment);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%d", a->round);
    em->kv(c, L->round, sb.buf, 0);
    em->kv(c, L->round_started, or_not_given(L, a->round_started), 0);
    em->kv(c, L->based_on,
           a->round_based_on ? a->round_based_on : a->round <= 1 ? L->none_first : L->none, 0);
    when_by(&sb, L, a->created_at, a->created_by);
    em->kv(c, L->created, sb.buf, 0);
    when_by(&sb, L, a->updated_at, a->updated_by);
    em->kv(c, L->changed, sb.buf, 0);
    em->kv(c, L->generated, or_not_given(L, generated_at), 0);
    if (a->dropped.n > 0)
        kv_joined(em, c, L->dropped, &a->dropped);
    em->kv_end(c);

    if (a->snap) {
        em->heading(c, L->sec_snapshot);
        em->kv(c, L->snap_name, or_not_given(L, a->snap->name), 0);
        when_by(&sb, L, a->snap->taken_at, a->snap->taken_by);
        em->kv(c, L->snap_taken, sb.buf, 0);
        if (a->snap->note && *a->snap->note)
            em->kv(c, L->snap_note, a->snap->note, 1);
        if (a->snap->prev_name)
            em->kv(c, L->snap_prev, a->snap->prev_name, 0);
        em->kv(c, L->snap_kind, a->snap->complete ? L->complete : L->interim, 0);
        em->kv_end(c);
    }
    sbuf_release(&sb);
}

static void render_summary(const struct emitter *em, struct rctx *c, const struct assessment *a)
{
    const struct labels *L = c->L;
    const struct catalog *cat = a->cat;
    size_t nq = cat->nquestions, n[3] = { 0, 0, 0 }, followup = 0;
    size_t yn[4] = { 0, 0, 0, 0 };   /* indexed by enum yesno */
    struct sbuf sb;

    for (size_t qi = 0; qi < nq; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        n[assessment_qstate(a, qi)]++;
        followup += a->q[qi].followup != 0;
        for (size_t f = 0; f < q->nfields && f < a->q[qi].nf; f++)
            if (q->fields[f].type == FIELD_YESNO && (unsigned)a->q[qi].f[f].yn <= YN_UNSURE)
                yn[a->q[qi].f[f].yn]++;
    }
    sbuf_init(&sb);
    em->heading(c, L->sec_summary);
    /* TRANSLATORS: "4 of 19" questions answered */
    sbuf_addf(&sb, _("%zu of %zu"), n[QS_ANSWERED], nq);
    em->kv(c, L->answered, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", n[QS_PARTIAL]);
    em->kv(c, L->partial, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", n[QS_UNANSWERED]);
    em->kv(c, L->open, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", assessment_to_review(a));
    em->kv(c, L->review, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", followup);
    em->kv(c, L->followup, sb.buf, 0);
    {
        struct open_items o;
        assessment_open_items(a, &o);
        sbuf_reset(&sb);
        sbuf_addf(&sb, "%zu", o.unexplained.n);
        em->kv(c, L->unexplained, sb.buf, 0);
        open_items_release(&o);
    }
    sbuf_reset(&sb);
    /* TRANSLATORS: the counts of yes/no fields by answer */
    sbuf_addf(&sb, _("%zu yes, %zu no, %zu unsure, %zu unanswered"), yn[YN_YES], yn[YN_NO],
              yn[YN_UNSURE], yn[YN_UNSET]);
    em->kv(c, L->yn_overview, sb.buf, 0);
    em->kv_end(c);
    sbuf_release(&sb);
}

static const char *answer_word(const struct labels *L, enum yesno v)
{
    switch (v) {
    case YN_YES: return L->yes;
    case YN_NO: return L->no;
    case YN_UNSURE: return L->unsure;
    default: return NULL;
    }
}

/* What the report says for field f of question qi: the answer (a yes/no
 * with its note, an unexplained "unsure" marked), "not asked" for a field
 * whose condition is not met; nothing ("" in out) for unanswered. */
static void field_value(const struct labels *L, const struct assessment *a, size_t qi, size_t f,
                        enum lang lang, struct sbuf *out)
{
    const struct cat_question *q = &a->cat->questions[qi];
    const struct answer *ans = &a->q[qi].f[f];
    if (!field_applies(a, qi, f)) {
        const struct cat_field *ctl = &q->fields[q->fields[f].when_field];
        /* TRANSLATORS: a follow-up field whose yes/no question was answered otherwise
         * (or not yet); %s is that question's label */
        sbuf_addf(out, _("(not asked: it applies to some answers to \"%s\")"),
                  l10n_get(&ctl->label, lang));
        if (q->fields[f].type == FIELD_TEXT && ans->text)
            /* TRANSLATORS: text written while the field applied, kept in the file */
            sbuf_addf(out, "\n%s %s", _("Written earlier:"), ans->text);
        return;
    }
    if (q->fields[f].type == FIELD_TEXT) {
        if (ans->text)
            sbuf_adds(out, ans->text);
        return;
    }
    if (ans->yn == YN_UNSET)
        return;
    sbuf_adds(out, answer_word(L, ans->yn));
    if (field_unexplained(a, qi, f))
        sbuf_addf(out, " %s", L->needs_note);
    if (ans->text)
        sbuf_addf(out, "\n%s: %s", L->note, ans->text);
}

static void render_question(const struct emitter *em, struct rctx *c, const struct assessment *a,
                            size_t qi)
{
    const struct labels *L = c->L;
    const struct cat_question *q = &a->cat->questions[qi];
    const struct qanswers *qa = &a->q[qi];
    struct qstatus st;
    struct sbuf sb, by;

    st.state = assessment_qstate(a, qi);
    st.review = qa->review != 0;
    st.followup = qa->followup != 0;
    sbuf_init(&sb);
    sbuf_init(&by);
    sbuf_addf(&sb, _("Question %d: %s"), q->number, l10n_get(&q->title, c->lang));
    em->question_begin(c, sb.buf, &st);
    em->question_text(c, l10n_get(&q->text, c->lang));
    for (size_t f = 0; f < q->nfields; f++) {
        const struct answer *ans = f < qa->nf ? &qa->f[f] : NULL;
        struct sbuf val;
        sbuf_init(&val);
        field_value(L, a, qi, f, c->lang, &val);
        sbuf_reset(&by);
        if (val.len && ans && field_applies(a, qi, f) && answer_is_set(ans) && (ans->by || ans->at))
            /* TRANSLATORS: who gave an answer, and when */
            sbuf_addf(&by, _("by %s, %s"), or_not_given(L, ans->by), or_not_given(L, ans->at));
        em->field(c, l10n_get(&q->fields[f].label, c->lang), val.len ? val.buf : NULL,
                  by.len ? by.buf : NULL);
        sbuf_release(&val);
    }
    em->question_end(c);
    sbuf_release(&sb);
    sbuf_release(&by);
}

/* YYYY-MM-DD from the start of an ISO 8601 time into out: 1, else 0. */
static int iso_date(const char *s, char out[11])
{
    static const char pat[] = "dddd-dd-dd";
    if (!s)
        return 0;
    for (size_t i = 0; i < 10; i++) {
        if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
            return 0;
    }
    memcpy(out, s, 10);
    out[10] = '\0';
    return 1;
}

static void render_report(const struct emitter *em, const struct blocks *bl, struct sbuf *out,
                          const struct assessment *a, enum lang lang, const char *generated_at,
                          const struct export_extra *extra)
{
    static const struct export_extra none;
    const struct catalog *cat = a->cat;
    struct labels L;
    struct rctx c;
    struct sbuf sb;
    char date[11];

    labels_init(&L);
    memset(&c, 0, sizeof(c));
    c.out = out;
    c.a = a;
    c.lang = lang;
    c.L = &L;
    c.x = extra ? extra : &none;
    c.generated_at = generated_at;
    if (!iso_date(c.x->today, c.today) && !iso_date(generated_at, c.today))
        c.today[0] = '\0';
    sbuf_init(&sb);
    sbuf_addf(&sb, "%s: %s", l10n_get(&cat->short_title, lang), a->coop.title ? a->coop.title : "");
    if (!iso_date(generated_at, date) && !iso_date(a->updated_at, date))
        memcpy(date, "1970-01-01", sizeof(date));
    em->begin(&c, sb.buf, date);
    render_committee_summary(em, bl, &c);
    bl->page_end(&c);
    render_header(em, &c, a, generated_at);
    render_summary(em, &c, a);
    em->heading(&c, _("Partner screening"));
    render_screening(bl, &c);
    for (size_t s = 0; s < cat->nsections; s++) {
        const struct cat_section *sec = &cat->sections[s];
        sbuf_reset(&sb);
        sbuf_addf(&sb, _("Section %zu: %s"), s + 1, l10n_get(&sec->title, lang));
        em->heading(&c, sb.buf);
        for (size_t qi = sec->first; qi < sec->first + sec->count && qi < cat->nquestions; qi++)
            render_question(em, &c, a, qi);
    }
    if (bl->signatures)
        render_signatures(bl, &c);
    em->end(&c);
    sbuf_release(&sb);
}

void export_render(struct sbuf *out, const struct assessment *a, enum export_format fmt,
                   enum lang lang, const char *generated_at, const struct export_extra *extra)
{
    const struct emitter *em = NULL;
    const struct blocks *bl = NULL;
    enum lang prev;
    if ((unsigned)lang >= LANG_COUNT)
        lang = LANG_EN;
    switch (fmt) {
    case EXPORT_MD: em = &emit_md; bl = &blocks_md; break;
    case EXPORT_TXT: em = &emit_txt; bl = &blocks_txt; break;
    case EXPORT_ROFF: em = &emit_roff; bl = &blocks_roff; break;
    case EXPORT_HTML: em = &emit_html; bl = &blocks_html; break;
    case EXPORT_MS: em = &emit_ms; bl = &blocks_ms; break;
    case EXPORT_JSON: {
        char *json = afile_format(a);
        sbuf_adds(out, json);
        free(json);
        return;
    }
    }
    if (!em)
        return;
    prev = i18n_lang();
    if (prev != lang)
        i18n_set(lang);
    render_report(em, bl, out, a, lang, generated_at, extra);
    if (prev != lang)
        i18n_set(prev);
}
