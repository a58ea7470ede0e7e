/* conflicts.h — the conflicts a merge of two copies of a shared store
 * recorded in an assessment (model.h, struct merge_conflict), in words, and
 * their resolution: keep mine, take theirs, or edit the value (which
 * resolves it by itself: afile_prune_conflicts).  No curses. */
#ifndef COOPCHECK_CONFLICTS_H
#define COOPCHECK_CONFLICTS_H

#include <stddef.h>

#include "catalog.h"
#include "model.h"
#include "util.h"

/* The conflict's place for people: "question 4 (q04), Dependence on China",
 * "overall risk", "measure M3", "decision", "title" ... (translated). */
void conflict_place(const struct assessment *a, const struct merge_conflict *c, struct sbuf *out);
/* One side's value (JSON text; NULL: absent) for people, on one line, at
 * most max columns: an answer's value, a rating's level and rationale, a
 * measure's text ... "(none)" when absent. */
void conflict_value(const char *json, struct sbuf *out, size_t max);
/* Who gave that value and when ("alice, 2026-12-01T10:00:00Z"), "" when it
 * does not say. */
void conflict_who(const char *json, struct sbuf *out);

/* The conflict at field fid of question qid (fid NULL: the first anywhere
 * in that question's answers): its index, or -1. */
long conflict_at(const struct assessment *a, const char *qid, const char *fid);

/* Resolves conflict i by keeping this side's value. */
void conflict_keep_mine(struct assessment *a, size_t i);
/* Resolves conflict i by taking the other side's value: *out receives a new
 * assessment, a with that value (and a's file hash, so that the save still
 * detects a change by someone else).  0, or -1 with err when the result
 * does not load. */
int conflict_take_theirs(const struct assessment *a, size_t i, const struct catalog_set *cats,
                         struct assessment **out, struct cc_err *err);

#endif
