/* undo.h — undo and redo of answer changes, for the interface.  No curses,
 * no I/O.
 *
 * An entry is one change of one question: its answers (every field with its
 * who/when, the follow-up flag and the to-review mark) before and after.
 * Undo puts the question back exactly as it was before — with the who/when
 * those answers had, so an undone change leaves no trace in the record —
 * and redo exactly as it was when it was undone (the after, while every
 * change goes through the log).  The log keeps the last UNDO_MAX
 * changes; a new change drops the ones that could be redone.  Changes must
 * be undone in order: the log assumes the question is as its newest entry
 * left it (true while every change goes through the log). */
#ifndef COOPCHECK_UNDO_H
#define COOPCHECK_UNDO_H

#include <stddef.h>

#include "model.h"

#define UNDO_MAX 100

struct undo_entry {
    size_t qi;
    struct qanswers other;   /* owned: the before while it can be undone, the
                                after once undone (they change places) */
};

struct undo_log {
    struct undo_entry *v;   /* oldest first */
    size_t n;               /* entries held */
    size_t pos;             /* entries [0, pos) can be undone, [pos, n) redone */
};

void undo_init(struct undo_log *u);
void undo_release(struct undo_log *u);
/* Records that question qi of a changed from *before (a copy made with
 * qanswers_copy just before the change; the log takes it over and zeroes
 * *before) to what a holds now.  Returns 1 when recorded, 0 when the
 * question did not change (before is released then). */
int undo_record(struct undo_log *u, const struct assessment *a, size_t qi, struct qanswers *before);
/* Undoes the newest change (redo: re-applies the one undone last); returns
 * its question's index, or -1 when there is nothing to undo (redo). */
long undo_undo(struct undo_log *u, struct assessment *a);
long undo_redo(struct undo_log *u, struct assessment *a);

#endif
