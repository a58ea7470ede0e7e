/* cmd_coop.c — the commands about cooperations as a whole: new, list, show,
 * due, and open (the interactive interface).  See cli_int.h. */
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "afile.h"
#include "cctime.h"
#include "i18n.h"
#include "jsondoc.h"
#include "textutil.h"
#include "words.h"

/* ---- new ---- */

static struct {
    const char *title, *country, *pi, *start, *interval, *catalog;
    struct strlist partners;
} new_o;

static const struct opt new_opts[] = {
    { "title", 't', OPT_VALUE, &new_o.title }, { "partner", 'p', OPT_LIST, &new_o.partners },
    { "country", 0, OPT_VALUE, &new_o.country }, { "pi", 0, OPT_VALUE, &new_o.pi },
    { "start", 0, OPT_VALUE, &new_o.start }, { "interval", 0, OPT_VALUE, &new_o.interval },
    { "catalog", 0, OPT_VALUE, &new_o.catalog },
};

/* The values of new's options checked: 0 or an exit status. */
static int new_check(long *iv)
{
    const char *const given[] = { new_o.title, new_o.country, new_o.pi };
    static const char *const names[] = { "--title", "--country", "--pi" };
    int y, m, d;
    char *end;
    if (new_o.interval) {
        errno = 0;
        *iv = strtol(new_o.interval, &end, 10);
        if (*end || errno || *iv < 1 || *iv > 120)
            return usage_error("new", _("--interval takes a number of months from 1 to 120, not "
                                        "\"%s\""), new_o.interval);
    }
    if (new_o.start && cc_parse_date(new_o.start, &y, &m, &d) != 0)
        return usage_error("new", _("--start takes a date like 2026-01-31, not \"%s\""), new_o.start);
    for (size_t i = 0; i < CC_ARRAY_LEN(given); i++)
        if (given[i] && !plain_text(given[i], 0))
            return usage_error("new", _("the value of %s contains control characters or invalid "
                                        "UTF-8; give plain text"), names[i]);
    for (size_t i = 0; i < new_o.partners.n; i++)
        if (!plain_text(new_o.partners.v[i], 0))
            return usage_error("new", _("a partner name contains control characters or invalid UTF-8"));
    return 0;
}

static int cmd_new(struct ctx *c, const struct strlist *pos)
{
    struct coop meta;
    const struct catalog *cat;
    struct assessment *a;
    struct cc_err err;
    char now[CC_ISO_LEN], *who;
    long iv = c->cfg.interval_months;
    int rc = EXIT_OK;

    if (!coop_id_valid(pos->v[0]))
        return usage_error("new", _("\"%s\" cannot be a cooperation id: %s; the title may be any "
                                    "text (--title)"), pos->v[0], coop_id_rule());
    if ((rc = new_check(&iv)) != 0 || !(cat = pick_catalog(c, new_o.catalog ? new_o.catalog
                                                                            : CATALOG_DEFAULT_ID, &rc)))
        return rc;
    memset(&meta, 0, sizeof(meta));
    meta.id = pos->v[0];
    meta.title = (char *)(new_o.title ? new_o.title : pos->v[0]);
    meta.partners = new_o.partners;
    meta.country = (char *)new_o.country;
    meta.pi = (char *)new_o.pi;
    meta.start = (char *)new_o.start;
    meta.interval_months = (int)iv;
    cc_now(now);
    who = cc_user();
    a = assessment_new(cat, &meta, who, now);
    if (store_create(c->data, a, &err) != 0)
        rc = cli_fail(&err, EXIT_SYSTEM);
    assessment_free(a);
    free(who);
    strlist_release(&new_o.partners);
    return rc;
}

const struct command cmd_new_def = {
    "new", "ID [--title T] [--partner P]... [--country C] [--pi NAME]\n"
           "    [--start YYYY-MM-DD] [--interval MONTHS] [--catalog ID]",
    N_("create a cooperation and its first assessment"), new_opts, CC_ARRAY_LEN(new_opts), 1, 1, 0,
    cmd_new,
};

/* ---- list ---- */

static int list_json;
static const struct opt list_opts[] = { { "json", 0, OPT_FLAG, &list_json } };

static cJSON *list_entry(const struct assessment *a, const struct strlist *snaps, const struct store_due *d)
{
    cJSON *o = cJSON_CreateObject(), *p = cJSON_AddArrayToObject(o, "partners");
    cJSON_AddStringToObject(o, "id", a->coop.id);
    cJSON_AddStringToObject(o, "title", a->coop.title);
    for (size_t k = 0; k < a->coop.partners.n; k++)
        cJSON_AddItemToArray(p, cJSON_CreateString(a->coop.partners.v[k]));
    cJSON_AddNumberToObject(o, "answered", (double)assessment_answered(a));
    cJSON_AddNumberToObject(o, "questions", (double)a->cat->nquestions);
    cJSON_AddNumberToObject(o, "to_review", (double)assessment_to_review(a));
    cJSON_AddNumberToObject(o, "snapshots", (double)snaps->n);
    if (snaps->n)
        cJSON_AddStringToObject(o, "last_snapshot", d->last);
    else
        cJSON_AddNullToObject(o, "last_snapshot");
    cJSON_AddStringToObject(o, "next_due", d->next);
    cJSON_AddStringToObject(o, "status", store_due_name(d->status));
    return o;
}

/* One row of the table: the id is never cut (the column is as wide as the
 * longest id), the title goes last and gets what the width leaves. */
struct list_cols {
    size_t id, answered, last, due;
};

static void list_row(struct ctx *c, struct sbuf *out, const struct list_cols *w, const char *id,
                     const char *answered, const char *last, const char *due, const char *title)
{
    size_t used = w->id + w->answered + w->last + w->due + 4;
    put_col(out, id, w->id);
    sbuf_addc(out, ' ');
    put_col(out, answered, w->answered);
    sbuf_addc(out, ' ');
    put_col(out, last, w->last);
    sbuf_addc(out, ' ');
    put_col(out, due, w->due);
    sbuf_addc(out, ' ');
    text_truncate(out, title, c->width > used + 12 ? c->width - used : 12, 1);
    while (out->len && out->buf[out->len - 1] == ' ')
        out->buf[--out->len] = '\0';
    sbuf_addc(out, '\n');
}

static void due_text(const struct store_due *d, char *out, size_t n)
{
    if (d->status == DUE_OK)
        snprintf(out, n, "%s", d->next);
    else
        snprintf(out, n, "%s (%s)", d->next, store_due_word(d->status));
}

static int cmd_list(struct ctx *c, const struct strlist *pos)
{
    struct strlist ids = { 0 };
    struct list_cols w;
    struct sbuf out;
    struct cc_err err;
    cJSON *arr = NULL;
    struct assessment **as;
    struct strlist *snaps;
    struct store_due *dues;
    int bad = 0, rc;
    (void)pos;

    if (store_coops(c->data, &ids, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    as = xcalloc(ids.n + 1, sizeof(*as));
    snaps = xcalloc(ids.n + 1, sizeof(*snaps));
    dues = xcalloc(ids.n + 1, sizeof(*dues));
    w.id = text_width(_("ID"));
    w.answered = text_width(_("ANSWERED"));
    w.last = text_width(_("LAST SNAPSHOT"));
    w.due = text_width(_("NEXT DUE"));
    for (size_t i = 0; i < ids.n; i++) {
        char due[64];
        if (load_with_due(c, ids.v[i], &as[i], &snaps[i], &dues[i]) != 0) {
            bad = 1;
            continue;
        }
        due_text(&dues[i], due, sizeof(due));
        w.id = w.id > text_width(ids.v[i]) ? w.id : text_width(ids.v[i]);
        w.due = w.due > text_width(due) ? w.due : text_width(due);
    }
    w.answered = w.answered > 7 ? w.answered : 7;
    w.last = w.last > 10 ? w.last : 10;
    sbuf_init(&out);
    if (list_json)
        arr = cJSON_CreateArray();
    else if (ids.n == 0)
        putf(&out, _("No cooperations in %s yet; create one with 'coopcheck new ID --title ...'.\n"),
             c->data);
    else
        list_row(c, &out, &w, _("ID"), _("ANSWERED"), _("LAST SNAPSHOT"), _("NEXT DUE"), _("TITLE"));
    for (size_t i = 0; i < ids.n; i++) {
        char prog[32], last[11], due[64];
        if (!as[i])
            continue;
        if (arr) {
            cJSON_AddItemToArray(arr, list_entry(as[i], &snaps[i], &dues[i]));
        } else {
            snprintf(prog, sizeof(prog), "%zu/%zu", assessment_answered(as[i]), as[i]->cat->nquestions);
            snprintf(last, sizeof(last), "%.10s", snaps[i].n ? dues[i].last : "-");
            due_text(&dues[i], due, sizeof(due));
            list_row(c, &out, &w, ids.v[i], prog, last, due, as[i]->coop.title);
        }
        strlist_release(&snaps[i]);
        assessment_free(as[i]);
    }
    if (arr) {
        char *txt = jsondoc_print(arr);
        sbuf_adds(&out, txt);
        sbuf_addc(&out, '\n');
        free(txt);
        cJSON_Delete(arr);
    }
    free(as);
    free(snaps);
    free(dues);
    strlist_release(&ids);
    rc = flush_out(&out);
    return rc ? rc : bad ? EXIT_DATA : EXIT_OK;
}

const struct command cmd_list_def = {
    "list", "[--json]", N_("all cooperations with progress and due dates"), list_opts,
    CC_ARRAY_LEN(list_opts), 0, 0, 0, cmd_list,
};

/* ---- show ---- */

static struct {
    int json;
    const char *snapshot;
} show_o;

static const struct opt show_opts[] = {
    { "json", 0, OPT_FLAG, &show_o.json }, { "snapshot", 's', OPT_VALUE, &show_o.snapshot },
};

/* A label and its value, the labels padded to one width. */
static void row(struct sbuf *out, size_t w, const char *label, const char *value)
{
    put_col(out, label, w);
    sbuf_addc(out, ' ');
    put(out, value);
    sbuf_addc(out, '\n');
}

static void show_head(struct sbuf *out, const struct assessment *a)
{
    static const char *const labels[] = { N_("Cooperation"), N_("Title"), N_("Partner"),
                                          N_("Country"), N_("PI"), N_("Start"), N_("Re-assess"),
                                          N_("Catalogue"), N_("Round"), N_("Snapshot"), N_("Note"),
                                          N_("Progress"), N_("Updated") };
    struct sbuf line;
    size_t w = 12, flagged = 0;
    for (size_t i = 0; i < CC_ARRAY_LEN(labels); i++)
        w = text_width(_(labels[i])) > w ? text_width(_(labels[i])) : w;
    sbuf_init(&line);
    row(out, w, _("Cooperation"), a->coop.id);
    row(out, w, _("Title"), a->coop.title);
    for (size_t i = 0; i < a->coop.partners.n; i++)
        row(out, w, i ? "" : _("Partner"), a->coop.partners.v[i]);
    if (a->coop.country)
        row(out, w, _("Country"), a->coop.country);
    if (a->coop.pi)
        row(out, w, _("PI"), a->coop.pi);
    if (a->coop.start)
        row(out, w, _("Start"), a->coop.start);
    sbuf_addf(&line, P_("every %d month", "every %d months", a->coop.interval_months),
              a->coop.interval_months);
    row(out, w, _("Re-assess"), line.buf);
    sbuf_reset(&line);
    sbuf_addf(&line, _("%s, version %s"), a->catalog_id, a->catalog_version);
    row(out, w, _("Catalogue"), line.buf);
    sbuf_reset(&line);
    if (a->round_based_on)
        sbuf_addf(&line, _("%d, started %s from snapshot %s"), a->round,
                  a->round_started ? a->round_started : "?", a->round_based_on);
    else
        sbuf_addf(&line, _("%d, started %s"), a->round, a->round_started ? a->round_started : "?");
    row(out, w, _("Round"), line.buf);
    if (a->snap) {
        sbuf_reset(&line);
        sbuf_addf(&line, _("%s, taken %s by %s"), a->snap->name, a->snap->taken_at, a->snap->taken_by);
        row(out, w, _("Snapshot"), line.buf);
        if (a->snap->note)
            row(out, w, _("Note"), a->snap->note);
    }
    for (size_t i = 0; i < a->cat->nquestions; i++)
        flagged += a->q[i].followup != 0;
    sbuf_reset(&line);
    sbuf_addf(&line, _("%zu/%zu answered, %zu to review, %zu flagged for follow-up"),
              assessment_answered(a), a->cat->nquestions, assessment_to_review(a), flagged);
    row(out, w, _("Progress"), line.buf);
    sbuf_reset(&line);
    sbuf_addf(&line, _("%s by %s"), a->updated_at ? a->updated_at : "?", a->updated_by ? a->updated_by : "?");
    row(out, w, _("Updated"), line.buf);
    sbuf_release(&line);
}

static void show_question(struct ctx *c, struct sbuf *out, const struct assessment *a, size_t qi)
{
    const struct cat_question *q = &a->cat->questions[qi];
    const struct qanswers *qa = &a->q[qi];
    size_t w = c->width;
    struct sbuf line;
    sbuf_init(&line);
    sbuf_addc(out, '\n');
    sbuf_addf(&line, "%2d  %s  [%s%s]", q->number, l10n_get(&q->title, c->lang),
              qstate_word(assessment_qstate(a, qi), qa->review), qa->followup ? _(", follow-up") : "");
    text_wrap(out, line.buf, w, 0);
    text_wrap(out, l10n_get(&q->text, c->lang), w - 4, 4);
    for (size_t f = 0; f < q->nfields; f++) {
        const struct answer *ans = &qa->f[f];
        sbuf_reset(&line);
        sbuf_addf(&line, "%s (%s):", l10n_get(&q->fields[f].label, c->lang), q->fields[f].id);
        if (q->fields[f].type == FIELD_YESNO || !ans->text) {
            sbuf_addf(&line, " %s", yesno_word(q->fields[f].type == FIELD_YESNO ? ans->yn : YN_UNSET));
            text_wrap(out, line.buf, w - 4, 4);
        } else {
            text_wrap(out, line.buf, w - 4, 4);
            text_wrap(out, ans->text, w - 8, 8);
        }
    }
    sbuf_release(&line);
}

static int cmd_show(struct ctx *c, const struct strlist *pos)
{
    struct assessment *a = NULL;
    struct sbuf out;
    int rc;
    if ((rc = load_coop_or_snapshot(c, pos->v[0], show_o.snapshot, &a)) != 0)
        return rc;
    sbuf_init(&out);
    if (show_o.json) {
        char *t = afile_format(a);
        sbuf_adds(&out, t);
        free(t);
    } else {
        const struct catalog *cat = a->cat;
        show_head(&out, a);
        for (size_t s = 0; s < cat->nsections; s++) {
            sbuf_addc(&out, '\n');
            text_wrap(&out, l10n_get(&cat->sections[s].title, c->lang), c->width, 0);
            for (size_t qi = cat->sections[s].first; qi < cat->sections[s].first + cat->sections[s].count; qi++)
                show_question(c, &out, a, qi);
        }
    }
    assessment_free(a);
    return flush_out(&out);
}

const struct command cmd_show_def = {
    "show", "ID [--snapshot NAME] [--json]", N_("everything of a cooperation, as text or JSON"),
    show_opts, CC_ARRAY_LEN(show_opts), 1, 1, 0, cmd_show,
};

/* ---- due ---- */

static int cmd_due(struct ctx *c, const struct strlist *pos)
{
    struct strlist ids = { 0 };
    struct cc_err err;
    struct sbuf out;
    size_t ndue = 0;
    int rc, bad = 0;
    (void)pos;
    if (store_coops(c->data, &ids, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    sbuf_init(&out);
    for (size_t i = 0; i < ids.n; i++) {
        struct assessment *a;
        struct strlist snaps = { 0 };
        struct store_due d;
        if (load_with_due(c, ids.v[i], &a, &snaps, &d) != 0) {
            bad = 1;
            continue;
        }
        if (d.status != DUE_OK) {
            ndue++;
            /* tab-separated for scripts: the fields themselves hold no tabs */
            put(&out, a->coop.id);
            sbuf_addf(&out, "\t%s %s\t", store_due_word(d.status), d.next);
            text_truncate(&out, a->coop.title, 60, 1);
            sbuf_addc(&out, '\n');
        }
        strlist_release(&snaps);
        assessment_free(a);
    }
    strlist_release(&ids);
    rc = flush_out(&out);
    if (rc)
        return rc;
    if (bad)
        return EXIT_DATA;
    return ndue ? EXIT_NEGATIVE : EXIT_OK;
}

const struct command cmd_due_def = {
    "due", "", N_("the re-assessments due, for cron: exit status 1 when any"), NULL, 0, 0, 0, 0,
    cmd_due,
};

/* ---- open ---- */

static int cmd_open(struct ctx *c, const struct strlist *pos)
{
    struct cli_env env;
    int rc;
    if (pos->n >= 1 && (rc = check_id("open", pos->v[0])) != 0)
        return rc;
    if (!c->tui || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        say_error(_("the interactive interface needs a terminal on standard input and output; "
                    "for scripts use 'coopcheck list', 'show', 'set' (see 'coopcheck --help')"));
        return EXIT_USAGE;
    }
    memset(&env, 0, sizeof(env));
    env.data = c->data;
    env.lang = c->lang;
    env.theme = c->theme_opt;
    env.cats = *cli_cats(c);
    env.open_id = pos->n >= 1 ? pos->v[0] : NULL;
    env.open_question = pos->n >= 2 ? pos->v[1] : NULL;
    return c->tui(&env);
}

const struct command cmd_open_def = {
    "open", "[ID [QUESTION]]", N_("the interactive interface (also with no command)"), NULL, 0, 0,
    2, CMD_INTERACTIVE, cmd_open,
};
