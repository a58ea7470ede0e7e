/* exportfx.h — the assessment the report suites render (tests/test_export.c,
 * tests/test_export_summary.c), built in code from the real catalogue with
 * fixed names and times, so that the reports are byte for byte the same on
 * every run; and the officer's records and the report's extra (the round's
 * base snapshot, approvals with each signature state, required roles,
 * today) for the committee's summary.
 *
 * Names.  Every test program links the support objects: these names (fx_,
 * FX_) are global in all of them. */
#ifndef COOPCHECK_EXPORTFX_H
#define COOPCHECK_EXPORTFX_H

#include <stddef.h>

#include "approvals.h"
#include "catalog.h"
#include "export.h"
#include "model.h"

#define FX_NOW "2026-01-15T10:00:00Z"        /* every answer's time */
#define FX_WHO "alice"
#define FX_GENERATED "2026-01-20T08:30:00Z"  /* the report's "generated at" */
#define FX_TODAY "2026-01-20"
#define FX_SNAPSHOT "2026-01-15-committee"   /* fx_snapshot's name */
#define FX_BASE "2025-07-01-round1"          /* the round's base snapshot */

/* Index of question id and of its field id; fail the test when missing. */
size_t fx_qi(const struct catalog *cat, const char *id);
size_t fx_fi(const struct catalog *cat, size_t qi, const char *id);
/* Setters that fail the test when the model refuses. */
void fx_set_text(struct assessment *a, const char *q, const char *f, const char *text);
void fx_set_yn(struct assessment *a, const char *q, const char *f, enum yesno v);
/* *slot = a copy of s (NULL: NULL), the old value freed. */
void fx_replace(char **slot, const char *s);

/* Round 2 of "tum-hit-2026", based on FX_BASE: answered, partly answered,
 * open, "unsure" (with and without a note), to review and flagged
 * questions, CJK and umlauts, a partner added since creation.  No officer's
 * records. */
struct assessment *fx_assessment(const struct catalog *cat);
/* Makes a a snapshot: FX_SNAPSHOT, complete, with a two-line note. */
void fx_snapshot(struct assessment *a);
/* The officer's records: ratings of six questions and the overall one, four
 * measures (M1 in place, M2 planned and overdue on FX_TODAY, M3 planned, M4
 * done), and the decision of round 2: proceed with conditions M1 and M2. */
void fx_officer(struct assessment *a);

/* The report's extra for a: the base snapshot (FX_BASE: questions 1, 3 and
 * 12 differ), the working assessment's approvals (of FX_SNAPSHOT: valid,
 * INVALID, unsigned, not checked; and one of another snapshot), their
 * checks, the required roles "PI", "research-security officer" and "Legal
 * office" (Legal office is missing), today FX_TODAY. */
struct fx_extra {
    struct export_extra x;
    struct assessment *base, *working;
    struct approval_check checks[8];
    struct strlist required;
};
void fx_extra_init(struct fx_extra *e, const struct catalog *cat);
void fx_extra_release(struct fx_extra *e);

#endif
