/* tui_picker_ops.c — what the list of cooperations does to one of them:
 * rename it (a prompt for the new id), archive it or take it out of the
 * archive, and delete it after its id has been typed.  Each is refused with
 * a message that says why and what to do: the cooperation is open in an
 * interface (here or elsewhere), it has recovery drafts (a rename would
 * leave them behind), or the new id is taken or no id.  The store does the
 * work as steps a crash cannot leave half done (store_rename, store_delete);
 * the list is read again afterwards. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "draft.h"
#include "store.h"

/* The recovery drafts of id: 0 and their number, or -1 with a message. */
static int drafts_of(struct tui *t, const char *id, size_t *n)
{
    struct draft *v = NULL;
    struct strlist problems = { 0 };
    struct cc_err err;
    *n = 0;
    if (draft_find(t->env->data, id, &v, n, &problems, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        strlist_release(&problems);
        return -1;
    }
    draft_free_all(v, *n);
    strlist_release(&problems);
    return 0;
}

/* 0 when nobody has id open; -1 after saying who has. */
static int not_open(struct tui *t, const char *id)
{
    struct cc_err err;
    if (store_check_lock(t->env->data, id, &err) == 0)
        return 0;
    tui_message(t, 1, "%s", err.msg);
    return -1;
}

/* 0 when id has no recovery drafts; -1 after saying that a rename would
 * leave them behind (or that they cannot be looked for). */
static int drafts_refuse(struct tui *t, const char *id)
{
    size_t n;
    if (drafts_of(t, id, &n) != 0)
        return -1;
    if (n == 0)
        return 0;
    tui_message(t, 1, P_("%s has %zu recovery draft of typing that was not saved: open it and "
                         "apply or discard the draft first, then rename it",
                         "%s has %zu recovery drafts of typing that was not saved: open it and "
                         "apply or discard them first, then rename it", n), id, n);
    return -1;
}

static void release_str(void *ctx)
{
    free(ctx);
}

/* ---- rename ---- */

static char *rename_label(const char *id)
{
    return xasprintf(_("New id for %s (a-z, 0-9, -; Enter renames, Esc keeps it): "), id);
}

static void rename_done(struct tui *t, void *ctx, const char *text)
{
    const char *from = ctx;
    struct cc_err err;
    char now[CC_ISO_LEN], *label;
    while (*text == ' ')
        text++;
    if (!*text || strcmp(text, from) == 0) {
        tui_message(t, 0, _("%s keeps its id"), from);
        return;
    }
    if (drafts_refuse(t, from) != 0)
        return;
    cc_now(now);
    if (store_rename(t->env->data, from, text, &t->env->cats, t->who, now, &err) == 0) {
        t->picker_stale = 1;
        tui_message(t, 0, _("%s is now called %s; its snapshots keep their chain"), from, text);
        return;
    }
    if (err.code == EBUSY) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    /* a new id that is taken or no id: the prompt again, as typed */
    label = rename_label(from);
    prompt_open_owned(t, label, text, rename_done, xstrdup(from), release_str);
    free(label);
    tui_message(t, 1, "%s", err.msg);
}

void picker_rename(struct tui *t, const char *id)
{
    char *label;
    if (not_open(t, id) != 0 || drafts_refuse(t, id) != 0)
        return;
    label = rename_label(id);
    prompt_open_owned(t, label, id, rename_done, xstrdup(id), release_str);
    free(label);
}

/* ---- archive ---- */

void picker_archive(struct tui *t, const char *id, int on)
{
    struct store_w w;
    struct assessment *a = NULL;
    struct cc_err err;
    char now[CC_ISO_LEN], keys[48];
    int r = -1;
    if (store_w_open(t->env->data, id, &w, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    cc_now(now);
    if (store_w_check_lock(&w, &err) == 0 && store_w_load(&w, &t->env->cats, &a, &err) == 0) {
        r = coop_set_archived(a, on, t->who, now);
        if (r > 0 && store_w_save(&w, a, &err) != 0)
            r = -1;
    }
    assessment_free(a);
    store_w_close(&w);
    t->picker_stale = 1;
    if (r < 0) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    keymap_describe(&t->km, ACT_SHOW_ARCHIVED, 1, keys, sizeof(keys));
    if (on)
        tui_message(t, 0, _("%s is archived: kept as it is, left out of the list and of due "
                            "dates (%s shows archived cooperations)"), id, keys);
    else
        tui_message(t, 0, _("%s is out of the archive"), id);
}

/* ---- delete ---- */

static void remove_drafts(struct tui *t, const char *id, size_t *removed)
{
    struct strlist problems = { 0 };
    struct cc_err err;
    long n = draft_remove_all(t->env->data, id, &problems, &err);
    *removed = n > 0 ? (size_t)n : 0;
    strlist_release(&problems);
}

static void delete_done(struct tui *t, void *ctx, const char *text)
{
    const char *id = ctx;
    struct cc_err err;
    size_t drafts;
    if (strcmp(text, id) != 0) {
        tui_message(t, 1, _("\"%s\" is not \"%s\": nothing was deleted"), text, id);
        return;
    }
    if (store_delete(t->env->data, id, &err) != 0) {
        t->picker_stale = 1;
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    remove_drafts(t, id, &drafts);
    t->picker_stale = 1;
    if (drafts)
        tui_message(t, 0, P_("%s is deleted, with its snapshots and %zu recovery draft",
                             "%s is deleted, with its snapshots and %zu recovery drafts", drafts),
                    id, drafts);
    else
        tui_message(t, 0, _("%s is deleted, with its snapshots"), id);
}

void picker_delete(struct tui *t, const char *id)
{
    size_t n;
    char *label;
    if (not_open(t, id) != 0 || drafts_of(t, id, &n) != 0)
        return;
    if (n)
        label = xasprintf(P_("Delete %s, all its snapshots and %zu recovery draft for good? Type "
                             "its id to delete it: ",
                             "Delete %s, all its snapshots and %zu recovery drafts for good? Type "
                             "its id to delete it: ", n), id, n);
    else
        label = xasprintf(_("Delete %s and all its snapshots for good? Type its id to delete it: "),
                          id);
    prompt_open_owned(t, label, "", delete_done, xstrdup(id), release_str);
    free(label);
}
