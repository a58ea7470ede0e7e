/* tui_export.c — the export key: a report of the open cooperation in any
 * format (export_render: md, txt, roff, html, json, by the file's
 * extension) written to a path the prompt asks for, by default
 * DATA/reports/ID-ROUND.md (reports/ is made 0700).  Files are 0600 and
 * written atomically (fsio.h); a file that exists is replaced only after a
 * question.  A round nothing has changed yet is reported as the snapshot
 * that stands for it, as the command line does, and the prompt says so. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "cctime.h"
#include "diff.h"
#include "export.h"
#include "export_gather.h"
#include "fsio.h"
#include "store.h"

/* What the prompt is for: the snapshot of an untouched round (owned), or
 * NULL for the working assessment. */
struct export_job {
    struct assessment *snap;
};

/* A report made, waiting for "replace?" */
struct export_write {
    char *path, *text, *snap;
};

static void job_free(void *ctx)
{
    struct export_job *j = ctx;
    assessment_free(j->snap);
    free(j);
}

static void write_free(void *ctx)
{
    struct export_write *w = ctx;
    free(w->path);
    free(w->text);
    free(w->snap);
    free(w);
}

/* The format the file's name says, as on the command line; a name that is
 * only an extension ("reports/.md") says none. */
static int format_of(const char *path)
{
    const char *base = strrchr(path, '/');
    return export_format_of_path(base ? base + 1 : path);
}

static char *reports_dir(struct tui *t)
{
    return fs_join(t->env->data, "reports");
}

static char *prompt_label(struct tui *t, const struct export_job *j)
{
    if (j->snap)
        return xasprintf(_("Round %d has not changed since snapshot %s, so the report is of that "
                           "snapshot. Write it to (.md, .txt, .roff, .ms, .html or .json): "),
                         t->av->a->round, j->snap->snap ? j->snap->snap->name : "?");
    return xstrdup(_("Write the report to (.md, .txt, .roff, .ms, .html or .json): "));
}

static void said_written(struct tui *t, const char *path, const char *snap)
{
    if (snap)
        tui_message(t, 0, _("report of snapshot %s written to %s (the round has not changed since)"),
                    snap, path);
    else
        tui_message(t, 0, _("report written to %s"), path);
}

static void replace_yes(struct tui *t, void *ctx)
{
    struct export_write *w = ctx;
    struct cc_err err;
    if (fs_write_atomic(w->path, w->text, strlen(w->text), &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    else
        said_written(t, w->path, w->snap);
}

static void export_done(struct tui *t, void *ctx, const char *text);

/* The prompt again with what was typed, and why. */
static void again(struct tui *t, struct export_job *j, const char *typed, const char *why)
{
    struct export_job *next = xcalloc(1, sizeof(*next));
    char *label = prompt_label(t, j);
    next->snap = j->snap;   /* taken over */
    j->snap = NULL;
    prompt_open_owned(t, label, typed, export_done, next, job_free);
    free(label);
    tui_message(t, 1, "%s", why);
}

/* The directory for a report: DATA/reports/ is made when missing; any other
 * must exist.  0, or -1 with why. */
static int ready_dir(struct tui *t, const char *path, struct cc_err *err)
{
    char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *reports = reports_dir(t), *own;
    int rc = 0;
    if (slash)
        *slash = '\0';
    if (slash && strcmp(dir, reports) == 0) {
        own = fs_join(reports, "assessment.json");
        if (fs_exists(own))   /* a cooperation called "reports" */
            rc = cc_error(err, _("%s is the directory of a cooperation; give another path"), reports);
        else
            rc = fs_mkdir_p(reports, err);
        free(own);
    }
    free(reports);
    free(dir);
    return rc;
}

static void export_done(struct tui *t, void *ctx, const char *text)
{
    struct export_job *j = ctx;
    const char *home = getenv("HOME");
    struct sbuf out;
    struct cc_err err;
    char now[CC_ISO_LEN], *path, *why;
    int fmt;
    if (!t->av || !*text) {
        tui_message(t, 0, "%s", _("no report was written"));
        return;
    }
    path = strncmp(text, "~/", 2) == 0 && home ? xasprintf("%s/%s", home, text + 2) : xstrdup(text);
    if ((fmt = format_of(path)) < 0) {
        why = xasprintf(_("\"%s\" does not end in .md, .txt, .roff, .ms, .html or .json, which say the "
                          "report's format"), text);
        again(t, j, text, why);
        free(why);
        free(path);
        return;
    }
    if (ready_dir(t, path, &err) != 0) {
        again(t, j, text, err.msg);
        free(path);
        return;
    }
    sbuf_init(&out);
    cc_now(now);
    {
        /* the summary's base snapshot, approvals (checked) and required roles */
        const struct assessment *a = j->snap ? j->snap : t->av->a;
        char *allowed = approvals_signers_path(t->env->data, NULL);
        struct export_gathered g;
        memset(&g, 0, sizeof(g));
        if (fmt != EXPORT_JSON)
            export_gather(&g, t->env->data, t->av->a->coop.id, &t->env->cats, a, t->av->a,
                          allowed, &t->cfg.required_approvals, now);
        free(allowed);
        g.x.list_max_age = t->cfg.list_max_age;
        export_render(&out, a, (enum export_format)fmt, t->lang, now, &g.x);
        export_gathered_release(&g);
    }
    if (fs_write_new(path, out.buf, out.len, &err) == 0) {
        said_written(t, path, j->snap && j->snap->snap ? j->snap->snap->name : NULL);
    } else if (err.code == EEXIST) {
        struct export_write *w = xcalloc(1, sizeof(*w));
        char *q = xasprintf(_("%s exists. Replace it with the report?"), path);
        w->path = xstrdup(path);
        w->text = sbuf_detach(&out, NULL);
        w->snap = j->snap && j->snap->snap ? xstrdup(j->snap->snap->name) : NULL;
        confirm_open_owned(t, q, replace_yes, w, write_free);
        free(q);
    } else {
        again(t, j, text, err.msg);
    }
    sbuf_release(&out);
    free(path);
}

void export_open(struct tui *t)
{
    const struct assessment *a = t->av->a;
    struct export_job *j = xcalloc(1, sizeof(*j));
    struct cc_err err;
    char *reports, *name, *path, *label;
    if (round_untouched(t) &&
        store_load_snapshot(t->env->data, a->coop.id, a->round_based_on, &t->env->cats, &j->snap,
                            &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        free(j);
        return;
    }
    if (j->snap && !assessment_same_content(j->snap, a)) {
        /* changed in the second the round began: the times cannot tell */
        assessment_free(j->snap);
        j->snap = NULL;
    }
    reports = reports_dir(t);
    name = xasprintf("%s-%d.md", a->coop.id, j->snap ? j->snap->round : a->round);
    path = fs_join(reports, name);
    label = prompt_label(t, j);
    prompt_open_owned(t, label, path, export_done, j, job_free);
    free(label);
    free(path);
    free(name);
    free(reports);
}
