/* cmd_report.c — the commands that print for people: export (reports),
 * help (the man-style help of the questions) and catalog.  See cli_int.h. */
#include "cli_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "approvals.h"
#include "cctime.h"
#include "diff.h"
#include "export.h"
#include "export_gather.h"
#include "fsio.h"
#include "help.h"
#include "i18n.h"
#include "textutil.h"

/* ---- export ---- */

static struct {
    const char *snapshot, *format, *output;
    int working;
} export_o;

static const struct opt export_opts[] = {
    { "snapshot", 's', OPT_VALUE, &export_o.snapshot }, { "format", 'f', OPT_VALUE, &export_o.format },
    { "output", 'o', OPT_VALUE, &export_o.output }, { "working", 0, OPT_FLAG, &export_o.working },
};

/* Writes a report to a FIFO or a terminal (whatever a link names) as a
 * stream: such a file is never replaced. */
static int stream_report(const char *path, const struct sbuf *out)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    size_t done = 0;
    if (fd < 0)
        return say_error(_("cannot open '%s' for the report: %s"), path, strerror(errno)), EXIT_SYSTEM;
    while (done < out->len) {
        ssize_t n = write(fd, out->buf + done, out->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            say_error(_("cannot write the report to '%s': %s"), path, n < 0 ? strerror(errno) : _("no progress"));
            close(fd);
            return EXIT_SYSTEM;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0)
        return say_error(_("cannot write the report to '%s': %s"), path, strerror(errno)), EXIT_SYSTEM;
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
            say_error(_("'%s' is a symbolic link; the report is not written through it: give the "
                        "file it names, or - for standard output"), path);
            rc = EXIT_CONFLICT;
        } else {
            say_error(_("'%s' is %s; the report is written only to a regular file, a FIFO, a "
                        "terminal or - (standard output)"), path, fs_kind(st.st_mode));
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
                say_error(_("'%s' holds a coopcheck assessment; the report was not written over it"), path);
                sbuf_release(out);
                return EXIT_CONFLICT;
            }
        }
    }
    rc = fs_write_atomic(path, out->buf, out->len, &err) != 0 ? cli_fail(&err, EXIT_SYSTEM) : EXIT_OK;
    sbuf_release(out);
    return rc;
}

/* What export reports: --snapshot's, else the working assessment, except
 * for a round that nothing changed yet since the complete snapshot it is
 * based on (that snapshot stands for it; --working takes the working one). */
static int export_load(struct ctx *c, const char *id, struct assessment **a)
{
    struct assessment *snap = NULL;
    int rc = load_coop_or_snapshot(c, id, export_o.snapshot, a);
    if (rc != 0 || export_o.snapshot || export_o.working || !assessment_untouched(*a))
        return rc;
    if ((rc = load_coop_or_snapshot(c, id, (*a)->round_based_on, &snap)) != 0) {
        assessment_free(*a);
        *a = NULL;
        return rc;
    }
    if (!assessment_same_content(snap, *a)) {
        /* changed in the second the round began: the times cannot tell */
        assessment_free(snap);
        return 0;
    }
    say_error(_("note: nothing changed in round %d of \"%s\" since snapshot %s closed round %d, so "
                "the report is of that snapshot; --working reports the new round's working "
                "assessment"), (*a)->round, id, (*a)->round_based_on, (*a)->round - 1);
    assessment_free(*a);
    *a = snap;
    return 0;
}

static int cmd_export(struct ctx *c, const struct strlist *pos)
{
    const char *outfile = export_o.output;
    struct assessment *a = NULL;
    struct export_gathered g;
    struct sbuf out;
    char now[CC_ISO_LEN], *allowed;
    int rc, fmt;

    if (export_o.format) {
        fmt = export_format_parse(export_o.format);
        if (fmt < 0)
            return usage_error("export", _("--format takes md, txt, roff, ms, html or json, not "
                                           "\"%s\""), export_o.format);
    } else {
        fmt = outfile ? export_format_of_path(outfile) : -1;
        if (fmt < 0)
            fmt = EXPORT_MD;
    }
    if (export_o.working && export_o.snapshot)
        return usage_error("export", _("--working and --snapshot each name what to report; give "
                                       "one of them"));
    if ((rc = export_load(c, pos->v[0], &a)) != 0)
        return rc;
    cc_now(now);
    /* the summary's base snapshot, approvals with their signatures checked,
     * required roles and today (json has no summary): a part that cannot be
     * had says so */
    memset(&g, 0, sizeof(g));
    if (fmt != EXPORT_JSON) {
        allowed = approvals_signers_path(c->data, NULL);
        export_gather(&g, c->data, pos->v[0], cli_cats(c), a, NULL, allowed,
                      &c->cfg.required_approvals, now);
        free(allowed);
    }
    g.x.list_max_age = c->cfg.list_max_age;
    sbuf_init(&out);
    export_render(&out, a, (enum export_format)fmt, c->lang, now, &g.x);
    export_gathered_release(&g);
    assessment_free(a);
    if (outfile && strcmp(outfile, "-") != 0)
        return write_report(outfile, &out);
    return flush_out(&out);
}

const struct command cmd_export_def = {
    "export", "ID [--snapshot NAME | --working] [--format md|txt|roff|ms|html|json] [-o FILE]",
    N_("a report for a committee, starting with a one-page summary: Markdown, text, roff (a man "
       "page), ms (for a PDF to sign), HTML or JSON; a new round that nothing changed yet is "
       "reported by the snapshot it is based on"), export_opts,
    CC_ARRAY_LEN(export_opts), 1, 1, 0, cmd_export,
};

/* ---- help ---- */

static struct {
    const char *catalog;
    int roff, keys;
} help_o;

static const struct opt help_opts[] = {
    { "catalog", 0, OPT_VALUE, &help_o.catalog }, { "roff", 0, OPT_FLAG, &help_o.roff },
    { "keys", 0, OPT_FLAG, &help_o.keys },
};

/* The interface's keys as bound (config.ini's [keys] applied): text, or the
 * roff of coopcheck(1)'s KEYS table. */
static int help_keys(struct ctx *c, const struct strlist *pos)
{
    struct sbuf out;
    if (pos->n)
        return usage_error("help", _("--keys shows the keys of every screen and takes no question "
                                     "(\"%s\")"), pos->v[0]);
    if (help_o.catalog)
        return usage_error("help", _("--keys and --catalog do not go together: the keys are the "
                                     "same for every catalogue"));
    sbuf_init(&out);
    if (help_o.roff) {
        keymap_roff(&c->cfg.keys, &out);
    } else {
        keymap_overview(&c->cfg.keys, CTX_COUNT, &out, (size_t)c->width);
        sbuf_addc(&out, '\n');
        text_wrap(&out, _("Change them in config.ini, section [keys]: for example \"down = x, "
                          "Down\" (see coopcheck(1), KEYS)."), (size_t)c->width, 0);
    }
    return flush_out(&out);
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

/* The man page of q (all questions when NULL): printed with --roff, else
 * shown through man(1), else as text through $PAGER or on stdout. */
static int help_page(struct ctx *c, const struct catalog *cat, const struct cat_question *q)
{
    struct sbuf out;
    const char *pager = getenv("PAGER");
    sbuf_init(&out);
    if (q)
        help_render_roff(&out, cat, q, c->lang, CC_VERSION);
    else
        help_render_roff_all(&out, cat, c->lang, CC_VERSION);
    if (help_o.roff)
        return flush_out(&out);
    if (show_man_page(&out) == 0) {
        sbuf_release(&out);
        return EXIT_OK;
    }
    sbuf_reset(&out);
    help_render_text(&out, cat, q, c->lang, c->width, 7);
    if (pager && *pager && pipe_to(pager, &out) == 0) {
        sbuf_release(&out);
        return EXIT_OK;
    }
    return flush_out(&out);
}

static int cmd_help(struct ctx *c, const struct strlist *pos)
{
    const struct catalog *cat;
    const struct cat_question *q = NULL;
    struct sbuf out;
    int rc = EXIT_OK;

    if (help_o.keys)
        return help_keys(c, pos);
    if (!(cat = pick_catalog(c, help_o.catalog, &rc)))
        return rc;
    if (pos->n == 1 && strcmp(pos->v[0], "about") == 0 && !help_o.roff) {
        /* the catalogue's cover note, purpose and sources, as the source has them */
        sbuf_init(&out);
        help_render_about(&out, cat, c->lang, (size_t)c->width, 4, 0);
        return flush_out(&out);
    }
    if (pos->n == 1 && !(q = find_question(cat, pos->v[0], &rc)))
        return rc;
    if (help_o.roff || (q && isatty(STDOUT_FILENO)))
        return help_page(c, cat, q);
    sbuf_init(&out);
    if (q) {
        help_render_text(&out, cat, q, c->lang, c->width, 7);
    } else {
        help_render_index(&out, cat, c->lang, c->width);
        sbuf_addc(&out, '\n');
        put_hanging(&out, c->width, 0, _("'coopcheck help N' shows the help of question N, "
                                         "'coopcheck help about' the catalogue's cover note, "
                                         "purpose and sources."));
    }
    return flush_out(&out);
}

const struct command cmd_help_def = {
    "help", "[QUESTION|about] [--roff] [--catalog ID|FILE] | --keys [--roff]",
    N_("the help of a question (or all) as a man page: why it matters, what to check; with --keys, "
       "the keys of the interface"), help_opts,
    CC_ARRAY_LEN(help_opts), 0, 1, 0, cmd_help,
};

/* ---- catalog ---- */

static int catalog_list(struct ctx *c)
{
    const struct catalog_set *set = cli_cats(c);
    struct sbuf out;
    int rc;
    sbuf_init(&out);
    for (size_t i = 0; i < set->n; i++) {
        const struct catalog *cat = set->v[i];
        struct sbuf head;
        sbuf_init(&head);
        put_col(&head, cat->id, 20);
        sbuf_addc(&head, ' ');
        put_col(&head, cat->version, 10);
        sbuf_addc(&head, ' ');
        putf(&head, P_("%2zu question", "%2zu questions", cat->nquestions), cat->nquestions);
        sbuf_adds(&head, "  ");
        sbuf_adds(&out, head.buf);
        put_hanging(&out, c->width, text_width(head.buf), l10n_get(&cat->short_title, c->lang));
        sbuf_release(&head);
        sbuf_adds(&out, "    ");
        put(&out, cat->path);
        sbuf_addc(&out, '\n');
    }
    report_cat_problems(c);
    rc = flush_out(&out);
    return !rc && c->cat_problems.n ? EXIT_DATA : rc;
}

static int catalog_show(struct ctx *c, const char *id)
{
    const struct catalog *cat;
    struct sbuf out;
    int rc = EXIT_OK;
    if (!(cat = pick_catalog(c, id, &rc)))
        return rc;
    sbuf_init(&out);
    text_wrap(&out, l10n_get(&cat->title, c->lang), c->width, 0);
    putf(&out, P_("id %s, version %s, %zu question\n%s\n", "id %s, version %s, %zu questions\n%s\n",
                  cat->nquestions), cat->id, cat->version, cat->nquestions, cat->path);
    for (size_t s = 0; s < cat->nsections; s++) {
        sbuf_addc(&out, '\n');
        text_wrap(&out, l10n_get(&cat->sections[s].title, c->lang), c->width, 0);
        for (size_t i = cat->sections[s].first; i < cat->sections[s].first + cat->sections[s].count; i++) {
            const struct cat_question *q = &cat->questions[i];
            char *line = xasprintf("%s  %s", q->id, l10n_get(&q->title, c->lang));
            text_wrap(&out, line, c->width - 2, 2);
            free(line);
            for (size_t f = 0; f < q->nfields; f++) {
                /* the type is the catalogue's keyword, as in the file */
                line = xasprintf("%-22s %-6s %s", q->fields[f].id,
                                 q->fields[f].type == FIELD_YESNO ? "yesno" : "text",
                                 l10n_get(&q->fields[f].label, c->lang));
                text_wrap(&out, line, c->width - 8, 8);
                free(line);
            }
        }
    }
    return flush_out(&out);
}

static int catalog_validate(const char *path)
{
    struct strlist diags = { 0 };
    struct catalog *vc;
    struct cc_err err;
    struct sbuf out;
    int rc;
    if (catalog_load_file(path, &vc, &diags, &err) != 0) {
        for (size_t i = 0; i < diags.n; i++)
            say_error("%s", diags.v[i]);
        say_error(P_("%s: %zu problem; the catalogue cannot be used until it is fixed",
                     "%s: %zu problems; the catalogue cannot be used until they are fixed", diags.n),
                  path, diags.n);
        rc = err.code == ENOENT ? EXIT_NOTFOUND : err.code == EINVAL || err.code == EFBIG ? EXIT_DATA
             : err.code ? EXIT_SYSTEM : EXIT_DATA;
    } else {
        sbuf_init(&out);
        putf(&out, _("%s: valid catalogue \"%s\" version %s (sections: %zu, questions: %zu)\n"),
             path, vc->id, vc->version, vc->nsections, vc->nquestions);
        catalog_free(vc);
        rc = flush_out(&out);
    }
    strlist_release(&diags);
    return rc;
}

static int cmd_catalog(struct ctx *c, const struct strlist *pos)
{
    if (pos->n == 0)
        return usage_error("catalog", _("'coopcheck catalog' needs list, show [ID] or validate FILE"));
    if (strcmp(pos->v[0], "list") == 0 && pos->n == 1)
        return catalog_list(c);
    if (strcmp(pos->v[0], "show") == 0)
        return catalog_show(c, pos->n == 2 ? pos->v[1] : NULL);
    if (strcmp(pos->v[0], "validate") == 0 && pos->n == 2)
        return catalog_validate(pos->v[1]);
    return usage_error("catalog", _("'coopcheck catalog' takes list, show [ID] or validate FILE"));
}

const struct command cmd_catalog_def = {
    "catalog", "list | show [ID] | validate FILE",
    N_("the installed catalogues, one catalogue's questions, or check a catalogue file"), NULL, 0,
    0, 2, 0, cmd_catalog,
};
