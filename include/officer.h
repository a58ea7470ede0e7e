/* officer.h — the officer's half of an assessment: risk ratings per question
 * and overall, the mitigation register, the round's decision and the named
 * (optionally signed) approvals of snapshots.  The records live in struct
 * assessment (model.h); this module validates, changes and summarises them.
 * No I/O, no curses.
 *
 * Every change is stamped who/when like an answer.  A rating or measure
 * carried into the next round is marked to review until the officer
 * confirms or changes it; the decision keeps the round it decided, so the
 * working assessment always holds the last decision, and the next round
 * starts without one of its own. */
#ifndef COOPCHECK_OFFICER_H
#define COOPCHECK_OFFICER_H

#include <stddef.h>

#include "model.h"
#include "util.h"

#define OFFICER_SHORT_MAX 200u        /* bytes: owner, body, role, name, signer */
#define MEASURES_MAX 999u
#define OVERALL_REF "overall"         /* a measure addressing the overall risk */

/* "unrated", "none", "low", "medium", "high": names in files and JSON. */
const char *risk_name(enum risk r);
/* The same for people (translated). */
const char *risk_word(enum risk r);
/* A name, in English or German ("niedrig"); -1 otherwise. */
int risk_parse(const char *s);
/* "planned", "in_place", "done", "dropped". */
const char *mstatus_name(enum mstatus s);
const char *mstatus_word(enum mstatus s);
int mstatus_parse(const char *s);     /* also "in-place" and German words */
/* "none", "proceed", "proceed_with_conditions", "postpone", "do_not_proceed". */
const char *outcome_name(enum outcome o);
const char *outcome_word(enum outcome o);
int outcome_parse(const char *s);     /* also with '-' for '_', German words */
/* A short word for lists: "proceed", "conditions", "postponed", "declined", "-". */
const char *outcome_short(enum outcome o);

/* ---- ratings ---- */

/* Rates question qi (qi == a->cat->nquestions: the overall risk) at level
 * with the rationale why (NULL keeps it; "" clears it).  RISK_UNRATED with
 * no rationale clears the rating.  Clears its "to review" mark. */
int officer_rate(struct assessment *a, size_t qi, enum risk level, const char *why,
                 const char *who, const char *now, struct cc_err *err);
/* Confirms a carried-over rating (qi as above); 0 when there was none to confirm. */
int officer_confirm_rating(struct assessment *a, size_t qi, const char *who, const char *now);
/* The rating of question qi, or the overall one for qi == nquestions. */
const struct rating *officer_rating(const struct assessment *a, size_t qi);

struct risk_tally {
    enum risk highest;              /* RISK_UNRATED when nothing is rated */
    size_t count[RISK_LEVELS];      /* questions per level */
};
/* The ratings of section si's questions (si == nsections: all questions). */
void officer_tally(const struct assessment *a, size_t si, struct risk_tally *t);

/* ---- measures ---- */

/* Checks a measure's texts, dates and addresses (question ids of a's
 * catalogue or "overall"): 0, or -1 with the message. */
int measure_check(const struct assessment *a, const struct measure *m, struct cc_err *err);
/* Adds a copy of m (its id, stamps and review are assigned); *id receives the id. */
int measure_add(struct assessment *a, const struct measure *m, const char *who, const char *now,
                unsigned *id, struct cc_err *err);
/* Replaces measure id's contents by m's (id, created kept); 1 when something
 * changed (stamped, review cleared), 0 when nothing did, -1 with a message. */
int measure_replace(struct assessment *a, unsigned id, const struct measure *m, const char *who,
                    const char *now, struct cc_err *err);
/* Confirms a carried-over measure: 1, or 0 when it was not to review. */
int measure_confirm(struct assessment *a, unsigned id, const char *who, const char *now);
/* The measure with id, or NULL. */
struct measure *measure_find(const struct assessment *a, unsigned id);
/* "M7" into out; a measure id from "M7"/"m7"/"7" (0 when none). */
void measure_label(unsigned id, char out[16]);
unsigned measure_id_parse(const char *s);
/* 1 when a planned measure's due date (YYYY-MM-DD) is before today's. */
int measure_overdue(const struct measure *m, const char *today);
/* Measures still open (planned or in place); overdue ones among them. */
size_t officer_open_measures(const struct assessment *a);
size_t officer_overdue_measures(const struct assessment *a, const char *today);
/* Measures marked to review; ratings marked to review (questions + overall). */
size_t officer_measures_to_review(const struct assessment *a);
size_t officer_ratings_to_review(const struct assessment *a);
void measure_copy(struct measure *dst, const struct measure *src);
void measure_release(struct measure *m);

/* ---- the decision ---- */

/* Records the decision of the current round: outcome other than OUT_NONE,
 * conditions (existing measures; required for "proceed with conditions",
 * refused otherwise), a body, a date and a rationale.  Replaces the one
 * there was (an earlier round's lives on in its snapshot). */
int decision_set(struct assessment *a, const struct decision *d, const char *who,
                 const char *now, struct cc_err *err);
/* 1 when a decision of the current round is recorded. */
int decision_current(const struct assessment *a);
void decision_copy(struct decision *dst, const struct decision *src);
void decision_release(struct decision *d);

/* ---- approvals ---- */

/* Adds an approval of snapshot ap->snapshot (whose SHA-256 is ap->sha256):
 * role, name and date required; signer and signature both or neither.
 * The same role approving the same snapshot twice is refused (EEXIST). */
int approval_add(struct assessment *a, const struct approval *ap, const char *who,
                 const char *now, struct cc_err *err);
/* The roles of required (config: required_approvals) that snapshot name has
 * no approval for, appended to missing; compared without regard to case. */
void approval_missing(const struct assessment *a, const char *snapshot,
                      const struct strlist *required, struct strlist *missing);
/* The text an approval's signature signs (caller frees): it names the
 * snapshot, its SHA-256, the role, the name and the date (coopcheck(5)). */
char *approval_message(const struct approval *ap);
void approval_copy(struct approval *dst, const struct approval *src);
void approval_release(struct approval *ap);

/* ---- the whole ---- */

/* Copies, releases and compares the officer's records of an assessment
 * (ratings of questions are the qanswers'; these are the rest). */
void officer_copy(struct assessment *dst, const struct assessment *src);
void officer_release(struct assessment *a);
/* At the start of a new round: every rating and every open measure is
 * marked to review. */
void officer_round_start(struct assessment *a);
/* 1 when a and b hold the same rating (level, rationale, review, stamps). */
int rating_equal(const struct rating *a, const struct rating *b);
void rating_copy(struct rating *dst, const struct rating *src);
void rating_release(struct rating *r);

#endif
