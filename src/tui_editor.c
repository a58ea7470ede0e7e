/* tui_editor.c — the inline editor of a text field (or of the note of a
 * yes/no answer, which is kept in the answer's text): a screen over the
 * assessment, which draws the question with the editor's text in place of
 * the field's answer (assess_paint).  Its keys are the line-editing map
 * (editbuf_apply) plus its own: Esc keeps the text, Ctrl-G cancels the edit
 * (the field goes back to what it was when the editor opened, also when
 * autosave wrote some of it), Ctrl-S saves.  The whole edit is one change
 * for undo.  Typing stops at the field's size limit with a message, before
 * any text is lost; a pause of TUI_AUTOSAVE_MS saves what was typed. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "textutil.h"
#include "tui_assess.h"

struct editor {
    struct screen base;
    struct editbuf eb;
    size_t q, f;                /* the question and field */
    struct qanswers before;     /* the question when the editor opened */
    long last_key;              /* for autosave while typing */
};

/* The last is shown whatever the width: how to leave. */
static const struct hint editor_hints[] = {
    { ACT_EDIT_CANCEL, ACT_NONE, NULL }, { ACT_EDIT_SAVE, ACT_NONE, NULL },
    { ACT_KEYS, ACT_NONE, NULL }, { ACT_NEW_LINE, ACT_NONE, NULL },
    { ACT_DELETE_WORD, ACT_NONE, NULL }, { ACT_EDIT_DONE, ACT_NONE, NULL },
    { ACT_NONE, ACT_NONE, NULL },
};

const struct editbuf *editor_buffer(struct tui *t, size_t *qi, size_t *f)
{
    struct editor *ed = t->av ? t->av->ed : NULL;
    if (!ed)
        return NULL;
    *qi = ed->q;
    *f = ed->f;
    return &ed->eb;
}

/* Puts the editor's text into the model (and on disk); the edit goes on.
 * 0, or -1 with a message when the text is refused. */
static int commit_text(struct tui *t, struct editor *ed)
{
    struct aview *av = t->av;
    struct cc_err err;
    char now[CC_ISO_LEN], *was = NULL;
    const char *old = av->a->q[ed->q].f[ed->f].text;
    int base = !av->dirtyq[ed->q];   /* the file's answers kept, for the draft's base */
    if (!ed->eb.dirty)
        return 0;
    editbuf_clear_dirty(&ed->eb);
    if (strcmp(old ? old : "", ed->eb.text) == 0)
        return 0;
    cc_now(now);
    /* the text replaced becomes the base's: copied once, not twice */
    if (base)
        qanswers_copy_but_text(&av->saved_q[ed->q], &av->a->q[ed->q], ed->f);
    if (assessment_replace_text(av->a, ed->q, ed->f, ed->eb.text, t->who, now, base ? &was : NULL,
                                &err) != 0) {
        if (base)
            qanswers_release(&av->saved_q[ed->q]);
        ed->eb.dirty = 1;
        tui_message(t, 1, "%s", err.msg);
        return -1;
    }
    if (base)
        av->saved_q[ed->q].f[ed->f].text = was;
    av->dirtyq[ed->q] = 1;
    edit_save_later(t);
    return 0;
}

/* The editor is done: it leaves the stack and the draft follows. */
static void finish(struct tui *t, struct editor *ed)
{
    t->av->ed = NULL;
    screen_close(t, &ed->base);
    edit_journal(t);
}

int editor_close(struct tui *t)
{
    struct editor *ed = t->av ? t->av->ed : NULL;
    if (!ed)
        return 0;
    if (commit_text(t, ed) != 0)
        return -1;   /* the editor stays open: nothing typed is lost */
    /* the whole edit is one change for undo */
    undo_record(&t->av->undo, t->av->a, ed->q, &ed->before);
    qpane_keep_layout(t->as, &ed->eb);
    finish(t, ed);
    return 0;
}

static void cancel(struct tui *t, struct editor *ed)
{
    struct aview *av = t->av;
    if (!qanswers_equal(&ed->before, &av->a->q[ed->q])) {
        struct qanswers was;
        qanswers_copy(&was, &av->a->q[ed->q]);
        qanswers_release(&av->a->q[ed->q]);
        av->a->q[ed->q] = ed->before;
        memset(&ed->before, 0, sizeof(ed->before));
        edit_changed(t, ed->q, &was);
        qanswers_release(&was);
    }
    editbuf_clear_dirty(&ed->eb);
    finish(t, ed);
    tui_message(t, 0, "%s", _("edit cancelled; the field is as it was"));
}

/* Inserts text (typed or pasted) without going past the field's limit; says
 * so when it had to stop. */
static void insert(struct tui *t, struct editor *ed, const char *text, size_t len)
{
    size_t room = ed->eb.len < TEXT_ANSWER_MAX ? TEXT_ANSWER_MAX - ed->eb.len : 0, take = 0, need = 0;
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
        editbuf_insert(&ed->eb, text, take);
    if (take < len) {
        char *rest = xstrndup(text + take, len - take);
        tui_message(t, 1, _("the field is full: it holds at most %u bytes (256 KiB); %zu "
                            "characters were not added"), TEXT_ANSWER_MAX, text_count_chars(rest));
        free(rest);
    }
}

static void typed(struct tui *t, struct editor *ed)
{
    ed->last_key = tui_now_ms();
    if (ed->eb.dirty && !t->av->unjournaled_ms)
        t->av->unjournaled_ms = ed->last_key;
}

static void editor_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct editor *ed = (struct editor *)s;
    char enc[4];
    switch (a) {
    case ACT_EDIT_DONE: editor_close(t); return;
    case ACT_EDIT_CANCEL: cancel(t, ed); return;
    case ACT_EDIT_SAVE:
        if (commit_text(t, ed) == 0 && edit_save_due(t) >= 0 && !t->av->unsaved)
            tui_message(t, 0, "%s", _("saved"));
        return;
    case ACT_NEW_LINE: insert(t, ed, "\n", 1); break;
    case ACT_INSERT_TAB: insert(t, ed, "\t", 1); break;
    case ACT_NONE:
        if (key >= ' ' && key < KEYC_BASE)
            insert(t, ed, enc, utf8_encode((uint32_t)key, enc));
        break;
    default:
        editbuf_apply(&ed->eb, a, assess_editor_width(t), assess_page(t), 1);
        break;
    }
    typed(t, ed);
}

static int editor_paste(struct tui *t, struct screen *s, const char *text, size_t len)
{
    struct editor *ed = (struct editor *)s;
    insert(t, ed, text, len);
    typed(t, ed);
    return 1;
}

static void editor_draw(struct tui *t, struct screen *s)
{
    struct editor *ed = (struct editor *)s;
    char prefix[96];
    if (ed->eb.len > TEXT_ANSWER_MAX / 2)
        snprintf(prefix, sizeof(prefix), _("Editing (%zu/%u KiB):"), ed->eb.len / 1024,
                 TEXT_ANSWER_MAX / 1024);
    else if (t->av->a->cat->questions[ed->q].fields[ed->f].type == FIELD_YESNO)
        snprintf(prefix, sizeof(prefix), "%s", _("Editing the note:"));
    else
        snprintf(prefix, sizeof(prefix), "%s", _("Editing:"));
    draw_status_with(t, CTX_EDITOR, prefix, editor_hints);
    assess_paint(t, &ed->eb, ed->f);
}

/* Closed from outside (the program ends, the cooperation closes): the text
 * is kept, or, when it cannot be, journaled as a draft. */
static void editor_destroy(struct tui *t, struct screen *s)
{
    struct editor *ed = (struct editor *)s;
    if (t->av && t->av->ed == ed) {
        if (commit_text(t, ed) == 0)
            undo_record(&t->av->undo, t->av->a, ed->q, &ed->before);
        else
            edit_journal(t);
        t->av->ed = NULL;
        edit_journal(t);
    }
    qanswers_release(&ed->before);
    editbuf_release(&ed->eb);
    free(ed);
}

static const struct screen_ops editor_ops = {
    CTX_EDITOR, 0, editor_draw, editor_key, editor_paste, editor_destroy, editor_hints,
};

void editor_open(struct tui *t, size_t qi, size_t f)
{
    struct editor *ed = xcalloc(1, sizeof(*ed));
    ed->base.ops = &editor_ops;
    ed->q = qi;
    ed->f = f;
    qanswers_copy(&ed->before, &t->av->a->q[qi]);
    editbuf_init(&ed->eb, t->av->a->q[qi].f[f].text);
    editbuf_text_end(&ed->eb);
    ed->last_key = tui_now_ms();
    t->av->ed = ed;
    screen_push(t, &ed->base);
}

long editor_deadline(struct tui *t, long now_ms)
{
    struct editor *ed = t->av ? t->av->ed : NULL;
    long left;
    if (!ed || !ed->eb.dirty)
        return -1;
    left = ed->last_key + TUI_AUTOSAVE_MS - now_ms;
    return left > 0 ? left : 0;
}

int editor_tick(struct tui *t, long now_ms)
{
    struct editor *ed = t->av ? t->av->ed : NULL;
    if (!ed || !ed->eb.dirty || now_ms - ed->last_key < TUI_AUTOSAVE_MS)
        return 0;
    commit_text(t, ed);   /* a pause in typing: on disk, the edit goes on */
    return 1;
}
