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

#endif
