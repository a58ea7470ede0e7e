/* cli.c — the command line.  See cli.h and coopcheck(1).
 *
 * Each subcommand is a row in the commands table: its name, its usage line
 * and the function that runs it.  Options are parsed by one table-driven
 * parser that also accepts the global options (--data, --lang, --theme)
 * after the subcommand.  Output is built in a buffer, sanitised (no control
 * characters from data ever reach the terminal) and written at the end. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "afile.h"
#include "cctime.h"
#include "config.h"
#include "diff.h"
#include "diffout.h"
#include "export.h"
#include "fsio.h"
#include "help.h"
#include "i18n.h"
#include "jsondoc.h"
#include "model.h"
#include "store.h"
#include "textutil.h"

struct ctx {
    const char *prog;
    const char *data_opt;
    const char *lang_opt;
    const char *theme_opt;
    enum lang lang;
    char *data;
    int cats_loaded;
    struct catalog_set cats;
    struct strlist cat_problems;
    size_t width;
    struct config cfg;
    char cfg_err[1024];   /* a problem of config.ini, not yet reported */
    int interactive;      /* the interface reports it instead, in its status line */
};

/* ---- output ---- */

static int say_error(const char *fmt, ...) CC_PRINTF(1, 2);
static int say_error(const char *fmt, ...)
{
    struct sbuf raw, clean;
    va_list ap;
    sbuf_init(&raw);
    sbuf_init(&clean);
    va_start(ap, fmt);
    sbuf_vaddf(&raw, fmt, ap);
    va_end(ap);
    text_sanitize(&clean, raw.buf, TEXT_ALLOW_NEWLINE);
    fprintf(stderr, "coopcheck: %s\n", clean.buf);
    sbuf_release(&raw);
    sbuf_release(&clean);
    return -1;
}

/* Maps an error to an exit status from its errno-like code. */
static int fail(const struct cc_err *err, int fallback)
{
    say_error("%s", err->msg);
    switch (err->code) {
    case ENOENT: return EXIT_NOTFOUND;
    case EEXIST: case EBUSY: return EXIT_CONFLICT;
    case EINVAL: case EFBIG: return EXIT_DATA;
    case 0: return fallback;
    default: return EXIT_SYSTEM;
    }
}

static int flush_out(struct sbuf *out)
{
    int rc = EXIT_OK;
    if (out->len && fwrite(out->buf, 1, out->len, stdout) != out->len)
        rc = EXIT_SYSTEM;
    if (fflush(stdout) != 0)
        rc = EXIT_SYSTEM;
    if (rc != EXIT_OK && errno != EPIPE)
        say_error("cannot write the output: %s", strerror(errno));
    sbuf_release(out);
    return rc;
}

/* Appends sanitised text. */
static void put(struct sbuf *out, const char *s)
{
    text_sanitize(out, s ? s : "", 0);
}

static void putf(struct sbuf *out, const char *fmt, ...) CC_PRINTF(2, 3);
static void putf(struct sbuf *out, const char *fmt, ...)
{
    struct sbuf raw;
    va_list ap;
    sbuf_init(&raw);
    va_start(ap, fmt);
    sbuf_vaddf(&raw, fmt, ap);
    va_end(ap);
    text_sanitize(out, raw.buf, TEXT_ALLOW_NEWLINE);
    sbuf_release(&raw);
}

/* Pads (or cuts) s to exactly w columns. */
static void put_col(struct sbuf *out, const char *s, size_t w)
{
    size_t before = out->len, width;
    text_truncate(out, s ? s : "", w, 1);
    width = text_width(out->buf + before);
    for (; width < w; width++)
        sbuf_addc(out, ' ');
}

static size_t term_width(void)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col < 40 ? 40 : ws.ws_col;
    if (cols && atoi(cols) >= 40)
        return (size_t)atoi(cols);
    return 80;
}

/* ---- option parsing ---- */

enum opt_kind { OPT_FLAG, OPT_VALUE, OPT_LIST };

struct opt {
    const char *name;     /* long name without "--" */
    char shortname;       /* 0: none */
    enum opt_kind kind;
    void *target;         /* int*, const char**, struct strlist* */
};

static int usage_error(const char *cmd, const char *fmt, ...) CC_PRINTF(2, 3);
static int usage_error(const char *cmd, const char *fmt, ...)
{
    struct sbuf msg;
    va_list ap;
    sbuf_init(&msg);
    va_start(ap, fmt);
    sbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    if (cmd)
        say_error("%s\n  'coopcheck --help' shows the usage of 'coopcheck %s'", msg.buf, cmd);
    else
        say_error("%s\n  'coopcheck --help' shows the usage", msg.buf);
    sbuf_release(&msg);
    return EXIT_USAGE;
}

static int set_opt(const char *cmd, const struct opt *o, const char *value)
{
    switch (o->kind) {
    case OPT_FLAG:
        if (value)
            return usage_error(cmd, "option '--%s' takes no value", o->name);
        *(int *)o->target = 1;
        break;
    case OPT_VALUE:
        *(const char **)o->target = value;
        break;
    case OPT_LIST:
        strlist_push((struct strlist *)o->target, value);
        break;
    }
    return 0;
}

/* Parses argv[0..argc) against the command's options plus the global ones;
 * positional arguments go to pos.  Returns 0 or an exit status. */
static int parse_opts(struct ctx *c, const char *cmd, int argc, char **argv,
                      const struct opt *opts, size_t nopts, struct strlist *pos)
{
    const struct opt globals[] = {
        { "data", 0, OPT_VALUE, &c->data_opt },
        { "lang", 0, OPT_VALUE, &c->lang_opt },
        { "theme", 0, OPT_VALUE, &c->theme_opt },
    };
    int only_pos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        const struct opt *o = NULL;
        char name[64];
        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            strlist_push(pos, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            if (n >= sizeof(name))
                n = sizeof(name) - 1;
            memcpy(name, a + 2, n);
            name[n] = '\0';
            value = eq ? eq + 1 : NULL;
            for (size_t k = 0; k < nopts && !o; k++)
                if (strcmp(opts[k].name, name) == 0)
                    o = &opts[k];
            for (size_t k = 0; k < CC_ARRAY_LEN(globals) && !o; k++)
                if (strcmp(globals[k].name, name) == 0)
                    o = &globals[k];
        } else if (a[2] == '\0') {
            for (size_t k = 0; k < nopts && !o; k++)
                if (opts[k].shortname && opts[k].shortname == a[1])
                    o = &opts[k];
            snprintf(name, sizeof(name), "%c", a[1]);
        }
        if (!o)
            return usage_error(cmd, "unknown option '%s' for 'coopcheck %s'", a, cmd);
        if (o->kind != OPT_FLAG && !value) {
            if (i + 1 >= argc)
                return usage_error(cmd, "option '%s' needs a value", a);
            value = argv[++i];
        }
        if (set_opt(cmd, o, value) != 0)
            return EXIT_USAGE;
    }
    return 0;
}

/* ---- shared steps ---- */

static int settle(struct ctx *c)
{
    struct cc_err err;
    if (c->cfg_err[0] && !c->interactive)
        say_error("%s (the other settings are used)", c->cfg_err);
    c->cfg_err[0] = '\0';
    if (c->lang_opt) {
        int l = lang_parse(c->lang_opt);
        if (l < 0 || strlen(c->lang_opt) != 2)
            return usage_error(NULL, "--lang takes \"de\" or \"en\", not \"%s\"", c->lang_opt);
        c->lang = (enum lang)l;
        i18n_set(c->lang);
    }
    if (!c->data) {
        const char *d = c->data_opt ? c->data_opt : NULL;
        if (!d && !getenv("COOPCHECK_DATA") && c->cfg.data_dir)
            d = c->cfg.data_dir;
        if (store_data_dir(d, &c->data, &err) != 0)
            return fail(&err, EXIT_USAGE);
    }
    return 0;
}

static const struct catalog_set *cats(struct ctx *c)
{
    if (!c->cats_loaded) {
        catalog_set_load(&c->cats, &c->cat_problems);
        c->cats_loaded = 1;
    }
    return &c->cats;
}

static void report_cat_problems(struct ctx *c)
{
    for (size_t i = 0; i < c->cat_problems.n; i++)
        say_error("skipped a catalogue that does not load: %s", c->cat_problems.v[i]);
}

static int load_coop(struct ctx *c, const char *id, struct assessment **a)
{
    struct cc_err err;
    if (!coop_id_valid(id))
        return usage_error(NULL, "\"%s\" is not a cooperation id: %s", id, coop_id_rule());
    if (store_load(c->data, id, cats(c), a, &err) != 0) {
        if (strstr(err.msg, "not installed"))
            report_cat_problems(c);
        return fail(&err, EXIT_DATA);
    }
    return 0;
}

/* The working assessment of id, or its snapshot snap when not NULL. */
static int load_coop_or_snapshot(struct ctx *c, const char *id, const char *snap,
                                 struct assessment **a)
{
    struct cc_err err;
    if (!snap)
        return load_coop(c, id, a);
    if (!coop_id_valid(id))
        return usage_error(NULL, "\"%s\" is not a cooperation id: %s", id, coop_id_rule());
    if (store_load_snapshot(c->data, id, snap, cats(c), a, &err) != 0)
        return fail(&err, EXIT_USAGE);
    return 0;
}

/* Takes the write lock of cooperation id (which completes a snapshot step a
 * crash interrupted, said on stderr), loads it and checks that no interface
 * has it open.  Returns 0 or an exit status; the caller closes w. */
static int open_for_writing(struct ctx *c, const char *id, struct store_w *w, struct assessment **a)
{
    struct cc_err err;
    if (!coop_id_valid(id))
        return usage_error(NULL, "\"%s\" is not a cooperation id: %s", id, coop_id_rule());
    if (store_w_open(c->data, id, w, &err) != 0)
        return fail(&err, EXIT_DATA);
    if (w->note[0])
        say_error("note: %s", w->note);
    if (store_w_load(w, cats(c), a, &err) != 0) {
        if (strstr(err.msg, "not installed"))
            report_cat_problems(c);
        return fail(&err, EXIT_DATA);
    }
    if (store_w_check_lock(w, &err) != 0)
        return fail(&err, EXIT_CONFLICT);
    return 0;
}

static int want_args(const char *cmd, const struct strlist *pos, size_t lo, size_t hi)
{
    if (pos->n < lo)
        return usage_error(cmd, "'coopcheck %s' needs more arguments", cmd);
    if (pos->n > hi)
        return usage_error(cmd, "too many arguments for 'coopcheck %s': '%s'", cmd, pos->v[hi]);
    return 0;
}

static const struct cat_question *find_question(const struct catalog *cat, const char *key,
                                                int *rc)
{
    const struct cat_question *q = catalog_question(cat, key);
    if (!q) {
        say_error("catalogue \"%s\" has no question \"%s\": give its number (%d-%d) or id "
                  "(%s-%s)", cat->id, key, cat->questions[0].number,
                  cat->questions[cat->nquestions - 1].number, cat->questions[0].id,
                  cat->questions[cat->nquestions - 1].id);
        *rc = EXIT_NOTFOUND;
    }
    return q;
}

static const char *yn_label(enum yesno v, enum lang l)
{
    static const char *const de[] = { "unbeantwortet", "ja", "nein", "unsicher" };
    static const char *const en[] = { "unanswered", "yes", "no", "unsure" };
    return l == LANG_DE ? de[v] : en[v];
}

static const char *qstate_label(enum qstate s, int review)
{
    if (review)
        return "to review";
    return s == QS_ANSWERED ? "answered" : s == QS_PARTIAL ? "partly answered" : "unanswered";
}

/* Loads cooperation id with its snapshots and due date (for list and due);
 * reports a file that does not load and returns -1. */
static int load_with_due(struct ctx *c, const char *id, struct assessment **a,
                         struct strlist *snaps, struct store_due *d)
{
    struct cc_err err;
    if (store_load(c->data, id, cats(c), a, &err) != 0) {
        say_error("%s", err.msg);
        return -1;
    }
    if (store_snapshots(c->data, id, snaps, &err) != 0)
        say_error("%s", err.msg);
    store_due(*a, snaps, d);
    return 0;
}

/* ---- new ---- */

static int cmd_new(struct ctx *c, int argc, char **argv)
{
    const char *title = NULL, *country = NULL, *pi = NULL, *start = NULL, *interval = NULL;
    const char *catid = "bmbf-china-2024";
    struct strlist partners = { 0 }, pos = { 0 };
    const struct opt opts[] = {
        { "title", 't', OPT_VALUE, &title }, { "partner", 'p', OPT_LIST, &partners },
        { "country", 0, OPT_VALUE, &country }, { "pi", 0, OPT_VALUE, &pi },
        { "start", 0, OPT_VALUE, &start }, { "interval", 0, OPT_VALUE, &interval },
        { "catalog", 0, OPT_VALUE, &catid },
    };
    struct coop meta;
    const struct catalog *cat;
    struct assessment *a = NULL;
    struct cc_err err;
    char now[CC_ISO_LEN], *who = NULL, *end;
    int rc, y, m, d;
    long iv = c->cfg.interval_months;

    memset(&meta, 0, sizeof(meta));
    if ((rc = parse_opts(c, "new", argc, argv, opts, CC_ARRAY_LEN(opts), &pos)) != 0 ||
        (rc = want_args("new", &pos, 1, 1)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (!coop_id_valid(pos.v[0])) {
        rc = usage_error("new", "\"%s\" cannot be a cooperation id: %s; the title may be any "
                         "text (--title)", pos.v[0], coop_id_rule());
        goto out;
    }
    if (interval) {
        errno = 0;
        iv = strtol(interval, &end, 10);
        if (*end || errno || iv < 1 || iv > 120) {
            rc = usage_error("new", "--interval takes a number of months from 1 to 120, not "
                             "\"%s\"", interval);
            goto out;
        }
    }
    if (start && cc_parse_date(start, &y, &m, &d) != 0) {
        rc = usage_error("new", "--start takes a date like 2026-01-31, not \"%s\"", start);
        goto out;
    }
    {
        const char *const given[] = { title, country, pi };
        static const char *const names[] = { "--title", "--country", "--pi" };
        for (size_t i = 0; i < CC_ARRAY_LEN(given); i++) {
            if (given[i] && (utf8_invalid(given[i], strlen(given[i])) || text_find_unsafe(given[i], 0))) {
                rc = usage_error("new", "the value of %s contains control characters or invalid "
                                 "UTF-8; give plain text", names[i]);
                goto out;
            }
        }
    }
    for (size_t i = 0; i < partners.n; i++) {
        if (utf8_invalid(partners.v[i], strlen(partners.v[i])) || text_find_unsafe(partners.v[i], 0)) {
            rc = usage_error("new", "a partner name contains control characters or invalid UTF-8");
            goto out;
        }
    }
    cat = catalog_set_find(cats(c), catid);
    if (!cat) {
        report_cat_problems(c);
        say_error("no catalogue \"%s\" is installed ('coopcheck catalog list' shows the installed "
                  "ones)", catid);
        rc = EXIT_NOTFOUND;
        goto out;
    }
    meta.id = pos.v[0];
    meta.title = (char *)(title ? title : pos.v[0]);
    meta.partners = partners;
    meta.country = (char *)country;
    meta.pi = (char *)pi;
    meta.start = (char *)start;
    meta.interval_months = (int)iv;
    cc_now(now);
    who = cc_user();
    a = assessment_new(cat, &meta, who, now);
    if (store_create(c->data, a, &err) != 0)
        rc = fail(&err, EXIT_SYSTEM);
out:
    assessment_free(a);
    free(who);
    strlist_release(&partners);
    strlist_release(&pos);
    return rc;
}

/* ---- list ---- */

static int cmd_list(struct ctx *c, int argc, char **argv)
{
    int json = 0, rc, bad = 0;
    const struct opt opts[] = { { "json", 0, OPT_FLAG, &json } };
    struct strlist pos = { 0 }, ids = { 0 };
    struct sbuf out;
    struct cc_err err;
    cJSON *arr = NULL;

    if ((rc = parse_opts(c, "list", argc, argv, opts, 1, &pos)) != 0 ||
        (rc = want_args("list", &pos, 0, 0)) != 0 || (rc = settle(c)) != 0) {
        strlist_release(&pos);
        return rc;
    }
    strlist_release(&pos);
    if (store_coops(c->data, &ids, &err) != 0)
        return fail(&err, EXIT_SYSTEM);
    sbuf_init(&out);
    if (json) {
        arr = cJSON_CreateArray();
    } else if (ids.n == 0) {
        putf(&out, "No cooperations in %s yet; create one with 'coopcheck new ID --title ...'.\n",
             c->data);
    } else {
        put_col(&out, "ID", 18);
        sbuf_adds(&out, " ANSWERED LAST SNAPSHOT NEXT DUE             TITLE\n");
    }
    for (size_t i = 0; i < ids.n; i++) {
        struct assessment *a;
        struct strlist snaps = { 0 };
        struct store_due d;
        if (load_with_due(c, ids.v[i], &a, &snaps, &d) != 0) {
            bad = 1;
            continue;
        }
        if (json) {
            cJSON *o = cJSON_CreateObject(), *p = cJSON_AddArrayToObject(o, "partners");
            cJSON_AddStringToObject(o, "id", a->coop.id);
            cJSON_AddStringToObject(o, "title", a->coop.title);
            for (size_t k = 0; k < a->coop.partners.n; k++)
                cJSON_AddItemToArray(p, cJSON_CreateString(a->coop.partners.v[k]));
            cJSON_AddNumberToObject(o, "answered", (double)assessment_answered(a));
            cJSON_AddNumberToObject(o, "questions", (double)a->cat->nquestions);
            cJSON_AddNumberToObject(o, "to_review", (double)assessment_to_review(a));
            cJSON_AddNumberToObject(o, "snapshots", (double)snaps.n);
            if (snaps.n)
                cJSON_AddStringToObject(o, "last_snapshot", d.last);
            else
                cJSON_AddNullToObject(o, "last_snapshot");
            cJSON_AddStringToObject(o, "next_due", d.next);
            cJSON_AddStringToObject(o, "status", d.status);
            cJSON_AddItemToArray(arr, o);
        } else {
            char prog[32], when[40], last[11];
            size_t tw = c->width > 76 ? c->width - 64 : 12;
            snprintf(prog, sizeof(prog), "%zu/%zu", assessment_answered(a), a->cat->nquestions);
            snprintf(last, sizeof(last), "%.10s", snaps.n ? d.last : "-");
            put_col(&out, a->coop.id, 18);
            sbuf_addc(&out, ' ');
            put_col(&out, prog, 8);
            sbuf_addc(&out, ' ');
            put_col(&out, last, 13);
            sbuf_addc(&out, ' ');
            snprintf(when, sizeof(when), "%s%s%s%s", d.next, strcmp(d.status, "ok") ? " (" : "",
                     strcmp(d.status, "ok") ? d.status : "", strcmp(d.status, "ok") ? ")" : "");
            put_col(&out, when, 20);
            sbuf_addc(&out, ' ');
            text_truncate(&out, a->coop.title, tw, 1);
            sbuf_addc(&out, '\n');
        }
        strlist_release(&snaps);
        assessment_free(a);
    }
    if (json) {
        char *txt = jsondoc_print(arr);
        sbuf_adds(&out, txt);
        sbuf_addc(&out, '\n');
        free(txt);
        cJSON_Delete(arr);
    }
    strlist_release(&ids);
    rc = flush_out(&out);
    return rc ? rc : bad ? EXIT_DATA : EXIT_OK;
}

/* ---- show ---- */

static void show_text(struct ctx *c, struct sbuf *out, const struct assessment *a)
{
    const struct catalog *cat = a->cat;
    enum lang L = c->lang;
    size_t w = c->width;
    struct sbuf line;
    sbuf_init(&line);

#define ROW(label, value) do { put_col(out, label, 13); put(out, value); sbuf_addc(out, '\n'); } while (0)
    ROW("Cooperation", a->coop.id);
    ROW("Title", a->coop.title);
    for (size_t i = 0; i < a->coop.partners.n; i++)
        ROW(i ? "" : "Partner", a->coop.partners.v[i]);
    if (a->coop.country)
        ROW("Country", a->coop.country);
    if (a->coop.pi)
        ROW("PI", a->coop.pi);
    if (a->coop.start)
        ROW("Start", a->coop.start);
    sbuf_reset(&line);
    sbuf_addf(&line, "every %d months", a->coop.interval_months);
    ROW("Re-assess", line.buf);
    sbuf_reset(&line);
    sbuf_addf(&line, "%s, version %s", a->catalog_id, a->catalog_version);
    ROW("Catalogue", line.buf);
    sbuf_reset(&line);
    sbuf_addf(&line, "%d, started %s%s%s", a->round, a->round_started ? a->round_started : "?",
              a->round_based_on ? " from snapshot " : "", a->round_based_on ? a->round_based_on : "");
    ROW("Round", line.buf);
    if (a->snap) {
        sbuf_reset(&line);
        sbuf_addf(&line, "%s, taken %s by %s", a->snap->name, a->snap->taken_at, a->snap->taken_by);
        ROW("Snapshot", line.buf);
        if (a->snap->note)
            ROW("Note", a->snap->note);
    }
    sbuf_reset(&line);
    {
        size_t flagged = 0;
        for (size_t i = 0; i < cat->nquestions; i++)
            flagged += a->q[i].followup != 0;
        sbuf_addf(&line, "%zu/%zu answered, %zu to review, %zu flagged for follow-up",
                  assessment_answered(a), cat->nquestions, assessment_to_review(a), flagged);
    }
    ROW("Progress", line.buf);
    sbuf_reset(&line);
    sbuf_addf(&line, "%s by %s", a->updated_at ? a->updated_at : "?", a->updated_by ? a->updated_by : "?");
    ROW("Updated", line.buf);
#undef ROW

    for (size_t s = 0; s < cat->nsections; s++) {
        const struct cat_section *sec = &cat->sections[s];
        sbuf_addc(out, '\n');
        text_wrap(out, l10n_get(&sec->title, L), w, 0);
        for (size_t qi = sec->first; qi < sec->first + sec->count; qi++) {
            const struct cat_question *q = &cat->questions[qi];
            const struct qanswers *qa = &a->q[qi];
            sbuf_addc(out, '\n');
            sbuf_reset(&line);
            sbuf_addf(&line, "%2d  %s  [%s%s]", q->number, l10n_get(&q->title, L),
                      qstate_label(assessment_qstate(a, qi), qa->review),
                      qa->followup ? ", follow-up" : "");
            text_wrap(out, line.buf, w, 0);
            text_wrap(out, l10n_get(&q->text, L), w - 4, 4);
            for (size_t f = 0; f < q->nfields; f++) {
                const struct answer *ans = &qa->f[f];
                sbuf_reset(&line);
                sbuf_addf(&line, "%s (%s):", l10n_get(&q->fields[f].label, L), q->fields[f].id);
                if (q->fields[f].type == FIELD_YESNO) {
                    sbuf_addf(&line, " %s", yn_label(ans->yn, L));
                    text_wrap(out, line.buf, w - 4, 4);
                } else if (!ans->text) {
                    sbuf_addf(&line, " %s", yn_label(YN_UNSET, L));
                    text_wrap(out, line.buf, w - 4, 4);
                } else {
                    text_wrap(out, line.buf, w - 4, 4);
                    text_wrap(out, ans->text, w - 8, 8);
                }
            }
        }
    }
    sbuf_release(&line);
}

static int cmd_show(struct ctx *c, int argc, char **argv)
{
    int json = 0, rc;
    const char *snap = NULL;
    const struct opt opts[] = { { "json", 0, OPT_FLAG, &json }, { "snapshot", 's', OPT_VALUE, &snap } };
    struct strlist pos = { 0 };
    struct assessment *a = NULL;
    struct sbuf out;

    if ((rc = parse_opts(c, "show", argc, argv, opts, CC_ARRAY_LEN(opts), &pos)) != 0 ||
        (rc = want_args("show", &pos, 1, 1)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if ((rc = load_coop_or_snapshot(c, pos.v[0], snap, &a)) != 0)
        goto out;
    sbuf_init(&out);
    if (json) {
        char *t = afile_format(a);
        sbuf_adds(&out, t);
        free(t);
    } else {
        show_text(c, &out, a);
    }
    rc = flush_out(&out);
out:
    assessment_free(a);
    strlist_release(&pos);
    return rc;
}

/* ---- set ---- */

static int read_stdin(char **text)
{
    struct sbuf sb;
    char buf[8192];
    size_t n;
    sbuf_init(&sb);
    while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
        sbuf_add(&sb, buf, n);
        if (sb.len > TEXT_ANSWER_MAX) {
            sbuf_release(&sb);
            say_error("the text on standard input is longer than %u bytes, the most a field "
                      "holds; nothing was changed", TEXT_ANSWER_MAX);
            return EXIT_DATA;
        }
    }
    if (ferror(stdin)) {
        sbuf_release(&sb);
        say_error("cannot read standard input: %s", strerror(errno));
        return EXIT_SYSTEM;
    }
    if (memchr(sb.buf, '\0', sb.len)) {
        sbuf_release(&sb);
        say_error("the text on standard input contains a NUL byte; nothing was changed");
        return EXIT_DATA;
    }
    /* the one newline that echo, a here-document or an editor puts at the end */
    if (sb.len && sb.buf[sb.len - 1] == '\n')
        sb.buf[--sb.len] = '\0';
    if (sb.len && sb.buf[sb.len - 1] == '\r')
        sb.buf[--sb.len] = '\0';
    *text = sbuf_detach(&sb, NULL);
    return 0;
}

static int parse_yesno_arg(const char *v)
{
    static const struct { const char *word; enum yesno yn; } words[] = {
        { "yes", YN_YES }, { "no", YN_NO }, { "unsure", YN_UNSURE }, { "unset", YN_UNSET },
        { "ja", YN_YES }, { "nein", YN_NO }, { "unsicher", YN_UNSURE },
    };
    for (size_t i = 0; i < CC_ARRAY_LEN(words); i++)
        if (strcmp(v, words[i].word) == 0)
            return (int)words[i].yn;
    return -1;
}

static int cmd_set(struct ctx *c, int argc, char **argv)
{
    const char *followup = NULL;
    int confirm = 0, rc;
    const struct opt opts[] = { { "followup", 0, OPT_VALUE, &followup },
                                { "confirm", 0, OPT_FLAG, &confirm } };
    struct strlist pos = { 0 };
    struct assessment *a = NULL;
    const struct cat_question *q;
    struct store_w w = { .dirfd = -1, .lockfd = -1 };
    struct cc_err err;
    char now[CC_ISO_LEN], *who = cc_user(), *text = NULL;
    size_t qi;

    if ((rc = parse_opts(c, "set", argc, argv, opts, CC_ARRAY_LEN(opts), &pos)) != 0)
        goto out;
    if ((followup || confirm) ? (rc = want_args("set", &pos, 2, 2)) != 0
                              : (rc = want_args("set", &pos, 4, 4)) != 0)
        goto out;
    /* the whole read-modify-write under the cooperation's write lock */
    if ((rc = settle(c)) != 0 || (rc = open_for_writing(c, pos.v[0], &w, &a)) != 0)
        goto out;
    if (!(q = find_question(a->cat, pos.v[1], &rc)))
        goto out;
    qi = (size_t)catalog_question_index(a->cat, q);
    cc_now(now);
    if (followup || confirm) {
        if (followup) {
            int on = strcmp(followup, "on") == 0 || strcmp(followup, "yes") == 0;
            if (!on && strcmp(followup, "off") != 0 && strcmp(followup, "no") != 0) {
                rc = usage_error("set", "--followup takes \"on\" or \"off\", not \"%s\"", followup);
                goto out;
            }
            assessment_set_followup(a, qi, on, who, now);
        }
        if (confirm && !a->q[qi].review && !followup) {
            say_error("note: question %s is not marked to review, so there is nothing to "
                      "confirm; nothing was changed", q->id);
            goto out;
        }
        if (confirm)
            assessment_confirm(a, qi, who, now);
    } else {
        long fi = cat_question_field_index(q, pos.v[2]);
        const char *value = pos.v[3];
        int r;
        if (fi < 0) {
            struct sbuf ids;
            sbuf_init(&ids);
            for (size_t k = 0; k < q->nfields; k++)
                sbuf_addf(&ids, "%s%s", k ? ", " : "", q->fields[k].id);
            say_error("question %s has no field \"%s\"; its fields are: %s", q->id, pos.v[2], ids.buf);
            sbuf_release(&ids);
            rc = EXIT_NOTFOUND;
            goto out;
        }
        if (q->fields[fi].type == FIELD_YESNO) {
            int yn = parse_yesno_arg(value);
            if (yn < 0) {
                rc = usage_error("set", "%s.%s is a yes/no field: give yes, no, unsure or unset, "
                                 "not \"%s\"", q->id, q->fields[fi].id, value);
                goto out;
            }
            r = assessment_set_yesno(a, qi, (size_t)fi, (enum yesno)yn, who, now, &err);
        } else {
            if (strcmp(value, "-") == 0) {
                if ((rc = read_stdin(&text)) != 0)
                    goto out;
                value = text;
            }
            r = assessment_set_text(a, qi, (size_t)fi, value, who, now, &err);
        }
        if (r != 0) {
            rc = fail(&err, EXIT_DATA);
            goto out;
        }
    }
    if (store_w_save(&w, a, &err) != 0)
        rc = fail(&err, EXIT_SYSTEM);
out:
    store_w_close(&w);
    free(text);
    free(who);
    assessment_free(a);
    strlist_release(&pos);
    return rc;
}

/* ---- snapshot, snapshots ---- */

static int cmd_snapshot(struct ctx *c, int argc, char **argv)
{
    const char *note = NULL;
    const struct opt opts[] = { { "message", 'm', OPT_VALUE, &note } };
    struct strlist pos = { 0 };
    struct assessment *a = NULL;
    struct store_w w = { .dirfd = -1, .lockfd = -1 };
    struct cc_err err;
    char now[CC_ISO_LEN], *who = cc_user(), *name = NULL;
    int rc;

    if ((rc = parse_opts(c, "snapshot", argc, argv, opts, 1, &pos)) != 0 ||
        (rc = want_args("snapshot", &pos, 1, 1)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (note && (utf8_invalid(note, strlen(note)) || text_find_unsafe(note, TEXT_ALLOW_NEWLINE))) {
        rc = usage_error("snapshot", "the note contains control characters or invalid UTF-8");
        goto out;
    }
    if ((rc = open_for_writing(c, pos.v[0], &w, &a)) != 0)
        goto out;
    cc_now(now);
    if (store_w_snapshot(&w, a, note, who, now, &name, &err) != 0) {
        rc = fail(&err, EXIT_SYSTEM);
        goto out;
    }
    printf("%s\n", name);
    if (fflush(stdout) != 0) {
        say_error("snapshot %s was taken, but its name could not be written: %s", name,
                  strerror(errno));
        rc = EXIT_SYSTEM;
    }
out:
    store_w_close(&w);
    free(name);
    free(who);
    assessment_free(a);
    strlist_release(&pos);
    return rc;
}

static int cmd_snapshots(struct ctx *c, int argc, char **argv)
{
    struct strlist pos = { 0 }, names = { 0 };
    struct assessment *cur = NULL;
    struct cc_err err;
    struct sbuf out;
    int rc, bad = 0;

    if ((rc = parse_opts(c, "snapshots", argc, argv, NULL, 0, &pos)) != 0 ||
        (rc = want_args("snapshots", &pos, 1, 1)) != 0 || (rc = settle(c)) != 0 ||
        (rc = load_coop(c, pos.v[0], &cur)) != 0)
        goto out;
    if (store_snapshots(c->data, pos.v[0], &names, &err) != 0) {
        rc = fail(&err, EXIT_SYSTEM);
        goto out;
    }
    sbuf_init(&out);
    if (names.n == 0)
        putf(&out, "Cooperation \"%s\" has no snapshots yet; 'coopcheck snapshot %s' takes one.\n",
             pos.v[0], pos.v[0]);
    for (size_t i = 0; i < names.n; i++) {
        struct assessment *s;
        char prog[32];
        if (store_load_snapshot(c->data, pos.v[0], names.v[i], cats(c), &s, &err) != 0) {
            say_error("%s", err.msg);
            bad = 1;
            continue;
        }
        snprintf(prog, sizeof(prog), "%zu/%zu", assessment_answered(s), s->cat->nquestions);
        put_col(&out, names.v[i], 20);
        sbuf_addc(&out, ' ');
        put_col(&out, s->snap->taken_by, 12);
        sbuf_addc(&out, ' ');
        put_col(&out, prog, 6);
        sbuf_addc(&out, ' ');
        text_truncate(&out, s->snap->note ? s->snap->note : "", c->width > 42 ? c->width - 42 : 10, 1);
        sbuf_addc(&out, '\n');
        assessment_free(s);
    }
    rc = flush_out(&out);
    if (!rc && bad)
        rc = EXIT_DATA;
out:
    assessment_free(cur);
    strlist_release(&names);
    strlist_release(&pos);
    return rc;
}

/* ---- export ---- */

static int format_from_path(const char *path)
{
    static const struct { const char *ext; enum export_format f; } exts[] = {
        { ".md", EXPORT_MD }, { ".markdown", EXPORT_MD }, { ".txt", EXPORT_TXT },
        { ".roff", EXPORT_ROFF }, { ".man", EXPORT_ROFF }, { ".7", EXPORT_ROFF },
        { ".html", EXPORT_HTML }, { ".htm", EXPORT_HTML }, { ".json", EXPORT_JSON },
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < CC_ARRAY_LEN(exts); i++) {
        size_t k = strlen(exts[i].ext);
        if (n > k && strcmp(path + n - k, exts[i].ext) == 0)
            return (int)exts[i].f;
    }
    return -1;
}

/* Writes a report to a FIFO or a terminal (whatever a link names) as a
 * stream: such a file is never replaced. */
static int stream_report(const char *path, const struct sbuf *out)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    size_t done = 0;
    if (fd < 0)
        return say_error("cannot open '%s' for the report: %s", path, strerror(errno)), EXIT_SYSTEM;
    while (done < out->len) {
        ssize_t n = write(fd, out->buf + done, out->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            say_error("cannot write the report to '%s': %s", path, n < 0 ? strerror(errno) : "no progress");
            close(fd);
            return EXIT_SYSTEM;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0)
        return say_error("cannot write the report to '%s': %s", path, strerror(errno)), EXIT_SYSTEM;
    return EXIT_OK;
}

/* export -o: a regular file (new or replaced) is written atomically; a FIFO
 * or a terminal gets the report as a stream; a symbolic link to a file, a
 * device, a directory are refused, and an assessment is never written over. */
static int write_report(const char *path, struct sbuf *out)
{
    struct stat st, target;
    struct cc_err err;
    int rc;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        int follows = S_ISLNK(st.st_mode) && stat(path, &target) == 0;
        const struct stat *t = follows ? &target : &st;
        if (S_ISFIFO(t->st_mode) || S_ISCHR(t->st_mode)) {
            rc = stream_report(path, out);
        } else if (S_ISLNK(st.st_mode)) {
            say_error("'%s' is a symbolic link; the report is not written through it: give the "
                      "file it names, or - for standard output", path);
            rc = EXIT_CONFLICT;
        } else {
            say_error("'%s' is %s; the report is written only to a regular file, a FIFO, a "
                      "terminal or - (standard output)", path, fs_kind(st.st_mode));
            rc = EXIT_CONFLICT;
        }
        sbuf_release(out);
        return rc;
    }
    {
        char *old;
        size_t len;
        struct cc_err rerr;
        /* never write a report over an assessment or a snapshot */
        if (fs_read_file(path, ASSESSMENT_MAX_BYTES, &old, &len, &rerr) == 0) {
            int precious = strstr(old, "\"coopcheck-assessment\"") || strstr(old, "\"coopcheck-snapshot\"");
            free(old);
            if (precious) {
                say_error("'%s' holds a coopcheck assessment; the report was not written over it", path);
                sbuf_release(out);
                return EXIT_CONFLICT;
            }
        }
    }
    rc = fs_write_atomic(path, out->buf, out->len, &err) != 0 ? fail(&err, EXIT_SYSTEM) : EXIT_OK;
    sbuf_release(out);
    return rc;
}

static int cmd_export(struct ctx *c, int argc, char **argv)
{
    const char *snap = NULL, *format = NULL, *outfile = NULL;
    const struct opt opts[] = { { "snapshot", 's', OPT_VALUE, &snap }, { "format", 'f', OPT_VALUE, &format },
                                { "output", 'o', OPT_VALUE, &outfile } };
    struct strlist pos = { 0 };
    struct assessment *a = NULL;
    struct sbuf out;
    char now[CC_ISO_LEN];
    int rc, fmt;

    if ((rc = parse_opts(c, "export", argc, argv, opts, CC_ARRAY_LEN(opts), &pos)) != 0 ||
        (rc = want_args("export", &pos, 1, 1)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (format) {
        fmt = export_format_parse(format);
        if (fmt < 0) {
            rc = usage_error("export", "--format takes md, txt, roff, html or json, not \"%s\"", format);
            goto out;
        }
    } else {
        fmt = outfile ? format_from_path(outfile) : -1;
        if (fmt < 0)
            fmt = EXPORT_MD;
    }
    if ((rc = load_coop_or_snapshot(c, pos.v[0], snap, &a)) != 0)
        goto out;
    cc_now(now);
    sbuf_init(&out);
    export_render(&out, a, (enum export_format)fmt, c->lang, now);
    if (outfile && strcmp(outfile, "-") != 0)
        rc = write_report(outfile, &out);
    else
        rc = flush_out(&out);
out:
    assessment_free(a);
    strlist_release(&pos);
    return rc;
}

/* ---- verify, due ---- */

static int cmd_verify(struct ctx *c, int argc, char **argv)
{
    struct strlist pos = { 0 }, problems = { 0 }, notes = { 0 };
    int repair = 0;
    const struct opt opts[] = { { "repair", 0, OPT_FLAG, &repair } };
    struct cc_err err;
    struct sbuf out;
    size_t n;
    int rc;

    if ((rc = parse_opts(c, "verify", argc, argv, opts, CC_ARRAY_LEN(opts), &pos)) != 0 ||
        (rc = want_args("verify", &pos, 1, 1)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (!coop_id_valid(pos.v[0])) {
        rc = usage_error("verify", "\"%s\" is not a cooperation id: %s", pos.v[0], coop_id_rule());
        goto out;
    }
    sbuf_init(&out);
    if (repair) {
        char *note = NULL;
        if (store_repair(c->data, pos.v[0], &note, &err) != 0) {
            sbuf_release(&out);
            rc = fail(&err, EXIT_DATA);
            goto out;
        }
        putf(&out, "%s: %s\n", pos.v[0], note[0] ? note : "nothing to repair");
        free(note);
    }
    if (store_verify(c->data, pos.v[0], cats(c), &problems, &notes, &n, &err) != 0) {
        sbuf_release(&out);
        rc = fail(&err, EXIT_DATA);
        goto out;
    }
    for (size_t i = 0; i < notes.n; i++)
        putf(&out, "%s: note: %s\n", pos.v[0], notes.v[i]);
    if (problems.n == 0) {
        putf(&out, "%s: the chain of %zu snapshot%s is intact\n", pos.v[0], n, n == 1 ? "" : "s");
        rc = flush_out(&out);
    } else {
        for (size_t i = 0; i < problems.n; i++)
            putf(&out, "%s: %s\n", pos.v[0], problems.v[i]);
        putf(&out, "%s: the chain of snapshots is BROKEN (%zu problem%s)\n", pos.v[0], problems.n,
             problems.n == 1 ? "" : "s");
        rc = flush_out(&out);
        if (rc == EXIT_OK)
            rc = EXIT_NEGATIVE;
    }
out:
    strlist_release(&notes);
    strlist_release(&problems);
    strlist_release(&pos);
    return rc;
}

/* ---- unlock ---- */

static int cmd_unlock(struct ctx *c, int argc, char **argv)
{
    struct strlist pos = { 0 };
    struct cc_err err;
    struct sbuf out;
    char *whose = NULL;
    int rc;

    if ((rc = parse_opts(c, "unlock", argc, argv, NULL, 0, &pos)) != 0 ||
        (rc = want_args("unlock", &pos, 1, 1)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (!coop_id_valid(pos.v[0])) {
        rc = usage_error("unlock", "\"%s\" is not a cooperation id: %s", pos.v[0], coop_id_rule());
        goto out;
    }
    if (store_lock_break(c->data, pos.v[0], &whose, &err) != 0) {
        rc = fail(&err, EXIT_SYSTEM);
        goto out;
    }
    sbuf_init(&out);
    if (whose)
        putf(&out, "%s: removed the editor's lock of %s\n", pos.v[0], whose);
    else
        putf(&out, "%s: nobody has it open; there was no lock to remove\n", pos.v[0]);
    rc = flush_out(&out);
out:
    free(whose);
    strlist_release(&pos);
    return rc;
}

static int cmd_due(struct ctx *c, int argc, char **argv)
{
    struct strlist pos = { 0 }, ids = { 0 };
    struct cc_err err;
    struct sbuf out;
    size_t ndue = 0;
    int rc, bad = 0;

    if ((rc = parse_opts(c, "due", argc, argv, NULL, 0, &pos)) != 0 ||
        (rc = want_args("due", &pos, 0, 0)) != 0 || (rc = settle(c)) != 0) {
        strlist_release(&pos);
        return rc;
    }
    strlist_release(&pos);
    if (store_coops(c->data, &ids, &err) != 0)
        return fail(&err, EXIT_SYSTEM);
    sbuf_init(&out);
    for (size_t i = 0; i < ids.n; i++) {
        struct assessment *a;
        struct strlist snaps = { 0 };
        struct store_due d;
        if (load_with_due(c, ids.v[i], &a, &snaps, &d) != 0) {
            bad = 1;
            continue;
        }
        if (strcmp(d.status, "ok") != 0) {
            ndue++;
            /* tab-separated for scripts: the fields themselves hold no tabs */
            put(&out, a->coop.id);
            sbuf_addf(&out, "\t%s %s\t", d.status, d.next);
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

/* ---- diff ---- */

static int looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

static int diff_load(struct ctx *c, const char *id, const char *name, struct assessment **a,
                     char **label)
{
    struct cc_err err;
    if (!name || strcmp(name, "current") == 0 || strcmp(name, "working") == 0) {
        if (store_load(c->data, id, cats(c), a, &err) != 0)
            return fail(&err, EXIT_DATA);
        *label = xasprintf("%s (working assessment, round %d)", id, (*a)->round);
        return 0;
    }
    if (looks_like_path(name)) {
        if (store_load_path(name, cats(c), a, &err) != 0)
            return fail(&err, EXIT_DATA);
        *label = xstrdup(name);
        return 0;
    }
    if (store_load_snapshot(c->data, id, name, cats(c), a, &err) != 0)
        return fail(&err, EXIT_DATA);
    *label = xasprintf("%s snapshot %s", id, name);
    return 0;
}

static int cmd_diff(struct ctx *c, int argc, char **argv)
{
    const char *color = "auto";
    int json = 0, rc;
    const struct opt opts[] = { { "color", 0, OPT_VALUE, &color }, { "colour", 0, OPT_VALUE, &color },
                                { "json", 0, OPT_FLAG, &json } };
    struct strlist pos = { 0 }, snaps = { 0 };
    struct assessment *a = NULL, *b = NULL;
    struct assessment_diff d;
    char *la = NULL, *lb = NULL;
    struct cc_err err;
    struct sbuf out;
    enum diffout_style style;
    int have_diff = 0;

    if ((rc = parse_opts(c, "diff", argc, argv, opts, CC_ARRAY_LEN(opts), &pos)) != 0 ||
        (rc = want_args("diff", &pos, 1, 3)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
        rc = usage_error("diff", "--color takes auto, always or never, not \"%s\"", color);
        goto out;
    }
    if (pos.n == 2 && looks_like_path(pos.v[0]) && looks_like_path(pos.v[1])) {
        if ((rc = diff_load(c, NULL, pos.v[0], &a, &la)) != 0 ||
            (rc = diff_load(c, NULL, pos.v[1], &b, &lb)) != 0)
            goto out;
    } else {
        const char *id = pos.v[0];
        if (!coop_id_valid(id)) {
            rc = usage_error("diff", "\"%s\" is not a cooperation id (%s), and 'coopcheck diff' "
                             "compares two files only when both look like paths", id, coop_id_rule());
            goto out;
        }
        if (pos.n == 1) {
            if (store_snapshots(c->data, id, &snaps, &err) != 0) {
                rc = fail(&err, EXIT_SYSTEM);
                goto out;
            }
            if (snaps.n == 0) {
                if ((rc = load_coop(c, id, &a)) != 0)
                    goto out;
                say_error("cooperation \"%s\" has no snapshot yet, so there is nothing to compare "
                          "with; 'coopcheck snapshot %s' takes one", id, id);
                rc = EXIT_NOTFOUND;
                goto out;
            }
        }
        if ((rc = diff_load(c, id, pos.n >= 2 ? pos.v[1] : snaps.v[snaps.n - 1], &a, &la)) != 0 ||
            (rc = diff_load(c, id, pos.n >= 3 ? pos.v[2] : NULL, &b, &lb)) != 0)
            goto out;
    }
    if (assessment_diff(a, b, &d, &err) != 0) {
        rc = fail(&err, EXIT_DATA);
        goto out;
    }
    have_diff = 1;
    sbuf_init(&out);
    if (json) {
        char *t = diffout_json(&d, la, lb);
        sbuf_adds(&out, t);
        sbuf_addc(&out, '\n');
        free(t);
    } else {
        const char *nc = getenv("NO_COLOR");
        if (strcmp(color, "always") == 0)
            style = DIFFOUT_COLOR;
        else if (strcmp(color, "never") == 0 || (nc && *nc) || !isatty(STDOUT_FILENO))
            style = DIFFOUT_PLAIN;
        else
            style = DIFFOUT_COLOR;
        diffout_text(&out, &d, la, lb, c->lang, style);
    }
    rc = flush_out(&out);
    if (rc == EXIT_OK)
        rc = diffout_differs(&d) ? EXIT_NEGATIVE : EXIT_OK;
out:
    if (have_diff)
        assessment_diff_release(&d);
    assessment_free(a);
    assessment_free(b);
    free(la);
    free(lb);
    strlist_release(&snaps);
    strlist_release(&pos);
    /* like diff(1): 0 equal, 1 different, 2 trouble */
    return rc == EXIT_OK || rc == EXIT_NEGATIVE ? rc : 2;
}

/* ---- help ---- */

static const struct catalog *default_catalog(struct ctx *c, const char *id, int *rc)
{
    const struct catalog *cat;
    const struct catalog_set *set = cats(c);
    if (id && (strchr(id, '/') || (strlen(id) > 5 && strcmp(id + strlen(id) - 5, ".json") == 0))) {
        /* a catalogue file given by path: loaded once, kept with the others */
        struct catalog *own;
        struct cc_err err;
        if (catalog_load_file(id, &own, NULL, &err) != 0) {
            *rc = fail(&err, EXIT_DATA);
            return NULL;
        }
        c->cats.v = xrealloc(c->cats.v, (c->cats.n + 1) * sizeof(*c->cats.v));
        c->cats.v[c->cats.n++] = own;
        return own;
    }
    if (id)
        cat = catalog_set_find(set, id);
    else
        cat = catalog_set_find(set, "bmbf-china-2024") ? catalog_set_find(set, "bmbf-china-2024")
              : set->n ? set->v[0] : NULL;
    if (!cat) {
        report_cat_problems(c);
        if (id)
            say_error("no catalogue \"%s\" is installed ('coopcheck catalog list' shows them)", id);
        else
            say_error("no catalogue is installed: put one into ~/.config/coopcheck/catalog/");
        *rc = EXIT_NOTFOUND;
    }
    return cat;
}

/* Pipes text into a shell command (man, a pager); 0 when it worked. */
static int pipe_to(const char *cmd, const struct sbuf *text)
{
    FILE *p;
    fflush(stdout);
    p = popen(cmd, "w");
    if (!p)
        return -1;
    fwrite(text->buf, 1, text->len, p);
    return pclose(p) == 0 ? 0 : -1;
}

/* Shows a man page on the terminal through man(1); 0 when it worked. */
static int show_man_page(const struct sbuf *roff)
{
    if (system("command -v man >/dev/null 2>&1") != 0)
        return -1;
    return pipe_to("man -l - 2>/dev/null", roff);
}

static int cmd_help(struct ctx *c, int argc, char **argv)
{
    const char *catid = NULL;
    int roff = 0;
    const struct opt opts[] = { { "catalog", 0, OPT_VALUE, &catid }, { "roff", 0, OPT_FLAG, &roff } };
    struct strlist pos = { 0 };
    const struct catalog *cat;
    const struct cat_question *q = NULL;
    struct sbuf out;
    int rc;

    if ((rc = parse_opts(c, "help", argc, argv, opts, CC_ARRAY_LEN(opts), &pos)) != 0 ||
        (rc = want_args("help", &pos, 0, 1)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (!(cat = default_catalog(c, catid, &rc)))
        goto out;
    if (pos.n == 1 && !(q = find_question(cat, pos.v[0], &rc)))
        goto out;
    sbuf_init(&out);
    if (roff || (q && isatty(STDOUT_FILENO))) {
        /* the man page: printed with --roff, else shown through man(1) */
        if (q)
            help_render_roff(&out, cat, q, c->lang, CC_VERSION);
        else
            help_render_roff_all(&out, cat, c->lang, CC_VERSION);
        if (!roff) {
            if (show_man_page(&out) == 0) {
                sbuf_release(&out);
                goto out;
            }
            sbuf_reset(&out);   /* no man(1): plain text, through $PAGER if set */
            help_render_text(&out, cat, q, c->lang, c->width, 7);
            if (getenv("PAGER") && *getenv("PAGER") && pipe_to(getenv("PAGER"), &out) == 0) {
                sbuf_release(&out);
                goto out;
            }
        }
    } else if (q) {
        help_render_text(&out, cat, q, c->lang, c->width, 7);
    } else {
        help_render_index(&out, cat, c->lang, c->width);
        sbuf_adds(&out, "\n'coopcheck help N' shows the help of question N.\n");
    }
    rc = flush_out(&out);
out:
    strlist_release(&pos);
    return rc;
}

/* ---- catalog ---- */

static int cmd_catalog(struct ctx *c, int argc, char **argv)
{
    struct strlist pos = { 0 };
    struct sbuf out;
    int rc;
    const struct catalog *cat;

    if ((rc = parse_opts(c, "catalog", argc, argv, NULL, 0, &pos)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (pos.n == 0) {
        rc = usage_error("catalog", "'coopcheck catalog' needs list, show [ID] or validate FILE");
        goto out;
    }
    sbuf_init(&out);
    if (strcmp(pos.v[0], "list") == 0 && pos.n == 1) {
        const struct catalog_set *set = cats(c);
        for (size_t i = 0; i < set->n; i++) {
            cat = set->v[i];
            put_col(&out, cat->id, 20);
            sbuf_addc(&out, ' ');
            put_col(&out, cat->version, 10);
            sbuf_addf(&out, " %2zu questions  ", cat->nquestions);
            put(&out, l10n_get(&cat->short_title, c->lang));
            sbuf_addc(&out, '\n');
            sbuf_adds(&out, "    ");
            put(&out, cat->path);
            sbuf_addc(&out, '\n');
        }
        report_cat_problems(c);
        rc = flush_out(&out);
        if (!rc && c->cat_problems.n)
            rc = EXIT_DATA;
    } else if (strcmp(pos.v[0], "show") == 0 && pos.n <= 2) {
        if (!(cat = default_catalog(c, pos.n == 2 ? pos.v[1] : NULL, &rc))) {
            sbuf_release(&out);
            goto out;
        }
        text_wrap(&out, l10n_get(&cat->title, c->lang), c->width, 0);
        putf(&out, "id %s, version %s, %zu questions\n%s\n", cat->id, cat->version,
             cat->nquestions, cat->path);
        for (size_t s = 0; s < cat->nsections; s++) {
            sbuf_addc(&out, '\n');
            text_wrap(&out, l10n_get(&cat->sections[s].title, c->lang), c->width, 0);
            for (size_t i = cat->sections[s].first; i < cat->sections[s].first + cat->sections[s].count; i++) {
                const struct cat_question *q = &cat->questions[i];
                char *line = xasprintf("%s  %s", q->id, l10n_get(&q->title, c->lang));
                text_wrap(&out, line, c->width - 2, 2);
                free(line);
                for (size_t f = 0; f < q->nfields; f++) {
                    line = xasprintf("%-22s %-6s %s", q->fields[f].id,
                                     q->fields[f].type == FIELD_YESNO ? "yesno" : "text",
                                     l10n_get(&q->fields[f].label, c->lang));
                    text_wrap(&out, line, c->width - 8, 8);
                    free(line);
                }
            }
        }
        rc = flush_out(&out);
    } else if (strcmp(pos.v[0], "validate") == 0 && pos.n == 2) {
        struct strlist diags = { 0 };
        struct catalog *vc;
        struct cc_err err;
        if (catalog_load_file(pos.v[1], &vc, &diags, &err) != 0) {
            for (size_t i = 0; i < diags.n; i++)
                say_error("%s", diags.v[i]);
            say_error("%s: %zu problem%s; the catalogue cannot be used until they are fixed",
                      pos.v[1], diags.n, diags.n == 1 ? "" : "s");
            rc = err.code == ENOENT ? EXIT_NOTFOUND : err.code == EINVAL || err.code == EFBIG ? EXIT_DATA
                 : err.code ? EXIT_SYSTEM : EXIT_DATA;
            sbuf_release(&out);
        } else {
            putf(&out, "%s: valid catalogue \"%s\" version %s: %zu sections, %zu questions\n",
                 pos.v[1], vc->id, vc->version, vc->nsections, vc->nquestions);
            catalog_free(vc);
            rc = flush_out(&out);
        }
        strlist_release(&diags);
    } else {
        sbuf_release(&out);
        rc = usage_error("catalog", "'coopcheck catalog' takes list, show [ID] or validate FILE");
    }
out:
    strlist_release(&pos);
    return rc;
}

/* ---- open, and no command ---- */

static int cmd_open(struct ctx *c, int argc, char **argv, cli_tui_fn tui)
{
    struct strlist pos = { 0 };
    struct cli_env env;
    int rc;
    memset(&env, 0, sizeof(env));
    c->interactive = 1;
    if ((rc = parse_opts(c, "open", argc, argv, NULL, 0, &pos)) != 0 ||
        (rc = want_args("open", &pos, 0, 2)) != 0 || (rc = settle(c)) != 0)
        goto out;
    if (pos.n >= 1 && !coop_id_valid(pos.v[0])) {
        rc = usage_error("open", "\"%s\" is not a cooperation id: %s", pos.v[0], coop_id_rule());
        goto out;
    }
    if (!tui || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        say_error("the interactive interface needs a terminal on standard input and output; "
                  "for scripts use 'coopcheck list', 'show', 'set' (see 'coopcheck --help')");
        rc = EXIT_USAGE;
        goto out;
    }
    env.data = c->data;
    env.lang = c->lang;
    env.theme = c->theme_opt;
    env.cats = *cats(c);
    env.open_id = pos.n >= 1 ? pos.v[0] : NULL;
    env.open_question = pos.n >= 2 ? pos.v[1] : NULL;
    rc = tui(&env);
out:
    strlist_release(&pos);
    return rc;
}

/* ---- dispatch ---- */

struct command {
    const char *name;
    int (*fn)(struct ctx *c, int argc, char **argv);
    const char *usage;
};

static const struct command commands[] = {
    { "new", cmd_new, "new ID [--title T] [--partner P]... [--country C] [--pi NAME]\n"
                      "        [--start YYYY-MM-DD] [--interval MONTHS] [--catalog ID]" },
    { "list", cmd_list, "list [--json]" },
    { "show", cmd_show, "show ID [--snapshot NAME] [--json]" },
    { "set", cmd_set, "set ID QUESTION FIELD VALUE\n"
                      "  set ID QUESTION --followup on|off\n"
                      "  set ID QUESTION --confirm" },
    { "snapshot", cmd_snapshot, "snapshot ID [-m NOTE]" },
    { "snapshots", cmd_snapshots, "snapshots ID" },
    { "diff", cmd_diff, "diff ID [A [B]] [--json] [--color=auto|always|never]\n"
                        "  diff FILE_A FILE_B [--json] [--color=...]" },
    { "verify", cmd_verify, "verify ID [--repair]" },
    { "unlock", cmd_unlock, "unlock ID" },
    { "export", cmd_export, "export ID [--snapshot NAME] [--format md|txt|roff|html|json] [-o FILE]" },
    { "due", cmd_due, "due" },
    { "help", cmd_help, "help [QUESTION] [--roff] [--catalog ID|FILE]" },
    { "catalog", cmd_catalog, "catalog list | show [ID] | validate FILE" },
};

static void print_usage(FILE *f)
{
    fputs("usage: coopcheck [--data DIR] [--lang de|en] [--theme NAME] [COMMAND [ARGS]]\n"
          "\n"
          "coopcheck walks you through a research-security catalogue (the BMBF question\n"
          "catalogue for cooperations with Chinese partners, 11/2024) for one cooperation,\n"
          "keeps the answers as JSON with dated snapshots, and shows what changed.\n"
          "\n"
          "With no command it opens the interactive interface.  Commands:\n"
          "  open [ID [QUESTION]]      open the interactive interface (at a cooperation)\n", f);
    for (size_t i = 0; i < CC_ARRAY_LEN(commands); i++)
        fprintf(f, "  %s\n", commands[i].usage);
    fputs("\n"
          "verify --repair completes a snapshot step that a crash interrupted (the next\n"
          "change of the cooperation does that too); unlock removes the editor's lock\n"
          "of an interface on another host that is gone.\n"
          "\n"
          "diff compares the working assessment with the last snapshot; with A, snapshot\n"
          "A with the working assessment; with A and B, two snapshots (names as listed by\n"
          "'coopcheck snapshots ID'; \"current\" is the working assessment).  Its exit status\n"
          "is that of diff(1): 0 equal, 1 different, 2 trouble.\n"
          "\n"
          "QUESTION is a number (8) or an id (q08); FIELD is a field id from\n"
          "'coopcheck catalog show'.  For yes/no fields VALUE is yes, no, unsure or unset;\n"
          "for text fields it is the text, or - to read it from standard input (an empty\n"
          "text clears the field).\n"
          "\n"
          "Options:\n"
          "  --data DIR      data directory (default $COOPCHECK_DATA, data = in config.ini,\n"
          "                  $XDG_DATA_HOME/coopcheck, ~/.local/share/coopcheck)\n"
          "  --lang de|en    language of catalogue texts (default from the locale)\n"
          "  --theme NAME    colour theme of the interface\n"
          "  -h, --help      this text;  -V, --version  the version\n"
          "\n"
          "Exit status:\n"
          "  0  success\n"
          "  1  a check said no: diff found differences, verify found a broken chain,\n"
          "     due found reviews due\n"
          "  2  the command line is wrong\n"
          "  3  no such cooperation, question, field, snapshot or catalogue\n"
          "  4  a file or value is invalid; nothing was changed\n"
          "  5  conflict: exists already, changed by someone else meanwhile, open in\n"
          "     another coopcheck (which is named), or another writer kept the\n"
          "     cooperation's write lock for $COOPCHECK_LOCK_TIMEOUT ms (default 10000)\n"
          "  6  the system refused (permissions, disk full, ...)\n", f);
}

int cli_main(int argc, char **argv, cli_tui_fn tui)
{
    struct ctx c;
    struct cc_err err;
    int i, rc = EXIT_USAGE;

    memset(&c, 0, sizeof(c));
    c.prog = argv[0];
    c.width = term_width();
    if (config_load_default(&c.cfg, &err) != 0)
        snprintf(c.cfg_err, sizeof(c.cfg_err), "%s", err.msg);   /* said by settle() */
    c.lang = c.cfg.lang >= 0 ? (enum lang)c.cfg.lang : lang_from_env();
    i18n_set(c.lang);

    /* global options before the command */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        size_t n = 0;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_usage(stdout);
            rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
            goto out;
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("coopcheck %s\n", CC_VERSION);
            rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
            goto out;
        }
        if (strncmp(a, "--data", 6) == 0 && (a[6] == '\0' || a[6] == '=')) {
            slot = &c.data_opt;
            n = 6;
        } else if (strncmp(a, "--lang", 6) == 0 && (a[6] == '\0' || a[6] == '=')) {
            slot = &c.lang_opt;
            n = 6;
        } else if (strncmp(a, "--theme", 7) == 0 && (a[7] == '\0' || a[7] == '=')) {
            slot = &c.theme_opt;
            n = 7;
        } else if (a[0] == '-') {
            rc = usage_error(NULL, "unknown option '%s'", a);
            goto out;
        } else {
            break;
        }
        if (a[n] == '=') {
            *slot = a + n + 1;
        } else if (i + 1 < argc) {
            *slot = argv[++i];
        } else {
            rc = usage_error(NULL, "option '%s' needs a value", a);
            goto out;
        }
    }
    if (i >= argc) {
        rc = cmd_open(&c, 0, argv + argc, tui);
        goto out;
    }
    if (strcmp(argv[i], "open") == 0) {
        rc = cmd_open(&c, argc - i - 1, argv + i + 1, tui);
        goto out;
    }
    for (size_t k = 0; k < CC_ARRAY_LEN(commands); k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            rc = commands[k].fn(&c, argc - i - 1, argv + i + 1);
            goto out;
        }
    }
    rc = usage_error(NULL, "unknown command '%s'", argv[i]);
out:
    free(c.data);
    catalog_set_release(&c.cats);
    strlist_release(&c.cat_problems);
    config_release(&c.cfg);
    return rc;
}
