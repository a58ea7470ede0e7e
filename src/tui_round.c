/* tui_round.c — rounds that close honestly: the snapshot dialog (s) and the
 * round's line under the assessment's header.
 *
 * The dialog shows what is still open (assessment_open_items: unanswered,
 * partly answered, "unsure" without explanation, to review, flagged) before
 * anything is taken.  With nothing open, Enter takes a complete snapshot,
 * which closes the round; with something open, only an interim one can be
 * taken, and only with its own key (never Enter): it is kept and can be
 * compared, but the round stays open and the due date does not move.
 * Either way a note is required (a prompt over the dialog; an empty note is
 * refused and asked again).
 *
 * The round's line says which round is in progress and which complete
 * snapshot it is based on; a round nothing has changed yet says that what
 * stands for it is still that snapshot.  It takes a second row where one
 * would cut it. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "store.h"
#include "textutil.h"
#include "words.h"

struct round {
    struct screen base;
    struct strlist open;      /* open_items_lines: "unanswered: 2, 3" */
    int complete;             /* nothing is open */
    int want_complete;        /* the kind the note prompt is for */
};

/* The keys that work: Enter with nothing open, the interim key otherwise. */
static const struct hint round_hints[] = {
    { ACT_SNAP_COMPLETE, ACT_NONE, NULL }, { ACT_CLOSE, ACT_NONE, N_("cancel") },
    { ACT_NONE, ACT_NONE, NULL },
};
static const struct hint round_hints_open[] = {
    { ACT_SNAP_INTERIM, ACT_NONE, NULL }, { ACT_CLOSE, ACT_NONE, N_("cancel") },
    { ACT_NONE, ACT_NONE, NULL },
};

/* ---- the round's line ---- */

int round_line_shown(const struct tui *t)
{
    const struct assessment *a = t->av ? t->av->a : NULL;
    return a && (a->round > 1 || a->last_snapshot);
}

int round_untouched(const struct tui *t)
{
    return assessment_untouched(t->av->a) && !t->av->round_changed;
}

/* The round's line as the rows it takes at t's width: one, or two where one
 * would cut it (the interim snapshot's name comes last and was lost at 80
 * columns); what a third row would hold is cut at the end of the second. */
static void round_lines(const struct tui *t, struct strlist *out)
{
    const struct assessment *a = t->av->a;
    struct store_due due;
    struct sbuf line;
    int w = t->cols > 2 ? t->cols - 2 : 1;
    store_due(a, &due);
    sbuf_init(&line);
    if (round_untouched(t))
        sbuf_addf(&line, _("Round %d, nothing changed yet: what stands is snapshot %s, which "
                           "closed round %d"), a->round, a->round_based_on, a->round - 1);
    else if (a->round_based_on)
        sbuf_addf(&line, _("Round %d in progress, based on snapshot %s, which closed round %d"),
                  a->round, a->round_based_on, a->round - 1);
    else
        sbuf_addf(&line, _("Round %d in progress, not closed yet"), a->round);
    if (due.interim)
        sbuf_addf(&line, _("; interim snapshot %s since"), a->last_snapshot);
    wrap_lines(line.buf, w, 0, out);
    lines_cap(out, 2, w);
    sbuf_release(&line);
}

int round_line_rows(const struct tui *t)
{
    struct strlist lines = { 0 };
    int n;
    if (!round_line_shown(t))
        return 0;
    round_lines(t, &lines);
    n = lines.n > 1 ? 2 : 1;
    strlist_release(&lines);
    return n;
}

void round_line_draw(struct tui *t, int y)
{
    struct strlist lines = { 0 };
    round_lines(t, &lines);
    for (size_t i = 0; i < lines.n; i++) {
        draw_fill(t, y + (int)i, 0, t->cols, TS_NORMAL);
        draw_text(t, y + (int)i, 1, lines.v[i], t->cols - 2,
                  round_untouched(t) ? TS_MARK_REVIEW : TS_TITLE);
    }
    strlist_release(&lines);
}

/* ---- the dialog ---- */

/* The dialog's text: what is open, what the snapshot will be, the keys. */
static void round_text(struct tui *t, const struct round *r, int width, struct strlist *out)
{
    const struct assessment *a = t->av->a;
    struct store_due due;
    char k1[48], k2[48];
    char *s;
    store_due(a, &due);
    keymap_describe_in(&t->km, CTX_ROUND, r->complete ? ACT_SNAP_COMPLETE : ACT_SNAP_INTERIM, 1, k1,
                       sizeof(k1));
    keymap_describe_in(&t->km, CTX_ROUND, ACT_CLOSE, 1, k2, sizeof(k2));
    if (r->complete) {
        s = snapshot_complete_text(a);
    } else {
        strlist_push(out, _("Still open:"));
        for (size_t i = 0; i < r->open.n; i++)
            wrap_lines(r->open.v[i], width - 2, 2, out);
        strlist_push(out, "");
        s = xasprintf(_("Because something is open, this snapshot can only be interim: it is kept "
                        "and can be compared like any other, but round %d stays open and the next "
                        "re-assessment is still due %s."), a->round, due.next);
    }
    wrap_lines(s, width, 0, out);
    free(s);
    strlist_push(out, "");
    s = xasprintf(r->complete ? _("%s  take the complete snapshot (a note is asked for next)")
                              : _("%s  take an interim snapshot (a note is asked for next)"), k1);
    wrap_lines(s, width, 0, out);
    free(s);
    s = xasprintf(_("%s  cancel: nothing is taken"), k2);
    wrap_lines(s, width, 0, out);
    free(s);
}

/* The dialog's text on a screen too low for it: the blank rows go first,
 * then the last rows of what is open (counted on a row of their own), so
 * that what the snapshot will be and the keys stay in view. */
static void round_fit(const struct tui *t, struct strlist *l, size_t room, int width)
{
    size_t end = 1, drop;
    char *more;
    struct sbuf cut;
    for (size_t i = l->n; i-- > 0 && l->n > room;)
        if (!l->v[i][0]) {
            free(l->v[i]);
            memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(*l->v));
            l->n--;
        }
    if (l->n <= room || l->n < 2 || strcmp(l->v[0], _("Still open:")) != 0)
        return;
    while (end < l->n && l->v[end][0] == ' ')
        end++;   /* the open items are the indented rows after "Still open:" */
    drop = l->n - room + 1;   /* and a row that says how many are not shown */
    if (drop > end - 1)
        return;   /* more than the items: cut at the end */
    more = xasprintf(P_("  ... and %zu more row (coopcheck show %s)",
                        "  ... and %zu more rows (coopcheck show %s)", drop),
                     drop, t->av->a->coop.id);
    sbuf_init(&cut);
    text_truncate(&cut, more, (size_t)(width > 1 ? width : 1), 1);
    free(more);
    for (size_t i = end - drop; i < end; i++)
        free(l->v[i]);
    l->v[end - drop] = sbuf_detach(&cut, NULL);
    memmove(&l->v[end - drop + 1], &l->v[end], (l->n - end) * sizeof(*l->v));
    l->n -= drop - 1;
}

static void round_draw(struct tui *t, struct screen *s)
{
    struct round *r = (struct round *)s;
    struct strlist lines = { 0 };
    int w = t->cols - 4 > 76 ? 76 : t->cols - 4, h, y0, x, iw;
    char *title = xasprintf(_("Snapshot of %s, round %d"), t->av->a->coop.id, t->av->a->round);
    round_text(t, r, w - 4, &lines);
    round_fit(t, &lines, t->rows > 6 ? (size_t)t->rows - 6 : 1, w - 4);
    h = (int)lines.n + 4;
    if (h > t->rows - 2)
        h = t->rows - 2;
    y0 = (t->rows - 1 - h) / 2;
    draw_box(t, y0, h, w, title, &x, &iw);
    for (size_t i = 0; i < lines.n && (int)i < h - 3; i++) {
        const char *l = lines.v[i];
        /* the open items are the indented lines */
        draw_text(t, y0 + 2 + (int)i, x, l, iw, l[0] == ' ' ? TS_MARK_REVIEW : TS_NORMAL);
    }
    strlist_release(&lines);
    free(title);
    draw_status(t, CTX_ROUND, r->complete ? round_hints : round_hints_open);
}

static void take(struct tui *t, struct round *r, const char *note)
{
    struct cc_err err;
    char now[CC_ISO_LEN], *name = NULL;
    int closed = t->av->a->round;
    cc_now(now);
    if (store_snapshot(t->env->data, t->av->a, note, r->want_complete, t->who, now, &name, &err) != 0) {
        screen_close(t, &r->base);
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    screen_close(t, &r->base);
    if (r->want_complete)
        tui_message(t, 0, _("complete snapshot %s taken: round %d is closed, round %d starts "
                            "(answers marked to review)"), name, closed, t->av->a->round);
    else
        tui_message(t, 0, _("interim snapshot %s taken; round %d stays open"), name, closed);
    /* a snapshot is a commit of its own in a git store */
    tui_commit(t, "snapshot %s, round %d %s", name, closed,
               r->want_complete ? "complete" : "interim (the round stays open)");
    free(name);
}

static void ask_note(struct tui *t, struct round *r, const char *initial);

static void note_done(struct tui *t, void *ctx, const char *text)
{
    struct round *r = ctx;
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p) {
        ask_note(t, r, "");
        tui_message(t, 1, "%s", _("a snapshot needs a note saying what it records (Esc goes back)"));
        return;
    }
    take(t, r, text);
}

static void ask_note(struct tui *t, struct round *r, const char *initial)
{
    prompt_open(t, r->want_complete ? _("Note of the complete snapshot (required): ")
                                    : _("Note of the interim snapshot (required): "),
                initial, note_done, NULL, r);
}

static void round_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct round *r = (struct round *)s;
    char keys[48];
    (void)key;
    switch (a) {
    case ACT_SNAP_COMPLETE:
        if (!r->complete) {
            keymap_describe_in(&t->km, CTX_ROUND, ACT_SNAP_INTERIM, 1, keys, sizeof(keys));
            tui_message(t, 1, _("something is still open, so the snapshot cannot be complete; %s "
                                "takes an interim one"), keys);
            return;
        }
        r->want_complete = 1;
        ask_note(t, r, "");
        break;
    case ACT_SNAP_INTERIM:
        if (r->complete) {
            keymap_describe_in(&t->km, CTX_ROUND, ACT_SNAP_COMPLETE, 1, keys, sizeof(keys));
            tui_message(t, 1, _("nothing is open, so the snapshot is complete: %s takes it"), keys);
            return;
        }
        r->want_complete = 0;
        ask_note(t, r, "");
        break;
    case ACT_CLOSE: screen_pop(t); break;
    default: break;
    }
}

static void round_destroy(struct tui *t, struct screen *s)
{
    struct round *r = (struct round *)s;
    (void)t;
    strlist_release(&r->open);
    free(r);
}

static const struct screen_ops round_ops = {
    CTX_ROUND, 1, round_draw, round_key, NULL, round_destroy, round_hints,
};

void round_open(struct tui *t)
{
    struct round *r = xcalloc(1, sizeof(*r));
    struct open_items o;
    r->base.ops = &round_ops;
    assessment_open_items(t->av->a, &o);
    r->complete = open_items_none(&o);
    open_items_lines(t->av->a, &o, &r->open);
    open_items_release(&o);
    t->msg[0] = '\0';
    screen_push(t, &r->base);
}
