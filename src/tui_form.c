/* tui_form.c — the form of a cooperation's details: id (for a new one),
 * title, country, principal investigator, start date, re-assessment
 * interval, and the partners as a list, each with its aliases (its name in
 * Chinese, acronyms).  One form creates a cooperation (n in the list) and
 * edits one (E in the list, holding the editor's lock while it is open, and
 * E in the assessment, on the open cooperation).
 *
 * Nothing typed is lost: input the cooperation cannot take (a bad date, an
 * interval out of range, an alias without a partner) is said under the
 * fields, the field concerned gets the focus, and the form stays open.  Esc
 * with changes asks first.  Saving is coop_apply_edit under the write lock
 * (tui_form_save.c), which stamps each changed detail with who and when. */
#include "tui_form.h"

#include <stdlib.h>
#include <string.h>

#include "textutil.h"
#include "words.h"

#define FORM_INFO_MAX 5   /* rows for what a field takes or why the form was refused */

static const struct hint form_hints[] = {
    { ACT_NEXT_FIELD, ACT_PREV_FIELD, NULL }, { ACT_ACCEPT, ACT_NONE, N_("save") },
    { ACT_PARTNER_ADD, ACT_NONE, NULL }, { ACT_PARTNER_REMOVE, ACT_NONE, N_("remove") },
    { ACT_PARTNER_UP, ACT_PARTNER_DOWN, N_("reorder") }, { ACT_CLOSE, ACT_NONE, N_("cancel") },
    { ACT_NONE, ACT_NONE, NULL },
};

/* ---- the fields ---- */

static size_t first_fixed(const struct form *f)
{
    return f->mode == FORM_NEW ? FF_ID : FF_TITLE;   /* the id of one that exists is renamed */
}

size_t form_nfixed(const struct form *f)
{
    return FF_FIXED - first_fixed(f);
}

size_t form_nfields(const struct form *f)
{
    return form_nfixed(f) + 2 * f->np;
}

/* Field i: a fixed one (*fixed set, *partner -1) or partner *partner's
 * name (*alias 0) or aliases (*alias 1). */
static void field_of(const struct form *f, size_t i, int *fixed, long *partner, int *alias)
{
    *fixed = -1;
    *partner = -1;
    *alias = 0;
    if (i < form_nfixed(f)) {
        *fixed = (int)(first_fixed(f) + i);
        return;
    }
    *partner = (long)((i - form_nfixed(f)) / 2);
    *alias = (int)((i - form_nfixed(f)) % 2);
}

struct editbuf *form_buf(struct form *f, size_t i)
{
    int fixed, alias;
    long p;
    field_of(f, i, &fixed, &p, &alias);
    if (fixed >= 0)
        return &f->fixed[fixed];
    return alias ? &f->p[p].aliases : &f->p[p].name;
}

size_t form_field_of_fixed(const struct form *f, int fixed)
{
    return (size_t)fixed - first_fixed(f);
}

size_t form_field_of_partner(const struct form *f, size_t partner, int alias)
{
    return form_nfixed(f) + 2 * partner + (alias ? 1 : 0);
}

static long focused_partner(const struct form *f)
{
    int fixed, alias;
    long p;
    field_of(f, f->field, &fixed, &p, &alias);
    return p;
}

/* The detail each fixed field edits. */
static const enum coop_field fixed_cf[FF_FIXED] = { CF_ID, CF_TITLE, CF_COUNTRY, CF_PI, CF_START,
                                                    CF_INTERVAL, CF_CATALOG };

static const char *fixed_label(int fixed)
{
    if (fixed == FF_ID)
        return _("Id (a-z, 0-9, -): ");
    return coop_field_label(fixed_cf[fixed]);
}

/* The label of field i ("Title", "Partner 2", "  aliases"); caller frees. */
static char *field_label(const struct form *f, size_t i)
{
    int fixed, alias;
    long p;
    field_of(f, i, &fixed, &p, &alias);
    if (fixed == FF_ID)
        return xstrdup(fixed_label(fixed));
    if (fixed >= 0)
        return xasprintf("%s: ", fixed_label(fixed));
    if (alias)
        return xstrdup(_("  aliases: "));
    return xasprintf(_("Partner %ld: "), p + 1);
}

/* ---- rows on the screen ---- */

/* The form as rows: a field (field >= 0) or a heading or note (text). */
struct frow {
    long field;
    const char *text;
};

static size_t form_rows(const struct form *f, struct frow **rows)
{
    size_t n = 0, nf = form_nfields(f);
    *rows = xcalloc(nf + 4, sizeof(**rows));
    for (size_t i = 0; i < form_nfixed(f); i++)
        (*rows)[n++].field = (long)i;
    (*rows)[n].field = -1;
    (*rows)[n++].text = "";
    (*rows)[n].field = -1;
    (*rows)[n++].text = coop_field_label(CF_PARTNERS);
    if (!f->np) {
        (*rows)[n].field = -1;
        (*rows)[n++].text = _("  none yet");
    }
    for (size_t i = form_nfixed(f); i < nf; i++)
        (*rows)[n++].field = (long)i;
    return n;
}

/* The catalogue field's line: the ones installed, and what a change does. */
static void catalog_info(struct tui *t, const struct form *f, struct sbuf *sb)
{
    const struct catalog_set *set = &t->env->cats;
    struct sbuf ids;
    sbuf_init(&ids);
    for (size_t i = 0; i < set->n; i++)
        sbuf_addf(&ids, "%s%s", i ? ", " : "", set->v[i]->id);
    sbuf_addf(sb, _("Installed: %s."), ids.buf ? ids.buf : "-");
    if (f->mode != FORM_NEW)
        sbuf_adds(sb, _(" Another one takes the answers it has a place for; the snapshots keep "
                        "the old ones."));
    sbuf_release(&ids);
}

/* What the focused field takes, or what went wrong: into lines. */
static void form_info(struct tui *t, const struct form *f, int width, struct strlist *lines)
{
    int fixed, alias;
    long p;
    char k[4][32];
    struct sbuf sb;
    const struct stamp *st = NULL;
    if (f->error[0]) {
        wrap_lines(f->error, width, 0, lines);
        return;
    }
    sbuf_init(&sb);
    field_of(f, f->field, &fixed, &p, &alias);
    if (fixed == FF_START)
        sbuf_adds(&sb, _("A date like 2026-03-01, or empty."));
    else if (fixed == FF_INTERVAL)
        sbuf_adds(&sb, _("Months from one assessment to the next, 1 to 120."));
    else if (fixed == FF_CATALOG)
        catalog_info(t, f, &sb);
    else if (p >= 0 && alias)
        sbuf_adds(&sb, _("Its other names (its name in Chinese, acronyms), separated by \";\"."));
    else if (p >= 0 || f->np == 0) {
        keymap_describe_in(&t->km, CTX_FORM, ACT_PARTNER_ADD, 1, k[0], sizeof(k[0]));
        keymap_describe_in(&t->km, CTX_FORM, ACT_PARTNER_REMOVE, 1, k[1], sizeof(k[1]));
        keymap_describe_in(&t->km, CTX_FORM, ACT_PARTNER_UP, 1, k[2], sizeof(k[2]));
        keymap_describe_in(&t->km, CTX_FORM, ACT_PARTNER_DOWN, 1, k[3], sizeof(k[3]));
        sbuf_addf(&sb, _("%s adds a partner, %s removes the focused one, %s and %s move it."), k[0],
                  k[1], k[2], k[3]);
    }
    if (f->mode != FORM_NEW) {
        st = &f->orig.changed[fixed >= 0 ? fixed_cf[fixed] : CF_PARTNERS];
        if (st->at) {
            char *s = xasprintf(_("last changed %s, %s"), st->at, st->by ? st->by : "?");
            sbuf_addf(&sb, "%s%s", sb.len ? " " : "", s);
            free(s);
        }
    }
    wrap_lines(sb.buf, width, 0, lines);
    sbuf_release(&sb);
}

static void draw_field(struct tui *t, struct form *f, size_t i, int y, int x, int lw, int room)
{
    struct editbuf *eb = form_buf(f, i);
    char *label = field_label(f, i);
    size_t row, col;
    int skip = 0, focused = i == f->field, fixed, alias;
    long p;
    if ((int)text_width(label) > lw) {   /* cut with "...", a column kept before the value */
        struct sbuf cut;
        sbuf_init(&cut);
        text_truncate(&cut, label, (size_t)(lw > 2 ? lw - 1 : 1), 1);
        draw_text(t, y, x, cut.buf, lw, focused ? TS_FOCUS : TS_LABEL);
        sbuf_release(&cut);
    } else {
        draw_text(t, y, x, label, lw, focused ? TS_FOCUS : TS_LABEL);
    }
    free(label);
    editbuf_cursor_rowcol(eb, 100000, &row, &col);
    if (focused && (int)col >= room)
        skip = (int)col - room + 1;
    draw_fill(t, y, x + lw, room, TS_EDITOR);
    field_of(f, i, &fixed, &p, &alias);
    if (!eb->len && fixed == FF_START)
        draw_text_dim(t, y, x + lw, "YYYY-MM-DD", 0, room, TS_EDITOR);
    else
        draw_text_from(t, y, x + lw, eb->text, skip, room, TS_EDITOR);
    if (focused)
        draw_cursor(t, y, x + lw + (int)col - skip);
}

static int label_width(const struct form *f, int w)
{
    int lw = 0;
    for (size_t i = 0; i < form_nfields(f) && i < form_nfixed(f) + 2; i++) {
        char *label = field_label(f, i);
        int n = (int)text_width(label);
        lw = n > lw ? n : lw;
        free(label);
    }
    if (f->np) {
        char *label = xasprintf(_("Partner %ld: "), (long)f->np);
        int n = (int)text_width(label);
        lw = n > lw ? n : lw;
        free(label);
    }
    return lw > w / 2 ? w / 2 : lw;
}

static void form_draw(struct tui *t, struct screen *s)
{
    struct form *f = (struct form *)s;
    struct frow *rows;
    struct strlist info = { 0 };
    size_t n = form_rows(f, &rows), frow = 0;
    int h, y0, x, w, lw, body, ninfo;
    char *title = f->mode == FORM_NEW ? xstrdup(_("New cooperation"))
                                      : xasprintf(_("Details of %s"), f->id);
    /* what the field takes, or why the form was refused: two rows, more
     * (up to FORM_INFO_MAX) for a reason that needs them */
    w = box_inner_width(t, 76);
    form_info(t, f, w, &info);
    ninfo = info.n < 2 ? 2 : info.n > FORM_INFO_MAX ? FORM_INFO_MAX : (int)info.n;
    h = (int)n + 4 + ninfo;
    if (h > t->rows - 2)
        h = t->rows - 2;
    while (ninfo > 1 && h - 3 - ninfo < 1)   /* a low screen: a row of fields at least */
        ninfo--;
    lines_cap(&info, (size_t)ninfo, w);
    y0 = (t->rows - 1 - h) / 2;
    draw_box(t, y0, h, 76, title, &x, &w);
    free(title);
    lw = label_width(f, w);
    body = h - 3 - ninfo;   /* a row free at the top, then the fields, then the info */
    for (size_t i = 0; i < n; i++)
        if (rows[i].field == (long)f->field)
            frow = i;
    if (frow < f->top)
        f->top = frow > 0 && rows[frow - 1].field < 0 ? frow - 1 : frow;
    if (frow >= f->top + (size_t)body)
        f->top = frow - (size_t)body + 1;
    for (int y = 0; y < body && f->top + (size_t)y < n; y++) {
        const struct frow *r = &rows[f->top + (size_t)y];
        if (r->field >= 0)
            draw_field(t, f, (size_t)r->field, y0 + 2 + y, x, lw, w - lw);
        else
            draw_text(t, y0 + 2 + y, x, r->text, w, TS_TITLE);
    }
    if (f->top > 0)
        draw_text(t, y0 + 1, x + w - 1, sym(t, "▲", "^"), 1, TS_BORDER);
    if (f->top + (size_t)body < n)
        draw_text(t, y0 + 1 + body, x + w - 1, sym(t, "▼", "v"), 1, TS_BORDER);
    for (size_t i = 0; i < info.n; i++)
        draw_text(t, y0 + h - 1 - ninfo + (int)i, x, info.v[i], w,
                  f->error[0] ? TS_ERROR : TS_NORMAL);
    strlist_release(&info);
    free(rows);
    draw_status(t, CTX_FORM, form_hints);
}

/* ---- the partners ---- */

static void partner_init(struct partner_row *r, const char *name, const struct strlist *aliases)
{
    struct sbuf sb;
    sbuf_init(&sb);
    for (size_t k = 0; aliases && k < aliases->n; k++)
        sbuf_addf(&sb, "%s%s", k ? "; " : "", aliases->v[k]);
    editbuf_init(&r->name, name);
    editbuf_init(&r->aliases, sb.buf);
    editbuf_text_end(&r->name);
    editbuf_text_end(&r->aliases);
    sbuf_release(&sb);
}

static void partner_release(struct partner_row *r)
{
    editbuf_release(&r->name);
    editbuf_release(&r->aliases);
}

static void partner_add(struct tui *t, struct form *f)
{
    long p = focused_partner(f);
    size_t at = p >= 0 ? (size_t)p + 1 : f->np;
    if (f->np >= FORM_PARTNERS_MAX) {
        tui_message(t, 1, _("a cooperation has at most %d partners here"), FORM_PARTNERS_MAX);
        return;
    }
    f->p = xrealloc(f->p, (f->np + 1) * sizeof(*f->p));
    memmove(f->p + at + 1, f->p + at, (f->np - at) * sizeof(*f->p));
    partner_init(&f->p[at], "", NULL);
    f->np++;
    f->field = form_field_of_partner(f, at, 0);
    f->changed = 1;
}

static void partner_drop(struct tui *t, void *ctx)
{
    struct form *f = ctx;
    long p = focused_partner(f);
    (void)t;
    if (p < 0)
        return;
    partner_release(&f->p[p]);
    memmove(f->p + p, f->p + p + 1, (f->np - (size_t)p - 1) * sizeof(*f->p));
    f->np--;
    f->changed = 1;
    if (f->np == 0)
        f->field = form_nfixed(f) - 1;
    else
        f->field = form_field_of_partner(f, (size_t)p < f->np ? (size_t)p : f->np - 1, 0);
}

static void partner_remove(struct tui *t, struct form *f)
{
    long p = focused_partner(f);
    char *q;
    if (p < 0) {
        tui_message(t, 0, "%s", _("Tab to the partner to remove first"));
        return;
    }
    if (!f->p[p].name.len && !f->p[p].aliases.len) {
        partner_drop(t, f);
        return;
    }
    q = xasprintf(_("Remove partner %ld (%s) from the form?"), p + 1, f->p[p].name.text);
    confirm_open(t, q, partner_drop, f);
    free(q);
}

static void partner_move(struct tui *t, struct form *f, int dir)
{
    long p = focused_partner(f), to = p + dir;
    int fixed, alias;
    long same;
    struct partner_row tmp;
    if (p < 0) {
        tui_message(t, 0, "%s", _("Tab to the partner to move first"));
        return;
    }
    if (to < 0 || to >= (long)f->np)
        return;
    field_of(f, f->field, &fixed, &same, &alias);
    tmp = f->p[p];
    f->p[p] = f->p[to];
    f->p[to] = tmp;
    f->field = form_field_of_partner(f, (size_t)to, alias);
    f->changed = 1;
}

/* ---- keys ---- */

static int form_changed(const struct form *f)
{
    if (f->changed)
        return 1;
    for (size_t i = 0; i < form_nfields(f); i++)
        if (form_buf((struct form *)f, i)->dirty)
            return 1;
    return 0;
}

static void leave_yes(struct tui *t, void *ctx)
{
    screen_close(t, ctx);
    tui_message(t, 0, "%s", _("the form was closed; nothing was changed"));
}

static void leave(struct tui *t, struct form *f)
{
    if (form_changed(f))
        confirm_open(t, _("Close the form without saving what was typed?"), leave_yes, f);
    else
        screen_pop(t);
}

/* Types text[0..len) into the focused field; what would make it longer than
 * FORM_FIELD_MAX is left out (cut between characters) and said. */
static void form_insert(struct tui *t, struct form *f, const char *text, size_t len)
{
    struct editbuf *eb = form_buf(f, f->field);
    size_t take = len;
    if (eb->len + len > FORM_FIELD_MAX) {
        take = eb->len < FORM_FIELD_MAX ? FORM_FIELD_MAX - eb->len : 0;
        while (take && ((unsigned char)text[take] & 0xc0) == 0x80)
            take--;   /* cut before a character, never inside one */
    }
    editbuf_insert(eb, text, take);
    f->error[0] = '\0';
    if (take < len) {
        char *rest = xstrndup(text + take, len - take);
        tui_message(t, 1, _("the field is full: it holds at most %d bytes; %zu characters were "
                            "not added"), FORM_FIELD_MAX, text_count_chars(rest));
        free(rest);
    }
}

static void form_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct form *f = (struct form *)s;
    size_t n = form_nfields(f);
    char enc[4];
    switch (a) {
    case ACT_CLOSE: case ACT_EDIT_CANCEL: leave(t, f); return;
    case ACT_NEXT_FIELD: case ACT_LINE_DOWN: f->field = (f->field + 1) % n; return;
    case ACT_PREV_FIELD: case ACT_LINE_UP: f->field = (f->field + n - 1) % n; return;
    case ACT_ACCEPT: form_submit(t, f); return;
    case ACT_PARTNER_ADD: partner_add(t, f); return;
    case ACT_PARTNER_REMOVE: partner_remove(t, f); return;
    case ACT_PARTNER_UP: partner_move(t, f, -1); return;
    case ACT_PARTNER_DOWN: partner_move(t, f, 1); return;
    case ACT_NONE:
        if (key >= ' ' && key < KEYC_BASE)
            form_insert(t, f, enc, utf8_encode((uint32_t)key, enc));
        return;
    default:
        editbuf_apply(form_buf(f, f->field), a, 100000, 1, 0);
        return;
    }
}

/* A field is one line: the lines of a paste are joined with a space (a
 * line break at its end is dropped). */
static int form_paste(struct tui *t, struct screen *s, const char *text, size_t len)
{
    size_t n;
    char *line = paste_as_line(text, len, &n);
    form_insert(t, (struct form *)s, line, n);
    free(line);
    return 1;
}

static void form_destroy(struct tui *t, struct screen *s)
{
    struct form *f = (struct form *)s;
    for (int i = 0; i < FF_FIXED; i++)
        editbuf_release(&f->fixed[i]);
    for (size_t i = 0; i < f->np; i++)
        partner_release(&f->p[i]);
    free(f->p);
    if (f->mode == FORM_LIST && f->id)
        store_unlock(t->env->data, f->id);   /* the editor's lock it held */
    if (f->mode == FORM_LIST)
        t->picker_stale = 1;
    coop_release(&f->orig);
    free(f->catalog);
    free(f->id);
    free(f);
}

static const struct screen_ops form_ops = {
    CTX_FORM, 1, form_draw, form_key, form_paste, form_destroy, form_hints,
};

/* ---- opening ---- */

static struct form *form_alloc(enum form_mode mode, const struct coop *c, int interval,
                               const char *catalog)
{
    struct form *f = xcalloc(1, sizeof(*f));
    char iv[16];
    f->base.ops = &form_ops;
    f->mode = mode;
    if (c) {
        coop_copy(&f->orig, c);
        f->id = xstrdup(c->id);
    }
    snprintf(iv, sizeof(iv), "%d", c ? c->interval_months : interval);
    editbuf_init(&f->fixed[FF_ID], c ? c->id : "");
    editbuf_init(&f->fixed[FF_TITLE], c ? c->title : "");
    editbuf_init(&f->fixed[FF_COUNTRY], c ? c->country : "");
    editbuf_init(&f->fixed[FF_PI], c ? c->pi : "");
    editbuf_init(&f->fixed[FF_START], c ? c->start : "");
    editbuf_init(&f->fixed[FF_INTERVAL], iv);
    editbuf_init(&f->fixed[FF_CATALOG], catalog);
    f->catalog = xstrdup(catalog);
    for (int i = 0; i < FF_FIXED; i++)
        editbuf_text_end(&f->fixed[i]);
    for (size_t i = 0; c && i < c->partners.n; i++) {
        f->p = xrealloc(f->p, (f->np + 1) * sizeof(*f->p));
        partner_init(&f->p[f->np++], c->partners.v[i], coop_aliases(c, i));
    }
    return f;
}

void form_open_new(struct tui *t)
{
    const struct catalog_set *set = &t->env->cats;
    const struct catalog *cat = catalog_set_find(set, CATALOG_DEFAULT_ID);
    struct form *f;
    if (!cat && set->n)
        cat = set->v[0];
    f = form_alloc(FORM_NEW, NULL, t->cfg.interval_months, cat ? cat->id : "");
    screen_push(t, &f->base);
}

void form_open_current(struct tui *t)
{
    struct form *f = form_alloc(FORM_OPEN, &t->av->a->coop, 0, t->av->a->catalog_id);
    screen_push(t, &f->base);
}

int form_open_listed(struct tui *t, const char *id)
{
    struct assessment *a;
    struct cc_err err;
    struct form *f;
    /* held while the form is open: nobody else edits it meanwhile */
    if (store_lock(t->env->data, id, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return -1;
    }
    if (store_load(t->env->data, id, &t->env->cats, &a, &err) != 0) {
        store_unlock(t->env->data, id);
        tui_message(t, 1, "%s", err.msg);
        return -1;
    }
    f = form_alloc(FORM_LIST, &a->coop, 0, a->catalog_id);
    assessment_free(a);
    screen_push(t, &f->base);
    return 0;
}
