/* cmd_life.c — a cooperation's life beyond its data: rename, archive,
 * unarchive and delete.  The steps that a crash must not leave half done are
 * the store's (store_rename, store_delete); here are the refusals that keep
 * the user's work: recovery drafts that would be left behind, a delete that
 * was not confirmed.  See cli_int.h. */
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "i18n.h"

/* Recovery drafts of id that the interface left; -1 after saying why they
 * cannot be looked for (*rc).  Drafts that do not read are said as notes. */
static int find_drafts(struct ctx *c, const char *id, struct draft **v, size_t *n, int *rc)
{
    struct strlist problems = { 0 };
    struct cc_err err;
    if (draft_find(c->data, id, v, n, &problems, &err) != 0) {
        say_error(_("cannot look for recovery drafts of \"%s\": %s; nothing was changed"), id,
                  err.msg);
        *rc = err.code == ENOENT ? EXIT_NOTFOUND : EXIT_SYSTEM;
        return -1;
    }
    for (size_t i = 0; i < problems.n; i++)
        say_error(_("note: %s"), problems.v[i]);
    strlist_release(&problems);
    return 0;
}

static size_t snapshot_count(struct ctx *c, const char *id)
{
    struct strlist names = { 0 };
    struct cc_err err;
    size_t n = 0;
    if (store_snapshots(c->data, id, &names, &err) == 0)
        n = names.n;
    strlist_release(&names);
    return n;
}

/* ---- rename ---- */

static int cmd_rename(struct ctx *c, const struct strlist *pos)
{
    const char *from = pos->v[0], *to = pos->v[1];
    struct draft *drafts = NULL;
    struct cc_err err;
    struct sbuf out;
    char now[CC_ISO_LEN], *who;
    size_t nd = 0, ns;
    int rc = EXIT_OK;

    if ((rc = check_id("rename", from)) != 0)
        return rc;
    if (coop_id_refusal(to))
        return usage_error("rename", _("\"%s\" cannot be a cooperation id: %s"), to,
                           coop_id_refusal(to));
    if (strcmp(from, to) == 0)
        return usage_error("rename", _("the cooperation is called \"%s\" already; give the new id"),
                           to);
    if (find_drafts(c, from, &drafts, &nd, &rc) != 0)
        return rc;
    if (nd) {
        say_error(P_("cooperation \"%s\" has %zu recovery draft of unsaved typing (%s), which would "
                     "be left behind; open it with 'coopcheck open %s' and apply or discard it "
                     "first; nothing was renamed",
                     "cooperation \"%s\" has %zu recovery drafts of unsaved typing (the newest: "
                     "%s), which would be left behind; open it with 'coopcheck open %s' and apply "
                     "or discard them first; nothing was renamed", nd),
                  from, nd, drafts[0].path, from);
        draft_free_all(drafts, nd);
        return EXIT_CONFLICT;
    }
    cc_now(now);
    who = cc_user();
    if (store_rename(c->data, from, to, cli_cats(c), who, now, &err) != 0)
        rc = cli_fail(&err, EXIT_DATA);
    free(who);
    if (rc)
        return rc;
    cli_commit_msg(c, "%s: renamed to %s", from, to);
    ns = snapshot_count(c, to);
    sbuf_init(&out);
    if (ns)
        putf(&out, P_("renamed cooperation \"%s\" to \"%s\"; its %zu snapshot keeps the id it was "
                      "taken under, so the chain stays valid\n",
                      "renamed cooperation \"%s\" to \"%s\"; its %zu snapshots keep the id they "
                      "were taken under, so the chain stays valid\n", ns), from, to, ns);
    else
        putf(&out, _("renamed cooperation \"%s\" to \"%s\" (it has no snapshots yet)\n"), from, to);
    return flush_out(&out);
}

const struct command cmd_rename_def = {
    "rename", "OLD NEW",
    N_("give a cooperation another id (refused while it is open or has recovery drafts)"), NULL, 0,
    2, 2, CMD_COMMITS | CMD_COMMITS2, cmd_rename,
};

/* ---- archive, unarchive ---- */

static int set_archived(struct ctx *c, const char *id, int on)
{
    struct assessment *a = NULL;
    struct store_w w = { .dirfd = -1, .lockfd = -1 };
    struct cc_err err;
    struct sbuf out;
    char now[CC_ISO_LEN], *who = cc_user();
    int rc;

    sbuf_init(&out);
    if ((rc = open_for_writing(c, id, &w, &a)) == 0) {
        cc_now(now);
        if (!coop_set_archived(a, on, who, now)) {
            if (on)
                say_error(_("note: \"%s\" is archived already (since %s by %s); nothing was "
                            "changed"), id, a->coop.archived.at, a->coop.archived.by);
            else
                say_error(_("note: \"%s\" is not archived; nothing was changed"), id);
        } else if (store_w_save(&w, a, &err) != 0) {
            rc = cli_fail(&err, EXIT_SYSTEM);
        } else if (on) {
            putf(&out, _("archived \"%s\": list and due leave it out unless --all is given; "
                         "'coopcheck unarchive %s' brings it back\n"), id, id);
        } else {
            putf(&out, _("\"%s\" is no longer archived: list and due show it again\n"), id);
        }
    }
    store_w_close(&w);
    assessment_free(a);
    free(who);
    if (rc == 0)
        return flush_out(&out);
    sbuf_release(&out);
    return rc;
}

static int cmd_archive(struct ctx *c, const struct strlist *pos)
{
    return set_archived(c, pos->v[0], 1);
}

static int cmd_unarchive(struct ctx *c, const struct strlist *pos)
{
    return set_archived(c, pos->v[0], 0);
}

const struct command cmd_archive_def = {
    "archive", "ID",
    N_("put a cooperation away, kept intact: list and due leave it out unless --all"), NULL, 0, 1,
    1, CMD_COMMITS, cmd_archive,
};

const struct command cmd_unarchive_def = {
    "unarchive", "ID", N_("bring an archived cooperation back"), NULL, 0, 1, 1, CMD_COMMITS, cmd_unarchive,
};

/* ---- delete ---- */

static int delete_yes;
static const struct opt delete_opts[] = { { "yes", 0, OPT_FLAG, &delete_yes } };

/* The drafts of a deleted cooperation: nothing to apply them to any more. */
static size_t remove_drafts(struct ctx *c, const char *id)
{
    struct strlist problems = { 0 };
    struct cc_err err;
    long removed = draft_remove_all(c->data, id, &problems, &err);
    if (removed < 0)
        say_error(_("cannot look for recovery drafts of \"%s\": %s; nothing was changed"), id,
                  err.msg);
    for (size_t i = 0; i < problems.n; i++)
        say_error(_("note: %s"), problems.v[i]);
    strlist_release(&problems);
    return removed > 0 ? (size_t)removed : 0;
}

static int cmd_delete(struct ctx *c, const struct strlist *pos)
{
    const char *id = pos->v[0];
    struct assessment *a = NULL;
    struct cc_err err;
    struct sbuf out;
    size_t ns, nd;
    int rc;

    if ((rc = check_id("delete", id)) != 0)
        return rc;
    /* one that does not load may be deleted too; one that does not exist not */
    if (store_load(c->data, id, cli_cats(c), &a, &err) != 0 && err.code == ENOENT)
        return cli_fail(&err, EXIT_NOTFOUND);
    assessment_free(a);
    ns = snapshot_count(c, id);
    if (!delete_yes) {
        say_error(P_("deleting \"%s\" removes %s/%s, its working assessment and its %zu snapshot, "
                     "for good; nothing was deleted.  To do it, add --yes: 'coopcheck delete %s "
                     "--yes' (or keep it with 'coopcheck archive %s')",
                     "deleting \"%s\" removes %s/%s, its working assessment and its %zu "
                     "snapshots, for good; nothing was deleted.  To do it, add --yes: 'coopcheck "
                     "delete %s --yes' (or keep it with 'coopcheck archive %s')", ns),
                  id, c->data, id, ns, id, id);
        return EXIT_USAGE;
    }
    if (store_delete(c->data, id, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    nd = remove_drafts(c, id);
    sbuf_init(&out);
    putf(&out, P_("deleted cooperation \"%s\" (%s/%s): its working assessment and %zu snapshot\n",
                  "deleted cooperation \"%s\" (%s/%s): its working assessment and %zu snapshots\n",
                  ns), id, c->data, id, ns);
    if (nd)
        putf(&out, P_("removed %zu recovery draft of \"%s\" too\n",
                      "removed %zu recovery drafts of \"%s\" too\n", nd), nd, id);
    return flush_out(&out);
}

const struct command cmd_delete_def = {
    "delete", "ID --yes",
    N_("remove a cooperation with all its snapshots and recovery drafts, for good (refused while "
       "it is open)"), delete_opts, CC_ARRAY_LEN(delete_opts), 1, 1, CMD_COMMITS, cmd_delete,
};
