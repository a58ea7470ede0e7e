/* tui_edit.c — the open cooperation's answers: every change goes through the
 * undo log and is saved at once; $EDITOR; and the recovery draft, to which
 * what is not saved yet is journaled within TUI_DRAFT_MS, also while the
 * user keeps typing in the inline editor (tui_editor.c).
 *
 * What is unsaved at any moment: the editor's text where it differs from
 * the model, and every question a failed save left changed (dirtyq).  The
 * draft holds exactly that, and is removed once nothing is unsaved. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cctime.h"
#include "store.h"
#include "textutil.h"

/* ---- the open cooperation ---- */

/* The per-question state and the undo log of assessment a, fresh. */
static void questions_init(struct aview *av, struct assessment *a)
{
    av->a = a;
    av->dirtyq = xcalloc(a->cat->nquestions + 1, 1);
    av->saved_q = xcalloc(a->cat->nquestions + 1, sizeof(*av->saved_q));
    undo_init(&av->undo);
}

/* Frees what questions_init made, and the assessment. */
static void questions_release(struct aview *av)
{
    for (size_t qi = 0; qi < av->a->cat->nquestions; qi++)
        if (av->dirtyq[qi])
            qanswers_release(&av->saved_q[qi]);
    free(av->saved_q);
    free(av->dirtyq);
    undo_release(&av->undo);
    assessment_free(av->a);
}

struct aview *aview_new(struct tui *t, struct assessment *a)
{
    struct aview *av = xcalloc(1, sizeof(*av));
    questions_init(av, a);
    av->round_changed = assessment_untouched(a) &&
                        !store_round_untouched(t->env->data, &t->env->cats, a);
    draft_init(&av->draft, t->env->data, a->coop.id);
    return av;
}

void aview_free(struct tui *t, struct aview *av)
{
    if (t->av == av)
        edit_save_due(t);
    if (av->unsaved && !t->exit_status)   /* (unless the user chose already) */
        edit_save(t);
    if (av->unsaved && !t->exit_status) {
        t->exit_status = EXIT_SYSTEM;
        tui_message(t, 1, _("the assessment could not be saved; the answers that were not saved "
                            "are in the recovery draft %s, offered when you open \"%s\" again"),
                    av->draft.path ? av->draft.path : _("(none: it could not be written)"),
                    av->a->coop.id);
    }
    store_unlock(t->env->data, av->a->coop.id);
    draft_release(&av->draft);
    questions_release(av);
    free(av);
}

int aview_reload(struct tui *t, struct cc_err *err)
{
    struct aview *av = t->av;
    struct assessment *a;
    if (store_load(t->env->data, av->a->coop.id, &t->env->cats, &a, err) != 0)
        return -1;
    questions_release(av);
    questions_init(av, a);
    av->round_changed = assessment_untouched(a) &&
                        !store_round_untouched(t->env->data, &t->env->cats, a);
    av->unsaved = 0;
    return 0;
}

/* ---- saving, the undo log, the draft ---- */

/* The saved value of a field as drafts record it (NULL: unanswered); note:
 * the note of a yes/no field. */
static const char *saved_value_of(const struct tui *t, size_t qi, size_t fi, int note)
{
    const struct aview *av = t->av;
    const struct qanswers *q = av->dirtyq[qi] ? &av->saved_q[qi] : &av->a->q[qi];
    const struct answer *ans = &q->f[fi];
    if (note || av->a->cat->questions[qi].fields[fi].type == FIELD_TEXT)
        return ans->text;
    return ans->yn == YN_UNSET ? NULL : yesno_name(ans->yn);
}

static const char *saved_value(const struct tui *t, size_t qi, size_t fi)
{
    return saved_value_of(t, qi, fi, 0);
}

/* 1 when the note of yes/no field fi of question qi differs from the saved one. */
static int note_changed(const struct tui *t, size_t qi, size_t fi)
{
    const char *now = t->av->a->q[qi].f[fi].text, *was = saved_value_of(t, qi, fi, 1);
    return strcmp(now ? now : "", was ? was : "") != 0;
}

/* Writes what is unsaved to the recovery draft (and the text of field xf of
 * question xq, when xq >= 0: what $EDITOR left at a hang-up), or removes the
 * draft when nothing is unsaved.  0, or -1 when the draft cannot be written. */
static int journal(struct tui *t, long xq, size_t xf, const char *xtext)
{
    struct aview *av = t->av;
    const struct catalog *cat = av->a->cat;
    size_t eq = 0, ef = 0;
    const struct editbuf *ed = editor_buffer(t, &eq, &ef);
    struct cc_err err;
    av->unjournaled_ms = 0;
    draft_clear(&av->draft);
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        if (!av->dirtyq[qi])
            continue;
        for (size_t f = 0; f < q->nfields; f++) {
            const struct answer *ans = &av->a->q[qi].f[f];
            int in_editor = (ed && eq == qi && ef == f) || (xq == (long)qi && xf == f);
            if (in_editor && q->fields[f].type == FIELD_TEXT)
                continue;   /* the editor's text below */
            if (q->fields[f].type == FIELD_TEXT) {
                draft_add_text(&av->draft, q->id, q->fields[f].id, ans->text, saved_value(t, qi, f));
                continue;
            }
            draft_add_yesno(&av->draft, q->id, q->fields[f].id, ans->yn, saved_value(t, qi, f));
            /* a note is a text entry on the yes/no field (tui_recover.c) */
            if (!in_editor && note_changed(t, qi, f))
                draft_add_text(&av->draft, q->id, q->fields[f].id, ans->text,
                               saved_value_of(t, qi, f, 1));
        }
    }
    if (ed) {
        const char *cur = av->a->q[eq].f[ef].text;
        if (strcmp(cur ? cur : "", ed->text) != 0 || av->dirtyq[eq])
            draft_add_text(&av->draft, cat->questions[eq].id, cat->questions[eq].fields[ef].id,
                           ed->text, saved_value_of(t, eq, ef, 1));
    }
    if (xq >= 0)
        draft_add_text(&av->draft, cat->questions[xq].id, cat->questions[xq].fields[xf].id, xtext,
                       saved_value(t, (size_t)xq, xf));
    if (av->draft.nf == 0) {
        if (draft_remove(&av->draft, &err) != 0)
            tui_message(t, 1, "%s", err.msg);
        return 0;
    }
    if (draft_save(&av->draft, &err) != 0) {
        tui_message(t, 1, _("the recovery draft cannot be written: %s"), err.msg);
        return -1;
    }
    return 0;
}

void edit_journal(struct tui *t)
{
    if (t->av->save_due)
        return;   /* the save comes first, and journals what it could not save */
    journal(t, -1, 0, NULL);
}

int edit_save(struct tui *t)
{
    struct aview *av = t->av;
    struct cc_err err;
    if (store_save(t->env->data, av->a, &err) != 0) {
        av->unsaved = 1;
        tui_message(t, 1, _("NOT SAVED: %s (the answers stay in memory and in a recovery draft; q "
                            "offers to try again or to write them elsewhere)"), err.msg);
        edit_journal(t);
        return -1;
    }
    av->unsaved = 0;
    av->settle_due = 1;   /* edit_tick: store_settle, so the next save need not read it */
    av->settle_ms = 0;
    for (size_t qi = 0; qi < av->a->cat->nquestions; qi++) {
        if (av->dirtyq[qi])
            qanswers_release(&av->saved_q[qi]);
        av->dirtyq[qi] = 0;
    }
    edit_journal(t);
    return 0;
}

void edit_save_later(struct tui *t)
{
    t->av->save_due = 1;
}

int edit_save_due(struct tui *t)
{
    if (!t->av || !t->av->save_due)
        return 0;
    t->av->save_due = 0;
    edit_save(t);
    return 1;
}

void edit_change_begin(struct tui *t, size_t qi, struct qanswers *before)
{
    qanswers_copy(before, &t->av->a->q[qi]);
}

/* Records the change of question qi since before (taken over) and saves. */
void edit_change_end(struct tui *t, size_t qi, struct qanswers *before)
{
    struct aview *av = t->av;
    if (!av->dirtyq[qi])
        qanswers_copy(&av->saved_q[qi], before);   /* what the file holds */
    if (!undo_record(&av->undo, av->a, qi, before)) {
        if (!av->dirtyq[qi])
            qanswers_release(&av->saved_q[qi]);
        return;
    }
    av->dirtyq[qi] = 1;
    edit_save_later(t);
}

/* Marks question qi changed outside the log (undo, redo) and saves. */
void edit_changed(struct tui *t, size_t qi, const struct qanswers *was)
{
    struct aview *av = t->av;
    if (!av->dirtyq[qi]) {
        qanswers_copy(&av->saved_q[qi], was);
        av->dirtyq[qi] = 1;
    }
    edit_save_later(t);
}

/* ---- $EDITOR ---- */

void edit_external(struct tui *t, size_t qi, size_t f)
{
    struct aview *av = t->av;
    char *text, *leftover, now[CC_ISO_LEN];
    const char *old = av->a->q[qi].f[f].text;
    struct cc_err err;
    int r = tui_external_edit(t, old, &text, &leftover);
    if (r < 0)
        return;
    if (r == 1) {
        /* hung up while the editor ran: its text becomes a draft, offered
         * at the next open, never applied unasked; its file goes once the
         * draft holds it */
        if (text && strcmp(text, old ? old : "") != 0 && journal(t, (long)qi, f, text) == 0) {
            char *slash = strrchr(leftover, '/');
            unlink(leftover);
            if (slash) {
                *slash = '\0';
                rmdir(leftover);
            }
        }
        free(leftover);
        free(text);
        return;
    }
    if (strcmp(text, old ? old : "") != 0) {
        struct qanswers before;
        cc_now(now);
        edit_change_begin(t, qi, &before);
        if (assessment_replace_text(av->a, qi, f, text, t->who, now, NULL, &err) != 0) {
            tui_message(t, 1, "%s", err.msg);
            qanswers_release(&before);
        } else {
            edit_change_end(t, qi, &before);
        }
    }
    free(text);
}

/* ---- timing ---- */

long edit_deadline(struct tui *t, long now_ms)
{
    struct aview *av = t->av;
    long d = editor_deadline(t, now_ms), left;
    if (av && av->settle_due) {
        left = av->settle_ms > now_ms ? av->settle_ms - now_ms : 0;
        d = d < 0 || left < d ? left : d;
    }
    if (!av || !av->unjournaled_ms)
        return d;
    left = av->unjournaled_ms + TUI_DRAFT_MS - now_ms;
    if (left < 0)
        left = 0;
    return d < 0 || left < d ? left : d;
}

int edit_tick(struct tui *t, long now_ms)
{
    struct aview *av = t->av;
    int changed = editor_tick(t, now_ms);
    if (av && av->settle_due && now_ms >= av->settle_ms && !av->save_due) {
        long wait = store_settle(t->env->data, av->a);
        av->settle_due = wait >= 0;
        av->settle_ms = now_ms + wait;
    }
    if (av && av->unjournaled_ms && now_ms - av->unjournaled_ms >= TUI_DRAFT_MS)
        edit_journal(t);   /* typing goes on: the draft follows it */
    return changed;
}

void edit_flush(struct tui *t)
{
    struct aview *av = t->av;
    if (!av)
        return;
    if (av->ed)
        editor_close(t);   /* keeps the text, or journals it */
    edit_save_due(t);
    if (av->unsaved)
        edit_save(t);
    if (av->unjournaled_ms)
        edit_journal(t);
}
