/* cmd_merge.c — `merge-driver`, which git runs to merge two versions of an
 * assessment (registered by `store init`), and `resolve`, which settles a
 * conflict it recorded.  See cli_int.h, gitstore.h and jmerge.h. */
#include "cli_int.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "conflicts.h"
#include "fsio.h"
#include "gitstore.h"
#include "i18n.h"
#include "jmerge.h"

/* ---- merge-driver ---- */

/* A side's file as a JSON tree; an empty file (git's base when both sides
 * added the file) gives NULL with *empty set. */
static int read_side(const char *path, cJSON **out, int *empty)
{
    char *buf;
    size_t len;
    struct cc_err err;
    *out = NULL;
    *empty = 0;
    if (fs_read_file(path, ASSESSMENT_MAX_BYTES, &buf, &len, &err) != 0)
        return say_error("%s", err.msg);
    if (len == 0) {
        free(buf);
        *empty = 1;
        return 0;
    }
    *out = cJSON_ParseWithLength(buf, len);
    free(buf);
    if (!*out)
        return say_error(_("%s does not read as JSON, so it cannot be merged field by field; git "
                           "leaves it to you"), path);
    return 0;
}

static int merge_files(struct ctx *c, const char *o, const char *a, const char *b, const char *p)
{
    cJSON *base = NULL, *ours = NULL, *theirs = NULL, *out = NULL;
    struct assessment *m = NULL;
    struct cc_err err;
    char now[CC_ISO_LEN], *text = NULL, *canon = NULL;
    size_t n = 0;   /* new conflicts: the file says how many are open */
    int rc = EXIT_DATA, e1, e2, e3;
    if (read_side(o, &base, &e1) != 0 || read_side(a, &ours, &e2) != 0 || read_side(b, &theirs, &e3) != 0)
        goto out;
    if (!ours || !theirs) {
        say_error(_("%s: one side is empty, so there is nothing to merge field by field"), p);
        goto out;
    }
    cc_now(now);
    if (jmerge_assessment(base, ours, theirs, now, &out, &n, &err) != 0) {
        say_error("%s: %s", p, err.msg);
        goto out;
    }
    /* formats 3 and 4 have every key of 5 but its new ones, which a merge may add */
    {
        cJSON *fmt = cJSON_GetObjectItemCaseSensitive(out, "format");
        if (cJSON_IsNumber(fmt) && (fmt->valuedouble == 3 || fmt->valuedouble == 4))
            cJSON_SetNumberValue(fmt, ASSESSMENT_FORMAT);
    }
    text = cJSON_Print(out);
    /* what is written must load: a merge never writes a file coopcheck refuses */
    if (afile_parse(text, strlen(text), p, cli_cats(c), &m, &err) != 0) {
        say_error(_("the merge of %s does not load, so git leaves it to you: %s"), p, err.msg);
        goto out;
    }
    canon = afile_format(m);
    if (fs_write_atomic(a, canon, strlen(canon), &err) != 0) {
        say_error("%s", err.msg);
        rc = EXIT_SYSTEM;
        goto out;
    }
    rc = EXIT_OK;
out:
    cJSON_Delete(base);
    cJSON_Delete(ours);
    cJSON_Delete(theirs);
    cJSON_Delete(out);
    assessment_free(m);
    free(text);
    free(canon);
    return rc;
}

static int cmd_merge_driver(struct ctx *c, const struct strlist *pos)
{
    const char *p = pos->v[3];
    size_t n = strlen(p);
    /* snapshots never change, so two different ones under one name cannot
     * be merged: git keeps both sides for the user */
    if (n < 16 || strcmp(p + n - 16, "/assessment.json") != 0 || strstr(p, "/snapshots/"))
        return say_error(_("%s is not a working assessment; only those are merged field by field"),
                         p), EXIT_DATA;
    return merge_files(c, pos->v[0], pos->v[1], pos->v[2], p);
}

const struct command cmd_merge_driver_def = {
    "merge-driver", "BASE MINE THEIRS PATH",
    N_("(run by git in a shared store) merge two versions of an assessment field by field; "
       "the same field changed on both sides is recorded as a conflict"),
    NULL, 0, 4, 4, 0, cmd_merge_driver,
};

/* ---- resolve ---- */

struct resolve_arg {
    size_t n;
    int theirs;
    char what[512];
};

static int resolve_change(struct ctx *c, struct assessment *a, const char *who, const char *now,
                          void *arg)
{
    struct resolve_arg *r = arg;
    struct sbuf place;
    struct cc_err err;
    (void)who;
    (void)now;
    if (r->n == 0 || r->n > a->nconflicts) {
        if (!a->nconflicts)
            say_error(_("%s has no conflict to resolve"), a->coop.id);
        else
            say_error(P_("%s has no conflict %zu: it has %zu ('coopcheck show %s' shows it)",
                         "%s has no conflict %zu: it has %zu ('coopcheck show %s' lists them)",
                         a->nconflicts), a->coop.id, r->n, a->nconflicts, a->coop.id);
        return EXIT_NOTFOUND;
    }
    sbuf_init(&place);
    conflict_place(a, &a->conflicts[r->n - 1], &place);
    snprintf(r->what, sizeof(r->what), "%s", place.buf);
    sbuf_release(&place);
    if (!r->theirs) {
        conflict_keep_mine(a, r->n - 1);
        return 0;
    }
    /* the other side's value replaces the whole assessment in place */
    struct assessment *b = NULL;
    if (conflict_take_theirs(a, r->n - 1, cli_cats(c), &b, &err) != 0)
        return cli_fail(&err, EXIT_DATA);
    assessment_swap_contents(a, b);
    assessment_free(b);
    return 0;
}

static int cmd_resolve(struct ctx *c, const struct strlist *pos)
{
    struct resolve_arg r;
    char *end;
    struct sbuf out;
    int rc;
    memset(&r, 0, sizeof(r));
    r.n = strtoul(pos->v[1], &end, 10);
    if (!pos->v[1][0] || *end || r.n == 0)
        return usage_error("resolve", _("\"%s\" is not the number of a conflict ('coopcheck show "
                                        "%s' lists them)"), pos->v[1], pos->v[0]);
    if (strcmp(pos->v[2], "keep") != 0 && strcmp(pos->v[2], "other") != 0)
        return usage_error("resolve", _("resolve takes keep (the value the file holds now) or "
                                        "other (the other side's), not \"%s\""), pos->v[2]);
    r.theirs = strcmp(pos->v[2], "other") == 0;
    if ((rc = write_coop(c, "resolve", pos->v[0], resolve_change, &r)) != 0)
        return rc;
    cli_commit_msg(c, "%s: conflict in %s resolved (%s)", pos->v[0], r.what,
                   r.theirs ? "took the other side's value" : "kept the value it had");
    sbuf_init(&out);
    putf(&out, r.theirs ? _("%s: %s now has the other side's value\n")
                        : _("%s: %s keeps the value it had\n"), pos->v[0], r.what);
    return flush_out(&out);
}

const struct command cmd_resolve_def = {
    "resolve", "ID N keep|other",
    N_("settle conflict N that a sync recorded: keep the value the file holds now, or take the "
       "other side's (editing the value settles it too)"),
    NULL, 0, 3, 3, CMD_COMMITS, cmd_resolve,
};
