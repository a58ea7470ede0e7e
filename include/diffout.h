/* diffout.h — an assessment diff as text (for the terminal or an e-mail) and
 * as JSON (for tools).  No curses. */
#ifndef COOPCHECK_DIFFOUT_H
#define COOPCHECK_DIFFOUT_H

#include "diff.h"
#include "lang.h"
#include "util.h"

enum diffout_style {
    DIFFOUT_PLAIN,   /* removed words as [-old-], added as {+new+} (git --word-diff) */
    DIFFOUT_COLOR,   /* removed words red, added green (ANSI SGR), no brackets */
};

/* A summary line block, then each changed question with its yes/no changes
 * and word diffs, then one line naming the unchanged questions.  All answer
 * and catalogue text is sanitised. */
void diffout_text(struct sbuf *out, const struct assessment_diff *d, const char *label_old,
                  const char *label_new, enum lang lang, enum diffout_style style);

/* The same as a JSON document (caller frees). */
char *diffout_json(const struct assessment_diff *d, const char *label_old, const char *label_new);

/* 1 when the two differ in anything the diff reports. */
int diffout_differs(const struct assessment_diff *d);

#endif
