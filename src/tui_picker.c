/* tui_picker.c — the list of cooperations (coopcheck with no arguments) and
 * the form that creates a new one.
 *
 * The list shows every cooperation's whole id, title, partners, progress,
 * next due date and its state in columns as wide as their contents; when
 * they do not fit the window, h/l (Left/Right) scroll it sideways instead
 * of cutting the ids that every command needs. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "store.h"
#include "textutil.h"
#include "words.h"

#define TITLE_MAX 48     /* columns of the title column at most */
#define PARTNER_MAX 36

/* The short columns first, so that the progress and the dates are on screen
 * at 80 columns; the title and partners are cut first, with "...". */
enum { COL_ID, COL_ANSWERED, COL_DUE, COL_STATE, COL_TITLE, COL_PARTNERS, NCOLS };

struct picker {
    struct screen base;
    struct strlist cells[NCOLS];   /* a row per cooperation */
    struct strlist errors;         /* "" or why it cannot be read */
    size_t width[NCOLS];
    size_t sel, top;
    int skip;                      /* columns scrolled out on the left */
};

static const char *const col_names[NCOLS] = {
    N_("ID"), N_("ANSWERED"), N_("NEXT DUE"), N_("STATE"), N_("TITLE"), N_("PARTNERS"),
};

static const struct hint picker_hints[] = {
    { ACT_DOWN, ACT_UP, N_("move") }, { ACT_OPEN, ACT_NONE, NULL }, { ACT_NEW, ACT_NONE, NULL },
    { ACT_SCROLL_LEFT, ACT_SCROLL_RIGHT, NULL }, { ACT_HELP, ACT_NONE, N_("keys") },
    { ACT_LANGUAGE, ACT_NONE, NULL }, { ACT_QUIT, ACT_NONE, NULL }, { ACT_NONE, ACT_NONE, NULL },
};

static void release_rows(struct picker *p)
{
    for (int c = 0; c < NCOLS; c++)
        strlist_release(&p->cells[c]);
    strlist_release(&p->errors);
}

/* A row but for the due date and state (load adds those first); a file
 * that does not load gets a row that says so, with the reason. */
static void add_row(struct picker *p, const struct assessment *a, const char *id, const char *error)
{
    struct sbuf partners;
    strlist_push(&p->cells[COL_ID], id);
    strlist_push(&p->errors, error ? error : "");
    if (!a) {
        for (int c = COL_ID + 1; c < NCOLS; c++)
            strlist_push(&p->cells[c], c == COL_TITLE ? _("(cannot be read)") : "");
        return;
    }
    sbuf_init(&partners);
    for (size_t i = 0; i < a->coop.partners.n; i++)
        sbuf_addf(&partners, "%s%s", i ? ", " : "", a->coop.partners.v[i]);
    strlist_push(&p->cells[COL_TITLE], a->coop.title);
    strlist_push(&p->cells[COL_PARTNERS], partners.buf);
    strlist_push_owned(&p->cells[COL_ANSWERED], xasprintf("%zu/%zu", assessment_answered(a),
                                                           a->cat->nquestions));
    sbuf_release(&partners);
}

static void load(struct tui *t, struct picker *p)
{
    struct strlist ids = { 0 };
    struct cc_err err;
    release_rows(p);
    if (store_coops(t->env->data, &ids, &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    for (size_t i = 0; i < ids.n; i++) {
        struct assessment *a;
        struct strlist snaps = { 0 };
        struct store_due due;
        if (store_load(t->env->data, ids.v[i], &t->env->cats, &a, &err) != 0) {
            add_row(p, NULL, ids.v[i], err.msg);
            continue;
        }
        store_snapshots(t->env->data, ids.v[i], &snaps, &err);
        store_due(a, &due);
        strlist_push(&p->cells[COL_DUE], due.next);
        strlist_push(&p->cells[COL_STATE], due.status == DUE_OK ? "" : store_due_word(due.status));
        add_row(p, a, ids.v[i], NULL);
        strlist_release(&snaps);
        assessment_free(a);
    }
    for (int c = 0; c < NCOLS; c++) {
        size_t max = c == COL_TITLE ? TITLE_MAX : c == COL_PARTNERS ? PARTNER_MAX : (size_t)-1;
        p->width[c] = text_width(_(col_names[c]));
        for (size_t i = 0; i < p->cells[c].n; i++) {
            size_t w = text_width(p->cells[c].v[i]);
            if (w > p->width[c])
                p->width[c] = w;
        }
        if (p->width[c] > max)
            p->width[c] = max;
    }
    strlist_release(&ids);
    if (p->sel >= p->cells[COL_ID].n)
        p->sel = p->cells[COL_ID].n ? p->cells[COL_ID].n - 1 : 0;
    t->picker_stale = 0;
}

/* One row of the table at y, scrolled by skip columns. */
static void draw_row(struct tui *t, struct picker *p, int y, size_t row, enum theme_slot slot)
{
    int x = 1 - p->skip;
    draw_fill(t, y, 0, t->cols, slot);
    for (int c = 0; c < NCOLS; c++) {
        const char *cell = row == (size_t)-1 ? _(col_names[c]) : p->cells[c].v[row];
        struct sbuf cut;
        sbuf_init(&cut);
        if (c == COL_TITLE || c == COL_PARTNERS) {
            /* cut with "..." where the window ends, not mid-word unmarked */
            size_t w = p->width[c];
            if (x >= 0 && x < t->cols && (size_t)(t->cols - x) < w)
                w = (size_t)(t->cols - x);
            text_truncate(&cut, cell, w, 1);
        } else {
            text_truncate(&cut, cell, p->width[c], 0);
        }
        if (x + (int)p->width[c] > 0 && x < t->cols) {
            int skip = x < 0 ? -x : 0;
            draw_text_from(t, y, x + skip, cut.buf, skip, t->cols - (x + skip), slot);
        }
        sbuf_release(&cut);
        x += (int)p->width[c] + 2;
    }
}

static int table_width(const struct picker *p)
{
    int w = 1;
    for (int c = 0; c < NCOLS; c++)
        w += (int)p->width[c] + 2;
    return w;
}

static void picker_draw(struct tui *t, struct screen *s)
{
    struct picker *p = (struct picker *)s;
    size_t n, h;
    char right[64];
    if (t->picker_stale)
        load(t, p);
    n = p->cells[COL_ID].n;
    h = (size_t)(t->rows - 3 - status_rows(t) > 1 ? t->rows - 3 - status_rows(t) : 1);
    snprintf(right, sizeof(right), P_("%zu cooperation", "%zu cooperations", n), n);
    draw_header(t, _("Cooperations"), right);
    draw_text(t, 1, 1, t->env->data, t->cols - 2, TS_NORMAL);
    if (n == 0) {
        char keys[48];
        keymap_describe(&t->km, ACT_NEW, 1, keys, sizeof(keys));
        {
            char *text = xasprintf(_("No cooperations yet. Press %s to create one."), keys);
            draw_text(t, 3, 2, text, t->cols - 4, TS_NORMAL);
            free(text);
        }
    } else {
        draw_row(t, p, 2, (size_t)-1, TS_TITLE);
        if (p->sel < p->top)
            p->top = p->sel;
        if (p->sel >= p->top + h)
            p->top = p->sel - h + 1;
        for (size_t y = 0; y < h && p->top + y < n; y++)
            draw_row(t, p, 3 + (int)y, p->top + y, p->top + y == p->sel ? TS_LIST_SELECTED : TS_LIST);
        if (p->errors.v[p->sel][0] && !t->msg[0])
            tui_message(t, 1, "%s", p->errors.v[p->sel]);
    }
    draw_status(t, CTX_PICKER, picker_hints);
}

static void open_selected(struct tui *t, struct picker *p)
{
    char *id;
    if (p->sel >= p->cells[COL_ID].n)
        return;
    id = xstrdup(p->cells[COL_ID].v[p->sel]);
    assess_open(t, id, NULL);
    free(id);
}

static void form_open(struct tui *t);

static void picker_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct picker *p = (struct picker *)s;
    size_t n = p->cells[COL_ID].n, page = t->rows > 6 ? (size_t)t->rows - 6 : 1;
    int room = t->cols - table_width(p);
    (void)key;
    switch (a) {
    case ACT_UP: if (p->sel) p->sel--; break;
    case ACT_DOWN: if (p->sel + 1 < n) p->sel++; break;
    case ACT_FIRST: p->sel = 0; break;
    case ACT_LAST: p->sel = n ? n - 1 : 0; break;
    case ACT_PAGE_UP: p->sel = p->sel > page ? p->sel - page : 0; break;
    case ACT_PAGE_DOWN: p->sel = p->sel + page < n ? p->sel + page : (n ? n - 1 : 0); break;
    case ACT_SCROLL_LEFT: p->skip = p->skip > 8 ? p->skip - 8 : 0; break;
    case ACT_SCROLL_RIGHT:
        if (room < 0)
            p->skip = p->skip + 8 < -room ? p->skip + 8 : -room;
        break;
    case ACT_OPEN: open_selected(t, p); break;
    case ACT_NEW: form_open(t); break;
    case ACT_HELP: keys_open(t); break;
    case ACT_LANGUAGE: tui_toggle_language(t); break;
    case ACT_QUIT: screen_pop(t); break;
    default: break;
    }
}

static void picker_destroy(struct tui *t, struct screen *s)
{
    (void)t;
    release_rows((struct picker *)s);
    free(s);
}

static const struct screen_ops picker_ops = {
    CTX_PICKER, 0, picker_draw, picker_key, NULL, picker_destroy, picker_hints,
};

struct screen *picker_new(struct tui *t)
{
    struct picker *p = xcalloc(1, sizeof(*p));
    p->base.ops = &picker_ops;
    t->picker_stale = 1;
    return &p->base;
}

/* ---- the new-cooperation form ---- */

#define FORM_FIELDS 4
#define FIELD_MAX 200   /* bytes a field of the form takes */

struct form {
    struct screen base;
    struct editbuf eb[FORM_FIELDS];
    int field;
    char error[1100];
};

static const char *const form_labels[FORM_FIELDS] = {
    N_("Id (a-z, 0-9, -): "), N_("Title: "), N_("Partner: "), N_("Country: "),
};

static const struct hint form_hints[] = {
    { ACT_NEXT_FIELD, ACT_PREV_FIELD, NULL }, { ACT_ACCEPT, ACT_NONE, N_("create") },
    { ACT_CLOSE, ACT_NONE, N_("cancel") }, { ACT_NONE, ACT_NONE, NULL },
};

static void form_draw(struct tui *t, struct screen *s)
{
    struct form *f = (struct form *)s;
    int h = 10, y0 = (t->rows - h) / 2, x, w, lw = 0;
    draw_box(t, y0, h, 72, _(" New cooperation "), &x, &w);
    for (int i = 0; i < FORM_FIELDS; i++) {
        int n = (int)text_width(_(form_labels[i]));
        lw = n > lw ? n : lw;
    }
    if (lw > w / 2)
        lw = w / 2;
    for (int i = 0; i < FORM_FIELDS; i++) {
        int y = y0 + 2 + i, room = w - lw, skip = 0;
        size_t row, col;
        draw_text(t, y, x, _(form_labels[i]), lw, i == f->field ? TS_FOCUS : TS_LABEL);
        editbuf_cursor_rowcol(&f->eb[i], 100000, &row, &col);
        if (i == f->field && (int)col >= room)
            skip = (int)col - room + 1;
        draw_fill(t, y, x + lw, room, TS_EDITOR);
        draw_text_from(t, y, x + lw, f->eb[i].text, skip, room, TS_EDITOR);
        if (i == f->field)
            draw_cursor(t, y, x + lw + (int)col - skip);
    }
    if (f->error[0]) {
        struct strlist lines = { 0 };
        wrap_lines(f->error, w, 0, &lines);
        for (size_t i = 0; i < lines.n && i < 2; i++)
            draw_text(t, y0 + 7 + (int)i, x, lines.v[i], w, TS_ERROR);
        strlist_release(&lines);
    }
    draw_status(t, CTX_LINE, form_hints);
}

static void form_submit(struct tui *t, struct form *f)
{
    struct coop meta;
    struct assessment *a;
    struct cc_err err;
    const struct catalog *cat = catalog_set_find(&t->env->cats, CATALOG_DEFAULT_ID);
    char now[CC_ISO_LEN], *id;
    if (!cat)
        cat = t->env->cats.n ? t->env->cats.v[0] : NULL;
    if (!coop_id_valid(f->eb[0].text)) {
        snprintf(f->error, sizeof(f->error), _("invalid id: %s"), coop_id_rule());
        f->field = 0;
        return;
    }
    if (!cat) {
        snprintf(f->error, sizeof(f->error), "%s", _("no catalogue is installed"));
        return;
    }
    memset(&meta, 0, sizeof(meta));
    meta.id = f->eb[0].text;
    meta.title = f->eb[1].text[0] ? f->eb[1].text : f->eb[0].text;
    if (f->eb[2].text[0])
        strlist_push(&meta.partners, f->eb[2].text);
    meta.country = f->eb[3].text[0] ? f->eb[3].text : NULL;
    meta.interval_months = t->cfg.interval_months;
    cc_now(now);
    a = assessment_new(cat, &meta, t->who, now);
    strlist_release(&meta.partners);
    if (store_create(t->env->data, a, &err) != 0) {
        snprintf(f->error, sizeof(f->error), "%s", err.msg);
        assessment_free(a);
        return;
    }
    assessment_free(a);
    id = xstrdup(f->eb[0].text);
    screen_pop(t);
    t->picker_stale = 1;
    if (assess_open(t, id, NULL) == 0)
        tui_message(t, 0, _("cooperation %s created"), id);
    free(id);
}

static void form_insert(struct form *f, const char *text, size_t len)
{
    struct editbuf *eb = &f->eb[f->field];
    if (eb->len + len > FIELD_MAX)
        len = eb->len < FIELD_MAX ? FIELD_MAX - eb->len : 0;
    while (len && ((unsigned char)text[len] & 0xc0) == 0x80)
        len--;   /* never half a character */
    editbuf_insert(eb, text, len);
    f->error[0] = '\0';
}

static void form_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct form *f = (struct form *)s;
    char enc[4];
    switch (a) {
    case ACT_CLOSE: case ACT_EDIT_CANCEL: screen_pop(t); return;
    case ACT_NEXT_FIELD: case ACT_LINE_DOWN: f->field = (f->field + 1) % FORM_FIELDS; return;
    case ACT_PREV_FIELD: case ACT_LINE_UP:
        f->field = (f->field + FORM_FIELDS - 1) % FORM_FIELDS;
        return;
    case ACT_ACCEPT: form_submit(t, f); return;
    case ACT_NONE:
        if (key >= ' ' && key < KEYC_BASE)
            form_insert(f, enc, utf8_encode((uint32_t)key, enc));
        return;
    default:
        editbuf_apply(&f->eb[f->field], a, 100000, 1, 0);
        return;
    }
}

static int form_paste(struct tui *t, struct screen *s, const char *text, size_t len)
{
    (void)t;
    (void)len;
    form_insert((struct form *)s, text, strcspn(text, "\n"));   /* a field is one line */
    return 1;
}

static void form_destroy(struct tui *t, struct screen *s)
{
    struct form *f = (struct form *)s;
    (void)t;
    for (int i = 0; i < FORM_FIELDS; i++)
        editbuf_release(&f->eb[i]);
    free(f);
}

static const struct screen_ops form_ops = {
    CTX_LINE, 1, form_draw, form_key, form_paste, form_destroy, form_hints,
};

static void form_open(struct tui *t)
{
    struct form *f = xcalloc(1, sizeof(*f));
    f->base.ops = &form_ops;
    for (int i = 0; i < FORM_FIELDS; i++)
        editbuf_init(&f->eb[i], "");
    screen_push(t, &f->base);
}
