/* tui_edit.c — changing answers in the assessment screen: every change goes
 * through the undo log and is saved at once; the inline editor (one whole
 * edit is one change, Esc keeps it, Ctrl-G cancels it, the field's size limit
 * is enforced before text is lost) and $EDITOR; and the recovery draft, to
 * which typing not yet saved is journaled within TUI_DRAFT_MS, also while
 * the user keeps typing.
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

/* ---- saving and the undo log ---- */

/* The saved value of a field as drafts record it (NULL: unanswered). */
static const char *saved_value(const struct tui *t, size_t qi, size_t fi)
{
    const struct aview *av = t->av;
    const struct qanswers *q = av->dirtyq[qi] ? &av->saved_q[qi] : &av->a->q[qi];
    const struct answer *ans = &q->f[fi];
    if (av->a->cat->questions[qi].fields[fi].type == FIELD_TEXT)
        return ans->text;
    return ans->yn == YN_UNSET ? NULL : yesno_name(ans->yn);
}

/* Writes what is unsaved to the recovery draft (and the text of field xf of
 * question xq, when xq >= 0: what $EDITOR left at a hang-up), or removes the
 * draft when nothing is unsaved.  0, or -1 when the draft cannot be written. */
static int journal(struct tui *t, long xq, size_t xf, const char *xtext)
{
    struct aview *av = t->av;
    const struct catalog *cat = av->a->cat;
    struct cc_err err;
    av->unjournaled_ms = 0;
    draft_clear(&av->draft);
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        if (!av->dirtyq[qi])
            continue;
        for (size_t f = 0; f < q->nfields; f++) {
            const struct answer *ans = &av->a->q[qi].f[f];
            if ((av->editing && av->edit_q == qi && av->edit_f == f) || (xq == (long)qi && xf == f))
                continue;   /* the editor's text below */
            if (q->fields[f].type == FIELD_TEXT)
                draft_add_text(&av->draft, q->id, q->fields[f].id, ans->text, saved_value(t, qi, f));
            else
                draft_add_yesno(&av->draft, q->id, q->fields[f].id, ans->yn, saved_value(t, qi, f));
        }
    }
    if (av->editing) {
        const char *cur = av->a->q[av->edit_q].f[av->edit_f].text;
        if (strcmp(cur ? cur : "", av->eb.text) != 0 || av->dirtyq[av->edit_q])
            draft_add_text(&av->draft, cat->questions[av->edit_q].id,
                           cat->questions[av->edit_q].fields[av->edit_f].id, av->eb.text,
                           saved_value(t, av->edit_q, av->edit_f));
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
        tui_message(t, 1, TR(t, "the recovery draft cannot be written: %s",
                             "der Wiederherstellungsentwurf kann nicht geschrieben werden: %s"),
                    err.msg);
        return -1;
    }
    return 0;
}

void edit_journal(struct tui *t)
{
    journal(t, -1, 0, NULL);
}

int edit_save(struct tui *t)
{
    struct aview *av = t->av;
    struct cc_err err;
    if (store_save(t->env->data, av->a, &err) != 0) {
        av->unsaved = 1;
        tui_message(t, 1, TR(t, "NOT SAVED: %s (the answers stay in memory and in a recovery "
                                "draft; q offers to retry or to write them elsewhere)",
                             "NICHT GESPEICHERT: %s (die Antworten bleiben im Speicher und in "
                             "einem Wiederherstellungsentwurf; q bietet an, es erneut zu "
                             "versuchen oder sie anderswo zu speichern)"), err.msg);
        edit_journal(t);
        return -1;
    }
    av->unsaved = 0;
    for (size_t qi = 0; qi < av->a->cat->nquestions; qi++) {
        if (av->dirtyq[qi])
            qanswers_release(&av->saved_q[qi]);
        av->dirtyq[qi] = 0;
    }
    edit_journal(t);
    return 0;
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
    edit_save(t);
}

/* Marks question qi changed outside the log (undo, redo) and saves. */
void edit_changed(struct tui *t, size_t qi, const struct qanswers *was)
{
    struct aview *av = t->av;
    if (!av->dirtyq[qi]) {
        qanswers_copy(&av->saved_q[qi], was);
        av->dirtyq[qi] = 1;
    }
    edit_save(t);
}

/* ---- the inline editor ---- */

static long ms_since(const struct timespec *ts)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - ts->tv_sec) * 1000 + (now.tv_nsec - ts->tv_nsec) / 1000000;
}

/* Puts the editor's text into the model (and on disk); the edit goes on.
 * 0, or -1 with a message when the text is refused. */
static int commit_text(struct tui *t)
{
    struct aview *av = t->av;
    struct cc_err err;
    char now[CC_ISO_LEN];
    const char *old = av->a->q[av->edit_q].f[av->edit_f].text;
    if (!av->eb.dirty)
        return 0;
    editbuf_clear_dirty(&av->eb);
    if (strcmp(old ? old : "", av->eb.text) == 0)
        return 0;
    cc_now(now);
    if (!av->dirtyq[av->edit_q])   /* what the file holds, for the draft's base */
        qanswers_copy(&av->saved_q[av->edit_q], &av->a->q[av->edit_q]);
    if (assessment_set_text(av->a, av->edit_q, av->edit_f, av->eb.text, t->who, now, &err) != 0) {
        if (!av->dirtyq[av->edit_q])
            qanswers_release(&av->saved_q[av->edit_q]);
        av->eb.dirty = 1;
        tui_message(t, 1, "%s", err.msg);
        return -1;
    }
    av->dirtyq[av->edit_q] = 1;
    edit_save(t);
    return 0;
}

void edit_start(struct tui *t, size_t f)
{
    struct aview *av = t->av;
    av->focus = FOCUS_FIELDS;
    av->field = f;
    av->editing = 1;
    av->edit_q = av->sel;
    av->edit_f = f;
    qanswers_copy(&av->edit_before, &av->a->q[av->sel]);
    editbuf_init(&av->eb, av->a->q[av->sel].f[f].text);
    editbuf_text_end(&av->eb);
    clock_gettime(CLOCK_MONOTONIC, &av->last_key);
}

static void edit_end(struct tui *t)
{
    struct aview *av = t->av;
    editbuf_release(&av->eb);
    av->editing = 0;
    edit_journal(t);
}

int edit_stop(struct tui *t)
{
    struct aview *av = t->av;
    if (!av->editing)
        return 0;
    if (commit_text(t) != 0)
        return -1;   /* the editor stays open: nothing typed is lost */
    /* the whole edit is one change for undo */
    if (!undo_record(&av->undo, av->a, av->edit_q, &av->edit_before))
        memset(&av->edit_before, 0, sizeof(av->edit_before));
    edit_end(t);
    return 0;
}

/* Ctrl-G: the field goes back to what it was when the editor opened (also
 * when autosave wrote some of the typing meanwhile). */
static void edit_cancel(struct tui *t)
{
    struct aview *av = t->av;
    int changed = !qanswers_equal(&av->edit_before, &av->a->q[av->edit_q]);
    if (changed) {
        struct qanswers was;
        qanswers_copy(&was, &av->a->q[av->edit_q]);
        qanswers_release(&av->a->q[av->edit_q]);
        av->a->q[av->edit_q] = av->edit_before;
        memset(&av->edit_before, 0, sizeof(av->edit_before));
        edit_changed(t, av->edit_q, &was);
        qanswers_release(&was);
    } else {
        qanswers_release(&av->edit_before);
    }
    edit_end(t);
    tui_message(t, 0, TR(t, "edit cancelled; the field is as it was", "Bearbeitung abgebrochen; "
                            "das Feld ist wie zuvor"));
}

/* Inserts text (typed or pasted) without going past the field's limit; says
 * so when it had to stop. */
static void edit_insert(struct tui *t, const char *text, size_t len)
{
    struct aview *av = t->av;
    size_t room = av->eb.len < TEXT_ANSWER_MAX ? TEXT_ANSWER_MAX - av->eb.len : 0, take = 0, need = 0;
    /* a tab may become four spaces: count it so */
    while (take < len) {
        size_t n = 1;
        while (take + n < len && ((unsigned char)text[take + n] & 0xc0) == 0x80)
            n++;
        if (need + (text[take] == '\t' ? 4 : n) > room)
            break;
        need += text[take] == '\t' ? 4 : n;
        take += n;
    }
    if (take)
        editbuf_insert(&av->eb, text, take);
    if (take < len) {
        char *rest = xstrndup(text + take, len - take);
        tui_message(t, 1, TR(t, "the field is full: it holds at most %u bytes (256 KiB); %zu "
                                "characters were not added",
                             "das Feld ist voll: es fasst höchstens %u Bytes (256 KiB); %zu "
                             "Zeichen wurden nicht eingefügt"), TEXT_ANSWER_MAX,
                    text_count_chars(rest));
        free(rest);
    }
}

static void typed(struct tui *t)
{
    struct aview *av = t->av;
    clock_gettime(CLOCK_MONOTONIC, &av->last_key);
    if (av->eb.dirty && !av->unjournaled_ms)
        av->unjournaled_ms = tui_now_ms();
}

void edit_key(struct tui *t, int key, size_t width, int page)
{
    struct aview *av = t->av;
    char enc[4];
    switch (key) {
    case KEYC_ESC: edit_stop(t); return;
    case KEYC_CTRL_A + ('g' - 'a'): edit_cancel(t); return;
    case KEYC_ENTER: edit_insert(t, "\n", 1); break;
    case KEYC_BACKSPACE: editbuf_backspace(&av->eb); break;
    case KEYC_DELETE: editbuf_delete(&av->eb); break;
    case KEYC_LEFT: editbuf_left(&av->eb); break;
    case KEYC_RIGHT: editbuf_right(&av->eb); break;
    case KEYC_UP: editbuf_up(&av->eb, width); break;
    case KEYC_DOWN: editbuf_down(&av->eb, width); break;
    case KEYC_PGUP: for (int i = 0; i < page; i++) editbuf_up(&av->eb, width); break;
    case KEYC_PGDN: for (int i = 0; i < page; i++) editbuf_down(&av->eb, width); break;
    case KEYC_HOME: case KEYC_CTRL_A: editbuf_line_start(&av->eb); break;
    case KEYC_END: case KEYC_CTRL_E: editbuf_line_end(&av->eb); break;
    case KEYC_WORD_LEFT: editbuf_word_left(&av->eb); break;
    case KEYC_WORD_RIGHT: editbuf_word_right(&av->eb); break;
    case KEYC_CTRL_A + ('w' - 'a'): editbuf_delete_word_back(&av->eb); break;
    case KEYC_CTRL_A + ('s' - 'a'):
        if (commit_text(t) == 0 && !av->unsaved)
            tui_message(t, 0, TR(t, "saved", "gespeichert"));
        return;
    case KEYC_TAB: edit_insert(t, "\t", 1); break;
    default:
        if (key >= 32 && key < KEYC_BASE)
            edit_insert(t, enc, utf8_encode((uint32_t)key, enc));
        break;
    }
    typed(t);
}

int edit_paste(struct tui *t, const char *text, size_t len)
{
    edit_insert(t, text, len);
    typed(t);
    return 1;
}

/* ---- $EDITOR ---- */

void edit_external(struct tui *t, size_t f)
{
    struct aview *av = t->av;
    char *text, *leftover, now[CC_ISO_LEN];
    const char *old = av->a->q[av->sel].f[f].text;
    struct cc_err err;
    int r = tui_external_edit(t, old, &text, &leftover);
    if (r < 0)
        return;
    av->focus = FOCUS_FIELDS;
    av->field = f;
    if (r == 1) {
        /* hung up while the editor ran: its text becomes a draft, offered
         * at the next open, never applied unasked; its file goes once the
         * draft holds it */
        if (text && strcmp(text, old ? old : "") != 0 && journal(t, (long)av->sel, f, text) == 0) {
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
        edit_change_begin(t, av->sel, &before);
        if (assessment_set_text(av->a, av->sel, f, text, t->who, now, &err) != 0) {
            tui_message(t, 1, "%s", err.msg);
            qanswers_release(&before);
        } else {
            edit_change_end(t, av->sel, &before);
        }
    }
    free(text);
}

/* ---- timing ---- */

long assess_deadline(struct tui *t, long now_ms)
{
    struct aview *av = t->av;
    long d = -1;
    if (!av)
        return -1;
    if (av->editing && av->eb.dirty) {
        long left = TUI_AUTOSAVE_MS - ms_since(&av->last_key);
        d = left > 0 ? left : 0;
    }
    if (av->unjournaled_ms) {
        long left = av->unjournaled_ms + TUI_DRAFT_MS - now_ms;
        if (left < 0)
            left = 0;
        if (d < 0 || left < d)
            d = left;
    }
    return d;
}

int assess_tick(struct tui *t, long now_ms)
{
    struct aview *av = t->av;
    int changed = 0;
    if (!av)
        return 0;
    if (av->editing && av->eb.dirty && ms_since(&av->last_key) >= TUI_AUTOSAVE_MS) {
        commit_text(t);   /* a pause in typing: on disk, the edit goes on */
        changed = 1;
    }
    if (av->unjournaled_ms && now_ms - av->unjournaled_ms >= TUI_DRAFT_MS)
        edit_journal(t);  /* typing goes on: the draft follows it */
    return changed;
}

void assess_flush(struct tui *t)
{
    struct aview *av = t->av;
    if (!av)
        return;
    if (av->editing && av->eb.dirty)
        commit_text(t);
    if (av->unsaved)
        edit_save(t);
    if (av->unjournaled_ms)
        edit_journal(t);
}
