/* tui_recover.c — two screens that stand between the user and a loss:
 *   - the drafts a session that ended unexpectedly left (kill -9, a power
 *     cut, a hang-up while $EDITOR ran): shown when the cooperation is
 *     opened, field by field with the saved answer beside the draft's, until
 *     the user applies them, keeps them for later or discards them; never
 *     applied unasked;
 *   - q while answers cannot be saved (a full disk, say): try again, write
 *     the answers to another file, or quit and lose them after typing a word. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "cctime.h"
#include "fsio.h"
#include "textutil.h"

/* ---- drafts left behind ---- */

struct recover {
    struct screen base;
    struct draft *found;    /* newest first; the first is shown */
    size_t nfound, top;
    /* the first draft's lines as last drawn, for that width and language:
     * its values are shown whole, and a long one is not wrapped again for
     * each key */
    struct tlines lines;
    int lines_cols, lines_lang;
};

static void drop_lines(struct recover *rc);

/* Drops the first draft (its file goes with remove); the screen closes after
 * the last. */
static void next_draft(struct tui *t, struct recover *rc, int remove)
{
    struct cc_err err;
    if (remove && draft_remove(&rc->found[0], &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    draft_release(&rc->found[0]);
    memmove(rc->found, rc->found + 1, (rc->nfound - 1) * sizeof(*rc->found));
    rc->top = 0;
    drop_lines(rc);
    if (--rc->nfound == 0)
        screen_close(t, &rc->base);
}

static void drop_lines(struct recover *rc)
{
    tlines_release(&rc->lines);
}

/* A value wrapped at width, whole: what would be applied or replaced is read
 * before a key decides (the screen scrolls). */
static void rl_value(struct tlines *L, const char *label, const char *value, int width)
{
    tlines_add(L, -1, TS_LABEL, xstrdup(label));
    tlines_wrapped(L, -1, TS_VALUE, value ? value : _("(unanswered)"), width, 6);
}

static void recover_lines(struct tui *t, const struct recover *rc, struct tlines *L)
{
    const struct aview *av = t->av;
    const struct draft *d = &rc->found[0];
    char *s = xasprintf(_("coopcheck stopped before it had saved what follows (%s on %s, " "process %ld, last written %s). Nothing of it has been applied."), d->user, d->host, d->writer.pid, d->written_at);
    tlines_wrapped(L, -1, TS_NORMAL, s, t->cols - 2, 0);
    free(s);
    for (size_t i = 0; i < d->nf; i++) {
        const struct draft_field *df = &d->f[i];
        size_t qi, fi;
        char sha[65];
        tlines_add(L, -1, TS_NORMAL, xstrdup(""));
        if (draft_field_locate(av->a, df, &qi, &fi) != 0) {
            s = xasprintf(_("%s.%s is not in this catalogue: left out"), df->qid, df->fid);
            tlines_add(L, -1, TS_ERROR, s);
            continue;
        }
        if (!draft_field_adds(av->a, df))
            continue;
        if (df->is_text && av->a->cat->questions[qi].fields[fi].type == FIELD_YESNO)
            s = xasprintf(_("Question %d · %s (its note)"), av->a->cat->questions[qi].number,
                          l10n_get(&av->a->cat->questions[qi].fields[fi].label, t->lang));
        else
            s = xasprintf(_("Question %d · %s"), av->a->cat->questions[qi].number,
                          l10n_get(&av->a->cat->questions[qi].fields[fi].label, t->lang));
        tlines_add(L, -1, TS_TITLE, s);
        draft_value_sha(draft_current_value(av->a, qi, fi, df->is_text), sha);
        if (strcmp(sha, df->base_sha) != 0) {
            const struct answer *ans = &av->a->q[qi].f[fi];
            s = xasprintf(_("the saved answer was changed after the draft began (%s, %s)"), ans->by ? ans->by : "?", ans->at ? ans->at : "?");
            tlines_wrapped(L, -1, TS_MARK_REVIEW, s, t->cols - 2, 2);
            free(s);
        }
        rl_value(L, _("  saved:"), draft_current_value(av->a, qi, fi, df->is_text), t->cols - 2);
        rl_value(L, _("  draft:"), draft_field_value(df), t->cols - 2);
    }
}

static const struct hint recover_hints[] = {
    { ACT_APPLY, ACT_NONE, NULL }, { ACT_KEEP, ACT_NONE, NULL }, { ACT_DISCARD, ACT_NONE, NULL },
    { ACT_DOWN, ACT_UP, N_("scroll") }, { ACT_NONE, ACT_NONE, NULL },
};

static void recover_draw(struct tui *t, struct screen *s)
{
    struct recover *rc = (struct recover *)s;
    const struct tlines *L = &rc->lines;
    size_t h = (size_t)(t->rows - 1 - status_rows(t) > 1 ? t->rows - 1 - status_rows(t) : 1);
    char *left = xasprintf(_("Recovered typing %s %s"), sym(t, "—", "-"), t->av->a->coop.id);
    char right[48];
    snprintf(right, sizeof(right), _("draft 1/%zu"), rc->nfound);
    draw_header_coop(t, left, _("Recovered typing"), right);
    free(left);
    if (!rc->lines.n || rc->lines_cols != t->cols || rc->lines_lang != (int)t->lang) {
        drop_lines(rc);
        recover_lines(t, rc, &rc->lines);
        rc->lines_cols = t->cols;
        rc->lines_lang = (int)t->lang;
    }
    if (rc->top + h > L->n)
        rc->top = L->n > h ? L->n - h : 0;
    for (size_t y = 0; y < h && rc->top + y < L->n; y++)
        tline_draw(t, 1 + (int)y, &L->v[rc->top + y], 0);
    draw_focus(t, 1, 1);   /* a reader starts at the top of what is shown */
    draw_status(t, CTX_RECOVER, recover_hints);
}

/* Applies every field of the first draft that changes an answer. */
static void apply_draft(struct tui *t, struct recover *rc)
{
    struct aview *av = t->av;
    const struct draft *d = &rc->found[0];
    char now[CC_ISO_LEN];
    size_t applied = 0;
    drop_lines(rc);   /* (what is saved changes: drawn anew) */
    cc_now(now);
    for (size_t i = 0; i < d->nf; i++) {
        const struct draft_field *df = &d->f[i];
        struct qanswers before;
        struct cc_err err;
        size_t qi, fi;
        int r;
        if (!draft_field_adds(av->a, df) || draft_field_locate(av->a, df, &qi, &fi) != 0)
            continue;
        edit_change_begin(t, qi, &before);
        r = df->is_text ? assessment_replace_text(av->a, qi, fi, df->text ? df->text : "", t->who,
                                                  now, NULL, &err)
                        : assessment_set_yesno(av->a, qi, fi, df->yn, t->who, now, &err);
        if (r != 0) {
            qanswers_release(&before);
            tui_message(t, 1, "%s", err.msg);
            return;   /* the draft stays, for another try */
        }
        edit_change_end(t, qi, &before);
        if (av->unsaved)
            return;   /* said why; the draft stays, and ours holds the change too */
        assess_select(t, (long)qi, 1);
        applied++;
    }
    next_draft(t, rc, 1);
    {
        char keys[32];
        keymap_describe(&t->km, ACT_UNDO, 1, keys, sizeof(keys));
        /* TRANSLATORS: the last %s is the undo key */
        tui_message(t, 0, P_("applied the recovered typing (%zu field); %s undoes it",
                             "applied the recovered typing (%zu fields); %s undoes it", applied),
                    applied, keys);
    }
}

static void discard_yes(struct tui *t, void *ctx)
{
    next_draft(t, ctx, 1);
    tui_message(t, 0, "%s", _("draft discarded"));
}

static void recover_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct recover *rc = (struct recover *)s;
    size_t page = t->rows > 4 ? (size_t)t->rows - 4 : 1;
    (void)key;
    switch (a) {
    case ACT_APPLY: apply_draft(t, rc); break;
    case ACT_KEEP:
        next_draft(t, rc, 0);
        tui_message(t, 0, "%s", _("draft kept: it is offered again the next time this cooperation is "
                                  "opened"));
        break;
    case ACT_DISCARD: confirm_open(t, _("Discard this draft for good?"), discard_yes, rc); break;
    case ACT_UP: if (rc->top) rc->top--; break;
    case ACT_DOWN: rc->top++; break;
    case ACT_PAGE_UP: rc->top = rc->top > page ? rc->top - page : 0; break;
    case ACT_PAGE_DOWN: rc->top += page; break;
    case ACT_FIRST: rc->top = 0; break;
    case ACT_LAST: rc->top = (size_t)-1 / 2; break;
    default: break;
    }
}

static void recover_destroy(struct tui *t, struct screen *s)
{
    struct recover *rc = (struct recover *)s;
    (void)t;
    draft_free_all(rc->found, rc->nfound);
    drop_lines(rc);
    free(rc);
}

static const struct screen_ops recover_ops = {
    CTX_RECOVER, 0, recover_draw, recover_key, NULL, recover_destroy, recover_hints,
};

void recover_open(struct tui *t)
{
    struct recover *rc = xcalloc(1, sizeof(*rc));
    struct strlist problems = { 0 };
    struct cc_err err;
    size_t empty = 0;
    rc->base.ops = &recover_ops;
    if (draft_find(t->env->data, t->av->a->coop.id, &rc->found, &rc->nfound, &problems, &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    for (size_t i = 0; i < rc->nfound;) {
        /* one that adds nothing to the saved answers is done with */
        if (!draft_adds_any(t->av->a, &rc->found[i])) {
            draft_remove(&rc->found[i], &err);
            draft_release(&rc->found[i]);
            memmove(rc->found + i, rc->found + i + 1, (rc->nfound - i - 1) * sizeof(*rc->found));
            rc->nfound--;
            empty++;
            continue;
        }
        i++;
    }
    if (problems.n)
        tui_message(t, 1, "%s%s", problems.v[0], problems.n > 1 ? _(" (and more drafts that cannot be "
                                                                     "read)") : "");
    else if (empty && !rc->nfound)
        tui_message(t, 0, P_("removed %zu recovery draft that held nothing the saved answers lack",
                             "removed %zu recovery drafts that held nothing the saved answers lack",
                             empty), empty);
    strlist_release(&problems);
    if (rc->nfound)
        screen_push(t, &rc->base);
    else
        recover_destroy(t, &rc->base);
}

/* ---- q with answers not saved ---- */

struct unsaved {
    struct screen base;
    char why[1200];
};

static const struct hint unsaved_hints[] = {
    { ACT_RETRY, ACT_NONE, NULL }, { ACT_SAVE_AS, ACT_NONE, NULL }, { ACT_DISCARD, ACT_NONE, NULL },
    { ACT_CLOSE, ACT_NONE, N_("back") }, { ACT_NONE, ACT_NONE, NULL },
};

static void unsaved_draw(struct tui *t, struct screen *s)
{
    struct unsaved *u = (struct unsaved *)s;
    static const enum action acts[] = { ACT_RETRY, ACT_SAVE_AS, ACT_DISCARD, ACT_CLOSE };
    struct strlist why = { 0 };
    int w = t->cols - 6 > 76 ? 76 : t->cols - 6, h, y0, y, x, iw;
    wrap_lines(u->why, w - 4, 0, &why);
    h = (int)why.n + 9;
    if (h > t->rows - 2)
        h = t->rows - 2;
    y0 = (t->rows - h) / 2;
    draw_box(t, y0, h, w, _("Answers not saved"), &x, &iw);
    y = y0 + 2;
    for (size_t i = 0; i < why.n && y < y0 + h - 6; i++)
        draw_text(t, y++, x, why.v[i], iw, TS_ERROR);
    y++;
    for (size_t i = 0; i < CC_ARRAY_LEN(acts) && y < y0 + h - 1; i++, y++) {
        char keys[48];
        keymap_describe(&t->km, acts[i], 1, keys, sizeof(keys));
        draw_text(t, y, x, keys, 4, TS_FOCUS);
        draw_text(t, y, x + 5, i == 3 ? _("back to the assessment") : action_description(acts[i]),
                  iw - 5, TS_NORMAL);
    }
    strlist_release(&why);
    draw_status(t, CTX_UNSAVED, unsaved_hints);
}

/* Where the answers go when the data directory cannot take them. */
static void write_done(struct tui *t, void *ctx, const char *path)
{
    struct unsaved *u = ctx;
    struct cc_err err;
    char *text, *full;
    const char *home = getenv("HOME");
    if (!t->av || !*path)
        return;
    full = strncmp(path, "~/", 2) == 0 && home ? xasprintf("%s/%s", home, path + 2) : xstrdup(path);
    text = afile_format(t->av->a);
    if (fs_write_new(full, text, strlen(text), &err) != 0) {
        snprintf(u->why, sizeof(u->why), "%s%s", err.msg,
                 err.code == EEXIST ? _("; give the name of a new file") : "");
    } else {
        t->exit_status = EXIT_SYSTEM;
        tui_message(t, 1, _("the assessment could not be saved in the data directory; all its "
                            "answers were written to %s (and those not saved are in a recovery "
                            "draft, offered at the next open)"), full);
        screen_close(t, (struct screen *)t->as);   /* the unsaved screen and the assessment */
    }
    free(text);
    free(full);
}

static void discard_done(struct tui *t, void *ctx, const char *word)
{
    struct unsaved *u = ctx;
    struct aview *av = t->av;
    struct cc_err err;
    /* TRANSLATORS: the word the user types to lose what was not saved;
     * coopcheck takes both "discard" and this */
    if (strcmp(word, "discard") != 0 && strcmp(word, _("discard")) != 0) {
        snprintf(u->why, sizeof(u->why), "%s", _("nothing was discarded: to quit and lose the "
                                                 "changes, type the word exactly"));
        return;
    }
    av->unsaved = 0;
    for (size_t qi = 0; qi < av->a->cat->nquestions; qi++) {
        if (av->dirtyq[qi])
            qanswers_release(&av->saved_q[qi]);
        av->dirtyq[qi] = 0;
    }
    draft_remove(&av->draft, &err);
    t->exit_status = EXIT_SYSTEM;
    tui_message(t, 1, "%s", _("the changes that could not be saved were discarded, as asked"));
    screen_close(t, (struct screen *)t->as);
}

static void unsaved_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct unsaved *u = (struct unsaved *)s;
    char *label;
    (void)key;
    switch (a) {
    case ACT_RETRY:
        if (edit_save(t) == 0) {
            screen_close(t, (struct screen *)t->as);
        } else {
            snprintf(u->why, sizeof(u->why), "%s", t->msg);
            t->msg[0] = '\0';
        }
        break;
    case ACT_SAVE_AS:
        prompt_open(t, _("Write all answers to (a new file): "), "", write_done, NULL, u);
        break;
    case ACT_DISCARD:
        label = xasprintf(_("Type \"%s\" to quit and lose the changes: "), _("discard"));
        prompt_open(t, label, "", discard_done, NULL, u);
        free(label);
        break;
    case ACT_CLOSE: screen_pop(t); break;
    default: break;
    }
}

static const struct screen_ops unsaved_ops = {
    CTX_UNSAVED, 1, unsaved_draw, unsaved_key, NULL, NULL, unsaved_hints,
};

void unsaved_open(struct tui *t, const char *why)
{
    struct unsaved *u = xcalloc(1, sizeof(*u));
    u->base.ops = &unsaved_ops;
    snprintf(u->why, sizeof(u->why), "%s", why);
    t->msg[0] = '\0';
    screen_push(t, &u->base);
}
