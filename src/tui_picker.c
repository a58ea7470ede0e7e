/* tui_picker.c — the list of cooperations (coopcheck with no arguments).
 *
 * The list shows every cooperation's whole id, title, partners, progress,
 * next due date, its state (overdue, due, never assessed, interim, measures
 * overdue) and the last decision in
 * columns as wide as their contents; when they do not fit the window, h/l
 * (Left/Right) scroll it sideways instead of cutting the ids that every
 * command needs.  Archived cooperations are left out unless A shows them,
 * marked "archived" and dimmed.  From here a cooperation is created (the
 * form, tui_form.c), opened, its details edited, and renamed, archived or
 * deleted (tui_picker_ops.c). */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "gitstore.h"
#include "officer.h"
#include "store.h"
#include "textutil.h"
#include "words.h"

#define TITLE_MAX 48     /* columns of the title column at least, where it is cut */
#define PARTNER_MAX 36

/* The short columns first, so that the progress and the dates are on screen
 * at 80 columns; the title and partners are cut first, with "...". */
enum { COL_ID, COL_ANSWERED, COL_DUE, COL_STATE, COL_DECISION, COL_TITLE, COL_PARTNERS, NCOLS };

struct picker {
    struct screen base;
    struct strlist cells[NCOLS];   /* a row per cooperation */
    struct strlist errors;         /* "" or why it cannot be read */
    unsigned char *archived;       /* per row: archived */
    size_t hidden;                 /* archived ones not listed */
    int show_archived;
    size_t width[NCOLS];           /* as drawn (fit_widths) */
    size_t natural[NCOLS];         /* the widest cell of each column (0: left out) */
    size_t sel, top;
    int skip;                      /* columns scrolled out on the left */
    const struct strlist *required; /* roles config.ini requires (t->cfg's) */
    int git;                       /* the data directory is a git store */
    struct gs_sync last;           /* what its last sync brought in */
    char now[CC_ISO_LEN];          /* when the rows were loaded */
};

static const char *const col_names[NCOLS] = {
    N_("ID"), N_("ANSWERED"), N_("NEXT DUE"), N_("STATE"), N_("DECISION"), N_("TITLE"),
    N_("PARTNERS"),
};

static const struct hint picker_hints[] = {
    { ACT_DOWN, ACT_UP, N_("move") }, { ACT_OPEN, ACT_NONE, NULL }, { ACT_NEW, ACT_NONE, NULL },
    { ACT_HELP, ACT_NONE, N_("keys") }, { ACT_EDIT_COOP, ACT_NONE, NULL },
    { ACT_RENAME, ACT_NONE, NULL }, { ACT_ARCHIVE, ACT_NONE, NULL }, { ACT_DELETE, ACT_NONE, NULL },
    { ACT_SHOW_ARCHIVED, ACT_NONE, NULL }, { ACT_SCROLL_LEFT, ACT_SCROLL_RIGHT, NULL },
    { ACT_LANGUAGE, ACT_NONE, NULL }, { ACT_QUIT, ACT_NONE, NULL }, { ACT_NONE, ACT_NONE, NULL },
};

static void release_rows(struct picker *p)
{
    for (int c = 0; c < NCOLS; c++)
        strlist_release(&p->cells[c]);
    strlist_release(&p->errors);
    free(p->archived);
    p->archived = NULL;
    p->hidden = 0;
}

/* A row but for the due date and state (load adds those first); a file
 * that does not load gets a row that says so, with the reason. */
static void add_row(struct picker *p, const struct assessment *a, const char *id, const char *error)
{
    struct sbuf partners;
    size_t n = p->cells[COL_ID].n;
    strlist_push(&p->cells[COL_ID], id);
    strlist_push(&p->errors, error ? error : "");
    p->archived = xrealloc(p->archived, n + 1);
    p->archived[n] = a && a->coop.archived.at;
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

/* Conflicts a sync left, and who changed it when it came in by the last
 * sync, after the state. */
static void sync_state_append(const struct picker *p, const struct assessment *a, const char *id,
                              char *state, size_t n)
{
    size_t len = strlen(state);
    if (a->nconflicts) {
        snprintf(state + len, n - len, "%s%s", len ? ", " : "",
                 /* TRANSLATORS: the same value changed on two machines, found by sync */
                 P_("conflict", "conflicts", a->nconflicts));
        len = strlen(state);
    }
    for (size_t i = 0; i < p->last.in.n; i++) {
        const struct gs_change *ch = &p->last.in.v[i];
        struct sbuf who;
        if (strcmp(ch->id, id) != 0)
            continue;
        sbuf_init(&who);
        gs_change_authors(ch, &who);
        /* TRANSLATORS: changed by these people, as the last sync brought it in */
        snprintf(state + len, n - len, _("%schanged by %s (last sync)"), len ? ", " : "", who.buf);
        sbuf_release(&who);
    }
}

/* The due date and state of a (store_each's), then the rest of its row. */
static void add_loaded(struct picker *p, const struct assessment *a, const struct store_due *due,
                       const char *id)
{
    char state[128];
    if (a->coop.archived.at)
        snprintf(state, sizeof(state), "%s", _("archived"));
    else
        due_state_text(due, state, sizeof(state));
    officer_state_append(a, p->now, state, sizeof(state));
    approval_state_append(a, p->required, state, sizeof(state));
    sync_state_append(p, a, id, state, sizeof(state));
    strlist_push(&p->cells[COL_DUE], due->next);
    strlist_push(&p->cells[COL_STATE], state);
    strlist_push(&p->cells[COL_DECISION], outcome_short(a->decision.outcome));
    add_row(p, a, id, NULL);
}

/* A row for each cooperation store_each loaded (in several threads: with
 * 10,000 cooperations the list took 0.4 s to come up, one by one). */
static void add_item(void *arg, const struct store_item *x)
{
    struct picker *p = arg;
    if (!x->a)
        add_row(p, NULL, x->id, x->err.msg);
    else if (x->a->coop.archived.at && !p->show_archived)
        p->hidden++;
    else
        add_loaded(p, x->a, &x->due, x->id);
}

static void column_widths(struct picker *p)
{
    int decided = 0;
    for (int c = 0; c < NCOLS; c++) {
        p->natural[c] = text_width(_(col_names[c]));
        for (size_t i = 0; i < p->cells[c].n; i++) {
            size_t w = text_width(p->cells[c].v[i]);
            if (w > p->natural[c])
                p->natural[c] = w;
        }
    }
    /* the decisions only once there is one: the titles keep their room */
    for (size_t i = 0; i < p->cells[COL_DECISION].n; i++)
        if (strcmp(p->cells[COL_DECISION].v[i], "-") != 0 && p->cells[COL_DECISION].v[i][0])
            decided = 1;
    if (!decided)
        p->natural[COL_DECISION] = 0;
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* The widths for cols columns: every column whole where the table fits;
 * else the title and the partners get the room the other columns leave,
 * but no less than TITLE_MAX and PARTNER_MAX (or what they need), and the
 * table scrolls sideways. */
static void fit_widths(struct picker *p, int cols)
{
    size_t others = 1, room, tw, pw;
    for (int c = 0; c < NCOLS; c++) {
        p->width[c] = p->natural[c];
        if (c != COL_TITLE && c != COL_PARTNERS && p->natural[c])
            others += p->natural[c] + 2;
    }
    others += 4;   /* the gaps after the title and the partners */
    room = cols > 0 && (size_t)cols > others ? (size_t)cols - others : 0;
    if (p->natural[COL_TITLE] + p->natural[COL_PARTNERS] <= room)
        return;
    pw = min_size(p->natural[COL_PARTNERS], PARTNER_MAX);
    tw = min_size(p->natural[COL_TITLE], room > pw + TITLE_MAX ? room - pw : TITLE_MAX);
    p->width[COL_TITLE] = tw;
    p->width[COL_PARTNERS] = min_size(p->natural[COL_PARTNERS],
                                      room > tw + PARTNER_MAX ? room - tw : PARTNER_MAX);
}

static void load(struct tui *t, struct picker *p)
{
    struct cc_err err;
    release_rows(p);
    gs_sync_release(&p->last);
    cc_now(p->now);   /* one time for every row's state */
    p->git = gs_enabled(t->env->data);
    if (p->git && gs_last_sync(t->env->data, &p->last, &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    if (store_each(t->env->data, &t->env->cats, 0, add_item, p, &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    column_widths(p);
    if (p->sel >= p->cells[COL_ID].n)
        p->sel = p->cells[COL_ID].n ? p->cells[COL_ID].n - 1 : 0;
    t->picker_stale = 0;
}

/* One row of the table at y, scrolled by skip columns. */
static void draw_row(struct tui *t, struct picker *p, int y, size_t row, enum theme_slot slot)
{
    int dim = row != (size_t)-1 && p->archived[row];
    int x = 1 - p->skip;
    draw_fill(t, y, 0, t->cols, slot);
    for (int c = 0; c < NCOLS; c++) {
        const char *cell = row == (size_t)-1 ? _(col_names[c]) : p->cells[c].v[row];
        struct sbuf cut;
        if (!p->width[c])
            continue;   /* a column left out */
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
            if (dim)
                draw_text_dim(t, y, x + skip, cut.buf, skip, t->cols - (x + skip), slot);
            else
                draw_text_from(t, y, x + skip, cut.buf, skip, t->cols - (x + skip), slot);
        }
        sbuf_release(&cut);
        x += (int)p->width[c] + 2;
    }
}

/* The selected cooperation's title and partners when the table does not
 * show them whole (cut to fit, or beyond the right edge: at 80 columns with
 * long ids or states, as in German), for rows under the table; NULL when it
 * does. */
static char *selected_detail(const struct tui *t, const struct picker *p)
{
    int x = 1 - p->skip;
    int whole = 1;
    const char *title, *partners;
    if (p->sel >= p->cells[COL_ID].n)
        return NULL;
    title = p->cells[COL_TITLE].v[p->sel];
    partners = p->cells[COL_PARTNERS].v[p->sel];
    for (int c = 0; c < NCOLS; c++) {
        if (!p->width[c])
            continue;
        if (c == COL_TITLE || c == COL_PARTNERS) {
            size_t w = text_width(c == COL_TITLE ? title : partners);
            if (w && (x < 0 || w > p->width[c] || x + (int)w > t->cols))
                whole = 0;
        }
        x += (int)p->width[c] + 2;
    }
    if (whole)
        return NULL;
    return partners[0] ? xasprintf("%s %s %s", title, sym(t, "·", "-"), partners)
                       : xstrdup(title);
}

static int table_width(const struct picker *p)
{
    int w = 1;
    for (int c = 0; c < NCOLS; c++)
        w += p->width[c] ? (int)p->width[c] + 2 : 0;
    return w;
}

static void picker_draw(struct tui *t, struct screen *s)
{
    struct picker *p = (struct picker *)s;
    size_t n, h;
    char *right;
    if (t->picker_stale)
        load(t, p);
    fit_widths(p, t->cols);
    n = p->cells[COL_ID].n;
    h = (size_t)(t->rows - 3 - status_rows(t) > 1 ? t->rows - 3 - status_rows(t) : 1);
    if (p->hidden)
        right = xasprintf(P_("%zu cooperation, %zu archived not shown",
                             "%zu cooperations, %zu archived not shown", n), n, p->hidden);
    else
        right = xasprintf(P_("%zu cooperation", "%zu cooperations", n), n);
    draw_header(t, _("Cooperations"), right);
    free(right);
    if (p->git) {
        /* a shared store: where it is, and what the last sync brought */
        char *line = p->last.at[0]
                         ? xasprintf(P_("%s (git; last sync %.16s: %zu cooperation came in)",
                                        "%s (git; last sync %.16s: %zu cooperations came in)",
                                        p->last.in.n), t->env->data, p->last.at, p->last.in.n)
                         : xasprintf(_("%s (git; not synced yet: coopcheck sync)"), t->env->data);
        draw_text(t, 1, 1, line, t->cols - 2, TS_NORMAL);
        free(line);
    } else {
        draw_text(t, 1, 1, t->env->data, t->cols - 2, TS_NORMAL);
    }
    if (n == 0) {
        char keys[48], *text;
        keymap_describe(&t->km, p->hidden ? ACT_SHOW_ARCHIVED : ACT_NEW, 1, keys, sizeof(keys));
        if (p->hidden)
            text = xasprintf(P_("No cooperations to show: %zu is archived (%s shows it).",
                                "No cooperations to show: %zu are archived (%s shows them).",
                                p->hidden), p->hidden, keys);
        else
            text = xasprintf(_("No cooperations yet. Press %s to create one."), keys);
        draw_text(t, 3, 2, text, t->cols - 4, TS_NORMAL);
        free(text);
    } else {
        /* (not under a dialog: the form shows what it changes) */
        char *detail = screen_top(t) == s ? selected_detail(t, p) : NULL;
        if (detail && h > 3) {
            /* up to two rows under the table, after a blank one */
            struct strlist lines = { 0 };
            wrap_lines(detail, t->cols - 2, 0, &lines);
            lines_cap(&lines, 2, t->cols - 2);
            h -= lines.n + 1;
            for (size_t i = 0; i < lines.n; i++)
                draw_text(t, 4 + (int)(h + i), 1, lines.v[i], t->cols - 2, TS_HELP_TEXT);
            strlist_release(&lines);
        }
        free(detail);
        draw_row(t, p, 2, (size_t)-1, TS_TITLE);
        if (p->sel < p->top)
            p->top = p->sel;
        if (p->sel >= p->top + h)
            p->top = p->sel - h + 1;
        for (size_t y = 0; y < h && p->top + y < n; y++)
            draw_row(t, p, 3 + (int)y, p->top + y, p->top + y == p->sel ? TS_LIST_SELECTED : TS_LIST);
        if (p->sel >= p->top && p->sel < p->top + h && p->sel < n)
            draw_focus(t, 3 + (int)(p->sel - p->top), 1);
        if (p->errors.v[p->sel][0] && !t->msg[0])
            tui_message(t, 1, "%s", p->errors.v[p->sel]);
    }
    draw_status(t, CTX_PICKER, picker_hints);
}

/* An action on the selected cooperation (id copied: the list may be read
 * again meanwhile). */
static void on_selected(struct tui *t, struct picker *p, enum action a)
{
    char *id;
    if (p->sel >= p->cells[COL_ID].n) {
        tui_message(t, 0, "%s", _("there is no cooperation to act on here"));
        return;
    }
    id = xstrdup(p->cells[COL_ID].v[p->sel]);
    switch (a) {
    case ACT_OPEN: assess_open(t, id, NULL); break;
    case ACT_EDIT_COOP: form_open_listed(t, id); break;
    case ACT_RENAME: picker_rename(t, id); break;
    case ACT_ARCHIVE: picker_archive(t, id, !p->archived[p->sel]); break;
    case ACT_DELETE: picker_delete(t, id); break;
    default: break;
    }
    free(id);
}

static void toggle_archived(struct tui *t, struct picker *p)
{
    char keys[48];
    p->show_archived = !p->show_archived;
    t->picker_stale = 1;
    keymap_describe(&t->km, ACT_SHOW_ARCHIVED, 1, keys, sizeof(keys));
    if (p->show_archived)
        tui_message(t, 0, _("archived cooperations are shown, marked \"%s\" (%s hides them)"),
                    _("archived"), keys);
    else
        tui_message(t, 0, _("archived cooperations are hidden (%s shows them)"), keys);
}

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
    case ACT_OPEN: case ACT_EDIT_COOP: case ACT_RENAME: case ACT_ARCHIVE: case ACT_DELETE:
        on_selected(t, p, a);
        break;
    case ACT_SHOW_ARCHIVED: toggle_archived(t, p); break;
    case ACT_NEW: form_open_new(t); break;
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
    gs_sync_release(&((struct picker *)s)->last);
    free(s);
}

static const struct screen_ops picker_ops = {
    CTX_PICKER, 0, picker_draw, picker_key, NULL, picker_destroy, picker_hints,
};

struct screen *picker_new(struct tui *t)
{
    struct picker *p = xcalloc(1, sizeof(*p));
    p->base.ops = &picker_ops;
    p->required = &t->cfg.required_approvals;
    t->picker_stale = 1;
    return &p->base;
}
