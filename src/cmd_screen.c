/* cmd_screen.c — partner screening on the command line: `lists` (show,
 * add, remove, fetch the installed lists) and `screen` (screen a
 * cooperation, show the last screening, decide a hit).  Only `lists fetch`
 * touches the network.  See cli_int.h and coopcheck(1). */
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile_int.h"
#include "cctime.h"
#include "i18n.h"
#include "jsondoc.h"
#include "lists.h"
#include "screening.h"
#include "textutil.h"

char *cli_lists_dir(struct ctx *c)
{
    struct cc_err err;
    char *d;
    if (!(d = lists_dir(c->cfg.lists_dir, &err)))
        cli_fail(&err, EXIT_USAGE);
    return d;
}

static int max_age(const struct ctx *c)
{
    return c->cfg.list_max_age > 0 ? c->cfg.list_max_age : LIST_MAX_AGE_DEFAULT;
}

/* ---- lists ---- */

static struct {
    const char *name, *format;
    int json;
} lists_o;

static const struct opt lists_opts[] = {
    { "name", 0, OPT_VALUE, &lists_o.name }, { "format", 0, OPT_VALUE, &lists_o.format },
    { "json", 0, OPT_FLAG, &lists_o.json },
};

static void list_block(struct sbuf *out, const struct list_info *li, const char *today, int age)
{
    long days = screening_days(li->retrieved, today);
    putf(out, P_("%s  %s, %zu entry, retrieved %.10s", "%s  %s, %zu entries, retrieved %.10s",
                 li->entries), li->name, li->format, li->entries, li->retrieved);
    if (li->version)
        putf(out, _(", version %s"), li->version);
    if (days > age)
        putf(out, _("  OLD: %ld days (more than %d)"), days, age);
    sbuf_addc(out, '\n');
    putf(out, "  %s %s\n", _("source:"), li->source);
    putf(out, "  %s %s\n", _("SHA-256:"), li->sha256);
}

static cJSON *list_json(const struct list_info *li, const char *today, int age)
{
    cJSON *o = list_info_json(li);
    long days = screening_days(li->retrieved, today);
    cJSON_AddNumberToObject(o, "age_days", (double)days);
    cJSON_AddBoolToObject(o, "old", days > age);
    return o;
}

static int lists_show(struct ctx *c, const char *dir)
{
    struct list_info *v;
    struct strlist problems = { 0 };
    struct cc_err err;
    struct sbuf out;
    char today[CC_ISO_LEN];
    size_t n;
    int age = max_age(c);

    if (lists_installed(dir, &v, &n, &problems, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    cc_now(today);
    sbuf_init(&out);
    if (lists_o.json) {
        cJSON *arr = cJSON_CreateArray();
        char *txt;
        for (size_t i = 0; i < n; i++)
            cJSON_AddItemToArray(arr, list_json(&v[i], today, age));
        txt = jsondoc_print(arr);
        sbuf_adds(&out, txt);
        sbuf_addc(&out, '\n');
        free(txt);
        cJSON_Delete(arr);
    } else {
        if (!n) {
            char *none = xasprintf(_("No screening list is installed (in %s)."), dir);
            put_hanging(&out, c->width, 0, none);
            free(none);
        }
        for (size_t i = 0; i < n; i++)
            list_block(&out, &v[i], today, age);
        putf(&out, "\n%s\n", _("Known public lists ('coopcheck lists fetch NAME' downloads one):"));
        for (const struct known_list *k = lists_known(); k->name; k++) {
            size_t i;
            for (i = 0; i < n && strcmp(v[i].name, k->name) != 0; i++)
                ;
            char *what = xasprintf("%s%s", _(k->what), i < n ? _(" (installed)") : "");
            putf(&out, "  %-13s ", k->name);
            put_hanging(&out, c->width, 16, what);
            free(what);
        }
    }
    for (size_t i = 0; i < problems.n; i++)
        say_error("%s", problems.v[i]);
    strlist_release(&problems);
    lists_info_free(v, n);
    return flush_out(&out);
}

/* "aspi-tracker" from "/tmp/ASPI tracker.json"; NULL when nothing is left. */
static char *name_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    struct sbuf sb;
    base = base ? base + 1 : path;
    sbuf_init(&sb);
    for (const char *p = base; *p && *p != '.' && sb.len < 64; p++) {
        char ch = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            sbuf_addc(&sb, ch);
        else if (sb.len && sb.buf[sb.len - 1] != '-')
            sbuf_addc(&sb, '-');
    }
    while (sb.len && sb.buf[sb.len - 1] == '-')
        sb.buf[--sb.len] = '\0';
    if (!sb.len) {
        sbuf_release(&sb);
        return NULL;
    }
    return sbuf_detach(&sb, NULL);
}

static int format_opt(int *fmt)
{
    *fmt = -1;
    if (!lists_o.format)
        return 0;
    if ((*fmt = list_format_parse(lists_o.format)) < 0)
        return usage_error("lists", _("--format is csl-json, csl-csv, misp, opensanctions or csv, "
                                      "not \"%s\""), lists_o.format);
    return 0;
}

/* What the list called name is now (before an add or fetch replaces it), as
 * a line for installed_say; NULL when none is installed. */
static char *installed_before(const char *dir, const char *name)
{
    struct list_info *v;
    size_t n;
    char *was = NULL;
    if (lists_installed(dir, &v, &n, NULL, NULL) != 0)
        return NULL;
    for (size_t i = 0; i < n && !was; i++)
        if (strcmp(v[i].name, name) == 0)
            was = xasprintf(P_("it replaces the one from %s, retrieved %.10s (%zu entry, %s, "
                               "SHA-256 %.12s...)",
                               "it replaces the one from %s, retrieved %.10s (%zu entries, %s, "
                               "SHA-256 %.12s...)", v[i].entries),
                            v[i].source, v[i].retrieved, v[i].entries, v[i].format, v[i].sha256);
    lists_info_free(v, n);
    return was;
}

static int installed_say(const struct ctx *c, const struct list_info *li, const char *was)
{
    struct sbuf out;
    sbuf_init(&out);
    putf(&out, P_("installed list \"%s\": %zu entry, %zu names (%s)\n",
                  "installed list \"%s\": %zu entries, %zu names (%s)\n", li->entries), li->name,
         li->entries, li->names, li->format);
    putf(&out, "  %s %s\n", _("SHA-256:"), li->sha256);
    if (was) {
        /* (screenings made with the old one keep its SHA-256 in their record) */
        put_block(&out, c->width, 2, 0, was);
    }
    return flush_out(&out);
}

static int lists_add_cmd(const struct ctx *c, const char *dir, const char *path)
{
    struct list_info li;
    struct cc_err err;
    char *name = lists_o.name ? xstrdup(lists_o.name) : name_from_path(path);
    char *was;
    int fmt, rc;
    if ((rc = format_opt(&fmt)) != 0) {
        free(name);
        return rc;
    }
    if (!name)
        return usage_error("lists", _("give the list a name with --name NAME"));
    was = installed_before(dir, name);
    if (lists_add(dir, path, name, fmt, NULL, &li, &err) != 0) {
        free(name);
        free(was);
        return cli_fail(&err, err.code == ENOENT ? EXIT_NOTFOUND : EXIT_DATA);
    }
    free(name);
    rc = installed_say(c, &li, was);
    free(was);
    list_info_release(&li);
    return rc;
}

/* The address of a known list (config.ini's [lists] first), or NULL. */
static const char *known_url(const struct ctx *c, const char *name, const char **format)
{
    const struct known_list *k = lists_known_find(name);
    *format = k ? k->format : NULL;
    for (size_t i = 0; i + 1 < c->cfg.list_urls.n; i += 2)
        if (strcmp(c->cfg.list_urls.v[i], name) == 0)
            return c->cfg.list_urls.v[i + 1];
    return k ? k->url : NULL;
}

static int lists_fetch_cmd(struct ctx *c, const char *dir, const char *what)
{
    struct list_info li;
    struct cc_err err;
    const char *url, *name, *format = NULL;
    char *was;
    int fmt, rc;
    if ((rc = format_opt(&fmt)) != 0)
        return rc;
    if (strncmp(what, "https://", 8) == 0 || strncmp(what, "http://", 7) == 0) {
        url = what;
        if (!(name = lists_o.name))
            return usage_error("lists", _("'coopcheck lists fetch URL' needs --name NAME for "
                                          "the list"));
    } else {
        name = lists_o.name ? lists_o.name : what;
        if (!(url = known_url(c, what, &format)))
            return usage_error("lists", _("\"%s\" is not a known list (see 'coopcheck lists'); "
                                          "give its address: 'coopcheck lists fetch URL --name "
                                          "NAME'"), what);
        if (fmt < 0 && format)
            fmt = list_format_parse(format);
    }
    say_error(_("downloading %s (this uses the network)"), url);
    was = installed_before(dir, name);
    if (lists_fetch(dir, url, name, fmt, &li, &err) != 0) {
        free(was);
        return cli_fail(&err, err.code == ENOENT ? EXIT_SYSTEM : EXIT_DATA);
    }
    rc = installed_say(c, &li, was);
    free(was);
    list_info_release(&li);
    return rc;
}

static int cmd_lists(struct ctx *c, const struct strlist *pos)
{
    char *dir = cli_lists_dir(c);
    const char *sub = pos->n ? pos->v[0] : NULL;
    int rc;
    struct cc_err err;
    if (!dir)
        return EXIT_USAGE;
    if (!sub) {
        rc = lists_show(c, dir);
    } else if (lists_o.json) {
        rc = usage_error("lists", _("--json goes with 'coopcheck lists' alone"));
    } else if (strcmp(sub, "add") == 0 && pos->n == 2) {
        rc = lists_add_cmd(c, dir, pos->v[1]);
    } else if (strcmp(sub, "fetch") == 0 && pos->n == 2) {
        rc = lists_fetch_cmd(c, dir, pos->v[1]);
    } else if (strcmp(sub, "remove") == 0 && pos->n == 2) {
        rc = lists_remove(dir, pos->v[1], &err) == 0 ? EXIT_OK
             : cli_fail(&err, err.code == ENOENT ? EXIT_NOTFOUND : EXIT_SYSTEM);
        if (rc == EXIT_OK)
            printf(_("removed list \"%s\"\n"), pos->v[1]);
    } else {
        rc = usage_error("lists", _("'coopcheck lists' takes add FILE, fetch NAME|URL or remove "
                                    "NAME"));
    }
    free(dir);
    return rc;
}

const struct command cmd_lists_def = {
    "lists", "[--json]\nadd FILE [--name NAME] [--format F]\nfetch NAME|URL [--name NAME] "
             "[--format F]\nremove NAME",
    N_("the screening lists: show the installed ones with their source, date, entries and "
       "SHA-256; add a file, fetch a public list (the only command that uses the network), "
       "remove one"),
    lists_opts, CC_ARRAY_LEN(lists_opts), 0, 2, 0, cmd_lists,
};

/* ---- screen ---- */

static struct {
    const char *note, *threshold;
    int all, json, last;
} screen_o;

static const struct opt screen_opts[] = {
    { "note", 0, OPT_VALUE, &screen_o.note }, { "threshold", 0, OPT_VALUE, &screen_o.threshold },
    { "all", 0, OPT_FLAG, &screen_o.all }, { "json", 0, OPT_FLAG, &screen_o.json },
    { "last", 0, OPT_FLAG, &screen_o.last },
};

static void print_screening(struct sbuf *out, size_t width, const struct screening *s, int age,
                            int all)
{
    struct strlist lines = { 0 };
    size_t shown = 0;
    screening_summary(s, age, &lines);
    for (size_t i = 0; i < lines.n; i++)
        put_block(out, width, 0, 0, lines.v[i]);
    strlist_release(&lines);
    for (size_t i = 0; i < s->nhits; i++) {
        const struct hit *h = &s->hits[i];
        if (!all && h->state == HS_KNOWN && h->d.verdict != V_OPEN)
            continue;
        shown++;
        putf(out, "\n%s %zu [%s]\n", _("Hit"), i + 1, hit_state_text(h->state));
        screening_hit_lines(h, &lines);
        for (size_t k = 0; k < lines.n; k++)
            put_block(out, width, 2, 2, lines.v[k]);
        strlist_release(&lines);
    }
    if (shown < s->nhits)
        putf(out, P_("\n%zu hit decided in an earlier screening on an unchanged entry is not "
                     "shown (--all shows it).\n",
                     "\n%zu hits decided in an earlier screening on unchanged entries are not "
                     "shown (--all shows them).\n", s->nhits - shown), s->nhits - shown);
    if (s->nhits)
        putf(out, _("\nDecide a hit: coopcheck screen ID N same|different|unsure --note TEXT\n"));
}

static int show_screening(struct ctx *c, const struct assessment *a)
{
    const struct screening *s = assessment_last_screening(a);
    struct sbuf out;
    sbuf_init(&out);
    if (screen_o.json) {
        cJSON *o = s ? afile_screening_json(s) : cJSON_CreateNull();
        char *txt = jsondoc_print(o);
        sbuf_adds(&out, txt);
        sbuf_addc(&out, '\n');
        free(txt);
        cJSON_Delete(o);
    } else if (!s) {
        putf(&out, _("%s has not been screened yet: 'coopcheck screen %s'\n"), a->coop.id,
             a->coop.id);
    } else {
        print_screening(&out, c->width, s, max_age(c), screen_o.all);
    }
    return flush_out(&out);
}

struct run_arg {
    char *dir;
    int threshold;
};

static int screen_change(struct ctx *c, struct assessment *a, const char *who, const char *now,
                         void *arg)
{
    struct run_arg *ra = arg;
    struct cc_err err;
    (void)c;
    if (screening_run(a, ra->dir, ra->threshold, now, who, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    return 0;
}

static int decide_change(struct ctx *c, struct assessment *a, const char *who, const char *now,
                         void *arg)
{
    const struct strlist *pos = arg;
    struct cc_err err;
    char *end;
    unsigned long n = strtoul(pos->v[1], &end, 10);
    int v = verdict_parse(pos->v[2]);
    (void)c;
    if (!*pos->v[1] || *end || n == 0)
        return usage_error("screen", _("a hit is given by its number (1, 2, ...), not \"%s\""),
                           pos->v[1]);
    if (v <= V_OPEN)
        return usage_error("screen", _("a decision is same, different or unsure, not \"%s\""),
                           pos->v[2]);
    if (screen_o.note && !plain_text(screen_o.note, TEXT_ALLOW_NEWLINE))
        return usage_error("screen", _("--note must be plain text (valid UTF-8, no control "
                                       "characters)"));
    if (screening_decide(a, n - 1, (enum verdict)v, screen_o.note, now, who, &err) != 0)
        return cli_fail(&err, err.code == ENOENT ? EXIT_NOTFOUND : EXIT_DATA);
    return 0;
}

static int parse_threshold(int *out)
{
    char *end;
    long n;
    *out = 0;
    if (!screen_o.threshold)
        return 0;
    n = strtol(screen_o.threshold, &end, 10);
    if (!*screen_o.threshold || *end || n < 50 || n > 100)
        return usage_error("screen", _("--threshold is a score from 50 to 100, not \"%s\""),
                           screen_o.threshold);
    *out = (int)n;
    return 0;
}

static int cmd_screen(struct ctx *c, const struct strlist *pos)
{
    struct assessment *a = NULL;
    struct run_arg ra = { NULL, 0 };
    int rc;
    if (pos->n == 3) {
        if (screen_o.last || screen_o.all || screen_o.json || screen_o.threshold)
            return usage_error("screen", _("deciding a hit takes only --note"));
        if ((rc = write_coop(c, "screen", pos->v[0], decide_change, (void *)pos)) != 0)
            return rc;
    } else if (pos->n != 1) {
        return usage_error("screen", _("'coopcheck screen' takes ID, or ID N VERDICT to decide "
                                       "hit N"));
    } else if (screen_o.note) {
        return usage_error("screen", _("--note goes with a decision: coopcheck screen ID N "
                                       "same|different|unsure --note TEXT"));
    } else if (!screen_o.last) {
        if ((rc = parse_threshold(&ra.threshold)) != 0)
            return rc;
        if (!ra.threshold)
            ra.threshold = c->cfg.screen_threshold;
        if (!(ra.dir = cli_lists_dir(c)))
            return EXIT_USAGE;
        rc = write_coop(c, "screen", pos->v[0], screen_change, &ra);
        free(ra.dir);
        if (rc != 0)
            return rc;
    }
    if ((rc = load_coop(c, pos->v[0], &a)) != 0)
        return rc;
    rc = pos->n == 3 ? EXIT_OK : show_screening(c, a);
    if (pos->n == 3)
        printf(_("recorded: hit %s is \"%s\"\n"), pos->v[1], verdict_text(verdict_parse(pos->v[2])));
    assessment_free(a);
    return rc;
}

const struct command cmd_screen_def = {
    "screen", "ID [--all] [--json] [--threshold N]\nID --last [--all] [--json]\nID N "
              "same|different|unsure [--note TEXT]",
    N_("screen the partners (with their aliases) against the installed lists and record the "
       "result; --last shows the last screening; ID N VERDICT decides hit N"),
    screen_opts, CC_ARRAY_LEN(screen_opts), 1, 3, CMD_COMMITS, cmd_screen,
};

int screen_after_change(struct ctx *c, const char *id)
{
    struct run_arg ra = { NULL, c->cfg.screen_threshold };
    struct list_info *v = NULL;
    struct assessment *a = NULL;
    size_t n = 0, open;
    const struct screening *s;
    int rc;
    if (!(ra.dir = cli_lists_dir(c)))
        return EXIT_USAGE;
    if (lists_installed(ra.dir, &v, &n, NULL, NULL) != 0 || n == 0) {
        lists_info_free(v, n);
        free(ra.dir);
        return EXIT_OK;
    }
    lists_info_free(v, n);
    rc = write_coop(c, "screen", id, screen_change, &ra);
    free(ra.dir);
    if (rc != 0 || load_coop(c, id, &a) != 0)
        return rc;
    s = assessment_last_screening(a);
    open = screening_undecided(s);
    if (s)
        say_error(P_("screened the partners against %zu list: %zu hit to decide ('coopcheck "
                     "screen %s --last')",
                     "screened the partners against %zu lists: %zu hit(s) to decide ('coopcheck "
                     "screen %s --last')", s->nlists), s->nlists, open, id);
    assessment_free(a);
    return EXIT_OK;
}
