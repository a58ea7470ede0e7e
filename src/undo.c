/* undo.c — see undo.h. */
#include "undo.h"

#include <stdlib.h>
#include <string.h>

void undo_init(struct undo_log *u)
{
    memset(u, 0, sizeof(*u));
}

static void entry_release(struct undo_entry *e)
{
    qanswers_release(&e->other);
}

void undo_release(struct undo_log *u)
{
    for (size_t i = 0; i < u->n; i++)
        entry_release(&u->v[i]);
    free(u->v);
    memset(u, 0, sizeof(*u));
}

int undo_record(struct undo_log *u, const struct assessment *a, size_t qi, struct qanswers *before)
{
    struct undo_entry *e;
    if (qi >= a->cat->nquestions || qanswers_equal(before, &a->q[qi])) {
        qanswers_release(before);
        return 0;
    }
    while (u->n > u->pos)   /* a new change: what was undone cannot be redone */
        entry_release(&u->v[--u->n]);
    if (u->n == UNDO_MAX) {
        entry_release(&u->v[0]);
        memmove(u->v, u->v + 1, (u->n - 1) * sizeof(*u->v));
        u->n--;
    }
    if (!u->v)
        u->v = xcalloc(UNDO_MAX, sizeof(*u->v));
    e = &u->v[u->n++];
    e->qi = qi;
    e->other = *before;   /* what a holds now is the after: no copy */
    memset(before, 0, sizeof(*before));
    u->pos = u->n;
    return 1;
}

/* Question e->qi of a and the state e keeps change places: undone, the
 * entry keeps what the question held (its after), redone its before again.
 * Nothing is copied, which counts with answers of 256 KiB. */
static void swap(struct assessment *a, struct undo_entry *e)
{
    struct qanswers held = a->q[e->qi];
    a->q[e->qi] = e->other;
    e->other = held;
}

long undo_undo(struct undo_log *u, struct assessment *a)
{
    struct undo_entry *e;
    if (u->pos == 0)
        return -1;
    e = &u->v[--u->pos];
    swap(a, e);
    return (long)e->qi;
}

long undo_redo(struct undo_log *u, struct assessment *a)
{
    struct undo_entry *e;
    if (u->pos == u->n)
        return -1;
    e = &u->v[u->pos++];
    swap(a, e);
    return (long)e->qi;
}
