/* tui_prompt.c — the one-line questions at the bottom of the screen: a
 * prompt that takes a line of text (search, go to, a snapshot's note, a file
 * name, a typed confirmation) and a question answered with y.  Both are
 * overlays: the screen below stays visible.  A prompt that does not fit one
 * row takes a second one (the label above, the text below, scrolled so that
 * the cursor is always in view). */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "textutil.h"

#define PROMPT_MAX 4096   /* bytes of text a prompt takes */

struct prompt {
    struct screen base;
    char *label;
    struct editbuf eb;
    void (*done)(struct tui *t, void *ctx, const char *text);
    void (*cancel)(struct tui *t, void *ctx);
    void *ctx;
    void (*release)(void *ctx);   /* when the prompt owns ctx */
};

static const struct hint prompt_hints[] = {
    { ACT_ACCEPT, ACT_NONE, NULL }, { ACT_CLOSE, ACT_NONE, N_("cancel") },
    { ACT_NONE, ACT_NONE, NULL },
};

/* A label too long for the text's row, wrapped above it on the rows it
 * needs, up to half the screen (a file prompt's list of formats lost its
 * third row at 60 columns when two were the most). */
static void label_lines(struct tui *t, const struct prompt *p, struct strlist *lines)
{
    wrap_lines(p->label, t->cols, 0, lines);
    lines_cap(lines, t->rows > 4 ? (size_t)t->rows / 2 : 1, t->cols);
}

/* The first row of a label wrapped above its text. */
static int top_of_label(struct tui *t, const struct prompt *p)
{
    struct strlist lines = { 0 };
    int n;
    label_lines(t, p, &lines);
    n = (int)lines.n;
    strlist_release(&lines);
    return t->rows - 1 - n;
}

/* The message (why what was typed was refused) above the prompt, whose rows
 * hide the status line that would show it. */
static void prompt_message(struct tui *t, int top)
{
    struct strlist lines = { 0 };
    if (!t->msg[0])
        return;
    wrap_lines(t->msg, t->cols, 0, &lines);
    while (lines.n > 2)
        free(lines.v[--lines.n]);
    for (size_t i = 0; i < lines.n; i++) {
        int y = top - (int)lines.n + (int)i;
        draw_fill(t, y, 0, t->cols, t->msg_error ? TS_ERROR : TS_MESSAGE);
        draw_text(t, y, 0, lines.v[i], t->cols, t->msg_error ? TS_ERROR : TS_MESSAGE);
    }
    strlist_release(&lines);
}

static void prompt_draw(struct tui *t, struct screen *s)
{
    struct prompt *p = (struct prompt *)s;
    int lw = (int)text_width(p->label), tw = (int)text_width(p->eb.text), y, x, room, skip = 0;
    size_t row, col;
    editbuf_cursor_rowcol(&p->eb, 100000, &row, &col);
    if (lw + tw + 1 <= t->cols) {   /* label and text on one row */
        y = t->rows - 1;
        draw_fill(t, y, 0, t->cols, TS_STATUS);
        x = draw_text(t, y, 0, p->label, t->cols, TS_STATUS);
    } else {                        /* the label (wrapped) above, the text below */
        struct strlist lines = { 0 };
        label_lines(t, p, &lines);
        y = t->rows - 1 - (int)lines.n;
        for (size_t i = 0; i < lines.n; i++) {
            draw_fill(t, y + (int)i, 0, t->cols, TS_STATUS);
            draw_text(t, y + (int)i, 0, lines.v[i], t->cols, TS_STATUS);
        }
        strlist_release(&lines);
        y = t->rows - 1;
        draw_fill(t, y, 0, t->cols, TS_STATUS);
        x = 0;
    }
    room = t->cols - x - 1;
    if ((int)col > room)
        skip = (int)col - room;   /* scrolled so that the cursor shows */
    draw_text_from(t, y, x, p->eb.text, skip, room, TS_STATUS);
    draw_cursor(t, y, x + (int)col - skip);
    prompt_message(t, lw + tw + 1 <= t->cols ? y : top_of_label(t, p));
}

static void prompt_finish(struct tui *t, struct prompt *p, int accept)
{
    screen_pop(t);   /* freed after this key: the callbacks may open screens */
    if (accept && p->done)
        p->done(t, p->ctx, p->eb.text);
    else if (!accept && p->cancel)
        p->cancel(t, p->ctx);
}

static void prompt_insert(struct tui *t, struct prompt *p, const char *text, size_t len)
{
    if (p->eb.len + len > PROMPT_MAX) {
        tui_message(t, 1, _("a prompt takes at most %d bytes"), PROMPT_MAX);
        return;
    }
    editbuf_insert(&p->eb, text, len);
}

static void prompt_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct prompt *p = (struct prompt *)s;
    char enc[4];
    if (a == ACT_ACCEPT)
        prompt_finish(t, p, 1);
    else if (a == ACT_CLOSE || a == ACT_EDIT_CANCEL)
        prompt_finish(t, p, 0);
    else if (a == ACT_DELETE_BACK && p->eb.len == 0)
        prompt_finish(t, p, 0);   /* Backspace on nothing: as Esc */
    else if (a != ACT_NONE)
        editbuf_apply(&p->eb, a, 100000, 1, 0);
    else if (key >= ' ' && key < KEYC_BASE)
        prompt_insert(t, p, enc, utf8_encode((uint32_t)key, enc));
}

static int prompt_paste(struct tui *t, struct screen *s, const char *text, size_t len)
{
    (void)len;
    prompt_insert(t, (struct prompt *)s, text, strcspn(text, "\n"));   /* one line */
    return 1;
}

static void prompt_destroy(struct tui *t, struct screen *s)
{
    struct prompt *p = (struct prompt *)s;
    (void)t;
    editbuf_release(&p->eb);
    if (p->release)
        p->release(p->ctx);
    free(p->label);
    free(p);
}

static const struct screen_ops prompt_ops = {
    CTX_LINE, 1, prompt_draw, prompt_key, prompt_paste, prompt_destroy, prompt_hints,
};

void prompt_open(struct tui *t, const char *label, const char *initial,
                 void (*done)(struct tui *t, void *ctx, const char *text),
                 void (*cancel)(struct tui *t, void *ctx), void *ctx)
{
    struct prompt *p = xcalloc(1, sizeof(*p));
    p->base.ops = &prompt_ops;
    p->label = xstrdup(label);
    editbuf_init(&p->eb, initial);
    editbuf_text_end(&p->eb);
    p->done = done;
    p->cancel = cancel;
    p->ctx = ctx;
    t->msg[0] = '\0';
    screen_push(t, &p->base);
}

void prompt_open_owned(struct tui *t, const char *label, const char *initial,
                       void (*done)(struct tui *t, void *ctx, const char *text), void *ctx,
                       void (*release)(void *ctx))
{
    struct prompt *p;
    prompt_open(t, label, initial, done, NULL, ctx);
    p = (struct prompt *)screen_top(t);
    if (p && p->base.ops == &prompt_ops && p->ctx == ctx)
        p->release = release;
    else if (release)
        release(ctx);   /* not opened (too many screens) */
}

/* ---- a question answered with y ---- */

struct confirm {
    struct screen base;
    char *question;
    void (*yes)(struct tui *t, void *ctx);
    void *ctx;
    void (*release)(void *ctx);
};

static const struct hint confirm_hints[] = {
    { ACT_YES, ACT_NONE, NULL }, { ACT_CLOSE, ACT_NONE, N_("no") }, { ACT_NONE, ACT_NONE, NULL },
};

static void confirm_draw(struct tui *t, struct screen *s)
{
    struct confirm *c = (struct confirm *)s;
    struct strlist lines = { 0 };
    char keys[48];
    char *text;
    keymap_describe(&t->km, ACT_YES, 1, keys, sizeof(keys));
    text = xasprintf(_("%s  %s: yes, any other key: no"), c->question, keys);
    wrap_lines(text, t->cols, 0, &lines);
    {
        /* the whole question, over as many rows as it needs (a long name in
         * it took the keys with it at three); on a screen too low for that,
         * its end, where the keys are */
        size_t most = t->rows > 3 ? (size_t)t->rows - 2 : 1;
        size_t shown = lines.n < most ? lines.n : most, skip = lines.n - shown;
        for (size_t i = 0; i < shown; i++) {
            int y = t->rows - (int)shown + (int)i;
            draw_fill(t, y, 0, t->cols, TS_MESSAGE);
            draw_text(t, y, 0, lines.v[skip + i], t->cols, TS_MESSAGE);
        }
    }
    strlist_release(&lines);
    free(text);
}

static void confirm_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct confirm *c = (struct confirm *)s;
    (void)key;
    screen_pop(t);
    if (a == ACT_YES)
        c->yes(t, c->ctx);
}

static void confirm_destroy(struct tui *t, struct screen *s)
{
    struct confirm *c = (struct confirm *)s;
    (void)t;
    if (c->release)
        c->release(c->ctx);
    free(c->question);
    free(c);
}

static const struct screen_ops confirm_ops = {
    CTX_CONFIRM, 1, confirm_draw, confirm_key, NULL, confirm_destroy, confirm_hints,
};

void confirm_open(struct tui *t, const char *question, void (*yes)(struct tui *t, void *ctx),
                  void *ctx)
{
    struct confirm *c = xcalloc(1, sizeof(*c));
    c->base.ops = &confirm_ops;
    c->question = xstrdup(question);
    c->yes = yes;
    c->ctx = ctx;
    screen_push(t, &c->base);
}

void confirm_open_owned(struct tui *t, const char *question, void (*yes)(struct tui *t, void *ctx),
                        void *ctx, void (*release)(void *ctx))
{
    struct confirm *c;
    confirm_open(t, question, yes, ctx);
    c = (struct confirm *)screen_top(t);
    if (c && c->base.ops == &confirm_ops && c->ctx == ctx)
        c->release = release;
    else if (release)
        release(ctx);
}
