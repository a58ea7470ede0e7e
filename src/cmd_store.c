/* cmd_store.c — a store shared through git: `store init --git`, `store
 * clone`, `store status`, `sync`, and the commit that follows every change
 * of a cooperation (cli_commit).  The work is gitstore.h's.  See
 * cli_int.h. */
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsio.h"
#include "gitstore.h"
#include "i18n.h"

/* ---- the commit after a change ---- */

void cli_commit_msg(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    sbuf_reset(&c->commit_msg);
    va_start(ap, fmt);
    sbuf_vaddf(&c->commit_msg, fmt, ap);
    va_end(ap);
}

/* What a command did, for its commit when it says nothing more itself.
 * In English: the history is shared by people who work in either language. */
static const char *what_done(const char *cmd)
{
    static const struct { const char *cmd, *what; } t[] = {
        { "new", "created" }, { "edit", "details edited" }, { "set", "answer changed" },
        { "rate", "risk rated" }, { "measure", "measures changed" },
        { "decide", "decision recorded" }, { "approve", "approval recorded" },
        { "screen", "partner screening" }, { "snapshot", "snapshot taken" },
        { "archive", "archived" }, { "unarchive", "taken out of the archive" },
        { "delete", "deleted" }, { "rename", "renamed" },
        { "interview", "answered in the line mode" },
    };
    for (size_t i = 0; i < CC_ARRAY_LEN(t); i++)
        if (strcmp(t[i].cmd, cmd) == 0)
            return t[i].what;
    return cmd;
}

void cli_commit(struct ctx *c, const struct command *cmd, const struct strlist *pos)
{
    struct strlist paths = { 0 };
    struct cc_err err;
    int made, rc;
    if (!c->data || !gs_enabled(c->data))
        return;
    if (cmd->flags & CMD_INTERACTIVE) {
        rc = gs_commit_pending(c->data, "changed in the interface", &made, &err);
    } else {
        size_t first = (cmd->flags & CMD_ID_SECOND) ? 1 : 0;
        for (size_t i = first; i < pos->n && i < first + ((cmd->flags & CMD_COMMITS2) ? 2u : 1u); i++)
            if (coop_id_valid(pos->v[i]))
                strlist_push(&paths, pos->v[i]);
        if (!c->commit_msg.len)
            cli_commit_msg(c, "%s: %s", paths.n ? paths.v[0] : "store", what_done(cmd->name));
        rc = paths.n ? gs_commit(c->data, &paths, c->commit_msg.buf, &made, &err) : 0;
    }
    if (rc != 0)
        say_error(_("the change is saved, but git could not commit it: %s"), err.msg);
    strlist_release(&paths);
}

/* ---- store init, store clone, store status ---- */

static int store_git;
static const char *store_remote;
static const struct opt store_opts[] = {
    { "git", 0, OPT_FLAG, &store_git },
    { "remote", 0, OPT_VALUE, &store_remote },
};

static int store_init(struct ctx *c, const struct strlist *pos)
{
    struct cc_err err;
    struct sbuf out;
    if (pos->n > 1)
        return usage_error("store", _("too many arguments for 'coopcheck store init': '%s'"),
                           pos->v[1]);
    if (!store_git)
        return usage_error("store", _("'coopcheck store init' needs --git: a store is shared "
                                      "through a git repository"));
    sbuf_init(&out);
    if (gs_init(c->data, store_remote, &out, &err) != 0) {
        flush_out(&out);
        return cli_fail(&err, EXIT_SYSTEM);
    }
    if (store_remote)
        putf(&out, _("Every change is now a commit; 'coopcheck sync' shares them.\n"));
    else
        putf(&out, _("Every change is now a commit; 'coopcheck sync' shares them once the store "
                     "has a remote ('git -C %s remote add origin URL').\n"), c->data);
    return flush_out(&out);
}

static int store_clone(struct ctx *c, const struct strlist *pos)
{
    struct cc_err err;
    struct sbuf out;
    if (pos->n < 2)
        return usage_error("store", _("'coopcheck store clone' needs the address of the "
                                      "repository: coopcheck store clone URL [DIR]"));
    if (pos->n > 3)
        return usage_error("store", _("too many arguments for 'coopcheck store clone': '%s'"),
                           pos->v[3]);
    sbuf_init(&out);
    if (gs_clone(pos->v[1], pos->n > 2 ? pos->v[2] : c->data, &out, &err) != 0) {
        sbuf_release(&out);
        return cli_fail(&err, EXIT_SYSTEM);
    }
    if (pos->n > 2) {
        char *abs = realpath(pos->v[2], NULL);
        putf(&out, _("Use it with --data %s, or data = %s in config.ini.\n"), abs ? abs : pos->v[2],
             abs ? abs : pos->v[2]);
        free(abs);
    }
    return flush_out(&out);
}

static void put_changes(struct sbuf *out, const struct gs_changes *ch)
{
    for (size_t i = 0; i < ch->n; i++) {
        const struct gs_change *g = &ch->v[i];
        struct sbuf who;
        sbuf_init(&who);
        gs_change_authors(g, &who);
        putf(out, P_("  %s  by %s (%zu commit)", "  %s  by %s (%zu commits)", g->commits), g->id,
             who.buf, g->commits);
        if (g->conflicts)
            putf(out, P_("; %zu conflict to resolve: 'coopcheck show %s' shows it",
                         "; %zu conflicts to resolve: 'coopcheck show %s' shows them", g->conflicts),
                 g->conflicts, g->id);
        sbuf_addc(out, '\n');
        sbuf_release(&who);
    }
}

static int store_status(struct ctx *c)
{
    struct gs_changes out_ = { 0 }, in = { 0 };
    struct strlist pending = { 0 };
    struct gs_sync last;
    struct cc_err err;
    struct sbuf out;
    int rc = EXIT_OK;
    if (!gs_enabled(c->data)) {
        say_error(_("%s is not a git store: 'coopcheck store init --git' makes it one"), c->data);
        return EXIT_NOTFOUND;
    }
    if (gs_status(c->data, &out_, &in, &pending, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    sbuf_init(&out);
    putf(&out, _("Store %s (git)\n"), c->data);
    if (pending.n) {
        putf(&out, _("Not committed yet:"));
        for (size_t i = 0; i < pending.n; i++)
            putf(&out, " %s", pending.v[i]);
        sbuf_addc(&out, '\n');
    }
    putf(&out, out_.n ? _("Here, not pushed yet:\n") : _("Nothing here that the remote lacks.\n"));
    put_changes(&out, &out_);
    putf(&out, in.n ? _("Fetched from the remote, not merged here yet (others' changes):\n")
                    : _("Nothing fetched that is not merged here (as of the last sync).\n"));
    put_changes(&out, &in);
    if (gs_last_sync(c->data, &last, &err) == 0 && last.at[0])
        putf(&out, P_("Last sync %s: %zu cooperation came in.\n",
                      "Last sync %s: %zu cooperations came in.\n", last.in.n), last.at, last.in.n);
    gs_sync_release(&last);
    rc = flush_out(&out);
    gs_changes_release(&out_);
    gs_changes_release(&in);
    strlist_release(&pending);
    return rc;
}

static int cmd_store(struct ctx *c, const struct strlist *pos)
{
    const char *sub = pos->v[0];
    if (strcmp(sub, "init") == 0)
        return store_init(c, pos);
    if (strcmp(sub, "clone") == 0)
        return store_clone(c, pos);
    if (strcmp(sub, "status") == 0)
        return pos->n > 1 ? usage_error("store", _("too many arguments for 'coopcheck store "
                                                   "status': '%s'"), pos->v[1])
                          : store_status(c);
    return usage_error("store", _("'coopcheck store' takes init, clone or status, not \"%s\""), sub);
}

const struct command cmd_store_def = {
    "store", "init --git [--remote URL]\nclone URL [DIR]\nstatus",
    N_("share the data directory through git: init makes it a repository (every change is then "
       "a commit), clone fetches a shared one, status shows what is not synced"),
    store_opts, CC_ARRAY_LEN(store_opts), 1, 3, 0, cmd_store,
};

/* ---- sync ---- */

/* A cooperation open in the interface on this machine: a sync could merge
 * the others' changes under it.  EXIT_CONFLICT after saying which. */
static int editors_open(struct ctx *c)
{
    struct strlist ids = { 0 };
    struct cc_err err;
    int rc = 0;
    if (store_coops(c->data, &ids, &err) != 0)
        return 0;   /* sync itself says what is wrong with the store */
    for (size_t i = 0; i < ids.n && !rc; i++) {
        char *dir = fs_join(c->data, ids.v[i]), *lock = fs_join(dir, "lock");
        if (fs_exists(lock) && store_check_lock(c->data, ids.v[i], &err) != 0 && err.code == EBUSY) {
            say_error(_("%s: %s; a sync could merge the others' changes under it: leave it there, "
                        "then sync again"), ids.v[i], err.msg);
            rc = EXIT_CONFLICT;
        }
        free(lock);
        free(dir);
    }
    strlist_release(&ids);
    return rc;
}

static int cmd_sync(struct ctx *c, const struct strlist *pos)
{
    struct gs_sync s;
    struct cc_err err;
    struct sbuf out;
    char now[CC_ISO_LEN];
    size_t conflicts = 0;
    (void)pos;
    cc_now(now);
    if (gs_enabled(c->data) && editors_open(c) != 0)
        return EXIT_CONFLICT;
    if (gs_sync_run(c->data, now, &s, &err) != 0) {
        for (size_t i = 0; i < s.notes.n; i++)
            say_error(_("note: %s"), s.notes.v[i]);
        gs_sync_release(&s);
        return cli_fail(&err, EXIT_SYSTEM);
    }
    sbuf_init(&out);
    for (size_t i = 0; i < s.notes.n; i++)
        putf(&out, _("note: %s\n"), s.notes.v[i]);
    for (size_t i = 0; i < s.in.n; i++) {
        struct assessment *a = NULL;
        if (store_load_ro(c->data, s.in.v[i].id, cli_cats(c), &a, &err) == 0)
            s.in.v[i].conflicts = a->nconflicts;
        else if (err.code != ENOENT)   /* a deleted cooperation came in: nothing to load */
            putf(&out, _("note: %s\n"), err.msg);
        conflicts += s.in.v[i].conflicts;
        assessment_free(a);
    }
    gs_save_sync(c->data, &s);
    if (s.in.n)
        putf(&out, P_("Synced with %s (%s): %zu cooperation came in:\n",
                      "Synced with %s (%s): %zu cooperations came in:\n", s.in.n), s.remote,
             s.branch, s.in.n);
    else
        putf(&out, _("Synced with %s (%s): nothing came in.\n"), s.remote, s.branch);
    put_changes(&out, &s.in);
    if (s.pushed)
        putf(&out, P_("%zu commit pushed.\n", "%zu commits pushed.\n", s.pushed), s.pushed);
    else
        putf(&out, _("Nothing to push.\n"));
    if (s.retries)
        putf(&out, P_("The remote moved on once while syncing; its changes were merged too.\n",
                      "The remote moved on %d times while syncing; its changes were merged too.\n",
                      (unsigned long)s.retries), s.retries);
    gs_sync_release(&s);
    if (conflicts)
        putf(&out, P_("%zu conflict to resolve: a value changed on both sides.  Keep one side "
                      "or edit the value ('coopcheck show ID' shows it).\n",
                      "%zu conflicts to resolve: values changed on both sides.  Keep one side "
                      "or edit the value of each ('coopcheck show ID' shows them).\n", conflicts),
             conflicts);
    return flush_out(&out);
}

const struct command cmd_sync_def = {
    "sync", "",
    N_("share a git store: commit what is pending, fetch, merge the others' changes field by "
       "field, push (uses the network, with git's own settings)"),
    NULL, 0, 0, 0, 0, cmd_sync,
};
