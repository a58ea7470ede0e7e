/* words.h — the words for the model's states, said in one place in the
 * current language (i18n.h): the command line, the reports and the interface
 * all use these, so "unsure" is spelled once. */
#ifndef COOPCHECK_WORDS_H
#define COOPCHECK_WORDS_H

#include "model.h"

/* "yes", "no", "unsure", "unanswered" (translated). */
const char *yesno_word(enum yesno v);
/* "answered", "partly answered", "unanswered"; "to review" when review. */
const char *qstate_word(enum qstate s, int review);

/* "Title", "Partners", "Country", "Principal investigator", "Start date",
 * "Re-assessment interval (months)", "Catalogue", "ID" (translated). */
const char *coop_field_label(enum coop_field f);

struct store_due;
/* The officer's side of a cooperation's state for lists, appended to out
 * (which holds n bytes) after ", " when out is not empty: "2 measures
 * overdue" (today: YYYY-MM-DD...). */
void officer_state_append(const struct assessment *a, const char *today, char *out, size_t n);
/* The same for approvals: "awaiting approval: PI" when the snapshot that
 * closed the last round lacks approvals in roles of required. */
void approval_state_append(const struct assessment *a, const struct strlist *required, char *out,
                           size_t n);
/* A cooperation's state for lists: "overdue", "due" (within a month), "",
 * with ", never assessed" and ", interim" where they apply (translated);
 * into out. */
void due_state_text(const struct store_due *d, char *out, size_t n);

/* What a complete snapshot of a does, said before it is taken ("Nothing is
 * open: this snapshot is complete. It closes round 2, ..."); caller frees. */
char *snapshot_complete_text(const struct assessment *a);

/* What is still open, one line per kind that has any: "unanswered: 1, 2,
 * 5", "partly answered: 4", "unsure without explanation: 4", "to review: 7",
 * "flagged for follow-up: 9" (question numbers; translated). */
void open_items_lines(const struct assessment *a, const struct open_items *o, struct strlist *lines);

#endif
