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

/* The diff laid out once, for every reader: a list of blocks (paragraphs)
 * of tagged spans.  The command line renders them as text with ANSI colours
 * or [-...-]{+...+} (diffout_text), the interface wraps them to its width and
 * draws the tags in its theme's colours, the text fields of changed answers
 * side by side on wide terminals. */
enum dtag {
    DT_TEXT,      /* plain */
    DT_TITLE,     /* the summary */
    DT_HEADING,   /* a changed question's number and title */
    DT_LABEL,     /* a field's label */
    DT_NOTE,      /* a remark: the question's text changed, follow-up */
    DT_REMOVED,   /* old words of a text answer */
    DT_ADDED,     /* new words of a text answer */
    DT_OLD,       /* the old yes/no answer (not bracketed: the arrow says it) */
    DT_NEW,       /* the new yes/no answer */
};

struct dspan {
    char *text;   /* sanitised, may hold line breaks (answers) */
    enum dtag tag;
};

struct dblock {
    int question;         /* the question it belongs to, or -1 */
    int first;            /* 1 on the heading of a changed question */
    int indent;           /* columns */
    struct dspan *v;      /* the unified text (empty: a blank line) */
    size_t n;
    /* a text field's word diff: the old and the new version apart */
    struct dspan *old, *new_;
    size_t nold, nnew;
    int sides;
};

struct ddoc {
    struct dblock *v;
    size_t n;
};

/* The diff as blocks; labels name the two sides.  Words are the current
 * language's (i18n.h); catalogue texts are in lang. */
void diffout_doc(const struct assessment_diff *d, const char *label_old, const char *label_new,
                 enum lang lang, struct ddoc *out);
void diffout_doc_release(struct ddoc *doc);

/* A summary line block, then each changed question with its yes/no changes
 * and word diffs, then one line naming the unchanged questions, each block
 * wrapped to width columns under its indent (0: not wrapped; a word longer
 * than a row stays whole).  All answer and catalogue text is sanitised. */
void diffout_text(struct sbuf *out, const struct assessment_diff *d, const char *label_old,
                  const char *label_new, enum lang lang, enum diffout_style style, size_t width);

/* The same as a JSON document (caller frees). */
char *diffout_json(const struct assessment_diff *d, const char *label_old, const char *label_new);

/* 1 when the two differ in anything the diff reports. */
int diffout_differs(const struct assessment_diff *d);

#endif
