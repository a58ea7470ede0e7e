/* tui_screening.c — the partner screening in the interface (S on an
 * assessment): what the last screening checked and did not, its hits one
 * per line, and the selected hit explained below them (which name matched
 * which entry name on which list, the normalised forms, the score, the
 * entry's category and reference, the decision).  y, n and u decide the
 * selected hit (the same entity, not the same, unsure); Enter opens the
 * dialog with a note; S screens again.  Each change is saved at once. */
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "lists.h"
#include "screening.h"
#include "textutil.h"

struct screening_view {
    struct screen base;
    size_t sel;     /* the selected hit */
    size_t top;     /* first line shown (of the summary and the hits) */
    size_t page;    /* the rows of the hits in the last frame, for PgUp/PgDn */
};

static const struct hint screening_hints[] = {
    { ACT_HIT_SAME, ACT_NONE, NULL }, { ACT_HIT_DIFFERENT, ACT_NONE, NULL },
    { ACT_HIT_UNSURE, ACT_NONE, NULL }, { ACT_OPEN, ACT_NONE, N_("note") },
    { ACT_RESCREEN, ACT_NONE, NULL }, { ACT_KEYS, ACT_NONE, NULL }, { ACT_CLOSE, ACT_NONE, NULL },
    { ACT_NONE, ACT_NONE, NULL },
};

static void save(struct tui *t)
{
    t->av->unsaved = 1;
    if (edit_save(t) == 0)
        tui_message(t, 0, _("saved"));
}

/* Screens the open assessment again (also after its partners changed). */
void screening_rerun(struct tui *t, int quiet)
{
    struct cc_err err;
    char now[CC_ISO_LEN], *dir = lists_dir(t->cfg.lists_dir, &err);
    struct list_info *v = NULL;
    size_t n = 0, open;
    const struct screening *s;
    if (!dir) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    if (quiet && (lists_installed(dir, &v, &n, NULL, NULL) != 0 || n == 0)) {
        lists_info_free(v, n);
        free(dir);
        return;
    }
    lists_info_free(v, n);
    cc_now(now);
    if (screening_run(t->av->a, dir, t->cfg.screen_threshold, now, t->who, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        free(dir);
        return;
    }
    free(dir);
    save(t);
    s = assessment_last_screening(t->av->a);
    open = screening_undecided(s);
    tui_message(t, 0, P_("screened against %zu list: %zu hit(s) to decide (S shows them)",
                         "screened against %zu lists: %zu hit(s) to decide (S shows them)",
                         s->nlists), s->nlists, open);
}

static void decide(struct tui *t, size_t i, enum verdict v, const char *note)
{
    struct cc_err err;
    char now[CC_ISO_LEN];
    cc_now(now);
    if (screening_decide(t->av->a, i, v, note, now, t->who, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    save(t);
}

/* ---- the dialog ---- */

struct hit_ctx {
    size_t i;
};

/* A verdict as the user types it: its name or its word in either language. */
static int verdict_typed(const char *s)
{
    static const char *const words[V_COUNT] = { NULL, N_("same"), N_("different"), N_("unsure") };
    int v = verdict_parse(s);
    for (int i = 1; v < 0 && i < V_COUNT; i++)
        if (strcmp(s, _(words[i])) == 0 || strcmp(s, verdict_text((enum verdict)i)) == 0)
            v = i;
    return v;
}

static int hit_submit(struct tui *t, void *ctx, char *const *v, struct cc_err *err)
{
    struct hit_ctx *hc = ctx;
    int vd = verdict_typed(v[0]);
    if (vd <= V_OPEN)
        return cc_error(err, _("\"%s\" is not a decision: same, different or unsure"), v[0]);
    decide(t, hc->i, (enum verdict)vd, v[1]);
    return 0;
}

static void hit_dialog(struct tui *t, size_t i)
{
    const struct screening *s = assessment_last_screening(t->av->a);
    const struct hit *h;
    struct hit_ctx *ctx;
    struct field_spec spec[2];
    char *title, *which;
    if (!s || i >= s->nhits)
        return;
    h = &s->hits[i];
    ctx = xcalloc(1, sizeof(*ctx));
    ctx->i = i;
    title = xasprintf(_("Hit %zu: %s ~ %s"), i + 1, h->partner, h->matched);
    /* the names whole in the decision's hint: the title is cut at the box */
    which = xasprintf("%s ~ %s: %s", h->partner, h->matched,
                      _("same (the same entity), different (not the same) or unsure"));
    spec[0] = (struct field_spec){ _("Decision"),
                                   h->d.verdict != V_OPEN ? verdict_name(h->d.verdict) : NULL,
                                   which };
    spec[1] = (struct field_spec){ _("Note"), h->d.note, _("why: what was checked") };
    fields_open(t, title, spec, 2, hit_submit, ctx, free);
    free(which);
    free(title);
}

/* ---- drawing ---- */

/* "  1 not decided    new     own         100  HIT ~ Harbin Institute of
 * Technology": what matters first, the names last (cut at the edge). */
static void hit_line(struct tlines *L, const struct hit *h, size_t i)
{
    enum theme_slot slot = h->d.verdict == V_OPEN ? TS_FLAG : TS_NORMAL;
    struct sbuf sb;
    size_t w = 0, sw = 0;
    sbuf_init(&sb);
    for (int v = 0; v < V_COUNT; v++)   /* the longest words in this language */
        if (text_width(verdict_text((enum verdict)v)) > w)
            w = text_width(verdict_text((enum verdict)v));
    for (int st = 0; st < HS_COUNT; st++)
        if (text_width(hit_state_text((enum hit_state)st)) > sw)
            sw = text_width(hit_state_text((enum hit_state)st));
    sbuf_addf(&sb, "%3zu ", i + 1);
    text_column(&sb, verdict_text(h->d.verdict), w);
    sbuf_addc(&sb, ' ');
    text_column(&sb, hit_state_text(h->state), sw);
    sbuf_addc(&sb, ' ');
    text_column(&sb, h->list, 12);
    sbuf_addf(&sb, " %3d  %s ~ %s", h->score, h->alias, h->matched);
    tlines_add(L, (long)i, slot, sbuf_detach(&sb, NULL));
}

/* The summary and the hits (L), and the selected hit explained (D). */
static void build(struct tui *t, struct screening_view *sv, int width, struct tlines *L,
                  struct tlines *D)
{
    const struct screening *s = assessment_last_screening(t->av->a);
    struct strlist lines = { 0 };
    if (!s) {
        tlines_wrapped(L, -1, TS_NORMAL, _("The partners have not been screened yet. S screens "
                                           "them against the installed lists ('coopcheck "
                                           "lists' shows and adds them)."), width, 0);
        return;
    }
    screening_summary(s, t->cfg.list_max_age, &lines);
    for (size_t i = 0; i < lines.n; i++)
        tlines_wrapped(L, -1, TS_HELP_TEXT, lines.v[i], width, 0);
    strlist_release(&lines);
    if (!s->nhits)
        return;
    tlines_add(L, -1, TS_NORMAL, xstrdup(""));
    for (size_t i = 0; i < s->nhits; i++)
        hit_line(L, &s->hits[i], i);
    tlines_add(D, -1, TS_NORMAL, xstrdup(""));
    tlines_add(D, -1, TS_TITLE, xasprintf(_("Hit %zu of %zu"), sv->sel + 1, s->nhits));
    screening_hit_lines(&s->hits[sv->sel], &lines);
    for (size_t i = 0; i < lines.n; i++)
        tlines_wrapped(D, -1, TS_HELP_TEXT, lines.v[i], width, 2);
    strlist_release(&lines);
}

static void hit_row_draw(struct tui *t, struct screening_view *sv, int y, const struct tline *l)
{
    tline_draw(t, y, l, l->item >= 0 && l->item == (long)sv->sel);
}

/* When all does not fit, the selected hit's explanation keeps the bottom
 * rows (all but four at most) and the summary and hits above it scroll with
 * the selection: the matched entry, its category and the decision stay in
 * view whichever hit is selected. */
static void screening_draw(struct tui *t, struct screen *scr)
{
    struct screening_view *sv = (struct screening_view *)scr;
    const struct screening *s = assessment_last_screening(t->av->a);
    struct tlines L = { 0 }, D = { 0 };
    int h = t->rows - 1 - status_rows(t), selrow = -1;
    size_t dh, th;
    char *head = xasprintf(_("Partner screening: %s"), t->av->a->coop.id);
    char *right = s ? xasprintf(_("screened %.10s"), s->at) : xstrdup("");
    if (s && sv->sel >= s->nhits)
        sv->sel = s->nhits ? s->nhits - 1 : 0;
    draw_header_coop(t, head, _("Partner screening"), right);
    free(head);
    free(right);
    build(t, sv, t->cols - 2, &L, &D);
    if (h < 1)
        h = 1;
    dh = D.n;
    if (L.n + D.n > (size_t)h && dh + 4 > (size_t)h)
        dh = h > 4 ? (size_t)h - 4 : 0;
    th = L.n + D.n <= (size_t)h ? L.n : (size_t)h - dh;
    for (size_t i = 0; i < L.n; i++)
        if (L.v[i].item == (long)sv->sel && selrow < 0)
            selrow = (int)i;
    if (selrow >= 0 && selrow < (int)sv->top)
        sv->top = (size_t)selrow;
    if (selrow >= (int)(sv->top + th))
        sv->top = (size_t)selrow - th + 1;
    if (sv->top + th > L.n)
        sv->top = L.n > th ? L.n - th : 0;
    sv->page = th > 2 ? th - 2 : 1;
    for (size_t y = 0; y < th && sv->top + y < L.n; y++)
        hit_row_draw(t, sv, 1 + (int)y, &L.v[sv->top + y]);
    for (size_t y = 0; y < dh && th + y < (size_t)h; y++)
        hit_row_draw(t, sv, 1 + (int)(th + y), &D.v[y]);
    tlines_release(&L);
    tlines_release(&D);
    draw_status(t, CTX_SCREENING, screening_hints);
}

static void screening_key(struct tui *t, struct screen *scr, int key, enum action a)
{
    struct screening_view *sv = (struct screening_view *)scr;
    const struct screening *s = assessment_last_screening(t->av->a);
    size_t n = s ? s->nhits : 0;
    (void)key;
    switch (a) {
    case ACT_UP: if (sv->sel) sv->sel--; else sv->top = 0; break;
    case ACT_DOWN: if (sv->sel + 1 < n) sv->sel++; break;
    case ACT_FIRST: sv->sel = 0; sv->top = 0; break;
    case ACT_LAST: sv->sel = n ? n - 1 : 0; break;
    case ACT_PAGE_UP:
        sv->sel = sv->sel > sv->page ? sv->sel - sv->page : 0;
        if (!sv->sel)
            sv->top = 0;
        break;
    case ACT_PAGE_DOWN:
        sv->sel = sv->sel + sv->page < n ? sv->sel + sv->page : (n ? n - 1 : 0);
        break;
    case ACT_HIT_SAME: case ACT_HIT_DIFFERENT: case ACT_HIT_UNSURE:
        if (!n) {
            tui_message(t, 0, _("there is no hit to decide"));
            break;
        }
        decide(t, sv->sel, a == ACT_HIT_SAME ? V_SAME : a == ACT_HIT_DIFFERENT ? V_DIFFERENT : V_UNSURE,
               s->hits[sv->sel].d.note);
        break;
    case ACT_OPEN:
        if (n)
            hit_dialog(t, sv->sel);
        else
            tui_message(t, 0, _("there is no hit to decide"));
        break;
    case ACT_RESCREEN: screening_rerun(t, 0); break;
    case ACT_LANGUAGE: tui_toggle_language(t); break;
    case ACT_CLOSE: screen_pop(t); break;
    default: break;
    }
}

static void screening_destroy(struct tui *t, struct screen *s)
{
    (void)t;
    free(s);
}

static const struct screen_ops screening_ops = {
    CTX_SCREENING, 0, screening_draw, screening_key, NULL, screening_destroy, screening_hints,
};

void screening_view_open(struct tui *t)
{
    struct screening_view *sv = xcalloc(1, sizeof(*sv));
    sv->base.ops = &screening_ops;
    screen_push(t, &sv->base);
}
