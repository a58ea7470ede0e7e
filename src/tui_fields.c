/* tui_fields.c — a dialog of labelled one-line fields (a rating, a measure,
 * the decision, an approval): Tab and the arrow keys move between the
 * fields, Enter hands all texts to the caller, which either takes them (the
 * dialog closes) or says why not (the dialog stays, with the reason shown
 * and nothing lost).  Esc asks before throwing away what was typed.  The
 * keys are those of a prompt (CTX_LINE). */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "textutil.h"

#define FIELDS_MAX 8
#define FIELD_BYTES 4096

struct fields {
    struct screen base;
    char *title;
    size_t n, cur;
    char *label[FIELDS_MAX], *hint[FIELDS_MAX];
    struct editbuf eb[FIELDS_MAX];
    int (*submit)(struct tui *t, void *ctx, char *const *values, struct cc_err *err);
    void *ctx;
    void (*release)(void *ctx);
    char error[1100];
};

static const struct hint fields_hints[] = {
    { ACT_NEXT_FIELD, ACT_NONE, NULL }, { ACT_ACCEPT, ACT_NONE, N_("save") },
    { ACT_CLOSE, ACT_NONE, N_("cancel") }, { ACT_NONE, ACT_NONE, NULL },
};

static int changed(const struct fields *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->eb[i].dirty)
            return 1;
    return 0;
}

static void fields_draw(struct tui *t, struct screen *s)
{
    struct fields *f = (struct fields *)s;
    struct strlist hint = { 0 }, err = { 0 };
    int lw = 0, w = t->cols - 4 > 76 ? 76 : t->cols - 4, h, y0, x, iw, room;
    for (size_t i = 0; i < f->n; i++)
        if ((int)text_width(f->label[i]) > lw)
            lw = (int)text_width(f->label[i]);
    if (lw > w / 3)
        lw = w / 3;
    if (f->hint[f->cur])
        wrap_lines(f->hint[f->cur], w - 4, 0, &hint);
    if (f->error[0])
        wrap_lines(f->error, w - 4, 0, &err);
    lines_cap(&err, 3, w - 4);
    /* on a low screen the hint gives way first: why the fields were not
     * taken matters more than what a field takes */
    room = t->rows - 2 - ((int)f->n + 3);   /* rows below the fields */
    lines_cap(&err, room > 0 ? (size_t)room : 0, w - 4);
    room -= (int)err.n;
    lines_cap(&hint, room > 0 ? (size_t)room : 0, w - 4);
    h = (int)f->n + 3 + (int)hint.n + (int)err.n;
    if (h > t->rows - 2)
        h = t->rows - 2;
    y0 = (t->rows - h) / 2;
    draw_box(t, y0, h, w, f->title, &x, &iw);
    for (size_t i = 0; i < f->n && y0 + 1 + (int)i < y0 + h - 1; i++) {
        int y = y0 + 1 + (int)i, vx = x + lw + 2, vw = iw - lw - 2, skip = 0;
        size_t row, col;
        enum theme_slot slot = i == f->cur ? TS_FOCUS : TS_VALUE;
        {
            int used = draw_text(t, y, x, f->label[i], lw, TS_LABEL);
            draw_text(t, y, x + used, ":", 1, TS_LABEL);
        }
        draw_fill(t, y, vx, vw, slot);
        editbuf_cursor_rowcol(&f->eb[i], 100000, &row, &col);
        if (i == f->cur && (int)col >= vw)
            skip = (int)col - vw + 1;   /* the cursor always in view */
        draw_text_from(t, y, vx, f->eb[i].text, skip, vw, slot);
        if (i == f->cur)
            draw_cursor(t, y, vx + (int)col - skip);
    }
    for (size_t i = 0; i < hint.n && y0 + 2 + (int)(f->n + i) < y0 + h - 1; i++)
        draw_text(t, y0 + 2 + (int)(f->n + i), x, hint.v[i], iw, TS_HELP_TEXT);
    for (size_t i = 0; i < err.n && y0 + 2 + (int)(f->n + hint.n + i) < y0 + h - 1; i++)
        draw_text(t, y0 + 2 + (int)(f->n + hint.n + i), x, err.v[i], iw, TS_ERROR);
    strlist_release(&hint);
    strlist_release(&err);
    draw_status(t, CTX_LINE, fields_hints);
}

/* Types text[0..len) into the focused field, at most FIELD_BYTES (said). */
static void insert(struct tui *t, struct fields *f, const char *text, size_t len)
{
    struct editbuf *eb = &f->eb[f->cur];
    size_t take = len;
    if (eb->len + len > FIELD_BYTES) {
        take = eb->len < FIELD_BYTES ? FIELD_BYTES - eb->len : 0;
        while (take && ((unsigned char)text[take] & 0xc0) == 0x80)
            take--;
        tui_message(t, 1, _("the field is full: it holds at most %d bytes"), FIELD_BYTES);
    }
    editbuf_insert(eb, text, take);
    f->error[0] = '\0';
}

static void submit(struct tui *t, struct fields *f)
{
    char *values[FIELDS_MAX];
    struct cc_err err;
    int rc;
    for (size_t i = 0; i < f->n; i++)
        values[i] = f->eb[i].text;
    memset(&err, 0, sizeof(err));
    rc = f->submit(t, f->ctx, values, &err);
    if (rc == 0)
        screen_pop(t);
    else
        snprintf(f->error, sizeof(f->error), "%s", err.msg[0] ? err.msg : _("not saved"));
}

static void leave_yes(struct tui *t, void *ctx)
{
    screen_close(t, ctx);
}

static void fields_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct fields *f = (struct fields *)s;
    char enc[4];
    switch (a) {
    case ACT_CLOSE: case ACT_EDIT_CANCEL:
        if (changed(f))
            confirm_open(t, _("Close without saving what was typed?"), leave_yes, f);
        else
            screen_pop(t);
        return;
    case ACT_NEXT_FIELD: case ACT_LINE_DOWN: f->cur = (f->cur + 1) % f->n; return;
    case ACT_PREV_FIELD: case ACT_LINE_UP: f->cur = (f->cur + f->n - 1) % f->n; return;
    case ACT_ACCEPT: submit(t, f); return;
    case ACT_NONE:
        if (key >= ' ' && key < KEYC_BASE)
            insert(t, f, enc, utf8_encode((uint32_t)key, enc));
        return;
    default:
        editbuf_apply(&f->eb[f->cur], a, 100000, 1, 0);
        f->error[0] = '\0';
        return;
    }
}

/* A field is one line: a paste's lines are joined with spaces. */
static int fields_paste(struct tui *t, struct screen *s, const char *text, size_t len)
{
    size_t n;
    char *line = paste_as_line(text, len, &n);
    insert(t, (struct fields *)s, line, n);
    free(line);
    return 1;
}

static void fields_destroy(struct tui *t, struct screen *s)
{
    struct fields *f = (struct fields *)s;
    (void)t;
    for (size_t i = 0; i < f->n; i++) {
        editbuf_release(&f->eb[i]);
        free(f->label[i]);
        free(f->hint[i]);
    }
    if (f->release)
        f->release(f->ctx);
    free(f->title);
    free(f);
}

static const struct screen_ops fields_ops = {
    CTX_LINE, 1, fields_draw, fields_key, fields_paste, fields_destroy, fields_hints,
};

void fields_open(struct tui *t, const char *title, const struct field_spec *spec, size_t n,
                 int (*submit_fn)(struct tui *t, void *ctx, char *const *values, struct cc_err *err),
                 void *ctx, void (*release)(void *ctx))
{
    struct fields *f = xcalloc(1, sizeof(*f));
    f->base.ops = &fields_ops;
    f->title = xstrdup(title);
    f->n = n > FIELDS_MAX ? FIELDS_MAX : n;
    for (size_t i = 0; i < f->n; i++) {
        f->label[i] = xstrdup(spec[i].label);
        f->hint[i] = spec[i].hint ? xstrdup(spec[i].hint) : NULL;
        editbuf_init(&f->eb[i], spec[i].initial);
        editbuf_text_end(&f->eb[i]);
        editbuf_clear_dirty(&f->eb[i]);
    }
    f->submit = submit_fn;
    f->ctx = ctx;
    f->release = release;
    screen_push(t, &f->base);
}
