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
#include "interview.h"
#include "officer.h"
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

static char *dup_given(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

/* The values of new's options checked and put into meta: 0 or an exit
 * status. */
static int new_meta(const char *id, long iv, struct coop *meta)
{
    const char *const given[] = { new_o.title, new_o.country, new_o.pi };
    static const char *const names[] = { "--title", "--country", "--pi" };
    int rc;
    if (new_o.interval && (rc = months_arg("new", new_o.interval, &iv)) != 0)
        return rc;
    if (new_o.start && (rc = date_arg("new", new_o.start)) != 0)
        return rc;
    for (size_t i = 0; i < CC_ARRAY_LEN(given); i++)
        if (given[i] && !plain_text(given[i], 0))
            return usage_error("new", _("the value of %s contains control characters or invalid "
                                        "UTF-8; give plain text"), names[i]);
    for (size_t i = 0; i < new_o.partners.n; i++)
        if ((rc = partner_arg("new", "--partner", new_o.partners.v[i], meta)) != 0)
            return rc;
    meta->id = xstrdup(id);
    meta->title = xstrdup(new_o.title && *new_o.title ? new_o.title : id);
    meta->country = dup_given(new_o.country);
    meta->pi = dup_given(new_o.pi);
    meta->start = dup_given(new_o.start);
    meta->interval_months = (int)iv;
    return 0;
}

static int cmd_new(struct ctx *c, const struct strlist *pos)
{
    struct coop meta;
    const struct catalog *cat = NULL;
    struct assessment *a;
    struct cc_err err;
    char now[CC_ISO_LEN], *who;
    int rc = EXIT_OK;

    if (coop_id_refusal(pos->v[0]))
        return usage_error("new", _("\"%s\" cannot be a cooperation id: %s; the title may be any "
                                    "text (--title)"), pos->v[0], coop_id_refusal(pos->v[0]));
    memset(&meta, 0, sizeof(meta));
    if ((rc = new_meta(pos->v[0], c->cfg.interval_months, &meta)) == 0)
        cat = pick_catalog(c, new_o.catalog ? new_o.catalog : CATALOG_DEFAULT_ID, &rc);
    if (cat) {
        cc_now(now);
        who = cc_user();
        a = assessment_new(cat, &meta, who, now);
        if (store_create(c->data, a, &err) != 0)
            rc = cli_fail(&err, EXIT_SYSTEM);
        else if (meta.partners.n)
            rc = screen_after_change(c, meta.id);
        assessment_free(a);
        free(who);
    }
    coop_release(&meta);
    strlist_release(&new_o.partners);
    return rc;
}

const struct command cmd_new_def = {
    "new", "ID [--title T] [--partner \"NAME[; ALIAS]...\"]... [--country C] [--pi NAME]\n"
           "    [--start YYYY-MM-DD] [--interval MONTHS] [--catalog ID|FILE]",
    N_("create a cooperation and its first assessment"), new_opts, CC_ARRAY_LEN(new_opts), 1, 1,
    CMD_COMMITS, cmd_new,
};

/* ---- list ---- */

static struct {
    int json, all;
} list_o;

static const struct opt list_opts[] = {
    { "json", 0, OPT_FLAG, &list_o.json }, { "all", 'a', OPT_FLAG, &list_o.all },
};

static void add_time(cJSON *o, const char *key, const char *iso)
{
    if (iso && *iso)
        cJSON_AddStringToObject(o, key, iso);
    else
        cJSON_AddNullToObject(o, key);
}

/* The officer's side: overall and highest risk, the last decision, the measures. */
static void list_officer(cJSON *o, const struct assessment *a)
{
    struct risk_tally t;
    char now[CC_ISO_LEN];
    cc_now(now);
    officer_tally(a, a->cat->nsections, &t);
    cJSON_AddStringToObject(o, "risk", risk_name(a->overall.level));
    cJSON_AddStringToObject(o, "highest_question_risk", risk_name(t.highest));
    if (a->decision.outcome != OUT_NONE) {
        cJSON *d = cJSON_AddObjectToObject(o, "decision");
        cJSON_AddStringToObject(d, "outcome", outcome_name(a->decision.outcome));
        cJSON_AddNumberToObject(d, "round", a->decision.round);
        cJSON_AddStringToObject(d, "date", a->decision.date);
    } else {
        cJSON_AddNullToObject(o, "decision");
    }
    cJSON_AddNumberToObject(o, "open_measures", (double)officer_open_measures(a));
    cJSON_AddNumberToObject(o, "overdue_measures", (double)officer_overdue_measures(a, now));
}

static cJSON *list_entry(const struct assessment *a, const struct strlist *snaps, const struct store_due *d)
{
    cJSON *o = cJSON_CreateObject(), *p = cJSON_AddArrayToObject(o, "partners");
    char newest[CC_ISO_LEN];
    store_snap_time(a->last_snapshot ? a->last_snapshot : snaps->n ? snaps->v[snaps->n - 1] : NULL, newest);
    cJSON_AddStringToObject(o, "id", a->coop.id);
    cJSON_AddStringToObject(o, "title", a->coop.title);
    for (size_t k = 0; k < a->coop.partners.n; k++)
        cJSON_AddItemToArray(p, cJSON_CreateString(a->coop.partners.v[k]));
    cJSON_AddNumberToObject(o, "answered", (double)assessment_answered(a));
    cJSON_AddNumberToObject(o, "questions", (double)a->cat->nquestions);
    cJSON_AddNumberToObject(o, "to_review", (double)assessment_to_review(a));
    cJSON_AddNumberToObject(o, "snapshots", (double)snaps->n);
    add_time(o, "last_snapshot", newest);
    add_time(o, "last_complete", d->last);
    cJSON_AddStringToObject(o, "next_due", d->next);
    cJSON_AddStringToObject(o, "status", store_due_name(d->status));
    cJSON_AddBoolToObject(o, "never_assessed", d->never);
    cJSON_AddBoolToObject(o, "interim", d->interim);
    cJSON_AddBoolToObject(o, "archived", a->coop.archived.at != NULL);
    list_officer(o, a);
    return o;
}

/* One row of the table: the id is never cut (the column is as wide as the
 * longest id), the title goes last and gets what the width leaves. */
struct list_cols {
    size_t id, answered, last, due, state, decision;
};

/* One cooperation on one row while the title gets 12 of the terminal's
 * columns there; else on two (a narrow terminal, long states as in German):
 * the id, the dates and the decision, then indented the state and the
 * title, so that no row is wider than the terminal (only an id that is
 * itself too long: it is never cut). */
#define LIST_TITLE_MIN 12
#define LIST_INDENT 2

static void list_title(struct ctx *c, struct sbuf *out, size_t used, const char *title)
{
    text_truncate(out, title, c->width > used + LIST_TITLE_MIN ? c->width - used : LIST_TITLE_MIN,
                  1);
    while (out->len && out->buf[out->len - 1] == ' ')
        out->buf[--out->len] = '\0';
    sbuf_addc(out, '\n');
}

static void list_row(struct ctx *c, struct sbuf *out, const struct list_cols *w,
                     const char *const col[6], const char *title)
{
    const size_t width[6] = { w->id, w->answered, w->last, w->due, w->state, w->decision };
    size_t used = 0;
    for (size_t i = 0; i < 6; i++)
        used += width[i] + 1;
    if (c->width >= used + LIST_TITLE_MIN) {
        for (size_t i = 0; i < 6; i++) {
            put_col(out, col[i], width[i]);
            sbuf_addc(out, ' ');
        }
        list_title(c, out, used, title);
        return;
    }
    for (size_t i = 0; i < 4; i++) {
        put_col(out, col[i], width[i]);
        sbuf_addc(out, ' ');
    }
    put(out, col[5]);
    sbuf_addf(out, "\n%*s", LIST_INDENT, "");
    put_col(out, col[4], w->state);
    sbuf_adds(out, "  ");
    list_title(c, out, LIST_INDENT + w->state + 2, title);
}

static size_t wider(size_t w, const char *s)
{
    return text_width(s) > w ? text_width(s) : w;
}

/* The table's cells of one cooperation, kept until the widths are known. */
struct list_line {
    char *col[6];
    char *title;
};

struct list_lines {
    struct list_line *v;
    size_t n;
};

static void list_collect(struct ctx *c, void *arg, const struct assessment *a,
                         const struct strlist *snaps, const struct store_due *d)
{
    struct list_lines *l = arg;
    struct list_line *ln;
    char state[256];
    (void)snaps;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    ln = &l->v[l->n++];
    coop_state_text(c, a, d, state, sizeof(state));
    ln->col[0] = xstrdup(a->coop.id);
    ln->col[1] = xasprintf("%zu/%zu", assessment_answered(a), a->cat->nquestions);
    ln->col[2] = xasprintf("%.10s", d->never ? "-" : d->last);
    ln->col[3] = xstrdup(d->next);
    ln->col[4] = xstrdup(state);
    ln->col[5] = xstrdup(outcome_short(a->decision.outcome));
    ln->title = xstrdup(a->coop.title);
}

static void list_table(struct ctx *c, struct sbuf *out, const struct list_lines *l)
{
    struct list_cols w;
    const char *head[6] = { _("ID"), _("ANSWERED"), _("ASSESSED"), _("NEXT DUE"), _("STATE"),
                            _("DECISION") };
    w.id = text_width(head[0]);
    w.answered = wider(7, head[1]);
    w.last = wider(10, head[2]);
    w.due = wider(10, head[3]);
    w.state = text_width(head[4]);
    w.decision = text_width(head[5]);
    for (size_t i = 0; i < l->n; i++) {
        w.id = wider(w.id, l->v[i].col[0]);
        w.decision = wider(w.decision, l->v[i].col[5]);
        w.state = wider(w.state, l->v[i].col[4]);
    }
    list_row(c, out, &w, head, _("TITLE"));
    for (size_t i = 0; i < l->n; i++)
        list_row(c, out, &w, (const char *const *)l->v[i].col, l->v[i].title);
}

static void list_lines_release(struct list_lines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t k = 0; k < 6; k++)
            free(l->v[i].col[k]);
        free(l->v[i].title);
    }
    free(l->v);
}

static void list_json(struct ctx *c, void *arg, const struct assessment *a,
                      const struct strlist *snaps, const struct store_due *d)
{
    (void)c;
    cJSON_AddItemToArray(arg, list_entry(a, snaps, d));
}

static int cmd_list(struct ctx *c, const struct strlist *pos)
{
    struct coop_set set;
    struct list_lines lines = { NULL, 0 };
    cJSON *arr = NULL;
    struct sbuf out;
    int rc;
    (void)pos;

    if (list_o.json)
        arr = cJSON_CreateArray();
    /* only the JSON has the number of snapshots */
    if ((rc = coop_set_each(c, list_o.all, list_o.json, &set, list_o.json ? list_json : list_collect,
                            list_o.json ? (void *)arr : &lines)) != 0) {
        cJSON_Delete(arr);
        return rc;
    }
    sbuf_init(&out);
    if (list_o.json) {
        char *txt = jsondoc_print(arr);
        sbuf_adds(&out, txt);
        sbuf_addc(&out, '\n');
        free(txt);
        cJSON_Delete(arr);
    } else if (set.shown) {
        list_table(c, &out, &lines);
    } else if (set.hidden) {
        putf(&out, P_("No active cooperations in %s; %zu is archived ('coopcheck list --all' "
                      "shows it).\n",
                      "No active cooperations in %s; %zu are archived ('coopcheck list --all' "
                      "shows them).\n", set.hidden), c->data, set.hidden);
    } else if (!set.bad) {
        putf(&out, _("No cooperations in %s yet; create one with 'coopcheck new ID --title ...'.\n"),
             c->data);
    }
    list_lines_release(&lines);
    rc = set.bad ? EXIT_DATA : EXIT_OK;
    return flush_out(&out) ? EXIT_SYSTEM : rc;
}

const struct command cmd_list_def = {
    "list", "[--all] [--json]",
    N_("all cooperations with progress, last complete assessment, due date and state; --all "
       "includes the archived ones"), list_opts, CC_ARRAY_LEN(list_opts), 0, 0, 0, cmd_list,
};

/* ---- due ---- */

static int due_all;
static const struct opt due_opts[] = { { "all", 'a', OPT_FLAG, &due_all } };

/* id TAB "overdue 2027-11-27[, never assessed][, interim][, archived]" TAB title */
static void due_line(struct sbuf *out, const struct assessment *a, const struct store_due *d)
{
    struct store_due rest = *d;
    char more[128], now[CC_ISO_LEN];
    rest.status = DUE_OK;   /* the words after the date: never assessed, interim */
    due_state_text(&rest, more, sizeof(more));
    /* tab-separated for scripts: the fields themselves hold no tabs */
    put(out, a->coop.id);
    sbuf_addf(out, "\t%s %s", store_due_word(d->status), d->next);
    if (more[0])
        putf(out, ", %s", more);
    if (a->coop.archived.at)
        putf(out, ", %s", _("archived"));
    more[0] = '\0';
    cc_now(now);
    officer_state_append(a, now, more, sizeof(more));
    if (more[0])
        putf(out, ", %s", more);
    sbuf_addc(out, '\t');
    put(out, a->coop.title);   /* whole: a script takes it with cut -f3 */
    sbuf_addc(out, '\n');
}

struct due_run {
    struct sbuf *out;
    char now[CC_ISO_LEN];
    size_t ndue;
};

static void due_each(struct ctx *c, void *arg, const struct assessment *a,
                     const struct strlist *snaps, const struct store_due *d)
{
    struct due_run *r = arg;
    (void)c;
    (void)snaps;
    if (d->status != DUE_OK || officer_overdue_measures(a, r->now)) {
        r->ndue++;
        due_line(r->out, a, d);
    }
}

static int cmd_due(struct ctx *c, const struct strlist *pos)
{
    struct coop_set set;
    struct sbuf out;
    struct due_run r;
    int rc;
    (void)pos;
    sbuf_init(&out);
    r.out = &out;
    r.ndue = 0;
    cc_now(r.now);
    if ((rc = coop_set_each(c, due_all, 0, &set, due_each, &r)) != 0) {
        sbuf_release(&out);
        return rc;
    }
    rc = set.bad ? EXIT_DATA : r.ndue ? EXIT_NEGATIVE : EXIT_OK;
    return flush_out(&out) ? EXIT_SYSTEM : rc;
}

const struct command cmd_due_def = {
    "due", "[--all]",
    N_("the re-assessments due (never assessed ones from their start), for cron: exit status 1 "
       "when any"), due_opts, CC_ARRAY_LEN(due_opts), 0, 0, 0, cmd_due,
};

/* ---- open ---- */

static int open_full_screen;
static const struct opt open_opts[] = {
    { "full-screen", 0, OPT_FLAG, &open_full_screen },
};

int cli_open_line_mode_wanted(const struct ctx *c)
{
    return interview_wanted(c->cfg.accessible) && !open_full_screen;
}

static int cmd_open(struct ctx *c, const struct strlist *pos)
{
    struct cli_env env;
    int rc;
    if (pos->n >= 1 && (rc = check_id("open", pos->v[0])) != 0)
        return rc;
    if (cli_open_line_mode_wanted(c))
        return cli_open_line_mode(c, pos);
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
    /* the line mode asked for, yet --full-screen: for a screen reader */
    env.reader = interview_wanted(c->cfg.accessible);
    env.cfg = &c->cfg;
    env.cfg_err = c->cfg_err;
    return c->tui(&env);
}

const struct command cmd_open_def = {
    "open", "[ID [QUESTION]] [--full-screen]",
    N_("the interactive interface (also with no command); the line mode of 'interview' instead "
       "with ACCESSIBLE=1, accessible = true or TERM=dumb, unless --full-screen"), open_opts,
    CC_ARRAY_LEN(open_opts), 0, 2, CMD_INTERACTIVE, cmd_open,
};
