/* theme.h — colour themes as data.  No curses: the terminal layer turns a
 * struct theme into colour pairs and attributes.
 *
 * A theme is an INI file (themes/NAME.ini, also in the user's
 * $XDG_CONFIG_HOME/coopcheck/themes/ and the system data dir):
 *   [theme]
 *   description = "Colours on the terminal's own background"
 *   [colors]
 *   header = white, blue, bold        ; fg, bg, attributes...
 *   list_selected = default, default, reverse
 * Colours: default (the terminal's own), black, red, green, yellow, blue,
 * magenta, cyan, white, bright-black ... bright-white, or 0-255.  Attributes:
 * bold, dim, underline, reverse, italic, none.  Every slot not named keeps the
 * built-in default's value.  The attributes are used on monochrome terminals
 * and with NO_COLOR too, so each theme keeps selection and focus visible
 * without colour. */
#ifndef COOPCHECK_THEME_H
#define COOPCHECK_THEME_H

#include "util.h"

enum theme_slot {
    TS_NORMAL,          /* anything not named below */
    TS_HEADER,          /* top line: cooperation, catalogue, progress */
    TS_STATUS,          /* bottom line: key hints */
    TS_MESSAGE,         /* bottom line: a notice */
    TS_ERROR,           /* bottom line: an error */
    TS_BORDER,          /* pane borders */
    TS_TITLE,           /* pane titles */
    TS_SECTION,         /* section headings in the question list */
    TS_LIST,            /* a question in the list */
    TS_LIST_SELECTED,   /* the selected question, list focused */
    TS_LIST_INACTIVE,   /* the selected question, another pane focused */
    TS_MARK_ANSWERED,
    TS_MARK_PARTIAL,
    TS_MARK_OPEN,
    TS_MARK_REVIEW,
    TS_FLAG,            /* "needs follow-up" */
    TS_QUESTION,        /* the official question text, and what the source sets in bold */
    TS_LABEL,           /* a field's label */
    TS_VALUE,           /* a field's value */
    TS_FOCUS,           /* the focused field */
    TS_EDITOR,          /* a text field being edited */
    TS_HELP_HEADING,
    TS_HELP_TEXT,
    TS_DIFF_ADDED,
    TS_DIFF_REMOVED,
    TS_MATCH,           /* what a search found */
    TS_COUNT
};

#define THEME_BOLD      0x01u
#define THEME_DIM       0x02u
#define THEME_UNDERLINE 0x04u
#define THEME_REVERSE   0x08u
#define THEME_ITALIC    0x10u

#define THEME_DEFAULT_COLOR (-1)

struct theme_style {
    int fg, bg;          /* THEME_DEFAULT_COLOR or 0..255 */
    unsigned attrs;      /* THEME_* bits */
};

struct theme {
    char *name;
    struct theme_style slot[TS_COUNT];
};

/* The INI key of a slot ("list_selected"), and back (-1 when unknown). */
const char *theme_slot_name(enum theme_slot s);
int theme_slot_from_name(const char *name);

/* The built-in default theme (compiled in from themes/default.ini). */
void theme_builtin(struct theme *t);

/* Parses INI text into t (which starts as the built-in default).  Problems give
 * -1 with "NAME:LINE: ..." (unknown slot, unknown colour or attribute, syntax);
 * t is then left as the built-in default. */
int theme_parse(struct theme *t, const char *text, const char *name, struct cc_err *err);

/* Finds NAME.ini in the theme directories (user config dir, system data dir,
 * build tree) and loads it. */
int theme_load(struct theme *t, const char *name, struct cc_err *err);

void theme_release(struct theme *t);

#endif
